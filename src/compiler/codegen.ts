/** Code generation: statements, blocks, functions and the program body (expressions in expr.ts). */

import type { Expr, FnDecl, Loc, Program, Stmt } from "../ast/nodes";
import { renderCond } from "../runtime/contracts";
import { MAX_CALL_DEPTH } from "../runtime/state";
import type { Value } from "../runtime/values";
import type { Analysis } from "./analysis";
import { cond, expr } from "./expr";
import { patternTest } from "./patterns";
import { declare, declareOne, FnCtx, Scope, type Var } from "./scope";
import { flatten, importBindingName, patternNames } from "../ast/walk";

/** Compile-time knowledge about one import statement, resolved before code generation. */
export interface ImportRef {
  /** Index into the unit's import table (`MOD.imports[i]` at run time). */
  slot: number;
  kind: "std" | "file";
}

export interface GenInput {
  program: Program;
  file: string;
  globals: Map<string, Value>;
  imports: Map<Stmt, ImportRef>;
  analysis: Analysis;
  /** Trait name → names of its default methods (traits declared anywhere in the program). */
  traitDefaults: (trait: string) => string[];
  /** Value of a std-module member bound by an import statement (known before compiling). */
  importValue?: (s: Stmt, name: string) => Value | undefined;
  /** Resolve names missing from every scope through `X.dyn(name)` (dynamic templates). */
  dynamic?: boolean;
}

/** Tail handling: null = value unused, "return" = the function's value, else a JS variable to set. */
export type Tail = null | "return" | string;

export class Gen {
  out: string[] = [];
  private n = 0;
  readonly locs: Loc[] = [];
  readonly consts: unknown[] = [];
  readonly usedGlobals = new Set<string>();
  /** The expression of the statement being compiled when its value is not used. */
  dropped: Expr | null = null;
  /** Top-level function bindings → async verdict (for importers' analysis). */
  readonly topFns = new Map<string, boolean>();
  readonly an: Analysis;

  constructor(readonly inp: GenInput) {
    this.an = inp.analysis;
  }

  uid = (): number => ++this.n;

  emit(line: string): void {
    this.out.push(line);
  }

  /** Fresh temporary variable of the current JS function. */
  tmp(fc: FnCtx): string {
    const t = `t${this.uid()}`;
    fc.temps.push(t);
    return t;
  }

  /** A constant value shared by the generated code (`K[i]`). */
  konst(v: unknown): string {
    this.consts.push(v);
    return `K[${this.consts.length - 1}]`;
  }

  loc(l: Loc): number {
    this.locs.push(l);
    return this.locs.length - 1;
  }

  /** Run `f` collecting emitted lines separately. */
  capture(f: () => void): string[] {
    const saved = this.out;
    this.out = [];
    try {
      f();
      return this.out;
    } finally {
      this.out = saved;
    }
  }

  /** Wrap a call that may return a Promise in an async function (deadline restored after await). */
  awaitWrap(call: string, fc: FnCtx): string {
    if (!fc.isAsync) return call;
    const t = this.tmp(fc);
    return `((${t} = ${call}) instanceof Promise ? (${t} = await ${t}, S.deadline = dl, ${t}) : ${t})`;
  }

  // ---------------------------------------------------------------- program

  /** The factory body: preamble plus `return [async] function main(ctx) {…}`. */
  program(): string {
    // The program body is async only when it may suspend: top-level hot loops then run as
    // plain JS (locals of async functions live in heap-allocated frames).
    const fc = new FnCtx(null, Boolean(this.inp.dynamic) || this.mainSuspends(), "main", "<main>");
    const sc = new Scope(null, fc);
    const stmts = flatten(this.inp.program.body);
    declare(sc, stmts, this.uid, this.an.reassigned, this.inp.traitDefaults, this.inp.importValue);
    const body = this.capture(() => this.stmtList(sc, stmts, null));
    // Values handed out lose their in-place mark (copy-on-write.ts `release`).
    const exportsFn = [...sc.vars.values()].map(
      (v) => `if (${v.js} !== U) m.set(${JSON.stringify(v.name)}, ${this.an.exclusive.has(v.name) ? `R.release(${v.js})` : v.js});`,
    );
    for (const v of sc.vars.values()) if (v.fn) this.topFns.set(v.name, this.an.asyncFns.has(v.fn));
    const main = resolveTemps(
      [
        `return ${fc.isAsync ? "async " : ""}function main(ctx) {`,
        "let L = 0; const dl = S.deadline;",
        ...this.varDecls(sc, fc),
        `ctx.exports = () => { const m = new Map(); ${exportsFn.join(" ")} return m; };`,
        ...(this.inp.dynamic ? this.liveAccess(sc) : []),
        "try {",
        ...body,
        "} catch (e) { throw R.at(e, FILE, LOCS[L]); }",
        "};",
      ],
      fc,
    );
    const globals = [...this.usedGlobals].map((g) => `const ${globalVar(g)} = X.G.get(${JSON.stringify(g)});`);
    return [
      '"use strict";',
      "const R = X.R, ops = X.ops, S = X.S, U = X.U, M = X.MISSING, K = X.K, LOCS = X.LOCS, FILE = X.FILE, MOD = X.MOD;",
      "const { NArray, NFloat, NEnum, NMap, NStruct, NRange, NModule, UFn, truthy, str, inv } = R;",
      ...globals,
      ...main,
    ].join("\n");
  }

