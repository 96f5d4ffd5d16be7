/** `ntnt test` through the real CLI (cli.md §4.2, issue #14 defect 5 and features): order, redirects, headers, cookies, expected statuses. */

import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { track } from "../support/children";
import { freePort, project } from "../support/ntnt-app";

const NTNT = join(import.meta.dir, "..", "..", "ntnt");
const dir = project({
  "app.tnt": `import { text, json, redirect, response } from "std/http/server"
import { has_key } from "std/collections"
let hits = 0
fn target(req) {
    hits = hits + 1
    return text("target ran")
}
fn login(req) {
    return response(303, map { "location": "/me", "set-cookie": "sid=abc123; Path=/; HttpOnly" }, "")
}
fn logout(req) {
    return response(200, map { "set-cookie": "sid=; Path=/; Max-Age=0" }, "bye")
}
fn me(req) {
    if has_key(req.cookies, "sid") { return json(map { "sid": req.cookies["sid"], "theme": req.cookies["theme"] }) }
    return json(map { "error": "login first" }, 401)
}
fn echo(req) {
    return json(map { "method": req.method, "token": req.headers["authorization"], "body": req.body })
}
fn go(req) { return redirect("/target") }
fn count(req) { return text("{hits}") }
get("/go", go)
get("/target", target)
get("/count", count)
post("/login", login)
post("/logout", logout)
get("/me", me)
patch("/echo", echo)
get("/echo", echo)
listen(8080)
`,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ntntTest(...args: string[]) {
  const port = await freePort();
  const p = track(
    Bun.spawn([NTNT, "test", "app.tnt", "--port", String(port), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, stdout: "pipe", stderr: "pipe" }),
  );
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { out, err, code };
}

describe("ntnt test", () => {
  test("a redirect is reported as its 3xx (OK) and its target is not requested", async () => {
    const r = await ntntTest("--get", "/go", "--get", "/count");
    expect(r.out).toContain("[REQUEST 1] GET /go\n[RESPONSE] 302 (OK)\n");
    expect(r.out).toContain("[REQUEST 2] GET /count\n[RESPONSE] 200 (OK)\n0\n");
    expect(r.code).toBe(0);
  }, 20_000);

  test("-v prints the status and the response headers", async () => {
    const r = await ntntTest("-v", "--get", "/go");
    expect(r.out).toMatch(/\[STATUS\] 302\n(.+: .+\n)*location: \/target\n(.+: .+\n)*\[RESPONSE\] 302 \(OK\)/);
    expect(r.out).toContain("server: ntnt-async\n");
  }, 20_000);

  test("requests run in command-line order; --patch; -H headers; --body with PATCH", async () => {
    const r = await ntntTest("--patch", "/echo", "--get", "/echo", "-H", "Authorization: Bearer t0k", "--body", '{"a":1}');
    expect(r.code).toBe(0);
    const first = r.out.indexOf("[REQUEST 1] PATCH /echo");
    const second = r.out.indexOf("[REQUEST 2] GET /echo");
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(r.out).toContain('"body": "{\\"a\\":1}",\n  "method": "PATCH",\n  "token": "Bearer t0k"');
    expect(r.out).toContain('"body": "",\n  "method": "GET",\n  "token": "Bearer t0k"');
  }, 20_000);

  test("cookies set by the app are kept for later requests; --cookie seeds the jar; Max-Age=0 deletes", async () => {
    const r = await ntntTest(
      "--cookie",
      "theme=dark",
      "--get",
      "/me",
      "--expect",
      "401",
      "--post",
      "/login",
      "--get",
      "/me",
      "--post",
      "/logout",
      "--get",
      "/me",
      "--expect",
      "401",
    );
    expect(r.out).toContain("[REQUEST 1] GET /me\n[RESPONSE] 401 (OK)\n");
    expect(r.out).toContain("[REQUEST 2] POST /login\n[RESPONSE] 303 (OK)\n");
    expect(r.out).toContain('[REQUEST 3] GET /me\n[RESPONSE] 200 (OK)\n{\n  "sid": "abc123",\n  "theme": "dark"\n}');
    expect(r.out).toContain("[REQUEST 5] GET /me\n[RESPONSE] 401 (OK)\n");
    expect(r.out).toContain("=== 5 requests, 5 passed, 0 failed ===");
    expect(r.code).toBe(0);
  }, 20_000);

  test("an expected status that does not come fails the run", async () => {
    const r = await ntntTest("--get", "/count", "--expect", "404");
    expect(r.out).toContain("[RESPONSE] 200 (ERROR, expected 404)");
    expect(r.out).toContain("=== 1 requests, 0 passed, 1 failed ===");
    expect(r.code).toBe(1);
  }, 20_000);

  test("usage errors: --expect before any request, a header without a colon", async () => {
    const a = await ntntTest("--expect", "200", "--get", "/count");
    expect(a.code).toBe(2);
    expect(a.err).toContain("'--expect' must follow a request flag");
    const b = await ntntTest("--get", "/count", "-H", "nocolon");
    expect(b.code).toBe(2);
    expect(b.err).toContain("expected 'Name: value'");
  }, 20_000);
});
