/**
 * Operators on values (language.md §4.3–4.8).
 *
 * Int is a JS number while it is a safe integer and a bigint beyond that (always within
 * i64). Every Int-producing operation has a number fast path; bigint is used only when the
 * exact result leaves the safe range, and results are normalised back with `fromBig`.
 */

import { display } from "./display";
import { divisionByZero, indexError, invalidOperation, runtimeError, typeError } from "./errors";
import { NArray, NEnum, NEnumCtor, NFloat, NMap, NModule, NRange, NStruct, truthy, typeName, type Value, isInt, isNumber } from "./values";

const SAFE_MAX = Number.MAX_SAFE_INTEGER;
const SAFE_MIN = Number.MIN_SAFE_INTEGER;
const BIG_SAFE_MAX = BigInt(SAFE_MAX);
const BIG_SAFE_MIN = BigInt(SAFE_MIN);
/** Largest / smallest i64 as bigint. */
export const I64_MAX = (1n << 63n) - 1n;
export const I64_MIN = -(1n << 63n);

export type OpName = "Add" | "Sub" | "Mul" | "Div" | "Mod" | "Eq" | "Ne" | "Lt" | "Le" | "Gt" | "Ge";

/** True for an Int held as a JS number (the common, cheap representation). */
export const isSmallInt = (v: Value): v is number => typeof v === "number";

/** Normalise an exact integer result: number when safe, bigint within i64, else overflow. */
export function fromBig(b: bigint): number | bigint {
  if (b >= BIG_SAFE_MIN && b <= BIG_SAFE_MAX) return Number(b);
  if (b < I64_MIN || b > I64_MAX) throw runtimeError("Integer overflow");
  return b;
}

const opError = (op: OpName, a: Value, b: Value) => invalidOperation(`Cannot apply ${op} to ${typeName(a)} and ${typeName(b)}`);

/** JS double of an Int or Float. */
const dbl = (v: Value): number => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : (v as NFloat).v);

// ---------------------------------------------------------------- arithmetic

/** `a + b`: Int exact, mixed → Float, String concatenation via Display, Array concatenation. */
export function add(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    return r <= SAFE_MAX && r >= SAFE_MIN ? r : fromBig(BigInt(a) + BigInt(b));
  }
  if (typeof a === "string" && typeof b === "string") return a + b;
  return arith("Add", a, b);
}

/** `a - b`. */
export function sub(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    return r <= SAFE_MAX && r >= SAFE_MIN ? r : fromBig(BigInt(a) - BigInt(b));
  }
  return arith("Sub", a, b);
}

/** `a * b`. */
export function mul(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (r === 0) return 0; // never produce an Int -0
    return r <= SAFE_MAX && r >= SAFE_MIN ? r : fromBig(BigInt(a) * BigInt(b));
  }
  return arith("Mul", a, b);
}

/** `a / b`: Int division truncates toward zero; Int divisor 0 → Division by zero. */
export function div(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw divisionByZero();
    // a % b is exact for doubles, so the quotient of an exact multiple is exact too.
    return (a - (a % b)) / b + 0;
  }
  return arith("Div", a, b);
}

/** `a % b`: Int remainder has the dividend's sign; divisor 0 → Division by zero; Float fmod. */
export function mod(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw divisionByZero();
    return (a % b) + 0;
  }
  return arith("Mod", a, b);
}

