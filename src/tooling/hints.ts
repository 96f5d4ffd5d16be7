/** Syntax reminders for agents, worded as in the reference: `lint --fix` hints and `inspect`'s reference. */

/** Added by `ntnt lint --fix` when there are errors or warnings (cli.md §4.3). */
export const SYNTAX_HINTS = {
  map_literals: 'Use `map { "key": value }` not `{ "key": value }`',
  route_patterns: "Route builtins auto-detect {param} patterns - raw strings are optional",
  string_interpolation: 'Use `"{variable}"` not `"${variable}"`',
  ranges: "Use `0..10` (exclusive) or `0..=10` (inclusive), not `range()`",
  imports: 'Use `import { x } from "std/module"` with `/` path separator',
};

/** The `syntax_reference` section of `ntnt inspect` (cli.md §7.2). */
export const SYNTAX_REFERENCE = {
  critical_rules: {
    map_literals: 'Use `map { "key": value }` NOT `{ "key": value }` - bare {} creates blocks',
    route_patterns: 'Route builtins auto-detect {param} patterns: `get("/users/{id}", handler)` - raw strings optional',
    string_interpolation: 'Use `"{variable}"` for interpolation, NOT `${variable}` or backticks',
    ranges: "Use `0..10` (exclusive) or `0..=10` (inclusive), NOT range()",
    imports: 'Use `import { x } from "std/module"` with `/` separator',
    contracts: "Place requires/ensures AFTER return type, BEFORE body",
    mutability: "Use `let mut x` for mutable variables",
  },
  builtin_functions: ["print", "len", "str", "abs", "min", "max", "sqrt", "pow", "round", "floor", "ceil", "Some", "None", "Ok", "Err", "unwrap", "unwrap_or", "is_some", "is_none", "is_ok", "is_err"],
  common_imports: {
    "std/string": ["split", "join", "trim", "replace", "replace_first", "contains", "starts_with", "ends_with", "to_lower", "to_upper"],
    "std/collections": ["push", "pop", "map", "filter", "reduce", "first", "last"],
    "std/http": ["fetch", "post", "put", "delete", "get_json", "post_json"],
    "std/http_server": ["listen", "get", "post", "json", "html", "text", "redirect", "serve_static"],
    "std/fs": ["read_file", "write_file", "exists", "mkdir", "readdir"],
    "std/json": ["parse", "stringify", "stringify_pretty"],
    "std/time": ["now", "format", "add_days"],
    "std/concurrent": ["channel", "send", "recv", "sleep_ms"],
  },
};
