/** std/string (stdlib.md §1). "Character" means code point; index results are code-point indices (Rec §1.3). */

import { charLength, display } from "../runtime/display";
import { declare } from "../runtime/declaration";
import { runtimeError, typeError } from "../runtime/errors";
import { codePointAtIndex, codePointsOf } from "../runtime/ops";
import { NArray, NONE, Some, type Value, isInt } from "../runtime/values";
import { defineModule, native, native2, native3 } from "./module";
import { regexFind, regexFindAll, regexTest, replaceByRegex, splitByRegex } from "./regex";

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

export default defineModule(
  "std/string",
  {
    split: declare(
      "split(s: String, sep: String) -> [String]",
      "Split s at every occurrence of sep.",
      'split("a,b,c", ",")  // ["a", "b", "c"]',
      str2("split", (s, d) => strs(d === "" ? ["", ...Array.from(s), ""] : s.split(d))),
    ),

    join: declare(
      "join(items: [Any], sep: String) -> String",
      "The elements' display texts joined with sep.",
      'join(["a", "b"], "-")  // "a-b"',
      native2("join", (arr, d) => {
        if (!(arr instanceof NArray) || typeof d !== "string") throw typeError("join() requires array and string");
        return arr
          .elements()
          .map((x) => display(x))
          .join(d);
      }),
    ),

    concat: declare(
      "concat(a: String | [Any], b?: String) -> String",
      "Two strings joined, or the display texts of an array's elements joined.",
      'concat("foo", "bar")  // "foobar"',
      native("concat", [1, 2], ([a, b]) => {
        if (a instanceof NArray) return a.elements().map(display).join("");
        if (typeof a === "string") {
          if (typeof b === "string") return a + b;
          throw typeError("concat() requires strings");
        }
        throw typeError("concat() requires strings or array of strings");
      }),
    ),

    repeat: declare(
      "repeat(s: String, n: Int) -> String",
      "s repeated n times.",
      'repeat("ab", 3)  // "ababab"',
      native2("repeat", (s, n) => {
        if (typeof s !== "string" || !isInt(n)) throw typeError("repeat() requires string and int");
        if (n < 0) throw runtimeError("repeat count must be non-negative");
        return s.repeat(Number(n));
      }),
    ),

    reverse: declare(
      "reverse(s: String) -> String",
      "The characters of s in reverse order.",
      'reverse("abc")  // "cba"',
      str1("reverse", (s) => Array.from(s).reverse().join("")),
    ),

    trim: declare(
      "trim(s: String) -> String",
      "s without leading and trailing whitespace.",
      'trim("  hi  ")  // "hi"',
      str1("trim", (s) => trimRight(trimLeft(s))),
    ),
    trim_left: declare("trim_left(s: String) -> String", "s without leading whitespace.", 'trim_left("  hi")  // "hi"', str1("trim_left", trimLeft)),
    trim_right: declare("trim_right(s: String) -> String", "s without trailing whitespace.", 'trim_right("hi  ")  // "hi"', str1("trim_right", trimRight)),
    trim_start: declare(
      "trim_start(s: String) -> String",
      "s without leading whitespace (same as trim_left).",
      'trim_start("  hi")  // "hi"',
      str1("trim_left", trimLeft, "trim_start"),
    ),
    trim_end: declare(
      "trim_end(s: String) -> String",
      "s without trailing whitespace (same as trim_right).",
      'trim_end("hi  ")  // "hi"',
      str1("trim_right", trimRight, "trim_end"),
    ),
    trim_chars: declare(
      "trim_chars(s: String, chars: String) -> String",
      "s without leading and trailing characters from chars.",
      'trim_chars("--a--", "-")  // "a"',
      str2("trim_chars", (s, set) => {
        const cs = Array.from(s);
        let a = 0;
        let b = cs.length;
        while (a < b && set.includes(cs[a]!)) a++;
        while (b > a && set.includes(cs[b - 1]!)) b--;
        return cs.slice(a, b).join("");
      }),
    ),

    to_upper: declare(
      "to_upper(s: String) -> String",
      "s in upper case.",
      'to_upper("abc")  // "ABC"',
      str1("to_upper", (s) => s.toUpperCase()),
    ),
    to_lower: declare(
      "to_lower(s: String) -> String",
      "s in lower case.",
      'to_lower("ABC")  // "abc"',
      str1("to_lower", (s) => s.toLowerCase()),
    ),
    upper: declare(
      "upper(s: String) -> String",
      "s in upper case (same as to_upper).",
      'upper("abc")  // "ABC"',
      str1("to_upper", (s) => s.toUpperCase(), "upper"),
    ),
    lower: declare(
      "lower(s: String) -> String",
      "s in lower case (same as to_lower).",
      'lower("ABC")  // "abc"',
      str1("to_lower", (s) => s.toLowerCase(), "lower"),
    ),
    capitalize: declare(
      "capitalize(s: String) -> String",
      "First character upper-cased, the rest lower-cased.",
      'capitalize("hELLO")  // "Hello"',
      str1("capitalize", capitalize),
    ),
    title: declare(
      "title(s: String) -> String",
      "Every word capitalized.",
      'title("hello world")  // "Hello World"',
      str1("title", (s) => words(s).map(capitalize).join(" ")),
    ),
    to_snake_case: declare(
      "to_snake_case(s: String) -> String",
      "s in snake_case.",
      'to_snake_case("HelloWorld")  // "hello_world"',
      str1("to_snake_case", (s) => separateWords(s, "_", " -")),
    ),
    to_kebab_case: declare(
      "to_kebab_case(s: String) -> String",
      "s in kebab-case.",
      'to_kebab_case("HelloWorld")  // "hello-world"',
      str1("to_kebab_case", (s) => separateWords(s, "-", " _")),
    ),
    to_camel_case: declare(
      "to_camel_case(s: String) -> String",
      "s in camelCase.",
      'to_camel_case("hello_world")  // "helloWorld"',
      str1("to_camel_case", (s) => joinWords(s, false)),
    ),
    to_pascal_case: declare(
      "to_pascal_case(s: String) -> String",
      "s in PascalCase.",
      'to_pascal_case("hello_world")  // "HelloWorld"',
      str1("to_pascal_case", (s) => joinWords(s, true)),
    ),
    slugify: declare(
      "slugify(s: String) -> String",
      "A URL slug: lower case, words joined by hyphens.",
      'slugify("Hello, World!")  // "hello-world"',
      str1("slugify", slugify),
    ),

    contains: declare(
      "contains(s: String, sub: String) -> Bool",
      "True when sub occurs in s.",
      'contains("hello", "ell")  // true',
      str2("contains", (s, sub) => s.includes(sub)),
    ),
    starts_with: declare(
      "starts_with(s: String, prefix: String) -> Bool",
      "True when s begins with prefix.",
      'starts_with("hello", "he")  // true',
      str2("starts_with", (s, p) => s.startsWith(p)),
    ),
    ends_with: declare(
      "ends_with(s: String, suffix: String) -> Bool",
      "True when s ends with suffix.",
      'ends_with("hello", "lo")  // true',
      str2("ends_with", (s, p) => s.endsWith(p)),
    ),
    index_of: declare(
      "index_of(s: String, sub: String) -> Int",
      "Character index of the first sub in s, or -1.",
      'index_of("hello", "l")  // 2',
      str2("index_of", (s, sub) => cpIndex(s, s.indexOf(sub))),
    ),
    last_index_of: declare(
      "last_index_of(s: String, sub: String) -> Int",
      "Character index of the last sub in s, or -1.",
      'last_index_of("hello", "l")  // 3',
      str2("last_index_of", (s, sub) => cpIndex(s, s.lastIndexOf(sub))),
    ),
    count: declare(
      "count(s: String, sub: String) -> Int",
      "Number of non-overlapping occurrences of sub in s.",
      'count("banana", "a")  // 3',
      str2("count", countOf),
    ),
    replace: declare(
      "replace(s: String, from: String, to: String) -> String",
      "Every occurrence of from replaced by to.",
      'replace("a-b-c", "-", "+")  // "a+b+c"',
      str3("replace", replaceAll),
    ),
    replace_all: declare(
      "replace_all(s: String, from: String, to: String) -> String",
      "Every occurrence of from replaced by to (same as replace).",
      'replace_all("a-b", "-", "+")  // "a+b"',
      str3("replace_all", replaceAll),
    ),
    replace_first: declare(
      "replace_first(s: String, from: String, to: String) -> String",
      "The first occurrence of from replaced by to.",
      'replace_first("a-b-c", "-", "+")  // "a+b-c"',
      str3("replace_first", (s, from, to) => s.replace(from, () => to)),
    ),
    replace_chars: declare(
      "replace_chars(s: String, chars: String, with: String) -> String",
      "Each character of s found in chars replaced by with.",
      'replace_chars("a.b,c", ".,", " ")  // "a b c"',
      str3("replace_chars", (s, set, repl) =>
        Array.from(s)
          .map((c) => (set.includes(c) ? repl : c))
          .join(""),
      ),
    ),
    remove_chars: declare(
      "remove_chars(s: String, chars: String) -> String",
      "s without the characters found in chars.",
      'remove_chars("a-b_c", "-_")  // "abc"',
      str2("remove_chars", (s, set) =>
        Array.from(s)
          .filter((c) => !set.includes(c))
          .join(""),
      ),
    ),
    keep_chars: declare(
      "keep_chars(s: String, allowed: String) -> String",
      "Only the characters of s found in allowed.",
      'keep_chars("a1b2", "0123456789")  // "12"',
      str2("keep_chars", (s, allowed) =>
        Array.from(s)
          .filter((c) => allowed.includes(c))
          .join(""),
      ),
    ),

    matches_pattern: declare(
      "matches_pattern(s: String, pattern: String) -> Bool",
      "True when the regular expression matches somewhere in s.",
      'matches_pattern("abc123", "[0-9]+")  // true',
      str2("matches_pattern", regexTest),
    ),
    find_pattern: declare(
      "find_pattern(s: String, pattern: String) -> String?",
      "The first match of the regular expression, or None.",
      'find_pattern("abc123", "[0-9]+")  // Some("123")',
      str2("find_pattern", (s, re) => {
        const m = regexFind(s, re);
        return m === null ? NONE : Some(m);
      }),
    ),
    find_all_pattern: declare(
      "find_all_pattern(s: String, pattern: String) -> [String]",
      "Every match of the regular expression.",
      'find_all_pattern("a1b22", "[0-9]+")  // ["1", "22"]',
      str2("find_all_pattern", (s, re) => strs(regexFindAll(s, re))),
    ),
    split_pattern: declare(
      "split_pattern(s: String, pattern: String) -> [String]",
      "s split at every match of the regular expression.",
      'split_pattern("a1b22c", "[0-9]+")  // ["a", "b", "c"]',
      str2("split_pattern", (s, re) => strs(splitByRegex(s, re))),
    ),
    replace_pattern: declare(
      "replace_pattern(s: String, pattern: String, to: String) -> String",
      "Every match of the regular expression replaced ($1 refers to a group).",
      'replace_pattern("a1b2", "[0-9]", "#")  // "a#b#"',
      str3("replace_pattern", replaceByRegex),
    ),

    char_at: declare(
      "char_at(s: String, index: Int) -> String",
      "The character at a character index.",
      'char_at("héllo", 1)  // "é"',
      native2("char_at", (s, i) => {
        if (typeof s !== "string" || !isInt(i)) throw typeError("char_at() requires string and int");
        const c = i >= 0 ? codePointAtIndex(s, intArg(i)) : undefined;
        if (c === undefined) throw runtimeError(`Index ${i} out of bounds`);
        return c;
      }),
    ),

    substring: declare(
      "substring(s: String, start: Int, end: Int) -> String",
      "Characters from start up to (not including) end.",
      'substring("hello", 1, 3)  // "el"',
      native3("substring", (s, a, b) => {
        if (typeof s !== "string" || !isInt(a) || !isInt(b)) throw typeError("substring() requires string, int, int");
        const cs = codePointsOf(s);
        const n = cs === null ? s.length : cs.length;
        if (a < 0 || b < 0 || a > b || a > n || b > n) throw runtimeError("Invalid substring range");
        return cs === null ? s.slice(intArg(a), intArg(b)) : cs.slice(intArg(a), intArg(b)).join("");
      }),
    ),

    chars: declare(
      "chars(s: String) -> [String]",
      "The characters of s.",
      'chars("abc")  // ["a", "b", "c"]',
      str1("chars", (s) => strs(Array.from(s))),
    ),
    lines: declare(
      "lines(s: String) -> [String]",
      "s split into lines (\\n or \\r\\n).",
      'lines("a\\nb")  // ["a", "b"]',
      str1("lines", (s) => strs(lines(s))),
    ),
    words: declare(
      "words(s: String) -> [String]",
      "s split at runs of whitespace.",
      'words(" a  b ")  // ["a", "b"]',
      str1("words", (s) => strs(words(s))),
    ),

    truncate: declare(
      "truncate(s: String, max: Int, suffix: String) -> String",
      "s cut to at most max characters, ending with suffix when cut.",
      'truncate("hello world", 8, "...")  // "hello..."',
      native3("truncate", (s, max, suffix) => {
        if (typeof s !== "string" || !isInt(max) || typeof suffix !== "string") {
          throw typeError("truncate() requires string, int, string");
        }
        const cs = Array.from(s);
        if (max < 0 || cs.length <= max) return s;
        const keep = Math.max(0, intArg(max) - charLength(suffix));
        return cs.slice(0, keep).join("") + suffix;
      }),
    ),

    pad_left: declare(
      "pad_left(s: String, width: Int, pad: String) -> String",
      "s padded on the left to width characters.",
      'pad_left("7", 3, "0")  // "007"',
      native("pad_left", 3, (args) => {
        const { s, missing, pad } = padding(args, "pad_left");
        return pad.repeat(missing) + s;
      }),
    ),
    pad_right: declare(
      "pad_right(s: String, width: Int, pad: String) -> String",
      "s padded on the right to width characters.",
      'pad_right("ab", 4, ".")  // "ab.."',
      native("pad_right", 3, (args) => {
        const { s, missing, pad } = padding(args, "pad_right");
        return s + pad.repeat(missing);
      }),
    ),
    center: declare(
      "center(s: String, width: Int, pad: String) -> String",
      "s centred in width characters.",
      'center("ab", 6, "*")  // "**ab**"',
      native("center", 3, (args) => {
        const { s, missing, pad } = padding(args, "center");
        const left = Math.floor(missing / 2);
        return pad.repeat(left) + s + pad.repeat(missing - left);
      }),
    ),

    is_empty: declare(
      "is_empty(s: String) -> Bool",
      "True for the empty string.",
      'is_empty("")  // true',
      str1("is_empty", (s) => s === ""),
    ),
    is_blank: declare(
      "is_blank(s: String) -> Bool",
      "True when s is empty or only whitespace.",
      'is_blank("  ")  // true',
      str1("is_blank", (s) => trimLeft(s) === ""),
    ),
    is_numeric: declare(
      "is_numeric(s: String) -> Bool",
      "True when s is one or more ASCII digits.",
      'is_numeric("123")  // true',
      str1("is_numeric", (s) => /^[0-9]+$/.test(s)),
    ),
    is_alpha: declare(
      "is_alpha(s: String) -> Bool",
      "True when s is non-empty and all letters.",
      'is_alpha("abc")  // true',
      str1("is_alpha", (s) => s !== "" && Array.from(s).every((c) => ALPHA.test(c))),
    ),
    is_alphanumeric: declare(
      "is_alphanumeric(s: String) -> Bool",
      "True when s is non-empty and all letters or digits.",
      'is_alphanumeric("a1")  // true',
      str1("is_alphanumeric", (s) => s !== "" && Array.from(s).every((c) => ALNUM.test(c))),
    ),
    is_lowercase: declare(
      "is_lowercase(s: String) -> Bool",
      "True when s has letters and none is upper case.",
      'is_lowercase("abc")  // true',
      str1("is_lowercase", (s) => s !== "" && Array.from(s).every((c) => !ALPHA.test(c) || LOWER.test(c))),
    ),
    is_uppercase: declare(
      "is_uppercase(s: String) -> Bool",
      "True when s has letters and none is lower case.",
      'is_uppercase("ABC")  // true',
      str1("is_uppercase", (s) => s !== "" && Array.from(s).every((c) => !ALPHA.test(c) || UPPER.test(c))),
    ),
    is_whitespace: declare(
      "is_whitespace(s: String) -> Bool",
      "True when s is non-empty and all whitespace.",
      'is_whitespace(" \\t")  // true',
      str1("is_whitespace", (s) => s !== "" && Array.from(s).every((c) => WS.test(c))),
    ),
    matches: declare(
      "matches(s: String, glob: String) -> Bool",
      "True when s matches a glob pattern (* and ?).",
      'matches("report.pdf", "*.pdf")  // true',
      str2("matches", globMatch),
    ),
  },
  "Splitting, joining, trimming, case conversion, search and replace, regexes, padding, predicates",
);
