/**
 * Runtime value representation — the contract every stage shares.
 *
 *  Unit   → `undefined`          Bool   → boolean        String → string
 *  Int    → number (safe integer) or bigint (only outside ±2^53, always within i64)
 *  Float  → NFloat (boxed, so 3.0 stays a Float)          Array  → NArray
 *  Map    → NMap                 Range  → NRange          Struct → NStruct
 *  Enum   → NEnum (Option/Result included)               EnumConstructor → NEnumCtor
 *  Function → NFunction (user)   NativeFunction → NNative   module → NModule
 *
 * All containers are immutable once visible to the program: operations return new
 * values. NArray shares its backing buffer between versions (Go-slice style) so that
 * `items = push(items, x)` is amortised O(1).
 */

import type { ProgramLoad } from "./program-load";
import { DeclaredType } from "./type-table";

export type Value =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | NFloat
  | NArray
  | NMap
  | NRange
  | NStruct
  | NEnum
  | NEnumCtor
  | NFunction
  | NNative
  | NModule;

export class NFloat {
  constructor(readonly v: number) {}
}

/**
 * An immutable view of the first `length` slots of a shared buffer.
 *
 * `own` is set only on arrays minted for a never-shared variable (runtime/copy-on-write.ts): 1 — this
 * object is held by that variable alone, so `v = push(v, x)` may append and bump `length` in
 * place; 2 — the buffer is its alone as well, so `v[i] = x` may write in place. Every other
 * array has 0 and is never mutated.
 */
export class NArray {
  own = 0;
  constructor(
    readonly items: Value[],
    public length: number = items.length,
  ) {}

  /** The elements as a JS array; the result must not be mutated. */
  elements(): readonly Value[] {
    return this.length === this.items.length ? this.items : this.items.slice(0, this.length);
  }

  /** A fresh JS array the caller may mutate. */
  toArray(): Value[] {
    return this.items.slice(0, this.length);
  }

  get(i: number): Value {
    return this.items[i];
  }

  /** New array with `v` appended; reuses the buffer when this is its newest version. */
  push(v: Value): NArray {
    if (this.length === this.items.length) {
      this.items.push(v);
      return new NArray(this.items, this.length + 1);
    }
    const copy = this.items.slice(0, this.length);
    copy.push(v);
    return new NArray(copy);
  }

  /** New array with slot `i` replaced (i must be in range). */
  with(i: number, v: Value): NArray {
    const copy = this.items.slice(0, this.length);
    copy[i] = v;
    return new NArray(copy);
  }

  static of(items: Value[]): NArray {
    return new NArray(items);
  }
}

/**
 * String-keyed map in insertion order. Never mutate `entries` after the NMap is shared.
 * `own` is set only on maps minted for a never-shared variable (runtime/copy-on-write.ts), whose
 * entries `v[k] = x` then updates in place.
 */
export class NMap {
  own = false;
  constructor(readonly entries: Map<string, Value> = new Map()) {}

  get size(): number {
    return this.entries.size;
  }

  get(k: string): Value {
    return this.entries.get(k);
  }

  has(k: string): boolean {
    return this.entries.has(k);
  }

  /** New map with `k` set (keeps the first insertion position of an existing key). */
  with(k: string, v: Value): NMap {
    // Storage that derives its own copies (the server's request maps keep their lazy fields).
    const own = (this.entries as { derive?: (k: string, v: Value) => Map<string, Value> }).derive;
    if (own) return new NMap(own.call(this.entries, k, v));
    const copy = new Map(this.entries);
    copy.set(k, v);
    return new NMap(copy);
  }

  without(k: string): NMap {
    const copy = new Map(this.entries);
    copy.delete(k);
    return new NMap(copy);
  }

  static fromObject(o: Record<string, Value>): NMap {
    return new NMap(new Map(Object.entries(o)));
  }
}

export class NRange {
  constructor(
    /** Ints: numbers, or bigints beyond ±2^53. */
    readonly start: number | bigint,
    readonly end: number | bigint,
    readonly inclusive: boolean,
  ) {}
}

export class NStruct {
  /** What the struct's name means in the program load that made it (methods, invariants); a bare name gets a type of its own with neither. */
  readonly type: DeclaredType;

  constructor(
    type: DeclaredType | string,
    readonly fields: Map<string, Value>,
  ) {
    this.type = typeof type === "string" ? new DeclaredType(type) : type;
  }

  get name(): string {
    return this.type.name;
  }

  /** New struct with field `f` replaced. */
  with(f: string, v: Value): NStruct {
    const copy = new Map(this.fields);
    copy.set(f, v);
    return new NStruct(this.type, copy);
  }
}

