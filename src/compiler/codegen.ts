/**
 * Code generation state: the lines being written (each with its nesting depth), temps,
 * constants and positions, and the program body. Statements are in statements.ts, loops in
 * loops.ts, functions in functions.ts, expressions in expr.ts.
 */

import type { Loc, Program, Stmt } from "../ast/nodes";
import type { Value } from "../runtime/values";
import type { Analysis } from "./analysis";
import { globalVar, jsIdentPart } from "./fragment";
import { declare, FnCtx, Scope, type Var } from "./scope";
import { stmtList } from "./statements";
import { flatten } from "../ast/walk";

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
  /** The program's source text: set, the code is written to be read (indented, each statement under its source line). */
  readableSource?: string;
}

/** Tail handling: null = value unused, "return" = the function's value, else a JS variable to set. */
export type Tail = null | "return" | string;

/** One generated line and how deeply it is nested (for the readable rendering). */
export interface Line {
  text: string;
  depth: number;
}

/** Lines as JS source: indented when written to be read, else as compact as possible. */
export function renderLines(lines: Line[], readable: boolean): string {
  if (!readable) return lines.map((l) => l.text).join("\n");
  return lines.map((l) => "  ".repeat(l.depth) + l.text).join("\n");
}

/** `s` with line terminators replaced by spaces (a file name inside a line comment). */
function oneLine(s: string): string {
  let out = "";
  for (const ch of s) out += ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029" ? " " : ch;
  return out;
}

export class Gen {
  out: Line[] = [];
  private depth = 0;
  private n = 0;
  readonly locs: Loc[] = [];
  readonly consts: unknown[] = [];
  readonly usedGlobals = new Set<string>();
  /** Struct and enum names the unit uses → the JS constant holding the descriptor (`typeRef`). */
  private readonly typeRefs = new Map<string, string>();
  /** Top-level function bindings → async verdict (for importers' analysis). */
  readonly topFns = new Map<string, boolean>();
  readonly an: Analysis;
  /** Source lines when the code is written to be read (NTNT_DUMP_JS), else null. */
  readonly sourceLines: string[] | null;

  constructor(readonly inp: GenInput) {
    this.an = inp.analysis;
    this.sourceLines = inp.readableSource === undefined ? null : inp.readableSource.split("\n");
  }

  uid = (): number => ++this.n;

  emit(line: string): void {
    this.out.push({ text: line, depth: this.depth });
  }

  /** Emit a line that opens a nesting level (`if (…) {`). */
  open(line: string): void {
    this.emit(line);
    this.depth++;
  }

  /** Emit a line that closes a nesting level (`}`). */
  close(line = "}"): void {
    this.depth--;
    this.emit(line);
  }

  /** Emit a line that closes one nesting level and opens the next (`} finally {`). */
  reopen(line: string): void {
    this.close(line);
    this.depth++;
  }

  /** Re-emit captured lines at the current depth. */
  emitLines(lines: Line[]): void {
    for (const l of lines) this.out.push({ text: l.text, depth: l.depth + this.depth });
  }

  /** Run `f` collecting emitted lines separately (depths relative to the capture). */
  capture(f: () => void): Line[] {
    const saved = this.out;
    const savedDepth = this.depth;
    this.out = [];
    this.depth = 0;
    try {
      f();
      return this.out;
    } finally {
      this.out = saved;
      this.depth = savedDepth;
    }
  }

  /** In readable output, the statement's source line as a comment above its code. */
  sourceNote(l: Loc): void {
    const text = this.sourceLines?.[l.line - 1];
    if (text !== undefined) this.emit(`// ${l.line}: ${text.trim()}`);
  }

  render(lines: Line[]): string {
    return renderLines(lines, this.sourceLines !== null);
  }

  /** Names that always hold an Int; none in dynamic units (later units may assign anything). */
  integers(): Set<string> | undefined {
    return this.inp.dynamic ? undefined : this.an.integers;
  }

  /** Names that always hold an ASCII String; none in dynamic units. */
  asciiStrings(): Set<string> | undefined {
    return this.inp.dynamic ? undefined : this.an.asciiStrings;
  }

  /** Fresh temporary variable of the current JS function (declared with the function's locals). */
  tmp(fc: FnCtx): string {
    const t = `t${this.uid()}`;
    fc.temps.push(t);
    return t;
  }

