/** End to end: real NTNT programs under `./ntnt run` (spec §16 fixtures through the compiler). */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, startApp, type RunningApp } from "../support/ntnt-app";
import { waitFor } from "./helpers";

const F1 = `import { text, html, json, status, redirect, response, parse_json, parse_form } from "std/http/server"

fn home(req) { return text("Welcome") }
fn user(req) { return json(map { "id": req.params["id"] }) }
fn me(req) { return text("me") }
fn search(req) { return json(map { "q": req.query, "params": req.query_params }) }
fn info(req) { return json(map { "method": req.method, "path": req.path, "url": req.url, "key": req.headers["x-api-key"] }) }
fn plain(req) { return "just a string" }
fn nothing(req) { let x = 1 }
fn crash(req) {
    let m = map { "a": 1 }
    return text(m["missing"])
}
fn pj(req) {
    match parse_json(req) {
        Ok(d) => { return json(d) },
        Err(e) => { return status(400, "bad json") }
    }
}
fn form(req) { return json(parse_form(req)) }
fn ids(req) { return json(map { "id": req.id, "ip": req.ip }) }
fn custom(req) { return response(201, map { "X-Custom": "yes", "Content-Type": "application/xml" }, "<ok/>") }
fn zero() { return text("never") }

get("/", home)
get(r"/users/{id}", user)
get("/users/me", me)
get("/search", search)
get("/info", info)
get("/plain", plain)
get("/nothing", nothing)
get("/crash", crash)
post("/pj", pj)
post("/form", form)
get("/ids", ids)
get("/custom", custom)
get("/zero", zero)
listen(8080)
`;

const F2 = `import { json, text } from "std/http/server"
import { has_key } from "std/collections"
fn auth(req) {
    if req.path == "/private" {
        if !has_key(req.headers, "authorization") {
            return json(map { "error": "unauthorized" }, 401)
        }
    }
    return ()
}
fn tag(req) {
    if req.path == "/mw-error" {
        let m = map { "a": 1 }
        return m["nope"]
    }
    return map { "method": req.method, "path": req.path, "params": req.params,
                 "headers": req.headers, "body": req.body, "user": "ada" }
}
fn private(req) { return text("secret") }
fn whoami(req) { return text(req.user) }
use_middleware(auth)
use_middleware(tag)
get("/private", private)
get("/whoami", whoami)
get("/mw-error", whoami)
listen(8080)
`;

const F3 = `import { json, text } from "std/http/server"
fn divide(a, b)
requires b != 0
{ return a / b }
fn calc(req) { return json(map { "r": divide(int(req.query_params["a"]), int(req.query_params["b"])) }) }
fn create(req)
requires req.body != ""
{ return text("ok") }
fn wrong(req)
ensures result.status == 201
{ return text("x") }
get("/calc", calc)
post("/create", create)
get("/wrong", wrong)
listen(8080)
`;

const F6 = `import { text } from "std/http/server"
import { sleep_ms } from "std/concurrent"
fn slow(req) {
    sleep_ms(300)
    return text("slept")
}
fn fast(req) { return text("fast") }
fn spin(req) {
    let mut i = 0
    while true { i = i + 1 }
}
fn bye() { print("shutdown handler ran") }
get(r"/slow/{n}", slow)
get("/fast", fast)
get("/spin", spin)
on_shutdown(bye)
listen(8080)
print("after")
`;

