/** Code generation of statements, statement lists and blocks (loops in loops.ts, functions in functions.ts). */

import type { Expr, Stmt } from "../ast/nodes";
import { renderCond } from "../runtime/contracts";
import type { Gen, Tail } from "./codegen";
import { cond, effect, expr } from "./expr";
import { isString } from "./fragment";
import { closure, fnValue } from "./functions";
import { canOutline, outlineLoop } from "./loop-functions";
import { forStmt, loopStmt } from "./loops";
import { patternTest } from "./patterns";
import { declare, type FnCtx, Scope } from "./scope";
import { flatten, importBindingName, patternNames } from "../ast/walk";

/** Statements of one scope, with its defers (try/finally) and tail value. */
export function stmtList(g: Gen, sc: Scope, stmts: Stmt[], tail: Tail): void {
  const fc = sc.fn;
  const hasDefer = stmts.some((s) => s.type === "Defer");
  let deferVar: string | null = null;
  if (hasDefer) {
    deferVar = `d${g.uid()}`;
    g.emit(`const ${deferVar} = [];`);
    g.open("try {");
  }
  // A `mod` body is a nested list in the same scope: it has defers of its own.
  const outerDefers = sc.deferVar;
  sc.deferVar = deferVar;
  if (stmts.length === 0) tailUnit(g, tail, fc);
  stmts.forEach((s, i) => {
    sc.cur = i;
    stmt(g, s, sc, i === stmts.length - 1 ? tail : null);
  });
  sc.deferVar = outerDefers;
  if (hasDefer) {
    g.reopen("} finally {");
    if (fc.isAsync) g.emit(`{ const p = R.runDefers(${deferVar}); if (p) { await p; S.deadline = dl; } }`);
    else g.emit(`R.runDefers(${deferVar});`);
    g.close();
  }
}

/** Options of a nested block: `head` precedes its `{` (`if (…) `, `else `). */
interface BlockOpts {
  head?: string;
  loopBody?: boolean;
}

