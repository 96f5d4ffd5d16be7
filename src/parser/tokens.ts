/**
 * Hand-written scanner for NTNT source (spec §1). The Peggy grammar parses characters directly;
 * this scanner exists for `ntnt lex`, for the lexical pre-pass of `parse()` (so lexer errors win
 * over parse errors, like a separate lexer would) and for naming the token at an error position.
 */

import { lexerError, parseError } from "../runtime/errors";
import { LineIndex } from "./line-index";

export interface Token {
  type: "int" | "float" | "string" | "raw_string" | "template" | "ident" | "keyword" | "op";
  text: string;
  line: number;
  col: number;
}

/** Reserved words (spec §1.4). */
export const KEYWORDS = new Set(
  (
    "let mut fn return if else while loop break continue match struct enum impl type mod use pub " +
    "import export from as trait for in defer where map contract requires ensures invariant effect " +
    "with pure try catch intent approve observe protocol async await true false"
  ).split(" "),
);

/** Maximum bracket nesting accepted before parsing (deeper input would exhaust the JS stack). */
export const MAX_NESTING = 1000;

// Longest first, so that `..=` wins over `..` and `.`.
const OPERATORS = [
  "..=",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "+=",
  "-=",
  "*=",
  "/=",
  "::",
  "->",
  "=>",
  "??",
  "|>",
  "..",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "!",
  "=",
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  ",",
  ".",
  ":",
  ";",
  "?",
  "#",
  "&",
  "|",
  "^",
];

/** Operators grouped by first character, longest first. */
const OPS_BY_CHAR = new Map<string, string[]>();
for (const op of OPERATORS) {
  const first = op[0]!;
  const list = OPS_BY_CHAR.get(first) ?? [];
  list.push(op);
  OPS_BY_CHAR.set(first, list);
}

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdentStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c === "@";
const IDENT_CONT = /[\p{Alphabetic}\p{N}_]/u;
const isIdentCont = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || isDigit(c) || c === "_" || (c > "\x7f" && IDENT_CONT.test(c));

/** Scanner state over one source text; positions are UTF-16 offsets, columns 1-based. */
class Scanner {
  pos = 0;
  line = 1;
  lineStart = 0;
  depth = 0;
  constructor(readonly src: string) {}

  private advanceTo(end: number) {
    const s = this.src;
    for (let i = this.pos; i < end; i++) {
      if (s.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = end;
  }

  /** Skip whitespace and comments; throws on an unterminated block comment. */
  skipTrivia() {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === " " || c === "\t" || c === "\r" || c === "\n") this.advanceTo(this.pos + 1);
      else if (c === "/" && s[this.pos + 1] === "/") {
        let e = s.indexOf("\n", this.pos);
        if (e < 0) e = s.length;
        this.advanceTo(e);
      } else if (c === "/" && s[this.pos + 1] === "*") {
        const e = s.indexOf("*/", this.pos + 2);
        if (e < 0) throw lexerError(this.line, this.pos - this.lineStart + 1, "Unterminated block comment");
        this.advanceTo(e + 2);
      } else return;
    }
  }

