/**
 * Hand-written scanner for NTNT source (spec §1). The Peggy grammar parses characters directly;
 * this scanner exists for `ntnt lex`, for the lexical pre-pass of `parse()` (so lexer errors win
 * over parse errors, like a separate lexer would) and for naming the token at an error position.
 */

import { lexerError, parseError } from "../runtime/errors";

export interface Token {
  type: "int" | "float" | "string" | "raw_string" | "template" | "ident" | "keyword" | "op";
  text: string;
  line: number;
  col: number;
}

/** Reserved words (spec §1.4). */
export const KEYWORDS = new Set(
  ("let mut fn return if else while loop break continue match struct enum impl type mod use pub " +
    "import export from as trait for in defer where map contract requires ensures invariant effect " +
    "with pure try catch intent approve observe protocol async await true false").split(" "),
);

/** Maximum bracket nesting accepted before parsing (deeper input would exhaust the JS stack). */
export const MAX_NESTING = 1000;

// Longest first, so that `..=` wins over `..` and `.`.
const OPERATORS = [
  "..=", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "::", "->", "=>", "??", "|>", "..",
  "+", "-", "*", "/", "%", "<", ">", "!", "=", "(", ")", "{", "}", "[", "]", ",", ".", ":", ";", "?",
  "#", "&", "|", "^",
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
const isIdentCont = (c: string) =>
  (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || isDigit(c) || c === "_" || (c > "\x7f" && IDENT_CONT.test(c));

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
        if (s[i] === "{") depth++;
        else if (s[i] === "}") depth--;
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

/** Lexical pre-pass of parse(): reports lexer errors and excessive nesting before parsing. */
export function checkSource(source: string): void {
  const sc = new Scanner(source);
  sc.skipTrivia();
  while (sc.next()) sc.skipTrivia();
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
