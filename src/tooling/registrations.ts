/**
 * HTTP registrations found statically by `ntnt inspect` (cli.md §7.2): inline routes, middleware and
 * static directories from top-level calls, and file-based routes from functions in `routes/` files.
 */

import type { Expr, Stmt } from "../ast/nodes";
import { isRouteBuiltin, ROUTE_FUNCTIONS } from "../runtime/route-methods";
import type { SourceFile } from "./load";

/** Inline registrations: the route builtins and, as cli.md §7.2 (after the reference) lists them, `head(…)` calls. */
const isInlineRoute = (name: string): boolean => isRouteBuiltin(name) || name === "head";
const FILE_METHODS: ReadonlySet<string> = new Set(ROUTE_FUNCTIONS);

type Call = Extract<Expr, { type: "Call" }>;

/** A top-level statement that is a call of a plain name: `get("/", home)`. */
function namedCall(stmt: Stmt): { name: string; call: Call } | null {
  if (stmt.type !== "ExprStmt" || stmt.expr.type !== "Call" || stmt.expr.callee.type !== "Ident") return null;
  return { name: stmt.expr.callee.name, call: stmt.expr };
}

/** `handler` text: the function's name, else `<handler>` (the language has no lambdas). */
const handlerName = (e: Expr): string => (e.type === "Ident" ? e.name : "<handler>");

/** The statically known route pattern: a string literal, or an interpolation of bare names kept as `{name}` (http-server.md §2.2). */
function routePattern(e: Expr): string | null {
  if (e.type === "Literal") return e.value.kind === "string" ? e.value.value : null;
  if (e.type !== "Interp") return null;
  let out = "";
  for (const part of e.parts) {
    if (typeof part === "string") out += part;
    else if (part.type === "Ident") out += `{${part.name}}`;
    else return null;
  }
  return out;
}

/** `get|post|…(pattern, handler)` at top level, when the pattern is known statically. */
export function inlineRoute(stmt: Stmt, file: SourceFile) {
  const c = namedCall(stmt);
  if (!c || !isInlineRoute(c.name) || c.call.args.length < 2) return null;
  const path = routePattern(c.call.args[0]!);
  if (path === null) return null;
  return { method: c.name.toUpperCase(), path, handler: handlerName(c.call.args[1]!), file: file.name, line: stmt.loc.line };
}

/** `use_middleware(handler)` / `middleware(handler)` at top level. */
export function middlewareUse(stmt: Stmt, file: SourceFile) {
  const c = namedCall(stmt);
  if (!c || (c.name !== "use_middleware" && c.name !== "middleware") || c.call.args.length === 0) return null;
  return { handler: handlerName(c.call.args[0]!), file: file.name, line: stmt.loc.line };
}

/** `serve_static("/prefix", dir)` at top level; a variable directory is shown as `$name`. */
export function staticDir(stmt: Stmt, file: SourceFile) {
  const c = namedCall(stmt);
  if (c?.name !== "serve_static" || c.call.args.length < 2) return null;
  const [prefix, dir] = c.call.args as [Expr, Expr];
  if (prefix.type !== "Literal" || prefix.value.kind !== "string") return null;
  const directory = dir.type === "Literal" && dir.value.kind === "string" ? dir.value.value : dir.type === "Ident" ? `$${dir.name}` : "<dir>";
  return { prefix: prefix.value.value, directory, file: file.name, line: stmt.loc.line };
}

/** Routes a file under `routes/` defines: one per top-level function named after an HTTP method. */
export function fileRoutes(file: SourceFile) {
  if (!file.program || !(file.name.startsWith("routes/") || file.name.includes("/routes/"))) return [];
  const path = routeUrl(file.name);
  return file.program.body.flatMap((stmt) =>
    stmt.type === "FnDecl" && FILE_METHODS.has(stmt.name)
      ? [{ method: stmt.name.toUpperCase(), path, file: file.name, line: stmt.loc.line, routing: "file-based" }]
      : [],
  );
}

/** URL pattern of a route file: `routes/api/users/[id].tnt` → `/api/users/{id}`, `index` segments dropped. */
function routeUrl(name: string): string {
  const under = name.startsWith("routes/") ? name.slice("routes/".length) : name.slice(name.lastIndexOf("/routes/") + "/routes/".length);
  const segments = under
    .split("/")
    .map((s) => s.replace(/\.tnt$/, ""))
    .filter((s) => s !== "" && s !== "index" && s !== "..")
    .map((s) => (s.startsWith("[") && s.endsWith("]") ? `{${s.slice(1, -1)}}` : s));
  return `/${segments.join("/")}`;
}
