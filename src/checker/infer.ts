/** Expression types (language.md §3): what each expression evaluates to, as far as annotations and literals tell. */

import type { Expr, Loc, Pattern, Stmt, TemplatePart } from "../ast/nodes";
import { LOOP_META } from "../compiler/template-codegen";
import { suggestName } from "../runtime/error-display";
import { isRouteBuiltin } from "../runtime/route-methods";
import { importHintText } from "../stdlib/index";
import type { TypeNames } from "./annotations";
import { Diagnostics } from "./diagnostics";
import type { CheckEnv } from "./env";
import { anyBinding, Scope } from "./scope";
import { callResult, type FunctionSig } from "./signatures";
import { ANY, arrayOf, BOOL, compatible, FLOAT, INT, joinTypes, mapOf, optionalOf, resultOf, STRING, typeName, UNIT, type Type } from "./types";

type Of<K extends Expr["type"]> = Extract<Expr, { type: K }>;

/** A struct's declared field types. */
export type StructFields = Map<string, Type>;

/** The expression half of the checker; statements (and blocks) are in `check.ts`. */
export abstract class ExprChecker {
  readonly diagnostics = new Diagnostics();
  /** Structs declared in the file, plus the server's request and response shapes. */
  readonly structs = new Map<string, StructFields>();
  /** Enums declared in the file: variant → its field types (null for a unit variant). */
  readonly enums = new Map<string, Map<string, Type[] | null>>();
  readonly aliases = new Map<string, Type>();
  /** Impl methods by type, for `x.m()` on a value of that type. */
  readonly methods = new Map<string, Map<string, FunctionSig>>();
  /** Names ever assigned to (`x = …`, `x[i] = …`, `x.f = …`): their type can change, so unannotated ones are `Any`. */
  readonly reassigned = new Set<string>();
  /** Fields of the struct whose methods are being checked: bare names may refer to them (§4.12). */
  protected selfFields: Set<string> | null = null;
  /** Inside methods of a type not declared in this file, bare names may be fields we cannot see. */
  protected unknownSelf = false;

  constructor(protected readonly env: CheckEnv) {}

  /** Type names as annotations in this file see them. */
  typeNames(params: string[] = []): TypeNames {
    return { named: new Set([...this.structs.keys(), ...this.enums.keys()]), aliases: this.aliases, params: new Set(params) };
  }

  /** Check the statements of a block in a new scope; the block's value type. */
  abstract checkBlock(stmts: Stmt[], scope: Scope): Type;

  /** The type of `e`, reporting what is wrong inside it. */
  infer(e: Expr, sc: Scope): Type {
    switch (e.type) {
      case "Literal":
        return e.value.kind === "int" ? INT : e.value.kind === "float" ? FLOAT : e.value.kind === "string" ? STRING : BOOL;
      case "Unit":
        return UNIT;
      case "Ident":
        return this.identType(e.name, e.loc, sc, false);
      case "Interp":
        for (const p of e.parts) if (typeof p !== "string") this.infer(p, sc);
        return STRING;
      case "Template":
        this.templateParts(e.parts, sc);
        return STRING;
      case "ArrayLit":
        return arrayOf(e.items.map((i) => this.infer(i, sc)).reduce<Type | null>((a, b) => (a ? joinTypes(a, b) : b), null) ?? ANY);
      case "MapLit": {
        let key: Type | null = null;
        let value: Type | null = null;
        for (const en of e.entries) {
          const k = en.key.type === "Ident" && !sc.knows(en.key.name) ? ANY : this.infer(en.key, sc);
          const v = this.infer(en.value, sc);
          key = key ? joinTypes(key, k) : k;
          value = value ? joinTypes(value, v) : v;
        }
        return mapOf(key ?? ANY, value ?? ANY);
      }
      case "StructLit":
        return this.structLit(e, sc);
      case "Block":
        return this.checkBlock(e.body, new Scope(sc));
      case "Binary":
        return binaryType(e.op, this.infer(e.left, sc), this.infer(e.right, sc));
      case "Logical": {
        const left = this.infer(e.left, sc);
        const right = this.infer(e.right, sc);
        if (e.op !== "??") return BOOL;
        if (left.kind === "Optional") return joinTypes(left.inner, right);
        return left;
      }
      case "Unary": {
        const t = this.infer(e.operand, sc);
        if (e.op === "!") return BOOL;
        return t.kind === "Int" || t.kind === "Float" ? t : ANY;
      }
      case "Range":
        this.infer(e.start, sc);
        this.infer(e.end, sc);
        return arrayOf(INT);
      case "Call":
        return this.call(e, sc);
      case "MethodCall":
        return this.methodCall(e, sc);
      case "Field":
        return this.field(e, sc);
      case "Index":
        return this.index(e, sc);
      case "Path":
        return this.path(e, sc);
      case "Match":
        return this.match(e, sc);
      case "IfExpr": {
        this.infer(e.cond, sc);
        const then = this.checkBlock(e.then, new Scope(sc));
        if (!e.otherwise) return ANY;
        return joinTypes(then, this.checkBlock(e.otherwise, new Scope(sc)));
      }
      case "Assign":
        return this.assign(e, sc);
    }
  }

