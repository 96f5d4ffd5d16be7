/**
 * Compile-time scopes. Every NTNT scope becomes a JS block; every (scope, name) pair becomes
 * one JS variable, declared at the top of its block and initialised to the `U` sentinel.
 * A read is "definite" when the declaration has certainly run (earlier in the same
 * function, or before the statement that created the closure doing the read); only other
 * reads pay a sentinel check, falling back to the next outer binding like the reference's
 * run-time lookup does.
 */

import type { FnDecl, Stmt } from "../ast/nodes";
import { NNative, type Value } from "../runtime/values";
import { importBindingName, patternNames } from "../ast/walk";
import { jsIdentPart } from "./fragment";

/** One JS function being generated (a user function, the program body, or a helper closure). */
export class FnCtx {
  /** Temps of this JS function, declared with its locals once its body is generated. */
  temps: string[] = [];
  /** Loop nesting inside this function (break/continue outside loops have quirks, §4.11). */
  loops = 0;
  /** Labels of enclosing non-loop blocks, innermost last, for break/continue outside loops. */
  blocks: { label: string; used: boolean }[] = [];
  /** Contract functions route `return` through a labelled block so ensures can run. */
  ret: { label: string; v: string } | null = null;
  /** Invariant checks resolve identifiers to fields of this JS variable first. */
  selfVar: string | null = null;
  /** `old(e)` expressions captured at entry (ensures only). */
  olds: Map<unknown, string> | null = null;
  /** Top-level variables this function works on as copies of its own (loop-functions.ts). */
  copies: Set<Var> | null = null;

  constructor(
    readonly parent: FnCtx | null,
    readonly isAsync: boolean,
    readonly kind: "main" | "fn" | "closure",
    readonly name: string,
  ) {}
}

export interface Var {
  name: string;
  js: string;
  /** Index of the first declaring statement in its scope. */
  first: number;
  /** JS name of the raw function when this is a single, never-reassigned `fn` binding. */
  direct: string | null;
  fn: FnDecl | null;
  /** The native when this is a single, never-reassigned import of a std-module function. */
  native: NNative | null;
  /** Declared once in its scope and never assigned: each run of its declaration gives its only value. */
  single: boolean;
  /** A `single` variable whose declaration's value is statically an Int held as a JS number. */
  int: boolean;
  /** A `single` variable whose declaration's value is statically a String. */
  str: boolean;
  /** A `single` variable whose declaration's value is statically a String of ASCII characters only, or a name that always holds one (ascii-strings.ts). */
  ascii: boolean;
  /** Every value the name is ever given is an Int (integers.ts). */
  integer: boolean;
}

export class Scope {
  vars = new Map<string, Var>();
  /** Names whose declaration has already been compiled (program order). */
  defined = new Set<string>();
  /** Index of the statement being compiled. */
  cur = -1;
  /** JS array collecting the `defer`s of the statement list being compiled in this scope. */
  deferVar: string | null = null;
  constructor(
    readonly parent: Scope | null,
    readonly fn: FnCtx,
  ) {}
}

/** Declarations of one statement (names it binds in the enclosing scope). */
export function declaredNames(s: Stmt, traitDefaults: (trait: string) => string[]): string[] {
  switch (s.type) {
    case "Let":
      return patternNames(s.target);
    case "FnDecl":
      return [s.name];
    case "ImplDecl": {
      const names = s.methods.map((m) => m.name);
      if (s.traitName) for (const d of traitDefaults(s.traitName)) if (!names.includes(d)) names.push(d);
      return names;
    }
    case "EnumDecl":
      return s.variants.map((v) => v.name);
    case "Import":
      return s.items ? s.items.map((i) => i.alias ?? i.name) : [importBindingName(s)];
    default:
      return [];
  }
}

/** Collect the declarations of a (flattened) statement list into `sc.vars`. */
export function declare(
  sc: Scope,
  stmts: Stmt[],
  uid: () => number,
  reassigned: Set<string>,
  traitDefaults: (trait: string) => string[],
  importValue?: (s: Stmt, name: string) => Value | undefined,
  integers?: Set<string>,
  asciiStrings?: Set<string>,
): void {
  const counts = new Map<string, { n: number; fn: FnDecl | null; native: NNative | null }>();
  stmts.forEach((s, i) => {
    for (const name of declaredNames(s, traitDefaults)) {
      let v = sc.vars.get(name);
      if (!v)
        sc.vars.set(
          name,
          (v = {
            name,
            js: `v_${jsIdentPart(name)}_${uid()}`,
            first: i,
            direct: null,
            fn: null,
            native: null,
            single: false,
            int: false,
            str: false,
            ascii: false,
            integer: false,
          }),
        );
      const c = counts.get(name) ?? { n: 0, fn: null, native: null };
      c.n++;
      c.fn = s.type === "FnDecl" ? s : null;
      const imported = s.type === "Import" && s.items ? importValue?.(s, s.items.find((it) => (it.alias ?? it.name) === name)!.name) : undefined;
      c.native = imported instanceof NNative ? imported : null;
      counts.set(name, c);
    }
  });
  for (const [name, c] of counts) {
    const v = sc.vars.get(name)!;
    if (c.n === 1 && c.fn && !reassigned.has(name)) {
      v.fn = c.fn;
      v.direct = `f_${jsIdentPart(name)}_${uid()}`;
    }
    if (c.n === 1 && c.native && !reassigned.has(name)) v.native = c.native;
    v.single = c.n === 1 && !reassigned.has(name);
    v.integer = integers?.has(name) ?? false;
    if (asciiStrings?.has(name)) v.ascii = true;
  }
}

/** Declare a single variable (parameters, loop variables, pattern bindings); `single` when it is never assigned. */
export function declareOne(sc: Scope, name: string, uid: () => number, single = false): Var {
  const v: Var = {
    name,
    js: `v_${jsIdentPart(name)}_${uid()}`,
    first: -1,
    direct: null,
    fn: null,
    native: null,
    single,
    int: false,
    str: false,
    ascii: false,
    integer: false,
  };
  sc.vars.set(name, v);
  sc.defined.add(name);
  return v;
}
