/**
 * The hostile-HTTP corpus: raw requests that a client, a proxy or an attacker may send, each
 * with the statuses the server must answer (every final response on the connection, in
 * order: a stray extra response fails the case) and whether it must close the connection.
 * The target is app/app.tnt with NTNT_MAX_BODY=1000. After every case the server must still
 * answer a plain request. `known` marks a Bun 1.4.5 defect that only NTNT's own
 * transport (the default, src/server/front/) works around: on Bun.serve alone (NTNT_FRONT_DOOR=0) the case runs as
 * `test.failing`, so it turns red as soon as Bun gets it right.
 */

import type { Piece, RawResponse } from "./raw-client";

export type Mode = "development" | "production";

export interface HostileCase {
  name: string;
  send: Piece[];
  /** Allowed status(es) of each final response, in order; [] = no response at all. */
  expect: (number | number[])[];
  /** Interim (1xx) statuses that must arrive, in order (default: none). */
  interim?: number[];
  /** The server must close (true) or keep (false) the connection; undefined: either. */
  close?: boolean;
  /** Further checks; returns a complaint or null. */
  check?: (responses: RawResponse[], mode: Mode) => string | null;
  /** Why this case fails on Bun.serve alone (a Bun defect the front door works around). */
  known?: string;
  /** Wait this long in total (default 3 s). */
  timeoutMs?: number;
}

const H = "Host: t\r\n";
const get = (target: string, headers = "") => `GET ${target} HTTP/1.1\r\n${H}${headers}\r\n`;
const post = (target: string, body: string, headers = "") =>
  `POST ${target} HTTP/1.1\r\n${H}Content-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;
const chunked = (body: string, headers = "") => `POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n${headers}\r\n${body}`;
const BAD = [400];
/** A malformed request line: Bun's parser answers 400, or 505 for some (NUL, control characters). */
const REJECT = [400, 501, 505];
const bodyIs =
  (want: string) =>
  (rs: RawResponse[]): string | null =>
    rs[0]?.body === want ? null : `body ${JSON.stringify(rs[0]?.body.slice(0, 80))}, want ${JSON.stringify(want)}`;
const header =
  (name: string, want: string | null) =>
  (rs: RawResponse[]): string | null => {
    const got = rs[0]?.headers.get(name) ?? null;
    return got === want ? null : `${name}: ${got}, want ${want}`;
  };
const noStack = (rs: RawResponse[]): string | null =>
  rs.some((r) => /\n\s+at |\.ts:\d+|node_modules/.test(r.body)) ? "a stack trace or source path reached the client" : null;

const cases: HostileCase[] = [];
const add = (c: HostileCase) => cases.push(c);

// --- A. Baseline: well-formed requests of each kind.
add({ name: "GET /", send: [get("/")], expect: [200], close: false, check: bodyIs("home") });
add({ name: "HEAD / has no body", send: [`HEAD / HTTP/1.1\r\n${H}\r\n`], expect: [200], close: false });
add({ name: "GET a parameter route", send: [get("/users/42")], expect: [200], check: bodyIs("user 42") });
add({ name: "GET a static file", send: [get("/static/a.txt")], expect: [200], check: bodyIs("static file\n") });
add({ name: "GET with a query", send: [get("/query?a=1&b=%20")], expect: [200], check: bodyIs('{"a":"1","b":" "}') });
add({ name: "POST with a body", send: [post("/echo", "hello")], expect: [200], check: bodyIs("5:hello") });
add({ name: "PUT with a body", send: [`PUT /echo HTTP/1.1\r\n${H}Content-Length: 2\r\n\r\nhi`], expect: [200], check: bodyIs("2:hi") });
add({ name: "OPTIONS on a route", send: [`OPTIONS / HTTP/1.1\r\n${H}\r\n`], expect: [204], check: header("allow", "GET, HEAD, OPTIONS") });
add({ name: "unknown path", send: [get("/nope")], expect: [404], check: bodyIs("Not Found") });
add({ name: "POST without a body", send: [`POST /echo HTTP/1.1\r\n${H}\r\n`], expect: [[200, 411]] });
add({ name: "empty POST body", send: [post("/echo", "")], expect: [200], check: bodyIs("0:") });
add({ name: "UTF-8 body", send: [post("/echo", "héllo ✓")], expect: [200], check: bodyIs(Buffer.from("10:héllo ✓").toString("latin1")) });
add({ name: "invalid UTF-8 body is decoded lossily", send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 2\r\n\r\n\xff\xfe`], expect: [200] });

