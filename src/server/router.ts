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

/** A route and its router path split into segments: the literal text of each, null for a parameter. */
interface Candidate {
  route: Route;
  literals: (string | null)[];
  /** The parameter's name at each parameter segment. */
  names: (string | null)[];
}

/** A matched route with its parameters, decoded (name → value). */
interface Match {
  route: Route;
  params: NMap;
}

/**
 * Route lookup over the registry: the segment counts must agree, a literal segment matches
 * itself (compared encoded, as `toRouterPath` stores it), a parameter any non-empty segment,
 * and where two routes match the one with a literal segment earlier wins. A lookup builds no
 * key string and splits no path: the request path's segment bounds go into a scratch array
 * (lookups are synchronous), and a route without parameters answers a prebuilt match.
 */
class RouteMatcher {
  private readonly candidates: Candidate[];
  /** Matches of routes without parameters: method → path → match. */
  private readonly exact = new Map<string, Map<string, Match>>();
  /** Routes with parameters: method → segment count → routes in registration order. */
  private readonly withParams = new Map<string, Candidate[][]>();

  constructor(routes: Route[]) {
    this.candidates = routes.map((route) => {
      const segments = route.routerPath.split("/").slice(1);
      const names = new Map(route.params);
      return {
        route,
        literals: segments.map((s) => (s.startsWith(":") ? null : s)),
        names: segments.map((s) => (s.startsWith(":") ? (names.get(s.slice(1)) ?? null) : null)),
      };
    });
    for (const c of this.candidates) {
      const method = c.route.method;
      if (c.route.params.length === 0) {
        const paths = mapOf(this.exact, method, () => new Map<string, Match>());
        if (!paths.has(c.route.routerPath)) paths.set(c.route.routerPath, { route: c.route, params: NO_PARAMS });
        continue;
      }
      const byCount = mapOf(this.withParams, method, () => []);
      (byCount[c.literals.length] ??= []).push(c);
    }
  }

  /** The best route for `method` and a raw `path`, with its parameters percent-decoded. */
  find(method: string, path: string): Match | null {
    const exact = this.exact.get(method)?.get(path);
    if (exact !== undefined) return exact;
    const byCount = this.withParams.get(method);
    if (byCount === undefined) return null;
    const n = segmentBounds(path);
    const list = n < byCount.length ? byCount[n] : undefined;
    if (list === undefined) return null;
    let best: Candidate | null = null;
    for (const c of list) {
      if (!matchesBounds(c.literals, path)) continue;
      if (best === null || moreLiteral(c.literals, best.literals)) best = c;
    }
    if (best === null) return null;
    const params = new Map<string, Value>();
    const names = best.names;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name != null) params.set(name, decodeLoose(path.slice(BOUNDS[2 * i]!, BOUNDS[2 * i + 1]!), false));
    }
    return { route: best.route, params: new NMap(params) };
  }

  /** Methods (sorted, with HEAD and OPTIONS) that have a route matching a normalised `path`. */
  allowedMethods(path: string): string[] {
    segmentBounds(path);
    const allow = new Set<string>();
    for (const c of this.candidates) if (matchesBounds(c.literals, path)) allow.add(c.route.method);
    if (allow.size === 0) return [];
    if (allow.has("GET")) allow.add("HEAD");
    allow.add("OPTIONS");
    return [...allow].sort();
  }
}

/** `map.get(key)`, created by `make` when missing. */
function mapOf<V>(map: Map<string, V>, key: string, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

/** The `params` of a route without parameters (maps are immutable values: one serves all). */
const NO_PARAMS = new NMap();

/** Start and end of each segment of the path last given to `segmentBounds` (reused: lookups never interleave). */
let BOUNDS = new Int32Array(64);
let SEGMENTS = 0;

/** Record the bounds of each `/`-separated segment of `path` (after its leading `/`) in BOUNDS; their number. */
function segmentBounds(path: string): number {
  let n = 0;
  let start = path.indexOf("/") + 1;
  for (;;) {
    if (2 * n + 2 > BOUNDS.length) {
      const grown = new Int32Array(BOUNDS.length * 2);
      grown.set(BOUNDS);
      BOUNDS = grown;
    }
    const end = path.indexOf("/", start);
    BOUNDS[2 * n] = start;
    BOUNDS[2 * n + 1] = end < 0 ? path.length : end;
    n++;
    if (end < 0) break;
    start = end + 1;
  }
  SEGMENTS = n;
  return n;
}

/** True when the route's segments match the path whose bounds are in BOUNDS (a parameter needs a non-empty segment). */
function matchesBounds(literals: (string | null)[], path: string): boolean {
  if (literals.length !== SEGMENTS) return false;
  for (let i = 0; i < literals.length; i++) {
    const from = BOUNDS[2 * i]!;
    const to = BOUNDS[2 * i + 1]!;
    const lit = literals[i] as string | null;
    if (lit === null ? to === from : lit.length !== to - from || !path.startsWith(lit, from)) return false;
  }
  return true;
}

/** True when `a` has a literal segment where `b` first has a parameter. */
function moreLiteral(a: (string | null)[], b: (string | null)[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const pa = a[i] === null;
    const pb = b[i] === null;
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
  const rc: ReplyContext = { id, request, server: sc, sent: undefined };
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
      return handleRoute(sc, reg, automaticRoute(reg, method, norm, allow.join(", ")), request, NO_PARAMS, method === "OPTIONS" ? THROUGH : DIRECT);
    if (reg.notFound !== undefined) return handleRoute(sc, reg, syntheticRoute(method, norm, reg.notFound), request, NO_PARAMS, DIRECT);
    if (reg.errorHandler !== undefined)
      return handleRoute(sc, reg, syntheticRoute(method, norm, errorAnswer(reg.errorHandler, 404, "Not Found", null)), request, NO_PARAMS, DIRECT);
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
