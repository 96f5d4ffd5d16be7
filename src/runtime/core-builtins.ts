/** Core builtins: the globals of language.md §8, available without import. */

import { native, native1, native2, native3 } from "./natives";
import { declare } from "./declaration";
import { eachCall } from "./callbacks";
import { display, utf8Length } from "./display";
import { assertionError, runtimeError, typeError } from "./errors";
import { I64_MAX, I64_MIN, floatToInt, fromBig, lt } from "./ops";
import { writeStdout } from "./stdout";
import { Err, NArray, NEnum, NFloat, NMap, NONE, Ok, Some, truthy, typeName, type Value, isInt, isNumber } from "./values";

const dbl = (v: number | bigint | NFloat): number => (v instanceof NFloat ? v.v : Number(v));

const INT_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** Strict base-10 i64 parse (Rust `str::parse::<i64>`), or null. */
export function parseIntText(s: string): number | bigint | null {
  if (!INT_TEXT.test(s)) return null;
  if (s.length <= 16) return Number(s) + 0;
  const b = BigInt(s);
  if (b < I64_MIN || b > I64_MAX) return null;
  return fromBig(b);
}

/** Rust `str::parse::<f64>` (accepts `1e3`, `.5`, `5.`, `inf`, `NaN`), or null. */
export function parseFloatText(s: string): number | null {
  if (FLOAT_TEXT.test(s)) return Number(s);
  const m = SPECIAL_FLOAT.exec(s);
  if (!m) return null;
  if (m[2]!.toLowerCase() === "nan") return Number.NaN;
  return m[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** Rust `f64::round`: half away from zero. */
export function roundHalfAway(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 ? -r : r;
}

/** Rust `f64::min`/`max`: a NaN operand yields the other one. */
function fmin(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a < b ? a : b;
}
function fmax(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a > b ? a : b;
}

/** Int exponentiation by squaring with overflow detection (exponent ≥ 0). */
export function intPow(base: number | bigint, exp: number | bigint): number | bigint {
  if (typeof base === "number" && typeof exp === "number") {
    let result = 1;
    let b = base;
    let e = exp;
    while (e > 0) {
      if (e & 1) result *= b;
      e = Math.floor(e / 2);
      if (e > 0) b *= b;
      if (!Number.isSafeInteger(result) || !Number.isSafeInteger(b)) return bigPow(BigInt(base), BigInt(exp));
    }
    return result;
  }
  return bigPow(BigInt(base), BigInt(exp));
}

function bigPow(base: bigint, exp: bigint): number | bigint {
  if (base === 0n || base === 1n) return exp === 0n ? 1 : Number(base);
  if (base === -1n) return exp % 2n === 0n ? 1 : -1;
  if (exp > 64n) throw runtimeError("Integer overflow");
  return fromBig(base ** exp);
}

/** Rust `f64::powi`-style power with an Int exponent. */
const powi = (b: number, e: number | bigint): number => b ** Number(e);

function optionCheck(name: string, v: Value): NEnum {
  if (v instanceof NEnum && v.enumName === "Option") return v;
  throw typeError(`${name}() requires an Option`);
}

function resultCheck(name: string, v: Value): NEnum {
  if (v instanceof NEnum && v.enumName === "Result") return v;
  throw typeError(`${name}() requires a Result`);
}

function intOf(name: string, v: Value): Value {
  if (isInt(v)) return v;
  if (v instanceof NFloat) return floatToInt(v.v);
  throw typeError(`${name}() requires a number`);
}

/** Global name → value, installed in every program's (and file module's) global scope. */
export const coreBuiltins: Record<string, Value> = {
  print: declare(
    "print(value: Any) -> ()",
    "Write a value's display text and a newline to stdout.",
    'print("total: {n}")',
    native1("print", (v) => {
      writeStdout(display(v) + "\n");
      return undefined;
    }),
  ),

  len: declare(
    "len(value: String | [Any] | Map<String, Any>) -> Int",
    "Length of a string in UTF-8 bytes, or the number of elements of an array or entries of a map.",
    'len("héllo")  // 6',
    native1("len", (x) => {
      if (typeof x === "string") return utf8Length(x);
      if (x instanceof NArray) return x.length;
      if (x instanceof NMap) return x.size;
      throw typeError("len() requires a string or array");
    }),
  ),

  type: declare(
    "type(value: Any) -> String",
    "The name of a value's type.",
    'type(1.5)  // "Float"',
    native1("type", (x) => typeName(x)),
  ),

  str: declare(
    "str(value: Any) -> String",
    "A value's display text.",
    'str([1, 2])  // "[1, 2]"',
    native1("str", (x) => display(x)),
  ),

  int: declare(
    "int(value: Int | Float | String | Bool) -> Int",
    "Convert to Int: floats truncate toward zero, strings parse as base-10.",
    'int("42")  // 42',
    native1("int", (x) => {
      if (isInt(x)) return x;
      if (x instanceof NFloat) return floatToInt(x.v);
      if (typeof x === "string") {
        const n = parseIntText(x);
        if (n === null) throw typeError("Cannot parse as int");
        return n;
      }
      if (typeof x === "boolean") return x ? 1 : 0;
      throw typeError("Cannot convert to int");
    }),
  ),

  float: declare(
    "float(value: Int | Float | String) -> Float",
    "Convert to Float; strings parse as decimal or exponent notation.",
    'float("2.5e3")  // 2500',
    native1("float", (x) => {
      if (x instanceof NFloat) return x;
      if (isInt(x)) return new NFloat(Number(x));
      if (typeof x === "string") {
        const f = parseFloatText(x);
        if (f === null) throw typeError("Cannot parse as float");
        return new NFloat(f);
      }
      throw typeError("Cannot convert to float");
    }),
  ),

  push: declare(
    "push(items: [T], item: T) -> [T]",
    "A new array with `item` appended (the original is unchanged).",
    "push([1, 2], 3)  // [1, 2, 3]",
    native2("push", (arr, v) => {
      if (arr instanceof NArray) return arr.push(v);
      throw typeError("push() requires an array");
    }),
  ),

  assert: declare(
    "assert(condition: Any) -> ()",
    "Fail with a contract violation unless the condition is truthy.",
    "assert(len(items) > 0)",
    native1("assert", (c) => {
      if (truthy(c)) return undefined;
      throw assertionError();
    }),
  ),

  abs: declare(
    "abs(n: N) -> N",
    "Absolute value, keeping Int or Float.",
    "abs(-5)  // 5",
    native1("abs", (x) => {
      if (typeof x === "number") return Math.abs(x);
      if (typeof x === "bigint") return fromBig(x < 0n ? -x : x);
      if (x instanceof NFloat) return new NFloat(Math.abs(x.v));
      throw typeError("abs() requires a number");
    }),
  ),

  min: declare(
    "min(a: N, b: N) -> N",
    "The smaller of two numbers (Float if either is a Float).",
    "min(3, 7)  // 3",
    native2("min", (a, b) => {
      if (isInt(a) && isInt(b)) return lt(b, a) ? b : a;
      if (isNumber(a) && isNumber(b)) return new NFloat(fmin(dbl(a), dbl(b)));
      throw typeError("min() requires numbers");
    }),
  ),

  max: declare(
    "max(a: N, b: N) -> N",
    "The larger of two numbers (Float if either is a Float).",
    "max(3, 7.5)  // 7.5",
    native2("max", (a, b) => {
      if (isInt(a) && isInt(b)) return lt(a, b) ? b : a;
      if (isNumber(a) && isNumber(b)) return new NFloat(fmax(dbl(a), dbl(b)));
      throw typeError("max() requires numbers");
    }),
  ),

  round: declare(
    "round(x: Int | Float, decimals?: Int) -> Int | Float",
    "Round half away from zero: to an Int, or to a Float with `decimals` places.",
    "round(2.5)  // 3",
    native("round", [0, -1], (args) => {
      if (args.length < 1 || args.length > 2) throw typeError("round() requires 1 or 2 arguments");
      const x = args[0];
      if (!isNumber(x)) throw typeError("round() requires a number as first argument");
      const value = dbl(x);
      if (args.length === 1) return isInt(x) ? x : floatToInt(roundHalfAway(value));
      const d = args[1];
      if (!isInt(d)) throw typeError("round() requires an integer for decimal places");
      if (d < 0) throw typeError("round() decimal places must be non-negative");
      const m = 10 ** Number(d);
      return new NFloat(roundHalfAway(value * m) / m);
    }),
  ),

  floor: declare(
    "floor(x: Int | Float) -> Int",
    "The largest integer not above x.",
    "floor(2.7)  // 2",
    native1("floor", (x) => (x instanceof NFloat ? floatToInt(Math.floor(x.v)) : intOf("floor", x))),
  ),
  ceil: declare(
    "ceil(x: Int | Float) -> Int",
    "The smallest integer not below x.",
    "ceil(2.1)  // 3",
    native1("ceil", (x) => (x instanceof NFloat ? floatToInt(Math.ceil(x.v)) : intOf("ceil", x))),
  ),
  trunc: declare(
    "trunc(x: Int | Float) -> Int",
    "x with its fractional part dropped.",
    "trunc(-2.7)  // -2",
    native1("trunc", (x) => intOf("trunc", x)),
  ),

  sqrt: declare(
    "sqrt(x: Int | Float) -> Float",
    "Square root; negative numbers are an error.",
    "sqrt(16)  // 4",
    native1("sqrt", (x) => {
      if (!isNumber(x)) throw typeError("sqrt() requires a number");
      const v = dbl(x);
      if (v < 0) throw runtimeError("sqrt() of negative number");
      return new NFloat(Math.sqrt(v));
    }),
  ),

  pow: declare(
    "pow(base: Int | Float, exponent: Int | Float) -> Int | Float",
    "base raised to exponent: Int for Int base and non-negative Int exponent, else Float.",
    "pow(2, 10)  // 1024",
    native2("pow", (b, e) => {
      if (isInt(b) && isInt(e)) return e >= 0 ? intPow(b, e) : new NFloat(powi(Number(b), e));
      if (b instanceof NFloat && isInt(e)) return new NFloat(powi(b.v, e));
      if (isNumber(b) && e instanceof NFloat) return new NFloat(dbl(b) ** e.v);
      throw typeError("pow() requires numbers");
    }),
  ),

  sign: declare(
    "sign(x: Int | Float) -> Int",
    "-1, 0 or 1 by the sign of x.",
    "sign(-3.5)  // -1",
    native1("sign", (x) => {
      if (!isNumber(x)) throw typeError("sign() requires a number");
      const v = x instanceof NFloat ? x.v : x;
      return v > 0 ? 1 : v < 0 ? -1 : 0;
    }),
  ),

  clamp: declare(
    "clamp(value: N, low: N, high: N) -> N",
    "value limited to [low, high]; all three Int or all three Float.",
    "clamp(15, 0, 10)  // 10",
    native3("clamp", (v, lo, hi) => {
      if (isInt(v) && isInt(lo) && isInt(hi)) {
        const up = lt(v, lo) ? lo : v;
        return lt(hi, up) ? hi : up;
      }
      if (v instanceof NFloat && lo instanceof NFloat && hi instanceof NFloat) {
        return new NFloat(fmin(fmax(v.v, lo.v), hi.v));
      }
      throw typeError("clamp() requires numbers of same type");
    }),
  ),

  Some: declare(
    "Some(value: T) -> T?",
    "An Option holding a value.",
    "Some(42)",
    native1("Some", (v) => Some(v)),
  ),
  Ok: declare(
    "Ok(value: T) -> Result<T, Any>",
    "A successful Result.",
    'Ok("saved")',
    native1("Ok", (v) => Ok(v)),
  ),
  Err: declare(
    "Err(error: E) -> Result<Any, E>",
    "A failed Result.",
    'Err("not found")',
    native1("Err", (v) => Err(v)),
  ),
  None: NONE,

  is_some: declare(
    "is_some(option: Any?) -> Bool",
    "True for Some(…).",
    "is_some(Some(1))  // true",
    native1("is_some", (o) => optionCheck("is_some", o).variant === "Some"),
  ),
  is_none: declare(
    "is_none(option: Any?) -> Bool",
    "True for None.",
    "is_none(None)  // true",
    native1("is_none", (o) => optionCheck("is_none", o).variant === "None"),
  ),
  is_ok: declare(
    "is_ok(result: Result<Any, Any>) -> Bool",
    "True for Ok(…).",
    "is_ok(Ok(1))  // true",
    native1("is_ok", (r) => resultCheck("is_ok", r).variant === "Ok"),
  ),
  is_err: declare(
    "is_err(result: Result<Any, Any>) -> Bool",
    "True for Err(…).",
    'is_err(Err("x"))  // true',
    native1("is_err", (r) => resultCheck("is_err", r).variant === "Err"),
  ),

  unwrap: declare(
    "unwrap(value: T? | Result<T, E>) -> T",
    "The value inside Some or Ok; None and Err are a runtime error.",
    "unwrap(Some(3))  // 3",
    native1("unwrap", (x) => {
      if (x instanceof NEnum) {
        if (x.enumName === "Option") {
          if (x.variant === "Some") return x.values[0];
          throw runtimeError("Called unwrap() on None");
        }
        if (x.enumName === "Result") {
          if (x.variant === "Ok") return x.values[0];
          throw runtimeError(`Called unwrap() on Err(${display(x.values[0])})`);
        }
      }
      throw typeError("unwrap() requires Option or Result");
    }),
  ),

  unwrap_or: declare(
    "unwrap_or(value: T? | Result<T, E>, default: T) -> T",
    "The value inside Some or Ok, else the default.",
    "unwrap_or(None, 0)  // 0",
    native2("unwrap_or", (x, d) => {
      if (x instanceof NEnum && (x.enumName === "Option" || x.enumName === "Result")) {
        return x.variant === "Some" || x.variant === "Ok" ? x.values[0] : d;
      }
      throw typeError("unwrap_or() requires Option or Result");
    }),
  ),

  filter: declare(
    "filter(items: [T], keep: (T) -> Any) -> [T]",
    "The elements for which the function returns a truthy value.",
    "filter([1, 2, 3, 4], is_even)  // [2, 4]",
    native(
      "filter",
      2,
      ([arr, fn], ctx) => {
        if (!(arr instanceof NArray)) throw typeError("filter() requires an array as first argument");
        const out: Value[] = [];
        return eachCall(
          ctx,
          fn,
          arr.elements(),
          (keep, item) => {
            if (truthy(keep)) out.push(item);
          },
          () => new NArray(out),
        );
      },
      { mayAsync: true },
    ),
  ),

  transform: declare(
    "transform(items: [T], f: (T) -> U) -> [U]",
    "A new array of f applied to each element.",
    "transform([1, 2, 3], double)  // [2, 4, 6]",
    native(
      "transform",
      2,
      ([arr, fn], ctx) => {
        if (!(arr instanceof NArray)) throw typeError("transform() requires an array as first argument");
        const out: Value[] = new Array(arr.length);
        return eachCall(
          ctx,
          fn,
          arr.elements(),
          (r, _item, i) => {
            out[i] = r;
          },
          () => new NArray(out),
        );
      },
      { mayAsync: true },
    ),
  ),
};
