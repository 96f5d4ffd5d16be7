/**
 * Names that always hold a String of ASCII characters only, wherever they are bound: every
 * `let` and assignment of the name anywhere in the program gives an ASCII String literal, an
 * interpolation of ASCII text and of Ints or such names, `str()` of an Int, or `+` of two
 * such values. `len()` of such a name is its JS length (calls.ts): its UTF-8 length without
 * counting. By name and conservative, as integers.ts: any other binding excludes the name
 * everywhere, and a program with templates gets none.
 */

import type { Expr } from "../ast/nodes";
import { coreBuiltins } from "../runtime/core-builtins";
import type { Value } from "../runtime/values";
import { isAsciiText } from "./fragment";
import { keepWhileAll, type NameBindings } from "./integers";

/** The names of a program (its `nameBindings`) that always hold an ASCII String; `integers` are its names that always hold an Int. */
export function asciiStringNames({ values, excluded, templates }: NameBindings, globals: Map<string, Value>, integers: Set<string>): Set<string> {
  if (templates) return new Set();
  const strIsBuiltin = !values.has("str") && !excluded.has("str") && globals.get("str") === coreBuiltins.str;
  const names = new Set([...values.keys()].filter((n) => !excluded.has(n) && !integers.has(n)));
  // An Int displays as ASCII digits and a sign; these are the Int forms integers.ts knows.
  const isInt = (e: Expr): boolean =>
    (e.type === "Literal" && e.value.kind === "int") ||
    (e.type === "Ident" && integers.has(e.name)) ||
    (e.type === "Unary" && e.op === "-" && isInt(e.operand)) ||
    (e.type === "Binary" && (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "/" || e.op === "%") && isInt(e.left) && isInt(e.right));
  const isAscii = (e: Expr): boolean => {
    switch (e.type) {
      case "Literal":
        return e.value.kind === "string" && isAsciiText(e.value.value);
      case "Ident":
        return names.has(e.name);
      case "Interp":
        return e.parts.every((p) => (typeof p === "string" ? isAsciiText(p) : isInt(p) || isAscii(p)));
      case "Binary":
        return e.op === "+" && isAscii(e.left) && isAscii(e.right);
      case "Call":
        return strIsBuiltin && e.callee.type === "Ident" && e.callee.name === "str" && e.args.length === 1 && isInt(e.args[0]!);
      default:
        return false;
    }
  };
  // Drop a name while some value given to it is not an ASCII String.
  return keepWhileAll(names, values, (v) => v !== null && isAscii(v));
}
