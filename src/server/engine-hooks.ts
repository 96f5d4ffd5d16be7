/**
 * What the server needs from the engine, as one typed object. The engine installs it once
 * when it loads the server (`installEngineHooks`); the server never imports the engine, so
 * folder dependencies run one way (engine → server). Without an engine (server unit tests
 * that register natives directly) `directHooks` call natives and user functions as they are.
 */

import { arityError, runtimeError, typeError } from "../runtime/errors";
import { display } from "../runtime/display";
import { NFunction, NNative, type CallResult, type NativeContext, type NMap, type Value } from "../runtime/values";
import type { ProgramLoad } from "../runtime/program-load";
import { nativeContext } from "../runtime/rt";

/** The engine's services the server calls. */
export interface EngineHooks {
  /** Arity-checked call of any function value; may return a Promise when it suspends. */
  call(fn: Value, args: Value[]): CallResult;
  /** `call` with exactly one argument, without an argument array (handlers, middleware). */
  call1(fn: Value, arg: Value): CallResult;
  /** Parse, compile and run a program's top level in `load` (hot reload, `ntnt test`). */
  loadProgram(file: string, load: ProgramLoad): Promise<unknown>;
  /** How many file modules the program loaded last has imported (hot reload's "imports tracked"). */
  importedModules(): number;
  /** Evaluate a file in a fresh scope (builtins + `globals`) and return its top-level bindings. */
  evalFile(file: string, globals: Map<string, Value>): Promise<Map<string, Value>>;
  /** Render template source with `data`'s keys as variables. */
  renderTemplate(source: string, data: NMap, ctx: NativeContext): CallResult;
  /** An escaped error as `ntnt run` prints it. */
  formatError(e: unknown): string;
  /** Let long-running async code yield to the event loop (turned on once the server binds). */
  setCooperativeYield(on: boolean): void;
}

function needsEngine(what: string): never {
  throw runtimeError(`${what} needs the engine, which is not loaded`);
}

/** Calls natives and user functions directly; everything that compiles code needs the engine. */
export const directHooks: EngineHooks = {
  call: callDirect,
  call1: (fn, arg) => callDirect(fn, [arg]),
  loadProgram: () => needsEngine("loading a program"),
  importedModules: () => 0,
  evalFile: () => needsEngine("evaluating a route file"),
  renderTemplate: () => needsEngine("rendering a template"),
  formatError: (e) => (e instanceof Error ? e.message : String(e)),
  setCooperativeYield: () => {},
};

const directContext: NativeContext = { ...nativeContext, call: callDirect };

/** The engine of this process: one per process, so the server reaches it without a context. */
let installed: EngineHooks = directHooks;

/** Install the engine's hooks (the engine does this once when it loads the server; tests install stand-ins). */
export function installEngineHooks(hooks: EngineHooks): void {
  installed = hooks;
}

/** The installed engine's services. */
export function engineHooks(): EngineHooks {
  return installed;
}

function callDirect(fn: Value, args: Value[]): CallResult {
  if (fn instanceof NFunction) {
    if (args.length > fn.arity || args.length < fn.required) throw arityError(fn.name, fn.arity, args.length);
    return fn.call(args);
  }
  if (fn instanceof NNative) {
    if (args.length < fn.minArity || (fn.maxArity >= 0 && args.length > fn.maxArity)) throw arityError(fn.name, fn.maxArity, args.length);
    return fn.fn(args, directContext);
  }
  throw typeError(`${display(fn)} is not callable`);
}
