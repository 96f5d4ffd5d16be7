/** Spec §16 fixtures F2 (middleware) and F3 (contracts), plus production masking. */

import { afterEach, describe, expect, test } from "bun:test";
import { postconditionError, preconditionError, runtimeError } from "../../src/runtime/errors";
import { NMap, NNative, type Value } from "../../src/runtime/values";
import { h, helper, serve, type TestServer } from "./helpers";

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

function f2(reg: import("../../src/server/route-registry").RouteRegistry, seen: string[]) {
  reg.middleware.push(
    new NNative("auth", 1, 1, ([req]) => {
      const r = req as NMap;
      seen.push(`auth ${r.get("path")}`);
      if (r.get("path") === "/private" && !(r.get("headers") as NMap).has("authorization"))
        return helper("json", NMap.fromObject({ error: "unauthorized" }), 401);
      return undefined;
    }),
  );
  reg.middleware.push(
    new NNative("tag", 1, 1, ([req]) => {
      const r = req as NMap;
      if (r.get("path") === "/mw-error") throw runtimeError("Unknown key: nope");
      return r.with("user", "ada");
    }),
  );
  reg.addRoute(
    "GET",
    "/private",
    h(() => helper("text", "secret")),
  );
  reg.addRoute(
    "GET",
    "/whoami",
    h((req) => helper("text", req.get("user"))),
  );
  reg.addRoute(
    "GET",
    "/mw-error",
    h((req) => helper("text", req.get("user"))),
  );
  reg.addRoute(
    "GET",
    "/async-mw",
    h((req) => helper("text", String(req.get("late")))),
  );
}

describe("middleware", () => {
  test("short-circuit with a response map", async () => {
    s = await serve((r) => f2(r, []));
    const r = await fetch(s.base + "/private");
    expect(r.status).toBe(401);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.text()).toBe('{"error":"unauthorized"}');
  });
  test("pass-through", async () => {
    s = await serve((r) => f2(r, []));
    const r = await fetch(s.base + "/private", { headers: { authorization: "x" } });
    expect(await r.text()).toBe("secret");
  });
  test("middleware replaces the request", async () => {
    s = await serve((r) => f2(r, []));
    expect(await (await fetch(s.base + "/whoami")).text()).toBe("ada");
  });
  test("middleware error → 500 with the error text", async () => {
    s = await serve((r) => f2(r, []));
    const r = await fetch(s.base + "/mw-error");
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Runtime error: Unknown key: nope");
  });
  test("middleware does not run for 404s", async () => {
    const seen: string[] = [];
    s = await serve((r) => f2(r, seen));
    expect((await fetch(s.base + "/missing")).status).toBe(404);
    expect(seen).toEqual([]);
  });
  test("middleware that suspends (returns a promise) still chains in order", async () => {
    s = await serve((r) => {
      r.middleware.push(new NNative("later", 1, 1, ([req]) => new Promise<Value>((res) => setTimeout(() => res((req as NMap).with("late", "yes")), 20)), true));
      r.addRoute(
        "GET",
        "/async-mw",
        h((req) => helper("text", String(req.get("late")))),
      );
    });
    expect(await (await fetch(s.base + "/async-mw")).text()).toBe("yes");
  });
  test("handlers and middleware whose promise has already settled answer like synchronous ones", async () => {
    s = await serve((r) => {
      r.middleware.push(new NNative("ready", 1, 1, ([req]) => Promise.resolve((req as NMap).with("seen", "yes")), true));
      r.addRoute("GET", "/done", new NNative("done", 1, 1, ([req]) => Promise.resolve(helper("text", String((req as NMap).get("seen")))), true));
      r.addRoute("GET", "/refused", new NNative("refused", 1, 1, () => Promise.reject(runtimeError("Unknown key: early")), true));
    });
    expect(await (await fetch(s.base + "/done")).text()).toBe("yes");
    const refused = await fetch(s.base + "/refused");
    expect(refused.status).toBe(500);
    expect(await refused.text()).toContain("Unknown key: early");
  });
  test("after a suspending middleware, a suspending handler's value, early answer or failure is converted", async () => {
    const later = <T>(f: () => T) =>
      new Promise<T>((res, rej) =>
        setTimeout(() => {
          try {
            res(f());
          } catch (e) {
            rej(e);
          }
        }, 10),
      );
    s = await serve((r) => {
      r.middleware.push(
        new NNative("later", 1, 1, ([req]) => later(() => ((req as NMap).get("path") === "/stop" ? helper("status", 403, "stopped") : undefined)), true),
      );
      r.addRoute("GET", "/ok", new NNative("ok", 1, 1, () => later(() => helper("json", NMap.fromObject({ ok: true }), 201)), true));
      r.addRoute("GET", "/plain", new NNative("plain", 1, 1, () => later(() => "just text"), true));
      r.addRoute(
        "GET",
        "/stop",
        h(() => helper("text", "never")),
      );
      r.addRoute(
        "GET",
        "/fail",
        new NNative(
          "fail",
          1,
          1,
          () =>
            later(() => {
              throw runtimeError("Unknown key: gone");
            }),
          true,
        ),
      );
    });
    const ok = await fetch(s.base + "/ok");
    expect([ok.status, await ok.text()]).toEqual([201, '{"ok":true}']);
    expect(await (await fetch(s.base + "/plain")).text()).toBe("just text");
    const stop = await fetch(s.base + "/stop");
    expect([stop.status, await stop.text()]).toEqual([403, "stopped"]);
    const fail = await fetch(s.base + "/fail");
    expect(fail.status).toBe(500);
    expect(await fail.text()).toContain("Unknown key: gone");
  });
});

