/** How a std module is defined: a path and its members (native functions and constants). */

import { NNative, type CallResult, type NativeContext, type Value } from "../runtime/values";

export interface StdModule {
  path: string; // e.g. "std/string"
  members: Record<string, Value>;
}

/** Define a native with an exact arity (min = max) or a range; max -1 = variadic. */
export function native(
  name: string,
  arity: number | [number, number],
  fn: (args: Value[], ctx: NativeContext) => CallResult,
  opts: { mayAsync?: boolean } = {},
): NNative {
  const [min, max] = typeof arity === "number" ? [arity, arity] : arity;
  return new NNative(name, min, max, fn, opts.mayAsync ?? false);
}

export function defineModule(path: string, members: Record<string, Value>): StdModule {
  return { path, members };
}