  /**
   * Dynamic units (templates, REPL entries) also expose their top-level variables by name,
   * live: later units read and assign them through `MOD.dyn`/`MOD.dynSet`.
   */
  private liveAccess(sc: Scope): string[] {
    const vars = [...sc.vars.values()];
    const reads = vars.map((v) => `case ${JSON.stringify(v.name)}: return ${v.js};`);
    const writes = vars.map((v) => `case ${JSON.stringify(v.name)}: ${v.js} = v; return true;`);
    return [
      `ctx.read = (n) => { switch (n) { ${reads.join(" ")} } return U; };`,
      `ctx.assign = (n, v) => { switch (n) { ${writes.join(" ")} } return false; };`,
    ];
  }

  /** `let` lines for a scope's variables (not parameters) and the function's temps. */
  private varDecls(sc: Scope, fc: FnCtx, skip?: Set<Var>): string[] {
    const vars = [...sc.vars.values()].filter((v) => !skip?.has(v)).map((v) => `${v.js} = U`);
    const lines = vars.length ? [`let ${vars.join(", ")};`] : [];
    // Temps are declared by a placeholder resolved once the function is complete.
    lines.push(`/*TEMPS:${fcId(fc)}*/`);
    return lines;
  }

  // ---------------------------------------------------------------- statement lists and blocks

  /** Statements of one scope, with its defers (try/finally) and tail value. */
  stmtList(sc: Scope, stmts: Stmt[], tail: Tail): void {
    const fc = sc.fn;
    const hasDefer = stmts.some((s) => s.type === "Defer");
    let deferVar: string | null = null;
    if (hasDefer) {
      deferVar = `d${this.uid()}`;
      this.emit(`const ${deferVar} = [];`);
      this.emit("try {");
    }
    const saved = this.deferVar;
    this.deferVar = deferVar;
    if (stmts.length === 0) this.tailUnit(tail, fc);
    stmts.forEach((s, i) => {
      sc.cur = i;
      this.stmt(s, sc, i === stmts.length - 1 ? tail : null);
    });
    this.deferVar = saved;
    if (hasDefer) {
      this.emit("} finally {");
      if (fc.isAsync) this.emit(`{ const p = R.runDefers(${deferVar}); if (p) { await p; S.deadline = dl; } }`);
      else this.emit(`R.runDefers(${deferVar});`);
      this.emit("}");
    }
  }

  deferVar: string | null = null;

  /** A nested block scope `{ … }` (if/else bodies, block expressions, loop bodies). */
  block(parent: Scope, stmts: Stmt[], tail: Tail, opts: { loopBody?: boolean; pre?: (sc: Scope) => void } = {}): void {
    const fc = parent.fn;
    const sc = new Scope(parent, fc);
    const list = flatten(stmts);
    opts.pre?.(sc);
    declare(sc, list, this.uid, this.an.reassigned, this.inp.traitDefaults, this.inp.importValue);
    const label = { label: `B${this.uid()}`, used: false };
    if (!opts.loopBody) fc.blocks.push(label);
    const body = this.capture(() => this.stmtList(sc, list, tail));
    if (!opts.loopBody) fc.blocks.pop();
    const decls = [...sc.vars.values()].filter((v) => v.first >= 0).map((v) => `${v.js} = U`);
    this.emit(label.used ? `${label.label}: {` : "{");
    if (decls.length) this.emit(`let ${decls.join(", ")};`);
    for (const l of body) this.emit(l);
    this.emit("}");
  }

