/**
 * Expression code generation. `expr` returns a typed fragment (fragment.ts); expressions
 * that contain statements (blocks, `match`, if-expressions, templates) emit those first into
 * the current statement list and yield a temp. `seq` keeps left-to-right evaluation by
 * spilling earlier operands into temps whenever a later operand emits statements.
 */

import type { Expr } from "../ast/nodes";
import { NEnum, NFloat } from "../runtime/values";
import { assign, invWrap } from "./assign";
import { call, callResult } from "./calls";
import type { Gen } from "./codegen";
import {
  bigintLiteral,
  complex,
  type Frag,
  infallible,
  intLiteral,
  isAsciiText,
  isInteger,
  isLiteral,
  isSimple,
  isString,
  name,
  nameOf,
  stringLiteral,
  stringValued,
  wrapPre,
} from "./fragment";
import { readName } from "./names";
import { binary } from "./operators";
import { match } from "./patterns";
import type { Scope } from "./scope";
import { block } from "./statements";
import { templateExpr } from "./template-codegen";
import { children } from "../ast/walk";

const stmtCache = new WeakMap<Expr, boolean>();
const heightCache = new WeakMap<Expr, number>();

/**
 * Long chains (`a + a + …`, `x.f().g()…`, `a[0][0]…`, `a ?? a ?? …`) are cut every
 * SPLIT_HEIGHT levels: the node's value goes into a temp by a statement of its own, so the
 * generated JavaScript never nests deeper than that (deeply nested JS compiles in
 * superlinear time and overflows the engine's parser stack).
 */
const SPLIT_HEIGHT = 40;

/** Height of an expression tree (a leaf is 1). */
function height(e: Expr): number {
  let h = heightCache.get(e);
  if (h === undefined) {
    h = 1;
    for (const c of children(e) as Expr[]) h = Math.max(h, height(c) + 1);
    heightCache.set(e, h);
  }
  return h;
}

const isSplitPoint = (e: Expr): boolean => {
  const h = height(e);
  return h >= SPLIT_HEIGHT && h % SPLIT_HEIGHT === 0;
};

/** Does compiling `e` emit statements (so earlier operands must be spilled)? */
export function hasStmts(e: Expr): boolean {
  let r = stmtCache.get(e);
  if (r === undefined) {
    r =
      e.type === "Block" ||
      e.type === "Match" ||
      e.type === "IfExpr" ||
      e.type === "Template" ||
      isSplitPoint(e) ||
      (children(e) as Expr[]).some((c) => hasStmts(c));
    stmtCache.set(e, r);
  }
  return r;
}

/** Compile operands left to right, spilling earlier ones when a later one emits statements. */
export function seq(g: Gen, es: Expr[], sc: Scope): Frag[] {
  const out: Frag[] = [];
  // Operands before the last statement-emitting one are spilled (found once: linear in es).
  let lastStmts = -1;
  for (let i = es.length - 1; i >= 0; i--) {
    if (hasStmts(es[i]!)) {
      lastStmts = i;
      break;
    }
  }
  for (let i = 0; i < es.length; i++) {
    const f = expr(g, es[i]!, sc);
    if (i < lastStmts && !isSimple(f)) {
      const t = g.tmp(sc.fn);
      g.emit(`${t} = ${f.js};`);
      out.push(nameOf(t, f));
    } else out.push(f);
  }
  return out;
}

/** `f` as an operand used several times: itself when simple, else a temp assigned in `pre`. */
export function once(g: Gen, f: Frag, sc: Scope, pre: string[]): Frag {
  if (isSimple(f)) return f;
  const t = g.tmp(sc.fn);
  pre.push(`${t} = ${f.js}`);
  return nameOf(t, f);
}

/** Operations that can fail record their position in the function's `L` (innermost wins). */
const LOCATED = new Set(["Call", "MethodCall", "Field", "Index", "Binary", "Unary", "Range"]);

/** Compile an expression whose value is used. */
export function expr(g: Gen, e: Expr, sc: Scope): Frag {
  return located(g, e, sc, exprInner(g, e, sc, false));
}

/** Compile an expression statement whose value is dropped (a JS expression). */
export function effect(g: Gen, e: Expr, sc: Scope): string {
  return located(g, e, sc, exprInner(g, e, sc, true)).js;
}