// --- B. Methods.
for (const m of ["DELETE", "PATCH", "PURGE", "PROPFIND", "TRACE", "MKCOL", "LOCK", "REPORT"]) {
  add({ name: `${m} on a GET-only route → 405`, send: [`${m} / HTTP/1.1\r\n${H}\r\n`], expect: [405], check: header("allow", "GET, HEAD, OPTIONS") });
}
add({ name: "QUERY on a GET-only route → 405", send: [`QUERY / HTTP/1.1\r\n${H}\r\n`], expect: [405] });
add({ name: "DELETE on an unknown path → 404", send: [`DELETE /nope HTTP/1.1\r\n${H}\r\n`], expect: [404] });
for (const m of ["FOO", "BREW", "X-CUSTOM"]) {
  add({
    name: `unknown method ${m} → 405/501, not a dropped connection`,
    send: [`${m} / HTTP/1.1\r\n${H}\r\n`],
    expect: [[405, 501]],
    known: "Bun 1.4.5 closes the connection on methods it does not know, before any handler runs",
  });
}
add({
  name: "lower-case method → 405/501/400",
  send: [`get / HTTP/1.1\r\n${H}\r\n`],
  expect: [[400, 405, 501]],
  known: "Bun 1.4.5 closes the connection on methods it does not know",
});
for (const [name, line] of [
  ["method with a bracket", "G(T / HTTP/1.1"],
  ["method with NUL", "G\0T / HTTP/1.1"],
  ["empty method", " / HTTP/1.1"],
  ["method with a colon", "GE:T / HTTP/1.1"],
  ["method with a slash", "GE/T / HTTP/1.1"],
] as const) {
  add({ name, send: [`${line}\r\n${H}\r\n`], expect: [REJECT], close: true });
}
add({
  name: "1 KB method",
  send: [`${"G".repeat(1024)} / HTTP/1.1\r\n${H}\r\n`],
  expect: [[400, 414, 431, 501]],
  known: "Bun 1.4.5 closes the connection on methods it does not know",
});

