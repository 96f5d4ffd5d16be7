/**
 * Runtime support for compiled code: the helpers generated JavaScript calls by name
 * (`rt.callN`, `rt.method`, `rt.mkStruct`, …). Everything here is on slow or uncommon
 * paths; hot operations (Int arithmetic, comparisons, direct calls) are inlined by codegen.
 */

import { coreBuiltins } from "./core-builtins";
import { pushExclusive } from "./copy-on-write";
import { display, utf8Length } from "./display";
import {
  arityError,
  DeadlineExceeded,
  engineLimitOf,
  invariantError,
  LocatedError,
  postconditionError,
  preconditionError,
  runtimeError,
  stackOverflowError,
  typeError,
  undefinedFunction,
  undefinedVariable,
  valueTooLargeError,
} from "./errors";
import * as ops from "./ops";
import { state } from "./state";
import { ProgramLoad } from "./program-load";
import type { DeclaredType, Invariant, TypeTable } from "./type-table";
import {
  NArray,
  NEnum,
  NEnumCtor,
  NFloat,
  NFunction,
  NMap,
  NModule,
  NNative,
  NRange,
  NStruct,
  isInt,
  truthy,
  typeName,
  type CallResult,
  type NativeContext,
  type Value,
} from "./values";
import type { Loc } from "../ast/nodes";

/** "Not yet defined" marker of a compiled variable (never a language value). */
export const U: unique symbol = Symbol("uninitialised") as never;
/** Padding for omitted trailing arguments, replaced by the parameter's default value. */
export const MISSING: unique symbol = Symbol("missing") as never;

/** A compiled user function: `raw` takes positional arguments (MISSING for omitted ones). */
export class UFn extends NFunction {
  constructor(
    name: string,
    arity: number,
    required: number,
    readonly raw: (...args: never[]) => CallResult,
    mayAsync: boolean,
    /** File and line of the declaration (server logs name a handler by it). */
    readonly file: string | null = null,
    readonly line = 0,
  ) {
    super(name, arity, required, (args) => (raw as (...a: unknown[]) => CallResult)(...padArgs(args, arity)), mayAsync);
  }

  /** `file:line` of the declaration. */
  override get where(): string | null {
    return this.file === null ? null : `${this.file}:${this.line}`;
  }
}

function padArgs(args: Value[], arity: number): unknown[] {
  if (args.length >= arity) return args;
  const out: unknown[] = args.slice();
  while (out.length < arity) out.push(MISSING);
  return out;
}

/** A new load of a program from `scriptDir` (natives it calls receive `load.native`). */
export function newProgramLoad(scriptDir: string, serves = true): ProgramLoad {
  return new ProgramLoad(scriptDir, callValue, serves);
}

/**
 * The process's default load: the REPL's, and the context of natives reached without one
 * (a native called through a variable from compiled code, which has no load at hand).
 */
export const defaultLoad = newProgramLoad(process.cwd());

/** Context handed to natives outside a program load. */
export const nativeContext: NativeContext = defaultLoad.native;

/** Arity-checked call of any function value; may return a Promise when the callee suspends. Natives receive `ctx`. */
export function callValue(fn: Value, args: Value[], ctx: NativeContext = nativeContext): CallResult {
  if (fn instanceof NFunction) {
    if (args.length > fn.arity || args.length < fn.required) throw arityError(fn.name, fn.arity, args.length);
    return fn.call(args);
  }
  if (fn instanceof NNative) {
    if (args.length < fn.minArity || (fn.maxArity >= 0 && args.length > fn.maxArity)) {
      throw arityError(fn.name, nativeArity(fn), args.length);
    }
    return fn.fn(args, ctx);
  }
  if (fn instanceof NEnumCtor) {
    if (args.length !== fn.arity) throw arityError(`${fn.enumName}::${fn.variant}`, fn.arity, args.length);
    return new NEnum(fn.enumName, fn.variant, args);
  }
  throw typeError("Can only call functions");
}

