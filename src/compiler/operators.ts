/** Binary operators: inline Int and String fast paths, `ops.ts` as the exact slow path. */

import type { Expr } from "../ast/nodes";
import type { Gen } from "./codegen";
import { seq, once } from "./expr";
import { complex, type Frag, infallible, isInteger, isString, stringValued, wrapPre } from "./fragment";
import type { Scope } from "./scope";

const MAXS = "9007199254740991";

/** An Int literal inside the int32 range (`(b | 0) === b` holds). */
const isInt32Literal = (f: Frag): boolean => f.intValue !== undefined && (f.intValue | 0) === f.intValue;

const OPS: Record<string, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
  "==": "eq",
  "!=": "ne",
};

/** `e.left op e.right`, operands evaluated left to right. */
export function binary(g: Gen, e: Extract<Expr, { type: "Binary" }>, sc: Scope): Frag {
  const [a0, b0] = seq(g, [e.left, e.right], sc);
  return binaryJs(g, e.op, a0!, b0!, sc);
}

const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);

/** Operator code with Int fast paths inline and `ops` as the slow path. */
export function binaryJs(g: Gen, op: string, a0: Frag, b0: Frag, sc: Scope): Frag {
  const f = operatorJs(g, op, a0, b0, sc);
  // Int arithmetic gives an Int (or an error).
  return ARITHMETIC.has(op) && isInteger(a0) && isInteger(b0) ? { ...f, integer: true } : f;
}

function operatorJs(g: Gen, op: string, a0: Frag, b0: Frag, sc: Scope): Frag {
  const pre: string[] = [];
  const a = once(g, a0, sc, pre);
  const b = once(g, b0, sc, pre);
  const slow = `ops.${OPS[op]}(${a.js}, ${b.js})`;
  // Operands statically known to be Ints need no `typeof` test.
  const tests = new Set([a.int ? null : `typeof ${a.js} === "number"`, b.int ? null : `typeof ${b.js} === "number"`].filter(Boolean));
  const bothNum = [...tests].join(" && ") || "true";
  const aStr = isString(a);
  const bStr = isString(b);
  if (a.int && b.int) return intBinary(g, op, a, b, pre, slow, sc);
  if (isInteger(a) && isInteger(b)) {
    // JavaScript compares a number and a bigint by value: Ints of either kind need no test.
    if (op === "<" || op === "<=" || op === ">" || op === ">=") return infallible(wrapPre(pre, `${a.js} ${op} ${b.js}`));
    if (op === "==" || op === "!=") return infallible(wrapPre(pre, `${a.js} ${op} ${b.js}`));
  }
  switch (op) {
    case "+":
    case "-":
    case "*": {
      if (aStr || bStr) {
        // String + String concatenates directly; anything else needs Display (ops.add).
        if (op !== "+") return complex(wrapPre(pre, slow));
        // Either way the result is a String (or an error).
        if (aStr && bStr) return stringValued(wrapPre(pre, `${a.js} + ${b.js}`), a.ascii === true && b.ascii === true);
        const other = bStr ? a : b;
        return stringValued(wrapPre(pre, `typeof ${other.js} === "string" ? ${a.js} + ${b.js} : ${slow}`));
      }
      const r = g.tmp(sc.fn);
      const fix = op === "*" ? " + 0" : "";
      // int32 results take the first test; larger safe results the range test; the rest
      // (overflow past 2^53, non-Int operands) the exact slow path.
      return complex(
        wrapPre(pre, `${bothNum} ? (((${r} = ${a.js} ${op} ${b.js}${fix}) | 0) === ${r} || (${r} <= ${MAXS} && ${r} >= -${MAXS}) ? ${r} : ${slow}) : ${slow}`),
      );
    }
    case "/": {
      const bFits = isInt32Literal(b) && b.intValue !== 0 ? "" : ` && ${b.js} !== 0 && (${b.js} | 0) === ${b.js}`;
      return complex(wrapPre(pre, `${bothNum}${bFits} && (${a.js} | 0) === ${a.js} ? Math.trunc(${a.js} / ${b.js}) + 0 : ${slow}`));
    }
    case "%":
      return complex(wrapPre(pre, `${bothNum}${b.intValue !== undefined && b.intValue !== 0 ? "" : ` && ${b.js} !== 0`} ? ${a.js} % ${b.js} + 0 : ${slow}`));
    case "<":
    case "<=":
    case ">":
    case ">=":
      return complex(wrapPre(pre, `${bothNum} ? ${a.js} ${op} ${b.js} : ${slow}`));
    case "==":
    case "!=": {
      const jsOp = op === "==" ? "===" : "!==";
      if (aStr || bStr) {
        const other = aStr ? b : a;
        return complex(wrapPre(pre, `typeof ${other.js} === "string" ? ${a.js} ${jsOp} ${b.js} : ${slow}`));
      }
      return complex(wrapPre(pre, `${bothNum} ? ${a.js} ${jsOp} ${b.js} : ${slow}`));
    }
  }
  return complex(wrapPre(pre, slow));
}

/**
 * Both operands statically Ints (JS numbers): no `typeof` tests. Comparisons, `+` and `-`
 * cannot fail (a sum of two safe Ints past 2^53 becomes a bigint in `ops`, far inside
 * 64 bits), nor can `%` by a non-zero literal, whose result is again an Int.
 */
function intBinary(g: Gen, op: string, a: Frag, b: Frag, pre: string[], slow: string, sc: Scope): Frag {
  switch (op) {
    case "<":
    case "<=":
    case ">":
    case ">=":
      return infallible(wrapPre(pre, `${a.js} ${op} ${b.js}`));
    case "==":
    case "!=":
      return infallible(wrapPre(pre, `${a.js} ${op === "==" ? "===" : "!=="} ${b.js}`));
    case "+":
    case "-":
    case "*": {
      const r = g.tmp(sc.fn);
      const fix = op === "*" ? " + 0" : "";
      const js = wrapPre(pre, `((${r} = ${a.js} ${op} ${b.js}${fix}) | 0) === ${r} || (${r} <= ${MAXS} && ${r} >= -${MAXS}) ? ${r} : ${slow}`);
      // A product can leave the 64-bit range: that is an error with this operator's position.
      return op === "*" ? complex(js) : infallible(js);
    }
    case "%":
      if (b.intValue !== undefined && b.intValue !== 0) return infallible(wrapPre(pre, `${a.js} % ${b.js} + 0`), true);
      return complex(wrapPre(pre, `${b.js} !== 0 ? ${a.js} % ${b.js} + 0 : ${slow}`), true);
    case "/":
      return complex(wrapPre(pre, `${b.js} !== 0 && (${a.js} | 0) === ${a.js} && (${b.js} | 0) === ${b.js} ? Math.trunc(${a.js} / ${b.js}) + 0 : ${slow}`));
  }
  return complex(wrapPre(pre, slow));
}