  /** Scan one token at the current position (trivia already skipped), or null at end of input. */
  next(): Token | null {
    const s = this.src;
    const start = this.pos;
    if (start >= s.length) return null;
    const line = this.line;
    const col = start - this.lineStart + 1;
    const c = s[start]!;
    const tok = (type: Token["type"], end: number): Token => {
      const text = s.slice(start, end);
      this.advanceTo(end);
      return { type, text, line, col };
    };
    const unterminated = (what: string): never => {
      throw lexerError(line, col, `Unterminated ${what}`);
    };

    if (c === '"' && s.startsWith('"""', start)) {
      const e = s.indexOf('"""', start + 3);
      if (e < 0) unterminated("template string");
      return tok("template", e + 3);
    }
    if (c === '"' || c === "'") return tok("string", scanQuoted(s, start) ?? unterminated("string"));
    if (c === "r" && (s[start + 1] === '"' || s[start + 1] === "#")) {
      let i = start + 1;
      while (s[i] === "#") i++;
      if (s[i] === '"') {
        const close = '"' + "#".repeat(i - start - 1);
        const e = s.indexOf(close, i + 1);
        if (e < 0) unterminated("raw string");
        return tok("raw_string", e + close.length);
      }
    }
    if (isDigit(c)) {
      const end = scanNumber(s, start);
      const text = s.slice(start, end.end);
      if (!end.float) intValue(text, line, col);
      return tok(end.float ? "float" : "int", end.end);
    }
    if (isIdentStart(c)) {
      let i = start + 1;
      while (i < s.length && isIdentCont(s[i]!)) i++;
      const t = tok("ident", i);
      if (KEYWORDS.has(t.text)) t.type = "keyword";
      return t;
    }
    for (const op of OPS_BY_CHAR.get(c) ?? []) {
      if (s.startsWith(op, start)) {
        if (op === "(" || op === "[" || op === "{") {
          if (++this.depth > MAX_NESTING) {
            throw parseError(line, col, `Nesting too deep (limit ${MAX_NESTING})`);
          }
        } else if (op === ")" || op === "]" || op === "}") this.depth = Math.max(0, this.depth - 1);
        return tok("op", start + op.length);
      }
    }
    const ch = String.fromCodePoint(s.codePointAt(start)!);
    throw lexerError(line, col, `Unexpected character '${ch}'`);
  }
}

/** End offset (after the closing quote) of the quoted string starting at `start`, or null if unterminated. */
function scanQuoted(s: string, start: number): number | null {
  const q = s[start];
  let i = start + 1;
  while (i < s.length) {
    const c = s[i];
    if (c === q) return i + 1;
    if (c === "\\") i += 2;
    else if (c === "{") {
      // Interpolation: raw text up to the matching brace; quotes are not special here.
      let depth = 1;
      i++;
      while (i < s.length && depth > 0) {
        if (s[i] === "{") {
          // Nested strings nest braces here: reject deep nesting before any sub-parse (each level
          // would re-read the text inside it, so the cost grows with the square of the depth).
          if (++depth > MAX_NESTING) throw errorAt(parseError, s, i, `Nesting too deep (limit ${MAX_NESTING})`);
        } else if (s[i] === "}") depth--;
        i++;
      }
      if (depth > 0) return null;
    } else i++;
  }
  return null;
}

/** Number literal extent (spec §1.5). */
function scanNumber(s: string, start: number): { end: number; float: boolean } {
  let i = start;
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X")) {
    i += 2;
    while (i < s.length && /[0-9a-fA-F_]/.test(s[i]!)) i++;
    return { end: i, float: false };
  }
  if (s[i] === "0" && (s[i + 1] === "b" || s[i + 1] === "B")) {
    i += 2;
    while (s[i] === "0" || s[i] === "1" || s[i] === "_") i++;
    return { end: i, float: false };
  }
  while (i < s.length && (isDigit(s[i]!) || s[i] === "_")) i++;
  let float = false;
  if (s[i] === "." && isDigit(s[i + 1] ?? "")) {
    float = true;
    i++;
    while (i < s.length && (isDigit(s[i]!) || s[i] === "_")) i++;
  }
  if (s[i] === "e" || s[i] === "E") {
    float = true;
    i++;
    if (s[i] === "+" || s[i] === "-") i++;
    while (i < s.length && isDigit(s[i]!)) i++;
  }
  return { end: i, float };
}

const I64_MAX = 9223372036854775807n;

