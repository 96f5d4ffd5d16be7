/**
 * Running one request through middleware and its handler (spec §6–7, §13): body limits,
 * overload answers, the request deadline, error → status mapping, logging.
 */

import { DeadlineExceeded, NtntError } from "../runtime/errors";
import { NMap, type CallResult, type Value } from "../runtime/values";
import { invokeWithRequest } from "./invoke";
import { requestId } from "./request-identity";
import { accessLog, errorLog } from "./log";
import type { RouteRegistry, Route } from "./route-registry";
import { BadRequest, decodeLoose, makeRequest, RequestSource } from "./request";
import { textResponse, toResponse, type ReplyContext } from "./response";
import { serverContext } from "./context";

const NO_PARAMS = new NMap();
const live = serverContext.live;

/** Early answers before any NTNT code runs: draining, overload. */
export function gate(_request: Request, rc: ReplyContext): Response | null {
  if (live.draining) return textResponse(503, "Service Unavailable: shutting down", rc, { connection: "close" });
  const c = serverContext.config;
  if (live.inflight >= c.maxInflight || live.inflight >= c.maxConnections)
    return textResponse(503, "Service Unavailable: server busy", rc, { "retry-after": "1" });
  return null;
}

/** Handle a request that matched `route`; `raw` holds the router's parameters. */
export function handleRoute(reg: RouteRegistry, route: Route, request: Request, raw: Record<string, string> | undefined): Response | Promise<Response> {
  const c = serverContext.config;
  const start = c.accessLog ? performance.now() : 0;
  const h = request.headers;
  const id = requestId(h.get("x-request-id"));
  const rc: ReplyContext = { id, request };
  // The URL is read only when the handler or the access log needs the path.
  const src = new RequestSource(request);
  const method = request.method;
  if (live.draining || live.inflight >= c.maxInflight || live.inflight >= c.maxConnections) return logged(gate(request, rc)!, method, src, start, rc);
  let params = NO_PARAMS;
  if (route.params.length > 0 && raw) {
    const m = new Map<string, Value>();
    for (const [key, name] of route.params) {
      const value: string | null | undefined = raw[key];
      // Elysia's router gives null for a segment with an invalid escape (`%zz`); the spec keeps the raw segment.
      m.set(name, typeof value === "string" ? value : rawParam(src.path, key));
    }
    params = new NMap(m);
  }
  if (method === "GET" || method === "HEAD") return run(reg, route, src, method, params, "", rc, start);
  const cl = h.get("content-length");
  const length = cl === null ? Number.NaN : Number(cl);
  if (length > c.maxBody) return logged(textResponse(413, "Payload Too Large", rc, { connection: "close" }), method, src, start, rc);
  const lengthKnown = Number.isSafeInteger(length) && length >= 0;
  // `request.body` is not touched when the length is known: creating the stream costs.
  if (lengthKnown ? length === 0 : request.body === null) return run(reg, route, src, method, params, "", rc, start);
  live.inflight++;
  return readBody(request, lengthKnown).then(
    (body) => {
      live.inflight--;
      if (body === null) return logged(textResponse(413, "Payload Too Large", rc, { connection: "close" }), method, src, start, rc);
      return run(reg, route, src, method, params, body, rc, start);
    },
    () => {
      live.inflight--;
      return logged(textResponse(400, "Bad Request", rc), method, src, start, rc);
    },
  );
}

/** Parameter `p<i>` (segment i) read from the raw path and decoded loosely (spec §2.3). */
function rawParam(path: string, key: string): string {
  const segment = path.split("/").filter((x) => x !== "")[Number(key.slice(1))] ?? "";
  return decodeLoose(segment, false);
}

/**
 * Read the body as lossy UTF-8. With a valid Content-Length (already checked against the
 * limit) Bun reads exactly that many bytes, so the whole body is taken at once; otherwise
 * (chunked) it is streamed, stopping (null) as soon as it exceeds the limit.
 */