/** Record the position of an operation that can fail; cut deep chains (SPLIT_HEIGHT). */
function located(g: Gen, e: Expr, sc: Scope, inner: Frag): Frag {
  const mayFail = !inner.cannotFail && (LOCATED.has(e.type) || (e.type === "Path" && e.args) || computedMapKeys(e));
  const f = mayFail
    ? { js: `(L = ${g.loc(e.loc)}, ${inner.js})`, kind: "complex" as const, int: inner.int, str: inner.str, ascii: inner.ascii, integer: inner.integer }
    : inner;
  if (!isSplitPoint(e) || isSimple(f)) return f;
  const t = g.tmp(sc.fn);
  g.emit(`${t} = ${f.js};`);
  return nameOf(t, f);
}

/** A map literal whose keys are not all String or Int literals may fail (`Map keys must be strings or integers`). */
function computedMapKeys(e: Expr): boolean {
  return e.type === "MapLit" && e.entries.some((x) => x.key.type !== "Literal" || (x.key.value.kind !== "string" && x.key.value.kind !== "int"));
}

function exprInner(g: Gen, e: Expr, sc: Scope, valueUnused: boolean): Frag {
  switch (e.type) {
    case "Literal": {
      const v = e.value;
      if (v.kind === "int") return typeof v.value === "bigint" ? bigintLiteral(v.value) : intLiteral(v.value);
      if (v.kind === "float") return complex(g.konst(new NFloat(v.value)));
      if (v.kind === "string") return stringLiteral(v.value);
      return name(String(v.value));
    }
    case "Unit":
      return name("undefined");
    case "Ident":
      return readName(g, e.name, sc, false, e.loc);
    case "Interp": {
      const parts: string[] = [];
      const exprs = e.parts.filter((p): p is Expr => typeof p !== "string");
      const vals = seq(g, exprs, sc);
      let k = 0;
      for (const p of e.parts) parts.push(typeof p === "string" ? JSON.stringify(p) : `str(${vals[k++]!.js})`);
      // An Int displays as ASCII digits (and a sign).
      const ascii = e.parts.every((p) => (typeof p === "string" ? isAsciiText(p) : true)) && vals.every((v) => v.ascii || isInteger(v));
      return parts.length ? stringValued(`(${parts.join(" + ")})`, ascii) : stringLiteral("");
    }
    case "Template":
      return name(templateExpr(g, e.parts, sc));
    case "ArrayLit":
      return complex(`new NArray([${joinJs(seq(g, e.items, sc))}])`);
    case "MapLit":
      return complex(
        `R.mapLit([${joinJs(
          seq(
            g,
            e.entries.flatMap((x) => [x.key, x.value]),
            sc,
          ),
        )}])`,
      );
    case "StructLit": {
      const vals = seq(
        g,
        e.fields.map((f) => f.value),
        sc,
      );
      return complex(invWrap(g, `R.mkStruct(${g.typeRef(e.name)}, ${g.konst(e.fields.map((f) => f.name))}, [${joinJs(vals)}])`, sc));
    }
    case "Block": {
      const t = g.tmp(sc.fn);
      block(g, sc, e.body, t);
      return name(t);
    }
    case "IfExpr": {
      const t = g.tmp(sc.fn);
      block(g, sc, e.then, t, { head: `if (${cond(g, e.cond, sc)}) ` });
      block(g, sc, e.otherwise ?? [], t, { head: "else " });
      return name(t);
    }
    case "Binary":
      return binary(g, e, sc);
    case "Logical":
      return logical(g, e, sc);
    case "Unary": {
      if (e.op === "!") return infallible(`!${cond(g, e.operand, sc)}`);
      const operand = expr(g, e.operand, sc);
      // The negation of a safe Int is a safe Int (and `0 - 0` is not -0).
      if (operand.int) return infallible(`(0 - ${operand.js})`, true);
      const pre: string[] = [];
      const a = once(g, operand, sc, pre).js;
      return { js: wrapPre(pre, `typeof ${a} === "number" && ${a} !== 0 ? -${a} : ops.neg(${a})`), kind: "complex", integer: isInteger(operand) };
    }
    case "Range": {
      const [a, b] = seq(g, [e.start, e.end], sc);
      return complex(`R.range(${a!.js}, ${b!.js}, ${e.inclusive})`);
    }
    case "Call":
      return call(g, e, sc);
    case "MethodCall": {
      const [o, ...args] = seq(g, [e.object, ...e.args], sc);
      const fallback = readName(g, e.method, sc, true);
      return callResult(g, `R.method(${o!.js}, ${JSON.stringify(e.method)}, [${joinJs(args)}], ${fallback.js}, NC)`, sc, true);
    }
    case "Field":
      return complex(`ops.field(${expr(g, e.object, sc).js}, ${JSON.stringify(e.name)})`);
    case "Index":
      return index(g, e, sc);
    case "Path": {
      if (e.args === null) return complex(g.konst(new NEnum(e.enumName, e.variant, [])));
      const args = seq(g, e.args, sc);
      const js = `R.path(${g.typeRef(e.enumName)}, ${JSON.stringify(e.variant)}, [${joinJs(args)}], NC)`;
      return callResult(g, js, sc, true);
    }
    case "Match":
      return match(g, e, sc);
    case "Assign":
      return assign(g, e, sc, valueUnused);
  }
}

