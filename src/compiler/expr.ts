/**
 * Expression code generation. `expr` returns a JS expression; expressions that contain
 * statements (blocks, `match`, if-expressions, templates) emit those first into the current
 * statement list and yield a temp. `seq` keeps left-to-right evaluation by spilling earlier
 * operands into temps whenever a later operand emits statements.
 */

import type { Expr, Loc } from "../ast/nodes";
import { suggestName } from "../runtime/error-display";
import { coreBuiltins } from "../runtime/core-builtins";
import { NEnum, NFloat, NNative } from "../runtime/values";
import { globalVar, type Gen } from "./codegen";
import { isSelfPush } from "./analysis";
import { patternTest } from "./patterns";
import { declareOne, Scope, type Var } from "./scope";
import { templateExpr } from "./template-codegen";
import { children, patternNames } from "../ast/walk";

const MAXS = "9007199254740991";

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
export function seq(g: Gen, es: Expr[], sc: Scope): string[] {
  const out: string[] = [];
  // Operands before the last statement-emitting one are spilled (found once: linear in es).
  let lastStmts = -1;
  for (let i = es.length - 1; i >= 0; i--) {
    if (hasStmts(es[i]!)) {
      lastStmts = i;
      break;
    }
  }
  for (let i = 0; i < es.length; i++) {
    const js = expr(g, es[i]!, sc);
    if (i < lastStmts && !isSimple(js)) {
      const t = g.tmp(sc.fn);
      g.emit(`${t} = ${js};`);
      out.push(t);
    } else out.push(js);
  }
  return out;
}

const isSimple = (js: string): boolean => /^([A-Za-z_$][\w$]*|\d+|"[^"\\]*"|true|false|undefined)$/.test(js);
const isIntLit = (js: string): boolean => /^\d+$/.test(js) && Number(js) <= Number.MAX_SAFE_INTEGER;

/** `js` as an operand used several times: itself when simple, else a temp assigned in `pre`. */
function once(g: Gen, js: string, sc: Scope, pre: string[]): string {
  if (isSimple(js)) return js;
  const t = g.tmp(sc.fn);
  pre.push(`${t} = ${js}`);
  return t;
}

const wrapPre = (pre: string[], body: string): string => (pre.length ? `(${pre.join(", ")}, ${body})` : `(${body})`);

/** Operations that can fail record their position in the function's `L` (innermost wins). */
const LOCATED = new Set(["Call", "MethodCall", "Field", "Index", "Binary"]);

export function expr(g: Gen, e: Expr, sc: Scope): string {
  const inner = exprInner(g, e, sc);
  const js = LOCATED.has(e.type) || (e.type === "Path" && e.args) ? `(L = ${g.loc(e.loc)}, ${inner})` : inner;
  if (!isSplitPoint(e) || isSimple(js)) return js;
  const t = g.tmp(sc.fn);
  g.emit(`${t} = ${js};`);
  return t;
}

