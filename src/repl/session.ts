/**
 * One REPL session. Each entry is compiled as a program of its own (src/compiler, in dynamic
 * mode): names it does not declare resolve at run time to the live bindings of earlier
 * entries, then to the builtins. Assigning such a name writes the earlier entry's binding,
 * so functions defined earlier see the new value, as in one long program.
 */

import { resolve } from "node:path";
import type { Expr, Program, Stmt } from "../ast/nodes";
import * as R from "../runtime/rt";
import { allGlobals } from "../engine/index";
import { parseFile, compileProgramGraph, type RunCtx } from "../engine/modules";
import { suggestName } from "../runtime/error-display";
import { state } from "../runtime/state";
import { NNative, type Value } from "../runtime/values";

/** Name of the native that receives an entry's last value. */
const CAPTURE = "__repl_value";

export class ReplSession {
  /** Binding name → the entry that declared it most recently (its live variables). */
  private owners = new Map<string, RunCtx>();
  /** Parameter names of top-level functions, for `:env`. */
  private params = new Map<string, string[]>();
  /** Statements of every entry so far, for the static checker (`:type`). */
  private history: Stmt[] = [];
  private globalScope: Map<string, Value> | null = null;

  /** Builtins visible to entries (core and server). */
  async globals(): Promise<Map<string, Value>> {
    this.globalScope ??= await allGlobals();
    return this.globalScope;
  }

  /** Parse, compile and run one entry; resolves to its last value (Unit for declarations). */
  async eval(source: string, file = resolve("<repl>")): Promise<Value> {
    const globals = await this.globals();
    const program = await parseFile(file, source);
    this.history.push(...program.body);
    let last: Value;
    const capture = new NNative(CAPTURE, 1, 1, ([v]) => {
      last = v;
      return undefined;
    });
    const body = capturingLastValue(program.body);
    const loaded = await compileProgramGraph(file, { ...program, body }, globals, {
      lookup: (name) => (name === CAPTURE ? capture : this.read(name)),
      assign: (name, value) => this.owners.get(name)?.assign?.(name, value) ?? false,
      suggest: (name) => suggestName(name, [...this.names(), ...globals.keys()]),
    });
    R.nativeContext.scriptDir = process.cwd();
    const ctx: RunCtx = {};
    const depth = state.depth;
    try {
      await loaded.main(ctx);
    } finally {
      state.depth = depth;
      this.adopt(ctx, program);
    }
    return last;
  }

  /**
   * The static type of an expression (src/checker) in the context of every entry so far,
   * without running it; null when the checker cannot tell (`Any`).
   */
  async staticType(source: string, file = resolve("<repl>")): Promise<string | null> {
    const entry = await parseFile(file, source);
    const program: Program = { type: "Program", body: [...this.history, ...entry.body] };
    const { loadCheckEnv, typeOfLast } = await import("../checker/index");
    const type = typeOfLast(program, await loadCheckEnv(file));
    return type && type !== "Any" ? type : null;
  }

  /** The current value of a session binding or builtin, or `R.U`. */
  read(name: string): Value | typeof R.U {
    const owner = this.owners.get(name);
    if (owner?.read) {
      const v = owner.read(name);
      if (v !== R.U) return v;
    }
    const g = this.globalScope;
    return g?.has(name) ? g.get(name) : R.U;
  }

  /** Names of the builtins (empty until the first entry or `globals()` call loaded them). */
  globalNames(): string[] {
    return this.globalScope ? [...this.globalScope.keys()] : [];
  }

  /** Names the user has bound so far, oldest first. */
  names(): string[] {
    return [...this.owners.keys()];
  }

  /** Parameter names of a top-level function defined in the session. */
  paramsOf(name: string): string[] | undefined {
    return this.params.get(name);
  }

  /** Forget every binding (`:clear`). */
  clear(): void {
    this.owners.clear();
    this.params.clear();
    this.history = [];
  }

  /** Make the entry the owner of every name it bound (also when it failed part-way). */
  private adopt(ctx: RunCtx, program: Program): void {
    const bound = ctx.exports?.() ?? new Map<string, Value>();
    for (const name of bound.keys()) {
      this.owners.delete(name);
      this.owners.set(name, ctx);
      this.params.delete(name);
    }
    for (const s of program.body) {
      if (s.type === "FnDecl" && bound.has(s.name))
        this.params.set(
          s.name,
          s.params.map((p) => p.name),
        );
    }
  }
}

/** The entry with its last statement's value handed to the capture native (a trailing `if` counts as an expression). */
function capturingLastValue(body: Stmt[]): Stmt[] {
  const last = body[body.length - 1];
  if (!last) return body;
  let value: Expr | null = null;
  if (last.type === "ExprStmt" && last.expr.type !== "Assign") value = last.expr;
  else if (last.type === "If") value = ifExpression(last);
  if (!value) return body;
  const loc = last.loc;
  const call: Expr = { type: "Call", loc, callee: { type: "Ident", loc, name: CAPTURE }, args: [value] };
  return [...body.slice(0, -1), { type: "ExprStmt", loc, expr: call }];
}

function ifExpression(s: Extract<Stmt, { type: "If" }>): Expr {
  const elseIf = s.otherwise?.length === 1 && s.otherwise[0]!.type === "If" ? s.otherwise[0]! : null;
  const otherwise = elseIf ? [{ type: "ExprStmt" as const, loc: elseIf.loc, expr: ifExpression(elseIf) }] : s.otherwise;
  return { type: "IfExpr", loc: s.loc, cond: s.cond, then: s.then, otherwise };
}