  tailUnit(tail: Tail, fc: FnCtx): void {
    if (tail === "return") this.emitReturn("undefined", fc);
    else if (tail) this.emit(`${tail} = undefined;`);
  }

  emitReturn(js: string, fc: FnCtx): void {
    if (fc.ret) this.emit(`{ ${fc.ret.v} = ${js}; break ${fc.ret.label}; }`);
    else if (fc.kind === "main") this.emit(`{ ${js}; return; }`);
    else this.emit(`return ${js};`);
  }

  // ---------------------------------------------------------------- statements

  stmt(s: Stmt, sc: Scope, tail: Tail): void {
    const fc = sc.fn;
    if (s.type !== "Noop" && s.type !== "TypeAlias" && s.type !== "StructDecl" && s.type !== "TraitDecl") this.emit(`L = ${this.loc(s.loc)};`);
    switch (s.type) {
      case "ExprStmt": {
        // An assignment whose value is dropped: `v = push(v, x)` may then append in place.
        const outer = this.dropped;
        this.dropped = tail ? null : s.expr;
        const js = expr(this, s.expr, sc);
        this.dropped = outer;
        if (tail === "return") this.emitReturn(js, fc);
        else if (tail) this.emit(`${tail} = ${js};`);
        else this.emit(`${js};`);
        return;
      }
      case "Let":
        this.letStmt(s, sc);
        break;
      case "FnDecl": {
        const v = sc.vars.get(s.name)!;
        this.emit(`${v.js} = ${this.fnValue(s, sc, v.direct)};`);
        sc.defined.add(s.name);
        break;
      }
      case "ImplDecl":
        this.implStmt(s, sc);
        break;
      case "TraitDecl": {
        const entries = s.methods.map((m) => `[${JSON.stringify(m.name)}, ${this.fnValue(m, sc, null)}]`);
        this.emit(`R.traits.set(${JSON.stringify(s.name)}, new Map([${entries.join(", ")}]));`);
        break;
      }
      case "StructDecl":
        this.emit(`R.structs.set(${JSON.stringify(s.name)}, ${JSON.stringify(s.fields.map((f) => f.name))});`);
        break;
      case "EnumDecl": {
        this.emit(`R.enums.set(${JSON.stringify(s.name)}, ${JSON.stringify(s.variants.map((v) => v.name))});`);
        for (const v of s.variants) {
          const js = sc.vars.get(v.name)!.js;
          const e = JSON.stringify(s.name);
          const n = JSON.stringify(v.name);
          this.emit(v.arity > 0 ? `${js} = new R.NEnumCtor(${e}, ${n}, ${v.arity});` : `${js} = new NEnum(${e}, ${n}, []);`);
          sc.defined.add(v.name);
        }
        break;
      }
      case "If":
        this.ifStmt(s.cond, s.then, s.otherwise, sc, tail);
        return;
      case "While":
      case "Loop":
        this.loopStmt(s.type === "While" ? s.cond : null, s.body, sc);
        break;
      case "For":
        this.forStmt(s, sc, tail);
        return;
      case "Return":
        if (s.value?.type === "Ident" && this.an.exclusive.has(s.value.name)) this.emitReturn(`R.release(${expr(this, s.value, sc)})`, fc);
        else this.emitReturn(s.value ? expr(this, s.value, sc) : "undefined", fc);
        return;
      case "Break":
      case "Continue":
        this.jump(s.type === "Break" ? "break" : "continue", fc);
        return;
      case "Defer":
        this.deferStmt(s.expr, sc);
        break;
      case "Import":
        this.importStmt(s, sc);
        break;
      case "Mod":
        this.stmtList(sc, flatten(s.body), tail);
        return;
      case "Noop":
      case "TypeAlias":
        break;
    }
    this.tailUnit(tail, fc);
  }

  private letStmt(s: Extract<Stmt, { type: "Let" }>, sc: Scope): void {
    let js = s.value ? expr(this, s.value, sc) : "undefined";
    if (s.target.type === "BindPat") {
      // A literal is a fresh value: a never-shared variable owns it from the start (copy-on-write.ts).
      if ((s.value?.type === "ArrayLit" || s.value?.type === "MapLit") && this.an.exclusive.has(s.target.name)) js = `R.mint(${js})`;
      this.emit(`${sc.vars.get(s.target.name)!.js} = ${js};`);
    } else {
      const t = this.tmp(sc.fn);
      this.emit(`${t} = ${js};`);
      const test = patternTest(this, s.target, t, (name) => sc.vars.get(name)!.js);
      this.emit(`if (!(${test})) R.destructureFail();`);
    }
    for (const n of patternNames(s.target)) sc.defined.add(n);
  }