function exprInner(g: Gen, e: Expr, sc: Scope): string {
  switch (e.type) {
    case "Literal": {
      const v = e.value;
      if (v.kind === "int") return typeof v.value === "bigint" ? `${v.value}n` : String(v.value);
      if (v.kind === "float") return g.konst(new NFloat(v.value));
      if (v.kind === "string") return JSON.stringify(v.value);
      return String(v.value);
    }
    case "Unit":
      return "undefined";
    case "Ident":
      return readName(g, e.name, sc, false, e.loc);
    case "Interp": {
      const parts: string[] = [];
      const exprs = e.parts.filter((p): p is Expr => typeof p !== "string");
      const vals = seq(g, exprs, sc);
      let k = 0;
      for (const p of e.parts) parts.push(typeof p === "string" ? JSON.stringify(p) : `str(${vals[k++]})`);
      return parts.length ? `(${parts.join(" + ")})` : '""';
    }
    case "Template":
      return templateExpr(g, e.parts, sc);
    case "ArrayLit":
      return `new NArray([${seq(g, e.items, sc).join(", ")}])`;
    case "MapLit":
      return `R.mapLit([${seq(
        g,
        e.entries.flatMap((x) => [x.key, x.value]),
        sc,
      ).join(", ")}])`;
    case "StructLit": {
      const vals = seq(
        g,
        e.fields.map((f) => f.value),
        sc,
      );
      return invWrap(g, `R.mkStruct(${JSON.stringify(e.name)}, ${g.konst(e.fields.map((f) => f.name))}, [${vals.join(", ")}])`, sc);
    }
    case "Block": {
      const t = g.tmp(sc.fn);
      g.block(sc, e.body, t);
      return t;
    }
    case "IfExpr": {
      const t = g.tmp(sc.fn);
      g.emit(`if (${cond(g, e.cond, sc)}) `);
      g.block(sc, e.then, t);
      g.emit("else ");
      g.block(sc, e.otherwise ?? [], t);
      return t;
    }
    case "Binary":
      return binary(g, e, sc);
    case "Logical":
      return logical(g, e, sc);
    case "Unary": {
      if (e.op === "!") return `!${cond(g, e.operand, sc)}`;
      const pre: string[] = [];
      const a = once(g, expr(g, e.operand, sc), sc, pre);
      return wrapPre(pre, `typeof ${a} === "number" && ${a} !== 0 ? -${a} : ops.neg(${a})`);
    }
    case "Range": {
      const [a, b] = seq(g, [e.start, e.end], sc);
      return `R.range(${a}, ${b}, ${e.inclusive})`;
    }
    case "Call":
      return call(g, e, sc);
    case "MethodCall": {
      const [o, ...args] = seq(g, [e.object, ...e.args], sc);
      const fallback = readName(g, e.method, sc, true);
      return callResult(g, `R.method(${o}, ${JSON.stringify(e.method)}, [${args.join(", ")}], ${fallback})`, sc, true);
    }
    case "Field":
      return `ops.field(${expr(g, e.object, sc)}, ${JSON.stringify(e.name)})`;
    case "Index": {
      const [o0, i0] = seq(g, [e.object, e.index], sc);
      const pre: string[] = [];
      if (/^\d/.test(o0!)) return `ops.index(${o0}, ${i0})`;
      const o = once(g, o0!, sc, pre);
      const i = once(g, i0!, sc, pre);
      const t = g.tmp(sc.fn);
      // A present String key of a map; a missing key or Unit value takes the slow path.
      const mapHit = `${o} instanceof NMap && (${t} = ${o}.entries.get(${i})) !== undefined ? ${t}`;
      if (i0!.startsWith('"')) return wrapPre(pre, `${mapHit} : ops.index(${o}, ${i})`);
      return wrapPre(
        pre,
        `${o} instanceof NArray && typeof ${i} === "number" && ${i} >= 0 && ${i} < ${o}.length ? ${o}.items[${i}] : typeof ${i} === "string" && ${mapHit} : ops.index(${o}, ${i})`,
      );
    }
    case "Path": {
      if (e.args === null) return g.konst(new NEnum(e.enumName, e.variant, []));
      const args = seq(g, e.args, sc);
      const js = `R.path(${JSON.stringify(e.enumName)}, ${JSON.stringify(e.variant)}, [${args.join(", ")}])`;
      return callResult(g, js, sc, true);
    }
    case "Match":
      return match(g, e, sc);
    case "Assign":
      return assign(g, e, sc);
  }
}

/** JS boolean for the truthiness of `e` (comparisons and logic need no conversion). */
export function cond(g: Gen, e: Expr, sc: Scope): string {
  if (e.type === "Binary" && e.op !== "+" && e.op !== "-" && e.op !== "*" && e.op !== "/" && e.op !== "%") {
    return `(L = ${g.loc(e.loc)}, ${binary(g, e, sc)})`;
  }
  if (e.type === "Logical" && e.op !== "??") return logical(g, e, sc);
  if (e.type === "Unary" && e.op === "!") return `!${cond(g, e.operand, sc)}`;
  if (e.type === "Literal" && e.value.kind === "bool") return String(e.value.value);
  const js = expr(g, e, sc);
  if (isSimple(js)) return `(${js} === true || (${js} !== false && truthy(${js})))`;
  const t = g.tmp(sc.fn);
  return `((${t} = ${js}) === true || (${t} !== false && truthy(${t})))`;
}

