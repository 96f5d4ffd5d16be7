/**
 * Rust `regex` crate patterns (stdlib.md §1.4) on re2js, a linear-time engine: no input can
 * stall the event loop, and there is no backtracking limit that could silently turn a match
 * into `false`. regex-syntax.ts rewrites the syntax; this file implements Rust's match
 * iteration (an empty match right after a match is skipped), split and `$name` expansion.
 */

import { type Matcher, RE2JS, RE2JSSyntaxException } from "re2js";
import { runtimeError } from "../runtime/errors";
import { translateRust } from "./regex-syntax";

interface Compiled {
  re: RE2JS;
  unicodeBoundary: boolean;
  names: Record<string, number>;
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
    c = { re, unicodeBoundary, names: re.namedGroups() as Record<string, number> };
  } catch (e) {
    throw runtimeError(`Invalid regex pattern: ${syntaxProblem(e)}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, c);
  return c;
}

/** A compiled pattern ready to run on `s` (RE2's `\b` is ASCII-only: refuse what it would get wrong). */
function compileFor(pattern: string, s: string): Compiled {
  const c = compile(pattern);
  if (c.unicodeBoundary && NON_ASCII_WORD.test(s)) {
    throw runtimeError("Regex word boundary \\b/\\B on text with non-ASCII letters is not supported (use (?-u:\\b) for an ASCII boundary)");
  }
  return c;
}

/** Unanchored search: does `pattern` match anywhere in `s`? */
export function regexTest(s: string, pattern: string): boolean {
  return compileFor(pattern, s).re.test(s);
}

/** The first match of `pattern` in `s`, or null. */
export function regexFind(s: string, pattern: string): string | null {
  const m = compileFor(pattern, s).re.matcher(s);
  return m.find() ? (m.group(0) as string) : null;
}

/** Rust `find_iter`: non-overlapping matches left to right; an empty match that starts where
 * the previous match ended is skipped (so `\d*` on `"a1"` gives `""`, `"1"`). */
function* eachMatch(s: string, m: Matcher): Generator<Matcher> {
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
  for (const m of eachMatch(s, compileFor(pattern, s).re.matcher(s))) out.push(m.group(0) as string);
  return out;
}

/** Rust `Regex::split`: pieces between matches; capture groups are not inserted. */
export function splitByRegex(s: string, pattern: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of eachMatch(s, compileFor(pattern, s).re.matcher(s))) {
    out.push(s.slice(last, m.start()));
    last = m.end();
  }
  out.push(s.slice(last));
  return out;
}

/** Rust `Regex::replace_all` with `$1`, `${1}`, `$name`, `${name}`, `$$` expansion. */
export function replaceByRegex(s: string, pattern: string, repl: string): string {
  const c = compileFor(pattern, s);
  let out = "";
  let last = 0;
  for (const m of eachMatch(s, c.re.matcher(s))) {
    out += s.slice(last, m.start()) + expand(repl, m, c.names);
    last = m.end();
  }
  return out + s.slice(last);
}

function expand(repl: string, m: Matcher, names: Record<string, number>): string {
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
