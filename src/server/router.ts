/**
 * The fetch handler for one registry: NTNT's own route matcher (http-server.md §13.10), no
 * framework router. A route is found by method and raw (encoded) path: routes without
 * parameters by one map lookup, the others among the routes of the same method and segment
 * count, a literal segment beating a parameter from the left, then registration order (spec
 * §2.4). What no route matches exactly goes to `unmatched`: paths with empty segments, HEAD
 * without its own route, static files, 405 / OPTIONS and 404 (spec §2.5–2.6).
 */

import type { LiveState, ServerContext } from "./context";
import { gate, handleRoute } from "./dispatch";
import { accessLog, errorLog } from "./log";
import { decodeLoose, RequestSource } from "./request";
import { requestId } from "./request-identity";
import { TEXT_PLAIN, textResponse, type ReplyContext } from "./response";
import { NMap, NNative, type Value } from "../runtime/values";
import type { Route, RouteRegistry } from "./route-registry";
import { serveStatic } from "./static";
import { requestField } from "./front/transport-request";

/** An app built from a registry: its fetch handler and the registry. */
export interface BuiltApp {
  fetch: (request: Request) => Response | Promise<Response>;
  registry: RouteRegistry;
}

/** Build the fetch handler that serves the registry's routes on the server `sc` describes. */
export function buildApp(sc: ServerContext, reg: RouteRegistry): BuiltApp {
  const matcher = new RouteMatcher(reg.routes);
  return { fetch: (request) => serve(sc, reg, matcher, request), registry: reg };
}

function serve(sc: ServerContext, reg: RouteRegistry, matcher: RouteMatcher, request: Request): Response | Promise<Response> {
  const live = sc.live;
  if (live.beforeRequest !== null) {
    const wait = live.beforeRequest();
    if (wait) return redispatch(live, wait, request);
  }
  const found = matcher.find(request.method, rawPath(request.url));
  if (found) return handleRoute(sc, reg, found.route, request, found.params);
  return unmatched(sc, reg, matcher, request);
}

/** The raw path of a request URL: from the first `/` after the authority up to the query. */
function rawPath(url: string): string {
  const s = url.indexOf("/", url.indexOf("//") + 2);
  if (s < 0) return "/";
  const q = url.indexOf("?", s);
  return q < 0 ? url.slice(s) : url.slice(s, q);
}

/** After a hot reload, hand the request to whichever app is current now. */
function redispatch(live: LiveState, wait: Promise<void>, request: Request): Promise<Response> {
  return wait.then(() => live.fetch!(request));
}

/** A route and its router path split into segments (`:name` = parameter). */
interface Candidate {
  route: Route;
  segments: string[];
}

/** A matched route with its parameters, decoded (router key → value). */
interface Match {
  route: Route;
  params: Record<string, string>;
}

/**
 * Route lookup over the registry: the segment counts must agree, a literal segment matches
 * itself (compared encoded, as `toRouterPath` stores it), a parameter any non-empty segment,
 * and where two routes match the one with a literal segment earlier wins.
 */
class RouteMatcher {
  private readonly candidates: Candidate[];
  /** Routes without parameters by `METHOD path`. */
  private readonly exact = new Map<string, Route>();
  /** Routes with parameters by `METHOD segment-count`, in registration order. */
  private readonly withParams = new Map<string, Candidate[]>();

  constructor(routes: Route[]) {
    this.candidates = routes.map((route) => ({ route, segments: route.routerPath.split("/").slice(1) }));
    for (const c of this.candidates) {
      if (c.route.params.length === 0) {
        const key = `${c.route.method} ${c.route.routerPath}`;
        if (!this.exact.has(key)) this.exact.set(key, c.route);
        continue;
      }
      const key = `${c.route.method} ${c.segments.length}`;
      const list = this.withParams.get(key);
      if (list) list.push(c);
      else this.withParams.set(key, [c]);
    }
  }

  /** The best route for `method` and a raw `path`, with its parameters percent-decoded. */
  find(method: string, path: string): Match | null {
    const exact = this.exact.get(`${method} ${path}`);
    if (exact) return { route: exact, params: NO_PARAMS };
    const list = this.withParams.get(`${method} ${countSegments(path)}`);
    if (!list) return null;
    const segs = path.split("/").slice(1);
    let best: Candidate | null = null;
    for (const c of list) {
      if (!matches(c.segments, segs)) continue;
      if (best === null || moreLiteral(c.segments, best.segments)) best = c;
    }
    if (best === null) return null;
    const params: Record<string, string> = {};
    // A loop, not forEach: a closure here would cost every call (exact matches too) a scope object.
    const pattern = best.segments;
    for (let i = 0; i < pattern.length; i++) if (pattern[i]!.startsWith(":")) params[pattern[i]!.slice(1)] = decodeLoose(segs[i]!, false);
    return { route: best.route, params };
  }

  /** Methods (sorted, with HEAD and OPTIONS) that have a route matching a normalised `path`. */
  allowedMethods(path: string): string[] {
    const segs = path.split("/").slice(1);
    const allow = new Set<string>();
    for (const c of this.candidates) if (matches(c.segments, segs)) allow.add(c.route.method);
    if (allow.size === 0) return [];
    if (allow.has("GET")) allow.add("HEAD");
    allow.add("OPTIONS");
    return [...allow].sort();
  }
}

