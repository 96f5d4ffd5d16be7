/**
 * Rust `regex` crate patterns (stdlib.md §1.4) on re2js, a linear-time engine: no input can
 * stall the event loop, and there is no backtracking limit that could silently turn a match
 * into `false`. regex-syntax.ts rewrites the syntax; this file implements Rust's match
 * iteration (an empty match right after a match is skipped), split and `$name` expansion.
 */

import { RE2JS, RE2JSSyntaxException } from "re2js";
import { runtimeError } from "../runtime/errors";
import { re2ToJs } from "./regex-js";
import { translateRust } from "./regex-syntax";

/** What the match loops read of a match: re2js's Matcher, or JsMatcher for Unicode `\b`. */
interface Match {
  find(from: number): boolean;
  start(): number;
  end(): number;
  group(i: number): string | null;
  groupCount(): number;
}

interface Compiled {
  re: RE2JS;
  source: string;
  unicodeBoundary: boolean;
  /** The JS rendering for text that needs Unicode word boundaries (undefined: not built yet). */
  js?: RegExp | null;
  names: Record<string, number>;
}

/** A global JS RegExp behind the Matcher calls the match loops make. */
class JsMatcher implements Match {
  private m: RegExpExecArray | null = null;

  constructor(
    private readonly re: RegExp,
    private readonly s: string,
  ) {}

  find(from = 0): boolean {
    this.re.lastIndex = from;
    this.m = this.re.exec(this.s);
    return this.m !== null;
  }

  start(): number {
    return this.m!.index;
  }

  end(): number {
    return this.m!.index + this.m![0].length;
  }

  group(i: number): string | null {
    return this.m![i] ?? null;
  }

  groupCount(): number {
    return this.m!.length - 1;
  }
}

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 256;

/** A non-ASCII character that Rust's Unicode `\w` (and so `\b`) counts as a word character. */
const NON_ASCII_WORD = /(?![\x00-\x7F])[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;

/** What is wrong with a pattern: RE2JS's own description (without its `error parsing regexp:` label) or our translator's. */
function syntaxProblem(e: unknown): string {
  if (e instanceof RE2JSSyntaxException) return e.input ? `${e.error}: \`${e.input}\`` : e.error;
  return e instanceof Error ? e.message : String(e);
}

/** Compile (cached) a Rust-syntax pattern; invalid → `Runtime error: Invalid regex pattern: …`. */
function compile(pattern: string): Compiled {
  let c = cache.get(pattern);
  if (c) return c;
  try {
    const { source, unicodeBoundary } = translateRust(pattern);
    const re = RE2JS.compile(source);
    c = { re, source, unicodeBoundary, names: re.namedGroups() as Record<string, number> };
  } catch (e) {
    throw runtimeError(`Invalid regex pattern: ${syntaxProblem(e)}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, c);
  return c;
}

/**
 * A matcher for `pattern` over `s`. RE2's `\b` is ASCII-only: on text with non-ASCII word
 * characters a pattern with a Unicode `\b` runs on its JS rendering instead (regex-js.ts).
 */
function matcherFor(pattern: string, s: string): { m: Match; names: Record<string, number> } {
  const c = compile(pattern);
  if (c.unicodeBoundary && NON_ASCII_WORD.test(s)) {
    // `(?-u)` groups would need RE2's ASCII `\b` next to the Unicode one: not rendered.
    if (c.js === undefined) c.js = ASCII_MODE.test(pattern) ? null : re2ToJs(c.source);
    if (c.js === null) {
      throw runtimeError("Regex word boundary \\b/\\B on text with non-ASCII letters is not supported (use (?-u:\\b) for an ASCII boundary)");
    }
    return { m: new JsMatcher(c.js, s), names: c.names };
  }
  return { m: c.re.matcher(s), names: c.names };
}

/** A group that turns Rust's `u` flag on or off. */
const ASCII_MODE = /\(\?[a-zA-Z-]*u/;

/** Unanchored search: does `pattern` match anywhere in `s`? */
export function regexTest(s: string, pattern: string): boolean {
  const c = compile(pattern);
  return c.unicodeBoundary && NON_ASCII_WORD.test(s) ? matcherFor(pattern, s).m.find(0) : c.re.test(s);
}

/** The first match of `pattern` in `s`, or null. */
export function regexFind(s: string, pattern: string): string | null {
  const { m } = matcherFor(pattern, s);
  return m.find(0) ? (m.group(0) as string) : null;
}

/** Rust `find_iter`: non-overlapping matches left to right; an empty match that starts where
 * the previous match ended is skipped (so `\d*` on `"a1"` gives `""`, `"1"`). */
function* eachMatch(s: string, m: Match): Generator<Match> {
  let from = 0;
  let lastEnd = -1;
  while (from <= s.length && m.find(from)) {
    const start = m.start();
    const end = m.end();
    if (start === end && end === lastEnd) {
      const cp = s.codePointAt(end);
      from = end + (cp !== undefined && cp > 0xffff ? 2 : 1);
      continue;
    }
    yield m;
    lastEnd = end;
    from = end;
  }
}

/** All non-overlapping matches, left to right (empty matches included). */
export function regexFindAll(s: string, pattern: string): string[] {
  const out: string[] = [];
  for (const m of eachMatch(s, matcherFor(pattern, s).m)) out.push(m.group(0) as string);
  return out;
}

/** Rust `Regex::split`: pieces between matches; capture groups are not inserted. */
export function splitByRegex(s: string, pattern: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of eachMatch(s, matcherFor(pattern, s).m)) {
    out.push(s.slice(last, m.start()));
    last = m.end();
  }
  out.push(s.slice(last));
  return out;
}

/** Rust `Regex::replace_all` with `$1`, `${1}`, `$name`, `${name}`, `$$` expansion. */
export function replaceByRegex(s: string, pattern: string, repl: string): string {
  const { m: matcher, names } = matcherFor(pattern, s);
  let out = "";
  let last = 0;
  for (const m of eachMatch(s, matcher)) {
    out += s.slice(last, m.start()) + expand(repl, m, names);
    last = m.end();
  }
  return out + s.slice(last);
}

function expand(repl: string, m: Match, names: Record<string, number>): string {
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
      const word = /^[A-Za-z0-9_]+/.exec(repl.slice(i + 1));
      if (word) {
        name = word[0];
        i += word[0].length;
      }
    }
    if (name === null) {
      out += "$";
      continue;
    }
    const index = /^\d+$/.test(name) ? Number(name) : names[name];
    out += index !== undefined && index <= m.groupCount() ? (m.group(index) ?? "") : "";
  }
  return out;
}
