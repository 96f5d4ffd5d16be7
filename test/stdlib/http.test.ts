import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newProgramLoad } from "../../src/runtime/rt";
import http from "../../src/stdlib/http";
import { NArray, NFloat, NMap, type Value } from "../../src/runtime/values";
import { call, err, makeCtx, ok } from "./native-call";

let server: ReturnType<typeof Bun.serve>;
let base = "";
let hits = 0;

beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      hits++;
      switch (url.pathname) {
        case "/echo":
          return Response.json({
            method: req.method,
            headers: Object.fromEntries(req.headers),
            body: await req.text(),
            query: url.search,
          });
        case "/login":
          return new Response(null, {
            status: 302,
            headers: [
              ["location", "/whoami"],
              ["set-cookie", "session=abc; Path=/; HttpOnly"],
            ],
          });
        case "/whoami":
          return new Response(`cookie=${req.headers.get("cookie") ?? ""}`, {
            headers: [
              ["set-cookie", "seen=1"],
              ["set-cookie", "theme=dark; Max-Age=60"],
              ["x-multi", "a"],
            ],
          });
        case "/post-redirect":
          return new Response(null, { status: 303, headers: { location: "/echo" } });
        case "/loop":
          return new Response(null, { status: 302, headers: { location: "/loop" } });
        case "/slow":
          await Bun.sleep(3000);
          return new Response("late");
        case "/latin1":
          return new Response(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), { headers: { "content-type": "text/plain; charset=iso-8859-1" } });
        case "/file":
          return new Response("file-content");
        default:
          return new Response("nope", { status: Number(url.searchParams.get("status") ?? 404) });
      }
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.stop(true));

const field = (m: Value, k: string) => (m as NMap).get(k);
const json = (r: Value) => JSON.parse(field(r, "body") as string);

describe("std/http fetch", () => {
  test("GET by URL string: response map", async () => {
    const r = ok(await call(http, "fetch", [`${base}/echo?x=1`])) as NMap;
    expect([...r.entries.keys()]).toEqual(["status", "status_text", "headers", "body", "ok", "url", "redirected"]);
    expect(field(r, "status")).toBe(200);
    expect(field(r, "status_text")).toBe("OK");
    expect(field(r, "ok")).toBe(true);
    expect(field(r, "redirected")).toBe(false);
    expect(field(r, "url")).toBe(`${base}/echo?x=1`);
    expect((field(r, "headers") as NMap).get("content-type")).toStartWith("application/json");
    expect(json(r)).toMatchObject({ method: "GET", query: "?x=1" });
  });

  test("non-2xx statuses are Ok with ok=false and reason phrases", async () => {
    for (const [status, text] of [
      [404, "Not Found"],
      [422, "Unprocessable Entity"],
      [429, "Too Many Requests"],
      [599, "Unknown"],
    ] as const) {
      const r = ok(await call(http, "fetch", [`${base}/x?status=${status}`]));
      expect([field(r, "status"), field(r, "status_text"), field(r, "ok")]).toEqual([status, text, false]);
    }
  });

  test("options: method, headers, json body (sorted keys), auth, cookies", async () => {
    const opts = NMap.fromObject({
      url: `${base}/echo`,
      method: "post",
      headers: NMap.fromObject({ "X-Api-Key": "k1", "X-Ignored": 5 }),
      json: NMap.fromObject({ name: "Al", age: 3, score: new NFloat(2), tags: NArray.of(["a"]) }),
      auth: NMap.fromObject({ user: "u", pass: "p" }),
      cookies: NMap.fromObject({ a: "1", b: "2" }),
    });
    const r = json(ok(await call(http, "fetch", [opts])));
    expect(r.method).toBe("POST");
    expect(r.body).toBe('{"age":3,"name":"Al","score":2.0,"tags":["a"]}');
    expect(r.headers).toMatchObject({
      "content-type": "application/json",
      "x-api-key": "k1",
      authorization: `Basic ${btoa("u:p")}`,
      cookie: "a=1; b=2",
    });
    expect(r.headers["x-ignored"]).toBeUndefined();
  });

  test("options: form and raw body", async () => {
    const form = NMap.fromObject({ q: "a b&c", n: 2, f: new NFloat(1.5), ok: true });
    const r = json(ok(await call(http, "fetch", [NMap.fromObject({ url: `${base}/echo`, method: "PUT", form })])));
    expect(r.body).toBe("q=a+b%26c&n=2&f=1.5&ok=true");
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const raw = json(ok(await call(http, "fetch", [NMap.fromObject({ url: `${base}/echo`, method: "PATCH", body: "plain" })])));
    expect([raw.method, raw.body, raw.headers["content-type"]]).toEqual(["PATCH", "plain", undefined]);
  });

  test("redirects: followed, cookie store within the chain, cookies map", async () => {
    const r = ok(await call(http, "fetch", [NMap.fromObject({ url: `${base}/login` })])) as NMap;
    expect(field(r, "url")).toBe(`${base}/whoami`);
    expect(field(r, "redirected")).toBe(true);
    expect(field(r, "body")).toBe("cookie=session=abc");
    expect(Object.fromEntries((field(r, "cookies") as NMap).entries)).toEqual({ seen: "1", theme: "dark" });
    const plain = ok(await call(http, "fetch", [`${base}/login`])) as NMap;
    expect(field(plain, "body")).toBe("cookie=");
    expect(plain.has("cookies")).toBe(false);
    const post = json(ok(await call(http, "fetch", [NMap.fromObject({ url: `${base}/post-redirect`, method: "POST", body: "x" })])));
    expect([post.method, post.body]).toEqual(["GET", ""]);
  });

  test("transport failures are Err", async () => {
    expect(err(await call(http, "fetch", ["http://127.0.0.1:1/"]))).toBe(
      "HTTP request failed: error sending request for url (http://127.0.0.1:1/): error trying to connect: tcp connect error: Connection refused (os error 111)",
    );
    expect(err(await call(http, "fetch", ["not-a-valid-url"]))).toStartWith("HTTP request failed: builder error");
    expect(err(await call(http, "fetch", [NMap.fromObject({ url: "invalid://test", method: "GET" })]))).toStartWith("HTTP request failed: builder error");
    expect(err(await call(http, "fetch", [`${base}/loop`]))).toBe(`HTTP request failed: error following redirect for url (${base}/loop): too many redirects`);
    const started = Date.now();
    expect(err(await call(http, "fetch", [NMap.fromObject({ url: `${base}/slow`, timeout: 1 })]))).toBe(
      `HTTP request failed: error sending request for url (${base}/slow): operation timed out`,
    );
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(2500);
  }, 10_000);

  test("a fractional timeout is honoured (0.3 s, not ignored)", async () => {
    const started = Date.now();
    expect(err(await call(http, "fetch", [NMap.fromObject({ url: `${base}/slow`, timeout: new NFloat(0.3) })]))).toBe(
      `HTTP request failed: error sending request for url (${base}/slow): operation timed out`,
    );
    // Neither cut short nor rounded up to a whole second.
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(900);
  }, 10_000);

  test("type and method errors raise", async () => {
    await expect(call(http, "fetch", [1])).rejects.toThrow("Type error: fetch() requires a URL string or options map");
    await expect(call(http, "fetch", [NMap.fromObject({})])).rejects.toThrow("Type error: fetch() requires 'url' option");
    await expect(call(http, "fetch", [NMap.fromObject({ url: base, method: "TRACE" })])).rejects.toThrow("Runtime error: Unsupported HTTP method: TRACE");
  });

  test("body charset decoding and HEAD", async () => {
    expect(field(ok(await call(http, "fetch", [`${base}/latin1`])), "body")).toBe("café");
    const head = ok(await call(http, "fetch", [NMap.fromObject({ url: `${base}/file`, method: "HEAD" })]));
    expect([field(head, "status"), field(head, "body")]).toEqual([200, ""]);
  });
});

