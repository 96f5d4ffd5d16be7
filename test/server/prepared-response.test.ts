/**
 * The transport's fast path for responses NTNT builds (src/server/front/prepared-response.ts):
 * for a request that came through the transport, `toResponse` makes a `PreparedResponse`
 * whose field block is written as it is — the same response, field for field and byte for
 * byte in its status line and body, as the generic path writes from a `Response` with
 * `Headers`; a response whose fields someone asked for or changed after NTNT built it is
 * written from its `Headers` instead, and Elysia's host hands the built object through.
 */

import { expect, test } from "bun:test";
import { Elysia } from "elysia";
import { ServerContext } from "../../src/server/context";
import { PreparedResponse, fieldBlock } from "../../src/server/front/prepared-response";
import { type Framing, type Sink, writeResponse } from "../../src/server/front/response-writer";
import { TransportRequest } from "../../src/server/front/transport-request";
import { type ReplyContext, textResponse, toResponse } from "../../src/server/response";
import { hostApp } from "../../src/server/server";
import { NArray, NMap, type Value } from "../../src/runtime/values";

/** A sink that keeps what is written. */
function collector(): Sink & { text(): string } {
  const parts: Buffer[] = [];
  return {
    gone: false,
    abort: null,
    send(data) {
      parts.push(typeof data === "string" ? Buffer.from(data) : Buffer.from(data));
      return true;
    },
    drained: () => Promise.resolve(),
    text: () => Buffer.concat(parts).toString("latin1"),
  };
}

function written(res: Response, f: Partial<Framing> = {}): string {
  const sink = collector();
  const out = writeResponse(sink, res, { head: false, close: false, http10: false, ...f });
  expect(out).toBeUndefined();
  return sink.text();
}

/** What a response with a streamed body (one Elysia made) writes, once its stream has ended. */
async function streamedOut(res: Response): Promise<string> {
  const sink = collector();
  await writeResponse(sink, res, { head: false, close: false, http10: false });
  return sink.text();
}

/** Status line, the header lines in order, and the body of a written response. */
function parts(wire: string): { status: string; fields: string[]; body: string } {
  const end = wire.indexOf("\r\n\r\n");
  const [status, ...fields] = wire.slice(0, end).split("\r\n");
  return { status: status!, fields, body: wire.slice(end + 4) };
}

function context(viaTransport: boolean): ReplyContext {
  const request = viaTransport ? new TransportRequest("http://t/x", undefined, ["Host", "t"], "127.0.0.1") : new Request("http://t/x");
  return { id: "req-1", request, server: new ServerContext() };
}

const map = (o: Record<string, Value>) => new NMap(new Map(Object.entries(o)));

/** Handler results covering the shapes `toResponse` takes: strings, helper maps, literal header maps, bodiless statuses. */
const RESULTS: Array<[string, () => Value]> = [
  ["a string", () => "Hello, World!"],
  ["a UTF-8 string", () => "héllo ✓"],
  [
    "json with its shared headers",
    () => map({ status: 201, headers: map({ "content-type": "application/json", "cache-control": "no-cache" }), body: '{"a":1}' }),
  ],
  [
    "a literal header map with upper-case names",
    () => map({ status: 200, headers: map({ "Content-Type": "text/html", "X-Trace": "a b c" }), body: "<p>x</p>" }),
  ],
  ["no headers at all (no content-type invented)", () => map({ status: 200, body: "raw" })],
  ["the app's own server and request id", () => map({ status: 200, headers: map({ server: "mine", "x-request-id": "given" }), body: "x" })],
  ["a 204", () => map({ status: 204, headers: map({ "x-a": "1" }), body: "ignored" })],
  ["an empty 200", () => map({ status: 200 })],
];

for (const [what, result] of RESULTS) {
  test(`${what}: the prepared response is written as the generic path writes the Response`, () => {
    const fast = toResponse(result(), context(true));
    const slow = toResponse(result(), context(false));
    expect(fast).toBeInstanceOf(PreparedResponse);
    expect(slow).not.toBeInstanceOf(PreparedResponse);
    for (const f of [{}, { head: true }, { close: true }, { http10: true }]) {
      const a = parts(written(fast, f));
      const b = parts(written(slow, f));
      expect(a.status).toBe(b.status);
      expect(a.body).toBe(b.body);
      // Field order is Bun's for a Headers object; the fields themselves are the same, each once.
      expect([...a.fields].sort()).toEqual([...b.fields].sort());
    }
  });
}