// --- C. Request targets.
add({ name: "//probe → 404 like /probe", send: [get("//probe")], expect: [404] });
add({ name: "//health routes like /health (empty segments dropped)", send: [get("//health")], expect: [200], check: bodyIs("ok") });
add({ name: "/health/ routes like /health", send: [get("/health/")], expect: [200], check: bodyIs("ok") });
add({ name: "//users//7 routes like /users/7", send: [get("//users//7")], expect: [200], check: bodyIs("user 7") });
add({ name: "literal segments are case-sensitive", send: [get("/HEALTH")], expect: [404] });
add({ name: "empty query", send: [get("/health?")], expect: [200] });
add({ name: "fragment in the target", send: [get("/health#x")], expect: [[200, 400, 404]] });
add({ name: "absolute-form target", send: [get("http://t/health")], expect: [200], check: bodyIs("ok") });
add({ name: "asterisk-form GET", send: [get("*")], expect: [[400, 404]] });
add({ name: "OPTIONS *", send: [`OPTIONS * HTTP/1.1\r\n${H}\r\n`], expect: [[200, 204, 400]] });
add({ name: "CONNECT authority-form", send: [`CONNECT t:443 HTTP/1.1\r\n${H}\r\n`], expect: [[400, 404, 405, 501]] });
add({ name: "target without a leading slash", send: [get("health")], expect: [[400, 404]] });
add({ name: "space inside the target", send: [`GET /a b HTTP/1.1\r\n${H}\r\n`], expect: [[400, 505]], close: true });
add({ name: "NUL inside the target", send: [`GET /a\0b HTTP/1.1\r\n${H}\r\n`], expect: [REJECT], close: true });
add({ name: "control character in the target", send: [`GET /a\x01b HTTP/1.1\r\n${H}\r\n`], expect: [[...REJECT, 404]] });
add({ name: "DEL in the target", send: [`GET /a\x7fb HTTP/1.1\r\n${H}\r\n`], expect: [[400, 404]] });
add({ name: "raw non-ASCII bytes in the target", send: [`GET /users/\xc3\xa9 HTTP/1.1\r\n${H}\r\n`], expect: [[200, 400]] });
add({ name: "invalid percent escape keeps the raw segment", send: [get("/users/%zz")], expect: [200], check: bodyIs("user %zz") });
add({ name: "truncated percent escape", send: [get("/users/%4")], expect: [200], check: bodyIs("user %4") });
add({ name: "percent-encoded slash stays in the parameter", send: [get("/users/a%2Fb")], expect: [200], check: bodyIs("user a/b") });
add({ name: "encoded NUL in a parameter", send: [get("/users/%00")], expect: [[200, 400]] });
add({ name: "overlong UTF-8 escape", send: [get("/users/%C0%AE")], expect: [[200, 400]] });
add({ name: "static ../ traversal", send: [get("/static/../app.tnt")], expect: [404] });
add({ name: "static encoded dot-dot", send: [get("/static/%2e%2e/app.tnt")], expect: [404] });
add({ name: "static encoded slash", send: [get("/static/..%2fapp.tnt")], expect: [404] });
add({ name: "static backslash", send: [get("/static/..%5capp.tnt")], expect: [404] });
add({ name: "static NUL", send: [get("/static/a.txt%00")], expect: [[400, 404]] });
add({ name: "static double-encoded dot-dot", send: [get("/static/%252e%252e/app.tnt")], expect: [404] });
add({ name: "root traversal", send: [get("/../../etc/passwd")], expect: [[400, 404]] });
add({ name: "8 KB target", send: [get(`/users/${"a".repeat(8000)}`)], expect: [[200, 414, 431]] });
add({ name: "20 KB target", send: [get(`/${"a".repeat(20_000)}`)], expect: [[414, 431]], close: true });
add({ name: "1,000 query parameters", send: [get(`/query?${Array.from({ length: 1000 }, (_, i) => `k${i}=${i}`).join("&")}`)], expect: [200] });
add({ name: "query with only separators", send: [get("/query?&&&=&")], expect: [200] });
add({ name: "query with invalid escapes", send: [get("/query?a=%zz&%=1")], expect: [200] });

// --- D. Versions and line endings.
add({ name: "HTTP/1.0 closes after the response", send: [`GET /health HTTP/1.0\r\n\r\n`], expect: [200], close: true });
add({ name: "HTTP/1.0 keep-alive", send: [`GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n`], expect: [200] });
for (const v of ["HTTP/2.0", "HTTP/1.2", "HTTP/3", "http/1.1", "HTTP/11", "HTTP/1.1 x", "HTTX/1.1"]) {
  add({ name: `version ${v}`, send: [`GET / ${v}\r\n${H}\r\n`], expect: [[400, 505]], close: true });
}
add({ name: "HTTP/0.9 (no version)", send: ["GET /\r\n\r\n"], expect: [[400, 505]], close: true });
add({ name: "LF-only line endings", send: [`GET /health HTTP/1.1\nHost: t\n\n`], expect: [[200, 400, 505]] });
add({ name: "CR-only line endings", send: [`GET /health HTTP/1.1\rHost: t\r\r`], expect: [[400, 505]], close: true, timeoutMs: 1500 });
add({ name: "leading empty lines", send: [`\r\n\r\n${get("/health")}`], expect: [[200, 400]] });