/** Checks an Int literal (decimal, hex or binary, underscores ignored) fits i64; returns its value. */
function intValue(text: string, line: number, col: number): number | bigint {
  const clean = text.replace(/_/g, "");
  const lower = clean.toLowerCase();
  const body = lower.startsWith("0x") || lower.startsWith("0b") ? lower.slice(2) : lower;
  if (body === "") throw lexerError(line, col, "Integer literal out of range");
  const big = BigInt(lower.startsWith("0x") || lower.startsWith("0b") ? "0" + lower[1] + body : body);
  if (big > I64_MAX) throw lexerError(line, col, "Integer literal out of range");
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** A leading byte-order mark becomes a blank (editors add it; positions stay the same). */
export const withoutBom = (source: string) => (source.charCodeAt(0) === 0xfeff ? " " + source.slice(1) : source);

/** Split source text into tokens (for `ntnt lex`); throws E001 lexer errors. */
export function tokenize(source: string): Token[] {
  const sc = new Scanner(withoutBom(source));
  const out: Token[] = [];
  for (;;) {
    sc.skipTrivia();
    const t = sc.next();
    if (!t) return out;
    out.push(t);
  }
}

/**
 * Lexical pre-pass of parse(): reports lexer errors and excessive nesting before parsing. The
 * same checks, in the same order, as scanning every token with Scanner (see tokenize), without
 * building tokens: this runs on every parse, before the parser's own code is warm. Operators are
 * stepped over one character at a time (none of their later characters starts a comment, string,
 * number, word or bracket); positions are only computed for an error.
 */
export function checkSource(source: string): void {
  const s = source;
  const n = s.length;
  let i = 0;
  let depth = 0;
  let lines: LineIndex | undefined;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 47) {
      const d = s.charCodeAt(i + 1);
      if (d === 47) {
        const e = s.indexOf("\n", i);
        i = e < 0 ? n : e;
        continue;
      }
      if (d === 42) {
        const e = s.indexOf("*/", i + 2);
        if (e < 0) throw errorAt(lexerError, s, i, "Unterminated block comment");
        i = e + 2;
        continue;
      }
    }
    if (i >= n) return;
    const start = i;
    if (c === 34 && s.startsWith('"""', start)) {
      const e = s.indexOf('"""', start + 3);
      if (e < 0) throw errorAt(lexerError, s, start, "Unterminated template string");
      i = e + 3;
    } else if (c === 34 || c === 39) {
      const e = scanQuoted(s, start);
      if (e === null) throw errorAt(lexerError, s, start, "Unterminated string");
      i = e;
    } else if (c === 114 && rawStringEnd(s, start) !== -1) {
      const e = rawStringEnd(s, start);
      if (e === null) throw errorAt(lexerError, s, start, "Unterminated raw string");
      i = e;
    } else if (c >= 48 && c <= 57) {
      const end = scanNumber(s, start);
      if (!end.float && (end.end - start > 15 || !/^[0-9]+$/.test(s.slice(start, end.end)))) {
        // Positions are computed only here (checking the value needs them) and for errors.
        lines ??= new LineIndex(s);
        const at = lines.loc(start);
        intValue(s.slice(start, end.end), at.line, at.col);
      }
      i = end.end;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64) {
      i++;
      for (;;) {
        const d = s.charCodeAt(i);
        if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95) i++;
        else if (d > 127 && isIdentCont(s[i]!)) i++;
        else break;
      }
    } else if (OPS_BY_CHAR.has(s[start]!)) {
      if (c === 40 || c === 91 || c === 123) {
        if (++depth > MAX_NESTING) throw errorAt(parseError, s, start, `Nesting too deep (limit ${MAX_NESTING})`);
      } else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
      i++;
    } else {
      const ch = String.fromCodePoint(s.codePointAt(start)!);
      throw errorAt(lexerError, s, start, `Unexpected character '${ch}'`);
    }
  }
}

/** For `r` at start: -1 if no raw string starts there, null if it is unterminated, else its end. */
function rawStringEnd(s: string, start: number): number | null {
  if (s[start + 1] !== '"' && s[start + 1] !== "#") return -1;
  let i = start + 1;
  while (s[i] === "#") i++;
  if (s[i] !== '"') return -1;
  const close = '"' + "#".repeat(i - start - 1);
  const e = s.indexOf(close, i + 1);
  return e < 0 ? null : e + close.length;
}

function errorAt(make: typeof lexerError, s: string, offset: number, msg: string): Error {
  const at = new LineIndex(s).loc(offset);
  return make(at.line, at.col, msg);
}

/** Text of the token starting at `offset` (whitespace skipped), or null at end of input. */
export function tokenTextAt(source: string, offset: number): string | null {
  const sc = new Scanner(source);
  sc.pos = offset;
  try {
    sc.skipTrivia();
    return sc.next()?.text ?? null;
  } catch {
    return source[sc.pos] ?? null;
  }
}
