/**
 * Turning a handler's return value into an HTTP response (spec §4): response maps, bare
 * strings (text/plain), everything else a 500. Adds `server` and `x-request-id`, and
 * compresses textual bodies when the client accepts it.
 */

import { fieldBlock, PreparedResponse } from "./front/prepared-response";
import { withBody } from "./front/tags";
import { cameThroughTransport } from "./front/transport-request";
import { display } from "../runtime/display";
import { NArray, NFloat, NMap, type Value } from "../runtime/values";
import { invoke } from "./invoke";
import { errorLog } from "./log";
import { eventStream } from "./sse";
import { ResponseEntries } from "./response-entries";
import { COMPRESS_THRESHOLD, compressBody, isCompressible, pickEncoding } from "./compress";
import type { ServerContext } from "./context";

/** Content type of every plain-text answer the server makes itself. */
export const TEXT_PLAIN = "text/plain; charset=utf-8";
const SKIP = new Set(["content-length", "transfer-encoding", "connection"]);
const SERVER_FIELD = "server: ntnt-async\r\n";
const TEXT_FIELDS = `content-type: ${TEXT_PLAIN}\r\n${SERVER_FIELD}`;

/** Per-request facts the conversion needs. */
export interface ReplyContext {
  id: string;
  /** The server answering (its configuration, its open event streams). */
  server: ServerContext;
  /** The request (Accept-Encoding is read only when a body is worth compressing). */
  request: Request;
  /** The body sent (or its size), for the access log's byte count; unset when unknown. */
  sent?: string | Uint8Array | number | null;
}

/** A plain-text response with the standard server headers. */
export function textResponse(status: number, body: string, rc: ReplyContext, extra?: Record<string, string>): Response {
  rc.sent = body;
  if (extra === undefined && cameThroughTransport(rc.request)) return new PreparedResponse(body, status, `${TEXT_FIELDS}x-request-id: ${rc.id}\r\n`);
  const headers: Record<string, string> = { "content-type": TEXT_PLAIN, server: "ntnt-async", "x-request-id": rc.id };
  if (extra) Object.assign(headers, extra);
  return withBody(new Response(body, { status, headers }), body);
}

/** 500 `Handler did not return a valid response`. */
function invalid(rc: ReplyContext): Response {
  return textResponse(500, "Handler did not return a valid response", rc);
}

/** What a response's header map means for the server: computed once per shared map. */
interface HeaderPlan {
  /** Header name → value to send (invalid-for-us names already dropped). */
  base: Record<string, string>;
  /** Array-valued headers: one line per element. */
  multi: Array<[string, string]> | null;
  hasServer: boolean;
  hasId: boolean;
  /** The content-type value, if any. */
  contentType: string | undefined;
  /** Name under which `vary` was given, if any. */
  varyKey: string | undefined;
  /** content-encoding or content-range set by the handler: never compress. */
  noCompress: boolean;
  /** Builds the header object for one response (`base` plus server and request id). */
  build: (id: string) => Record<string, string>;
  /** `base` plus `server` as the transport writes them (the request id follows), null when a response must be built the generic way, undefined until first needed. */
  block: string | null | undefined;
  /**
   * For a shared map under Bun.serve: its headers and `server` as one Headers object, which a
   * Response copies natively (about 0.3 µs cheaper than converting a plain object); the id is
   * set afterwards.
   */
  fixed: Headers | null;
}

const plans = new WeakMap<NMap, HeaderPlan>();
const EMPTY_PLAN = makePlan(undefined);

/** Precompute the plan of a header map that is shared by many responses (helper constants). */
export function sharedHeaders(m: NMap): NMap {
  plans.set(m, sharedPlan(m));
  return m;
}

function sharedPlan(m: NMap): HeaderPlan {
  const plan = makePlan(m);
  plan.build = compiledBuilder(plan);
  if (plan.multi === null) {
    const fixed = new Headers(plan.base);
    if (!plan.hasServer) fixed.set("server", "ntnt-async");
    plan.fixed = fixed;
  }
  return plan;
}

/** Copy `base`, then add what the handler did not set. */
function genericBuild(this: HeaderPlan, id: string): Record<string, string> {
  const headers: Record<string, string> = { ...this.base };
  if (!this.hasServer) headers.server = "ntnt-async";
  if (!this.hasId) headers["x-request-id"] = id;
  return headers;
}

/**
 * The same as `genericBuild` as one object literal: for the helpers' shared header maps,
 * built once, it makes each response's header object about a quarter cheaper.
 */