/** Expected-arity text of a native for E008 messages. */
export function nativeArity(fn: NNative): number | string {
  if (fn.minArity === fn.maxArity) return fn.minArity;
  return fn.maxArity < 0 ? `at least ${fn.minArity}` : `${fn.minArity}-${fn.maxArity}`;
}

// Fixed-arity call helpers: skip the argument array for compiled functions of that arity; natives receive `ctx`.
export const call0 = (f: Value, ctx: NativeContext = nativeContext): CallResult =>
  f instanceof UFn && f.arity === 0 ? (f.raw as () => CallResult)() : callValue(f, [], ctx);
export const call1 = (f: Value, a: Value, ctx: NativeContext = nativeContext): CallResult =>
  f instanceof UFn && f.arity === 1 ? (f.raw as (a: Value) => CallResult)(a) : callValue(f, [a], ctx);
export const call2 = (f: Value, a: Value, b: Value, ctx: NativeContext = nativeContext): CallResult =>
  f instanceof UFn && f.arity === 2 ? (f.raw as (a: Value, b: Value) => CallResult)(a, b) : callValue(f, [a, b], ctx);
export const call3 = (f: Value, a: Value, b: Value, c: Value, ctx: NativeContext = nativeContext): CallResult =>
  f instanceof UFn && f.arity === 3 ? (f.raw as (a: Value, b: Value, c: Value) => CallResult)(a, b, c) : callValue(f, [a, b, c], ctx);

/**
 * `v = push(v, x)` of a never-shared variable (analysis.ts `exclusive`): an array is appended
 * to in place (copy-on-write.ts `pushExclusive`); anything else gets push's own error. One
 * call keeps the generated code small.
 */
export function pushOwn(root: Value, v: Value): Value {
  return root instanceof NArray ? pushExclusive(root, v) : (callValue(coreBuiltins.push!, [root, v]) as Value);
}

/** A call made from synchronous compiled code: a suspended callee cannot be awaited there. */
export function syncResult(r: CallResult): Value {
  if (r instanceof Promise) {
    r.catch(() => {});
    throw runtimeError("asynchronous function called where suspension is not possible (pass it directly, not through a variable)");
  }
  return r;
}

// ---------------------------------------------------------------- per-type methods, traits, structs, enums
// Each program load has its own table of declared types (type-table.ts, `load.types`, `TT` in
// compiled code): two programs in one process that declare the same name keep their own
// methods and invariants, and a hot reload's version starts from nothing. Compiled code
// passes each type's descriptor (`T…`, looked up once per unit); struct values carry theirs.

/** A trait default method the impl did not define (for the plain-name fallback binding). */
export function traitDefault(types: TypeTable, trait: string, name: string): Value | typeof U {
  return types.traitDefault(trait, name) ?? U;
}

/**
 * Check all invariants of a struct value (no-op for other values); returns the value, or a
 * Promise of it when an invariant suspended (compiled code awaits it then).
 */
export function inv<T extends Value>(v: T): T | Promise<T> {
  if (!(v instanceof NStruct)) return v;
  const list = v.type.invariants;
  for (let k = 0; k < list.length; k++) {
    const r = list[k]!.check(v);
    if (r instanceof Promise) return invAsync(v, list, k, r);
    if (!truthy(r)) throw invariantError(v.name, list[k]!.text);
  }
  return v;
}

async function invAsync<T extends Value>(v: T & NStruct, list: Invariant[], k: number, first: Promise<Value>): Promise<T> {
  if (!truthy(await first)) throw invariantError(v.name, list[k]!.text);
  for (let j = k + 1; j < list.length; j++) {
    let r = list[j]!.check(v);
    if (r instanceof Promise) r = await r;
    if (!truthy(r)) throw invariantError(v.name, list[j]!.text);
  }
  return v;
}

/** Struct literal of `type`: fields in declaration order, invariants checked. */
export function mkStruct(type: DeclaredType, names: string[], vals: Value[]): NStruct | Promise<NStruct> {
  const decl = type.fields;
  const fields = new Map<string, Value>();
  if (decl) {
    for (const f of decl) {
      const i = names.lastIndexOf(f);
      if (i >= 0) fields.set(f, vals[i]);
    }
  }
  for (let i = 0; i < names.length; i++) fields.set(names[i]!, vals[i]);
  return inv(new NStruct(type, fields));
}