  private ifStmt(c: Expr, then: Stmt[], otherwise: Stmt[] | null, sc: Scope, tail: Tail): void {
    this.emit(`if (${cond(this, c, sc)}) `);
    this.block(sc, then, tail);
    if (otherwise) {
      this.emit("else ");
      this.block(sc, otherwise, tail);
    } else if (tail) {
      this.emit("else {");
      this.tailUnit(tail, sc.fn);
      this.emit("}");
    }
  }

  /** Back-edge check: deadline (and cooperative yield in async code). */
  private backEdge(fc: FnCtx): void {
    if (fc.isAsync) this.emit("if (S.watch && (++S.ticks & 1023) === 0) { const y = R.asyncTick(); if (y) { await y; S.deadline = dl; } }");
    else this.emit("if (S.watch && (++S.ticks & 1023) === 0) R.tick();");
  }

  private loopStmt(c: Expr | null, body: Stmt[], sc: Scope): void {
    const fc = sc.fn;
    this.emit("while (true) {");
    this.backEdge(fc);
    if (c) {
      const lines = this.capture(() => this.emit(`if (!(${cond(this, c, sc)})) break;`));
      for (const l of lines) this.emit(l);
    }
    fc.loops++;
    this.block(sc, body, null, { loopBody: true });
    fc.loops--;
    this.emit("}");
  }

  private forStmt(s: Extract<Stmt, { type: "For" }>, sc: Scope, tail: Tail): void {
    const fc = sc.fn;
    const tv = tail ? this.tmp(fc) : null;
    if (tv) this.emit(`${tv} = undefined;`);
    const k = `k${this.uid()}`;
    let head: string;
    let item: string;
    if (s.iterable.type === "Range") {
      const a = this.tmp(fc);
      const b = this.tmp(fc);
      this.emit(`${a} = ${expr(this, s.iterable.start, sc)}; ${b} = ${expr(this, s.iterable.end, sc)};`);
      // Bounds beyond ±2^53 are bigints: then the loop counts in bigints (Ints are 64-bit).
      this.emit(`if (typeof ${a} !== "number" || typeof ${b} !== "number") { R.range(${a}, ${b}, false); ${a} = BigInt(${a}); ${b} = BigInt(${b}); }`);
      head = `for (let ${k} = ${a}; ${k} ${s.iterable.inclusive ? "<=" : "<"} ${b}; ${k}++) {`;
      item = `(typeof ${k} === "number" ? ${k} : R.rangeInt(${k}))`;
    } else {
      const it = this.tmp(fc);
      const items = this.tmp(fc);
      const n = this.tmp(fc);
      const st = this.tmp(fc);
      this.emit(`${it} = ${expr(this, s.iterable, sc)};`);
      this.emit(
        `if (${it} instanceof NRange && typeof ${it}.start === "number" && typeof ${it}.end === "number") { ${items} = null; ${st} = ${it}.start; ${n} = (${it}.inclusive ? ${it}.end + 1 : ${it}.end) - ${st}; }` +
          ` else if (${it} instanceof NRange) { ({ items: ${items}, count: ${n} } = R.bigRangeItems(${it})); }` +
          ` else if (${it} instanceof NArray) { ${items} = R.iterationBuffer(${it}); ${n} = ${it}.length; } else { ${items} = R.iterItems(${it}); ${n} = ${items}.length; }`,
      );
      head = `for (let ${k} = 0; ${k} < ${n}; ${k}++) {`;
      item = `(${items} === null ? ${st} + ${k} : ${items}[${k}])`;
    }
    this.emit(head);
    this.backEdge(fc);
    if (tv) this.emit(`${tv} = undefined;`);
    fc.loops++;
    // The loop variable lives in its own scope around the body block (§4.9).
    const loopScope = new Scope(sc, fc);
    const lv = declareOne(loopScope, s.variable, this.uid);
    this.emit(`let ${lv.js} = ${item};`);
    this.block(loopScope, s.body, tv, { loopBody: true });
    fc.loops--;
    this.emit("}");
    if (tail === "return") this.emitReturn(tv!, fc);
    else if (tail) this.emit(`${tail} = ${tv};`);
  }

