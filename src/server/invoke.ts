/**
 * Calling NTNT function values from the server. Uses the engine's `callValue` once it is
 * installed (so arity errors, call depth and locations match the rest of the language) and
 * falls back to calling the value directly.
 */

import { arityError, typeError } from "../runtime/errors";
import { state } from "../runtime/state";
import { NFunction, NNative, type CallResult, type NativeContext, type Value } from "../runtime/values";
import { display } from "../runtime/display";

let engineCall: ((fn: Value, args: Value[]) => CallResult) | null = null;
let engineCall1: ((fn: Value, arg: Value) => CallResult) | null = null;
let scriptDir = process.cwd();

/** Install the engine's call entry points (done once the engine is loaded); `one` takes a single argument without an array. */
export function setEngineCall(fn: (fn: Value, args: Value[]) => CallResult, one: (fn: Value, arg: Value) => CallResult): void {
  engineCall = fn;
  engineCall1 = one;
}

let entryDir: string | null = null;

/** Directory of the program's entry file (templates resolve against it first). */
export function getEntryDir(): string | null {
  return entryDir;
}

/** Record the entry file's directory. */
export function setEntryDir(dir: string): void {
  entryDir = dir;
}

/** Directory used for relative paths of natives called from the server. */
export function setScriptDir(dir: string): void {
  scriptDir = dir;
}

/** Native context for natives the server calls directly. */
export const serverContext: NativeContext = {
  call: (fn, args) => invoke(fn, args),
  get scriptDir() {
    return scriptDir;
  },
};

/** Call a function value with arguments; may return a Promise when it suspends. */
export function invoke(fn: Value, args: Value[]): CallResult {
  if (engineCall) return engineCall(fn, args);
  if (fn instanceof NFunction) {
    if (args.length > fn.arity || args.length < fn.required) throw arityError(fn.name, fn.arity, args.length);
    return fn.call(args);
  }
  if (fn instanceof NNative) {
    if (args.length < fn.minArity || (fn.maxArity >= 0 && args.length > fn.maxArity)) throw arityError(fn.name, fn.maxArity, args.length);
    return fn.fn(args, serverContext);
  }
  throw typeError(`${display(fn)} is not callable`);
}

/** Call a handler or middleware with the request map, `state.deadline` set to an absolute time meanwhile. */
export function invokeWithRequest(deadline: number, fn: Value, req: Value): CallResult {
  const saved = state.deadline;
  state.watch = true;
  state.deadline = deadline;
  state.sliceStart = Date.now();
  try {
    return engineCall1 ? engineCall1(fn, req) : invoke(fn, [req]);
  } finally {
    state.deadline = saved;
  }
}