function f3(reg: import("../../src/server/route-registry").RouteRegistry) {
  reg.addRoute(
    "GET",
    "/calc",
    h((req) => {
      const q = req.get("query_params") as NMap;
      const a = Number(q.get("a"));
      const b = Number(q.get("b"));
      if (b === 0) throw preconditionError("divide", "b != 0");
      return helper("json", NMap.fromObject({ r: a / b }));
    }),
  );
  reg.addRoute(
    "POST",
    "/create",
    h((req) => {
      if (req.get("body") === "") throw preconditionError("create", 'req.body != ""');
      return helper("text", "ok");
    }),
  );
  reg.addRoute(
    "GET",
    "/wrong",
    h(() => {
      throw postconditionError("wrong", "result.status == 201");
    }),
  );
  reg.addRoute(
    "GET",
    "/crash",
    h(() => {
      throw runtimeError("Unknown key: missing");
    }),
  );
  reg.addRoute(
    "GET",
    "/js-bug",
    h(() => {
      throw new TypeError("cannot read x of undefined");
    }),
  );
}

describe("contracts", () => {
  test("ok", async () => {
    s = await serve(f3);
    expect(await (await fetch(s.base + "/calc?a=10&b=2")).text()).toBe('{"r":5}');
  });
  test("a failed requires below the handler is the app's bug: 500 with its text in development (issue #14)", async () => {
    s = await serve(f3);
    const r = await fetch(s.base + "/calc?a=10&b=0");
    expect(r.status).toBe(500);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("Contract violation: Precondition failed in 'divide': b != 0");
  });
  test("failed ensures → 500 Internal Error in development", async () => {
    s = await serve(f3);
    const r = await fetch(s.base + "/wrong");
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Internal Error: Postcondition failed in 'wrong': result.status == 201");
  });
});

describe("production masking", () => {
  test("500 bodies are generic in production, a requires below the handler too", async () => {
    s = await serve(f3, { production: true });
    const crash = await fetch(s.base + "/crash");
    expect(crash.status).toBe(500);
    expect(await crash.text()).toBe("Internal Server Error");
    const wrong = await fetch(s.base + "/wrong");
    expect(await wrong.text()).toBe("Internal Server Error");
    const calc = await fetch(s.base + "/calc?a=1&b=0");
    expect(calc.status).toBe(500);
    expect(await calc.text()).toBe("Internal Server Error");
  });
  test("an internal JS exception is a 500 and the server keeps serving", async () => {
    s = await serve(f3);
    const r = await fetch(s.base + "/js-bug");
    expect(r.status).toBe(500);
    expect(await r.text()).toContain("cannot read x of undefined");
    expect(await (await fetch(s.base + "/calc?a=4&b=2")).text()).toBe('{"r":2}');
  });
});
