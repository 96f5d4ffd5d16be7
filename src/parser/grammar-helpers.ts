/**
 * The typed half of the grammar (grammar.pegjs, src/parser/grammar/*.pegjs): character scanning for the hot
 * rules, the binary-operator tree, literals, string interpolation and the node builders whose
 * actions are more than one object. The grammar's initializer keeps only the glue that needs
 * peggy's own variables (its position and rule functions), handed over as a ParserCursor.
 */

import type { BinaryOp, Expr, FnDecl, ImplDecl, LiteralValue, Loc, Param, Stmt, TemplatePart, TypeAnn } from "../ast/nodes";
import { LineIndex } from "./line-index";
import { KEYWORDS, checkSource } from "./tokens";

/** Callbacks from src/parser/index.ts, passed to the generated parse() as options. */
export interface GrammarOptions {
  /** Where the parsed text starts in its file (1-based; sub-parses start mid-line). */
  baseLine: number;
  baseCol: number;
  /** Parse the raw text of a `{…}` interpolation that starts at `at`, in a string literal at `lit`, separately. */
  subParse: (raw: string, lit: Loc, at: Loc) => Expr;
  /** Build a `"""…"""` template body; `inline` parses a tag expression in place, or returns null. */
  template: (body: string, lit: Loc, inline: (from: number, to: number) => Expr | null) => TemplatePart[];
}

/** What the helpers use of the running peggy parser: its position and two of its rules. */
export interface ParserCursor {
  /** The current input offset (peggy's peg$currPos). */
  pos: number;
  /** Start of the match whose action runs (peggy's peg$savedPos). */
  savedPos: number;
  /** Rule Unary at `pos`; null when it does not match. */
  unary(): Expr | null;
  /** Blanks, then rule Assign (one expression) at `pos`; null when it does not match. */
  expression(): Expr | null;
}

/** Thrown by grammar actions; src/parser/index.ts turns it into an NtntError. */
export class ParseFail extends Error {
  constructor(
    /** "expr": "Expected expression", its message built from the token at `offset`. */
    readonly kind: "parse" | "lex" | "expr",
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- scanning

/** Offset of the first non-blank, non-comment character at or after i. */
export function skipBlank(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) i++;
    else if (c === 47 && s.charCodeAt(i + 1) === 47) {
      const e = s.indexOf("\n", i);
      i = e < 0 ? s.length : e;
    } else if (c === 47 && s.charCodeAt(i + 1) === 42) {
      const e = s.indexOf("*/", i + 2);
      if (e < 0) return i;
      i = e + 2;
    } else return i;
  }
}

const IDENT_CONT_U = /^[\p{Alphabetic}\p{N}]/u;

/**
 * End of the name (IdentName: `[a-zA-Z_@]` then ASCII letters, digits, `_` or Unicode letter or
 * number code points) that starts at offset i, or -1 when no name starts there.
 */
export function identEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64)) return -1;
  for (i++; ; ) {
    const d = s.charCodeAt(i);
    if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95) i++;
    else if (d > 127) {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      if (!IDENT_CONT_U.test(ch)) return i;
      i += ch.length;
    } else return i;
  }
}

/** True for reserved words, which are never identifiers. */
export const isKeyword = (name: string): boolean => KEYWORDS.has(name);

type Operator = BinaryOp | "&&" | "||" | "??" | "|>" | ".." | "..=";

// Binary operator precedences, loosest first; all left-associative except ranges (at most one
// `..`/`..=` per operand of a comparison). `??`, `||`, `&&` make Logical nodes, `|>` calls.
const PIPE_PREC = 1;
const LOGICAL_PREC = 4;
const RANGE_PREC = 7;
const BINARY_PREC: Record<Operator, number> = {
  "|>": 1,
  "??": 2,
  "||": 3,
  "&&": 4,
  "==": 5,
  "!=": 5,
  "<=": 6,
  ">=": 6,
  "<": 6,
  ">": 6,
  "..=": 7,
  "..": 7,
  "+": 8,
  "-": 8,
  "*": 9,
  "/": 9,
  "%": 9,
};

