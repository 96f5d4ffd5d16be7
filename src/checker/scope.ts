/** Lexical scopes of the checker: what each name means at a point of the program, and whether it was read. */

import type { Loc } from "../ast/nodes";
import type { FunctionSig } from "./signatures";
import { ANY, type Type } from "./types";

/** How a name came into scope; decides which diagnostics apply to it. */
export type BindingKind = "local" | "global" | "param" | "function" | "import" | "module" | "pattern";

/** A name bound in a scope. */
export interface Binding {
  kind: BindingKind;
  type: Type;
  /** Set for functions (declared or imported): what calls are checked against. */
  sig: FunctionSig | null;
  /** Where a `let` declared it (for the unused-variable warning), else null. */
  loc: Loc | null;
  used: boolean;
}

/** One block, function body or match arm. */
export class Scope {
  readonly bindings = new Map<string, Binding>();
  /** Names this block declares anywhere (a later `let`, a nested `fn`), visible before their statement runs. */
  readonly declared = new Set<string>();

  constructor(
    readonly parent: Scope | null,
    /** True for the program's top level: its `let`s are importable, so never "unused". */
    readonly topLevel = false,
  ) {}

  /** The innermost binding of `name`, marking it used when `read`. */
  lookup(name: string, read = true): Binding | null {
    for (let s: Scope | null = this; s; s = s.parent) {
      const b = s.bindings.get(name);
      if (b) {
        if (read) b.used = true;
        return b;
      }
      if (s.declared.has(name)) return null;
    }
    return null;
  }

  /** True when `name` is declared or bound in this scope or an enclosing one. */
  knows(name: string): boolean {
    for (let s: Scope | null = this; s; s = s.parent) if (s.bindings.has(name) || s.declared.has(name)) return true;
    return false;
  }

  bind(name: string, b: Omit<Binding, "used">): void {
    this.bindings.set(name, { ...b, used: false });
  }

  /** Local `let` bindings never read, in declaration order. */
  unused(): { name: string; loc: Loc }[] {
    const out: { name: string; loc: Loc }[] = [];
    for (const [name, b] of this.bindings) if (b.kind === "local" && !b.used && b.loc && !name.startsWith("_")) out.push({ name, loc: b.loc });
    return out;
  }
}

/** A binding whose type says nothing. */
export const anyBinding = (kind: BindingKind, loc: Loc | null = null): Omit<Binding, "used"> => ({ kind, type: ANY, sig: null, loc });