test("a plain-text answer of the server's own (404, 500) takes the fast path; one with extra fields does not", () => {
  const a = parts(written(textResponse(404, "Not Found", context(true))));
  const b = parts(written(textResponse(404, "Not Found", context(false))));
  expect(textResponse(404, "Not Found", context(true))).toBeInstanceOf(PreparedResponse);
  expect(a.status).toBe("HTTP/1.1 404 Not Found");
  expect([...a.fields].sort()).toEqual([...b.fields].sort());
  expect(a.body).toBe("Not Found");
  const closing = textResponse(413, "Payload Too Large", context(true), { connection: "close" });
  expect(closing).not.toBeInstanceOf(PreparedResponse);
  expect(written(closing)).toContain("connection: close\r\n");
});

test("a response whose fields were changed after NTNT built it is written with the change", () => {
  const res = toResponse(map({ status: 200, headers: map({ "content-type": "text/plain" }), body: "x" }), context(true));
  res.headers.set("x-added", "later");
  res.headers.set("content-type", "text/csv");
  res.headers.delete("server");
  const wire = parts(written(res));
  expect(wire.fields).toContain("x-added: later");
  expect(wire.fields).toContain("content-type: text/csv");
  expect(wire.fields.some((l) => l.startsWith("server:"))).toBe(false);
  expect(wire.body).toBe("x");
});

test("the Headers a prepared response hands out hold its fields", async () => {
  const res = toResponse(map({ status: 201, headers: map({ "Content-Type": "application/json", "x-n": 3 }), body: "{}" }), context(true));
  expect(res.status).toBe(201);
  expect(res.headers.toJSON()).toEqual({ "content-type": "application/json", "x-n": "3", server: "ntnt-async", "x-request-id": "req-1" });
  expect(await res.text()).toBe("{}");
  const untyped = toResponse(map({ status: 200, body: "raw" }), context(true));
  expect(untyped.headers.get("content-type")).toBeNull();
  expect(untyped.clone().headers.get("content-type")).toBeNull();
});

test("a copy made with clone() has the fields and body, and the original is still written whole", async () => {
  const res = toResponse(map({ status: 201, headers: map({ "content-type": "application/json" }), body: "{}" }), context(true));
  const copy = res.clone();
  expect(copy.status).toBe(201);
  expect(Object.fromEntries(copy.headers)).toEqual({ "content-type": "application/json", server: "ntnt-async", "x-request-id": "req-1" });
  expect(await copy.text()).toBe("{}");
  const wire = parts(written(res));
  expect(wire.fields).toContain("content-type: application/json");
  expect(wire.body).toBe("{}");
});

test("fields a Headers object would trim, reject or merge keep the generic path", () => {
  expect(
    fieldBlock([
      ["X-A", "1"],
      ["b", ""],
    ]),
  ).toBe("x-a: 1\r\nb: \r\n");
  for (const bad of [
    [["x a", "1"]],
    [["x", " padded "]],
    [["x", "line\nbreak"]],
    [["x", "é"]],
    [
      ["X-A", "1"],
      ["x-a", "2"],
    ],
  ] as Array<Array<[string, string]>>)
    expect(fieldBlock(bad)).toBeNull();
  const multi = map({ status: 200, headers: map({ "set-cookie": NArray.of(["a=1", "b=2"]) }), body: "" });
  const res = toResponse(multi, context(true));
  expect(res).not.toBeInstanceOf(PreparedResponse);
  expect(parts(written(res)).fields.filter((l) => l.startsWith("set-cookie"))).toEqual(["set-cookie: a=1", "set-cookie: b=2"]);
  const padded = toResponse(map({ status: 200, headers: map({ "x-pad": " v " }), body: "" }), context(true));
  expect(padded).not.toBeInstanceOf(PreparedResponse);
  expect(parts(written(padded)).fields).toContain("x-pad: v");
});

test("Elysia's host returns the object NTNT built; an Elysia app that adds fields makes a new Response that keeps NTNT's", async () => {
  const sc = new ServerContext();
  let built: Response | null = null;
  sc.live.fetch = (req) =>
    (built = toResponse(map({ status: 200, headers: map({ "content-type": "application/json" }), body: "{}" }), { id: "r", request: req, server: sc }));
  const req = new TransportRequest("http://t/", undefined, ["Host", "t"], "127.0.0.1");
  const out = await hostApp(sc).fetch(req);
  expect(built).toBeInstanceOf(PreparedResponse);
  expect(out).toBe(built!);

  const adding = new Elysia().onAfterHandle(({ set }) => {
    set.headers["x-elysia"] = "1";
  });
  adding.all("*", () => toResponse("hi", { id: "r2", request: req, server: sc }));
  const changed = await adding.fetch(req);
  expect(changed).not.toBeInstanceOf(PreparedResponse);
  const wire = parts(await streamedOut(changed));
  expect(wire.fields).toContain("x-elysia: 1");
  expect(wire.fields).toContain("x-request-id: r2");
  expect(wire.fields).toContain("content-type: text/plain; charset=utf-8");
  expect(wire.body).toBe("2\r\nhi\r\n0\r\n\r\n");
});
