/** Reading and assigning names: scopes first, then globals, else E006 with a suggestion computed at compile time. */

import type { Loc } from "../ast/nodes";
import { suggestName } from "../runtime/error-display";
import type { Gen } from "./codegen";
import { complex, type Frag, globalVar, name as nameFrag } from "./fragment";
import type { Scope, Var } from "./scope";

function isDefinite(v: Var, s: Scope, from: Scope): boolean {
  if (s.defined.has(v.name)) return true;
  return s.fn !== from.fn && v.first === s.cur;
}

interface Hit {
  v: Var;
  scope: Scope;
  definite: boolean;
}

/** The innermost binding of `name` visible from `sc`, if any. */
export function lookup(name: string, sc: Scope): Hit | null {
  for (let s: Scope | null = sc; s; s = s.parent) {
    const v = s.vars.get(name);
    if (v) return { v, scope: s, definite: isDefinite(v, s, sc) };
  }
  return null;
}

/**
 * JS expression reading `name`: the innermost declared binding, with run-time fallback to
 * outer bindings while it is not yet defined, then globals, then E006 (or `U` when
 * `orU`, used for method-call fallbacks that raise E007 themselves).
 */
export function readName(g: Gen, name: string, sc: Scope, orU = false, at: Loc | null = null): Frag {
  const base = readFrom(g, name, sc, sc, orU, at);
  const sv = sc.fn.selfVar;
  if (sv && !orU) {
    if (name === "self") return complex(`(${sv}.fields.has("self") ? ${sv}.fields.get("self") : ${sv})`);
    return complex(`(${sv}.fields.has(${JSON.stringify(name)}) ? ${sv}.fields.get(${JSON.stringify(name)}) : ${base.js})`);
  }
  return base;
}

/** `at`: where the name is written, so an undefined-variable error points at it. */
function readFrom(g: Gen, name: string, s: Scope | null, from: Scope, orU: boolean, at: Loc | null): Frag {
  for (; s; s = s.parent) {
    const v = s.vars.get(name);
    if (!v) continue;
    if (isDefinite(v, s, from)) return { js: v.js, kind: "name", int: v.int, str: v.str || v.ascii, ascii: v.ascii, integer: v.integer };
    return complex(`(${v.js} !== U ? ${v.js} : ${readFrom(g, name, s.parent, from, orU, at).js})`);
  }
  // Dynamic units resolve the name at run time; the unit's own names give the suggestion if it fails.
  if (g.inp.dynamic) return complex(`MOD.dyn(${JSON.stringify(name)}, ${orU}, ${JSON.stringify(suggestName(name, localNames(from)))})`);
  if (g.inp.globals.has(name)) {
    g.usedGlobals.add(name);
    return nameFrag(globalVar(name));
  }
  if (orU) return nameFrag("U");
  const where = at ? `, FILE, LOCS[${g.loc(at)}]` : "";
  return complex(`R.undef(${JSON.stringify(name)}, ${JSON.stringify(suggestName(name, candidates(g, from)))}${where})`);
}

function localNames(sc: Scope): string[] {
  const out: string[] = [];
  for (let s: Scope | null = sc; s; s = s.parent) out.push(...s.vars.keys());
  return out;
}

function candidates(g: Gen, sc: Scope): string[] {
  const out = new Set<string>(g.inp.globals.keys());
  for (let s: Scope | null = sc; s; s = s.parent) for (const n of s.vars.keys()) out.add(n);
  return [...out];
}

/** Assign `val` (a simple JS expression) to the binding `name`; yields the assigned value. */
export function assignName(g: Gen, name: string, val: string, sc: Scope): string {
  const chain = (s: Scope | null): string => {
    for (; s; s = s.parent) {
      const v = s.vars.get(name);
      if (!v) continue;
      if (isDefinite(v, s, sc)) return `(${v.js} = ${val})`;
      return `(${v.js} !== U ? (${v.js} = ${val}) : ${chain(s.parent)})`;
    }
    if (g.inp.dynamic) return `MOD.dynSet(${JSON.stringify(name)}, ${val}, ${JSON.stringify(suggestName(name, localNames(sc)))})`;
    return `R.undef(${JSON.stringify(name)}, ${JSON.stringify(suggestName(name, candidates(g, sc)))})`;
  };
  return chain(sc);
}