function logical(g: Gen, e: Extract<Expr, { type: "Logical" }>, sc: Scope): string {
  if (e.op === "??") {
    const t = g.tmp(sc.fn);
    const a = expr(g, e.left, sc);
    if (!hasStmts(e.right)) return `((${t} = R.coalesce(${a})) === M ? ${expr(g, e.right, sc)} : ${t})`;
    g.emit(`if ((${t} = R.coalesce(${a})) === M) {`);
    g.emit(`${t} = ${expr(g, e.right, sc)};`);
    g.emit("}");
    return t;
  }
  const a = cond(g, e.left, sc);
  if (!hasStmts(e.right)) return `(${a} ${e.op} ${cond(g, e.right, sc)})`;
  const t = g.tmp(sc.fn);
  g.emit(`${t} = ${a};`);
  g.emit(e.op === "&&" ? `if (${t}) {` : `if (!${t}) {`);
  g.emit(`${t} = ${cond(g, e.right, sc)};`);
  g.emit("}");
  return t;
}

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

function binary(g: Gen, e: Extract<Expr, { type: "Binary" }>, sc: Scope): string {
  const [a0, b0] = seq(g, [e.left, e.right], sc);
  return binaryJs(g, e.op, a0!, b0!, sc);
}

/** Operator code with Int fast paths inline and `ops` as the slow path. */
export function binaryJs(g: Gen, op: string, a0: string, b0: string, sc: Scope): string {
  const pre: string[] = [];
  const a = once(g, a0, sc, pre);
  const b = once(g, b0, sc, pre);
  const slow = `ops.${OPS[op]}(${a}, ${b})`;
  const aNum = isIntLit(a);
  const bNum = isIntLit(b);
  const bothNum = [aNum ? null : `typeof ${a} === "number"`, bNum ? null : `typeof ${b} === "number"`].filter(Boolean).join(" && ") || "true";
  switch (op) {
    case "+":
    case "-":
    case "*": {
      if (b0.startsWith('"') || a0.startsWith('"')) {
        // String + String concatenates directly; anything else needs Display (ops.add).
        if (op !== "+") return wrapPre(pre, slow);
        if (a0.startsWith('"') && b0.startsWith('"')) return wrapPre(pre, `${a} + ${b}`);
        const other = b0.startsWith('"') ? a : b;
        return wrapPre(pre, `typeof ${other} === "string" ? ${a} + ${b} : ${slow}`);
      }
      const r = g.tmp(sc.fn);
      const jsOp = op;
      const fix = op === "*" ? " + 0" : "";
      // int32 results take the first test; larger safe results the range test; the rest
      // (overflow past 2^53, non-Int operands) the exact slow path.
      return wrapPre(pre, `${bothNum} ? (((${r} = ${a} ${jsOp} ${b}${fix}) | 0) === ${r} || (${r} <= ${MAXS} && ${r} >= -${MAXS}) ? ${r} : ${slow}) : ${slow}`);
    }
    case "/":
      return wrapPre(pre, `${bothNum} && ${b} !== 0 && (${a} | 0) === ${a} && (${b} | 0) === ${b} ? Math.trunc(${a} / ${b}) + 0 : ${slow}`);
    case "%":
      return wrapPre(pre, `${bothNum} && ${b} !== 0 ? ${a} % ${b} + 0 : ${slow}`);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return wrapPre(pre, `${bothNum} ? ${a} ${op} ${b} : ${slow}`);
    case "==":
    case "!=": {
      const jsOp = op === "==" ? "===" : "!==";
      if (a.startsWith('"') || b.startsWith('"')) {
        const other = a.startsWith('"') ? b : a;
        return wrapPre(pre, `typeof ${other} === "string" ? ${a} ${jsOp} ${b} : ${slow}`);
      }
      return wrapPre(pre, `${bothNum} ? ${a} ${jsOp} ${b} : ${slow}`);
    }
  }
  return wrapPre(pre, slow);
}