describe("responses, params and request fields through the compiler", () => {
  let dir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dir = project({ "app.tnt": F1 });
    app = await startApp(join(dir, "app.tnt"), { hotReload: true });
  });
  afterAll(async () => {
    expect(await app.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (p: string, init?: RequestInit) => fetch(app.base + p, init);

  test("text, params, literal over param, query", async () => {
    expect(await (await get("/")).text()).toBe("Welcome");
    expect(await (await get("/users/42")).text()).toBe('{"id":"42"}');
    expect(await (await get("/users/me")).text()).toBe("me");
    expect(await (await get("/search?q=hello&page=2")).text()).toBe('{"params":{"page":"2","q":"hello"},"q":"q=hello&page=2"}');
  });
  test("request fields and headers map", async () => {
    const r = await get("/info?x=1", { headers: { "X-Api-Key": "k1" } });
    expect(await r.text()).toBe('{"key":"k1","method":"GET","path":"/info","url":"/info?x=1"}');
    const missing = await get("/info");
    expect(missing.status).toBe(500);
    expect(await missing.text()).toBe("Runtime error: Unknown key: x-api-key");
  });
  test("bare string, unit, runtime error, arity error", async () => {
    expect(await (await get("/plain")).text()).toBe("just a string");
    expect((await get("/nothing")).status).toBe(500);
    const crash = await get("/crash");
    expect(crash.status).toBe(500);
    expect(await crash.text()).toBe("Runtime error: Unknown key: missing");
    const zero = await get("/zero");
    expect(zero.status).toBe(500);
    expect(await zero.text()).toContain("Arity mismatch");
    // This request's own line: an earlier test's handler error is on stderr already, and this
    // one's may reach the pipe after the answer.
    await waitFor(() => app.stderr().includes("Handler error: Runtime error: Unknown key: missing"), 20_000);
    expect(app.stderr()).toMatch(/Handler error: Runtime error: Unknown key: missing \[req [^\]]+\] at .*app\.tnt:\d+:\d+/);
  });
  test("parse_json / parse_form", async () => {
    expect(await (await get("/pj", { method: "POST", body: '{"x":[1,2.5,null,true]}' })).text()).toBe('{"x":[1,2.5,null,true]}');
    expect((await get("/pj", { method: "POST", body: "{bad" })).status).toBe(400);
    expect(await (await get("/form", { method: "POST", body: "name=Ada+Lovelace&lang=en%26fr&empty" })).text()).toBe(
      '{"empty":"","lang":"en&fr","name":"Ada Lovelace"}',
    );
  });
  test("request id and ip", async () => {
    const r = await get("/ids", { headers: { "x-request-id": "abc-123" } });
    expect(r.headers.get("x-request-id")).toBe("abc-123");
    expect(await r.json()).toEqual({ id: "abc-123", ip: "127.0.0.1" });
  });
  test("response() and 405", async () => {
    const r = await get("/custom");
    expect(r.status).toBe(201);
    expect(r.headers.get("x-custom")).toBe("yes");
    const put = await get("/users/1", { method: "PUT" });
    expect(put.status).toBe(405);
  });
});

