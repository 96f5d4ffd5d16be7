/** Turning a compiled unit's JavaScript into a function, named after its program file. */

import type * as Vm from "node:vm";

/** Running under a profiler or debugger (`bun --cpu-prof`, `--inspect`, also through BUN_OPTIONS). */
const observed = process.execArgv.some((a) => a.startsWith("--cpu-prof") || a.startsWith("--inspect"));

/**
 * `code` as the body of a function of `X`. Stack traces name the program through the code's
 * `//# sourceURL`; CPU profiles ignore that, so under a profiler or debugger (`named`) the unit
 * is compiled by `vm.compileFunction` under `file` instead (node:vm costs ~2 ms CPU to load,
 * which every start-up would pay). When it does not compile, the error is the engine's own
 * (a `RangeError` for nesting too deep, a `SyntaxError`): `vm.compileFunction` reports every
 * failure as a plain "Failed to compile function".
 */
export function compileUnit(code: string, file: string, named = observed): (x: unknown) => unknown {
  if (!named) return new Function("X", code) as (x: unknown) => unknown;
  try {
    return (require("node:vm") as typeof Vm).compileFunction(code, ["X"], { filename: file }) as (x: unknown) => unknown;
  } catch (e) {
    new Function("X", code);
    throw e;
  }
}
