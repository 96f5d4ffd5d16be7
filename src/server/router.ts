/**
 * Building the Elysia app for one registry. Every NTNT route becomes an Elysia route (Elysia
 * compiles the handler and its router gives literal segments precedence over parameters);
 * one catch-all handles what Elysia did not match: paths with empty segments, static files,
 * 405 / OPTIONS and 404 (spec §2.5–2.6).
 */

import { Elysia } from "elysia";
import { errorResponse, gate, handleRoute } from "./dispatch";
import { live, requestId } from "./live";
import { accessLog } from "./log";
import { config } from "./config";
import type { RouteRegistry, Route } from "./route-registry";
import { decodeLoose, RequestSource } from "./request";
import { textResponse, type ReplyContext } from "./response";
import { serveStatic } from "./static";

interface Found {
  store: unknown;
  params: Record<string, string>;
}
interface HttpRouter {
  find(method: string, path: string): Found | null;
}

/** An app built from a registry: the Elysia instance, its fetch handler and the registry. */
export interface BuiltApp {
  app: Elysia;
  fetch: (request: Request) => Response | Promise<Response>;
  registry: RouteRegistry;
}

/** Compile the registry's routes into an Elysia app. */
export function buildApp(reg: RouteRegistry): BuiltApp {
  const app = new Elysia({ aot: true, handler: { standardHostname: false } });
  // Handlers are bound functions: Elysia sniffs a handler's source (`=> f(`) to decide
  // whether to await it, and a bound function's source is opaque, so the path stays
  // synchronous (no promise per request) unless the NTNT handler itself suspends.
  for (const route of reg.routes) app.route(route.method, route.routerPath, onRoute.bind(null, reg, route));
  const router = (app.router as unknown as { http: HttpRouter }).http;
  const byStore = new Map<unknown, Route>();
  const methods = new Set<string>();
  // Elysia keeps literal paths out of the parametric router, so record their methods here.
  const literal = new Map<string, Set<string>>();
  const literalRoutes = new Map<string, Route>();
  for (const route of reg.routes) {
    methods.add(route.method);
    if (!/[:*]/.test(route.routerPath)) {
      const set = literal.get(route.routerPath) ?? new Set<string>();
      set.add(route.method);
      literal.set(route.routerPath, set);
      if (!literalRoutes.has(`${route.method} ${route.routerPath}`)) literalRoutes.set(`${route.method} ${route.routerPath}`, route);
    }
    const f = router.find(route.method, route.routerPath);
    if (f && !byStore.has(f.store)) byStore.set(f.store, route);
  }
  const fallback = onUnmatched.bind(null, reg, router, byStore, { methods, literal, literalRoutes });
  app.all("/*", fallback);
  app.all("/", fallback);
  app.compile();
  return { app, fetch: app.fetch as BuiltApp["fetch"], registry: reg };
}

interface Ctx {
  request: Request;
  params: Record<string, string>;
}

function onRoute(reg: RouteRegistry, route: Route, ctx: Ctx): Response | Promise<Response> {
  if (live.beforeRequest !== null) {
    const wait = live.beforeRequest();
    if (wait) return redispatch(wait, ctx.request);
  }
  return handleRoute(reg, route, ctx.request, ctx.params);
}

/** Every routed method, and the methods of each literal path. */
interface MethodIndex {
  methods: Set<string>;
  literal: Map<string, Set<string>>;
  /** `METHOD /path` → route, for literal paths (the router does not find those). */
  literalRoutes: Map<string, Route>;
}

function onUnmatched(reg: RouteRegistry, router: HttpRouter, byStore: Map<unknown, Route>, methods: MethodIndex, ctx: Ctx): Response | Promise<Response> {
  if (live.beforeRequest !== null) {
    const wait = live.beforeRequest();
    if (wait) return redispatch(wait, ctx.request);
  }
  return unmatched(reg, router, byStore, methods, ctx.request);
}

/** After a hot reload, hand the request to whichever app is current now. */
function redispatch(wait: Promise<void>, request: Request): Promise<Response> {
  return wait.then(() => live.fetch!(request));
}

/** Methods (sorted, with HEAD and OPTIONS) that have a route matching `path`. */
function allowedMethods(router: HttpRouter, index: MethodIndex, path: string): string[] {
  const allow = new Set<string>(index.literal.get(path));
  for (const m of index.methods) if (router.find(m, path)) allow.add(m);
  if (allow.size === 0) return [];
  if (allow.has("GET")) allow.add("HEAD");
  allow.add("OPTIONS");
  return [...allow].sort();
}

function unmatched(reg: RouteRegistry, router: HttpRouter, byStore: Map<unknown, Route>, methods: MethodIndex, request: Request): Response | Promise<Response> {
  const src = new RequestSource(request);
  const path = src.path;
  const method = request.method;
  const norm = `/${path.split("/").filter((s) => s !== "").join("/")}`;
  if (norm !== path || method === "HEAD") {
    // `//users//42` and `/users/42/` name the same route as `/users/42` (spec §2.3); HEAD
    // without its own route runs GET (the server sends headers only).
    const literalRoute = (norm !== path ? methods.literalRoutes.get(`${method} ${norm}`) : undefined) ?? (method === "HEAD" ? methods.literalRoutes.get(`GET ${norm}`) : undefined);
    if (literalRoute) return handleRoute(reg, literalRoute, request, undefined);
    const f = (norm !== path ? router.find(method, norm) : null) ?? (method === "HEAD" ? router.find("GET", norm) : null);
    const route = f ? byStore.get(f.store) : undefined;
    if (f && route) {
      const params: Record<string, string> = {};
      for (const k in f.params) params[k] = decodeLoose(f.params[k]!, false);
      return handleRoute(reg, route, request, params);
    }
  }
  const start = performance.now();
  const id = requestId(request.headers.get("x-request-id"));
  const rc: ReplyContext = { id, request };
  const done = (r: Response) => {
    if (config().accessLog) accessLog(src, method, r.status, rc, start);
    return r;
  };
  const early = gate(request, rc);
  if (early) return done(early);
  const rest = () => {
    const allow = allowedMethods(router, methods, norm);
    if (allow.length > 0) {
      if (method === "OPTIONS") {
        rc.sent = null;
        return done(new Response(null, { status: 204, headers: { allow: allow.join(", "), server: "ntnt-async", "x-request-id": id } }));
      }
      return done(textResponse(405, "Method Not Allowed", rc, { allow: allow.join(", ") }));
    }
    return done(textResponse(404, "Not Found", rc));
  };
  if ((method === "GET" || method === "HEAD") && reg.statics.length > 0) {
    return serveStatic(reg.statics, path, request, rc).then(
      (r) => (r ? done(r) : rest()),
      (e) => done(errorResponse(e, rc, "Handler")),
    );
  }
  return rest();
}