  /** The type of a name; an unknown one is reported (with a "did you mean" or the std module that has it). */
  protected identType(name: string, loc: Loc, sc: Scope, called: boolean): Type {
    const b = sc.lookup(name);
    if (b) return b.sig ? { kind: "Function", params: b.sig.params.map((p) => p.type), returns: b.sig.returns } : b.type;
    if (sc.knows(name)) return ANY;
    if (name === "None") return optionalOf(ANY);
    const global = this.env.globals.get(name);
    if (global !== undefined) return global ? { kind: "Function", params: global.params.map((p) => p.type), returns: global.returns } : ANY;
    if (this.env.extraGlobals.has(name) || this.selfFields?.has(name) || this.unknownSelf) return ANY;
    this.undefinedName(name, loc, sc, called);
    return ANY;
  }

  private undefinedName(name: string, loc: Loc, sc: Scope, called: boolean): void {
    const what = called ? "function" : "variable";
    const modules = this.env.modulesExporting(name);
    let hint: string | null = null;
    if (modules.length > 0) hint = importHintText(name, modules[0]!);
    else {
      const suggestion = suggestName(name, this.visibleNames(sc));
      if (suggestion) hint = `Did you mean '${suggestion}'?`;
    }
    this.diagnostics.warning(`Undefined ${what}: ${name}`, loc, hint, "undefined_name");
  }

  /** Every name visible from `sc`, for suggestions. */
  private visibleNames(sc: Scope): string[] {
    const out = new Set<string>([...this.env.globals.keys(), ...this.env.extraGlobals]);
    for (let s: Scope | null = sc; s; s = s.parent) {
      for (const n of s.bindings.keys()) out.add(n);
      for (const n of s.declared) out.add(n);
    }
    return [...out];
  }

  /** The signature a call of `name` is checked against: a declared or imported function, else a global builtin. */
  protected signatureOf(name: string, sc: Scope): FunctionSig | null {
    const b = sc.lookup(name, false);
    if (b) return b.sig;
    if (sc.knows(name)) return null;
    return this.env.globals.get(name) ?? null;
  }

  private call(e: Of<"Call">, sc: Scope): Type {
    const args = e.args.map((a, i) => (i === 0 && isRoutePattern(e, a) ? STRING : this.infer(a, sc)));
    if (e.callee.type !== "Ident") {
      this.infer(e.callee, sc);
      return ANY;
    }
    const name = e.callee.name;
    if (name === "old" && !sc.knows(name) && args.length === 1) return args[0]!;
    this.identType(name, e.callee.loc, sc, true);
    const sig = this.signatureOf(name, sc);
    if (!sig) return ANY;
    const max = sig.params.length;
    if (args.length < sig.required || (!sig.variadic && args.length > max)) {
      this.diagnostics.error(`Function '${name}' expects ${max} argument(s), got ${args.length}`, e.loc);
      return sig.returns.kind === "Var" ? ANY : callResult(sig, []);
    }
    args.forEach((arg, i) => {
      const param = sig.params[i];
      if (!param || compatible(arg, param.type)) return;
      const expected = typeName(param.type);
      this.diagnostics.error(
        `Argument ${i + 1} ('${param.name}') of '${name}': expected ${expected} but got ${typeName(arg)}`,
        e.args[i]!.loc,
        `Expected ${expected}`,
      );
    });
    return callResult(sig, args);
  }

