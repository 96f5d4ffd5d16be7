/**
 * Contract support (§6). Checks themselves are compiled inline (src/compiler/codegen.ts:
 * requires before the body, `old()` captured per call frame, ensures after the body with
 * `result` bound; invariants registered per struct in the load's src/runtime/type-table.ts).
 * This module renders the condition text shown in contract violation messages.
 */

import type { Expr } from "../ast/nodes";
import { displayFloat } from "./display";

/** COND_TEXT of a contract clause: the reference's rendering, source text for other kinds. */
export function renderCond(e: Expr, sourceText?: string): string {
  const r = render(e);
  return r ?? sourceText?.trim() ?? "<condition>";
}

function render(e: Expr): string | null {
  switch (e.type) {
    case "Literal": {
      const v = e.value;
      if (v.kind === "string") return `"${v.value}"`;
      if (v.kind === "float") return displayFloat(v.value);
      return String(v.value);
    }
    case "Unit":
      return "()";
    case "Ident":
      return e.name;
    case "Binary":
    case "Logical": {
      const l = render(e.left);
      const r = render(e.right);
      return l === null || r === null ? null : `${l} ${e.op} ${r}`;
    }
    case "Unary": {
      const o = render(e.operand);
      return o === null ? null : `${e.op}${o}`;
    }
    case "Call": {
      const c = render(e.callee);
      const args = e.args.map(render);
      return c === null || args.includes(null) ? null : `${c}(${args.join(", ")})`;
    }
    case "MethodCall": {
      const o = render(e.object);
      const args = e.args.map(render);
      return o === null || args.includes(null) ? null : `${o}.${e.method}(${args.join(", ")})`;
    }
    case "Field": {
      const o = render(e.object);
      return o === null ? null : `${o}.${e.name}`;
    }
    case "Index": {
      const o = render(e.object);
      const i = render(e.index);
      return o === null || i === null ? null : `${o}[${i}]`;
    }
    case "ArrayLit": {
      const items = e.items.map(render);
      return items.includes(null) ? null : `[${items.join(", ")}]`;
    }
    default:
      return null;
  }
}