/** A nested block scope `{ … }` (if/else bodies, block expressions, loop bodies). */
export function block(g: Gen, parent: Scope, stmts: Stmt[], tail: Tail, opts: BlockOpts = {}): void {
  const fc = parent.fn;
  const sc = new Scope(parent, fc);
  const list = flatten(stmts);
  declare(sc, list, g.uid, g.an.reassigned, g.inp.traitDefaults, g.inp.importValue, g.integers(), g.asciiStrings());
  const label = { label: `B${g.uid()}`, used: false };
  if (!opts.loopBody) fc.blocks.push(label);
  const body = g.capture(() => stmtList(g, sc, list, tail));
  if (!opts.loopBody) fc.blocks.pop();
  const decls = [...sc.vars.values()].filter((v) => v.first >= 0).map((v) => `${v.js} = U`);
  g.open(`${opts.head ?? ""}${label.used ? `${label.label}: {` : "{"}`);
  if (decls.length) g.emit(`let ${decls.join(", ")};`);
  g.emitLines(body);
  g.close();
}

/** The unit value as the tail of a statement list. */
export function tailUnit(g: Gen, tail: Tail, fc: FnCtx): void {
  if (tail === "return") emitReturn(g, "undefined", fc);
  else if (tail) g.emit(`${tail} = undefined;`);
}

/** Return `js` from the current function (through the contract block when it has ensures). */
export function emitReturn(g: Gen, js: string, fc: FnCtx): void {
  if (fc.ret) g.emit(`{ ${fc.ret.v} = ${js}; break ${fc.ret.label}; }`);
  else if (fc.kind === "main") g.emit(`{ ${js}; return; }`);
  else g.emit(`return ${js};`);
}

/** Declarations that run no code of their own record no position. */
const NO_POSITION = new Set(["Noop", "TypeAlias", "StructDecl", "TraitDecl"]);

function stmt(g: Gen, s: Stmt, sc: Scope, tail: Tail): void {
  const fc = sc.fn;
  if (!NO_POSITION.has(s.type)) {
    g.sourceNote(s.loc);
    g.emit(`L = ${g.loc(s.loc)};`);
  }
  switch (s.type) {
    case "ExprStmt": {
      if (tail === "return") emitReturn(g, expr(g, s.expr, sc).js, fc);
      else if (tail) g.emit(`${tail} = ${expr(g, s.expr, sc).js};`);
      else g.emit(`${effect(g, s.expr, sc)};`);
      return;
    }
    case "Let":
      letStmt(g, s, sc);
      break;
    case "FnDecl": {
      const v = sc.vars.get(s.name)!;
      g.emit(`${v.js} = ${fnValue(g, s, sc, v.direct)};`);
      sc.defined.add(s.name);
      break;
    }
    case "ImplDecl":
      implStmt(g, s, sc);
      break;
    case "TraitDecl": {
      const entries = s.methods.map((m) => `[${JSON.stringify(m.name)}, ${fnValue(g, m, sc, null)}]`);
      g.emit(`TT.declareTrait(${JSON.stringify(s.name)}, new Map([${entries.join(", ")}]));`);
      break;
    }
    case "StructDecl":
      g.emit(`${g.typeRef(s.name)}.fields = ${JSON.stringify(s.fields.map((f) => f.name))};`);
      break;
    case "EnumDecl": {
      g.emit(`${g.typeRef(s.name)}.variants = ${JSON.stringify(s.variants.map((v) => v.name))};`);
      for (const v of s.variants) {
        const js = sc.vars.get(v.name)!.js;
        const e = JSON.stringify(s.name);
        const n = JSON.stringify(v.name);
        g.emit(v.arity > 0 ? `${js} = new R.NEnumCtor(${e}, ${n}, ${v.arity});` : `${js} = new NEnum(${e}, ${n}, []);`);
        sc.defined.add(v.name);
      }
      break;
    }
    case "If":
      ifStmt(g, s.cond, s.then, s.otherwise, sc, tail);
      return;
    case "While":
    case "Loop":
      if (canOutline(g, s, sc, tail)) outlineLoop(g, s, sc, (inner) => loopStmt(g, s.type === "While" ? s.cond : null, s.body, inner));
      else loopStmt(g, s.type === "While" ? s.cond : null, s.body, sc);
      break;
    case "For":
      if (canOutline(g, s, sc, tail)) outlineLoop(g, s, sc, (inner) => forStmt(g, s, inner, null));
      else forStmt(g, s, sc, tail);
      return;
    case "Return":
      if (s.value?.type === "Ident" && g.an.exclusive.has(s.value.name)) emitReturn(g, `R.release(${expr(g, s.value, sc).js})`, fc);
      else emitReturn(g, s.value ? expr(g, s.value, sc).js : "undefined", fc);
      return;
    case "Break":
    case "Continue":
      jump(g, s.type === "Break" ? "break" : "continue", fc);
      return;
    case "Defer":
      deferStmt(g, s.expr, sc);
      break;
    case "Import":
      importStmt(g, s, sc);
      break;
    case "Mod":
      stmtList(g, sc, flatten(s.body), tail);
      return;
    case "Noop":
    case "TypeAlias":
      break;
  }
  tailUnit(g, tail, fc);
}

function letStmt(g: Gen, s: Extract<Stmt, { type: "Let" }>, sc: Scope): void {
  const value = s.value ? expr(g, s.value, sc) : null;
  let js = value ? value.js : "undefined";
  if (s.target.type === "BindPat") {
    const v = sc.vars.get(s.target.name)!;
    // Later units of a dynamic scope (REPL entries) may assign any top-level variable.
    if (v.single && value?.int && !g.inp.dynamic) v.int = true;
    if (v.single && value && isString(value) && !g.inp.dynamic) v.str = true;
    if (v.single && value?.ascii && !g.inp.dynamic) v.ascii = true;
    // A literal is a fresh value: a never-shared variable owns it from the start (copy-on-write.ts).
    if ((s.value?.type === "ArrayLit" || s.value?.type === "MapLit") && g.an.exclusive.has(s.target.name)) js = `R.mint(${js})`;
    g.emit(`${sc.vars.get(s.target.name)!.js} = ${js};`);
  } else {
    const t = g.tmp(sc.fn);
    g.emit(`${t} = ${js};`);
    const test = patternTest(g, s.target, t, (name) => sc.vars.get(name)!.js);
    g.emit(`if (!(${test})) R.destructureFail();`);
  }
  for (const n of patternNames(s.target)) sc.defined.add(n);
}

function ifStmt(g: Gen, c: Expr, then: Stmt[], otherwise: Stmt[] | null, sc: Scope, tail: Tail): void {
  block(g, sc, then, tail, { head: `if (${cond(g, c, sc)}) ` });
  if (otherwise) block(g, sc, otherwise, tail, { head: "else " });
  else if (tail) {
    g.open("else {");
    tailUnit(g, tail, sc.fn);
    g.close();
  }
}

function jump(g: Gen, kind: "break" | "continue", fc: FnCtx): void {
  if (fc.loops > 0) g.emit(`${kind};`);
  else if (fc.blocks.length > 0) {
    const b = fc.blocks[fc.blocks.length - 1]!;
    b.used = true;
    g.emit(`break ${b.label};`);
  }
  // Outside any loop and block: a no-op (§4.11).
}

function deferStmt(g: Gen, e: Expr, sc: Scope): void {
  const fn = closure(g, sc, (inner) => `return ${expr(g, e, inner).js};`);
  g.emit(`${sc.deferVar}.push(${fn});`);
}

function importStmt(g: Gen, s: Extract<Stmt, { type: "Import" }>, sc: Scope): void {
  const ref = g.inp.imports.get(s)!;
  const slot = `MOD.imports[${ref.slot}]`;
  const m = g.tmp(sc.fn);
  if (ref.kind === "std") g.emit(`${m} = MOD.std(${slot});`);
  else g.emit(`${m} = await MOD.file(${slot});`);
  if (s.items) {
    for (const it of s.items) {
      const name = it.alias ?? it.name;
      g.emit(`${sc.vars.get(name)!.js} = MOD.member(${m}, ${JSON.stringify(it.name)});`);
      sc.defined.add(name);
    }
  } else {
    const name = importBindingName(s);
    g.emit(`${sc.vars.get(name)!.js} = ${m};`);
    sc.defined.add(name);
  }
}

function implStmt(g: Gen, s: Extract<Stmt, { type: "ImplDecl" }>, sc: Scope): void {
  const pairs: string[] = [];
  for (const m of s.methods) {
    const v = sc.vars.get(m.name)!;
    g.emit(`${v.js} = ${fnValue(g, m, sc, v.direct)};`);
    pairs.push(`[${JSON.stringify(m.name)}, ${v.js}]`);
  }
  const invs = s.invariants.map((inv, i) => {
    const sv = `sv${g.uid()}`;
    const sync = !g.an.exprSuspends(inv);
    const check = closure(g, sc, (inner) => `return ${expr(g, inv, inner).js};`, { params: sv, selfVar: sv, sync });
    const text = renderCond(inv, s.invariantsText[i]);
    const id = `${g.inp.file}:${inv.loc.line}:${inv.loc.col}`;
    return `{ id: ${JSON.stringify(id)}, check: ${check}, text: ${JSON.stringify(text)} }`;
  });
  const trait = s.traitName ? JSON.stringify(s.traitName) : "null";
  g.emit(`TT.registerImpl(${g.typeRef(s.typeName)}, ${trait}, [${pairs.join(", ")}], [${invs.join(", ")}]);`);
  for (const m of s.methods) sc.defined.add(m.name);
  if (s.traitName) {
    for (const d of g.inp.traitDefaults(s.traitName)) {
      if (s.methods.some((m) => m.name === d)) continue;
      const v = sc.vars.get(d)!;
      g.emit(`if (${v.js} === U) ${v.js} = R.traitDefault(TT, ${JSON.stringify(s.traitName)}, ${JSON.stringify(d)});`);
    }
  }
}