function compiledBuilder(plan: HeaderPlan): (id: string) => Record<string, string> {
  const key = (k: string) => (k === "__proto__" ? `[${JSON.stringify(k)}]` : JSON.stringify(k));
  const fields = Object.entries(plan.base).map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`);
  if (!plan.hasServer) fields.push(`server: "ntnt-async"`);
  if (!plan.hasId) fields.push(`"x-request-id": id`);
  return new Function("id", `return { ${fields.join(", ")} };`) as (id: string) => Record<string, string>;
}

/** A header value as text: Strings as they are, Ints, Floats and Bools converted; null for anything else. */
function headerText(v: Value): string | null {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "bigint":
    case "boolean":
      return String(v);
  }
  return v instanceof NFloat ? display(v) : null;
}

function makePlan(hv: Value): HeaderPlan {
  const plan: HeaderPlan = {
    base: {},
    multi: null,
    hasServer: false,
    hasId: false,
    contentType: undefined,
    varyKey: undefined,
    noCompress: false,
    build: genericBuild,
    block: undefined,
    fixed: null,
  };
  if (!(hv instanceof NMap)) return plan;
  for (const [k, raw] of hv.entries) {
    const lower = k.toLowerCase();
    if (SKIP.has(lower)) continue;
    const val = headerText(raw);
    if (val !== null) plan.base[k] = val;
    else if (raw instanceof NArray) {
      plan.multi ??= [];
      for (const item of raw.elements()) {
        const t = headerText(item);
        if (t !== null) plan.multi.push([k, t]);
      }
      continue;
    } else continue;
    if (lower === "server") plan.hasServer = true;
    else if (lower === "x-request-id") plan.hasId = true;
    else if (lower === "content-type") plan.contentType = val;
    else if (lower === "vary") plan.varyKey = k;
    else if (lower === "content-encoding" || lower === "content-range") plan.noCompress = true;
  }
  return plan;
}

/**
 * Convert a handler result (response map, string, other) to a Response. A map with `file`
 * (send_file) streams that file; one with `stream` (sse) streams events, and a failing
 * producer is reported to `onStreamError` (a plain function, so that answering allocates no closure).
 */
export function toResponse(v: Value, rc: ReplyContext, onStreamError?: StreamErrorSink): Response {
  if (typeof v === "string") return finish(200, TEXT_PLAN, v, rc);
  if (!(v instanceof NMap)) return invalid(rc);
  const e = v.entries;
  // A helper's map that nothing has changed: its fields, without lookups.
  if (e instanceof ResponseEntries && e.pending) return fromParts(e.status, e.headers, e.body, rc);
  if (v.has("file") || v.has("stream")) return streamed(v, rc, onStreamError ?? ignoreStreamError);
  return fromParts(v.get("status"), v.get("headers"), v.get("body"), rc);
}

/** A response map's `status` as a number (200 when absent), or -1 when it is no Int in 200–599 (spec §4.2). */
function statusOf(st: Value): number {
  const status = st === undefined ? 200 : typeof st === "number" ? st : typeof st === "bigint" ? Number(st) : -1;
  return status >= 200 && status <= 599 && Number.isInteger(status) ? status : -1;
}

/** The response for a map's `status`, `headers` and `body` values (an invalid status is a 500). */
function fromParts(st: Value, hv: Value, b: Value, rc: ReplyContext): Response {
  const status = statusOf(st);
  if (status < 0) return invalidStatus(st, hv, rc);
  if (st === undefined && b === undefined) warnShapeOnce(rc.server);
  const plan = hv instanceof NMap ? (plans.get(hv) ?? makePlan(hv)) : EMPTY_PLAN;
  return finish(status, plan, typeof b === "string" ? b : "", rc);
}

/**
 * A response map whose status is no Int in 200–599 (spec §4.2): 500, and the handler's bug
 * logged. The map's CORS fields (cors() adds them) are kept, so a browser on another origin can read the 500.
 */
function invalidStatus(st: Value, hv: Value, rc: ReplyContext): Response {
  errorLog(rc.server, "Handler error", `Invalid response status ${display(st)} (an Int from 200 to 599 expected)`, rc.id, null);
  return textResponse(500, "Internal Server Error", rc, hv instanceof NMap ? corsFields(hv) : undefined);
}

/** The `access-control-*` fields and `vary` of a header map, or undefined when it has none. */
function corsFields(hv: NMap): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [k, raw] of hv.entries) {
    const lower = k.toLowerCase();
    const val = headerText(raw);
    if (val !== null && (lower === "vary" || lower.startsWith("access-control-"))) (out ??= {})[lower] = val;
  }
  return out;
}

/** Where a failing event-stream producer is reported, with the request it answers. */
type StreamErrorSink = (e: unknown, rc: ReplyContext) => void;

function ignoreStreamError(): void {}

/** A response whose body is a file or an event stream: never compressed, headers as the map gives them. */
function streamed(v: NMap, rc: ReplyContext, onStreamError: StreamErrorSink): Response {
  const st = v.get("status");
  const hv = v.get("headers");
  const status = statusOf(st);
  if (status < 0) return invalidStatus(st, hv, rc);
  const plan = hv instanceof NMap ? makePlan(hv) : EMPTY_PLAN;
  const headers = plan.build(rc.id);
  const file = v.get("file");
  if (typeof file === "string") {
    const f = Bun.file(file);
    rc.sent = f.size;
    return withBody(new Response(f, { status, headers: checkedHeaders(headers, plan.multi, rc.server) }), f);
  }
  rc.sent = undefined;
  return new Response(
    eventStream(rc.server.streams, v.get("stream"), invoke, (e) => onStreamError(e, rc)),
    {
      status,
      headers: checkedHeaders(headers, plan.multi, rc.server),
    },
  );
}

/** A map without `status` and `body` is a 200 with an empty body (compatible); say so once in development. */
function warnShapeOnce(server: ServerContext): void {
  if (server.config.production) return;
  server.warnOnce('warning: a handler returned a map without "status" or "body"; it is sent as an empty 200 response (use json(...) to send data)\n');
}

const TEXT_PLAN = sharedPlan(new NMap(new Map([["content-type", TEXT_PLAIN]])));

/** The field block of `plan` (made when a response through NTNT's transport first needs it, so Bun.serve alone never pays for it). */
function planBlock(plan: HeaderPlan): string | null {
  if (plan.multi !== null) return null;
  const block = fieldBlock(Object.entries(plan.base));
  return block === null || plan.hasServer ? block : block + SERVER_FIELD;
}

function finish(status: number, plan: HeaderPlan, body: string, rc: ReplyContext): Response {
  let payload: string | Uint8Array<ArrayBuffer> | null = status === 204 || status === 304 ? null : body;
  const compress = payload !== null && payload.length >= COMPRESS_THRESHOLD && !plan.noCompress && isCompressible(plan.contentType);
  if (!compress && cameThroughTransport(rc.request)) {
    const block = plan.block === undefined ? (plan.block = planBlock(plan)) : plan.block;
    if (block !== null) {
      rc.sent = payload;
      return new PreparedResponse(payload, status, plan.hasId ? block : `${block}x-request-id: ${rc.id}\r\n`);
    }
  }
  if (!compress && plan.fixed !== null) return withFixedHeaders(status, plan, payload, rc);
  const headers = plan.build(rc.id);
  if (compress && payload !== null) {
    const vk = plan.varyKey;
    headers[vk ?? "vary"] = vk ? `${headers[vk]}, Accept-Encoding` : "Accept-Encoding";
    const enc = pickEncoding(rc.request.headers.get("accept-encoding"));
    if (enc) {
      payload = compressBody(payload, enc);
      headers["content-encoding"] = enc;
    }
  }
  rc.sent = payload;
  const sent = plan.contentType === undefined && payload !== null && payload.length > 0 ? untyped(payload) : payload;
  let r: Response;
  try {
    if (!plan.multi) r = new Response(sent, { status, headers });
    else {
      const h = new Headers(headers);
      for (const [k, val] of plan.multi) h.append(k, val);
      r = new Response(sent, { status, headers: h });
    }
  } catch {
    r = new Response(sent, { status, headers: validHeaders(headers, plan.multi, rc.server) });
  }
  // NTNT's transport writes the payload itself: untyped or not, it adds no content-type.
  return withBody(r, payload);
}

/** A response with a shared map's prebuilt headers (nothing to add but the request id). */
function withFixedHeaders(status: number, plan: HeaderPlan, payload: string | null, rc: ReplyContext): Response {
  rc.sent = payload;
  const sent = plan.contentType === undefined && payload !== null && payload.length > 0 ? untyped(payload) : payload;
  const r = new Response(sent, { status, headers: plan.fixed! });
  if (!plan.hasId) r.headers.set("x-request-id", rc.id);
  return withBody(r, payload);
}

/**
 * A body Bun sends without inventing a content-type: it adds `text/plain;charset=utf-8` to a
 * string and `application/octet-stream` to bytes, but nothing to a stream (which, closed
 * already, still goes out with a content-length).
 */
function untyped(payload: string | Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  const bytes = typeof payload === "string" ? new TextEncoder().encode(payload) : payload;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The headers as given, or (when one is invalid) the valid ones, the others dropped and reported. */
function checkedHeaders(headers: Record<string, string>, multi: Array<[string, string]> | null, server: ServerContext): Headers | Record<string, string> {
  try {
    if (!multi) {
      new Headers(headers);
      return headers;
    }
    const h = new Headers(headers);
    for (const [k, val] of multi) h.append(k, val);
    return h;
  } catch {
    return validHeaders(headers, multi, server);
  }
}

/** Headers with invalid names or values dropped, each with a warning (development) or an error log line (production). */
function validHeaders(headers: Record<string, string>, multi: Array<[string, string]> | null, server: ServerContext): Headers {
  const h = new Headers();
  const all: Array<[string, string]> = [...Object.entries(headers), ...(multi ?? [])];
  for (const [k, v] of all) {
    try {
      h.append(k, v);
    } catch {
      const why = `invalid header '${k}' dropped (a header name must be a token; a value cannot hold line breaks or control characters)`;
      if (server.config.production) errorLog(server, "Response error", why, null, null);
      else process.stderr.write(`warning: ${why}\n`);
    }
  }
  return h;
}