describe("middleware and contracts through the compiler", () => {
  let dir: string;
  let mw: RunningApp;
  let ct: RunningApp;
  beforeAll(async () => {
    dir = project({ "mw.tnt": F2, "ct.tnt": F3 });
    [mw, ct] = await Promise.all([startApp(join(dir, "mw.tnt"), { hotReload: true }), startApp(join(dir, "ct.tnt"), { hotReload: true })]);
  });
  afterAll(async () => {
    await Promise.all([mw.stop(), ct.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });
  test("middleware: short-circuit, pass-through, replaced request, error → 500", async () => {
    const denied = await fetch(mw.base + "/private");
    expect(denied.status).toBe(401);
    expect(await denied.text()).toBe('{"error":"unauthorized"}');
    expect(await (await fetch(mw.base + "/private", { headers: { authorization: "x" } })).text()).toBe("secret");
    expect(await (await fetch(mw.base + "/whoami")).text()).toBe("ada");
    const e = await fetch(mw.base + "/mw-error");
    expect(e.status).toBe(500);
    expect(await e.text()).toBe("Runtime error: Unknown key: nope");
  });
  test("contracts: the handler's failed requires → 400, a deeper one → 500, failed ensures → 500", async () => {
    expect(await (await fetch(ct.base + "/calc?a=10&b=2")).text()).toBe('{"r":5}');
    const bad = await fetch(ct.base + "/calc?a=10&b=0");
    expect(bad.status).toBe(500);
    expect(await bad.text()).toBe("Contract violation: Precondition failed in 'divide': b != 0");
    const empty = await fetch(ct.base + "/create", { method: "POST", body: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toBe(`Bad Request: Precondition failed in 'create': req.body != ""`);
    const wrong = await fetch(ct.base + "/wrong");
    expect(wrong.status).toBe(500);
    expect(await wrong.text()).toBe("Internal Error: Postcondition failed in 'wrong': result.status == 201");
  });
});

describe("sleep_ms, while true, shutdown through the compiler", () => {
  test("40 × sleep_ms(300) overlap; while true → 503 at the deadline; shutdown", async () => {
    const dir = project({ "app.tnt": F6 });
    const app = await startApp(join(dir, "app.tnt"), { args: ["--timeout", "1"], hotReload: true });
    try {
      // Checked by the order of the answers, not by a time a loaded machine can stretch: a
      // sleep_ms that held the process would answer /fast after all 40 sleepers, 12 s in.
      const t0 = performance.now();
      let slept = 0;
      const slow = Array.from({ length: 40 }, (_, i) =>
        fetch(`${app.base}/slow/${i}`)
          .then((r) => r.text())
          .then((b) => (slept++, b)),
      );
      await Bun.sleep(30);
      expect(await (await fetch(`${app.base}/fast`)).text()).toBe("fast");
      expect(slept).toBeLessThan(40);
      expect((await Promise.all(slow)).every((b) => b === "slept")).toBe(true);
      expect(performance.now() - t0).toBeLessThan(8000);

      const s0 = performance.now();
      let spun = false;
      const spinning = fetch(`${app.base}/spin`).then((r) => ((spun = true), r));
      await Bun.sleep(100);
      // A CPU-bound handler yields at loop back-edges: other routes keep answering (§13.1), before
      // the spin meets its 1 s deadline (one that did not yield would answer /fast after it).
      expect(await (await fetch(`${app.base}/fast`)).text()).toBe("fast");
      expect(spun).toBe(false);
      const spin = await spinning;
      expect(spin.status).toBe(503);
      const spinMs = performance.now() - s0;
      expect(spinMs).toBeGreaterThanOrEqual(995);
      expect(spinMs).toBeLessThan(5000);
      expect(await (await fetch(`${app.base}/fast`)).text()).toBe("fast");

      const inflight = Array.from({ length: 5 }, () => fetch(`${app.base}/slow/x`).then((r) => r.status));
      await Bun.sleep(50);
      expect(await app.stop()).toBe(0);
      expect((await Promise.all(inflight)).every((s) => s === 200)).toBe(true);
      const out = app.stdout();
      expect(out).toContain("shutdown handler ran");
      expect(out.indexOf("after")).toBeGreaterThan(out.indexOf("shutdown handler ran"));
    } finally {
      if (app.proc.exitCode === null) app.proc.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
  test("NTNT_TIMEOUT applies too", async () => {
    const dir = project({ "app.tnt": F6 });
    const app = await startApp(join(dir, "app.tnt"), { env: { NTNT_TIMEOUT: "1" }, hotReload: true });
    try {
      expect((await fetch(`${app.base}/spin`)).status).toBe(503);
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);
});

describe("hot reload through the compiler", () => {
  const v = (s: string) => `import { text } from "std/http/server"\nfn home(req) { return text("${s}") }\nget("/", home)\nlisten(8080)\n`;
  test("edit, broken edit (keeps serving, reported once), added route", async () => {
    const dir = project({ "app.tnt": v("v1") });
    const file = join(dir, "app.tnt");
    const app = await startApp(file, { hotReload: true });
    /** True once `path` answers `next`, having answered only `before` until then. */
    const servesNext = async (path: string, before: string, next: string) => {
      let ok = true;
      const switched = await waitFor(async () => {
        const t = await (await fetch(app.base + path)).text();
        if (t !== before && t !== next) ok = false;
        return t === next || !ok;
      }, 5000);
      return switched && ok;
    };
    try {
      expect(await (await fetch(app.base + "/")).text()).toBe("v1");
      await Bun.sleep(20);
      writeFileSync(file, v("v2"));
      // The edit is noticed through a file watcher (or the check re-armed shortly after the last
      // one), whose event may arrive after the next request: poll, bounded, for the new version.
      expect(await servesNext("/", "v1", "v2")).toBe(true);
      expect(app.stdout()).toContain("[hot-reload] app.tnt changed, reloading...");
      expect(app.stdout()).toContain("Reload complete.");
      await Bun.sleep(20);
      writeFileSync(file, `${v("v3")}\nfn broken( {`);
      for (let i = 0; i < 3; i++) expect(await (await fetch(app.base + "/")).text()).toBe("v2");
      await waitFor(() => app.stderr().includes("[hot-reload] Parse error:"), 2000);
      expect(app.stderr().match(/\[hot-reload\] Parse error:/g)?.length).toBe(1);
      await Bun.sleep(20);
      writeFileSync(file, v("v4").replace("listen(8080)", 'fn fresh(req) { return text("new") }\nget("/new", fresh)\nlisten(8080)'));
      expect(await servesNext("/", "v2", "v4")).toBe(true);
      expect(await (await fetch(app.base + "/new")).text()).toBe("new");
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
  test("autoescape() is a setting of the program version that calls it: an edit that drops it drops it", async () => {
    const v = (escaped: boolean) =>
      `import { html } from "std/http/server"\nimport { autoescape } from "std/template"\n${escaped ? "autoescape(true)\n" : ""}fn home(req) { return html(template("page.html", map { "x": "<b>" })) }\nget("/", home)\nlisten(8080)\n`;
    const dir = project({ "app.tnt": v(true), "page.html": "{{x}}" });
    const file = join(dir, "app.tnt");
    const app = await startApp(file, { hotReload: true });
    try {
      expect(await (await fetch(app.base + "/")).text()).toBe("&lt;b&gt;");
      await Bun.sleep(20);
      writeFileSync(file, v(false));
      // The edit is noticed through a file watcher whose event may arrive after the next request: poll, bounded.
      expect(await waitFor(async () => (await (await fetch(app.base + "/")).text()) === "<b>", 5000)).toBe(true);
      expect(app.stdout()).toContain("Reload complete.");
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
  test("production: no reload", async () => {
    const dir = project({ "app.tnt": v("v1") });
    const file = join(dir, "app.tnt");
    const app = await startApp(file, { env: { NTNT_ENV: "production" }, hotReload: true });
    try {
      expect(app.stderr()).toContain("Running in production mode (hot-reload disabled)");
      await Bun.sleep(20);
      writeFileSync(file, v("v2"));
      await Bun.sleep(150);
      expect(await (await fetch(app.base + "/")).text()).toBe("v1");
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
