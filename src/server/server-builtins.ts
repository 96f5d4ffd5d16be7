/**
 * Server builtins (http-server.md §1–2, §8–12): global names the compiler merges into the
 * program's globals. Route registration writes into the current registry.
 */

import { isAbsolute, resolve } from "node:path";
import { runtimeError, typeError } from "../runtime/errors";
import { NMap, type NativeContext, type Value } from "../runtime/values";
import { defineRoutes } from "./file-routes";
import { listen } from "./listen";
import { RouteRegistry } from "./route-registry";
import { normalizePrefix } from "./static";
import { compileTemplate, renderCompiled, renderTemplate } from "./template-files";
import { native } from "../runtime/natives";
import { serverContext } from "./context";

/** Resolve a program-relative path against the calling script's directory. */
export function programPath(p: string, ctx: NativeContext): string {
  return isAbsolute(p) ? p : resolve(ctx.scriptDir, p);
}

function route(method: string) {
  const name = method.toLowerCase();
  return native(name, 2, ([pattern, handler]) => {
    if (typeof pattern !== "string" || !pattern.startsWith("/"))
      throw typeError(`${name}() requires a route pattern string starting with '/' and a handler`);
    serverContext.registry.addRoute(method, pattern, handler);
    return undefined;
  });
}

/** Global server builtins by name; the engine merges them into every program's globals. */
export const serverBuiltins: Record<string, Value> = {
  get: route("GET"),
  post: route("POST"),
  put: route("PUT"),
  delete: route("DELETE"),
  patch: route("PATCH"),
  listen: native("listen", 1, ([port], ctx) => listen(port, ctx), { mayAsync: true }),
  serve_static: native("serve_static", 2, ([prefix, dir], ctx) => {
    if (typeof prefix !== "string" || typeof dir !== "string")
      throw typeError("serve_static() requires two string arguments: (url_prefix, directory)");
    serverContext.registry.statics.push({ prefix: normalizePrefix(prefix), dir: programPath(dir, ctx) });
    return undefined;
  }),
  routes: native("routes", 1, ([dir], ctx) => {
    if (typeof dir !== "string") throw typeError("routes() requires a string directory path");
    return defineRoutes(programPath(dir, ctx));
  }, { mayAsync: true }),
  use_middleware: native("use_middleware", 1, ([fn]) => {
    serverContext.registry.middleware.push(fn);
    return undefined;
  }),
  on_shutdown: native("on_shutdown", 1, ([fn]) => {
    serverContext.registry.shutdown.push(fn);
    return undefined;
  }),
  new_server: native("new_server", 0, () => {
    serverContext.registry = new RouteRegistry();
    return NMap.fromObject({ _type: "Server" });
  }),
  template: native("template", 2, ([path, data], ctx) => {
    if (typeof path !== "string") throw typeError("template() first argument must be a string path");
    if (!(data instanceof NMap)) throw typeError("template() second argument must be a map");
    return renderTemplate(path, data, ctx);
  }, { mayAsync: true }),
  compile: native("compile", 1, ([path], ctx) => {
    if (typeof path !== "string") throw typeError("compile() requires a string path");
    return compileTemplate(path, ctx);
  }),
  render: native("render", 2, ([t, data], ctx) => {
    if (!(t instanceof NMap) || !t.has("_template_id")) throw runtimeError("render() first argument must be a compiled template");
    if (!(data instanceof NMap)) throw typeError("render() second argument must be a map");
    return renderCompiled(t, data, ctx);
  }, { mayAsync: true }),
};
