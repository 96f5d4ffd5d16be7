/**
 * `cors(options)` of `std/http/server` (docs/web.md): a middleware that answers CORS
 * preflights itself and adds the CORS headers to every other response of an allowed origin.
 */

import { declare } from "../runtime/declaration";
import { typeError } from "../runtime/errors";
import { NArray, NMap, NNative, type CallResult, type NativeContext, type Value } from "../runtime/values";
import { native } from "../runtime/natives";

interface CorsConfig {
  /** null: any origin. */
  origins: Set<string> | null;
  methods: string;
  /** null: echo the preflight's Access-Control-Request-Headers. */
  headers: string | null;
  expose: string | null;
  credentials: boolean;
  maxAge: number | null;
}

function stringList(name: string, v: Value): string[] {
  if (!(v instanceof NArray) || v.elements().some((x) => typeof x !== "string")) throw typeError(`cors() ${name} must be an array of strings`);
  return v.elements() as string[];
}

function corsConfig(opts: Value): CorsConfig {
  const m = opts === undefined ? new NMap() : opts;
  if (!(m instanceof NMap)) throw typeError("cors() options must be a map");
  const cfg: CorsConfig = { origins: null, methods: "GET, HEAD, PUT, PATCH, POST, DELETE", headers: null, expose: null, credentials: false, maxAge: null };
  for (const [k, v] of m.entries) {
    switch (k) {
      case "origins":
        if (v !== "*") cfg.origins = new Set(typeof v === "string" ? [v] : stringList(k, v));
        break;
      case "methods":
        cfg.methods = stringList(k, v)
          .map((x) => x.toUpperCase())
          .join(", ");
        break;
      case "headers":
        cfg.headers = stringList(k, v).join(", ");
        break;
      case "expose":
        cfg.expose = stringList(k, v).join(", ");
        break;
      case "credentials":
        if (typeof v !== "boolean") throw typeError("cors() credentials must be a Bool");
        cfg.credentials = v;
        break;
      case "max_age":
        if (typeof v !== "number" && typeof v !== "bigint") throw typeError("cors() max_age must be an Int (seconds)");
        cfg.maxAge = Number(v);
        break;
      default:
        throw typeError(`cors() unknown option '${k}'`);
    }
  }
  return cfg;
}

/** Headers of a response map as a mutable Map (lower-cased names for lookups). */
function headersOf(resp: NMap): Map<string, Value> {
  const h = resp.get("headers");
  return new Map<string, Value>(h instanceof NMap ? h.entries : []);
}

function addVary(h: Map<string, Value>, what: string): void {
  const key = [...h.keys()].find((k) => k.toLowerCase() === "vary") ?? "vary";
  const prev = h.get(key);
  h.set(key, typeof prev === "string" && prev !== "" ? `${prev}, ${what}` : what);
}

/** The origin to answer with, or null when this origin is not allowed. */
function allowOrigin(cfg: CorsConfig, origin: string): string | null {
  if (cfg.origins === null) return cfg.credentials ? origin : "*";
  return cfg.origins.has(origin) ? origin : null;
}

function preflight(cfg: CorsConfig, req: NMap, origin: string): NMap {
  const h = new Map<string, Value>();
  const allowed = allowOrigin(cfg, origin);
  if (allowed !== null) {
    h.set("access-control-allow-origin", allowed);
    h.set("access-control-allow-methods", cfg.methods);
    const reqHeaders = (req.get("headers") as NMap).get("access-control-request-headers");
    const allowHeaders = cfg.headers ?? (typeof reqHeaders === "string" ? reqHeaders : null);
    if (allowHeaders) h.set("access-control-allow-headers", allowHeaders);
    if (cfg.credentials) h.set("access-control-allow-credentials", "true");
    if (cfg.maxAge !== null) h.set("access-control-max-age", String(cfg.maxAge));
  }
  addVary(h, "Origin");
  if (cfg.headers === null) addVary(h, "Access-Control-Request-Headers");
  return new NMap(
    new Map<string, Value>([
      ["status", 204],
      ["headers", new NMap(h)],
      ["body", ""],
    ]),
  );
}

function decorate(cfg: CorsConfig, resp: Value, origin: string): Value {
  if (!(resp instanceof NMap)) return resp;
  const allowed = allowOrigin(cfg, origin);
  const h = headersOf(resp);
  if (allowed !== null) {
    h.set("access-control-allow-origin", allowed);
    if (cfg.credentials) h.set("access-control-allow-credentials", "true");
    if (cfg.expose) h.set("access-control-expose-headers", cfg.expose);
  }
  if (allowed !== "*") addVary(h, "Origin");
  return resp.with("headers", new NMap(h));
}

/** CORS headers for the error answer of a request whose chain raised through a cors middleware. */
const errorHeaders = new WeakMap<object, Record<string, string>>();

/** The CORS headers a cors middleware attached to an error escaping the chain, if any. */
export function corsHeadersOfError(e: unknown): Record<string, string> | undefined {
  return typeof e === "object" && e !== null ? errorHeaders.get(e) : undefined;
}

/** Remember on `e` the headers an allowed origin's response would have got, so the error answer carries them too. */
function markError(cfg: CorsConfig, e: unknown, origin: string): unknown {
  if (typeof e !== "object" || e === null || errorHeaders.has(e)) return e;
  const allowed = allowOrigin(cfg, origin);
  if (allowed === null) return e;
  const h: Record<string, string> = { "access-control-allow-origin": allowed };
  if (cfg.credentials) h["access-control-allow-credentials"] = "true";
  if (cfg.expose) h["access-control-expose-headers"] = cfg.expose;
  if (allowed !== "*") h.vary = "Origin";
  errorHeaders.set(e, h);
  return e;
}

function around(cfg: CorsConfig, req: NMap, next: Value, ctx: NativeContext): CallResult {
  const headers = req.get("headers");
  const origin = headers instanceof NMap ? headers.get("origin") : undefined;
  if (typeof origin !== "string") return ctx.call(next, [req]);
  if (req.get("method") === "OPTIONS" && headers instanceof NMap && headers.has("access-control-request-method")) return preflight(cfg, req, origin);
  let out: CallResult;
  try {
    out = ctx.call(next, [req]);
  } catch (e) {
    throw markError(cfg, e, origin);
  }
  return out instanceof Promise
    ? out.then(
        (r) => decorate(cfg, r, origin),
        (e) => {
          throw markError(cfg, e, origin);
        },
      )
    : decorate(cfg, out, origin);
}

/** The cors native, merged into `std/http/server`. */
export const corsNatives: Record<string, Value> = {
  cors: declare(
    "cors(options?: Map<String, Any>) -> Any",
    "A middleware answering CORS preflights and adding CORS headers (options: origins, methods, headers, expose, credentials, max_age).",
    'use_middleware(cors(map { "origins": ["http://localhost:5173"] }))',
    native("cors", [0, 1], ([opts]) => {
      const cfg = corsConfig(opts);
      return new NNative(
        "cors",
        2,
        2,
        ([req, next], ctx) => {
          if (!(req instanceof NMap)) throw typeError("cors middleware needs the request map");
          return around(cfg, req, next, ctx);
        },
        true,
      );
    }),
  ),
};