// --- E. Headers.
add({ name: "no Host header", send: ["GET / HTTP/1.1\r\n\r\n"], expect: BAD, close: true });
add({ name: "two Host headers", send: [`GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n`], expect: [[200, 400]] });
add({ name: "empty Host header", send: [`GET / HTTP/1.1\r\nHost:\r\n\r\n`], expect: [[200, 400]] });
add({ name: "header without a colon", send: [`GET / HTTP/1.1\r\n${H}Bad\r\n\r\n`], expect: BAD, close: true });
add({ name: "space before the colon", send: [`GET / HTTP/1.1\r\n${H}X-A : 1\r\n\r\n`], expect: BAD, close: true });
add({ name: "obsolete line folding", send: [`GET / HTTP/1.1\r\n${H}X-A: 1\r\n  2\r\n\r\n`], expect: BAD, close: true });
add({ name: "NUL in a header value", send: [`GET / HTTP/1.1\r\n${H}X-A: a\0b\r\n\r\n`], expect: BAD, close: true });
add({ name: "bare CR in a header value", send: [`GET / HTTP/1.1\r\n${H}X-A: a\rb\r\n\r\n`], expect: BAD, close: true });
add({ name: "bare LF splitting a header", send: [`GET / HTTP/1.1\r\n${H}X-A: a\nX-B: b\r\n\r\n`], expect: [[200, 400]] });
add({ name: "invalid header name", send: [`GET / HTTP/1.1\r\n${H}X(A): 1\r\n\r\n`], expect: BAD, close: true });
add({ name: "empty header name", send: [`GET / HTTP/1.1\r\n${H}: x\r\n\r\n`], expect: BAD, close: true });
add({ name: "UTF-8 header value", send: [get("/", "X-Name: héllo ✓\r\n")], expect: [200] });
add({ name: "latin-1 byte in a header value", send: [get("/", "X-Name: \xff\r\n")], expect: [200] });
add({ name: "DEL in a header value", send: [get("/", "X-Name: a\x7fb\r\n")], expect: [[200, 400]] });
add({ name: "tab in a header value", send: [get("/", "X-Name: a\tb\r\n")], expect: [200] });
add({ name: "8 KB header", send: [get("/", `X-Big: ${"a".repeat(8000)}\r\n`)], expect: [200] });
add({ name: "20 KB header", send: [get("/", `X-Big: ${"a".repeat(20_000)}\r\n`)], expect: [431], close: true });
add({ name: "90 headers", send: [get("/", Array.from({ length: 90 }, (_, i) => `X-${i}: 1\r\n`).join(""))], expect: [200] });
add({ name: "300 headers", send: [get("/", Array.from({ length: 300 }, (_, i) => `X-${i}: 1\r\n`).join(""))], expect: [431], close: true });
add({ name: "12 KB cookie", send: [get("/", `Cookie: ${"a=b; ".repeat(2400)}\r\n`)], expect: [[200, 431]] });
add({ name: "malformed cookie", send: [get("/", "Cookie: ;;=;a;=b;\r\n")], expect: [200] });
add({
  name: "hostile X-Request-ID is not echoed",
  send: [get("/", `X-Request-ID: ${"<script>".repeat(30)}\r\n`)],
  expect: [200],
  check: (rs) => (rs[0]?.headers.get("x-request-id")?.includes("<script>") ? "echoed a hostile request id" : null),
});
add({
  name: "X-Request-ID with CRLF-looking text",
  send: [get("/", "X-Request-ID: a%0d%0aSet-Cookie: x\r\n")],
  expect: [200],
  check: header("set-cookie", null),
});
add({ name: "garbage X-Forwarded-For", send: [get("/", "X-Forwarded-For: ::::, 999.1.1.1, <x>\r\n")], expect: [200] });
add({ name: "garbage X-Forwarded-Proto", send: [get("/", "X-Forwarded-Proto: javascript:\r\n")], expect: [200] });
add({ name: "Connection: close", send: [get("/", "Connection: close\r\n")], expect: [200], close: true });
add({
  name: "WebSocket upgrade on a plain route",
  send: [get("/", "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n")],
  expect: [[200, 400, 426]],
});
add({ name: "h2c upgrade", send: [get("/", "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n")], expect: [200] });
add({ name: "Transfer-Encoding on a GET", send: [`GET / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`], expect: [[200, 400]] });
add({ name: "Content-Length on a GET", send: [`GET / HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabc`], expect: [200] });
add({ name: "weird Accept header", send: [get("/", "Accept: */*;q=foo, ;;;\r\n")], expect: [200] });
add({ name: "Range on a static file", send: [get("/static/a.txt", "Range: bytes=0-5\r\n")], expect: [206], check: bodyIs("static") });
add({ name: "unsatisfiable Range", send: [get("/static/a.txt", "Range: bytes=500-600\r\n")], expect: [416] });
add({ name: "malformed Range", send: [get("/static/a.txt", "Range: bytes=x-y\r\n")], expect: [200] });
add({
  name: "many Range parts",
  send: [get("/static/a.txt", `Range: bytes=${Array.from({ length: 200 }, (_, i) => `${i}-${i}`).join(",")}\r\n`)],
  expect: [[200, 206, 416]],
});
add({ name: "If-None-Match garbage", send: [get("/static/a.txt", 'If-None-Match: "x", W/, *\r\n')], expect: [[200, 304]] });
add({ name: "If-Modified-Since garbage", send: [get("/static/a.txt", "If-Modified-Since: yesterday\r\n")], expect: [200] });

