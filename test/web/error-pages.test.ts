/** Custom 404 and error handlers through a real server (docs/web.md), with production masking kept. */

import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { project, startApp } from "../support/ntnt-app";

const dir = project({
  "app.tnt": `import { json, text } from "std/http/server"
fn missing(req) {
    return json(map { "error": "no such page", "path": req.path }, 404)
}
fn failed(req, err) {
    return json(map { "error": err.message, "status": err.status }, err.status)
}
fn boom(req) { return 1 / 0 }
fn strict(req) requires req.query_params["n"] != "" { return text("ok") }
fn body(req) { return json(req.json) }
on_not_found(missing)
on_error(failed)
get("/boom", boom)
get("/strict", strict)
post("/body", body)
listen(8080)
`,
  "bad.tnt": `import { text } from "std/http/server"
fn broken_handler(req, err) { return 1 / 0 }
fn boom(req) { return 1 / 0 }
on_error(broken_handler)
get("/boom", boom)
listen(8080)
`,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("error pages", () => {
  test("development: 404, 405, 400 and 500 go through the handlers", async () => {
    const app = await startApp(join(dir, "app.tnt"));
    try {
      const nf = await fetch(app.base + "/nope");
      expect(nf.status).toBe(404);
      expect(await nf.json()).toEqual({ error: "no such page", path: "/nope" });
      const na = await fetch(app.base + "/boom", { method: "POST" });
      expect(na.status).toBe(405);
      expect(na.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(await na.json()).toEqual({ error: "Method Not Allowed", status: 405 });
      const bad = await fetch(app.base + "/strict?n=");
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toContain("Precondition failed in 'strict'");
      const json = await fetch(app.base + "/body", { method: "POST", body: "{oops" });
      expect(json.status).toBe(400);
      expect(((await json.json()) as { error: string }).error).toContain("invalid JSON body");
      const boom = await fetch(app.base + "/boom");
      expect(boom.status).toBe(500);
      expect(await boom.json()).toEqual({ error: "Division by zero", status: 500 });
    } finally {
      await app.stop();
    }
  }, 30_000);

  test("production: a 500 reaches the error handler with the generic message only", async () => {
    const app = await startApp(join(dir, "app.tnt"), { env: { NTNT_ENV: "production" } });
    try {
      const boom = await fetch(app.base + "/boom");
      expect(boom.status).toBe(500);
      expect(await boom.json()).toEqual({ error: "Internal Server Error", status: 500 });
      expect(app.stderr()).toContain("Division by zero");
    } finally {
      await app.stop();
    }
  }, 30_000);

  test("an error handler that fails falls back to the plain answer and is logged", async () => {
    const app = await startApp(join(dir, "bad.tnt"));
    try {
      const r = await fetch(app.base + "/boom");
      expect(r.status).toBe(500);
      expect(await r.text()).toBe("Division by zero");
      for (let i = 0; i < 50 && !app.stderr().includes("Error handler error"); i++) await Bun.sleep(20);
      expect(app.stderr()).toContain("Error handler error: Division by zero");
    } finally {
      await app.stop();
    }
  }, 30_000);
});
