/**
 * Calling NTNT function values from the server, through the engine's hooks (so arity errors,
 * call depth and locations match the rest of the language).
 */

import { state } from "../runtime/state";
import type { CallResult, Value } from "../runtime/values";
import { engineHooks } from "./engine-hooks";

/** Call a function value with arguments; may return a Promise when it suspends. */
export function invoke(fn: Value, args: Value[]): CallResult {
  return engineHooks().call(fn, args);
}

/**
 * Call a handler or middleware with the request map (and, for middleware that wrap the
 * handler or error handlers, a second argument), `state.deadline` set to an absolute time meanwhile.
 */
export function invokeWithRequest(deadline: number, fn: Value, req: Value, second?: Value): CallResult {
  const saved = state.deadline;
  state.watch = true;
  state.deadline = deadline;
  state.sliceStart = Date.now();
  try {
    if (second !== undefined) return engineHooks().call(fn, [req, second]);
    return engineHooks().call1(fn, req);
  } finally {
    state.deadline = saved;
  }
}
