/** Statements and declarations (language.md §3): annotations, contracts, returns, conditions, scopes. */

import type { Expr, FnDecl, Program, Stmt } from "../ast/nodes";
import { flatten, importBindingName, visit } from "../ast/walk";
import { declaredNames } from "../compiler/scope";
import { suggestName } from "../runtime/error-display";
import { readType } from "./annotations";
import type { CheckEnv } from "./env";
import { ExprChecker, type StructFields } from "./infer";
import { anyBinding, Scope } from "./scope";
import { userSignature, type FunctionSig } from "./signatures";
import { ANY, BOOL, compatible, STRING, typeName, UNIT, INT, mapOf, type Type } from "./types";

type Of<K extends Stmt["type"]> = Extract<Stmt, { type: K }>;

/** Options of one check. */
export interface CheckOptions {
  /** Strict lint: also warn about unannotated parameters and missing return types. */
  strict: boolean;
}

const STRING_MAP = mapOf(STRING, STRING);

/** The request and response values handlers see (http-server.md), as struct shapes. */
const SERVER_SHAPES: [string, [string, Type][]][] = [
  [
    "Request",
    [
      ["method", STRING],
      ["path", STRING],
      ["url", STRING],
      ["query", STRING],
      ["body", STRING],
      ["id", STRING],
      ["ip", STRING],
      ["protocol", STRING],
      ["query_params", STRING_MAP],
      ["params", STRING_MAP],
      ["headers", STRING_MAP],
    ],
  ],
  [
    "Response",
    [
      ["status", INT],
      ["body", STRING],
      ["headers", STRING_MAP],
    ],
  ],
];

/** Checks one program. */
export class Checker extends ExprChecker {
  /** Return type of the function being checked (null: not annotated, or at top level). */
  private returnType: Type | null = null;

  constructor(
    env: CheckEnv,
    private readonly options: CheckOptions,
  ) {
    super(env);
    for (const [name, fields] of SERVER_SHAPES) this.structs.set(name, new Map(fields));
  }

  /** Trait name → its methods with a default body (an `impl Trait for T` defines them too). */
  private readonly traitDefaults = new Map<string, string[]>();

  /** Check a whole program: declarations first (forward references work), then the statements in order. */
  checkProgram(program: Program, scope: Scope): void {
    this.declareTypes(program);
    this.statements(program.body, scope);
  }

  /** Read the struct, enum, alias and trait declarations of the whole file (any depth) and note reassigned names. */
  declareTypes(program: Program): void {
    for (const s of program.body) visit(s, (n) => void this.noteAssignment(n as Expr));
    this.collectTypes(program.body);
  }

  checkBlock(stmts: Stmt[], scope: Scope): Type {
    const t = this.statements(stmts, scope);
    this.reportUnused(scope);
    return t;
  }

  /** Declare a statement list's names and functions, check each statement; the list's value type. */
  private statements(stmts: Stmt[], sc: Scope): Type {
    for (const s of flatten(stmts)) for (const name of declaredNames(s, (t) => this.traitDefaults.get(t) ?? [])) sc.declared.add(name);
    this.declareFunctions(stmts, sc);
    let last: Type = UNIT;
    for (const s of stmts) last = this.statement(s, sc);
    return last;
  }

  /** Struct, enum and alias declarations of the whole file (any depth), read before anything else. */
  private collectTypes(stmts: Stmt[]): void {
    const decls: Stmt[] = [];
    for (const s of stmts) visit(s, (n) => void (n.type === "StructDecl" || n.type === "EnumDecl" || n.type === "TypeAlias" ? decls.push(n) : undefined));
    for (const s of stmts)
      visit(
        s,
        (n) =>
          void (n.type === "TraitDecl"
            ? this.traitDefaults.set(
                n.name,
                n.methods.map((m) => m.name),
              )
            : undefined),
      );
    for (const d of decls) {
      if (d.type === "StructDecl") this.structs.set(d.name, new Map());
      if (d.type === "EnumDecl") this.enums.set(d.name, new Map());
    }
    for (const d of decls) if (d.type === "TypeAlias") this.aliases.set(d.name, readType(d.target, this.typeNames(d.typeParams)));
    for (const d of decls) {
      if (d.type === "StructDecl") {
        const fields: StructFields = this.structs.get(d.name)!;
        for (const f of d.fields) fields.set(f.name, readType(f.typeAnn, this.typeNames(d.typeParams)));
      } else if (d.type === "EnumDecl") {
        const variants = this.enums.get(d.name)!;
        for (const v of d.variants) variants.set(v.name, v.types ? v.types.map((t) => readType(t, this.typeNames(d.typeParams))) : null);
      }
    }
  }

