/** Syntax reminders for agents, worded as in the reference: `lint --fix` hints and `inspect`'s reference. */

/** Added by `ntnt lint --fix` when there are errors or warnings (cli.md §4.3). */
export const SYNTAX_HINTS = {
  map_literals: 'Use `map { "key": value }` not `{ "key": value }`',
  route_patterns: "Route builtins auto-detect {param} patterns - raw strings are optional",
  string_interpolation: 'Use `"{variable}"` not `"${variable}"`',
  ranges: "Use `0..10` (exclusive) or `0..=10` (inclusive), not `range()`",
  imports: 'Use `import { x } from "std/module"` with `/` path separator',
};

/** Rules worth repeating to anyone (or any agent) writing NTNT, in `ntnt inspect`'s `syntax_reference`. */
const CRITICAL_RULES = {
  map_literals: 'Use `map { "key": value }` NOT `{ "key": value }` - bare {} creates blocks',
  route_patterns: 'Route builtins auto-detect {param} patterns: `get("/users/{id}", handler)` - raw strings optional',
  string_interpolation: 'Use `"{variable}"` for interpolation, NOT `${variable}` or backticks',
  ranges: "Use `0..10` (exclusive) or `0..=10` (inclusive), NOT range()",
  imports: 'Use `import { x } from "std/module"` with `/` separator',
  contracts: "Place requires/ensures AFTER return type, BEFORE body",
  mutability: "Use `let mut x` for mutable variables",
};

/**
 * The `syntax_reference` section of `ntnt inspect` (cli.md §7.2): the critical rules, the builtins,
 * and each std module's functions, read from the std declarations so the lists cannot go stale.
 */
export async function syntaxReference() {
  const { loadDocIndex } = await import("./docs");
  const index = await loadDocIndex();
  const { coreBuiltins } = await import("../runtime/core-builtins");
  return {
    critical_rules: CRITICAL_RULES,
    builtin_functions: Object.keys(coreBuiltins),
    common_imports: Object.fromEntries(index.modules.map((m) => [m.path, m.functions.map((f) => f.name)])),
  };
}
