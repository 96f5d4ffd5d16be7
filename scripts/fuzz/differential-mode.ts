/**
 * Differential fuzzing: random Int expressions (+ - * / %, unary minus, parentheses, abs,
 * min, max, comparisons through if/else) evaluated by NTNT and by a BigInt model of the
 * language's 64-bit Int rules (overflow and division by zero are errors, `/` truncates
 * toward zero, `%` takes the dividend's sign). The two must agree on every value and error.
 */

import { loadProgram } from "../../src/engine/index";
import { leakOf, type Finding } from "./finding";
import type { Rng } from "./rng";

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const LEAVES = [0n, 1n, -1n, 2n, 3n, 7n, -7n, 10n, 255n, 65536n, 4294967296n, 9007199254740993n, MAX, MIN + 1n, 3037000499n, 3037000500n];

class Overflow extends Error {}
class DivZero extends Error {}

const check = (v: bigint): bigint => {
  if (v < MIN || v > MAX) throw new Overflow();
  return v;
};

interface Expr {
  src: string;
  eval(): bigint;
}

const lit = (v: bigint): Expr => ({ src: v < 0n ? `(${v})` : `${v}`, eval: () => v });

function binary(op: string, a: Expr, b: Expr): Expr {
  return {
    src: `(${a.src} ${op} ${b.src})`,
    eval() {
      const x = a.eval();
      const y = b.eval();
      switch (op) {
        case "+":
          return check(x + y);
        case "-":
          return check(x - y);
        case "*":
          return check(x * y);
        case "/":
          if (y === 0n) throw new DivZero();
          return check(x / y);
        default:
          if (y === 0n) throw new DivZero();
          return x % y;
      }
    },
  };
}

/** A random expression of at most `depth` levels. */
export function expression(rng: Rng, depth: number): Expr {
  if (depth === 0 || rng.int(4) === 0) return lit(rng.pick(LEAVES) * (rng.int(5) === 0 ? -1n : 1n));
  const a = expression(rng, depth - 1);
  const b = expression(rng, depth - 1);
  switch (rng.int(8)) {
    case 0:
      return { src: `(-${a.src})`, eval: () => check(-a.eval()) };
    case 1:
      return { src: `abs(${a.src})`, eval: () => check(a.eval() < 0n ? -a.eval() : a.eval()) };
    case 2:
      return { src: `min(${a.src}, ${b.src})`, eval: () => (a.eval() < b.eval() ? a.eval() : b.eval()) };
    case 3:
      return { src: `(if ${a.src} < ${b.src} { ${a.src} } else { ${b.src} })`, eval: () => (a.eval() < b.eval() ? a.eval() : b.eval()) };
    default:
      return binary(rng.pick(["+", "-", "*", "/", "%"]), a, b);
  }
}

/** A long chain (40–160 operators) of small expressions: exercises the compiler's splitting of deep chains. */
export function chain(rng: Rng): Expr {
  let e = expression(rng, 1);
  const n = 40 + rng.int(120);
  for (let i = 0; i < n; i++)
    e = rng.int(2) === 0 ? binary(rng.pick(["+", "-", "*", "/", "%"]), e, expression(rng, 2)) : binary(rng.pick(["+", "-"]), expression(rng, 2), e);
  return e;
}

/** Run differential case `index`; a finding or null. */
export async function differentialCase(rng: Rng, index: number): Promise<Finding | null> {
  const e = rng.int(4) === 0 ? chain(rng) : expression(rng, 1 + rng.int(5));
  const input = `let r = ${e.src}\n`;
  let want: bigint | "overflow" | "division";
  try {
    want = e.eval();
  } catch (err) {
    want = err instanceof DivZero ? "division" : "overflow";
  }
  let got: bigint | string;
  try {
    const bindings = await loadProgram("/fuzz/diff.tnt", { source: input });
    got = BigInt(bindings.get("r") as number | bigint);
  } catch (err) {
    const leak = leakOf(err);
    if (leak) return { mode: "differential", index, problem: leak, input };
    const msg = (err as Error).message;
    got = /Division by zero/.test(msg) ? "division" : /overflow/i.test(msg) ? "overflow" : `error: ${msg}`;
  }
  if (got !== want) return { mode: "differential", index, problem: `got ${got}, want ${want}`, input };
  return null;
}