/** The binary operator at offset i of s, or null (`+=`, `->`, `=>`, `.`, … are not binary operators). */
function binaryOp(s: string, i: number): Operator | null {
  const d = s.charCodeAt(i + 1);
  switch (s.charCodeAt(i)) {
    case 43: // + (not +=)
      return d === 61 ? null : "+";
    case 45: // - (not -= ->)
      return d === 61 || d === 62 ? null : "-";
    case 42: // * (not *=)
      return d === 61 ? null : "*";
    case 47: // / (not /=)
      return d === 61 ? null : "/";
    case 37:
      return "%";
    case 60:
      return d === 61 ? "<=" : "<";
    case 62:
      return d === 61 ? ">=" : ">";
    case 61:
      return d === 61 ? "==" : null;
    case 33:
      return d === 61 ? "!=" : null;
    case 38:
      return d === 38 ? "&&" : null;
    case 124:
      return d === 124 ? "||" : d === 62 ? "|>" : null;
    case 63:
      return d === 63 ? "??" : null;
    case 46:
      return d !== 46 ? null : s.charCodeAt(i + 2) === 61 ? "..=" : "..";
    default:
      return null;
  }
}

// ---------------------------------------------------------------- literals and node builders

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r" };

/** The character an escape `\c` in a quoted string stands for. */
export const unescapeChar = (c: string): string => ESCAPES[c] ?? c;

const I64_MAX = 9223372036854775807n;

/** Value of an Int literal at `offset` (`_` separators, 0x/0b prefixes); out of i64 range is a lexer error. */
export function intLiteral(text: string, offset: number): LiteralValue {
  const clean = text.replace(/_/g, "").toLowerCase();
  const radix = clean.startsWith("0x") || clean.startsWith("0b");
  const big = radix && clean.length === 2 ? null : BigInt(clean);
  if (big === null || big > I64_MAX) throw new ParseFail("lex", "Integer literal out of range", offset);
  return { kind: "int", value: big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big };
}

/** Value of a Float literal (`_` separators allowed). */
export function floatLiteral(text: string): LiteralValue {
  const v = Number(text.replace(/_/g, ""));
  return { kind: "float", value: Number.isNaN(v) ? 0 : v };
}

/** Prefix operators read left to right (with their positions) applied to `operand`, innermost last. */
export function prefixed(ops: ["-" | "!", Loc][], operand: Expr): Expr {
  let acc = operand;
  for (let i = ops.length - 1; i >= 0; i--) acc = { type: "Unary", op: ops[i]![0], operand: acc, loc: ops[i]![1] };
  return acc;
}

/** One postfix operation after a primary: a call, a field or method, an index. */
export type PostOp = { k: "call"; args: Expr[] } | { k: "member"; name: string; args: Expr[] | null } | { k: "index"; index: Expr };

/** `head` (a struct literal when `fields` is given), then its postfix operations left to right. */
export function postfixed(head: Expr, fields: { name: string; value: Expr }[] | null, ops: PostOp[]): Expr {
  let acc: Expr = fields === null ? head : { type: "StructLit", name: (head as { name: string }).name, fields, loc: head.loc };
  for (const op of ops) {
    if (op.k === "call") acc = { type: "Call", callee: acc, args: op.args, loc: acc.loc };
    else if (op.k === "index") acc = { type: "Index", object: acc, index: op.index, loc: acc.loc };
    else if (op.args === null) acc = { type: "Field", object: acc, name: op.name, loc: acc.loc };
    else acc = { type: "MethodCall", object: acc, method: op.name, args: op.args, loc: acc.loc };
  }
  return acc;
}

/** A `requires`/`ensures` clause: its kind, its expression and its source text. */
export type ContractClause = ["requires" | "ensures", Expr, string];

/** A function declaration (or a trait/impl method) with its contract clauses sorted by kind. */
export function fnDecl(
  name: string,
  params: Param[],
  returnType: TypeAnn | null,
  contract: ContractClause[],
  body: Stmt[],
  loc: Loc,
  typeParams: string[] | null,
): FnDecl {
  const requires: Expr[] = [];
  const ensures: Expr[] = [];
  const requiresText: string[] = [];
  const ensuresText: string[] = [];
  for (const [kind, e, text] of contract) {
    if (kind === "requires") {
      requires.push(e);
      requiresText.push(text);
    } else {
      ensures.push(e);
      ensuresText.push(text);
    }
  }
  return { type: "FnDecl", name, params, returnType, requires, ensures, body, requiresText, ensuresText, typeParams: typeParams ?? [], loc };
}

