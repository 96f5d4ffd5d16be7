/**
 * The types one program load declares: per struct or enum name, its fields or variants, its
 * methods (impl blocks of every module of the program, trait defaults included) and its
 * invariants; per trait, its default methods. Each `ProgramLoad` has its own table, so two
 * programs in one process (tests, `ntnt test`, two servers, the versions either side of a hot
 * reload) that declare the same name do not share methods or invariants.
 *
 * Compiled code looks each type name up once, when its unit is instantiated for a load
 * (`const T… = TT.type("Point")` in the unit's preamble), and then works on the descriptor:
 * struct values carry theirs (`NStruct.type`), so a method call or an invariant check is a
 * property read instead of a lookup by name. Enum values are also made by natives (Some, Ok,
 * Err, the compile cache's constants), which have no program's descriptor at hand, so enum
 * methods are found by name in the table of the load whose code makes the call.
 */

import type { CallResult, NStruct, Value } from "./values";

/** One invariant of a struct: `id` (file:line:col) keeps an impl block run twice from adding it twice. */
export interface Invariant {
  id: string;
  check: (self: NStruct) => CallResult;
  text: string;
}

/** What a struct or enum name means in one program load. */
export class DeclaredType {
  /** Struct fields in declaration order; null until a struct declaration of this name runs. */
  fields: string[] | null = null;
  /** Enum variant names (for exhaustiveness checks); null unless an enum of this name was declared. */
  variants: string[] | null = null;
  /** Method name → function, from every impl block for this type. */
  readonly methods = new Map<string, Value>();
  /** Invariants, accumulated across impl blocks. */
  readonly invariants: Invariant[] = [];

  constructor(readonly name: string) {}
}

/** The declared types and traits of one program load. */
export class TypeTable {
  private readonly types = new Map<string, DeclaredType>();
  /** Trait name → default methods. */
  private readonly traits = new Map<string, Map<string, Value>>();

  constructor() {
    this.type("Option").variants = ["Some", "None"];
    this.type("Result").variants = ["Ok", "Err"];
  }

  /** The descriptor of `name` in this load, made on first use (a literal may name a struct declared later). */
  type(name: string): DeclaredType {
    let t = this.types.get(name);
    if (t === undefined) this.types.set(name, (t = new DeclaredType(name)));
    return t;
  }

  /** The descriptor of `name` if this load has used or declared it. */
  find(name: string): DeclaredType | undefined {
    return this.types.get(name);
  }

  /** A `trait` declaration: its default methods. */
  declareTrait(name: string, defaults: Map<string, Value>): void {
    this.traits.set(name, defaults);
  }

  /** A trait default method the impl did not define (for the plain-name fallback binding); undefined when there is none. */
  traitDefault(trait: string, name: string): Value | undefined {
    return this.traits.get(trait)?.get(name);
  }

  /** Register an `impl` block's methods and invariants on `type` (and the defaults of its trait it did not define). */
  registerImpl(type: DeclaredType, trait: string | null, fns: [string, Value][], invs: Invariant[]): void {
    for (const [name, fn] of fns) type.methods.set(name, fn);
    if (trait) {
      const defaults = this.traits.get(trait);
      if (defaults) for (const [name, fn] of defaults) if (!fns.some(([n]) => n === name)) type.methods.set(name, fn);
    }
    for (const inv of invs) if (!type.invariants.some((x) => x.id === inv.id)) type.invariants.push(inv);
  }
}
