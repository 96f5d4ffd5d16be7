/**
 * The middleware chain around a handler (http-server.md §6, docs/web.md): one-parameter
 * middleware run before the handler (answer, replace the request, or go on);
 * two-parameter middleware `mw(req, next)` wrap the rest of the chain and get its response
 * back as a map from `next(req)`.
 */

import { DeadlineExceeded, runtimeError } from "../runtime/errors";
import { state } from "../runtime/state";
import { NFunction, NMap, NNative, typeName, type CallResult, type Value } from "../runtime/values";
import { invokeWithRequest } from "./invoke";
import { TEXT_PLAIN } from "./response";

/** What one request's chain is doing, for the error log and the 400-or-500 decision. */
export interface ChainTrack {
  stage: "Handler" | "Middleware";
  /** The route handler, once it has been called. */
  handler: Value;
  /** Call depth the handler's own frame runs at (its `requires` is the client's fault). */
  handlerDepth: number;
}

/** A handler's value that is no response (Unit, Int, array…): a 500, logged at the handler. */
export class InvalidResponse extends Error {
  constructor(
    readonly got: string,
    readonly where: string | null,
  ) {
    super(`Handler did not return a valid response (got ${got})`);
  }
}

const TEXT_HEADERS = () => new NMap(new Map<string, Value>([["content-type", TEXT_PLAIN]]));

/** A handler's value as a response map: strings become text/plain; anything else but a map is an InvalidResponse. */
export function responseValue(v: Value, handler: Value): NMap {
  if (v instanceof NMap) return v;
  if (typeof v === "string")
    return new NMap(
      new Map<string, Value>([
        ["status", 200],
        ["headers", TEXT_HEADERS()],
        ["body", v],
      ]),
    );
  throw new InvalidResponse(v === undefined ? "()" : typeName(v), handler instanceof NFunction ? handler.where : null);
}

/** True for a middleware written `fn mw(req, next)`. */
export function wrapsHandler(mw: Value): boolean {
  if (mw instanceof NFunction) return mw.arity === 2;
  return mw instanceof NNative && mw.minArity === 2;
}

/**
 * Run middleware `i…` and then `handler` on `req`. The value is what the handler (or a
 * middleware) answered: a response map, a string, or anything else for the caller to reject.
 */
export function runChain(mws: readonly Value[], i: number, handler: Value, req: NMap, deadline: number, track: ChainTrack): CallResult {
  for (; i < mws.length; i++) {
    const mw = mws[i]!;
    track.stage = "Middleware";
    if (wrapsHandler(mw)) return invokeWithRequest(deadline, mw, req, nextOf(mws, i + 1, handler, deadline, track));
    const r = settled(invokeWithRequest(deadline, mw, req));
    if (r instanceof Promise) return continueAfter(r, mws, i + 1, handler, req, deadline, track);
    if (r instanceof NMap) {
      if (r.has("status")) return r;
      req = r;
    }
  }
  track.stage = "Handler";
  track.handler = handler;
  track.handlerDepth = state.depth + 1;
  return settled(invokeWithRequest(deadline, handler, req));
}

// The closures live in functions of their own: a function whose variables a closure captures
// allocates a scope object on every call, and runChain runs on every request.

/** The `next` a wrapping middleware gets: the rest of the chain from `rest`. */
function nextOf(mws: readonly Value[], rest: number, handler: Value, deadline: number, track: ChainTrack): NNative {
  return new NNative(
    "next",
    1,
    1,
    ([r]) => {
      if (!(r instanceof NMap)) throw runtimeError("next() requires the request map");
      if (Date.now() > deadline) throw new DeadlineExceeded();
      const out = runChain(mws, rest, handler, r, deadline, track);
      return out instanceof Promise ? out.then((v) => responseValue(v, handler)) : responseValue(out, handler);
    },
    true,
  );
}

/** The chain from `at` once a suspended middleware answered: its response, or the rest with its request. */
function continueAfter(r: Promise<Value>, mws: readonly Value[], at: number, handler: Value, req: NMap, deadline: number, track: ChainTrack): Promise<Value> {
  return r.then((v) => {
    if (Date.now() > deadline) throw new DeadlineExceeded();
    if (v instanceof NMap && v.has("status")) return v;
    return runChain(mws, at, handler, v instanceof NMap ? v : req, deadline, track);
  });
}

/**
 * The value of a promise that has already settled (an async function that never had to
 * wait), taken synchronously (a rejection is thrown), so the response is not delayed to a
 * later tick; a pending promise is returned as it is.
 */
export function settled<T>(r: T | Promise<T>): T | Promise<T> {
  if (!(r instanceof Promise)) return r;
  const status = Bun.peek.status(r);
  if (status === "pending") return r;
  if (status === "rejected") r.catch(() => {});
  const v = Bun.peek(r) as T;
  if (status === "rejected") throw v;
  return v;
}
