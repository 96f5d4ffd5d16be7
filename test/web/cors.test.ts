/** cors() through a real server (docs/web.md): preflights answered, headers on responses, credentials, disallowed origins. */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { project, startApp, type RunningApp } from "../support/ntnt-app";

const dir = project({
  "app.tnt": `import { json, cors } from "std/http/server"
fn list(req) { return json(map { "items": [1, 2] }) }
use_middleware(cors(map { "origins": ["http://app.test"], "methods": ["GET", "POST"], "headers": ["content-type", "authorization"], "expose": ["x-total"], "credentials": true, "max_age": 600 }))
get("/api/items", list)
post("/api/items", list)
listen(8080)
`,
  "open.tnt": `import { text, cors } from "std/http/server"
fn hi(req) { return text("hi") }
use_middleware(cors())
get("/", hi)
listen(8080)
`,
});
let app: RunningApp;
let open: RunningApp;
beforeAll(async () => {
  app = await startApp(join(dir, "app.tnt"));
  open = await startApp(join(dir, "open.tnt"));
});
afterAll(async () => {
  await app.stop();
  await open.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("cors()", () => {
  test("a preflight from an allowed origin is answered with the configured headers", async () => {
    const r = await fetch(app.base + "/api/items", {
      method: "OPTIONS",
      headers: { origin: "http://app.test", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe("http://app.test");
    expect(r.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(r.headers.get("access-control-allow-headers")).toBe("content-type, authorization");
    expect(r.headers.get("access-control-allow-credentials")).toBe("true");
    expect(r.headers.get("access-control-max-age")).toBe("600");
    expect(r.headers.get("vary")).toContain("Origin");
  });
  test("a simple request gets the origin, credentials and exposed headers", async () => {
    const r = await fetch(app.base + "/api/items", { headers: { origin: "http://app.test" } });
    expect(await r.json()).toEqual({ items: [1, 2] });
    expect(r.headers.get("access-control-allow-origin")).toBe("http://app.test");
    expect(r.headers.get("access-control-allow-credentials")).toBe("true");
    expect(r.headers.get("access-control-expose-headers")).toBe("x-total");
  });
  test("another origin gets no CORS headers; a request without Origin is untouched", async () => {
    const pre = await fetch(app.base + "/api/items", { method: "OPTIONS", headers: { origin: "http://evil.test", "access-control-request-method": "POST" } });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const r = await fetch(app.base + "/api/items", { headers: { origin: "http://evil.test" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    expect((await fetch(app.base + "/api/items")).headers.get("access-control-allow-origin")).toBeNull();
  });
  test("cors() with no options allows any origin with *", async () => {
    const r = await fetch(open.base + "/", { headers: { origin: "http://any.test" } });
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    const pre = await fetch(open.base + "/", {
      method: "OPTIONS",
      headers: { origin: "http://any.test", "access-control-request-method": "GET", "access-control-request-headers": "x-custom" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toBe("x-custom");
  });
});
