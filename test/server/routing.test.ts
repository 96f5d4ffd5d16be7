/** Spec §16 fixture F1 through real HTTP: routing, request fields, helpers, response conversion. */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { gunzipSync } from "node:zlib";
import { runtimeError } from "../../src/runtime/errors";
import { NArray, type NEnum, NFloat, NMap, NNative, type Value } from "../../src/runtime/values";
import { h, helper, raw, rawSequence, rawStatus, serve, type TestServer } from "./helpers";

const P = (req: NMap, k: string) => (req.get("params") as NMap).get(k);
const must = (m: NMap, k: string): Value => {
  if (!m.has(k)) throw runtimeError(`Unknown key: ${k}`);
  return m.get(k);
};

let s: TestServer;
beforeAll(async () => {
  s = await serve((r) => {
    r.addRoute(
      "GET",
      "/",
      h(() => helper("text", "Welcome")),
    );
    r.addRoute(
      "GET",
      "/page",
      h(() => helper("html", "<h1>Hi</h1>")),
    );
    r.addRoute(
      "GET",
      "/gone",
      h(() => helper("html", "<p>gone</p>", 410)),
    );
    r.addRoute(
      "POST",
      "/created",
      h(() => helper("json", NMap.fromObject({ b: 2, a: 1 }), 201)),
    );
    r.addRoute(
      "GET",
      "/nums",
      h(() => helper("json", NMap.fromObject({ i: 10, f: new NFloat(1), g: new NFloat(3.25), u: undefined, l: new NArray([1, "x", true]) }))),
    );
    r.addRoute(
      "GET",
      "/users/{id}",
      h((req) => helper("json", NMap.fromObject({ id: P(req, "id") }))),
    );
    r.addRoute(
      "GET",
      "/users/me",
      h(() => helper("text", "me")),
    );
    r.addRoute(
      "GET",
      "/users/{uid}/posts/{pid}",
      h((req) => helper("json", NMap.fromObject({ u: P(req, "uid"), p: P(req, "pid") }))),
    );
    r.addRoute(
      "GET",
      "/search",
      h((req) => helper("json", NMap.fromObject({ q: req.get("query"), params: req.get("query_params") }))),
    );
    r.addRoute(
      "POST",
      "/echo",
      h((req) => helper("text", req.get("body"))),
    );
    r.addRoute(
      "GET",
      "/info",
      h((req) =>
        helper(
          "json",
          NMap.fromObject({ method: req.get("method"), path: req.get("path"), url: req.get("url"), key: must(req.get("headers") as NMap, "x-api-key") }),
        ),
      ),
    );
    r.addRoute(
      "GET",
      "/go",
      h(() => helper("redirect", "/about")),
    );
    r.addRoute(
      "GET",
      "/teapot",
      h(() => helper("status", 418, "short and stout")),
    );
    r.addRoute(
      "GET",
      "/nf",
      h(() => helper("not_found")),
    );
    r.addRoute(
      "GET",
      "/boom",
      h(() => helper("error", "db down")),
    );
    r.addRoute(
      "GET",
      "/own-headers",
      h(() => helper("response", 200, NMap.fromObject({ Server: "mine", "X-Request-ID": "fixed-id" }), "x")),
    );
    r.addRoute(
      "GET",
      "/custom",
      h(() => helper("response", 201, NMap.fromObject({ "X-Custom": "yes", "Content-Type": "application/xml" }), "<ok/>")),
    );
    r.addRoute(
      "GET",
      "/raw",
      h(() => NMap.fromObject({ status: 202, body: "queued" })),
    );
    r.addRoute(
      "POST",
      "/form",
      h((req) => helper("json", helper("parse_form", req))),
    );
    r.addRoute(
      "POST",
      "/pj",
      h((req) => {
        const res = helper("parse_json", req) as NEnum;
        return res.variant === "Ok" ? helper("json", res.values[0]) : helper("status", 400, "bad json");
      }),
    );
    r.addRoute(
      "POST",
      "/auto-json",
      h((req) => helper("json", req.get("json"))),
    );
    r.addRoute(
      "GET",
      "/plain",
      h(() => "just a string"),
    );
    r.addRoute(
      "GET",
      "/nothing",
      h(() => undefined),
    );
    r.addRoute(
      "GET",
      "/crash",
      h((_req) => helper("text", must(NMap.fromObject({ a: 1 }), "missing"))),
    );
    r.addRoute(
      "GET",
      "/bad-status",
      h(() => helper("response", 1000, new NMap(), "x")),
    );
    r.addRoute(
      "GET",
      "/ids",
      h((req) => helper("json", NMap.fromObject({ id: req.get("id"), ip: req.get("ip") }))),
    );
    r.addRoute(
      "GET",
      "/big",
      h(() => helper("text", "a".repeat(2000))),
    );
    r.addRoute(
      "GET",
      "/cookies",
      h((req) => helper("json", req.get("cookies"))),
    );
    r.addRoute(
      "GET",
      "/multi",
      h(() => NMap.fromObject({ status: 200, headers: NMap.fromObject({ "set-cookie": new NArray(["a=1", "b=2"]) }), body: "x" })),
    );
    r.addRoute(
      "GET",
      "/dup",
      h(() => helper("text", "first")),
    );
    r.addRoute(
      "GET",
      "/dup",
      h(() => helper("text", "second")),
    );
    r.addRoute("GET", "/zero", new NNative("zero", 0, 0, () => "x"));
  });
});
afterAll(() => s.close());

