/**
 * Calling user callbacks from natives. A callback returns a Promise only when it suspended;
 * these helpers stay synchronous until that happens and then continue asynchronously, so
 * natives like `filter` cost nothing extra for ordinary callbacks.
 */

import type { CallResult, NativeContext, Value } from "./values";

/**
 * Call `fn(items[i])` for each item in order, handing each result to `sink`; returns
 * `finish()`, or a Promise of it once any call suspended.
 */
export function eachCall(
  ctx: NativeContext,
  fn: Value,
  items: readonly Value[],
  sink: (result: Value, item: Value, i: number) => void,
  finish: () => Value,
): CallResult {
  for (let i = 0; i < items.length; i++) {
    const r = ctx.call(fn, [items[i]]);
    if (r instanceof Promise) return eachCallAsync(ctx, fn, items, sink, finish, i, r);
    sink(r, items[i], i);
  }
  return finish();
}

async function eachCallAsync(
  ctx: NativeContext,
  fn: Value,
  items: readonly Value[],
  sink: (result: Value, item: Value, i: number) => void,
  finish: () => Value,
  start: number,
  pending: Promise<Value>,
): Promise<Value> {
  sink(await pending, items[start], start);
  for (let i = start + 1; i < items.length; i++) {
    const r = ctx.call(fn, [items[i]]);
    sink(r instanceof Promise ? await r : r, items[i], i);
  }
  return finish();
}

/**
 * Run a generator that yields call results (`const v = yield ctx.call(f, args)`) and
 * receives them back resolved: synchronous while no call suspends.
 */
export function drive<T>(gen: Generator<CallResult, T, Value>): T | Promise<T> {
  let step = gen.next();
  while (!step.done) {
    const r = step.value;
    if (r instanceof Promise) return driveAsync(gen, r);
    step = gen.next(r);
  }
  return step.value;
}

async function driveAsync<T>(gen: Generator<CallResult, T, Value>, first: Promise<Value>): Promise<T> {
  let step = gen.next(await first);
  while (!step.done) {
    const r = step.value;
    step = gen.next(r instanceof Promise ? await r : r);
  }
  return step.value;
}