/** An item of an impl body: a method, an invariant, or null for a stray `;`. */
export type ImplItem = FnDecl | { type: "invariant"; expr: Expr; text: string } | null;

/** `impl A { … }` or `impl T for A { … }` (`forType` is A in the second form). */
export function implDecl(name: string, forType: string | null, items: ImplItem[], loc: Loc): ImplDecl {
  const methods: FnDecl[] = [];
  const invariants: Expr[] = [];
  const invariantsText: string[] = [];
  for (const i of items) {
    if (i === null) continue;
    if (i.type === "FnDecl") methods.push(i);
    else {
      invariants.push(i.expr);
      invariantsText.push(i.text);
    }
  }
  return { type: "ImplDecl", typeName: forType ?? name, traitName: forType === null ? null : name, methods, invariants, invariantsText, loc };
}

/** A run of a quoted string: literal text, or the raw text of a `{…}` interpolation at input offset `at`. */
export type StringPart = string | { text: string; loc: Loc; at: number };

// ---------------------------------------------------------------- state of one parse

/**
 * State of one parse: node positions, the context flags of spec §2.3 (no struct literals in
 * if/while/for/match heads; nested maps inside map literals), binary expressions and strings.
 */
export class GrammarState {
  /** `IDENT {` is not a struct literal here (an if/while/for/match head or a contract clause). */
  noStruct = false;
  /** `{ k: v }` is a nested map here, not a block. */
  inMap = false;
  /** Flags saved by push() around bracketed sub-expressions. */
  private readonly saved: boolean[] = [];
  private readonly lines: LineIndex;
  private readonly baseLine: number;
  private readonly baseCol: number;

  constructor(
    private readonly input: string,
    private readonly options: GrammarOptions,
    private readonly cursor: ParserCursor,
  ) {
    this.baseLine = options.baseLine - 1;
    this.baseCol = options.baseCol - 1;
    this.lines = new LineIndex(input);
  }

  /** Position of input offset `at` (a binary search: cheaper than peggy's location()). */
  loc(at: number): Loc {
    const line = this.lines.lineOf(at);
    const col = at - this.lines.startOf(line) + 1;
    return line === 0 ? { line: 1 + this.baseLine, col: col + this.baseCol } : { line: line + 1 + this.baseLine, col };
  }

  /** Set the context flags for a bracketed sub-expression (pop() restores them); true, for use in `&{…}`. */
  push(noStruct: boolean, inMap: boolean): true {
    this.saved.push(this.noStruct, this.inMap);
    this.noStruct = noStruct;
    this.inMap = inMap;
    return true;
  }

  /** Restore the context flags saved by the matching push(). */
  pop(): true {
    this.inMap = this.saved.pop()!;
    this.noStruct = this.saved.pop()!;
    return true;
  }

  /**
   * Rule Binary after its first operand: (operator Unary)* read in one loop, the tree built by
   * precedence. Same trees as one rule per precedence level would give, at a fraction of the
   * rule calls. Leaves the cursor after the last operand.
   */
  binary(head: Expr): Expr {
    const { input, cursor } = this;
    const operands = [head];
    const ops: Operator[] = [];
    const ats: number[] = [];
    let rangeOpen = false; // a range operand is being read: `a..b..c` stops before the second `..`
    for (;;) {
      const save = cursor.pos;
      const p = skipBlank(input, save);
      const op = binaryOp(input, p);
      if (op === null) break;
      const prec = BINARY_PREC[op];
      if (prec === RANGE_PREC) {
        if (rangeOpen) break;
        rangeOpen = true;
      } else if (prec < RANGE_PREC) rangeOpen = false;
      const at = skipBlank(input, p + op.length);
      cursor.pos = at;
      const operand = cursor.unary();
      if (operand === null) {
        cursor.pos = save;
        break;
      }
      operands.push(operand);
      ops.push(op);
      ats.push(at);
    }
    return ops.length === 0 ? head : climb(operands, ops, ats);
  }

