/**
 * Parser entry points: run the generated Peggy parser (grammar.pegjs, src/parser/grammar/) and turn its failures into
 * NtntError values with the reference's message texts (spec §2.7) and 1-based positions.
 */

import type { Expr, Loc, Program, TemplatePart } from "../ast/nodes";
import { NtntError, engineLimitOf, lexerError, parseError } from "../runtime/errors";
import { type GrammarOptions, ParseFail, skipBlank } from "./grammar-helpers";
import { LineIndex } from "./line-index";
import { generated } from "./load-generated";
import { buildTemplate } from "./template-parser";
import { MAX_NESTING, checkSource, tokenTextAt, withoutBom } from "./tokens";

/** A positioned parse/lex failure that has not been turned into an NtntError yet. */
export class Failure {
  constructor(
    readonly code: "E001" | "E002",
    readonly msg: string,
    readonly line: number,
    readonly col: number,
  ) {}
}

interface Ctx {
  source: string;
  base: Loc;
}

/** Deepest AST node nesting accepted: later passes walk the tree recursively. */
export const MAX_AST_DEPTH = 2500;

/** Parse a whole program. Throws NtntError (E001 lexer / E002 parser) with `.loc` and `.file`. */
export function parse(source: string, file: string): Program {
  return toNtnt(() => {
    const program = run(withoutBom(source), "Program", { line: 1, col: 1 });
    checkDepth(program);
    return program;
  }, file);
}

/**
 * Reject trees deeper than MAX_AST_DEPTH nodes. Bracket nesting is bounded by the lexical
 * pre-pass, but operator chains (`-----x`, `a + a + … + a`, long else-if chains) are not.
 * Every object with a `type` counts, patterns and template parts included, which the typed
 * walker (src/ast/walk.ts) does not descend into: later passes recurse through them too.
 */
function checkDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === "object") stack.push([x, depth]);
      continue;
    }
    const node = v as { type?: unknown; loc?: Loc };
    const d = typeof node.type === "string" ? depth + 1 : depth;
    if (d > MAX_AST_DEPTH) {
      const at = node.loc ?? { line: 1, col: 1 };
      throw new Failure("E002", `Nesting too deep (limit ${MAX_AST_DEPTH})`, at.line, at.col);
    }
    for (const k in node) {
      if (k === "loc") continue;
      const x = (node as Record<string, unknown>)[k];
      if (x !== null && typeof x === "object") stack.push([x, d]);
    }
  }
}

/** Parse one expression (trailing text ignored, as in interpolations); `base` is where `text` starts. */
export function parseExpression(text: string, file: string, base: Loc = { line: 1, col: 1 }): Expr {
  return toNtnt(() => {
    const expr = run(text, "ExprRoot", base);
    checkDepth(expr);
    return expr;
  }, file);
}

/** Parse the body of a `"""…"""` template whose opening quotes are at `loc`. */
export function parseTemplate(body: string, file: string, loc: Loc = { line: 1, col: 1 }): TemplatePart[] {
  return toNtnt(() => {
    const parts = buildTemplate(body, loc);
    checkDepth(parts);
    return parts;
  }, file);
}

function toNtnt<T>(f: () => T, file: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Failure) {
      const err = e.code === "E001" ? lexerError(e.line, e.col, e.msg) : parseError(e.line, e.col, e.msg);
      err.file = file;
      throw err;
    }
    throw e;
  }
}

/** Parse `text` (a program or an expression) and throw Failure on any error. */
export function run(text: string, startRule: "Program", base: Loc): Program;
export function run(text: string, startRule: "ExprRoot", base: Loc): Expr;
export function run(text: string, startRule: "Program" | "ExprRoot", base: Loc): Program | Expr {
  const ctx: Ctx = { source: text, base };
  const options: GrammarOptions = { baseLine: base.line, baseCol: base.col, subParse: subInterp, template: buildTemplate };
  try {
    checkSource(text);
    return generated.parse(text, { ...options, startRule });
  } catch (e) {
    throw translate(e, ctx);
  }
}

/** Sub-parse the text of `{…}` in a quoted string (language.md §2.4). */
function subInterp(raw: string, lit: Loc, at: Loc): Expr {
  const text = raw.replace(/\\(["'])/g, "$1");
  try {
    return run(text, "ExprRoot", { line: at.line, col: at.col + 1 });
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    const preview = raw.length > 30 ? raw.slice(0, 30) + "..." : raw;
    throw new Failure(
      "E002",
      `Error in string interpolation '{${preview}}': ${e.msg}. (Hint: if you meant literal braces, escape them with \\{ and \\})`,
      lit.line,
      0,
    );
  }
}

/** Position of `offset` in ctx.source, shifted by the base position of a sub-parse. */
function position(ctx: Ctx, offset: number): Loc {
  const { line, col } = new LineIndex(ctx.source).loc(offset);
  return line === 1 ? { line: ctx.base.line, col: ctx.base.col + col - 1 } : { line: ctx.base.line + line - 1, col };
}

/** Position reported at end of input: just after the last non-blank character. */
function endPosition(ctx: Ctx): Loc {
  const trimmed = ctx.source.replace(/\s+$/, "");
  return position(ctx, trimmed.length);
}

function translate(e: unknown, ctx: Ctx): unknown {
  if (e instanceof Failure) return e;
  if (e instanceof NtntError && e.loc && (e.kind === "lexer" || e.kind === "parse")) {
    // From the lexical pre-pass: re-position relative to the base of a sub-parse.
    const { line, col } = e.loc;
    const loc = line === 1 ? { line: ctx.base.line, col: ctx.base.col + col - 1 } : { line: ctx.base.line + line - 1, col };
    return new Failure(e.kind === "lexer" ? "E001" : "E002", e.detail, loc.line, loc.col);
  }
  if (engineLimitOf(e) === "stack-overflow") return new Failure("E002", `Nesting too deep (limit ${MAX_NESTING})`, ctx.base.line, ctx.base.col);
  if (e instanceof ParseFail) {
    const token = tokenTextAt(ctx.source, e.offset);
    const at = token === null ? endPosition(ctx) : position(ctx, skipBlank(ctx.source, e.offset));
    if (e.kind === "expr") return expected(token, at, ctx);
    return new Failure(e.kind === "lex" ? "E001" : "E002", e.message, at.line, at.col);
  }
  if (e instanceof generated.SyntaxError) {
    const offset = e.location.start.offset;
    const token = tokenTextAt(ctx.source, offset);
    const at = token === null ? endPosition(ctx) : position(ctx, skipBlank(ctx.source, offset));
    return expected(token, at, ctx);
  }
  return e;
}

/** "Expected expression" failure; the line in the text counts from the start of a sub-parse, as in the reference. */
function expected(token: string | null, at: Loc, ctx: Ctx): Failure {
  if (token === null) return new Failure("E002", "Expected expression, but reached end of file", at.line, at.col);
  const line = at.line - ctx.base.line + 1;
  return new Failure("E002", `Expected expression, but found '${token}' at line ${line}`, at.line, at.col);
}