const get = (p: string, init?: RequestInit) => fetch(s.base + p, init);

describe("responses", () => {
  test("text", async () => {
    const r = await get("/");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-cache, no-store, must-revalidate");
    expect(r.headers.get("server")).toBe("ntnt-async");
    expect(await r.text()).toBe("Welcome");
  });
  test("html", async () => {
    const r = await get("/page");
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(r.headers.get("pragma")).toBe("no-cache");
    expect(await r.text()).toBe("<h1>Hi</h1>");
  });
  test("html with status", async () => {
    const r = await get("/gone");
    expect(r.status).toBe(410);
    expect(await r.text()).toBe("<p>gone</p>");
  });
  test("json with status, sorted keys, no charset", async () => {
    const r = await get("/created", { method: "POST" });
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.text()).toBe('{"a":1,"b":2}');
  });
  test("json numbers", async () => {
    expect(await (await get("/nums")).text()).toBe('{"f":1.0,"g":3.25,"i":10,"l":[1,"x",true],"u":null}');
  });
  test("redirect", async () => {
    const r = await get("/go", { redirect: "manual" });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe("/about");
    expect(r.headers.get("content-type")).toBeNull();
    expect(await r.text()).toBe("");
  });
  test("status()", async () => {
    const r = await get("/teapot");
    expect(r.status).toBe(418);
    expect(await r.text()).toBe("short and stout");
  });
  test("not_found()", async () => {
    const r = await get("/nf");
    expect(r.status).toBe(404);
    expect(await r.text()).toBe("Not Found");
  });
  test("error() body is not masked", async () => {
    const r = await get("/boom");
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("db down");
  });
  test("response() lower-cases header names", async () => {
    const r = await get("/custom");
    expect(r.status).toBe(201);
    expect(r.headers.get("x-custom")).toBe("yes");
    expect(r.headers.get("content-type")).toBe("application/xml");
    expect(await r.text()).toBe("<ok/>");
  });
  test("hand-built map (Bun labels a body without content-type as text/plain)", async () => {
    const r = await get("/raw");
    expect(r.status).toBe(202);
    expect(await r.text()).toBe("queued");
  });
  test("bare string → text/plain 200", async () => {
    const r = await get("/plain");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("just a string");
  });
  test("unit → 500", async () => {
    const r = await get("/nothing");
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Handler did not return a valid response");
  });
  test("runtime error → 500 with the error text in development", async () => {
    const r = await get("/crash");
    expect(r.status).toBe(500);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("Runtime error: Unknown key: missing");
  });
  test("invalid status → 500", async () => {
    expect((await get("/bad-status")).status).toBe(500);
  });
  test("array header values emit one header line each", async () => {
    const r = await get("/multi");
    expect(r.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });
  test("handler with the wrong arity → 500 arity error", async () => {
    const r = await get("/zero");
    expect(r.status).toBe(500);
    expect(await r.text()).toContain("Arity mismatch");
  });
});