  /** The JS constant holding the descriptor of the struct or enum `name` in the load running this unit (looked up once, as the unit is instantiated). */
  typeRef(name: string): string {
    let js = this.typeRefs.get(name);
    if (js === undefined) this.typeRefs.set(name, (js = `T_${jsIdentPart(name)}`));
    return js;
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

  /** Wrap a call that may return a Promise in an async function (deadline restored after await). */
  awaitWrap(call: string, fc: FnCtx): string {
    if (!fc.isAsync) return call;
    const t = this.tmp(fc);
    return `((${t} = ${call}) instanceof Promise ? (${t} = await ${t}, S.deadline = dl, ${t}) : ${t})`;
  }

  /** `let` lines for a scope's variables (not `skip`, the parameters) and the function's temps: call once its body is generated. */
  varDecls(sc: Scope, fc: FnCtx, skip?: Set<Var>): void {
    const vars = [...sc.vars.values()].filter((v) => !skip?.has(v)).map((v) => `${v.js} = U`);
    if (vars.length) this.emit(`let ${vars.join(", ")};`);
    if (fc.temps.length) this.emit(`let ${fc.temps.join(", ")};`);
  }

  // ---------------------------------------------------------------- program

  /** The factory body: preamble plus `return [async] function main(ctx) {…}`, named after the program file. */
  program(): string {
    // The program body is async only when it may suspend: top-level hot loops then run as
    // plain JS (locals of async functions live in heap-allocated frames).
    const fc = new FnCtx(null, Boolean(this.inp.dynamic) || this.an.bodySuspends(this.inp.program.body), "main", "<main>");
    const sc = new Scope(null, fc);
    const stmts = flatten(this.inp.program.body);
    declare(sc, stmts, this.uid, this.an.reassigned, this.inp.traitDefaults, this.inp.importValue, this.integers(), this.asciiStrings());
    const body = this.capture(() => stmtList(this, sc, stmts, null));
    // Values handed out lose their in-place mark (copy-on-write.ts `release`).
    const exportsFn = [...sc.vars.values()].map(
      (v) => `if (${v.js} !== U) m.set(${JSON.stringify(v.name)}, ${this.an.exclusive.has(v.name) ? `R.release(${v.js})` : v.js});`,
    );
    for (const v of sc.vars.values()) if (v.fn) this.topFns.set(v.name, this.an.asyncFns.has(v.fn));
    const main = this.capture(() => {
      this.open(`return ${fc.isAsync ? "async " : ""}function main(ctx) {`);
      this.emit("let L = 0; const dl = S.deadline;");
      this.varDecls(sc, fc);
      // Suspending bodies (servers, templates, REPL entries) are read while they run: a live
      // closure. Others run to completion first and hand over their values when done: a closure
      // over every top-level variable would put them all in a scope object, slowing every
      // top-level loop.
      if (fc.isAsync) this.emit(`ctx.exports = () => { const m = new Map(); ${exportsFn.join(" ")} return m; };`);
      if (this.inp.dynamic) this.liveAccess(sc);
      this.open("try {");
      this.emitLines(body);
      if (fc.isAsync) this.close("} catch (e) { throw R.at(e, FILE, LOCS[L]); }");
      else {
        this.reopen("} catch (e) { throw R.at(e, FILE, LOCS[L]); } finally {");
        this.emit(`const m = new Map(); ${exportsFn.join(" ")} ctx.exports = () => m;`);
        this.close();
      }
      this.close("};");
    });
    const globals = [...this.usedGlobals].map((g) => `const ${globalVar(g)} = X.G.get(${JSON.stringify(g)});`);
    // The load's declared types (type-table.ts): a descriptor per type this unit names.
    const types = [...this.typeRefs].map(([name, js]) => `const ${js} = TT.type(${JSON.stringify(name)});`);
    return [
      '"use strict";',
      "const R = X.R, ops = X.ops, S = X.S, U = X.U, M = X.MISSING, K = X.K, LOCS = X.LOCS, FILE = X.FILE, MOD = X.MOD, NC = X.NC, TT = NC.load.types;",
      "const { NArray, NFloat, NEnum, NMap, NStruct, NRange, NModule, UFn, truthy, str, inv } = R;",
      ...globals,
      ...types,
      this.render(main),
      // Stack traces and CPU profiles name the program instead of an anonymous eval.
      `//# sourceURL=${oneLine(this.inp.file)}`,
    ].join("\n");
  }

  /**
   * Dynamic units (templates, REPL entries) also expose their top-level variables by name,
   * live: later units read and assign them through `MOD.dyn`/`MOD.dynSet`.
   */
  private liveAccess(sc: Scope): void {
    const vars = [...sc.vars.values()];
    const reads = vars.map((v) => `case ${JSON.stringify(v.name)}: return ${v.js};`);
    const writes = vars.map((v) => `case ${JSON.stringify(v.name)}: ${v.js} = v; return true;`);
    this.emit(`ctx.read = (n) => { switch (n) { ${reads.join(" ")} } return U; };`);
    this.emit(`ctx.assign = (n, v) => { switch (n) { ${writes.join(" ")} } return false; };`);
  }
}
