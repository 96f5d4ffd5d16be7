/**
 * Where NTNT's CPU per request goes, stage by stage, against the `bun-spec` peer
 * (../shared/bench/peers/bun-spec-headers.ts): one process, each arm a function doing a
 * little more of the request path than the one before, timed in blocks of calls with the
 * arms' order rotated from block to block; a stage's cost is the difference between two
 * neighbouring arms within each block (median and quartiles over the blocks).
 *
 *   bun bench/http/stages.ts [--blocks 24] [--block 20000] [--paths "/ /json /echo/42"]
 *
 * Arms, cumulative (each includes the previous one's work):
 *   id        the request id (`requestId`, the incoming field looked up)
 *   map       + the handler's request map (RequestSource, makeRequest)
 *   handler   + the handler called (`invokeWithRequest`; its own work: the response map)
 *   response  + the Response built (`toResponse`: a PreparedResponse on the transport)
 *   dispatch  `handleRoute` itself: the above and its bookkeeping (gate, deadline, in-flight)
 *   router    the registry's fetch handler: + the raw path and the route lookup
 *   elysia    the host app's fetch: + Elysia's context, its router and its response mapping
 * and NTNT's transport in JS, from nothing: `head` (scanned and parsed), `request` (+ the
 * TransportRequest), `+elysia` (+ the host app's fetch on it), `write` (+ the response written
 * to a sink that keeps nothing: no socket)
 * and the peer's own JavaScript: `peer` (its fetch handler on a reused Request, as Bun.serve
 * calls it) and `peer+request` (the same with a `new Request` per call). What neither
 * in-process figure holds — sockets, Bun.serve's native parsing and writing — is the HTTP
 * figure (bench:http) minus these.
 */

import { resolve } from "node:path";
import { opt } from "../args";
import { median } from "../stats";

const ROOT = resolve(import.meta.dir, "../..");
const BLOCKS = Number(opt("--blocks", "24"));
const SIZE = Number(opt("--block", "20000"));
const PATHS = opt("--paths", "/ /json /echo/42").split(/\s+/).filter(Boolean);
const APP = resolve(ROOT, opt("--app", "examples/benchmark_server.tnt"));
const PEER = resolve(ROOT, opt("--peer", "../shared/bench/peers/bun-spec-headers.ts"));

process.env.NTNT_HOST = "127.0.0.1";
process.env.NTNT_LISTEN_PORT = String(20000 + Math.floor(Math.random() * 20000));
process.env.NTNT_ACCESS_LOG = "0";
process.env.NTNT_ENV = "production";

const engine = await import("../../src/engine/index");
const { newProgramLoad } = await import("../../src/runtime/rt");
const { programContext } = await import("../../src/server/context");
const { hostApp } = await import("../../src/server/server");
const { handleRoute } = await import("../../src/server/dispatch");
const { requestId } = await import("../../src/server/request-identity");
const { makeRequest, RequestSource } = await import("../../src/server/request");
const { RequestBody } = await import("../../src/server/request-body");
const { invokeWithRequest } = await import("../../src/server/invoke");
const { toResponse } = await import("../../src/server/response");
const { TransportRequest, requestField } = await import("../../src/server/front/transport-request");
const { HeadScanner, parseHead, requestUrl } = await import("../../src/server/front/request-head");
const { writeResponse } = await import("../../src/server/front/response-writer");
const { NMap } = await import("../../src/runtime/values");

type Fetch = (r: Request) => Response | Promise<Response>;
type Arm = () => unknown;

/** The peer's fetch handler: its module run with Bun.serve replaced by a catcher. */
async function peerFetch(): Promise<Fetch> {
  const serve = Bun.serve;
  let caught: Fetch | null = null;
  (Bun as unknown as { serve: unknown }).serve = (o: { fetch: Fetch }) => {
    caught = o.fetch;
    return {};
  };
  await import(PEER);
  (Bun as unknown as { serve: unknown }).serve = serve;
  if (caught === null) throw new Error(`${PEER} did not call Bun.serve`);
  return caught;
}

const load = newProgramLoad(resolve(APP, ".."));
void engine.loadProgram(APP, { load });
const sc = programContext(load);
for (let i = 0; i < 300 && !sc.live.fetch; i++) await Bun.sleep(10);
const fetch = sc.live.fetch!;
const host = hostApp(sc).fetch as Fetch;
const peer = await peerFetch();
const reg = sc.registry;
const NO_BODY = new RequestBody("", null);
const sink = { send: () => true, drained: () => Promise.resolve(), gone: false, abort: null };

