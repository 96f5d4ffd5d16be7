/**
 * Loops too short to need a deadline check: a `for` over a range of Int literals with at most
 * 1023 steps, whose body makes no call and holds no loop. A loop checks the deadline every 1024
 * of its own iterations (loops.ts), so such a loop never reached a check of its own: it is
 * bounded work like straight-line code. It is compiled without a back-edge counter, and it does
 * not by itself make a function async for the cooperative yield (analysis.ts, `hasOwnLoop`),
 * so a handler whose only loop is one stays a plain synchronous function.
 */

import type { Expr, Stmt } from "../ast/nodes";
import { visit } from "../ast/walk";

/** Most steps a short loop may take: one less than the back-edge check's period. */
const MAX_STEPS = 1023;

/** What a short loop's body may contain: operators, names, indexing, assignments, branches; no calls, loops, literals of structs (invariants run code) or interpolation (display). */
const BOUNDED = new Set([
  "Literal",
  "Unit",
  "Ident",
  "Binary",
  "Logical",
  "Unary",
  "Index",
  "Field",
  "Assign",
  "ArrayLit",
  "MapLit",
  "Block",
  "IfExpr",
  "If",
  "ExprStmt",
  "Let",
  "Break",
  "Continue",
  "Return",
  "Noop",
]);

/** An Int literal's value, a negated one included; null for anything else. */
function intLiteral(e: Expr): number | null {
  if (e.type === "Literal" && e.value.kind === "int" && typeof e.value.value === "number") return e.value.value;
  if (e.type === "Unary" && e.op === "-") {
    const v = intLiteral(e.operand);
    return v === null ? null : -v;
  }
  return null;
}

/** Is `s` a `for` over an Int-literal range of at most 1023 steps with a body of bounded work? */
export function isShortLoop(s: Stmt): boolean {
  if (s.type !== "For" || s.iterable.type !== "Range") return false;
  const [start, end] = [intLiteral(s.iterable.start), intLiteral(s.iterable.end)];
  if (start === null || end === null || end - start + (s.iterable.inclusive ? 1 : 0) > MAX_STEPS) return false;
  let bounded = true;
  for (const st of s.body)
    visit(st, (n) => {
      if (!BOUNDED.has(n.type)) bounded = false;
      return bounded;
    });
  return bounded;
}
