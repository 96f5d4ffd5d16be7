/** Shared helpers for calling std natives directly in unit tests. */

import { expect } from "bun:test";
import { display } from "../../src/runtime/display";
import { NEnum, NNative, type NativeContext, type Value } from "../../src/runtime/values";
import type { StdModule } from "../../src/stdlib/module";
import { newProgramLoad } from "../../src/runtime/rt";

export const ctx: NativeContext = { ...newProgramLoad(".").native, call: (f, a) => (f as NNative).fn(a, ctx) };

/** Call member `name` of `mod`; returns the Display text of the result or `ERR <message>`. */
export function caller(mod: StdModule) {
  const raw = (name: string, ...args: Value[]) => (mod.members[name] as NNative).fn(args, ctx);
  const show = (name: string, ...args: Value[]): string => {
    try {
      const r = raw(name, ...args);
      if (r instanceof Promise) throw new Error("unexpected Promise");
      return display(r);
    } catch (e) {
      return "ERR " + (e as Error).message;
    }
  };
  return { raw, show };
}

/** A native context whose `call` invokes natives and plain JS functions. */
export function makeCtx(scriptDir = process.cwd()): NativeContext {
  return {
    scriptDir,
    load: newProgramLoad(scriptDir),
    call(fn: Value, args: Value[]) {
      if (fn instanceof NNative) return fn.fn(args, this);
      throw new Error("test ctx can only call natives");
    },
  };
}

/** Call `mod.name(...args)` with arity checks like the engine's. */
export async function call(mod: StdModule, name: string, args: Value[], ctx = makeCtx()): Promise<Value> {
  const f = mod.members[name];
  if (!(f instanceof NNative)) throw new Error(`${mod.path} has no native ${name}`);
  if (args.length < f.minArity || (f.maxArity >= 0 && args.length > f.maxArity)) throw new Error(`arity ${name}`);
  const r = f.fn(args, ctx);
  if (r instanceof Promise && !f.mayAsync) throw new Error(`${name} returned a Promise without mayAsync`);
  return await r;
}

/** The payload of `Ok(x)`; fails the test on anything else. */
export function ok(v: Value): Value {
  expect(v).toBeInstanceOf(NEnum);
  const e = v as NEnum;
  if (e.variant !== "Ok") throw new Error(`expected Ok, got ${e.variant}(${String(e.values[0])})`);
  return e.values[0];
}

/** The payload of `Err(x)`; fails the test on anything else. */
export function err(v: Value): Value {
  expect(v).toBeInstanceOf(NEnum);
  const e = v as NEnum;
  if (e.variant !== "Err") throw new Error(`expected Err, got ${e.variant}`);
  return e.values[0];
}
