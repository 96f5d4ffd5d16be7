/** Display: the language's string conversion (language.md §5), used by print, str, `+` and templates. */

import { NArray, NEnum, NEnumCtor, NFloat, NFunction, NMap, NModule, NNative, NRange, NStruct, type Value } from "./values";

/** Display text of any value. */
export function display(v: Value): string {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "bigint":
      return String(v);
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return "()";
  }
  if (v instanceof NFloat) return displayFloat(v.v);
  if (v instanceof NArray) {
    let out = "[";
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ", ";
      out += display(v.items[i]);
    }
    return out + "]";
  }
  if (v instanceof NMap) return "{ " + displayEntries(v.entries) + " }";
  if (v instanceof NStruct) return v.name + " { " + displayEntries(v.fields) + " }";
  if (v instanceof NEnum) {
    const head = v.enumName + "::" + v.variant;
    return v.values.length === 0 ? head : head + "(" + v.values.map(display).join(", ") + ")";
  }
  if (v instanceof NRange) return v.start + (v.inclusive ? "..=" : "..") + v.end;
  if (v instanceof NFunction) return `<fn ${v.name}>`;
  if (v instanceof NNative) return `<native fn ${v.name}>`;
  if (v instanceof NEnumCtor) return `<constructor ${v.enumName}::${v.variant}(${v.arity})>`;
  if (v instanceof NModule) return "module:" + v.path + " { " + displayEntries(v.members) + " }";
  return String(v);
}

function displayEntries(m: Map<string, Value>): string {
  let out = "";
  let first = true;
  for (const [k, val] of m) {
    if (!first) out += ", ";
    first = false;
    out += k + ": " + display(val);
  }
  return out;
}

/** Float text: shortest round-trip digits, never exponent notation, no `.0`; `-0`, `inf`, `NaN`. */
export function displayFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const s = String(x);
  return s.includes("e") ? expandExponent(s) : s;
}

/** Rewrite JS exponent notation (`1.5e-7`, `1e+21`) as a plain decimal. */
function expandExponent(s: string): string {
  const neg = s[0] === "-";
  const body = neg ? s.slice(1) : s;
  const e = body.indexOf("e");
  const mant = body.slice(0, e);
  const exp = Number(body.slice(e + 1));
  const dot = mant.indexOf(".");
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const point = (dot < 0 ? mant.length : dot) + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return neg ? "-" + out : out;
}

/** Number of UTF-8 bytes of a string (the language's `len` of a String). */
export function utf8Length(s: string): number {
  // ASCII fast path: most strings are short and ASCII.
  if (s.length < 64) {
    let i = 0;
    while (i < s.length && s.charCodeAt(i) < 0x80) i++;
    if (i === s.length) return i;
  }
  return Buffer.byteLength(s, "utf8");
}

/** Number of Unicode code points of a string. */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
