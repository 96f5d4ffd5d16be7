/**
 * One app instance: everything the program registered (routes, static dirs, middleware,
 * shutdown handlers). Builtins write into the registry of the calling program's context; hot
 * reload loads the new version into a fresh context off to the side and swaps its registry in
 * only when it loaded cleanly.
 */

import type { Value } from "../runtime/values";

/** One registered route. */
export interface Route {
  method: string;
  /** NTNT pattern as written, e.g. `/users/{id}`. */
  pattern: string;
  /** Pattern in the router's syntax (`/users/:p1`). */
  routerPath: string;
  /** Router parameter key → NTNT parameter name, in path order. */
  params: Array<[string, string]>;
  handler: Value;
  /** Route file it came from (file-based routing), for logs and reloads. */
  file: string | null;
}

/** One `serve_static` mount. */
export interface StaticDir {
  /** URL prefix without trailing slash ("" for `/`). */
  prefix: string;
  dir: string;
  /** The directory's real path once resolved; a hot reload registers fresh mounts, which resolve it again. */
  root?: string;
}

/** Everything one program instance registered. */
export class RouteRegistry {
  routes: Route[] = [];
  statics: StaticDir[] = [];
  middleware: Value[] = [];
  shutdown: Value[] = [];
  /** Directories handed to routes(), for hot-reload watching. */
  routeDirs: string[] = [];
  /** `on_not_found(handler)`: answers requests nothing else answers. */
  notFound: Value = undefined;
  /** `on_error(handler)`: called with `(req, {status, message})` for 400, 404, 405 and 500. */
  errorHandler: Value = undefined;
  private keys = new Set<string>();

  /** Register a route; a repeated method+pattern keeps the first (spec §2.1). */
  addRoute(method: string, pattern: string, handler: Value, file: string | null = null): void {
    const { routerPath, params } = toRouterPath(pattern);
    const key = `${method} ${routerPath}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.routes.push({ method, pattern, routerPath, params, handler, file });
  }

  get empty(): boolean {
    return this.routes.length === 0 && this.statics.length === 0;
  }
}

/**
 * Translate an NTNT pattern to the router's syntax. Empty segments are dropped (spec §2.3);
 * parameters are keyed by segment position so sibling routes never disagree on a name
 * (`/users/{id}` and `/users/{uid}/posts` share `:p1`).
 */
export function toRouterPath(pattern: string): { routerPath: string; params: Array<[string, string]> } {
  const segs = pattern.split("/").filter((s) => s !== "");
  const params: Array<[string, string]> = [];
  const out = segs.map((s, i) => {
    if (s.length >= 2 && s.startsWith("{") && s.endsWith("}")) {
      const key = `p${i}`;
      params.push([key, s.slice(1, -1)]);
      return `:${key}`;
    }
    return encodeSegment(s);
  });
  return { routerPath: `/${out.join("/")}`, params };
}

/** Literal segments are matched against the request's encoded path, so encode them the same way. */
function encodeSegment(s: string): string {
  return /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]*$/.test(s) ? s : encodeURIComponent(s);
}
