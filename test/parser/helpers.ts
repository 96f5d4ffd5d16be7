/** Shared helpers for parser tests: parse and strip positions, capture errors. */
import { parse, parseExpression } from "../../src/parser/index";

/** Deep copy without `loc` fields, so expectations stay readable. */
export function noLoc<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === "loc" ? undefined : typeof x === "bigint" ? `${x}n` : x)));
}

/** Statements of a program, positions stripped. */
export const stmts = (src: string): unknown[] => noLoc(parse(src, "t.tnt").body);

/** The expression of a single expression statement, positions stripped. */
export function expr(src: string): unknown {
  const body = parse(src, "t.tnt").body;
  const first = body[0];
  if (body.length !== 1 || first?.type !== "ExprStmt") throw new Error(`not one expression: ${src}`);
  return noLoc(first.expr);
}

/** Expression via parseExpression (interpolation-style: trailing text ignored). */
export const subExpr = (src: string): unknown => noLoc(parseExpression(src, "t.tnt"));

/** Error raised by parsing `src`: code, message and position. */
export function err(src: string): { code: string; message: string; line: number; col: number; file: string | null } {
  try {
    parse(src, "t.tnt");
  } catch (e) {
    const x = e as { code: string; message: string; loc: { line: number; col: number }; file: string | null };
    return { code: x.code, message: x.message, line: x.loc?.line, col: x.loc?.col, file: x.file };
  }
  throw new Error(`expected a parse error: ${src}`);
}

export const int = (value: number) => ({ type: "Literal", value: { kind: "int", value } });
export const str = (value: string) => ({ type: "Literal", value: { kind: "string", value } });
export const id = (name: string) => ({ type: "Ident", name });
export const call = (callee: unknown, ...args: unknown[]) => ({ type: "Call", callee, args });
export const bin = (op: string, left: unknown, right: unknown) => ({ type: "Binary", op, left, right });