// --- F. Body framing.
add({
  name: "Content-Length with Transfer-Encoding (smuggling)",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  expect: BAD,
  close: true,
});
add({
  name: "two different Content-Lengths",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`],
  expect: BAD,
  close: true,
});
add({ name: "two equal Content-Lengths", send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc`], expect: [[200, 400]] });
for (const cl of ["abc", "-1", "+3", "0x3", "3 3", "3,3", "1e2", ""]) {
  add({ name: `Content-Length ${JSON.stringify(cl)}`, send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: ${cl}\r\n\r\nabc`], expect: BAD, close: true });
}
add({
  name: "Content-Length beyond 2^64",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 99999999999999999999999\r\n\r\n`],
  expect: [[400, 413]],
  close: true,
});
add({
  name: "Content-Length over the limit → 413",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 5000\r\n\r\n`],
  expect: [413],
  close: true,
  check: bodyIs("Payload Too Large"),
});
add({ name: "body over the limit, sent", send: [post("/echo", "x".repeat(1500))], expect: [413], close: true });
add({ name: "body at the limit", send: [post("/echo", "x".repeat(1000))], expect: [200] });
add({ name: "body shorter than Content-Length, then close", send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 10\r\n\r\nabc`], expect: [], timeoutMs: 600 });
add({
  name: "body longer than Content-Length (rest is a bad request)",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabcXYZ\r\n\r\n`],
  expect: [200, 400],
  close: true,
});
add({ name: "Transfer-Encoding gzip", send: [`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\nabc`], expect: [[400, 501]], close: true });
add({
  name: "Transfer-Encoding gzip, chunked",
  send: [chunked("3\r\nabc\r\n0\r\n\r\n").replace("chunked", "gzip, chunked")],
  expect: [[400, 501]],
  close: true,
});
add({
  name: "Transfer-Encoding chunked, gzip",
  send: [chunked("3\r\nabc\r\n0\r\n\r\n").replace("chunked", "chunked, gzip")],
  expect: [[400, 501]],
  close: true,
});
add({
  name: "Transfer-Encoding identity",
  send: [`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: identity\r\nContent-Length: 3\r\n\r\nabc`],
  expect: [[200, 400, 501]],
});
add({ name: "chunked body", send: [chunked("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")], expect: [200], check: bodyIs("5:abcde") });
add({ name: "chunked, upper-case size", send: [chunked("A\r\n0123456789\r\n0\r\n\r\n")], expect: [200], check: bodyIs("10:0123456789") });
add({ name: "chunk extension", send: [chunked("3;name=value\r\nabc\r\n0\r\n\r\n")], expect: [200], check: bodyIs("3:abc") });
add({
  name: "chunked with a trailer: one response",
  send: [chunked("3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n")],
  expect: [200],
  check: bodyIs("3:abc"),
  known: "Bun 1.4.5 parses the trailer as a new request and answers a stray 400",
});
add({ name: "chunk size not hex", send: [chunked("zz\r\nabc\r\n0\r\n\r\n")], expect: BAD, close: true });
add({ name: "chunk size overflow", send: [chunked("ffffffffffffffffff\r\nabc\r\n0\r\n\r\n")], expect: [[400, 413]], close: true });
add({ name: "negative chunk size", send: [chunked("-3\r\nabc\r\n0\r\n\r\n")], expect: BAD, close: true });
add({ name: "chunk data longer than its size", send: [chunked("2\r\nabc\r\n0\r\n\r\n")], expect: BAD, close: true });
add({ name: "chunk without CRLF after data", send: [chunked("3\r\nabcX0\r\n\r\n")], expect: BAD, close: true });
add({
  name: "chunked body over the limit → 413",
  send: [chunked(`${"400\r\n" + "x".repeat(1024) + "\r\n"}${"400\r\n" + "x".repeat(1024) + "\r\n"}0\r\n\r\n`)],
  expect: [413],
  close: true,
});
add({ name: "chunked body never finished", send: [chunked("3\r\nabc\r\n")], expect: [], timeoutMs: 600 });
add({
  name: "Expect: 100-continue",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\nExpect: 100-continue\r\n\r\n`, { waitMs: 100 }, "abc"],
  interim: [100],
  expect: [200],
});
add({
  name: "Expect: 100-continue over the limit → 413 without 100",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n`],
  interim: [],
  expect: [[413, 417]],
  close: true,
  known: "Bun 1.4.5 sends 100 Continue itself before any handler (or its own body limit) runs",
});
add({ name: "unknown expectation", send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\nExpect: teapot\r\n\r\nabc`], expect: [[200, 417]] });
add({ name: "form body with odd encoding", send: [post("/echo", "a=%zz&&=&%", "Content-Type: application/x-www-form-urlencoded\r\n")], expect: [200] });
add({ name: "JSON content type with garbage", send: [post("/echo", "{{{", "Content-Type: application/json\r\n")], expect: [200] });
// The server parses multipart bodies itself (req.form/req.files), so a body it cannot parse is the client's error.
add({ name: "multipart without boundary", send: [post("/echo", "--x--", "Content-Type: multipart/form-data\r\n")], expect: [400] });
add({ name: "body with NUL bytes", send: [post("/echo", "a\0b")], expect: [200] });