  /** `x.m(a)`: the receiver type's impl method, else the function `m` called as `m(x, a)` (§4.12). */
  private methodCall(e: Of<"MethodCall">, sc: Scope): Type {
    const receiver = this.infer(e.object, sc);
    const args = e.args.map((a) => this.infer(a, sc));
    if (receiver.kind === "Named") {
      const own = this.methods.get(receiver.name)?.get(e.method);
      if (own) return own.returns;
    }
    if (e.object.type === "Ident" && sc.lookup(e.object.name, false)?.kind === "module") return ANY;
    const sig = this.signatureOf(e.method, sc);
    return sig ? callResult(sig, [receiver, ...args]) : ANY;
  }

  private field(e: Of<"Field">, sc: Scope): Type {
    const t = this.infer(e.object, sc);
    if (t.kind === "Named") return this.structs.get(t.name)?.get(e.name) ?? ANY;
    if (t.kind === "Map") return t.value;
    return ANY;
  }

  private index(e: Of<"Index">, sc: Scope): Type {
    const t = this.infer(e.object, sc);
    this.infer(e.index, sc);
    if (t.kind === "Array") return t.element;
    if (t.kind === "Map") return t.value;
    if (t.kind === "String") return STRING;
    return ANY;
  }

  private structLit(e: Of<"StructLit">, sc: Scope): Type {
    const fields = this.structs.get(e.name);
    for (const f of e.fields) {
      const actual = this.infer(f.value, sc);
      const expected = fields?.get(f.name);
      if (expected && !compatible(actual, expected)) {
        this.diagnostics.error(`Field '${f.name}' of struct '${e.name}': expected ${typeName(expected)} but got ${typeName(actual)}`, f.value.loc);
      }
    }
    if (!fields && !sc.knows(e.name) && !this.enums.has(e.name)) return ANY;
    return { kind: "Named", name: e.name };
  }

  /** `Enum::Variant(args)`: arity and argument types against the enum's declaration. */
  private path(e: Of<"Path">, sc: Scope): Type {
    const args = (e.args ?? []).map((a) => this.infer(a, sc));
    const variants = this.enums.get(e.enumName);
    const expected = variants?.get(e.variant);
    if (variants && expected !== undefined) {
      const label = `${e.enumName}::${e.variant}`;
      if (expected && e.args) {
        if (args.length !== expected.length) this.diagnostics.error(`Enum variant ${label} expects ${expected.length} argument(s), got ${args.length}`, e.loc);
        else
          args.forEach((a, i) => {
            if (!compatible(a, expected[i]!))
              this.diagnostics.error(`Enum variant ${label}: expected ${typeName(expected[i]!)} but got ${typeName(a)}`, e.args![i]!.loc);
          });
      }
      return { kind: "Named", name: e.enumName };
    }
    if (e.enumName === "Option") return e.variant === "Some" ? optionalOf(args[0] ?? ANY) : optionalOf(ANY);
    if (e.enumName === "Result") return e.variant === "Ok" ? resultOf(args[0] ?? ANY, ANY) : resultOf(ANY, args[0] ?? ANY);
    return ANY;
  }

  private match(e: Of<"Match">, sc: Scope): Type {
    const subject = this.infer(e.subject, sc);
    let result: Type | null = null;
    for (const arm of e.arms) {
      const armScope = new Scope(sc);
      this.bindPattern(arm.pattern, subject, armScope, "pattern");
      if (arm.guard) this.infer(arm.guard, armScope);
      const t = this.infer(arm.body, armScope);
      result = result ? joinTypes(result, t) : t;
    }
    return result ?? ANY;
  }

