/**
 * Calibration peer: raw Bun.serve on the benchmark routes doing the work the NTNT server
 * must do by spec for every response (http-server.md §5, §13.5): adopt an incoming
 * `x-request-id` or make one, and answer with content-type, cache-control, server and
 * x-request-id headers — written the cheapest way raw Bun allows (object literals). Its gap
 * to the plain Bun.serve peer is the cost of that response shape; what remains between it
 * and `ntnt` is the NTNT server's own overhead.
 *
 *   bun bench/http/bun-headers.ts PORT
 */

export {};

const port = Number(process.argv[2] ?? 8080);
const CC = "no-cache, no-store, must-revalidate";
const TEXT = "text/plain; charset=utf-8";
let n = 0;
const id = (incoming: string | null) => incoming ?? `8f1c2d3e-4a5b-4c6d-8e7f-${(0x1000000000000 + n++).toString(16).slice(1)}`;

const text = (body: string, rid: string, status = 200) =>
  new Response(body, { status, headers: { "content-type": TEXT, "cache-control": CC, server: "ntnt-async", "x-request-id": rid } });
const json = (body: unknown, rid: string) =>
  new Response(JSON.stringify(body), { headers: { "content-type": "application/json", "cache-control": CC, server: "ntnt-async", "x-request-id": rid } });

function route(path: string, rid: string): Response {
  if (path === "/") return text("Hello, World!", rid);
  if (path === "/json") return json({ message: "Hello, World!", status: "ok" }, rid);
  if (path === "/compute") {
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum = sum + i;
    return json({ result: sum }, rid);
  }
  if (path.startsWith("/echo/")) {
    const v = path.slice(6);
    if (v && !v.includes("/")) return json({ id: decodeURIComponent(v) }, rid);
  }
  return text("Not Found", rid, 404);
}

Bun.serve({
  port,
  hostname: "127.0.0.1",
  fetch(req) {
    const rid = id(req.headers.get("x-request-id"));
    const url = req.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const q = url.indexOf("?", start);
    return route(q === -1 ? url.slice(start) : url.slice(start, q), rid);
  },
});
