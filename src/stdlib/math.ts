/** std/math (stdlib.md §2): constants, transcendental functions, random numbers. */

import { runtimeError, typeError } from "../runtime/errors";
import { fromBig } from "../runtime/ops";
import { NFloat, type Value } from "../runtime/values";
import { defineModule, native, native2 } from "./module";

const isInt = (v: Value): v is number | bigint => typeof v === "number" || typeof v === "bigint";
const isNum = (v: Value): v is number | bigint | NFloat => isInt(v) || v instanceof NFloat;
const dbl = (v: number | bigint | NFloat): number => (v instanceof NFloat ? v.v : Number(v));

/** Float function of one number. */
function unary(name: string, f: (x: number) => number) {
  return native(name, 1, ([x]) => {
    if (!isNum(x)) throw typeError(`${name}() requires a number`);
    return new NFloat(f(dbl(x)));
  });
}

/** Float function of two numbers. */
function binary(name: string, f: (x: number, y: number) => number) {
  return native(name, 2, ([x, y]) => {
    if (!isNum(x) || !isNum(y)) throw typeError(`${name}() requires numbers`);
    return new NFloat(f(dbl(x), dbl(y)));
  });
}

/** Logarithm: non-positive input is an error, NaN passes through. */
function logarithm(name: string, f: (x: number) => number) {
  return native(name, 1, ([x]) => {
    if (!isNum(x)) throw typeError(`${name}() requires a number`);
    const v = dbl(x);
    if (v <= 0) throw runtimeError(`${name}() requires positive number`);
    return new NFloat(f(v));
  });
}

/** Float predicate; Ints are finite, never NaN. */
function floatTest(name: string, f: (x: number) => boolean, forInt: boolean) {
  return native(name, 1, ([x]) => {
    if (isInt(x)) return forInt;
    if (x instanceof NFloat) return f(x.v);
    throw typeError(`${name}() requires a number`);
  });
}

/** Uniform Int in [min, max] (inclusive), exact over the whole i64 range. */
function randomInt(min: bigint, max: bigint): number | bigint {
  const span = max - min + 1n;
  if (span <= 2n ** 52n) return fromBig(min + BigInt(Math.floor(Math.random() * Number(span))));
  const words = new BigUint64Array(2);
  crypto.getRandomValues(words);
  const r = (words[0]! << 64n) | words[1]!; // 128 random bits: modulo bias is negligible
  return fromBig(min + (r % span));
}

export default defineModule("std/math", {
  PI: new NFloat(Math.PI),
  E: new NFloat(Math.E),
  TAU: new NFloat(2 * Math.PI),
  INFINITY: new NFloat(Number.POSITIVE_INFINITY),
  NEG_INFINITY: new NFloat(Number.NEGATIVE_INFINITY),

  sin: unary("sin", Math.sin),
  cos: unary("cos", Math.cos),
  tan: unary("tan", Math.tan),
  asin: unary("asin", Math.asin),
  acos: unary("acos", Math.acos),
  atan: unary("atan", Math.atan),
  sinh: unary("sinh", Math.sinh),
  cosh: unary("cosh", Math.cosh),
  tanh: unary("tanh", Math.tanh),
  exp: unary("exp", Math.exp),
  exp2: unary("exp2", (x) => Math.pow(2, x)),
  cbrt: unary("cbrt", Math.cbrt),
  degrees: unary("degrees", (x) => (x * 180) / Math.PI),
  radians: unary("radians", (x) => (x * Math.PI) / 180),
  atan2: binary("atan2", Math.atan2),
  hypot: binary("hypot", Math.hypot),
  log: logarithm("log", Math.log),
  log10: logarithm("log10", Math.log10),
  log2: logarithm("log2", Math.log2),

  random: native("random", [0, -1], () => new NFloat(Math.random())),

  random_int: native2("random_int", (a, b) => {
    if (!isInt(a) || !isInt(b)) throw typeError("random_int() requires integers");
    if (a > b) throw runtimeError("random_int() min must be <= max");
    return randomInt(BigInt(a), BigInt(b));
  }),

  random_range: native2("random_range", (a, b) => {
    if (!isNum(a) || !isNum(b)) throw typeError("random_range() requires numbers");
    const lo = dbl(a);
    const hi = dbl(b);
    if (lo > hi) throw runtimeError("random_range() min must be <= max");
    if (lo === hi) return new NFloat(lo);
    return new NFloat(lo + Math.random() * (hi - lo));
  }),

  is_nan: floatTest("is_nan", Number.isNaN, false),
  is_infinite: floatTest("is_infinite", (x) => x === Infinity || x === -Infinity, false),
  is_finite: floatTest("is_finite", Number.isFinite, true),
});
