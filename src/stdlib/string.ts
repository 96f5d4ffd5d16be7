/** std/string (stdlib.md §1). "Character" means code point; index results are code-point indices (Rec §1.3). */

import { charLength, display } from "../runtime/display";
import { runtimeError, typeError } from "../runtime/errors";
import { codePointAtIndex, codePointsOf } from "../runtime/ops";
import { NArray, NONE, Some, type Value } from "../runtime/values";
import { defineModule, native, native2, native3 } from "./module";
import { regexFind, regexFindAll, regexTest, replaceByRegex, splitByRegex } from "./regex";

const isInt = (v: Value): v is number | bigint => typeof v === "number" || typeof v === "bigint";
const strs = (xs: string[]): NArray => new NArray(xs as Value[]);

/** Native taking one String. */
function str1(name: string, fn: (s: string) => Value, alias = name) {
  return native(alias, 1, ([s]) => {
    if (typeof s !== "string") throw typeError(`${alias}() requires a string`);
    return fn(s);
  });
}

/** Native taking two Strings. */
function str2(name: string, fn: (a: string, b: string) => Value) {
  return native(name, 2, ([a, b]) => {
    if (typeof a !== "string" || typeof b !== "string") throw typeError(`${name}() requires two strings`);
    return fn(a, b);
  });
}

/** Native taking three Strings. */
function str3(name: string, fn: (a: string, b: string, c: string) => Value) {
  return native(name, 3, ([a, b, c]) => {
    if (typeof a !== "string" || typeof b !== "string" || typeof c !== "string") {
      throw typeError(`${name}() requires three strings`);
    }
    return fn(a, b, c);
  });
}

const WS = /\p{White_Space}/u;
const LEADING_WS = /^\p{White_Space}+/u;
const TRAILING_WS = /\p{White_Space}+$/u;
const WS_RUNS = /\p{White_Space}+/u;
const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const ALPHA = /\p{Alphabetic}/u;
const ALNUM = /[\p{Alphabetic}\p{N}]/u;

const trimLeft = (s: string) => s.replace(LEADING_WS, "");
const trimRight = (s: string) => s.replace(TRAILING_WS, "");
const words = (s: string): string[] => s.split(WS_RUNS).filter((w) => w !== "");

/** First code point upper-cased (full mapping), the rest lower-cased. */
function capitalize(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return "";
  const n = first > 0xffff ? 2 : 1;
  return s.slice(0, n).toUpperCase() + s.slice(n).toLowerCase();
}

/** snake/kebab conversion: capitals (not first) and separators become `sep`. */
function separateWords(s: string, sep: string, separators: string): string {
  let out = "";
  let first = true;
  for (const c of s) {
    if (UPPER.test(c)) {
      if (!first) out += sep;
      out += c.toLowerCase();
    } else if (separators.includes(c)) out += sep;
    else out += c;
    first = false;
  }
  return out;
}

/** camel/Pascal conversion: `_ - space` dropped, the next code point upper-cased. */
function joinWords(s: string, upperFirst: boolean): string {
  let out = "";
  let upper = upperFirst;
  for (const c of s) {
    if (c === "_" || c === "-" || c === " ") {
      upper = true;
      continue;
    }
    out += upper ? c.toUpperCase() : c;
    upper = false;
  }
  return out;
}

function slugify(s: string): string {
  let out = "";
  for (const c of s.toLowerCase()) {
    if (ALNUM.test(c)) out += c;
    else if (c === "-" || c === "_" || WS.test(c)) out += "-";
  }
  return out.replace(/-+/g, "-").replace(/^-|-$/g, "");
}

/** Code-point index of a UTF-16 offset. */
const cpIndex = (s: string, utf16: number): number => (utf16 < 0 ? -1 : charLength(s.slice(0, utf16)));

function replaceAll(s: string, from: string, to: string): string {
  if (from !== "") return s.split(from).join(to);
  const cs = Array.from(s);
  return cs.length === 0 ? to : to + cs.join(to) + to;
}