function arith(op: OpName, a: Value, b: Value): Value {
  if (isInt(a) && isInt(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    switch (op) {
      case "Add":
        return fromBig(x + y);
      case "Sub":
        return fromBig(x - y);
      case "Mul":
        return fromBig(x * y);
      case "Div":
        if (y === 0n) throw divisionByZero();
        return fromBig(x / y);
      default:
        if (y === 0n) throw divisionByZero();
        // i64::MIN % -1 overflows in Rust (it panics like i64::MIN / -1), though the remainder is 0.
        if (y === -1n && x === I64_MIN) throw runtimeError("Integer overflow");
        return fromBig(x % y);
    }
  }
  if (isNumber(a) && isNumber(b)) {
    const x = dbl(a);
    const y = dbl(b);
    switch (op) {
      case "Add":
        return new NFloat(x + y);
      case "Sub":
        return new NFloat(x - y);
      case "Mul":
        return new NFloat(x * y);
      case "Div":
        return new NFloat(x / y);
      default:
        return new NFloat(x % y);
    }
  }
  if (op === "Add") {
    if (typeof a === "string" || typeof b === "string") return display(a) + display(b);
    if (a instanceof NArray && b instanceof NArray) {
      const items = a.toArray();
      for (let i = 0; i < b.length; i++) items.push(b.items[i]);
      return new NArray(items);
    }
  }
  throw opError(op, a, b);
}

/** Unary `-`. */
export function neg(a: Value): Value {
  if (typeof a === "number") return 0 - a; // 0 - 0 is +0, unlike -0
  if (typeof a === "bigint") return fromBig(-a);
  if (a instanceof NFloat) return new NFloat(-a.v);
  throw typeError("Cannot negate non-numeric value");
}

/** Unary `!`: Bool negation of truthiness. */
export function not(a: Value): boolean {
  return !truthy(a);
}

/** Apply a binary operator by name (for generic call sites such as compound assignment). */
export function binary(op: OpName, a: Value, b: Value): Value {
  switch (op) {
    case "Add":
      return add(a, b);
    case "Sub":
      return sub(a, b);
    case "Mul":
      return mul(a, b);
    case "Div":
      return div(a, b);
    case "Mod":
      return mod(a, b);
    case "Eq":
      return eq(a, b);
    case "Ne":
      return ne(a, b);
    case "Lt":
      return lt(a, b);
    case "Le":
      return le(a, b);
    case "Gt":
      return gt(a, b);
    case "Ge":
      return ge(a, b);
  }
}

// ---------------------------------------------------------------- comparison

/** Compare two strings by Unicode code point (JS `<` compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // At the first difference the full code points decide (surrogates sort above U+FFFF).
      const cx = a.codePointAt(i)!;
      const cy = b.codePointAt(i)!;
      return cx < cy ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** Ordering for `< <= > >=`: -1/0/1, or NaN when unordered (NaN Floats). */
function order(op: OpName, a: Value, b: Value): number {
  if (isNumber(a) && isNumber(b)) {
    // Int against Int exactly (JS compares number and bigint mathematically); with a Float
    // involved the Int is first rounded to a double, as the reference's `a as f64`.
    const mixed = a instanceof NFloat || b instanceof NFloat;
    const x = mixed ? dbl(a) : (a as number | bigint);
    const y = mixed ? dbl(b) : (b as number | bigint);
    // biome-ignore lint/suspicious/noDoubleEquals: compares a bigint with a number by value
    return x < y ? -1 : x > y ? 1 : x == y ? 0 : Number.NaN;
  }
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  throw opError(op, a, b);
}

/** `a < b` (numbers, strings). */
export function lt(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  return order("Lt", a, b) < 0;
}

/** `a <= b`. */
export function le(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a <= b;
  return order("Le", a, b) <= 0;
}

/** `a > b`. */
export function gt(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a > b;
  return order("Gt", a, b) > 0;
}

/** `a >= b`. */
export function ge(a: Value, b: Value): boolean {
  if (typeof a === "number" && typeof b === "number") return a >= b;
  return order("Ge", a, b) >= 0;
}

/** Structural equality: different kinds → false, Int/Float compare numerically, NaN ≠ NaN. */
export function eq(a: Value, b: Value): boolean {
  if (a === b) return !(a instanceof NFloat) || !Number.isNaN(a.v);
  switch (typeof a) {
    case "number":
    case "bigint":
      // biome-ignore lint/suspicious/noDoubleEquals: Int (number or bigint) against Int or Float by value
      if (isInt(b)) return a == b;
      return b instanceof NFloat && Number(a) === b.v;
    case "string":
    case "boolean":
    case "undefined":
      return false;
  }
  if (a instanceof NFloat) {
    if (b instanceof NFloat) return a.v === b.v;
    return isInt(b) && a.v === Number(b);
  }
  if (a instanceof NArray) {
    if (!(b instanceof NArray) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!eq(a.items[i], b.items[i])) return false;
    return true;
  }
  if (a instanceof NMap) return b instanceof NMap && sameEntries(a.entries, b.entries);
  if (a instanceof NStruct) return b instanceof NStruct && a.name === b.name && sameEntries(a.fields, b.fields);
  if (a instanceof NEnum) {
    if (!(b instanceof NEnum) || a.enumName !== b.enumName || a.variant !== b.variant) return false;
    if (a.values.length !== b.values.length) return false;
    for (let i = 0; i < a.values.length; i++) if (!eq(a.values[i], b.values[i])) return false;
    return true;
  }
  if (a instanceof NRange) {
    return b instanceof NRange && a.start === b.start && a.end === b.end && a.inclusive === b.inclusive;
  }
  if (a instanceof NEnumCtor) {
    return b instanceof NEnumCtor && a.enumName === b.enumName && a.variant === b.variant;
  }
  return false; // functions and modules: identity only
}

function sameEntries(x: Map<string, Value>, y: Map<string, Value>): boolean {
  if (x.size !== y.size) return false;
  for (const [k, v] of x) {
    if (!y.has(k) || !eq(v, y.get(k))) return false;
  }
  return true;
}

/** `a != b`. */
export function ne(a: Value, b: Value): boolean {
  return !eq(a, b);
}

// ---------------------------------------------------------------- indexing

/** True when the string has no surrogates, so code point i is UTF-16 unit i. */
const BMP_ONLY = /^[^\ud800-\udfff]*$/;

/**
 * One-entry cache of the last indexed string's code points (null when it is BMP-only), so
 * `for i in 0..n { s[i] }` stays linear instead of rescanning the string on every index.
 */
let cachedStr = "";
let cachedChars: string[] | null = null;

/** The code points of `s`, or null when `s` has no surrogates (then UTF-16 units are code points). */
export function codePointsOf(s: string): string[] | null {
  if (s !== cachedStr) {
    cachedStr = s;
    cachedChars = BMP_ONLY.test(s) ? null : Array.from(s);
  }
  return cachedChars;
}

/** Code point `i` of `s` (negative counts from the end), or undefined when out of range. */
export function codePointAtIndex(s: string, i: number): string | undefined {
  const chars = codePointsOf(s);
  if (chars === null) {
    const j = i < 0 ? i + s.length : i;
    return j >= 0 && j < s.length ? s[j] : undefined;
  }
  return chars[i < 0 ? i + chars.length : i];
}

/** Map key of an index value (an Int is keyed by its decimal text), or null when not a valid key. */
function mapKey(idx: Value): string | null {
  if (typeof idx === "string") return idx;
  if (isInt(idx)) return String(idx);
  return null;
}

/** `obj[idx]`: arrays (negative from the end), strings by code point, maps, struct fields. */
export function index(obj: Value, idx: Value): Value {
  if (obj instanceof NArray) {
    if (typeof idx === "number") {
      const i = idx < 0 ? idx + obj.length : idx;
      if (i >= 0 && i < obj.length) return obj.items[i];
      throw indexError(idx, obj.length);
    }
    if (typeof idx === "bigint") throw indexError(idx, obj.length);
  } else if (typeof obj === "string") {
    if (typeof idx === "number") {
      const c = codePointAtIndex(obj, idx);
      if (c !== undefined) return c;
      throw indexError(idx, Buffer.byteLength(obj, "utf8"));
    }
    if (typeof idx === "bigint") throw indexError(idx, Buffer.byteLength(obj, "utf8"));
  } else if (obj instanceof NMap) {
    const k = mapKey(idx);
    if (k !== null) {
      const v = obj.entries.get(k);
      if (v === undefined && !obj.entries.has(k)) throw runtimeError(`Unknown key: ${k}`);
      return v;
    }
  } else if (obj instanceof NStruct || obj instanceof NModule) {
    // A module value is a struct in the reference, so `m["PI"]` reads a member as `m.PI` does.
    if (typeof idx === "string") return field(obj, idx);
  }
  throw typeError("Invalid index operation");
}

/** `obj.name`: struct field, map key or module member. */
export function field(obj: Value, name: string): Value {
  if (obj instanceof NStruct) {
    const v = obj.fields.get(name);
    if (v === undefined && !obj.fields.has(name)) throw runtimeError(`Unknown field: ${name}`);
    return v;
  }
  if (obj instanceof NMap) {
    const v = obj.entries.get(name);
    if (v === undefined && !obj.entries.has(name)) throw runtimeError(`Unknown key: ${name}`);
    return v;
  }
  if (obj instanceof NModule) {
    const v = obj.members.get(name);
    if (v === undefined && !obj.members.has(name)) throw runtimeError(`Unknown field: ${name}`);
    return v;
  }
  throw typeError("Field access on non-struct value");
}

/** Copy of `root` with `root[idx] = v`: arrays in range (negative ok), maps insert/overwrite. */
export function setIndex(root: Value, idx: Value, v: Value): Value {
  if (root instanceof NArray) {
    if (typeof idx === "number") {
      const i = idx < 0 ? idx + root.length : idx;
      if (i >= 0 && i < root.length) return root.with(i, v);
      throw indexError(idx, root.length);
    }
    if (typeof idx === "bigint") throw indexError(idx, root.length);
  } else if (root instanceof NMap) {
    const k = mapKey(idx);
    if (k !== null) return root.with(k, v);
  } else if (root instanceof NStruct) {
    if (typeof idx === "string") return setField(root, idx, v);
  }
  throw typeError("Invalid index operation");
}

/** Copy of `root` with `root.name = v`: the struct field must exist; maps insert the key. */
export function setField(root: Value, name: string, v: Value): Value {
  if (root instanceof NStruct) {
    if (!root.fields.has(name)) throw runtimeError(`Unknown field '${name}' on struct '${root.name}'`);
    return root.with(name, v);
  }
  if (root instanceof NMap) return root.with(name, v);
  throw runtimeError("Cannot assign field on non-struct value");
}

// ---------------------------------------------------------------- conversions

const TWO_63 = 2 ** 63;

/** Float → Int like Rust `as i64`: truncate toward zero, saturate at the i64 bounds, NaN → 0. */
export function floatToInt(x: number): number | bigint {
  if (Number.isNaN(x)) return 0;
  const t = Math.trunc(x);
  if (t >= SAFE_MIN && t <= SAFE_MAX) return t + 0;
  if (t >= TWO_63) return I64_MAX;
  if (t <= -TWO_63) return I64_MIN;
  return BigInt(t);
}

/** Int value as a bigint. */
export const toBigInt = (v: number | bigint): bigint => (typeof v === "bigint" ? v : BigInt(v));