  private jump(kind: "break" | "continue", fc: FnCtx): void {
    if (fc.loops > 0) this.emit(`${kind};`);
    else if (fc.blocks.length > 0) {
      const b = fc.blocks[fc.blocks.length - 1]!;
      b.used = true;
      this.emit(`break ${b.label};`);
    }
    // Outside any loop and block: a no-op (§4.11).
  }

  private deferStmt(e: Expr, sc: Scope): void {
    const fn = this.closure(sc, (inner) => `return ${expr(this, e, inner)};`);
    this.emit(`${this.deferVar}.push(${fn});`);
  }

  /** An arrow function sharing the enclosing scope (defers, invariants). */
  closure(sc: Scope, body: (inner: Scope) => string, opts: { params?: string; selfVar?: string; sync?: boolean } = {}): string {
    const isAsync = opts.sync === undefined ? sc.fn.isAsync : !opts.sync;
    const fc = new FnCtx(sc.fn, isAsync, "closure", sc.fn.name);
    fc.selfVar = opts.selfVar ?? null;
    const inner = new Scope(sc, fc);
    const lines = this.capture(() => this.emit(body(inner)));
    // A local `L`: positions inside the closure must not overwrite the defining function's.
    const temps = `let L = 0;${fc.temps.length ? ` let ${fc.temps.join(", ")};` : ""} `;
    return `${fc.isAsync ? "async " : ""}(${opts.params ?? ""}) => { ${temps}${lines.join("\n")} }`;
  }

  private importStmt(s: Extract<Stmt, { type: "Import" }>, sc: Scope): void {
    const ref = this.inp.imports.get(s)!;
    const slot = `MOD.imports[${ref.slot}]`;
    const m = this.tmp(sc.fn);
    if (ref.kind === "std") this.emit(`${m} = MOD.std(${slot});`);
    else this.emit(`${m} = await MOD.file(${slot});`);
    if (s.items) {
      for (const it of s.items) {
        const name = it.alias ?? it.name;
        this.emit(`${sc.vars.get(name)!.js} = MOD.member(${m}, ${JSON.stringify(it.name)});`);
        sc.defined.add(name);
      }
    } else {
      const name = importBindingName(s);
      this.emit(`${sc.vars.get(name)!.js} = ${m};`);
      sc.defined.add(name);
    }
  }

  private implStmt(s: Extract<Stmt, { type: "ImplDecl" }>, sc: Scope): void {
    const pairs: string[] = [];
    for (const m of s.methods) {
      const v = sc.vars.get(m.name)!;
      this.emit(`${v.js} = ${this.fnValue(m, sc, v.direct)};`);
      pairs.push(`[${JSON.stringify(m.name)}, ${v.js}]`);
    }
    const invs = s.invariants.map((inv, i) => {
      const sv = `sv${this.uid()}`;
      const sync = !this.an.exprSuspends(inv);
      const check = this.closure(sc, (inner) => `return ${expr(this, inv, inner)};`, { params: sv, selfVar: sv, sync });
      const text = renderCond(inv, s.invariantsText[i]);
      const id = `${this.inp.file}:${inv.loc.line}:${inv.loc.col}`;
      return `{ id: ${JSON.stringify(id)}, check: ${check}, text: ${JSON.stringify(text)} }`;
    });
    const trait = s.traitName ? JSON.stringify(s.traitName) : "null";
    this.emit(`R.registerImpl(${JSON.stringify(s.typeName)}, ${trait}, [${pairs.join(", ")}], [${invs.join(", ")}]);`);
    for (const m of s.methods) sc.defined.add(m.name);
    if (s.traitName) {
      for (const d of this.inp.traitDefaults(s.traitName)) {
        if (s.methods.some((m) => m.name === d)) continue;
        const v = sc.vars.get(d)!;
        this.emit(`if (${v.js} === U) ${v.js} = R.traitDefault(${JSON.stringify(s.traitName)}, ${JSON.stringify(d)});`);
      }
    }
  }

  // ---------------------------------------------------------------- functions

