/**
 * Server builtins (http-server.md §1–2, §8–12): global names the compiler merges into the
 * program's globals. Route registration writes into the registry of the calling program's context.
 */

import { isAbsolute, resolve } from "node:path";
import { declare } from "../runtime/declaration";
import { runtimeError, typeError } from "../runtime/errors";
import { NFunction, NMap, NNative, type NativeContext, type Value } from "../runtime/values";
import { defineRoutes } from "./file-routes";
import { listen } from "./listen";
import { RouteRegistry } from "./route-registry";
import { normalizePrefix } from "./static";
import { compileTemplate, renderCompiled, renderTemplate } from "./template-files";
import { native } from "../runtime/natives";
import { programContext } from "./context";

/** Resolve a program-relative path against the calling script's directory. */
export function programPath(p: string, ctx: NativeContext): string {
  return isAbsolute(p) ? p : resolve(ctx.scriptDir, p);
}

function route(method: string) {
  const name = method.toLowerCase();
  return native(name, 2, ([pattern, handler], ctx) => {
    if (typeof pattern !== "string" || !pattern.startsWith("/")) throw typeError(`${name}() requires a route pattern string starting with '/' and a handler`);
    programContext(ctx.load).registry.addRoute(method, pattern, handler);
    return undefined;
  });
}

/** Global server builtins by name; the engine merges them into every program's globals. */
export const serverBuiltins: Record<string, Value> = {
  get: declare(
    "get(pattern: String, handler: (Request) -> Any) -> ()",
    "Route GET requests matching the pattern ({name} segments become req.params) to the handler.",
    'get("/users/{id}", show_user)',
    route("GET"),
  ),
  post: declare("post(pattern: String, handler: (Request) -> Any) -> ()", "Route POST requests to the handler.", 'post("/users", create_user)', route("POST")),
  put: declare("put(pattern: String, handler: (Request) -> Any) -> ()", "Route PUT requests to the handler.", 'put("/users/{id}", update_user)', route("PUT")),
  delete: declare(
    "delete(pattern: String, handler: (Request) -> Any) -> ()",
    "Route DELETE requests to the handler.",
    'delete("/users/{id}", delete_user)',
    route("DELETE"),
  ),
  patch: declare(
    "patch(pattern: String, handler: (Request) -> Any) -> ()",
    "Route PATCH requests to the handler.",
    'patch("/users/{id}", patch_user)',
    route("PATCH"),
  ),
  listen: declare(
    "listen(port: Int) -> ()",
    "Serve the registered routes on a port (NTNT_LISTEN_PORT overrides it).",
    "listen(8080)",
    native("listen", 1, ([port], ctx) => listen(port, ctx), { mayAsync: true }),
  ),
  serve_static: declare(
    "serve_static(prefix: String, dir: String) -> ()",
    "Serve the files of a directory under a URL prefix.",
    'serve_static("/assets", "public")',
    native("serve_static", 2, ([prefix, dir], ctx) => {
      if (typeof prefix !== "string" || typeof dir !== "string") throw typeError("serve_static() requires two string arguments: (url_prefix, directory)");
      programContext(ctx.load).registry.statics.push({ prefix: normalizePrefix(prefix), dir: programPath(dir, ctx) });
      return undefined;
    }),
  ),
  routes: declare(
    "routes(dir: String) -> Int",
    "Register file-based routes from a directory (routes/users/[id].tnt → /users/{id}).",
    'routes("routes")',
    native(
      "routes",
      1,
      ([dir], ctx) => {
        if (typeof dir !== "string") throw typeError("routes() requires a string directory path");
        return defineRoutes(programContext(ctx.load), programPath(dir, ctx));
      },
      { mayAsync: true },
    ),
  ),
  use_middleware: declare(
    "use_middleware(handler: (Request) -> Any) -> ()",
    "Run a function before every handler; returning a response short-circuits.",
    "use_middleware(log_request)",
    native("use_middleware", 1, ([fn], ctx) => {
      programContext(ctx.load).registry.middleware.push(fn);
      return undefined;
    }),
  ),
  on_not_found: declare(
    "on_not_found(handler: (Request) -> Response) -> ()",
    "Answer requests no route or static file answers (no middleware).",
    "on_not_found(not_found_page)",
    native("on_not_found", 1, ([fn], ctx) => {
      if (!(fn instanceof NFunction || fn instanceof NNative)) throw typeError("on_not_found() requires a handler function");
      programContext(ctx.load).registry.notFound = fn;
      return undefined;
    }),
  ),
  on_error: declare(
    "on_error(handler: (Request, Map<String, Any>) -> Response) -> ()",
    "Shape 400/404/405/500 answers: handler(req, {status, message}).",
    "on_error(api_error)",
    native("on_error", 1, ([fn], ctx) => {
      if (!(fn instanceof NFunction || fn instanceof NNative)) throw typeError("on_error() requires a function (req, err)");
      programContext(ctx.load).registry.errorHandler = fn;
      return undefined;
    }),
  ),
  on_shutdown: declare(
    "on_shutdown(handler: () -> Any) -> ()",
    "Run a function when the server stops.",
    "on_shutdown(close_db)",
    native("on_shutdown", 1, ([fn], ctx) => {
      programContext(ctx.load).registry.shutdown.push(fn);
      return undefined;
    }),
  ),
  new_server: declare(
    "new_server() -> Map<String, Any>",
    "Start a fresh route registry.",
    "new_server()",
    native("new_server", 0, (_, ctx) => {
      programContext(ctx.load).registry = new RouteRegistry();
      return NMap.fromObject({ _type: "Server" });
    }),
  ),
  template: declare(
    "template(path: String, data: Map<String, Any>) -> String",
    "Render a template file with the map's keys as variables.",
    'html(template("views/home.html", map { "name": "Ann" }))',
    native(
      "template",
      2,
      ([path, data], ctx) => {
        if (typeof path !== "string") throw typeError("template() first argument must be a string path");
        if (!(data instanceof NMap)) throw typeError("template() second argument must be a map");
        return renderTemplate(path, data, ctx);
      },
      { mayAsync: true },
    ),
  ),
  compile: declare(
    "compile(path: String) -> Map<String, Any>",
    "Compile a template file once for repeated render calls.",
    'let page = compile("views/page.html")',
    native("compile", 1, ([path], ctx) => {
      if (typeof path !== "string") throw typeError("compile() requires a string path");
      return compileTemplate(path, ctx);
    }),
  ),
  render: declare(
    "render(template: Map<String, Any>, data: Map<String, Any>) -> String",
    "Render a compiled template.",
    'render(page, map { "title": "Hi" })',
    native(
      "render",
      2,
      ([t, data], ctx) => {
        if (!(t instanceof NMap) || !t.has("_template_id")) throw runtimeError("render() first argument must be a compiled template");
        if (!(data instanceof NMap)) throw typeError("render() second argument must be a map");
        return renderCompiled(t, data, ctx);
      },
      { mayAsync: true },
    ),
  ),
};
