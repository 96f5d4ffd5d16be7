/** Constructors for native functions (builtins and std module members). */

import { NNative, type CallResult, type NativeContext, type Value } from "./values";

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

/**
 * Natives of exactly one, two or three arguments: also callable without an argument array
 * (`NNative.fixed`, which compiled calls with that many arguments use).
 */
export function native1(name: string, fn: (a: Value, ctx: NativeContext) => CallResult, opts: { mayAsync?: boolean } = {}): NNative {
  return new NNative(name, 1, 1, (args, ctx) => fn(args[0], ctx), opts.mayAsync ?? false, fn);
}

/** A native of exactly two arguments (see `native1`). */
export function native2(name: string, fn: (a: Value, b: Value, ctx: NativeContext) => CallResult, opts: { mayAsync?: boolean } = {}): NNative {
  return new NNative(name, 2, 2, (args, ctx) => fn(args[0], args[1], ctx), opts.mayAsync ?? false, fn);
}

/** A native of exactly three arguments (see `native1`). */
export function native3(name: string, fn: (a: Value, b: Value, c: Value, ctx: NativeContext) => CallResult, opts: { mayAsync?: boolean } = {}): NNative {
  return new NNative(name, 3, 3, (args, ctx) => fn(args[0], args[1], args[2], ctx), opts.mayAsync ?? false, fn);
}