export class NEnum {
  constructor(
    readonly enumName: string,
    readonly variant: string,
    readonly values: Value[],
  ) {}
}

export class NEnumCtor {
  constructor(
    readonly enumName: string,
    readonly variant: string,
    readonly arity: number,
  ) {}
}

/** Result of calling any function value: synchronous, or a promise when it suspended. */
export type CallResult = Value | Promise<Value>;

/**
 * A user function. `call` takes already-evaluated arguments (arity already checked by
 * the caller through `callValue`). `mayAsync` is the compiler's static verdict: when
 * false, `call` never returns a Promise.
 */
export class NFunction {
  constructor(
    readonly name: string,
    readonly arity: number,
    /** Number of leading parameters without a default value. */
    readonly required: number,
    readonly call: (args: Value[]) => CallResult,
    readonly mayAsync: boolean,
  ) {}

  /** `file:line` where the function was declared, when known. */
  get where(): string | null {
    return null;
  }
}

/** Context handed to native functions. */
export interface NativeContext {
  /** Call any function value (user or native) with arity checks; may return a Promise. */
  call(fn: Value, args: Value[]): CallResult;
  /** Directory of the running script (for std/fs relative paths). */
  scriptDir: string;
  /** The program load whose code made the call (its routes, sessions, settings). */
  readonly load: ProgramLoad;
}

/** A builtin. `maxArity` -1 means variadic. `mayAsync` natives may return a Promise. */
export class NNative {
  constructor(
    readonly name: string,
    readonly minArity: number,
    readonly maxArity: number,
    readonly fn: (args: Value[], ctx: NativeContext) => CallResult,
    readonly mayAsync: boolean = false,
    /**
     * The same function taking its `minArity` (= `maxArity`, 1 to 3) arguments one by one,
     * then the context: compiled calls with that many arguments need no argument array.
     */
    // biome-ignore lint/suspicious/noExplicitAny: each native declares its own 1–3 parameter types
    readonly fixed: ((...a: any[]) => CallResult) | null = null,
  ) {}

  /** The function's declaration (signature, description, example) when it has one: see src/runtime/declaration.ts. */
  doc: NativeDoc | null = null;
}

/** How a std function is documented and typed, declared once beside its code (stdlib.md §17). */
export interface NativeDoc {
  /** `split(s: String, sep: String) -> [String]`; `x?: T` optional, `...xs: T` any number; capitals are type variables. */
  signature: string;
  /** One line saying what it does. */
  description: string;
  /** A short call with its result, e.g. `split("a,b", ",")  // ["a", "b"]`. */
  example: string;
}

/** A module value: `import "std/math" as m` or a file module namespace. */
export class NModule {
  constructor(
    readonly path: string,
    readonly members: Map<string, Value>,
  ) {}
}

export const NONE = new NEnum("Option", "None", []);
export const Some = (v: Value): NEnum => new NEnum("Option", "Some", [v]);
export const Ok = (v: Value): NEnum => new NEnum("Result", "Ok", [v]);
export const Err = (v: Value): NEnum => new NEnum("Result", "Err", [v]);

/** An Int value (a JS number for safe integers, a bigint beyond). */
export const isInt = (v: Value): v is number | bigint => typeof v === "number" || typeof v === "bigint";
/** An Int or a Float. */
export const isNumber = (v: Value): v is number | bigint | NFloat => typeof v === "number" || typeof v === "bigint" || v instanceof NFloat;

/** The language's type name of a value (spec §4.1), as used in error messages. */
export function typeName(v: Value): string {
  switch (typeof v) {
    case "undefined":
      return "Unit";
    case "boolean":
      return "Bool";
    case "number":
    case "bigint":
      return "Int";
    case "string":
      return "String";
  }
  if (v instanceof NFloat) return "Float";
  if (v instanceof NArray) return "Array";
  if (v instanceof NMap) return "Map";
  if (v instanceof NRange) return "Range";
  if (v instanceof NStruct) return v.name;
  if (v instanceof NEnum) return v.enumName;
  if (v instanceof NEnumCtor) return "EnumConstructor";
  if (v instanceof NFunction) return "Function";
  if (v instanceof NNative) return "NativeFunction";
  if (v instanceof NModule) return "Module";
  return "Unknown";
}

/** Truthiness (spec §4.2). */
export function truthy(v: Value): boolean {
  if (v === true) return true;
  if (v === false || v === undefined || v === "") return false;
  if (v instanceof NArray) return v.length > 0;
  if (v instanceof NMap) return v.size > 0;
  if (v instanceof NEnum) return !(v.enumName === "Option" && v.variant === "None");
  return true;
}
