/**
 * Calibration peer: raw Bun.serve on the benchmark routes, answering with the same response
 * headers an NTNT server sends (content-type, cache-control, server, x-request-id). Its gap to
 * the plain Bun.serve peer is the cost of the response shape itself; what remains between it
 * and `ntnt` is the NTNT server's own overhead.
 *
 *   bun bench/http/bun-headers.ts PORT
 */

const port = Number(process.argv[2] ?? 8080);
const base = { "cache-control": "no-cache, no-store, must-revalidate", server: "ntnt-async" };
const TEXT = { ...base, "content-type": "text/plain; charset=utf-8" };
const JSON_T = { ...base, "content-type": "application/json" };
let n = 0;
const id = () => `8f1c2d3e-4a5b-4c6d-8e7f-${(0x1000000000000 + n++).toString(16).slice(1)}`;

const send = (body: string, type: Record<string, string>, status = 200) =>
  new Response(body, { status, headers: { ...type, "x-request-id": id() } });

function route(path: string): Response {
  if (path === "/") return send("Hello, World!", TEXT);
  if (path === "/json") return send(JSON.stringify({ message: "Hello, World!", status: "ok" }), JSON_T);
  if (path === "/compute") {
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum = sum + i;
    return send(JSON.stringify({ result: sum }), JSON_T);
  }
  if (path.startsWith("/echo/")) {
    const v = path.slice(6);
    if (v && !v.includes("/")) return send(JSON.stringify({ id: decodeURIComponent(v) }), JSON_T);
  }
  return send("Not Found", TEXT, 404);
}

Bun.serve({
  port,
  hostname: "127.0.0.1",
  fetch(req) {
    const url = req.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const q = url.indexOf("?", start);
    return route(q === -1 ? url.slice(start) : url.slice(start, q));
  },
});
