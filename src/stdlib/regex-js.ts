/**
 * Rust's Unicode `\b`/`\B` for text with non-ASCII letters. RE2 (re2js) only knows ASCII word
 * boundaries, so a pattern that uses them is run on a JS RegExp instead: the RE2 source that
 * regex-syntax.ts produced is rewritten into JS syntax with the same meaning (`.` stops only at
 * `\n`, `^`/`$` in multi-line mode only at `\n`, `\b` as look-arounds on Rust's word set), and
 * the capture groups keep their numbers. Patterns using syntax this rewrite does not cover
 * (inline flags past the start, `m`/`s`/`U` in a scoped group, ASCII-mode groups) get `null`.
 * The same JS spelling of RE2 classes also spells out negated classes holding complements.
 */

import { UNICODE_WORD } from "./regex-unicode-classes";

/** A JS rendering of a compiled pattern, or null when it cannot be rendered faithfully. */
export function re2ToJs(re2: string): RegExp | null {
  try {
    const r = new Rewriter(re2);
    return r.run() ? new RegExp(r.out, `gu${r.flags}`) : null;
  } catch {
    return null;
  }
}

/** POSIX classes inside `[...]` (ASCII-only in RE2). */
const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** Characters JS allows after `\` in Unicode mode (outside a class; `-` is also allowed inside one). */
const JS_SYNTAX = "^$\\.*+?()[]{}|/";

/** Length of the escape at `at` in `s` (`\x{…}`, `\p{…}`, `\xHH`, `\pL`, or `\` and one character). */
function escapeLength(s: string, at: number): number {
  const n = s[at + 1];
  if ((n === "x" || n === "p" || n === "P") && s[at + 2] === "{") return s.indexOf("}", at) - at + 1;
  if (n === "x") return 4;
  if (n === "p" || n === "P") return 3;
  return (s.codePointAt(at + 1) ?? 0) > 0xffff ? 3 : 2;
}

/** One RE2 escape in JS syntax, or null when it has no faithful JS spelling here. */
function escapeText(text: string, inClass: boolean): string | null {
  const n = text[1]!;
  if (n === "x") return text[2] === "{" ? `\\u{${text.slice(3, -1)}}` : text;
  if (n === "p" || n === "P") {
    // RE2 knows general categories (one or two letters) and scripts; JS wants `Script=` for the latter.
    const name = text[2] === "{" ? text.slice(3, -1) : text[2]!;
    return `\\${n}{${name.length <= 2 || name === "Any" ? name : `Script=${name}`}}`;
  }
  if ("fnrtv".includes(n)) return text;
  if (n === "a") return "\\x07";
  if (/[0-9A-Za-z]/.test(n)) return null;
  if (JS_SYNTAX.includes(n) || (inClass && n === "-")) return text;
  return `\\u{${text.codePointAt(1)!.toString(16)}}`;
}

/** The inside of a class (between `[` and `]`) in JS syntax; throws on what has none. */
function classBody(body: string): string {
  let out = "";
  for (let j = 0; j < body.length; ) {
    if (body[j] === "\\") {
      const len = escapeLength(body, j);
      const js = escapeText(body.slice(j, j + len), true);
      if (js === null) throw new Error("escape without a JS spelling");
      out += js;
      j += len;
    } else if (body.startsWith("[:", j)) {
      const close = body.indexOf(":]", j);
      const ranges = POSIX[body.slice(j + 2, close)];
      if (ranges === undefined) throw new Error("POSIX class without a JS spelling");
      out += ranges;
      j = close + 2;
    } else {
      const ch = String.fromCodePoint(body.codePointAt(j)!);
      out += ch === "[" ? "\\[" : ch;
      j += ch.length;
    }
  }
  return out;
}

/** Rust's Unicode word set as a JS class, for the `\b` look-arounds. */
const WORD = `[${classBody(UNICODE_WORD)}]`;

/** A Rust class as regex-syntax.ts parses it: unions joined left to right by set operators. */
export interface ClassSet {
  negated: boolean;
  unions: ClassUnion[];
  /** `ops[i]` joins `unions[i]` (with everything before it) and `unions[i + 1]`. */
  ops: ("&&" | "--" | "~~")[];
}

/** Items RE2 can hold (`body`), sets whose complement is included (`\W`), nested classes. */
export interface ClassUnion {
  body: string;
  complements: string[];
  nested: ClassSet[];
}

const spelledOut = new Map<string, string>();

/**
 * A class RE2 cannot spell (nested classes, set operations, a negated class holding `\W`) as
 * explicit RE2 ranges. Computed once per class by testing every code point (a fraction of a
 * second), then cached.
 */
export function classSetRanges(cls: ClassSet): string {
  const key = JSON.stringify(cls);
  let ranges = spelledOut.get(key);
  if (ranges !== undefined) return ranges;
  const member = predicate(cls);
  ranges = "";
  let start = -1;
  for (let cp = 0; cp <= 0x110000; cp++) {
    const inSet = cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) && member(String.fromCodePoint(cp));
    if (inSet && start < 0) start = cp;
    else if (!inSet && start >= 0) {
      ranges += start === cp - 1 ? hexCode(start) : `${hexCode(start)}-${hexCode(cp - 1)}`;
      start = -1;
    }
  }
  // An empty set: a class nothing matches.
  if (ranges === "") ranges = "^\\x{0}-\\x{10FFFF}";
  if (spelledOut.size >= 64) spelledOut.clear();
  spelledOut.set(key, ranges);
  return ranges;
}

/** Membership in a class: its unions combined left to right, then its negation. */
function predicate(cls: ClassSet): (ch: string) => boolean {
  const parts = cls.unions.map(unionPredicate);
  return (ch) => {
    let inSet = parts[0]!(ch);
    cls.ops.forEach((op, i) => {
      const next = parts[i + 1]!(ch);
      inSet = op === "&&" ? inSet && next : op === "--" ? inSet && !next : inSet !== next;
    });
    return cls.negated ? !inSet : inSet;
  };
}

function unionPredicate(u: ClassUnion): (ch: string) => boolean {
  // A `^` first in a union is a literal, not a negation.
  const js = (body: string) => new RegExp(`[${classBody(body).replace(/^\^/, "\\^")}]`, "u");
  const body = u.body === "" ? null : js(u.body);
  const complements = u.complements.map(js);
  const nested = u.nested.map(predicate);
  return (ch) => (body !== null && body.test(ch)) || complements.some((c) => !c.test(ch)) || nested.some((n) => n(ch));
}

const hexCode = (cp: number) => `\\x{${cp.toString(16).toUpperCase()}}`;

class Rewriter {
  out = "";
  flags = "";
  private i = 0;
  private multiLine = false;
  private dotAll = false;

  constructor(private readonly p: string) {}

  /** Rewrite the whole pattern; false when it uses syntax outside this rewrite. */
  run(): boolean {
    const p = this.p;
    // Flags for the whole pattern: `i` stays a flag, `m` and `s` are spelled out below.
    const lead = /^\(\?([ims]+)\)/.exec(p);
    if (lead) {
      if (lead[1]!.includes("i")) this.flags = "i";
      this.multiLine = lead[1]!.includes("m");
      this.dotAll = lead[1]!.includes("s");
      this.i = lead[0].length;
    }
    while (this.i < p.length) {
      const c = p[this.i]!;
      if (c === "\\") {
        if (!this.escape()) return false;
      } else if (c === "[") {
        const end = this.classEnd(this.i);
        this.out += `[${classBody(p.slice(this.i + 1, end))}]`;
        this.i = end + 1;
      } else if (c === "(" && p[this.i + 1] === "?") {
        if (!this.groupOpen()) return false;
      } else {
        if (c === ".") this.out += this.dotAll ? "[\\s\\S]" : "[^\\n]";
        else if (c === "^") this.out += this.multiLine ? "(?<![^\\n])" : "^";
        else if (c === "$") this.out += this.multiLine ? "(?![^\\n])" : "$";
        else this.out += c;
        this.i++;
      }
    }
    return true;
  }

  /** `(?P<n>`, `(?<n>`, `(?:`, `(?i:`, `(?-i:` pass; other flag groups are not rewritten. */
  private groupOpen(): boolean {
    const rest = this.p.slice(this.i);
    const named = /^\(\?P?<(\w+)>/.exec(rest);
    const plain = /^\(\?-?i?:/.exec(rest);
    if (named) this.out += `(?<${named[1]}>`;
    else if (plain) this.out += plain[0];
    else return false;
    this.i += (named ?? plain)![0].length;
    return true;
  }

  /** An escape outside a class; false for the ones not rewritten (octal, unknown letters). */
  private escape(): boolean {
    const p = this.p;
    const n = p[this.i + 1]!;
    const len = escapeLength(p, this.i);
    let js: string | null;
    if (n === "b") js = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
    else if (n === "B") js = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
    else if (n === "z") js = "(?![\\s\\S])";
    else if (n === "A") js = "(?<![\\s\\S])";
    else js = escapeText(p.slice(this.i, this.i + len), false);
    if (js === null) return false;
    this.out += js;
    this.i += len;
    return true;
  }

  /** Index of the `]` closing the class opened at `open`. */
  private classEnd(open: number): number {
    const p = this.p;
    let j = open + 1;
    if (p[j] === "^") j++;
    if (p[j] === "]") j++;
    while (j < p.length && p[j] !== "]") {
      if (p[j] === "\\") j += escapeLength(p, j);
      else if (p.startsWith("[:", j)) j = p.indexOf(":]", j) + 2;
      else j++;
    }
    if (j >= p.length) throw new Error("unclosed class");
    return j;
  }
}