/** The route a path matches and its parameters, found the simple way (the tool's paths only). */
function routeOf(path: string) {
  const segs = path.split("/");
  for (const route of reg.routes) {
    const rs = route.routerPath.split("/");
    if (rs.length !== segs.length || !rs.every((s, i) => s.startsWith(":") || s === segs[i])) continue;
    const names = new Map(route.params);
    const params: [string, string][] = [];
    rs.forEach((s, i) => s.startsWith(":") && params.push([names.get(s.slice(1))!, segs[i]!]));
    return { route, params };
  }
  throw new Error(`no route for ${path}`);
}

/** The arms for one path, in order. */
function arms(path: string): [string, string | null, Arm][] {
  const { route, params } = routeOf(path);
  const paramsOf = () => (params.length === 0 ? new NMap() : new NMap(new Map(params)));
  const head = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n`;
  const bytes = Buffer.from(head);
  const scanner = new HeadScanner();
  const req = new TransportRequest(`http://127.0.0.1:8080${path}`, undefined, ["Host", "127.0.0.1:8080"], "127.0.0.1");
  const plain = new Request(`http://127.0.0.1:8080${path}`);
  const url = plain.url;
  const id = () => requestId(requestField(req, "x-request-id"));
  const map = () => {
    const i = id();
    return { i, m: makeRequest(new RequestSource(req, sc), "GET", paramsOf(), NO_BODY, i) };
  };
  const handler = () => {
    const { i, m } = map();
    return { i, v: invokeWithRequest(Date.now() + 30000, route.handler, m) };
  };
  const response = () => {
    const { i, v } = handler();
    return toResponse(v as never, { id: i, request: req, server: sc });
  };
  const parsed = () => {
    const end = scanner.scan(bytes) as number;
    const h = parseHead(bytes.toString("latin1", 0, end - 4), end, scanner.rawBytes);
    scanner.reset();
    if ("error" in h) throw new Error("bad head");
    return h;
  };
  const made = () => {
    const h = parsed();
    return { h, r: new TransportRequest(requestUrl(h)!, undefined, h.fields, "127.0.0.1") };
  };
  const hosted = () => {
    const { h, r } = made();
    return { h, out: host(r) };
  };
  const written = () => {
    const { h, out } = hosted();
    const f = { head: false, close: h.close, http10: !h.http11 };
    return out instanceof Promise ? out.then((res) => writeResponse(sink, res, f)) : writeResponse(sink, out, f);
  };
  return [
    ["empty", null, () => url],
    ["id", "empty", id],
    ["map", "id", map],
    ["handler", "map", handler],
    ["response", "handler", response],
    ["dispatch", "response", () => handleRoute(sc, reg, route, req, paramsOf())],
    ["router", "dispatch", () => fetch(req)],
    ["elysia", "router", () => host(req)],
    ["head", "empty", parsed],
    ["request", "head", made],
    ["+elysia", "request", hosted],
    ["write", "+elysia", written],
    ["peer", "empty", () => peer(plain)],
    ["peer+request", "peer", () => peer(new Request(url))],
  ];
}

/** CPU ns per call over SIZE calls of `arm` (awaiting what it returns only when it is a promise). */
async function time(arm: Arm): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < SIZE; i++) {
    const r = arm();
    if (r instanceof Promise) await r;
  }
  const t = process.cpuUsage(t0);
  return ((t.user + t.system) * 1000) / SIZE;
}

const q = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.floor(f * (xs.length - 1))]!;
const fmt = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} (${q(xs, 0.25).toFixed(0)} to ${q(xs, 0.75).toFixed(0)})`;

console.log(
  `CPU ns per call, ${BLOCKS} blocks of ${SIZE} calls per arm, arm order rotated per block; stage = this arm − the arm it builds on, paired by block: median (quartiles)`,
);
for (const path of PATHS) {
  const list = arms(path);
  for (const [, , arm] of list) await time(arm); // warm-up: JIT tiers
  const per = list.map(() => [] as number[]);
  for (let b = 0; b < BLOCKS; b++) {
    for (let k = 0; k < list.length; k++) {
      const at = (k + b) % list.length;
      per[at]!.push(await time(list[at]![2]));
    }
  }
  console.log(`\n${path}`);
  console.log(`${"arm".padEnd(13)} ${"ns per call".padStart(22)}   stage`);
  const index = new Map(list.map(([name], k) => [name, k]));
  list.forEach(([name, base], k) => {
    const prev = base === null ? null : per[index.get(base)!]!;
    const d = prev === null ? null : per[k]!.map((x, b) => x - prev[b]!);
    console.log(`${name.padEnd(13)} ${fmt(per[k]!)}   ${d === null ? "" : `${fmt(d)}  (− ${base})`}`);
  });
}
process.exit(0);