function countOf(s: string, sub: string): number {
  if (sub === "") return charLength(s) + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** Rust `str::lines`. */
function lines(s: string): string[] {
  if (s === "") return [];
  const parts = s.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

/** Whole-string glob: `*` any run, `?` one code point. */
function globMatch(s: string, glob: string): boolean {
  const src = Array.from(glob)
    .map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")))
    .join("");
  return new RegExp("^" + src + "$", "u").test(s);
}

/** Padding helper: `pad` is the first code point of the pad string (space when empty). */
function padding(args: Value[], name: string): { s: string; missing: number; pad: string } {
  const [s, width, pad] = args;
  if (typeof s !== "string" || !isInt(width) || typeof pad !== "string") {
    throw typeError(`${name}() requires string, int, string`);
  }
  const p = pad === "" ? " " : String.fromCodePoint(pad.codePointAt(0)!);
  const missing = Math.max(0, Number(width) - charLength(s));
  return { s, missing, pad: p };
}

function intArg(v: Value): number {
  return Number(v);
}

export default defineModule("std/string", {
  split: str2("split", (s, d) => strs(d === "" ? ["", ...Array.from(s), ""] : s.split(d))),

  join: native2("join", (arr, d) => {
    if (!(arr instanceof NArray) || typeof d !== "string") throw typeError("join() requires array and string");
    return arr
      .elements()
      .map((x) => display(x))
      .join(d);
  }),

  concat: native("concat", [1, 2], ([a, b]) => {
    if (a instanceof NArray) return a.elements().map(display).join("");
    if (typeof a === "string") {
      if (typeof b === "string") return a + b;
      throw typeError("concat() requires strings");
    }
    throw typeError("concat() requires strings or array of strings");
  }),

  repeat: native2("repeat", (s, n) => {
    if (typeof s !== "string" || !isInt(n)) throw typeError("repeat() requires string and int");
    if (n < 0) throw runtimeError("repeat count must be non-negative");
    return s.repeat(Number(n));
  }),

  reverse: str1("reverse", (s) => Array.from(s).reverse().join("")),

  trim: str1("trim", (s) => trimRight(trimLeft(s))),
  trim_left: str1("trim_left", trimLeft),
  trim_right: str1("trim_right", trimRight),
  trim_start: str1("trim_left", trimLeft, "trim_start"),
  trim_end: str1("trim_right", trimRight, "trim_end"),
  trim_chars: str2("trim_chars", (s, set) => {
    const cs = Array.from(s);
    let a = 0;
    let b = cs.length;
    while (a < b && set.includes(cs[a]!)) a++;
    while (b > a && set.includes(cs[b - 1]!)) b--;
    return cs.slice(a, b).join("");
  }),

  to_upper: str1("to_upper", (s) => s.toUpperCase()),
  to_lower: str1("to_lower", (s) => s.toLowerCase()),
  upper: str1("to_upper", (s) => s.toUpperCase(), "upper"),
  lower: str1("to_lower", (s) => s.toLowerCase(), "lower"),
  capitalize: str1("capitalize", capitalize),
  title: str1("title", (s) => words(s).map(capitalize).join(" ")),
  to_snake_case: str1("to_snake_case", (s) => separateWords(s, "_", " -")),
  to_kebab_case: str1("to_kebab_case", (s) => separateWords(s, "-", " _")),
  to_camel_case: str1("to_camel_case", (s) => joinWords(s, false)),
  to_pascal_case: str1("to_pascal_case", (s) => joinWords(s, true)),
  slugify: str1("slugify", slugify),

  contains: str2("contains", (s, sub) => s.includes(sub)),
  starts_with: str2("starts_with", (s, p) => s.startsWith(p)),
  ends_with: str2("ends_with", (s, p) => s.endsWith(p)),
  index_of: str2("index_of", (s, sub) => cpIndex(s, s.indexOf(sub))),
  last_index_of: str2("last_index_of", (s, sub) => cpIndex(s, s.lastIndexOf(sub))),
  count: str2("count", countOf),
  replace: str3("replace", replaceAll),
  replace_all: str3("replace_all", replaceAll),
  replace_first: str3("replace_first", (s, from, to) => s.replace(from, () => to)),
  replace_chars: str3("replace_chars", (s, set, repl) =>
    Array.from(s)
      .map((c) => (set.includes(c) ? repl : c))
      .join(""),
  ),
  remove_chars: str2("remove_chars", (s, set) =>
    Array.from(s)
      .filter((c) => !set.includes(c))
      .join(""),
  ),
  keep_chars: str2("keep_chars", (s, allowed) =>
    Array.from(s)
      .filter((c) => allowed.includes(c))
      .join(""),
  ),

  matches_pattern: str2("matches_pattern", regexTest),
  find_pattern: str2("find_pattern", (s, re) => {
    const m = regexFind(s, re);
    return m === null ? NONE : Some(m);
  }),
  find_all_pattern: str2("find_all_pattern", (s, re) => strs(regexFindAll(s, re))),
  split_pattern: str2("split_pattern", (s, re) => strs(splitByRegex(s, re))),
  replace_pattern: str3("replace_pattern", replaceByRegex),

  char_at: native2("char_at", (s, i) => {
    if (typeof s !== "string" || !isInt(i)) throw typeError("char_at() requires string and int");
    const c = i >= 0 ? codePointAtIndex(s, intArg(i)) : undefined;
    if (c === undefined) throw runtimeError(`Index ${i} out of bounds`);
    return c;
  }),

  substring: native3("substring", (s, a, b) => {
    if (typeof s !== "string" || !isInt(a) || !isInt(b)) throw typeError("substring() requires string, int, int");
    const cs = codePointsOf(s);
    const n = cs === null ? s.length : cs.length;
    if (a < 0 || b < 0 || a > b || a > n || b > n) throw runtimeError("Invalid substring range");
    return cs === null ? s.slice(intArg(a), intArg(b)) : cs.slice(intArg(a), intArg(b)).join("");
  }),

  chars: str1("chars", (s) => strs(Array.from(s))),
  lines: str1("lines", (s) => strs(lines(s))),
  words: str1("words", (s) => strs(words(s))),

  truncate: native3("truncate", (s, max, suffix) => {
    if (typeof s !== "string" || !isInt(max) || typeof suffix !== "string") {
      throw typeError("truncate() requires string, int, string");
    }
    const cs = Array.from(s);
    if (max < 0 || cs.length <= max) return s;
    const keep = Math.max(0, intArg(max) - charLength(suffix));
    return cs.slice(0, keep).join("") + suffix;
  }),

  pad_left: native("pad_left", 3, (args) => {
    const { s, missing, pad } = padding(args, "pad_left");
    return pad.repeat(missing) + s;
  }),
  pad_right: native("pad_right", 3, (args) => {
    const { s, missing, pad } = padding(args, "pad_right");
    return s + pad.repeat(missing);
  }),
  center: native("center", 3, (args) => {
    const { s, missing, pad } = padding(args, "center");
    const left = Math.floor(missing / 2);
    return pad.repeat(left) + s + pad.repeat(missing - left);
  }),

  is_empty: str1("is_empty", (s) => s === ""),
  is_blank: str1("is_blank", (s) => trimLeft(s) === ""),
  is_numeric: str1("is_numeric", (s) => /^[0-9]+$/.test(s)),
  is_alpha: str1("is_alpha", (s) => s !== "" && Array.from(s).every((c) => ALPHA.test(c))),
  is_alphanumeric: str1("is_alphanumeric", (s) => s !== "" && Array.from(s).every((c) => ALNUM.test(c))),
  is_lowercase: str1(
    "is_lowercase",
    (s) => s !== "" && Array.from(s).every((c) => !ALPHA.test(c) || LOWER.test(c)),
  ),
  is_uppercase: str1(
    "is_uppercase",
    (s) => s !== "" && Array.from(s).every((c) => !ALPHA.test(c) || UPPER.test(c)),
  ),
  is_whitespace: str1("is_whitespace", (s) => s !== "" && Array.from(s).every((c) => WS.test(c))),
  matches: str2("matches", globMatch),
});