// --- G. Pipelining.
add({ name: "two pipelined GETs in one write", send: [get("/") + get("/health")], expect: [200, 200], close: false });
add({ name: "20 pipelined GETs", send: [Array.from({ length: 20 }, () => get("/health")).join("")], expect: Array(20).fill(200) });
add({ name: "pipelined POST, GET, POST", send: [post("/echo", "a") + get("/health") + post("/echo", "bb")], expect: [200, 200, 200] });
add({ name: "pipelined 404 then 200", send: [get("/nope") + get("/")], expect: [404, 200] });
add({ name: "pipelined HEAD then GET", send: [`HEAD / HTTP/1.1\r\n${H}\r\n${get("/")}`], expect: [200, 200] });
add({ name: "pipelined with Connection: close first", send: [get("/", "Connection: close\r\n") + get("/health")], expect: [200], close: true });
add({ name: "pipelined good then malformed", send: [`${get("/")}GET / HTTP/1.1\r\nBad\r\n\r\n`], expect: [200, 400], close: true });
add({
  name: "pipelined behind a slow handler",
  send: [get("/slow") + get("/health")],
  expect: [200, 200],
  known: "Bun 1.4.5 closes a connection when a request arrives while the previous one is still in its handler",
});
add({
  name: "second request sent while the first is in its handler",
  send: [get("/slow"), { waitMs: 50 }, get("/health")],
  expect: [200, 200],
  known: "Bun 1.4.5 closes a connection when a request arrives while the previous one is still in its handler",
});
add({ name: "keep-alive: second request after the first answer", send: [get("/slow"), { waitMs: 500 }, get("/health")], expect: [200, 200] });