/** `obj.m(args)`: module member, per-type method (an enum's from the calling load), else UFCS with the lexical `fallback`; natives receive `ctx`. */
export function method(obj: Value, name: string, args: Value[], fallback: Value | typeof U, ctx: NativeContext = nativeContext): CallResult {
  if (obj instanceof NModule) {
    const m = obj.members.get(name);
    if (m === undefined) throw runtimeError(`Module '${obj.path}' has no function '${name}'`);
    return callValue(m, args, ctx);
  }
  const m = obj instanceof NStruct ? obj.type.methods.get(name) : obj instanceof NEnum ? ctx.load.types.find(obj.enumName)?.methods.get(name) : undefined;
  if (m !== undefined) {
    // A compiled method taking exactly the receiver and these arguments: called without building the argument array.
    if (m instanceof UFn && m.arity === args.length + 1 && args.length < 3) {
      const raw = m.raw as (...a: Value[]) => CallResult;
      return args.length === 0 ? raw(obj) : args.length === 1 ? raw(obj, args[0]) : raw(obj, args[0], args[1]);
    }
    return callValue(m, [obj, ...args], ctx);
  }
  if (fallback === U) throw undefinedFunction(name);
  return callValue(fallback as Value, [obj, ...args], ctx);
}

/** `Type::name(args)`: an impl function of that type if one exists, else an enum value. */
export function path(type: DeclaredType, name: string, args: Value[], ctx: NativeContext = nativeContext): CallResult {
  const m = type.methods.get(name);
  if (m !== undefined && !type.variants?.includes(name)) return callValue(m, args, ctx);
  return new NEnum(type.name, name, args);
}

/** Exhaustiveness check of `match` (§4.14 step 2) for arms without a catch-all, against the enum as `types` declares it. */
export function exhaust(v: Value, covered: Set<string>, types: TypeTable): void {
  if (!(v instanceof NEnum)) return;
  const variants = types.find(v.enumName)?.variants;
  if (!variants) return;
  const missing = variants.filter((x) => !covered.has(x));
  if (missing.length) throw runtimeError(`Non-exhaustive match: missing variants [${missing.map((m) => JSON.stringify(m)).join(", ")}]`);
}

// ---------------------------------------------------------------- values

/** Display for interpolation (strings pass through; Ints held as numbers skip the general `display`). */
export const str = (v: Value): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : display(v));

/** `a..b` / `a..=b` as a value. */
export function range(a: Value, b: Value, inclusive: boolean): NRange {
  if (!isInt(a) || !isInt(b)) throw runtimeError("Range bounds must be integers");
  return new NRange(a, b, inclusive);
}

/** Int `k` of a loop over a range with a bound beyond ±2^53: counted as a bigint, handed out normalised. */
export const rangeInt = (k: number | bigint): number | bigint => (typeof k === "number" ? k : ops.fromBig(k));

/** A range with a bound beyond ±2^53 as an indexable view (for-loops read item k lazily). */
export function bigRangeItems(r: NRange): { count: number; items: { [k: number]: Value } } {
  const start = BigInt(r.start);
  const span = BigInt(r.end) - start + (r.inclusive ? 1n : 0n);
  const count = span <= 0n ? 0 : span > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(span);
  const items = new Proxy({} as { [k: number]: Value }, { get: (_, k) => ops.fromBig(start + BigInt(k as string)) });
  return { count, items };
}

/** Map literal from alternating keys and values (§4.7). */
export function mapLit(kv: Value[]): NMap {
  const m = new Map<string, Value>();
  for (let i = 0; i < kv.length; i += 2) {
    const k = kv[i];
    if (typeof k === "string") m.set(k, kv[i + 1]);
    else if (isInt(k)) m.set(String(k), kv[i + 1]);
    else throw runtimeError("Map keys must be strings or integers");
  }
  return new NMap(m);
}