  /** Bind the functions a statement list defines (impl methods are plain functions too, §4.12) before checking it. */
  private declareFunctions(stmts: Stmt[], sc: Scope): void {
    for (const s of stmts) {
      if (s.type === "FnDecl") sc.bind(s.name, { kind: "function", type: ANY, sig: userSignature(s, this.typeNames()), loc: null });
      else if (s.type === "ImplDecl") {
        const own = this.methods.get(s.typeName) ?? new Map<string, FunctionSig>();
        this.methods.set(s.typeName, own);
        for (const m of s.methods) {
          const sig = userSignature(m, this.typeNames());
          own.set(m.name, sig);
          // Called bare, a method is whichever impl defined the name last: only its result type is trusted, and only when unique.
          const shared = sc.bindings.has(m.name);
          const loose = { params: sig.params.map((p) => ({ name: p.name, type: ANY })), required: 0, variadic: true, returns: shared ? ANY : sig.returns };
          sc.bind(m.name, { kind: "function", type: ANY, sig: loose, loc: null });
        }
      } else if (s.type === "Mod") this.declareFunctions(s.body, sc);
    }
  }

  private noteAssignment(n: Expr): void {
    if (n.type !== "Assign") return;
    let target = n.target;
    while (target.type === "Index" || target.type === "Field") target = target.object;
    if (target.type === "Ident") this.reassigned.add(target.name);
  }

  private statement(s: Stmt, sc: Scope): Type {
    switch (s.type) {
      case "ExprStmt":
        return this.infer(s.expr, sc);
      case "Let":
        this.letStmt(s, sc);
        return UNIT;
      case "FnDecl":
        this.fnDecl(s, sc, null);
        return UNIT;
      case "ImplDecl":
        this.implDecl(s, sc);
        return UNIT;
      case "If":
        this.condition(s.cond, sc, "Condition");
        this.checkBlock(s.then, new Scope(sc));
        if (s.otherwise) this.checkBlock(s.otherwise, new Scope(sc));
        return ANY;
      case "While":
        this.condition(s.cond, sc, "While condition");
        this.checkBlock(s.body, new Scope(sc));
        return ANY;
      case "Loop":
        this.checkBlock(s.body, new Scope(sc));
        return ANY;
      case "For": {
        const iterable = this.infer(s.iterable, sc);
        const body = new Scope(sc);
        const element = iterable.kind === "Array" ? iterable.element : iterable.kind === "String" ? STRING : iterable.kind === "Map" ? iterable.key : ANY;
        body.bind(s.variable, { kind: "pattern", type: this.reassigned.has(s.variable) ? ANY : element, sig: null, loc: null });
        this.checkBlock(s.body, body);
        return ANY;
      }
      case "Return":
        return this.returnStmt(s, sc);
      case "Defer":
        this.infer(s.expr, sc);
        return UNIT;
      case "Import":
        this.importStmt(s, sc);
        return UNIT;
      case "Mod":
        for (const inner of s.body) this.statement(inner, sc);
        return UNIT;
      case "Break":
      case "Continue":
        return ANY;
      default:
        return UNIT;
    }
  }

  private letStmt(s: Of<"Let">, sc: Scope): void {
    const inferred = s.value ? this.infer(s.value, sc) : ANY;
    const local = sc.topLevel ? "global" : "local";
    if (s.typeAnn === null || s.target.type !== "BindPat") {
      this.bindPattern(s.target, inferred, sc, local, s.target.loc);
      return;
    }
    const name = s.target.name;
    const expected = readType(s.typeAnn, this.typeNames());
    if (!compatible(inferred, expected)) {
      this.diagnostics.error(
        `Type mismatch: variable '${name}' declared as ${typeName(expected)} but initialized with ${typeName(inferred)}`,
        s.loc,
        `Expected ${typeName(expected)}`,
      );
    }
    sc.bind(name, { kind: local, type: expected, sig: null, loc: s.target.loc });
  }

  /** A function or method: strict-mode signature warnings, contracts, body, return type. */
  private fnDecl(fn: FnDecl, sc: Scope, selfType: Type | null): void {
    const sig = userSignature(fn, this.typeNames());
    if (this.options.strict) {
      for (const p of fn.params) {
        if (p.typeAnn === null && !(selfType && p.name === "self")) {
          this.diagnostics.warning(`Parameter '${p.name}' in function '${fn.name}' has no type annotation`, fn.loc, `Add a type: ${p.name}: Type`);
        }
      }
      if (fn.returnType === null)
        this.diagnostics.warning(`Function '${fn.name}' has no return type annotation`, fn.loc, `Add a return type: fn ${fn.name}(...) -> Type`);
    }
    const body = new Scope(sc);
    fn.params.forEach((p, i) => {
      if (p.defaultValue) this.infer(p.defaultValue, body);
      const declared = sig.params[i]!.type;
      const type = p.typeAnn === null && p.name === "self" && selfType ? selfType : declared;
      body.bind(p.name, { kind: "param", type, sig: null, loc: null });
    });
    const outer = this.returnType;
    this.returnType = fn.returnType === null ? null : sig.returns;
    for (const r of fn.requires) this.contract(r, body, `Contract 'requires' in '${fn.name}'`, "requires clauses must evaluate to Bool");
    if (fn.ensures.length > 0) {
      const post = new Scope(body);
      post.bind("result", { kind: "param", type: this.returnType ?? ANY, sig: null, loc: null });
      for (const r of fn.ensures) this.contract(r, post, `Contract 'ensures' in '${fn.name}'`, "ensures clauses must evaluate to Bool");
    }
    const returned = this.bodyType(fn.body, body);
    if (this.returnType && !compatible(returned, this.returnType)) {
      const expected = typeName(this.returnType);
      this.diagnostics.error(
        `Return type mismatch in '${fn.name}': expected ${expected} but body returns ${typeName(returned)}`,
        fn.loc,
        `Expected return type ${expected}`,
      );
    }
    this.returnType = outer;
  }