describe("routing", () => {
  test("param route, value is a String", async () => {
    expect(await (await get("/users/42")).text()).toBe('{"id":"42"}');
  });
  test("trailing and doubled slashes", async () => {
    expect(await (await get("/users/42/")).text()).toBe('{"id":"42"}');
    const resp = await raw(s.port, "GET //users//42 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(rawStatus(resp)).toBe(200);
    expect(resp).toContain('{"id":"42"}');
  });
  test("segment count must match", async () => {
    for (const p of ["/users", "/users/42/extra"]) {
      const r = await get(p);
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await r.text()).toBe("Not Found");
    }
  });
  test("literal route beats a param route registered first", async () => {
    expect(await (await get("/users/me")).text()).toBe("me");
  });
  test("two params", async () => {
    expect(await (await get("/users/u1/posts/p9")).text()).toBe('{"p":"p9","u":"u1"}');
  });
  test("a literal segment matches only the whole segment", async () => {
    for (const p of ["/users/u1/post/p9", "/users/u1/postsx/p9", "/users/u1/xposts/p9"]) expect((await get(p)).status).toBe(404);
    // Near misses of the literal `/users/me` go to the param route.
    expect(await (await get("/users/me2")).text()).toBe('{"id":"me2"}');
    expect(await (await get("/users/m")).text()).toBe('{"id":"m"}');
  });
  test("params are percent-decoded; %2F stays inside one param", async () => {
    expect(await (await get("/users/a%20b")).text()).toBe('{"id":"a b"}');
    expect(await (await get("/users/a%2Fb")).text()).toBe('{"id":"a/b"}');
  });
  test("same method+pattern twice: the first wins", async () => {
    expect(await (await get("/dup")).text()).toBe("first");
  });
  test("wrong method → 405 with allow", async () => {
    const r = await get("/users/42", { method: "PUT" });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await r.text()).toBe("Method Not Allowed");
  });
  test("wrong method on a literal path → 405 with its methods; OPTIONS → 204", async () => {
    const r = await get("/echo", { method: "PUT" });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("OPTIONS, POST");
    expect(await r.text()).toBe("Method Not Allowed");
    const o = await get("/search/", { method: "OPTIONS" });
    expect(o.status).toBe(204);
    expect(o.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
  test("HEAD runs GET and keeps content-length", async () => {
    const resp = await raw(s.port, "HEAD /users/42 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(rawStatus(resp)).toBe(200);
    expect(resp.toLowerCase()).toContain("content-length: 11");
    expect(resp.toLowerCase()).toContain("content-type: application/json");
    expect(resp.endsWith("\r\n\r\n")).toBe(true);
  });
  test("OPTIONS → 204 with allow", async () => {
    const r = await get("/users/42", { method: "OPTIONS" });
    expect(r.status).toBe(204);
    expect(r.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
  test("unknown method → 404 when no route matches the path", async () => {
    const r = await get("/nowhere", { method: "PROPFIND" });
    expect(r.status).toBe(404);
  });
});

describe("request fields", () => {
  test("query and query_params", async () => {
    expect(await (await get("/search?q=hello&page=2")).text()).toBe('{"params":{"page":"2","q":"hello"},"q":"q=hello&page=2"}');
  });
  test("no query", async () => {
    expect(await (await get("/search")).text()).toBe('{"params":{},"q":""}');
  });
  test("duplicates (last wins) and keys without =", async () => {
    expect(await (await get("/search?a=1&a=2&flag")).text()).toBe('{"params":{"a":"2","flag":""},"q":"a=1&a=2&flag"}');
  });
  test("decoding of %XX and +", async () => {
    const body = (await (await get("/search?name=John%20Doe&x=a+b")).json()) as { params: Record<string, string> };
    expect(body.params).toEqual({ name: "John Doe", x: "a b" });
  });
  test("body", async () => {
    expect(await (await get("/echo", { method: "POST", body: "hello" })).text()).toBe("hello");
  });
  test("method, path, url, headers", async () => {
    const r = await get("/info?x=1", { headers: { "X-Api-Key": "k1" } });
    expect(await r.text()).toBe('{"key":"k1","method":"GET","path":"/info","url":"/info?x=1"}');
  });
  test("missing header key → 500 Unknown key", async () => {
    const r = await get("/info");
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Runtime error: Unknown key: x-api-key");
  });
  test("parse_form decodes + and %26; keys without = map to empty", async () => {
    const r = await get("/form", { method: "POST", body: "name=Ada+Lovelace&lang=en%26fr&empty" });
    expect(await r.text()).toBe('{"empty":"","lang":"en&fr","name":"Ada Lovelace"}');
  });
  test("parse_json Ok", async () => {
    expect(await (await get("/pj", { method: "POST", body: '{"x":[1,2.5,null,true]}' })).text()).toBe('{"x":[1,2.5,null,true]}');
  });
  test("parse_json Err", async () => {
    const r = await get("/pj", { method: "POST", body: "{bad" });
    expect(r.status).toBe(400);
    expect(await r.text()).toBe("bad json");
  });
  test("req.json with a malformed body → 400 with the parser message", async () => {
    const r = await get("/auto-json", { method: "POST", body: "{bad", headers: { "content-type": "application/json" } });
    expect(r.status).toBe(400);
    expect(await r.text()).toBe("Bad Request: invalid JSON body: key must be a string at line 1 column 2");
    const ok = await get("/auto-json", { method: "POST", body: '{"a":[1,2.0]}' });
    expect(await ok.text()).toBe('{"a":[1,2.0]}');
  });
  test("a handler's own server and x-request-id headers are sent instead of the defaults", async () => {
    const r = await get("/own-headers", { headers: { "x-request-id": "incoming" } });
    expect(r.headers.get("server")).toBe("mine");
    expect(r.headers.get("x-request-id")).toBe("fixed-id");
  });
  test("incoming x-request-id is adopted and echoed", async () => {
    const r = await get("/ids", { headers: { "X-Request-ID": "abc-123" } });
    expect(r.headers.get("x-request-id")).toBe("abc-123");
    expect(((await r.json()) as { id: string }).id).toBe("abc-123");
  });
  test("generated ids look like UUID v4 and are unique; ip is the peer", async () => {
    type Ids = { id: string; ip: string };
    const a = (await (await get("/ids")).json()) as Ids;
    const b = (await (await get("/ids")).json()) as Ids;
    const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(a.id).toMatch(re);
    expect(b.id).toMatch(re);
    expect(a.id).not.toBe(b.id);
    expect(a.ip).toBe("127.0.0.1");
  });
  test("an oversized or non-printable x-request-id is replaced by a generated one", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const idOf = async (value: string) => {
      const resp = await raw(s.port, Buffer.from(`GET /ids HTTP/1.1\r\nHost: x\r\nX-Request-ID: ${value}\r\nConnection: close\r\n\r\n`, "latin1"));
      expect(rawStatus(resp)).toBe(200);
      const header = /\r\nx-request-id: ([^\r]*)\r\n/i.exec(resp)?.[1];
      expect(JSON.parse(resp.slice(resp.indexOf("\r\n\r\n") + 4)).id).toBe(header);
      return header;
    };
    expect(await idOf("y".repeat(128))).toBe("y".repeat(128));
    expect(await idOf("!~")).toBe("!~");
    // Control characters (DEL included, RFC 9110 §5.5) never get this far: the transport answers 400 itself.
    const del = await raw(s.port, Buffer.from("GET /ids HTTP/1.1\r\nHost: x\r\nX-Request-ID: mid\x7fdle\r\nConnection: close\r\n\r\n", "latin1"));
    expect(rawStatus(del)).toBe(400);
    for (const bad of ["x".repeat(129), "two words", "tab\there", "caf\xe9"]) {
      const id = await idOf(bad);
      expect(id).toMatch(uuid);
    }
  });
  test("cookies map: first occurrence wins, quotes removed", async () => {
    const r = await get("/cookies", { headers: { cookie: 'a=1; b="two"; a=3' } });
    expect(await r.text()).toBe('{"a":"1","b":"two"}');
  });
});

describe("compression and keep-alive", () => {
  test("gzip above the threshold with vary", async () => {
    const r = await fetch(s.base + "/big", { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(r.headers.get("content-encoding")).toBe("gzip");
    expect(r.headers.get("vary")).toBe("Accept-Encoding");
    expect(gunzipSync(Buffer.from(await r.arrayBuffer())).toString()).toBe("a".repeat(2000));
  });
  test("small bodies are not compressed", async () => {
    const r = await fetch(s.base + "/", { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(r.headers.get("content-encoding")).toBeNull();
    expect(await r.text()).toBe("Welcome");
  });
  test("two requests on one keep-alive connection", async () => {
    const req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    const resp = await rawSequence(s.port, [req, req]);
    expect(resp.match(/HTTP\/1\.1 200/g)?.length).toBe(2);
    expect(resp.toLowerCase()).not.toContain("connection: close");
  });
});