// --- H. Not HTTP at all.
add({ name: "TLS ClientHello", send: [Buffer.from("160301020001000200030300".padEnd(200, "0"), "hex")], expect: [[400, 505]], close: true });
add({ name: "HTTP/2 connection preface", send: ["PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"], expect: [[400, 505]], close: true });
add({ name: "1 KB of random bytes", send: [Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7919 + 13) % 256))], expect: [[400, 505]], close: true });
add({ name: "100 NUL bytes", send: [Buffer.alloc(100)], expect: BAD, close: true });
add({ name: "an HTTP response instead of a request", send: ["HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"], expect: [[400, 505]], close: true });
add({ name: "SSH banner", send: ["SSH-2.0-OpenSSH_9.0\r\n\r\n"], expect: [[400, 505]], close: true });
add({ name: "SMTP greeting", send: ["EHLO example.com\r\n\r\n"], expect: [[400, 505]], close: true });
add({ name: "only CRLFs", send: ["\r\n".repeat(500)], expect: [[400]], timeoutMs: 800 });
add({ name: "request line without CRLF, then close", send: ["GET / HTTP/1.1"], expect: [], timeoutMs: 600 });
add({ name: "headers never finished", send: [`GET / HTTP/1.1\r\n${H}X-A: 1\r\n`], expect: [], timeoutMs: 600 });

// --- I. Responses.
add({
  name: "a response map without content-type gets none",
  send: [get("/raw")],
  expect: [202],
  check: (rs) => bodyIs("queued")(rs) ?? header("content-type", null)(rs),
});
add({
  name: "q-values rank encodings (gzip;q=1 beats br;q=0.1)",
  send: [get("/big", "Accept-Encoding: br;q=0.1, gzip;q=1.0\r\n")],
  expect: [200],
  check: header("content-encoding", "gzip"),
});
add({ name: "q=0 refuses an encoding", send: [get("/big", "Accept-Encoding: gzip;q=0\r\n")], expect: [200], check: header("content-encoding", null) });
add({ name: "identity only", send: [get("/big", "Accept-Encoding: identity\r\n")], expect: [200], check: header("content-encoding", null) });
add({ name: "wildcard encoding", send: [get("/big", "Accept-Encoding: *\r\n")], expect: [200] });
add({ name: "malformed Accept-Encoding", send: [get("/big", "Accept-Encoding: ;q=;,,gzip;q=x\r\n")], expect: [200] });
add({
  name: "handler error: 500 without a stack trace",
  send: [get("/crash")],
  expect: [500],
  check: (rs, mode) => noStack(rs) ?? (mode === "production" ? bodyIs("Internal Server Error")(rs) : null),
});
add({ name: "HEAD on a large response", send: [`HEAD /big HTTP/1.1\r\n${H}\r\n`], expect: [200], check: bodyIs("") });
add({ name: "server header is not echoed from the request", send: [get("/", "Server: evil\r\n")], expect: [200], check: header("server", "ntnt-async") });

// --- J. Slow senders.
add({
  name: "request line and headers in pieces",
  send: ["GET /hea", { waitMs: 40 }, "lth HTTP/1.1\r\nHo", { waitMs: 40 }, "st: t\r\n\r\n"],
  expect: [200],
  check: bodyIs("ok"),
});
add({
  name: "body in pieces",
  send: [`POST /echo HTTP/1.1\r\n${H}Content-Length: 6\r\n\r\nabc`, { waitMs: 60 }, "def"],
  expect: [200],
  check: bodyIs("6:abcdef"),
});
add({ name: "chunks in pieces", send: [chunked("3\r\na"), { waitMs: 40 }, "bc\r\n0\r", { waitMs: 40 }, "\n\r\n"], expect: [200], check: bodyIs("3:abc") });
add({
  name: "one byte at a time",
  send: [
    ...get("/health")
      .split("")
      .flatMap((c) => [c, { waitMs: 2 }]),
  ],
  expect: [200],
});

/** Every case, in a stable order. */
export const CORPUS: readonly HostileCase[] = cases;