  /** A quoted string: one Literal, or an Interp node whose `{…}` parts are parsed expressions. */
  string(parts: StringPart[], loc: Loc): Expr {
    const out: (string | Expr)[] = [];
    for (const p of parts) {
      if (typeof p === "string") {
        if (typeof out[out.length - 1] === "string") out[out.length - 1] += p;
        else out.push(p);
      } else {
        // Unescaping `\"` changes the text, so such interpolations take the separate parser.
        const inline = p.text.includes("\\") ? null : this.inlineExpr(p.at, p.at + p.text.length);
        out.push(inline ?? this.options.subParse(p.text, loc, p.loc));
      }
    }
    if (out.length === 0) return { type: "Literal", value: { kind: "string", value: "" }, loc };
    const [only] = out;
    if (out.length === 1 && typeof only === "string") return { type: "Literal", value: { kind: "string", value: only }, loc };
    return { type: "Interp", parts: out, loc };
  }

  /** The parts of a template whose body starts at input offset `bodyStart`. */
  template(body: string, loc: Loc, bodyStart: number): TemplatePart[] {
    return this.options.template(body, loc, (from, to) => this.inlineExpr(bodyStart + from, bodyStart + to));
  }

  /**
   * Parse one expression found between input offsets start..end (an interpolation or template
   * tag) with this parser instead of a fresh one: a fresh peggy parser costs ~100µs of set-up.
   * Returns null whenever the result could differ from the separate sub-parse (lexical problems,
   * any error, or an expression running past `end`); the caller then does the sub-parse.
   */
  private inlineExpr(start: number, end: number): Expr | null {
    if (!lexOk(this.input.slice(start, end))) return null;
    const { cursor } = this;
    const savedPos = cursor.pos;
    const savedSaved = cursor.savedPos;
    const depth = this.saved.length;
    const { noStruct, inMap } = this;
    this.noStruct = false;
    this.inMap = false;
    try {
      cursor.pos = start;
      const e = cursor.expression();
      return e !== null && cursor.pos <= end ? e : null;
    } catch (err) {
      if (err instanceof ParseFail) return null;
      throw err;
    } finally {
      cursor.pos = savedPos;
      cursor.savedPos = savedSaved;
      this.saved.length = depth;
      this.noStruct = noStruct;
      this.inMap = inMap;
    }
  }
}

/** True when `text` passes the lexical pre-pass (so that parsing it in place gives the same errors). */
function lexOk(text: string): boolean {
  try {
    checkSource(text);
    return true;
  } catch {
    return false;
  }
}

// Left-associative precedence climbing over the flat list (ranges never chain: see binary()).
// Pipes are checked left to right once the whole expression has been read.
function climb(operands: Expr[], ops: Operator[], ats: number[]): Expr {
  const vals = [operands[0]!];
  const pending: number[] = [];
  for (let k = 0; k < ops.length; k++) {
    const p = BINARY_PREC[ops[k]!];
    while (pending.length > 0 && BINARY_PREC[ops[pending[pending.length - 1]!]!] >= p) reduce(vals, pending.pop()!, ops, ats);
    pending.push(k);
    vals.push(operands[k + 1]!);
  }
  while (pending.length > 0) reduce(vals, pending.pop()!, ops, ats);
  return vals[0]!;
}

function reduce(vals: Expr[], k: number, ops: Operator[], ats: number[]): void {
  const right = vals.pop()!;
  const left = vals.pop()!;
  const op = ops[k]!;
  const prec = BINARY_PREC[op];
  let node: Expr;
  if (prec === PIPE_PREC) {
    if (right.type === "Ident") node = { type: "Call", callee: right, args: [left], loc: right.loc };
    else if (right.type === "Call") node = { type: "Call", callee: right.callee, args: [left, ...right.args], loc: right.loc };
    else throw new ParseFail("parse", "Expected function name or function call after |>", ats[k]!);
  } else if (prec === RANGE_PREC) node = { type: "Range", start: left, end: right, inclusive: op === "..=", loc: left.loc };
  else if (prec <= LOGICAL_PREC) node = { type: "Logical", op: op as "&&" | "||" | "??", left, right, loc: left.loc };
  else node = { type: "Binary", op: op as BinaryOp, left, right, loc: left.loc };
  vals.push(node);
}