  /**
   * The type a function body evaluates to: `()` when empty, the value of a final expression or
   * `return`, otherwise unknown (a final `if` or loop may return on every path).
   */
  private bodyType(stmts: Stmt[], sc: Scope): Type {
    const value = this.checkBlock(stmts, sc);
    const last = stmts[stmts.length - 1];
    if (!last) return UNIT;
    if (last.type === "ExprStmt") return value;
    if (last.type === "Return") return last.value ? value : UNIT;
    return ANY;
  }

  private contract(e: Expr, sc: Scope, what: string, hint: string): void {
    const t = this.infer(e, sc);
    if (!compatible(t, BOOL)) this.diagnostics.error(`${what} should be Bool, got ${typeName(t)}`, e.loc, hint);
  }

  private returnStmt(s: Of<"Return">, sc: Scope): Type {
    if (!s.value) return UNIT;
    const t = this.infer(s.value, sc);
    if (this.returnType && !compatible(t, this.returnType)) {
      this.diagnostics.error(`Return type mismatch: expected ${typeName(this.returnType)} but returning ${typeName(t)}`, s.loc);
    }
    return t;
  }

  /** `if`/`while` conditions: a non-Bool type is a warning (truthiness still applies), `x = 5` probably meant `==`. */
  private condition(cond: Expr, sc: Scope, what: string): void {
    const t = this.infer(cond, sc);
    if (cond.type === "Assign" && cond.op === "=") {
      this.diagnostics.warning("Assignment used as a condition", cond.loc, "Did you mean '=='?", "assignment_condition");
      return;
    }
    if (!compatible(t, BOOL)) this.diagnostics.warning(`${what} has type ${typeName(t)} instead of Bool`, cond.loc);
  }

  private implDecl(s: Of<"ImplDecl">, sc: Scope): void {
    const fields = this.structs.get(s.typeName);
    const outerFields = this.selfFields;
    const outerUnknown = this.unknownSelf;
    this.selfFields = fields ? new Set(fields.keys()) : null;
    this.unknownSelf = !fields;
    if (s.invariants.length > 0) {
      const inv = new Scope(sc);
      for (const [name, type] of fields ?? []) inv.bind(name, { kind: "param", type, sig: null, loc: null });
      inv.bind("self", { kind: "param", type: fields ? { kind: "Named", name: s.typeName } : ANY, sig: null, loc: null });
      for (const e of s.invariants) {
        const t = this.infer(e, inv);
        if (!compatible(t, BOOL))
          this.diagnostics.error(`Invariant in '${s.typeName}' should be Bool, got ${typeName(t)}`, e.loc, "invariant clauses must evaluate to Bool");
      }
    }
    const selfType: Type | null = fields || this.enums.has(s.typeName) ? { kind: "Named", name: s.typeName } : null;
    for (const m of s.methods) this.fnDecl(m, sc, selfType);
    this.selfFields = outerFields;
    this.unknownSelf = outerUnknown;
  }

  /** Bind imported names with their signatures; names a module does not export are reported. */
  private importStmt(s: Of<"Import">, sc: Scope): void {
    if (!s.items) {
      sc.bind(importBindingName(s), anyBinding("module"));
      return;
    }
    const std = s.source.startsWith("std/") ? this.env.stdModule(s.source) : null;
    const file = s.source.startsWith("std/") ? null : this.env.fileModule(s.source);
    if (s.source.startsWith("std/") && !std) this.diagnostics.warning(`Unknown standard library module: ${s.source}`, s.loc, null, "unknown_import");
    for (const item of s.items) {
      const names = std?.names ?? file?.names ?? null;
      let sig: FunctionSig | null = null;
      if (names && !names.has(item.name)) {
        const close = this.env.globals.has(item.name) ? null : suggestName(item.name, names);
        const hint = this.env.globals.has(item.name) ? `'${item.name}' is a builtin: use it without an import` : close ? `Did you mean '${close}'?` : null;
        this.diagnostics.warning(`'${item.name}' is not exported from '${s.source}'`, s.loc, hint, "unknown_import");
      } else sig = std?.signature(item.name) ?? file?.signatures.get(item.name) ?? null;
      sc.bind(item.alias ?? item.name, { kind: "import", type: ANY, sig, loc: null });
    }
  }

  private reportUnused(sc: Scope): void {
    for (const { name, loc } of sc.unused()) this.diagnostics.warning(`Unused variable: '${name}'`, loc, `Remove it, or name it '_${name}'`, "unused_variable");
  }
}
