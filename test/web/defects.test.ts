/**
 * Issue #14 defects 3, 4, 6 and 7 through a real `./ntnt run` server: OPTIONS through
 * middleware, response headers, invalid handler results logged, and which failed `requires`
 * is the client's fault.
 */

import { describe, expect, test } from "bun:test";
import { projectServer } from "../support/ntnt-app";

const serve = projectServer();

/** Wait until `pred` holds for the app's output (log lines are written after the response). */
async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !pred(); i++) await Bun.sleep(20);
}

describe("defect 3: the automatic OPTIONS answer passes through middleware", () => {
  test("a middleware can answer a CORS preflight", async () => {
    const app = await serve({
      "app.tnt": `import { text, response } from "std/http/server"
fn cors(req) {
    if req.method == "OPTIONS" {
        return response(204, map { "access-control-allow-origin": "*", "access-control-allow-methods": "GET, POST" }, "")
    }
    return ()
}
fn items(req) { return text("items") }
use_middleware(cors)
post("/items", items)
listen(8080)
`,
    });
    const r = await fetch(app.base + "/items", { method: "OPTIONS", headers: { origin: "http://x.test", "access-control-request-method": "POST" } });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
  }, 30_000);
});

describe("defect 4: response headers are not dropped silently", () => {
  const files = {
    "app.tnt": `import { redirect, response } from "std/http/server"
fn go(req) { return redirect("/café/ünïcode?q=ä b") }
fn typed(req) { return response(200, map { "x-count": 42, "x-flag": true, "x-ok": "yes" }, "typed") }
fn bad(req) { return response(200, map { "x-bad": "line\\nbreak", "x-ok": "yes" }, "bad") }
get("/go", go)
get("/typed", typed)
get("/bad", bad)
listen(8080)
`,
  };
  test("redirect() to a non-ASCII URL sends a percent-encoded Location", async () => {
    const app = await serve(files);
    const r = await fetch(app.base + "/go", { redirect: "manual" });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/caf%C3%A9/%C3%BCn%C3%AFcode?q=%C3%A4%20b");
  }, 30_000);
  test("Int and Bool header values are converted, not dropped", async () => {
    const app = await serve(files);
    const r = await fetch(app.base + "/typed");
    expect(r.headers.get("x-count")).toBe("42");
    expect(r.headers.get("x-flag")).toBe("true");
    expect(r.headers.get("x-ok")).toBe("yes");
  }, 30_000);
  test("an invalid header is dropped with a warning in development", async () => {
    const app = await serve(files);
    const r = await fetch(app.base + "/bad");
    expect(r.status).toBe(200);
    expect(r.headers.get("x-ok")).toBe("yes");
    expect(r.headers.get("x-bad")).toBeNull();
    await until(() => app.stderr().includes("x-bad"));
    expect(app.stderr()).toMatch(/warning: .*invalid header 'x-bad'.*dropped/);
  }, 30_000);
  test("an invalid header is logged in production", async () => {
    const app = await serve(files, { NTNT_ENV: "production" });
    await fetch(app.base + "/bad");
    await until(() => app.stderr().includes("x-bad"));
    expect(app.stderr()).toContain("x-bad");
  }, 30_000);
});

describe("defect 6: an invalid handler result is logged", () => {
  test("() and an array answer 500 with a log line naming the request id and file:line", async () => {
    const app = await serve({
      "app.tnt": `fn nothing(req) {
    let x = 1
}
fn list(req) {
    return [1, 2]
}
get("/nothing", nothing)
get("/list", list)
listen(8080)
`,
    });
    const a = await fetch(app.base + "/nothing", { headers: { "x-request-id": "req-nothing" } });
    expect(a.status).toBe(500);
    expect(await a.text()).toBe("Handler did not return a valid response");
    const b = await fetch(app.base + "/list", { headers: { "x-request-id": "req-list" } });
    expect(b.status).toBe(500);
    await until(() => app.stderr().includes("req-list"));
    expect(app.stderr()).toMatch(/Handler error: .*did not return a valid response.* \[req req-nothing\] at .*app\.tnt:1/);
    expect(app.stderr()).toMatch(/Handler error: .*did not return a valid response.* \[req req-list\] at .*app\.tnt:4/);
  }, 30_000);
});

describe("defect 7: only the route handler's own requires is the client's fault", () => {
  const files = {
    "app.tnt": `import { text } from "std/http/server"
fn half(n) requires n > 100 {
    return n / 2
}
fn own(req) requires req.query_params["n"] != "" {
    return text("ok")
}
fn deep(req) {
    return text("{half(4)}")
}
get("/own", own)
get("/deep", deep)
listen(8080)
`,
  };
  test("development: the handler's requires → 400; a deeper one → 500", async () => {
    const app = await serve(files);
    const own = await fetch(app.base + "/own?n=");
    expect(own.status).toBe(400);
    expect(await own.text()).toContain("Precondition failed in 'own'");
    const deep = await fetch(app.base + "/deep");
    expect(deep.status).toBe(500);
    expect(await deep.text()).toContain("Precondition failed in 'half'");
  }, 30_000);
  test("production: a deeper requires is a generic 500", async () => {
    const app = await serve(files, { NTNT_ENV: "production" });
    const deep = await fetch(app.base + "/deep");
    expect(deep.status).toBe(500);
    expect(await deep.text()).toBe("Internal Server Error");
    const own = await fetch(app.base + "/own?n=");
    expect(own.status).toBe(400);
  }, 30_000);
});