  /** A function value expression (`new UFn(…)`) for a declaration; emits the JS function first. */
  fnValue(f: FnDecl, sc: Scope, directName: string | null): string {
    const isAsync = this.an.asyncFns.has(f);
    const jsName = directName ?? `f_${this.uid()}`;
    const fc = new FnCtx(sc.fn, isAsync, "fn", f.name);
    const body = new Scope(sc, fc);
    const params = f.params.map((p) => declareOne(body, p.name, this.uid));
    const paramSet = new Set(params);
    const stmts = flatten(f.body);
    declare(body, stmts, this.uid, this.an.reassigned, this.inp.traitDefaults, this.inp.importValue);
    const hasContract = f.requires.length > 0 || f.ensures.length > 0;
    const lines = this.capture(() => {
      f.params.forEach((p, i) => {
        if (p.defaultValue) this.emit(`if (${params[i]!.js} === M) ${params[i]!.js} = ${expr(this, p.defaultValue, body)};`);
      });
      if (!hasContract) {
        this.stmtList(body, stmts, "return");
        return;
      }
      f.requires.forEach((r, i) => {
        this.emit(`if (!(${cond(this, r, body)})) R.pre(${JSON.stringify(f.name)}, ${JSON.stringify(renderCond(r, f.requiresText[i]))});`);
      });
      fc.olds = this.captureOlds(f.ensures, body);
      const rv = this.tmp(fc);
      fc.ret = { label: `FB${this.uid()}`, v: rv };
      this.emit(`${fc.ret.label}: {`);
      this.stmtList(body, stmts, "return");
      this.emit("}");
      fc.ret = null;
      const resultVar = declareOne(body, "result", this.uid);
      this.emit(`${resultVar.js} = ${rv};`);
      f.ensures.forEach((en, i) => {
        this.emit(`if (!(${cond(this, en, body)})) R.post(${JSON.stringify(f.name)}, ${JSON.stringify(renderCond(en, f.ensuresText[i]))});`);
      });
      this.emit(`return ${rv};`);
    });
    const entry = this.loc(f.loc);
    const text = [
      `${isAsync ? "async " : ""}function ${jsName}(${params.map((p) => p.js).join(", ")}) {`,
      "if (S.watch && (++S.ticks & 1023) === 0) R.tick();",
      `if (++S.depth > ${MAX_CALL_DEPTH}) R.tooDeep();`,
      `let L = ${entry};${isAsync ? " const dl = S.deadline;" : ""}`,
      ...this.varDecls(body, fc, paramSet),
      "try {",
      ...lines,
      "} catch (e) { throw R.at(e, FILE, LOCS[L]); } finally { S.depth--; }",
      "}",
    ];
    for (const l of resolveTemps(text, fc)) this.emit(l);
    const required = f.params.findIndex((p) => p.defaultValue !== null);
    const req = required < 0 ? f.params.length : required;
    return `new UFn(${JSON.stringify(f.name)}, ${f.params.length}, ${req}, ${jsName}, ${isAsync}, FILE, ${f.loc.line})`;
  }

  /** Evaluate every `old(e)` of the ensures clauses at entry; values are immutable, so no copy. */
  private captureOlds(ensures: Expr[], sc: Scope): Map<unknown, string> {
    const olds = new Map<unknown, string>();
    const find = (e: Expr) => {
      if (e.type === "Call" && e.callee.type === "Ident" && e.callee.name === "old" && e.args.length === 1) {
        const t = this.tmp(sc.fn);
        this.emit(`${t} = ${expr(this, e.args[0]!, sc)};`);
        olds.set(e, t);
        return;
      }
      for (const c of childExprs(e)) find(c);
    };
    for (const en of ensures) find(en);
    return olds;
  }

  /** Does the program body itself (outside function declarations) contain a possibly suspending call? */
  mainSuspends(): boolean {
    return this.an.bodySuspends(this.inp.program.body);
  }
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

const fcIds = new WeakMap<FnCtx, number>();
let fcCounter = 0;
function fcId(fc: FnCtx): number {
  let id = fcIds.get(fc);
  if (id === undefined) fcIds.set(fc, (id = ++fcCounter));
  return id;
}

/** Replace a function's temp placeholder with its temp declarations. */
export function resolveTemps(lines: string[], fc: FnCtx): string[] {
  const marker = `/*TEMPS:${fcId(fc)}*/`;
  const decl = fc.temps.length ? `let ${fc.temps.join(", ")};` : "";
  return lines.map((l) => (l === marker ? decl : l));
}

export const globalVar = (name: string): string => `g_${name.replace(/[^A-Za-z0-9_]/g, (c) => "$" + c.codePointAt(0)!.toString(16))}`;
