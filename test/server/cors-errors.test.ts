/**
 * cors() on error answers (docs/web.md "CORS"): a request from an allowed origin whose handler
 * or later middleware raises gets its 500 with the CORS headers, so a browser on another origin
 * can read it; other origins and requests without Origin get none. Through real `./ntnt run` servers.
 */

import { describe, expect, test } from "bun:test";
import { projectServer } from "../support/ntnt-app";

const serve = projectServer();

const APP = `import { text, response, cors } from "std/http/server"
import { sleep_ms } from "std/concurrent"
fn broken(req) {
  let items = [1]
  return text(str(items[5]))
}
fn slow_broken(req) {
  sleep_ms(20)
  let items = [1]
  return text(str(items[5]))
}
fn fine(req) { return text("ok") }
fn no_answer(req) { return 42 }
fn bad_status(req) { return response(1000, map {}, "x") }
fn audit(req, next) {
  let res = next(req)
  if req.path == "/audited" {
    let items = [1]
    return text(str(items[5]))
  }
  return res
}
use_middleware(cors(map { "origins": ["http://app.test"], "expose": ["x-total"], "credentials": true }))
use_middleware(audit)
get("/broken", broken)
get("/slow", slow_broken)
get("/audited", fine)
get("/no-answer", no_answer)
get("/bad-status", bad_status)
listen(8080)
`;

const CORS_NAMES = ["access-control-allow-origin", "access-control-allow-credentials", "access-control-expose-headers"];

function corsOf(r: Response): Record<string, string | null> {
  return Object.fromEntries([...CORS_NAMES, "vary"].map((k) => [k, r.headers.get(k)]));
}

const ALLOWED = {
  "access-control-allow-origin": "http://app.test",
  "access-control-allow-credentials": "true",
  "access-control-expose-headers": "x-total",
  vary: "Origin",
};

describe("cors() on error answers", () => {
  test("a handler's error (sync and after suspending) and a later middleware's error answer 500 with the allowed origin's CORS headers", async () => {
    const app = await serve({ "app.tnt": APP });
    for (const path of ["/broken", "/slow", "/audited"]) {
      const r = await fetch(app.base + path, { headers: { origin: "http://app.test" } });
      const body = await r.text();
      expect([path, r.status, body.includes("Index out of bounds")]).toEqual([path, 500, true]);
      expect([path, corsOf(r)]).toEqual([path, ALLOWED]);
    }
  }, 30_000);

  test("a handler's invalid answer (an Int, a status out of range) answers 500 with them too", async () => {
    const app = await serve({ "app.tnt": APP });
    for (const [path, body] of [
      ["/no-answer", "Handler did not return a valid response"],
      ["/bad-status", "Internal Server Error"],
    ] as const) {
      const r = await fetch(app.base + path, { headers: { origin: "http://app.test" } });
      expect([path, r.status, await r.text()]).toEqual([path, 500, body]);
      expect([path, corsOf(r)]).toEqual([path, ALLOWED]);
      const other = await fetch(app.base + path, { headers: { origin: "http://evil.test" } });
      await other.text();
      expect([path, other.status, other.headers.get("access-control-allow-origin")]).toEqual([path, 500, null]);
    }
  }, 30_000);

  test("another origin and a request without Origin get the 500 without CORS headers", async () => {
    const app = await serve({ "app.tnt": APP });
    for (const headers of [{ origin: "http://evil.test" }, {}] as Record<string, string>[]) {
      const r = await fetch(app.base + "/broken", { headers });
      await r.text();
      expect(r.status).toBe(500);
      for (const k of CORS_NAMES) expect([k, r.headers.get(k)]).toEqual([k, null]);
    }
  }, 30_000);

  test("production's generic 500 and an on_error answer carry them too; a preflight is unchanged", async () => {
    const app = await serve({ "app.tnt": APP }, { NTNT_ENV: "production" });
    const r = await fetch(app.base + "/broken", { headers: { origin: "http://app.test" } });
    expect([r.status, await r.text()]).toEqual([500, "Internal Server Error"]);
    expect(corsOf(r)).toEqual(ALLOWED);
    const shaped = await serve({
      "app.tnt": APP.replace("listen(8080)", 'fn oops(req, err) { return text("sorry", err.status) }\non_error(oops)\nlisten(8080)'),
    });
    const s = await fetch(shaped.base + "/broken", { headers: { origin: "http://app.test" } });
    expect([s.status, await s.text()]).toEqual([500, "sorry"]);
    expect(corsOf(s)).toEqual(ALLOWED);
    const pre = await fetch(shaped.base + "/broken", { method: "OPTIONS", headers: { origin: "http://app.test", "access-control-request-method": "GET" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://app.test");
    expect(pre.headers.get("access-control-expose-headers")).toBeNull();
  }, 30_000);
});
