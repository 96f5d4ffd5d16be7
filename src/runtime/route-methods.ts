/**
 * The names that register HTTP routes, one list for the server, the compiler, the type
 * checker, `ntnt inspect` and `ntnt test`. A name's HTTP method is its upper-case form.
 */

/** Function names that become routes in a `routes/` file (http-server.md §9). */
export const ROUTE_FUNCTIONS = ["get", "post", "put", "delete", "patch", "head", "options"] as const;

/** The inline route builtins, `get("/users/{id}", show)` (http-server.md §2.1): all but `head` and `options`. */
export const ROUTE_BUILTINS = ROUTE_FUNCTIONS.slice(0, 5);

const builtins: ReadonlySet<string> = new Set(ROUTE_BUILTINS);

/** True for the name of an inline route builtin. */
export function isRouteBuiltin(name: string): boolean {
  return builtins.has(name);
}