async function readBody(request: Request, lengthKnown: boolean): Promise<string | null> {
  if (lengthKnown) return request.text();
  const max = serverContext.config.maxBody;
  const stream = request.body;
  if (!stream) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function run(
  reg: RouteRegistry,
  route: Route,
  src: RequestSource,
  method: string,
  params: NMap,
  body: string,
  rc: ReplyContext,
  start: number,
): Response | Promise<Response> {
  const req = makeRequest(src, method, params, body, rc.id);
  const timeout = serverContext.config.timeoutMs;
  const deadline = timeout > 0 ? Date.now() + timeout : Number.POSITIVE_INFINITY;
  live.inflight++;
  const out = chain(reg, route, req, rc, deadline, 0);
  if (!(out instanceof Promise)) {
    done();
    return logged(out, method, src, start, rc);
  }
  const pending = out;
  return new Promise<Response>((resolve) => {
    const w: Waiting = {
      deadline,
      rc,
      resolve: (r) => {
        done();
        resolve(logged(r, method, src, start, rc));
      },
    };
    if (timeout > 0) waitFor(w);
    // Whichever comes first, the handler's answer or the sweeper's 503, is sent.
    const settle = (r: Response) => {
      if (timeout <= 0 || waiting.delete(w)) w.resolve(r);
    };
    // A suspended handler's value is converted here (one promise fewer than a `then` in
    // `chain`); middleware rejections were answered in `chain`, so a rejection is the handler's.
    pending.then(
      (v) => settle(v instanceof Response ? v : toResponse(v, rc)),
      (e) => settle(errorResponse(e, rc, "Handler")),
    );
  });
}

/** A request whose handler suspended: answered 503 by the sweeper if its deadline passes first. */
interface Waiting {
  deadline: number;
  rc: ReplyContext;
  resolve: (r: Response) => void;
}

/** One coarse timer for all suspended requests instead of a timer per request. */
const waiting = new Set<Waiting>();
const SWEEP_MS = 20;
let sweeper: ReturnType<typeof setInterval> | null = null;

function waitFor(w: Waiting): void {
  waiting.add(w);
  if (!sweeper) {
    sweeper = setInterval(sweep, SWEEP_MS);
    sweeper.unref?.();
  }
}

function sweep(): void {
  const now = Date.now();
  for (const w of waiting) {
    if (now < w.deadline) continue;
    waiting.delete(w);
    w.resolve(timedOut(w.rc));
  }
  if (waiting.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = null;
  }
}

function done(): void {
  live.inflight--;
  if (live.inflight === 0 && live.onIdle) live.onIdle();
}

function logged(r: Response, method: string, src: RequestSource, start: number, rc: ReplyContext): Response {
  if (serverContext.config.accessLog) accessLog(src, method, r.status, rc, start);
  return r;
}

/**
 * The value of a promise that has already settled (an async function that never had to
 * wait), taken synchronously (a rejection is thrown), so the response is not delayed to a
 * later tick; a pending promise is returned as it is.
 */
function settled(r: CallResult): CallResult {
  if (!(r instanceof Promise)) return r;
  const status = Bun.peek.status(r);
  if (status === "pending") return r;
  if (status === "rejected") r.catch(() => {});
  const v = Bun.peek(r) as Value;
  if (status === "rejected") throw v;
  return v;
}

/**
 * Middleware from index `i` on, then the handler (spec §6); a suspended handler's raw value
 * is converted by the caller. An error escaping either is answered here, labelled with the
 * stage it came from.
 */
function chain(reg: RouteRegistry, route: Route, req: NMap, rc: ReplyContext, deadline: number, i: number): Response | Promise<Response | Value> {
  const mws = reg.middleware;
  for (; i < mws.length; i++) {
    try {
      const r = settled(invokeWithRequest(deadline, mws[i]!, req));
      if (r instanceof Promise) {
        const next = i + 1;
        return r.then(
          (v) => afterMiddleware(reg, route, req, v, rc, deadline, next),
          (e) => errorResponse(e, rc, "Middleware"),
        );
      }
      if (r instanceof NMap) {
        if (r.has("status")) return toResponse(r, rc);
        req = r;
      }
    } catch (e) {
      return errorResponse(e, rc, "Middleware");
    }
  }
  try {
    const r = settled(invokeWithRequest(deadline, route.handler, req));
    return r instanceof Promise ? r : toResponse(r, rc);
  } catch (e) {
    return errorResponse(e, rc, "Handler");
  }
}

function afterMiddleware(
  reg: RouteRegistry,
  route: Route,
  req: NMap,
  v: Value,
  rc: ReplyContext,
  deadline: number,
  next: number,
): Response | Promise<Response | Value> {
  if (Date.now() > deadline) return timedOut(rc);
  if (v instanceof NMap) {
    if (v.has("status")) return toResponse(v, rc);
    req = v;
  }
  return chain(reg, route, req, rc, deadline, next);
}

function timedOut(rc: ReplyContext): Response {
  errorLog("Request timeout", "handler stopped at the deadline", rc.id, null);
  return textResponse(503, "Service Unavailable: request timed out", rc);
}

/** Map an escaped error to a response (spec §7) and log it with the request id. */
export function errorResponse(e: unknown, rc: ReplyContext, kind: "Handler" | "Middleware"): Response {
  if (e instanceof DeadlineExceeded) return timedOut(rc);
  if (e instanceof BadRequest) return textResponse(400, e.message, rc);
  const production = serverContext.config.production;
  const msg = e instanceof NtntError ? e.message : e instanceof Error ? `Runtime error: ${e.message}` : `Runtime error: ${String(e)}`;
  const where = e instanceof NtntError && e.loc ? `${e.file ?? "?"}:${e.loc.line}:${e.loc.col}` : null;
  errorLog(`${kind} error`, msg, rc.id, where);
  const pre = msg.indexOf("Precondition failed");
  if (pre >= 0) return textResponse(400, `Bad Request: ${msg.slice(pre)}`, rc);
  if (production) return textResponse(500, "Internal Server Error", rc);
  const post = msg.indexOf("Postcondition failed");
  if (post >= 0) return textResponse(500, `Internal Error: ${msg.slice(post)}`, rc);
  return textResponse(500, msg, rc);
}
