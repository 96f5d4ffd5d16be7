/**
 * Running one request through middleware and its handler (spec §6–7, §13): body limits,
 * overload answers, the request deadline, error → status mapping, logging.
 */

import { DeadlineExceeded, NtntError } from "../runtime/errors";
import { NFunction, NMap, type Value } from "../runtime/values";
import { invokeWithRequest } from "./invoke";
import { requestId } from "./request-identity";
import { accessLog, errorLog } from "./log";
import type { RouteRegistry, Route } from "./route-registry";
import { BodyTooLarge, MalformedMultipart, readMultipart, removeUploads } from "./multipart";
import { InvalidResponse, responseValue, runChain, settled, type ChainTrack } from "./pipeline";
import { BadRequest, makeRequest, RequestSource } from "./request";
import { RequestBody } from "./request-body";
import { runForRequest, tracksRequestIds } from "./request-context";
import type { LiveState, ServerContext } from "./context";
import type { Waiter } from "./deadline-sweeper";
import { textResponse, toResponse, type ReplyContext } from "./response";
import { requestField } from "./front/transport-request";
import { corsHeadersOfError } from "./cors";

/** Early answers of the server `sc` before any NTNT code runs: draining, overload. */
export function gate(sc: ServerContext, rc: ReplyContext): Response | null {
  const live = sc.live;
  if (live.draining) return textResponse(503, "Service Unavailable: shutting down", rc, { connection: "close" });
  const c = sc.config;
  if (live.inflight >= c.maxInflight || live.inflight >= c.maxConnections)
    return textResponse(503, "Service Unavailable: server busy", rc, { "retry-after": "1" });
  return null;
}

/** How a request runs: through the middleware (routes, automatic OPTIONS/405) or straight to its handler (on_not_found). */
export interface RunOptions {
  middleware: boolean;
}

const THROUGH_MIDDLEWARE: RunOptions = { middleware: true };
const NO_BODY = new RequestBody("", null);

/** Handle a request to the server `sc` that matched `route`; `params` are the route's parameters, decoded (spec §2.3). */
export function handleRoute(
  sc: ServerContext,
  reg: RouteRegistry,
  route: Route,
  request: Request,
  params: NMap,
  opts: RunOptions = THROUGH_MIDDLEWARE,
): Response | Promise<Response> {
  const c = sc.config;
  const live = sc.live;
  const start = c.accessLog ? performance.now() : 0;
  const id = requestId(requestField(request, "x-request-id"));
  // `sent` is set when answering; declared here so that every reply context has one shape.
  const rc: ReplyContext = { id, request, server: sc, sent: undefined };
  // The URL is read only when the handler or the access log needs the path.
  const src = new RequestSource(request, sc);
  const method = request.method;
  if (live.draining || live.inflight >= c.maxInflight || live.inflight >= c.maxConnections) return logged(gate(sc, rc)!, method, src, start, rc);
  const call: Call = { sc, reg, route, src, method, params, rc, start, opts };
  if (method === "GET" || method === "HEAD") return run(call, NO_BODY);
  const cl = requestField(request, "content-length");
  const length = cl === null ? Number.NaN : Number(cl);
  if (length > c.maxBody) return logged(textResponse(413, "Payload Too Large", rc, { connection: "close" }), method, src, start, rc);
  const lengthKnown = Number.isSafeInteger(length) && length >= 0;
  // `request.body` is not touched when the length is known: creating the stream costs.
  if (lengthKnown ? length === 0 : request.body === null) return run(call, NO_BODY);
  return readThenRun(call, request, lengthKnown);
}

/**
 * Read the body, then run the request. Apart from handleRoute so that a request without a body
 * allocates none of these closures' scope (JavaScriptCore makes a function's captured
 * variables one heap object per call, whether or not the closures are created).
 */
function readThenRun(call: Call, request: Request, lengthKnown: boolean): Promise<Response> {
  const { sc, rc } = call;
  const live = sc.live;
  const max = sc.config.maxBody;
  const type = request.headers.get("content-type");
  live.inflight++;
  const reading =
    type !== null && MULTIPART.test(type)
      ? readMultipart(request.body!, type, max).then((up) => new RequestBody("", type, up))
      : readBody(request, lengthKnown, max).then((b) => (b === null ? null : new RequestBody(b, type)));
  return reading.then(
    (body) => {
      live.inflight--;
      if (body === null) return logged(textResponse(413, "Payload Too Large", rc, { connection: "close" }), call.method, call.src, call.start, rc);
      return run(call, body);
    },
    (e) => {
      live.inflight--;
      if (e instanceof BodyTooLarge) return logged(textResponse(413, "Payload Too Large", rc, { connection: "close" }), call.method, call.src, call.start, rc);
      return logged(
        textResponse(400, e instanceof MalformedMultipart ? "Bad Request: malformed multipart body" : "Bad Request", rc),
        call.method,
        call.src,
        call.start,
        rc,
      );
    },
  );
}