// ---------------------------------------------------------------- names

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
export function readName(g: Gen, name: string, sc: Scope, orU = false, at: Loc | null = null): string {
  const base = readFrom(g, name, sc, sc, orU, at);
  const sv = sc.fn.selfVar;
  if (sv && !orU) {
    if (name === "self") return `(${sv}.fields.has("self") ? ${sv}.fields.get("self") : ${sv})`;
    return `(${sv}.fields.has(${JSON.stringify(name)}) ? ${sv}.fields.get(${JSON.stringify(name)}) : ${base})`;
  }
  return base;
}

/** `at`: where the name is written, so an undefined-variable error points at it. */
function readFrom(g: Gen, name: string, s: Scope | null, from: Scope, orU: boolean, at: Loc | null): string {
  for (; s; s = s.parent) {
    const v = s.vars.get(name);
    if (!v) continue;
    if (isDefinite(v, s, from)) return v.js;
    return `(${v.js} !== U ? ${v.js} : ${readFrom(g, name, s.parent, from, orU, at)})`;
  }
  // Dynamic units resolve the name at run time; the unit's own names give the suggestion if it fails.
  if (g.inp.dynamic) return `MOD.dyn(${JSON.stringify(name)}, ${orU}, ${JSON.stringify(suggestName(name, localNames(from)))})`;
  if (g.inp.globals.has(name)) {
    g.usedGlobals.add(name);
    return globalVar(name);
  }
  if (orU) return "U";
  const where = at ? `, FILE, LOCS[${g.loc(at)}]` : "";
  return `R.undef(${JSON.stringify(name)}, ${JSON.stringify(suggestName(name, candidates(g, from)))}${where})`;
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
function assignName(g: Gen, name: string, val: string, sc: Scope): string {
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

// ---------------------------------------------------------------- calls

/** Wrap a call's result: awaited in async code, checked for stray Promises in sync code. */
function callResult(g: Gen, js: string, sc: Scope, generic: boolean): string {
  if (sc.fn.isAsync) return g.awaitWrap(js, sc.fn);
  return generic ? `R.syncResult(${js})` : js;
}

function call(g: Gen, e: Extract<Expr, { type: "Call" }>, sc: Scope): string {
  if (e.callee.type === "Ident") {
    const name = e.callee.name;
    const hit = lookup(name, sc);
    if (name === "old" && !hit && e.args.length === 1) {
      const captured = sc.fn.olds?.get(e);
      return captured ?? expr(g, e.args[0]!, sc);
    }
    const n = e.args.length;
    if (hit && hit.definite && hit.v.direct && !sc.fn.selfVar) {
      const f = hit.v.fn!;
      const required = f.params.filter((p) => p.defaultValue === null).length;
      if (n >= required && n <= f.params.length) {
        const args = seq(g, e.args, sc);
        while (args.length < f.params.length) args.push("M");
        const js = `${hit.v.direct}(${args.join(", ")})`;
        return g.an.asyncFns.has(f) ? g.awaitWrap(js, sc.fn) : js;
      }
    }
    const nat = hit && hit.definite && !sc.fn.selfVar ? hit.v.native : null;
    if (nat && n >= nat.minArity && (nat.maxArity < 0 || n <= nat.maxArity)) {
      const args = seq(g, e.args, sc);
      return callResult(g, nativeCall(hit!.v.js, nat, args), sc, false);
    }
    if (!hit && ROUTE_FNS.has(name) && n === 2 && e.args[0]!.type === "Interp" && g.inp.globals.has(name)) {
      // Route registration keeps `{name}` placeholders literal (reference eval_route_pattern).
      e = { ...e, args: [routePattern(e.args[0]!), e.args[1]!] };
    }
    if (!hit && !sc.fn.selfVar) {
      const gv = g.inp.globals.get(name);
      if (gv instanceof NNative && n >= gv.minArity && (gv.maxArity < 0 || n <= gv.maxArity)) {
        const args = seq(g, e.args, sc);
        g.usedGlobals.add(name);
        const inline = inlineBuiltin(g, gv, args, sc);
        if (inline) return inline;
        return callResult(g, nativeCall(globalVar(name), gv, args), sc, false);
      }
    }
  }
  // Generic call: callee first, then arguments (§4.10).
  let callee = expr(g, e.callee, sc);
  if (!isSimple(callee)) {
    const t = g.tmp(sc.fn);
    g.emit(`${t} = ${callee};`);
    callee = t;
  }
  const args = seq(g, e.args, sc);
  const js = args.length <= 3 ? `R.call${args.length}(${[callee, ...args].join(", ")})` : `R.callValue(${callee}, [${args.join(", ")}])`;
  return callResult(g, js, sc, true);
}

/** Call of a known native: without an argument array when it has a fixed-arity entry. */
function nativeCall(js: string, fn: NNative, args: string[]): string {
  if (fn.fixed && args.length === fn.minArity) return `${js}.fixed(${args.join(", ")}, R.nativeContext)`;
  return `${js}.fn([${args.join(", ")}], R.nativeContext)`;
}

/** Inline fast paths of the hottest core builtins (their common case only; else the native). */
function inlineBuiltin(g: Gen, fn: NNative, args: string[], sc: Scope): string | null {
  if (/^[\d"]/.test(args[0] ?? "")) return null;
  const pre: string[] = [];
  const call = (a: string[]) => nativeCall(globalVar(fn.name), fn, a);
  if (fn === coreBuiltins.push && args.length === 2) {
    const a = once(g, args[0]!, sc, pre);
    const v = once(g, args[1]!, sc, pre);
    return wrapPre(pre, `${a} instanceof NArray ? ${a}.push(${v}) : ${call([a, v])}`);
  }
  if (fn === coreBuiltins.len && args.length === 1) {
    const a = once(g, args[0]!, sc, pre);
    return wrapPre(pre, `${a} instanceof NArray ? ${a}.length : typeof ${a} === "string" ? R.utf8Length(${a}) : ${call([a])}`);
  }
  if (fn === coreBuiltins.str && args.length === 1) return `str(${args[0]})`;
  return null;
}

const ROUTE_FNS = new Set(["get", "post", "put", "delete", "patch"]);

/** `"/users/{id}"`: identifier parts stay literal placeholders, other parts are interpolated. */
function routePattern(arg: Extract<Expr, { type: "Interp" }>): Expr {
  const parts = arg.parts.map((p) => (typeof p !== "string" && p.type === "Ident" ? `{${p.name}}` : p));
  return { ...arg, parts };
}

// ---------------------------------------------------------------- match

function match(g: Gen, e: Extract<Expr, { type: "Match" }>, sc: Scope): string {
  const fc = sc.fn;
  const s = g.tmp(fc);
  const r = g.tmp(fc);
  g.emit(`${s} = ${expr(g, e.subject, sc)};`);
  const catchAll = e.arms.some((a) => a.pattern.type === "WildcardPat" || a.pattern.type === "BindPat");
  if (!catchAll) {
    const covered = new Set<string>();
    for (const a of e.arms) if (a.pattern.type === "VariantPat") covered.add(a.pattern.variant);
    g.emit(`R.exhaust(${s}, ${g.konst(covered)});`);
  }
  const label = `M${g.uid()}`;
  g.emit(`${label}: {`);
  for (const arm of e.arms) {
    const armScope = new Scope(sc, fc);
    const vars = patternNames(arm.pattern).map((n) => declareOne(armScope, n, g.uid));
    g.emit("{");
    if (vars.length) g.emit(`let ${vars.map((v) => v.js).join(", ")};`);
    g.emit(`if (${patternTest(g, arm.pattern, s, (n) => armScope.vars.get(n)!.js)}) {`);
    let close = "}";
    if (arm.guard) {
      g.emit(`if (${cond(g, arm.guard, armScope)}) {`);
      close = "}}";
    }
    g.emit(`${r} = ${expr(g, arm.body, armScope)};`);
    g.emit(`break ${label};`);
    g.emit(close);
    g.emit("}");
  }
  g.emit("R.noMatch();");
  g.emit("}");
  return r;
}

// ---------------------------------------------------------------- assignment

function assign(g: Gen, e: Extract<Expr, { type: "Assign" }>, sc: Scope): string {
  const fc = sc.fn;
  const op = e.op === "=" ? null : e.op[0]!;
  if (e.target.type === "Ident") {
    const name = e.target.name;
    let val: string;
    if (op) {
      const [cur, rhs] = seq(g, [e.target, e.value], sc);
      val = binaryJs(g, op, cur!, rhs!, sc);
    } else if (g.dropped === e && ownWrite(g, name, sc) && isSelfPush(e, !lookup("push", sc) && g.inp.globals.get("push") === coreBuiltins.push)) {
      // `v = push(v, x)` on a never-shared variable keeps its array exclusive (copy-on-write.ts).
      const [cur, x] = seq(g, (e.value as Extract<Expr, { type: "Call" }>).args, sc);
      const c = g.tmp(fc);
      g.usedGlobals.add("push");
      val = `(${c} = ${cur}, ${c} instanceof NArray ? R.pushExclusive(${c}, ${x}) : ${globalVar("push")}.fn([${c}, ${x}], R.nativeContext))`;
      return `(L = ${g.loc(e.loc)}, ${assignName(g, name, val, sc)})`;
    } else val = expr(g, e.value, sc);
    const t = g.tmp(fc);
    const check = mayBeStruct(e.value) && !op ? invWrap(g, `inv(${val})`, sc) : val;
    return `(${t} = ${check}, ${assignName(g, name, t, sc)}, ${t})`;
  }
  // Paths `a.b[i].c = v` rebuild the root variable from copies (#5, #6).
  const segs: Expr[] = [];
  let node: Expr = e.target;
  while (node.type === "Field" || node.type === "Index") {
    segs.unshift(node);
    node = node.object;
  }
  if (node.type !== "Ident") return `(${expr(g, e.value, sc)}, R.invalidTarget())`;
  const keyExprs = segs.filter((s): s is Extract<Expr, { type: "Index" }> => s.type === "Index").map((s) => s.index);
  const vals = seq(g, [node, ...keyExprs, e.value], sc);
  const pre: string[] = [];
  const objs: string[] = [once(g, vals[0]!, sc, pre)];
  const keys: string[] = [];
  let ki = 1;
  for (const s of segs) keys.push(s.type === "Field" ? JSON.stringify(s.name) : once(g, vals[ki++]!, sc, pre));
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
  let newVal = rhs;
  if (op) {
    const t = g.tmp(fc);
    pre.push(`${t} = ${binaryJs(g, op, get(last, objs[last]!), rhs, sc)}`);
    newVal = t;
  }
  let built = newVal;
  for (let i = last; i >= 0; i--) built = set(i, objs[i]!, built);
  const nt = g.tmp(fc);
  if (exclusive) {
    // A value already minted for this variable (copy-on-write.ts `own`) is updated in place inline.
    const o = objs[0]!,
      k = keys[0]!;
    const inArray = `${o} instanceof NArray && ${o}.own === 2 && typeof ${k} === "number" && ${k} >= 0 && ${k} < ${o}.length`;
    const inMap = `${o} instanceof NMap && ${o}.own && typeof ${k} === "string"`;
    const slow = `(${nt} = ${built}, ${assignName(g, node.name, nt, sc)})`;
    pre.push(`${inArray} ? (${o}.items[${k}] = ${newVal}) : ${inMap} ? ${o}.entries.set(${k}, ${newVal}) : ${slow}`);
    return `(${pre.join(", ")}, ${newVal})`;
  }
  pre.push(`${nt} = ${built}`);
  pre.push(assignName(g, node.name, nt, sc));
  return `(${pre.join(", ")}, ${newVal})`;
}

/**
 * May this write update `name`'s value in place (analysis.ts `exclusive`)? Only in the
 * function that declares the variable, once the declaration has run: a function writing a
 * top-level variable may run after the module's importers received its value.
 */
function ownWrite(g: Gen, name: string, sc: Scope): boolean {
  if (!g.an.exclusive.has(name)) return false;
  const hit = lookup(name, sc);
  return hit !== null && hit.definite && hit.scope.fn === sc.fn;
}

/** Await an invariant check when some invariant may suspend. */
function invWrap(g: Gen, js: string, sc: Scope): string {
  return g.an.invariantsMayAsync ? callResult(g, js, sc, true) : js;
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
