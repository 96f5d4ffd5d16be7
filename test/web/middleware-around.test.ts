/** Middleware around the handler (docs/web.md): `fn mw(req, next)` runs code after the handler and changes the response; OPTIONS, HEAD and 405 pass through it. */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { project, startApp, type RunningApp } from "../support/ntnt-app";

const dir = project({
  "app.tnt": `import { text, json } from "std/http/server"
import { sleep_ms } from "std/concurrent"
fn outer(req, next) {
    let resp = next(req)
    resp["headers"]["x-outer"] = "1"
    resp["headers"]["x-seen-status"] = "{resp.status}"
    return resp
}
fn tag(req) {
    let r = req
    r["user"] = "ada"
    return r
}
fn inner(req, next) {
    if req.path == "/blocked" {
        return text("blocked by inner", 403)
    }
    let resp = next(req)
    resp["headers"]["x-inner"] = req.method
    return resp
}
fn hello(req) {
    return text("hello {req.user}")
}
fn slow(req) {
    sleep_ms(20)
    return "plain string"
}
fn broken(req) {
    return 1 / 0
}
use_middleware(outer)
use_middleware(tag)
use_middleware(inner)
get("/hello", hello)
get("/slow", slow)
get("/broken", broken)
get("/blocked", hello)
post("/only-post", hello)
listen(8080)
`,
});
let app: RunningApp;
beforeAll(async () => {
  app = await startApp(join(dir, "app.tnt"));
});
afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("middleware around the handler", () => {
  test("a two-parameter middleware sees and changes the handler's response; one-parameter middleware still replace the request", async () => {
    const r = await fetch(app.base + "/hello");
    expect(await r.text()).toBe("hello ada");
    expect(r.headers.get("x-outer")).toBe("1");
    expect(r.headers.get("x-inner")).toBe("GET");
    expect(r.headers.get("x-seen-status")).toBe("200");
  });
  test("a suspending handler's string result reaches the middleware as a response map", async () => {
    const r = await fetch(app.base + "/slow");
    expect(await r.text()).toBe("plain string");
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(r.headers.get("x-outer")).toBe("1");
  });
  test("a middleware's own answer goes back through the outer ones", async () => {
    const r = await fetch(app.base + "/blocked");
    expect(r.status).toBe(403);
    expect(r.headers.get("x-outer")).toBe("1");
    expect(r.headers.get("x-seen-status")).toBe("403");
  });
  test("a handler error is still a 500 with its text", async () => {
    const r = await fetch(app.base + "/broken");
    expect(r.status).toBe(500);
    expect(await r.text()).toContain("Division by zero");
  });
  test("HEAD and the automatic OPTIONS pass through middleware; a 405 does not", async () => {
    const head = await fetch(app.base + "/hello", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-inner")).toBe("HEAD");
    const options = await fetch(app.base + "/hello", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(options.headers.get("x-outer")).toBe("1");
    expect(options.headers.get("x-inner")).toBe("OPTIONS");
    const wrong = await fetch(app.base + "/only-post");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("OPTIONS, POST");
    expect(wrong.headers.get("x-outer")).toBeNull();
  });
  test("404 does not run middleware", async () => {
    const r = await fetch(app.base + "/nowhere");
    expect(r.status).toBe(404);
    expect(r.headers.get("x-outer")).toBeNull();
  });
});