const NO_PARAMS: Record<string, string> = {};

/** The number of `/`-separated segments of a path (`/` has one, empty). */
function countSegments(path: string): number {
  let n = 0;
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) n++;
  return n;
}

function matches(pattern: string[], segs: string[]): boolean {
  if (pattern.length !== segs.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith(":") ? segs[i] === "" : p !== segs[i]) return false;
  }
  return true;
}

/** True when `a` has a literal segment where `b` first has a parameter. */
function moreLiteral(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const pa = a[i]!.startsWith(":");
    const pb = b[i]!.startsWith(":");
    if (pa !== pb) return pb;
  }
  return false;
}

function unmatched(sc: ServerContext, reg: RouteRegistry, matcher: RouteMatcher, request: Request): Response | Promise<Response> {
  const src = new RequestSource(request, sc);
  const path = src.path;
  const method = request.method;
  const norm = `/${path
    .split("/")
    .filter((s) => s !== "")
    .join("/")}`;
  if (norm !== path || method === "HEAD") {
    // `//users//42` and `/users/42/` name the same route as `/users/42` (spec §2.3); HEAD
    // without its own route runs GET (the server sends headers only).
    const found = (norm !== path ? matcher.find(method, norm) : null) ?? (method === "HEAD" ? matcher.find("GET", norm) : null);
    if (found) return handleRoute(sc, reg, found.route, request, found.params);
  }
  const start = performance.now();
  const id = requestId(requestField(request, "x-request-id"));
  const rc: ReplyContext = { id, request, server: sc };
  const done = (r: Response) => {
    if (sc.config.accessLog) accessLog(src, method, r.status, rc, start);
    return r;
  };
  const early = gate(sc, rc);
  if (early) return done(early);
  const rest = (): Response | Promise<Response> => {
    const allow = matcher.allowedMethods(norm);
    // The automatic OPTIONS answer passes through middleware like a route (CORS preflights); a 405 does not (spec §6: no middleware without a route).
    if (allow.length > 0)
      return handleRoute(sc, reg, automaticRoute(reg, method, norm, allow.join(", ")), request, undefined, method === "OPTIONS" ? THROUGH : DIRECT);
    if (reg.notFound !== undefined) return handleRoute(sc, reg, syntheticRoute(method, norm, reg.notFound), request, undefined, DIRECT);
    if (reg.errorHandler !== undefined)
      return handleRoute(sc, reg, syntheticRoute(method, norm, errorAnswer(reg.errorHandler, 404, "Not Found", null)), request, undefined, DIRECT);
    return done(textResponse(404, "Not Found", rc));
  };
  if ((method === "GET" || method === "HEAD") && reg.statics.length > 0) {
    return serveStatic(reg.statics, path, request, rc).then(
      (r) => (r ? done(r) : rest()),
      (e) => {
        errorLog(sc, "Static file error", e instanceof Error ? e.message : String(e), id, null);
        return done(textResponse(500, "Internal Server Error", rc));
      },
    );
  }
  return rest();
}

const DIRECT = { middleware: false };
const THROUGH = { middleware: true };

function syntheticRoute(method: string, path: string, handler: Value): Route {
  return { method, pattern: path, routerPath: path, params: [], handler, file: null };
}

/** The 204 answer to OPTIONS, or the 405 (through `on_error` when set), as a handler for the chain. */
function automaticRoute(reg: RouteRegistry, method: string, path: string, allow: string): Route {
  if (method === "OPTIONS") return syntheticRoute(method, path, new NNative("options", 1, 1, () => responseMap(204, { allow }, "")));
  if (reg.errorHandler !== undefined) return syntheticRoute(method, path, errorAnswer(reg.errorHandler, 405, "Method Not Allowed", allow));
  return syntheticRoute(
    method,
    path,
    new NNative("method_not_allowed", 1, 1, () => responseMap(405, { "content-type": TEXT_PLAIN, allow }, "Method Not Allowed")),
  );
}

/** A handler that answers with `on_error(req, {status, message})`, keeping `allow` on a 405. */
function errorAnswer(handler: Value, status: number, message: string, allow: string | null): NNative {
  const err = new NMap(
    new Map<string, Value>([
      ["status", status],
      ["message", message],
    ]),
  );
  const withAllow = (v: Value): Value => {
    if (allow === null || !(v instanceof NMap)) return v;
    const h = v.get("headers");
    return v.with("headers", new NMap(new Map<string, Value>([...(h instanceof NMap ? h.entries : []), ["allow", allow]])));
  };
  return new NNative(
    "on_error",
    1,
    1,
    ([req], ctx) => {
      const out = ctx.call(handler, [req, err]);
      return out instanceof Promise ? out.then(withAllow) : withAllow(out);
    },
    true,
  );
}

function responseMap(status: number, headers: Record<string, string>, body: string): NMap {
  return new NMap(
    new Map<string, Value>([
      ["status", status],
      ["headers", NMap.fromObject(headers)],
      ["body", body],
    ]),
  );
}
