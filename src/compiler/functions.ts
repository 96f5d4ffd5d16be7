/** Code generation of functions: declarations with their contracts, and helper closures (defers, invariants). */

import type { Expr, FnDecl } from "../ast/nodes";
import { renderCond } from "../runtime/contracts";
import { MAX_CALL_DEPTH } from "../runtime/state";
import type { Gen } from "./codegen";
import { cond, expr } from "./expr";
import { declare, declareOne, FnCtx, Scope } from "./scope";
import { stmtList } from "./statements";
import { flatten } from "../ast/walk";

/** An arrow function sharing the enclosing scope (defers, invariants); `body` returns its last statement. */
export function closure(g: Gen, sc: Scope, body: (inner: Scope) => string, opts: { params?: string; selfVar?: string; sync?: boolean } = {}): string {
  const isAsync = opts.sync === undefined ? sc.fn.isAsync : !opts.sync;
  const fc = new FnCtx(sc.fn, isAsync, "closure", sc.fn.name);
  fc.selfVar = opts.selfVar ?? null;
  const inner = new Scope(sc, fc);
  const lines = g.capture(() => g.emit(body(inner)));
  // A local `L`: positions inside the closure must not overwrite the defining function's.
  const temps = `let L = 0;${fc.temps.length ? ` let ${fc.temps.join(", ")};` : ""} `;
  return `${fc.isAsync ? "async " : ""}(${opts.params ?? ""}) => { ${temps}${g.render(lines)} }`;
}

/** A function value expression (`new UFn(…)`) for a declaration; emits the JS function first. */
export function fnValue(g: Gen, f: FnDecl, sc: Scope, directName: string | null): string {
  const isAsync = g.an.asyncFns.has(f);
  const jsName = directName ?? `f_${g.uid()}`;
  const fc = new FnCtx(sc.fn, isAsync, "fn", f.name);
  const body = new Scope(sc, fc);
  const params = f.params.map((p) => declareOne(body, p.name, g.uid));
  const paramSet = new Set(params);
  const stmts = flatten(f.body);
  declare(body, stmts, g.uid, g.an.reassigned, g.inp.traitDefaults, g.inp.importValue, g.integers(), g.asciiStrings());
  const hasContract = f.requires.length > 0 || f.ensures.length > 0;
  const lines = g.capture(() => {
    f.params.forEach((p, i) => {
      if (p.defaultValue) g.emit(`if (${params[i]!.js} === M) ${params[i]!.js} = ${expr(g, p.defaultValue, body).js};`);
    });
    if (!hasContract) {
      stmtList(g, body, stmts, "return");
      return;
    }
    f.requires.forEach((r, i) => {
      g.emit(`if (!(${cond(g, r, body)})) R.pre(${JSON.stringify(f.name)}, ${JSON.stringify(renderCond(r, f.requiresText[i]))});`);
    });
    fc.olds = captureOlds(g, f.ensures, body);
    const rv = g.tmp(fc);
    fc.ret = { label: `FB${g.uid()}`, v: rv };
    g.open(`${fc.ret.label}: {`);
    stmtList(g, body, stmts, "return");
    g.close();
    fc.ret = null;
    const resultVar = declareOne(body, "result", g.uid);
    g.emit(`${resultVar.js} = ${rv};`);
    f.ensures.forEach((en, i) => {
      g.emit(`if (!(${cond(g, en, body)})) R.post(${JSON.stringify(f.name)}, ${JSON.stringify(renderCond(en, f.ensuresText[i]))});`);
    });
    g.emit(`return ${rv};`);
  });
  const entry = g.loc(f.loc);
  g.open(`${isAsync ? "async " : ""}function ${jsName}(${params.map((p) => p.js).join(", ")}) {`);
  g.emit("if (S.watch && (++S.ticks & 1023) === 0) R.tick();");
  g.emit(`if (++S.depth > ${MAX_CALL_DEPTH}) R.tooDeep();`);
  g.emit(`let L = ${entry};${isAsync ? " const dl = S.deadline;" : ""}`);
  g.varDecls(body, fc, paramSet);
  g.open("try {");
  g.emitLines(lines);
  g.close("} catch (e) { throw R.at(e, FILE, LOCS[L]); } finally { S.depth--; }");
  g.close();
  const required = f.params.findIndex((p) => p.defaultValue !== null);
  const req = required < 0 ? f.params.length : required;
  return `new UFn(${JSON.stringify(f.name)}, ${f.params.length}, ${req}, ${jsName}, ${isAsync}, FILE, ${f.loc.line})`;
}

/** Evaluate every `old(e)` of the ensures clauses at entry; values are immutable, so no copy. */
function captureOlds(g: Gen, ensures: Expr[], sc: Scope): Map<unknown, string> {
  const olds = new Map<unknown, string>();
  const find = (e: Expr) => {
    if (e.type === "Call" && e.callee.type === "Ident" && e.callee.name === "old" && e.args.length === 1) {
      const t = g.tmp(sc.fn);
      g.emit(`${t} = ${expr(g, e.args[0]!, sc).js};`);
      olds.set(e, t);
      return;
    }
    for (const c of childExprs(e)) find(c);
  };
  for (const en of ensures) find(en);
  return olds;
}

/**
 * Operands where an `old(…)` is captured at entry (§6): call arguments and operator operands,
 * not `walk.children`, whose blocks and match arms may bind names not yet in scope.
 */
function childExprs(e: Expr): Expr[] {
  switch (e.type) {
    case "Binary":
    case "Logical":
      return [e.left, e.right];
    case "Unary":
      return [e.operand];
    case "Call":
      return [e.callee, ...e.args];
    case "MethodCall":
      return [e.object, ...e.args];
    case "Field":
      return [e.object];
    case "Index":
      return [e.object, e.index];
    case "ArrayLit":
      return e.items;
    default:
      return [];
  }
}
