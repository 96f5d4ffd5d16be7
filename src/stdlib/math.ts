/** std/math (stdlib.md §2): constants, transcendental functions, random numbers. */

import { runtimeError, typeError } from "../runtime/errors";
import { declare } from "../runtime/declaration";
import { fromBig } from "../runtime/ops";
import { NFloat, isInt, isNumber } from "../runtime/values";
import { defineModule, native, native2 } from "./module";

const dbl = (v: number | bigint | NFloat): number => (v instanceof NFloat ? v.v : Number(v));

/** Float function of one number. */
function unary(name: string, f: (x: number) => number) {
  return native(name, 1, ([x]) => {
    if (!isNumber(x)) throw typeError(`${name}() requires a number`);
    return new NFloat(f(dbl(x)));
  });
}

/** Float function of two numbers. */
function binary(name: string, f: (x: number, y: number) => number) {
  return native(name, 2, ([x, y]) => {
    if (!isNumber(x) || !isNumber(y)) throw typeError(`${name}() requires numbers`);
    return new NFloat(f(dbl(x), dbl(y)));
  });
}

/** Logarithm: non-positive input is an error, NaN passes through. */
function logarithm(name: string, f: (x: number) => number) {
  return native(name, 1, ([x]) => {
    if (!isNumber(x)) throw typeError(`${name}() requires a number`);
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

export default defineModule(
  "std/math",
  {
    PI: new NFloat(Math.PI),
    E: new NFloat(Math.E),
    TAU: new NFloat(2 * Math.PI),
    INFINITY: new NFloat(Number.POSITIVE_INFINITY),
    NEG_INFINITY: new NFloat(Number.NEGATIVE_INFINITY),

    sin: declare("sin(x: Int | Float) -> Float", "Sine of x radians.", "sin(0)  // 0", unary("sin", Math.sin)),
    cos: declare("cos(x: Int | Float) -> Float", "Cosine of x radians.", "cos(0)  // 1", unary("cos", Math.cos)),
    tan: declare("tan(x: Int | Float) -> Float", "Tangent of x radians.", "tan(0)  // 0", unary("tan", Math.tan)),
    asin: declare("asin(x: Int | Float) -> Float", "Arc sine, in radians.", "asin(1)  // 1.5707963267948966", unary("asin", Math.asin)),
    acos: declare("acos(x: Int | Float) -> Float", "Arc cosine, in radians.", "acos(1)  // 0", unary("acos", Math.acos)),
    atan: declare("atan(x: Int | Float) -> Float", "Arc tangent, in radians.", "atan(0)  // 0", unary("atan", Math.atan)),
    sinh: declare("sinh(x: Int | Float) -> Float", "Hyperbolic sine.", "sinh(0)  // 0", unary("sinh", Math.sinh)),
    cosh: declare("cosh(x: Int | Float) -> Float", "Hyperbolic cosine.", "cosh(0)  // 1", unary("cosh", Math.cosh)),
    tanh: declare("tanh(x: Int | Float) -> Float", "Hyperbolic tangent.", "tanh(0)  // 0", unary("tanh", Math.tanh)),
    exp: declare("exp(x: Int | Float) -> Float", "e raised to x.", "exp(1)  // 2.718281828459045", unary("exp", Math.exp)),
    exp2: declare(
      "exp2(x: Int | Float) -> Float",
      "2 raised to x.",
      "exp2(10)  // 1024",
      unary("exp2", (x) => 2 ** x),
    ),
    cbrt: declare("cbrt(x: Int | Float) -> Float", "Cube root.", "cbrt(27)  // 3", unary("cbrt", Math.cbrt)),
    degrees: declare(
      "degrees(radians: Int | Float) -> Float",
      "Radians converted to degrees.",
      "degrees(PI)  // 180",
      unary("degrees", (x) => (x * 180) / Math.PI),
    ),
    radians: declare(
      "radians(degrees: Int | Float) -> Float",
      "Degrees converted to radians.",
      "radians(180)  // 3.141592653589793",
      unary("radians", (x) => (x * Math.PI) / 180),
    ),
    atan2: declare(
      "atan2(y: Int | Float, x: Int | Float) -> Float",
      "Angle of the point (x, y), in radians.",
      "atan2(1, 1)  // 0.7853981633974483",
      binary("atan2", Math.atan2),
    ),
    hypot: declare(
      "hypot(x: Int | Float, y: Int | Float) -> Float",
      "Length of the hypotenuse sqrt(x² + y²).",
      "hypot(3, 4)  // 5",
      binary("hypot", Math.hypot),
    ),
    log: declare("log(x: Int | Float) -> Float", "Natural logarithm.", "log(E)  // 1", logarithm("log", Math.log)),
    log10: declare("log10(x: Int | Float) -> Float", "Base-10 logarithm.", "log10(1000)  // 3", logarithm("log10", Math.log10)),
    log2: declare("log2(x: Int | Float) -> Float", "Base-2 logarithm.", "log2(8)  // 3", logarithm("log2", Math.log2)),

    random: declare(
      "random() -> Float",
      "A random Float in [0, 1).",
      "random()  // 0.37…",
      native("random", [0, -1], () => new NFloat(Math.random())),
    ),

    random_int: declare(
      "random_int(min: Int, max: Int) -> Int",
      "A random Int in [min, max].",
      "random_int(1, 6)  // 4",
      native2("random_int", (a, b) => {
        if (!isInt(a) || !isInt(b)) throw typeError("random_int() requires integers");
        if (a > b) throw runtimeError("random_int() min must be <= max");
        return randomInt(BigInt(a), BigInt(b));
      }),
    ),

    random_range: declare(
      "random_range(min: Int | Float, max: Int | Float) -> Float",
      "A random Float in [min, max).",
      "random_range(0, 10)  // 7.3…",
      native2("random_range", (a, b) => {
        if (!isNumber(a) || !isNumber(b)) throw typeError("random_range() requires numbers");
        const lo = dbl(a);
        const hi = dbl(b);
        if (lo > hi) throw runtimeError("random_range() min must be <= max");
        if (lo === hi) return new NFloat(lo);
        return new NFloat(lo + Math.random() * (hi - lo));
      }),
    ),

    is_nan: declare("is_nan(x: Int | Float) -> Bool", "True for NaN.", "is_nan(0.0 / 0.0)  // true", floatTest("is_nan", Number.isNaN, false)),
    is_infinite: declare(
      "is_infinite(x: Int | Float) -> Bool",
      "True for positive or negative infinity.",
      "is_infinite(INFINITY)  // true",
      floatTest("is_infinite", (x) => x === Infinity || x === -Infinity, false),
    ),
    is_finite: declare(
      "is_finite(x: Int | Float) -> Bool",
      "True for any number that is neither infinite nor NaN.",
      "is_finite(1.5)  // true",
      floatTest("is_finite", Number.isFinite, true),
    ),
  },
  "Constants (PI, E, …), trigonometry, logarithms, random numbers, NaN/infinity tests",
);
