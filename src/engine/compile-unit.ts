/** Turning a compiled unit's JavaScript into a function, named after its program file. */

import { compileFunction } from "node:vm";

/**
 * `code` as the body of a function of `X`, compiled under `file` so CPU profiles and stack
 * traces name the program. When it does not compile, the error is the engine's own
 * (a `RangeError` for nesting too deep, a `SyntaxError`): `vm.compileFunction` reports every
 * failure as a plain "Failed to compile function".
 */
export function compileUnit(code: string, file: string): (x: unknown) => unknown {
  try {
    return compileFunction(code, ["X"], { filename: file }) as (x: unknown) => unknown;
  } catch (e) {
    new Function("X", code);
    throw e;
  }
}