const MULTIPART = /^multipart\/form-data\b/i;

/** One request on its way through the chain. */
interface Call {
  sc: ServerContext;
  reg: RouteRegistry;
  route: Route;
  src: RequestSource;
  method: string;
  params: NMap;
  rc: ReplyContext;
  start: number;
  opts: RunOptions;
}

/**
 * Read the body's bytes (decoded only when `req.body` is read). With a valid Content-Length
 * (already checked against the limit) Bun reads exactly that many bytes, so the whole body
 * is taken at once; otherwise (chunked) it is streamed, stopping (null) as soon as it
 * exceeds `max`.
 */
async function readBody(request: Request, lengthKnown: boolean, max: number): Promise<Uint8Array | null> {
  if (lengthKnown) return request.bytes();
  const stream = request.body;
  if (!stream) return new Uint8Array(0);
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
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function run(call: Call, body: RequestBody): Response | Promise<Response> {
  const { sc, reg, route, rc } = call;
  const req = makeRequest(call.src, call.method, call.params, body, rc.id);
  const timeout = sc.config.timeoutMs;
  const deadline = timeout > 0 ? Date.now() + timeout : Number.POSITIVE_INFINITY;
  // One object is both the chain's track and what answering needs: one allocation per request.
  const ctx: Handling = { reg, req, rc, deadline, stage: "Handler", handler: undefined, handlerDepth: -1 };
  const uploads = body.upload?.dir ?? null;
  const mws = call.opts.middleware ? reg.middleware : NO_MIDDLEWARE;
  sc.live.inflight++;
  let out: Response | Promise<Response>;
  try {
    // Without std/log nothing reads the request id across suspensions: no closure, no AsyncLocalStorage.
    const v = settled(tracksRequestIds() ? runTracked(mws, route, ctx) : runChain(mws, 0, route.handler, req, deadline, ctx));
    out = v instanceof Promise ? respondLater(v, ctx) : respond(v, ctx);
  } catch (e) {
    out = errorResponse(e, ctx);
  }
  return out instanceof Promise ? answerWithin(out, call, uploads, ctx, timeout) : finish(out, call, uploads);
}

/** The chain run with its request id readable across suspensions (std/log). */
function runTracked(mws: readonly Value[], route: Route, ctx: Handling) {
  return runForRequest(ctx.rc.id, () => runChain(mws, 0, route.handler, ctx.req, ctx.deadline, ctx));
}

/** The response to a chain that suspended. */
function respondLater(v: Promise<Value>, ctx: Handling): Promise<Response> {
  return v.then(
    (x) => respond(x, ctx),
    (e) => errorResponse(e, ctx),
  );
}

/** A pending answer, or the sweeper's 503 at the deadline, whichever comes first. */
function answerWithin(pending: Promise<Response>, call: Call, uploads: string | null, ctx: Handling, timeout: number): Promise<Response> {
  const { sc, rc } = call;
  return new Promise<Response>((resolve) => {
    const w: Waiter = { deadline: ctx.deadline, expire: () => resolve(finish(timedOut(rc), call, uploads)) };
    const deadlines = sc.deadlines;
    if (timeout > 0) deadlines.add(w);
    const settle = (r: Response) => {
      if (timeout <= 0 || deadlines.remove(w)) resolve(finish(r, call, uploads));
    };
    const settleAny = (r: Response | Promise<Response>) => (r instanceof Promise ? r.then(settle) : settle(r));
    pending.then(settle, (e) => settleAny(errorResponse(e, ctx)));
  });
}

/** The request is answered: no longer in flight, its uploads removed, logged. */
function finish(r: Response, call: Call, uploads: string | null): Response {
  done(call.sc.live);
  removeUploads(uploads);
  return logged(r, call.method, call.src, call.start, call.rc);
}

const NO_MIDDLEWARE: Value[] = [];

/** What answering one request needs, and the chain's track. */
interface Handling extends ChainTrack {
  reg: RouteRegistry;
  req: NMap;
  rc: ReplyContext;
  deadline: number;
}

/** The chain's value as a Response: response maps and strings convert; anything else is the handler's bug (logged). */
function respond(v: Value, ctx: Handling): Response | Promise<Response> {
  if (v instanceof NMap || typeof v === "string") return toResponse(v, ctx.rc, logStreamError);
  try {
    responseValue(v, ctx.handler);
  } catch (e) {
    return errorResponse(e, ctx);
  }
  return errorResponse(new InvalidResponse("?", null), ctx);
}

/** An event stream's producer failed after its response was sent. */
function logStreamError(e: unknown, rc: ReplyContext): void {
  errorLog(rc.server, "Event stream error", errorText(e), rc.id, whereOf(e));
}

function done(live: LiveState): void {
  live.inflight--;
  if (live.inflight === 0 && live.onIdle) live.onIdle();
}

function logged(r: Response, method: string, src: RequestSource, start: number, rc: ReplyContext): Response {
  if (rc.server.config.accessLog) accessLog(src, method, r.status, rc, start);
  return r;
}

function timedOut(rc: ReplyContext): Response {
  errorLog(rc.server, "Request timeout", "handler stopped at the deadline", rc.id, null);
  return textResponse(503, "Service Unavailable: request timed out", rc);
}

const INVALID = "Handler did not return a valid response";

/** Text of an escaped error as the log and the development body show it. */
function errorText(e: unknown): string {
  if (e instanceof NtntError || e instanceof InvalidResponse) return e.message;
  return e instanceof Error ? `Runtime error: ${e.message}` : `Runtime error: ${String(e)}`;
}

/** `file:line:col` of an NTNT error, or the handler's declaration for an invalid result. */
function whereOf(e: unknown): string | null {
  if (e instanceof InvalidResponse) return e.where;
  return e instanceof NtntError && e.loc ? `${e.file ?? "?"}:${e.loc.line}:${e.loc.col}` : null;
}

/** True for a failed `requires` of the route handler itself (the client's fault, spec §7); deeper ones are the app's bugs. */
function handlersOwnRequires(e: unknown, track: ChainTrack): e is NtntError {
  if (!(e instanceof NtntError) || e.kind !== "precondition" || e.precondition === null) return false;
  const h = track.handler;
  return h instanceof NFunction && e.precondition.fn === h.name && e.precondition.depth === track.handlerDepth;
}

/** Map an escaped error to a response (spec §7) with the CORS headers a cors middleware it passed would have added. */
export function errorResponse(e: unknown, ctx: Handling): Response | Promise<Response> {
  const r = errorAnswer(e, ctx);
  const cors = corsHeadersOfError(e);
  if (cors === undefined) return r;
  return r instanceof Promise ? r.then((x) => withHeaders(x, cors)) : withHeaders(r, cors);
}

/** `r` with `extra` set on its headers (a Vary already there is extended, not replaced). */
function withHeaders(r: Response, extra: Record<string, string>): Response {
  for (const [k, v] of Object.entries(extra)) {
    const prev = k === "vary" ? r.headers.get(k) : null;
    r.headers.set(k, prev ? `${prev}, ${v}` : v);
  }
  return r;
}

/** The error's answer (spec §7), logged with the request id, shaped by `on_error` when the app set one. */
function errorAnswer(e: unknown, ctx: Handling): Response | Promise<Response> {
  const { rc } = ctx;
  if (e instanceof DeadlineExceeded) return timedOut(rc);
  if (e instanceof BadRequest) return customError(ctx, 400, e.message, () => textResponse(400, e.message, rc));
  const production = rc.server.config.production;
  const msg = errorText(e);
  errorLog(rc.server, `${e instanceof InvalidResponse ? "Handler" : ctx.stage} error`, msg, rc.id, whereOf(e));
  if (handlersOwnRequires(e, ctx)) {
    const text = `Bad Request: ${e.detail}`;
    return customError(ctx, 400, text, () => textResponse(400, text, rc));
  }
  if (e instanceof InvalidResponse) return customError(ctx, 500, production ? "Internal Server Error" : INVALID, () => textResponse(500, INVALID, rc));
  if (production) return customError(ctx, 500, "Internal Server Error", () => textResponse(500, "Internal Server Error", rc));
  const body = e instanceof NtntError && e.kind === "postcondition" ? `Internal Error: ${e.detail}` : msg;
  return customError(ctx, 500, msg, () => textResponse(500, body, rc));
}

/**
 * The answer for an error status: the app's `on_error(req, {status, message})` when it set
 * one (its own failure is logged and the plain answer sent), else `plain()`.
 */
export function customError(
  ctx: Handling,
  status: number,
  message: string,
  plain: () => Response,
  extra?: Record<string, string>,
): Response | Promise<Response> {
  const handler = ctx.reg.errorHandler;
  if (handler === undefined) return plain();
  const err = new NMap(
    new Map<string, Value>([
      ["status", status],
      ["message", message],
    ]),
  );
  const failed = (e: unknown) => {
    errorLog(ctx.rc.server, "Error handler error", errorText(e), ctx.rc.id, whereOf(e));
    return plain();
  };
  const convert = (v: Value): Response => {
    if (!(v instanceof NMap) && typeof v !== "string") return failed(new InvalidResponse(v === undefined ? "()" : typeof v, null));
    const r = toResponse(v, ctx.rc);
    if (extra) for (const [k, val] of Object.entries(extra)) r.headers.set(k, val);
    return r;
  };
  try {
    const out = settled(runForRequest(ctx.rc.id, () => invokeWithRequest(ctx.deadline, handler, ctx.req, err)));
    return out instanceof Promise ? out.then(convert, failed) : convert(out);
  } catch (e) {
    return failed(e);
  }
}
