/**
 * Rust `regex` crate patterns on JS RegExp (stdlib.md §1.4): translate the syntax that
 * differs (`(?P<n>`, leading inline flags, Unicode-aware `\d \w \s`, `\A \z`, escaped
 * punctuation that the `u` flag rejects) and implement Rust's split and `$name` expansion.
 */

import { runtimeError } from "../runtime/errors";

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

const WORD = "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}";
/** JS syntax characters that may stay escaped under the `u` flag. */
const JS_SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));
const CLASS_ESCAPES: Record<string, string> = { d: "\\p{Nd}", s: "\\p{White_Space}", w: WORD };
const OUTER_ESCAPES: Record<string, string> = {
  d: "\\p{Nd}",
  D: "\\P{Nd}",
  s: "\\p{White_Space}",
  S: "\\P{White_Space}",
  w: `[${WORD}]`,
  W: `[^${WORD}]`,
  A: "(?<![\\s\\S])",
  z: "(?![\\s\\S])",
  // JS `\b` only knows ASCII word characters even with the `u` flag.
  b: `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`,
  B: `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`,
};
/** POSIX bracket classes (ASCII-only in Rust too). */
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
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** Translate a Rust regex pattern to JS source and flags. */
function translate(pattern: string): { source: string; flags: string } {
  let flags = "u";
  let p = pattern;
  // Inline flag groups such as `(?i)` / `(?ms)` apply to the whole pattern here.
  p = p.replace(/\(\?([imsx]+)\)/g, (_, f: string) => {
    for (const c of f) if (c !== "x" && !flags.includes(c)) flags += c;
    if (f.includes("x")) flags += "x";
    return "";
  });
  const verbose = flags.includes("x");
  flags = flags.replace("x", "");
  let out = "";
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\" && i + 1 < p.length) {
      const n = p[++i]!;
      const table = inClass ? CLASS_ESCAPES : OUTER_ESCAPES;
      if (table[n] !== undefined) out += table[n];
      else if ((n === "p" || n === "P") && p[i + 1] !== "{" && i + 1 < p.length) out += `\\${n}{${p[++i]}}`;
      else if (n === "x" && p[i + 1] === "{") {
        const close = p.indexOf("}", i);
        out += "\\u" + p.slice(i + 1, close + 1);
        i = close;
      }
      else if (/[A-Za-z0-9]/.test(n) || JS_SYNTAX.has(n) || (inClass && n === "-")) out += "\\" + n;
      else out += n; // Rust allows escaping any punctuation; the `u` flag does not
      continue;
    }
    if (verbose && !inClass) {
      if (/\s/.test(c)) continue;
      if (c === "#") {
        while (i < p.length && p[i] !== "\n") i++;
        continue;
      }
    }
    if (inClass) {
      const posix = c === "[" && /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i));
      if (posix && POSIX[posix[2]!]) {
        // A negated POSIX class cannot be inlined into a JS class; keep the positive set.
        out += POSIX[posix[2]!];
        i += posix[0].length - 1;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (p[i + 1] === "^") out += p[++i];
      if (p[i + 1] === "]") out += "\\" + p[++i]; // a leading `]` is literal in Rust
      continue;
    }
    if (c === "(" && p.startsWith("?P<", i + 1)) {
      out += "(?<";
      i += 3;
      continue;
    }
    out += c;
  }
  return { source: out, flags };
}

/** Compile (cached) a Rust-syntax pattern; invalid → `Runtime error: Invalid regex pattern: …`. */
export function compileRegex(pattern: string, global: boolean): RegExp {
  const key = (global ? "g" : "-") + pattern;
  let re = cache.get(key);
  if (!re) {
    const { source, flags } = translate(pattern);
    try {
      re = new RegExp(source, global ? flags + "g" : flags);
    } catch (e) {
      throw runtimeError(`Invalid regex pattern: ${(e as Error).message}`);
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/** All non-overlapping matches, left to right (empty matches included). */
export function allMatches(s: string, pattern: string): RegExpExecArray[] {
  const re = compileRegex(pattern, true);
  return [...s.matchAll(re)] as RegExpExecArray[];
}

/** Rust `Regex::split`: pieces between matches; capture groups are not inserted. */
export function splitByRegex(s: string, pattern: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of allMatches(s, pattern)) {
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** Rust `Regex::replace_all` with `$1`, `${1}`, `$name`, `${name}`, `$$` expansion. */
export function replaceByRegex(s: string, pattern: string, repl: string): string {
  const re = compileRegex(pattern, true);
  return s.replace(re, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const groups = (typeof last === "object" && last !== null ? last : {}) as Record<string, string | undefined>;
    const idxPos = args.findIndex((a) => typeof a === "number");
    const numbered = args.slice(0, idxPos) as (string | undefined)[];
    return expand(repl, numbered, groups);
  });
}

function expand(repl: string, numbered: (string | undefined)[], groups: Record<string, string | undefined>): string {
  let out = "";
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c !== "$") {
      out += c;
      continue;
    }
    if (repl[i + 1] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | null = null;
    if (repl[i + 1] === "{") {
      const close = repl.indexOf("}", i + 2);
      if (close > i + 2) {
        name = repl.slice(i + 2, close);
        i = close;
      }
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(repl.slice(i + 1));
      if (m) {
        name = m[0];
        i += m[0].length;
      }
    }
    if (name === null) {
      out += "$";
      continue;
    }
    out += (/^\d+$/.test(name) ? numbered[Number(name)] : groups[name]) ?? "";
  }
  return out;
}