/** Items of a `for` iterable (§4.11); ranges are handled by the caller. */
export function iterItems(v: Value): readonly Value[] {
  if (v instanceof NArray) return v.length === v.items.length ? v.items : v.items.slice(0, v.length);
  if (typeof v === "string") return Array.from(v);
  if (v instanceof NMap) return Array.from(v.entries.keys());
  throw runtimeError(`Cannot iterate over ${typeName(v)}`);
}

/** `a ?? b` left side: Some(v) → v, None → MISSING (evaluate b), else a. */
export function coalesce(a: Value): Value | typeof MISSING {
  if (a instanceof NEnum && a.enumName === "Option") return a.variant === "Some" ? a.values[0] : MISSING;
  return a;
}

// ---------------------------------------------------------------- errors, depth, deadline

/** Raise E006 for `name`, positioned at the name itself when the compiler knows where it is written. */
export const undef = (name: string, suggestion: string | null, file?: string, loc?: Loc): never => {
  const e = undefinedVariable(name);
  e.suggestion = suggestion;
  if (file && loc) e.at(file, loc);
  throw e;
};
export const destructureFail = (): never => {
  throw runtimeError("Pattern destructuring failed: value does not match pattern");
};
export const noMatch = (): never => {
  throw runtimeError("No pattern matched in match expression");
};
export const invalidTarget = (): never => {
  throw runtimeError("Invalid assignment target");
};
export const pre = (fn: string, text: string): never => {
  const e = preconditionError(fn, text);
  e.precondition = { fn, depth: state.depth };
  throw e;
};
export const post = (fn: string, text: string): never => {
  throw postconditionError(fn, text);
};
export const tooDeep = (): never => {
  state.depth--;
  throw stackOverflowError();
};

/** Deadline check done every 1024 ticks. */
export function tick(): void {
  if (state.deadline !== Number.POSITIVE_INFINITY && Date.now() > state.deadline) throw new DeadlineExceeded();
}

/** When set (the default), async code yields to the event loop every ~10 ms of CPU work. */
export const cooperative = { enabled: true };

/** Back-edge tick in async code: deadline check plus a macrotask yield once the current stretch of work passes ~10 ms. */
export function asyncTick(): Promise<void> | undefined {
  tick();
  if (!cooperative.enabled) return undefined;
  const now = Date.now();
  if (now - state.sliceStart < 10) return undefined;
  return new Promise((resolve) =>
    setImmediate(() => {
      state.sliceStart = Date.now();
      resolve();
    }),
  );
}

/** Attach a location to an error passing a compiled function; turns the engine's stack overflow and size limit into E005. */
export function at(e: unknown, file: string, loc: Loc | undefined): unknown {
  if (e instanceof LocatedError) return loc ? e.at(file, loc) : e;
  const limit = engineLimitOf(e);
  if (limit === null) return e;
  const err = limit === "stack-overflow" ? stackOverflowError() : valueTooLargeError();
  return loc ? err.at(file, loc) : err;
}

/** Run deferred closures in LIFO order; their errors are ignored (§4.11), timeouts are not. */
export function runDefers(list: (() => CallResult)[]): void | Promise<void> {
  for (let i = list.length - 1; i >= 0; i--) {
    try {
      const r = list[i]!();
      if (r instanceof Promise) return runDefersAsync(list, i, r);
    } catch (e) {
      if (e instanceof DeadlineExceeded) throw e;
    }
  }
}

async function runDefersAsync(list: (() => CallResult)[], i: number, pending: Promise<Value>): Promise<void> {
  try {
    await pending;
  } catch (e) {
    if (e instanceof DeadlineExceeded) throw e;
  }
  for (let j = i - 1; j >= 0; j--) {
    try {
      const r = list[j]!();
      if (r instanceof Promise) await r;
    } catch (e) {
      if (e instanceof DeadlineExceeded) throw e;
    }
  }
}

export { iterationBuffer, mint, release, setField, setIndex, setIndexExclusive } from "./copy-on-write";
export { applyFilter, isUndefinedVariable, templateItems } from "./template-filters";
export { ops, state, truthy, display, utf8Length, NArray, NEnum, NEnumCtor, NFloat, NMap, NModule, NRange, NStruct };