const joinJs = (fs: Frag[]): string => fs.map((f) => f.js).join(", ");

/**
 * `o[i]`: inline reads of an array element (an index not known to be a String) or of a present
 * map key (a String index), `ops.index` otherwise. One inline branch per read keeps the
 * generated functions small (JavaScriptCore compiles them sooner and faster).
 */
function index(g: Gen, e: Extract<Expr, { type: "Index" }>, sc: Scope): Frag {
  const [o0, i0] = seq(g, [e.object, e.index], sc);
  if (isLiteral(o0!) && o0!.kind !== "string") return complex(`ops.index(${o0!.js}, ${i0!.js})`);
  const pre: string[] = [];
  const o = once(g, o0!, sc, pre).js;
  const i = once(g, i0!, sc, pre).js;
  if (isString(i0!)) {
    // A present String key of a map; a missing key or Unit value takes the slow path.
    const t = g.tmp(sc.fn);
    return complex(wrapPre(pre, `${o} instanceof NMap && (${t} = ${o}.entries.get(${i})) !== undefined ? ${t} : ops.index(${o}, ${i})`));
  }
  // An Int index of either kind compares by value; a bigint one is never in range.
  const isNumber = isInteger(i0!) ? "" : `typeof ${i} === "number" && `;
  return complex(wrapPre(pre, `${o} instanceof NArray && ${isNumber}${i} >= 0 && ${i} < ${o}.length ? ${o}.items[${i}] : ops.index(${o}, ${i})`));
}

/** JS boolean for the truthiness of `e` (comparisons and logic need no conversion). */
export function cond(g: Gen, e: Expr, sc: Scope): string {
  if (e.type === "Binary" && e.op !== "+" && e.op !== "-" && e.op !== "*" && e.op !== "/" && e.op !== "%") {
    const test = binary(g, e, sc);
    return test.cannotFail ? test.js : `(L = ${g.loc(e.loc)}, ${test.js})`;
  }
  if (e.type === "Logical" && e.op !== "??") return logical(g, e, sc).js;
  if (e.type === "Unary" && e.op === "!") return `!${cond(g, e.operand, sc)}`;
  if (e.type === "Literal" && e.value.kind === "bool") return String(e.value.value);
  const f = expr(g, e, sc);
  if (isSimple(f)) return `(${f.js} === true || (${f.js} !== false && truthy(${f.js})))`;
  const t = g.tmp(sc.fn);
  return `((${t} = ${f.js}) === true || (${t} !== false && truthy(${t})))`;
}

function logical(g: Gen, e: Extract<Expr, { type: "Logical" }>, sc: Scope): Frag {
  if (e.op === "??") {
    const t = g.tmp(sc.fn);
    const a = expr(g, e.left, sc).js;
    if (!hasStmts(e.right)) return complex(`((${t} = R.coalesce(${a})) === M ? ${expr(g, e.right, sc).js} : ${t})`);
    g.open(`if ((${t} = R.coalesce(${a})) === M) {`);
    g.emit(`${t} = ${expr(g, e.right, sc).js};`);
    g.close();
    return name(t);
  }
  const a = cond(g, e.left, sc);
  if (!hasStmts(e.right)) return complex(`(${a} ${e.op} ${cond(g, e.right, sc)})`);
  const t = g.tmp(sc.fn);
  g.emit(`${t} = ${a};`);
  g.open(e.op === "&&" ? `if (${t}) {` : `if (!${t}) {`);
  g.emit(`${t} = ${cond(g, e.right, sc)};`);
  g.close();
  return name(t);
}