describe("std/http download and cache", () => {
  test("download writes the body, creating folders", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ntnt-dl-"));
    try {
      const path = join(dir, "a/b/out.txt");
      const r = ok(await call(http, "download", [`${base}/file`, path])) as NMap;
      expect(Object.fromEntries(r.entries)).toEqual({ status: 200, path, size: 12 });
      expect(await readFile(path, "utf8")).toBe("file-content");
      expect(err(await call(http, "download", [`${base}/missing`, path]))).toBe("HTTP error: status 404");
      expect(err(await call(http, "download", ["http://127.0.0.1:1/", path]))).toStartWith("HTTP request failed:");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("Cache stores Ok responses per URL within the TTL", async () => {
    const cache = await call(http, "Cache", [60]);
    const before = hits;
    const a = await call(http, "cache_fetch", [cache, `${base}/file`]);
    const b = await call(http, "cache_fetch", [cache, NMap.fromObject({ url: `${base}/file` })]);
    expect(b).toBe(a);
    expect(hits - before).toBe(1);
    await call(http, "cache_delete", [cache, `${base}/file`]);
    await call(http, "cache_fetch", [cache, `${base}/file`]);
    expect(hits - before).toBe(2);
    await call(http, "cache_clear", [cache]);
    await expect(call(http, "cache_fetch", [NMap.fromObject({}), base])).rejects.toThrow("Type error: Invalid cache object");
  });

  test("a Cache belongs to the program load that made it: retiring the load (after a hot reload) drops its entries", async () => {
    const ctx = { ...makeCtx(), load: newProgramLoad(".") };
    const cache = await call(http, "Cache", [60], ctx);
    const before = hits;
    await call(http, "cache_fetch", [cache, `${base}/file`]);
    await call(http, "cache_fetch", [cache, `${base}/file`]);
    expect(hits - before).toBe(1);
    ctx.load.retire();
    await call(http, "cache_fetch", [cache, `${base}/file`]);
    expect(hits - before).toBe(2);
  });
});