  private assign(e: Of<"Assign">, sc: Scope): Type {
    const value = this.infer(e.value, sc);
    if (e.target.type === "Ident") {
      const name = e.target.name;
      if (e.op !== "=") sc.lookup(name);
      else if (!sc.knows(name) && !this.env.globals.has(name) && !this.selfFields?.has(name) && !this.unknownSelf)
        this.undefinedName(name, e.target.loc, sc, false);
    } else this.infer(e.target, sc);
    return value;
  }

  /** Bind the names a pattern introduces, typed from the matched value where the pattern tells (Some/Ok/Err, struct fields). */
  bindPattern(p: Pattern, t: Type, sc: Scope, kind: "pattern" | "local" | "global", loc: Loc | null = null): void {
    switch (p.type) {
      case "BindPat":
        sc.bind(p.name, { kind, type: this.reassigned.has(p.name) ? ANY : t, sig: null, loc });
        return;
      case "ArrayPat":
        for (const q of p.items) this.bindPattern(q, t.kind === "Array" ? t.element : ANY, sc, kind, loc);
        return;
      case "StructPat": {
        const fields = this.structs.get(p.name) ?? (t.kind === "Named" ? this.structs.get(t.name) : undefined);
        for (const f of p.fields) this.bindPattern(f.pattern, fields?.get(f.name) ?? ANY, sc, kind, loc);
        return;
      }
      case "VariantPat": {
        const inner =
          p.variant === "Some" && t.kind === "Optional"
            ? t.inner
            : p.variant === "Ok" && t.kind === "Result"
              ? t.ok
              : p.variant === "Err" && t.kind === "Result"
                ? t.err
                : ANY;
        for (const q of p.args ?? []) this.bindPattern(q, inner, sc, kind, loc);
        return;
      }
      default:
        return;
    }
  }

  private templateParts(parts: TemplatePart[], sc: Scope): void {
    for (const p of parts) {
      if (p.type === "TExpr") {
        // `{{name | default(…)}}` is how a template says "maybe undefined" (language.md §4.16).
        const guarded = p.filters.some((f) => f.name === "default");
        if (p.expr && !(guarded && p.expr.type === "Ident")) this.infer(p.expr, sc);
        for (const f of p.filters) for (const a of f.args) this.infer(a, sc);
      } else if (p.type === "TFor") {
        this.infer(p.iterable, sc);
        const body = new Scope(sc);
        for (const name of [p.variable, ...LOOP_META]) body.bind(name, anyBinding("pattern"));
        this.templateParts(p.body, body);
        this.templateParts(p.empty ?? [], sc);
      } else if (p.type === "TIf") {
        for (const b of p.branches) {
          this.infer(b.cond, sc);
          this.templateParts(b.body, sc);
        }
        this.templateParts(p.otherwise ?? [], sc);
      }
    }
  }
}

/** Route registrations read `{name}` in a literal pattern as a path parameter, not a variable (http-server.md §2.2). */
function isRoutePattern(call: Of<"Call">, arg: Expr): boolean {
  return (
    call.callee.type === "Ident" &&
    isRouteBuiltin(call.callee.name) &&
    arg.type === "Interp" &&
    arg.parts.every((p) => typeof p === "string" || p.type === "Ident")
  );
}

/** Result type of an arithmetic or comparison operator (language.md §4.3, §4.4). */
function binaryType(op: string, l: Type, r: Type): Type {
  if (op !== "+" && op !== "-" && op !== "*" && op !== "/" && op !== "%") return BOOL;
  if (l.kind === "Any" || r.kind === "Any") return ANY;
  if (op === "+" && (l.kind === "String" || r.kind === "String")) return STRING;
  if (l.kind === "Int" && r.kind === "Int") return INT;
  if ((l.kind === "Int" || l.kind === "Float") && (r.kind === "Int" || r.kind === "Float")) return FLOAT;
  if (op === "+" && l.kind === "Array" && r.kind === "Array") return arrayOf(joinTypes(l.element, r.element));
  return ANY;
}
