/** Readable text for contract expressions and type annotations in `ntnt inspect` (cli.md §7.2). */

import type { Expr, TypeAnn } from "../ast/nodes";

/**
 * A contract clause as text. Follows the reference's simplified printer (names, literals, operators,
 * field access, calls; anything else is `<expr>`), but with source operators (`!=`, not `NotEq`) [REC].
 */
export function exprText(e: Expr): string {
  switch (e.type) {
    case "Ident":
      return e.name;
    case "Literal":
      return e.value.kind === "string" ? `"${e.value.value}"` : String(e.value.value);
    case "Binary":
    case "Logical":
      return `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
    case "Unary":
      return `${e.op}${exprText(e.operand)}`;
    case "Field":
      return `${exprText(e.object)}.${e.name}`;
    case "MethodCall":
      return `${exprText(e.object)}.${e.method}(${e.args.map(exprText).join(", ")})`;
    case "Call":
      return `${exprText(e.callee)}(${e.args.map(exprText).join(", ")})`;
    default:
      return "<expr>";
  }
}

/** A type annotation in the reference's spelling: `Map<String, [Int]>`, `(Int) -> Bool`, `A | B`. */
export function typeText(t: TypeAnn): string {
  return t
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, "")
    .replace(/(^|[^\w])fn\(/g, "$1(")
    .replace(/,/g, ", ")
    .replace(/\|/g, " | ")
    .replace(/->/g, " -> ");
}
