/** Assignments: to names, and to paths `a.b[i] = v` that rebuild the root variable through copy-on-write. */

import type { Expr } from "../ast/nodes";
import { coreBuiltins } from "../runtime/core-builtins";
import { isSelfPush } from "./analysis";
import { callResult } from "./calls";
import type { Gen } from "./codegen";
import { expr, once, seq } from "./expr";
import { complex, type Frag, isInteger, isSimple, isString } from "./fragment";
import { assignName, lookup } from "./names";
import { binaryJs } from "./operators";
import type { Scope } from "./scope";

/** `target op= value`; `valueUnused`: the statement drops the assignment's value (`v = push(v, x)` may then append in place). */
export function assign(g: Gen, e: Extract<Expr, { type: "Assign" }>, sc: Scope, valueUnused: boolean): Frag {
  const fc = sc.fn;
  const op = e.op === "=" ? null : e.op[0]!;
  if (e.target.type === "Ident") {
    const name = e.target.name;
    let val: string;
    if (op) {
      const [cur, rhs] = seq(g, [e.target, e.value], sc);
      val = binaryJs(g, op, cur!, rhs!, sc).js;
    } else if (valueUnused && ownWrite(g, name, sc) && isSelfPush(e, !lookup("push", sc) && g.inp.globals.get("push") === coreBuiltins.push)) {
      // `v = push(v, x)` on a never-shared variable keeps its array exclusive (copy-on-write.ts).
      const [cur, x0] = seq(g, (e.value as Extract<Expr, { type: "Call" }>).args, sc);
      // The variable is read before the element is evaluated (which may assign it).
      const pre: string[] = [];
      const c = isSimple(x0!) ? cur!.js : once(g, complex(cur!.js), sc, pre).js;
      const x = once(g, x0!, sc, pre).js;
      // Appending to an array the variable owns and alone extends is inline (pushExclusive's
      // first case): a call per element costs more than the append until the JIT inlines it.
      const append = `${c} instanceof NArray && ${c}.own !== 0 && ${c}.length === ${c}.items.length ? (${c}.items.push(${x}), ${c}.length++, ${c}) : R.pushOwn(${c}, ${x})`;
      return complex(`(L = ${g.loc(e.loc)}, ${[...pre, assignName(g, name, `(${append})`, sc)].join(", ")})`);
    } else val = expr(g, e.value, sc).js;
    const check = mayBeStruct(e.value) && !op ? invWrap(g, `inv(${val})`, sc) : val;
    // A statement `v = …` of a declared variable stores the value directly (no temp to hand on).
    if (valueUnused && lookup(name, sc)?.definite) return complex(assignName(g, name, check, sc));
    const t = g.tmp(fc);
    return complex(`(${t} = ${check}, ${assignName(g, name, t, sc)}, ${t})`);
  }
  // Paths `a.b[i].c = v` rebuild the root variable from copies (#5, #6).
  const segs: Expr[] = [];
  let node: Expr = e.target;
  while (node.type === "Field" || node.type === "Index") {
    segs.unshift(node);
    node = node.object;
  }
  if (node.type !== "Ident") return complex(`(${expr(g, e.value, sc).js}, R.invalidTarget())`);
  const keyExprs = segs.filter((s): s is Extract<Expr, { type: "Index" }> => s.type === "Index").map((s) => s.index);
  const vals = seq(g, [node, ...keyExprs, e.value], sc);
  const pre: string[] = [];
  const objs: string[] = [once(g, vals[0]!, sc, pre).js];
  const keys: string[] = [];
  let ki = 1;
  for (const s of segs) keys.push(s.type === "Field" ? JSON.stringify(s.name) : once(g, vals[ki++]!, sc, pre).js);
  const rhs = once(g, vals[ki]!, sc, pre);
  const get = (i: number, o: string) => (segs[i]!.type === "Field" ? `ops.field(${o}, ${keys[i]})` : `ops.index(${o}, ${keys[i]})`);
  const exclusive = segs.length === 1 && segs[0]!.type === "Index" && ownWrite(g, node.name, sc);
  const setIndex = exclusive ? "R.setIndexExclusive" : "R.setIndex";
  const set = (i: number, o: string, v: string) =>
    invWrap(g, segs[i]!.type === "Field" ? `inv(R.setField(${o}, ${keys[i]}, ${v}))` : `inv(${setIndex}(${o}, ${keys[i]}, ${v}))`, sc);
  for (let i = 0; i < segs.length - 1; i++) {
    const t = g.tmp(fc);
    pre.push(`${t} = ${get(i, objs[i]!)}`);
    objs.push(t);
  }
  const last = segs.length - 1;
  let newVal = rhs.js;
  if (op) {
    const t = g.tmp(fc);
    pre.push(`${t} = ${binaryJs(g, op, complex(get(last, objs[last]!)), rhs, sc).js}`);
    newVal = t;
  }
  let built = newVal;
  for (let i = last; i >= 0; i--) built = set(i, objs[i]!, built);
  const nt = g.tmp(fc);
  if (exclusive) {
    // A value already minted for this variable (copy-on-write.ts `own`) is updated in place inline.
    const o = objs[0]!,
      k = keys[0]!;
    // One inline branch, by the key's static type: a String key updates a map, any other an array.
    const key = vals[1]!;
    const inArray = `${o} instanceof NArray && ${o}.own === 2 && ${isInteger(key) ? "" : `typeof ${k} === "number" && `}${k} >= 0 && ${k} < ${o}.length ? (${o}.items[${k}] = ${newVal})`;
    const inMap = `${o} instanceof NMap && ${o}.own ? ${o}.entries.set(${k}, ${newVal})`;
    const slow = `(${nt} = ${built}, ${assignName(g, node.name, nt, sc)})`;
    pre.push(`${isString(key) ? inMap : inArray} : ${slow}`);
    return complex(`(${pre.join(", ")}, ${newVal})`);
  }
  pre.push(`${nt} = ${built}`);
  pre.push(assignName(g, node.name, nt, sc));
  return complex(`(${pre.join(", ")}, ${newVal})`);
}

/**
 * May this write update `name`'s value in place (analysis.ts `exclusive`)? Only in the
 * function that declares the variable, once the declaration has run: a function writing a
 * top-level variable may run after the module's importers received its value.
 */
function ownWrite(g: Gen, name: string, sc: Scope): boolean {
  if (!g.an.exclusive.has(name)) return false;
  const hit = lookup(name, sc);
  return hit !== null && hit.definite && (hit.scope.fn === sc.fn || (sc.fn.copies?.has(hit.v) ?? false));
}

/** Await an invariant check when some invariant may suspend. */
export function invWrap(g: Gen, js: string, sc: Scope): string {
  return g.an.invariantsMayAsync ? callResult(g, js, sc, true).js : js;
}

/** Could this expression evaluate to a struct (so assignment must re-check invariants)? */
function mayBeStruct(e: Expr): boolean {
  return !(
    e.type === "Literal" ||
    e.type === "Binary" ||
    e.type === "Interp" ||
    e.type === "ArrayLit" ||
    e.type === "MapLit" ||
    e.type === "Unary" ||
    e.type === "Logical" ||
    e.type === "StructLit"
  );
}
