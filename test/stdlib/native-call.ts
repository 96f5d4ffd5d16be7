/** Shared helpers for calling std natives directly in unit tests. */

import { display } from "../../src/runtime/display";
import { NNative, type NativeContext, type Value } from "../../src/runtime/values";
import type { StdModule } from "../../src/stdlib/module";

export const ctx: NativeContext = { call: (f, a) => (f as NNative).fn(a, ctx), scriptDir: "." };

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
