/**
 * In-process calls for `call:` glossary terms (cli.md §5.1 rule 2): the source file is loaded
 * with the engine (its `listen()` returns at once, its output is dropped), the function is
 * called with the argument texts (integers and floats become numbers, other text stays a
 * string) and its result, as text, is what the assertions check.
 */

import { relative, resolve } from "node:path";
import { display } from "../runtime/display";
import { NFloat, type Value } from "../runtime/values";

/** A loaded source file: call its functions by name. */
export interface LoadedSource {
  call(fn: string, args: Value[]): Promise<Value>;
}

const CALL_DEADLINE_MS = 10_000;

/** Argument text → value: `42` → Int, `1.5` → Float, anything else → String. */
export function argumentValue(text: string): Value {
  if (/^[+-]?\d+$/.test(text.trim())) {
    const n = BigInt(text.trim());
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  if (/^[+-]?(?:\d+\.\d*|\.\d+|\d+(?:\.\d*)?[eE][+-]?\d+)$/.test(text.trim())) return new NFloat(Number(text));
  return text;
}

/** A result as the assertions see it: strings as they are, integral floats without `.0`, `()` for unit. */
export function resultText(value: Value): string {
  if (value instanceof NFloat) return Number.isInteger(value.v) ? String(value.v) : display(value);
  return display(value);
}

/** Run `body` with program output dropped, under a deadline (programs are loaded with `serves: false`, so listen() returns at once). */
async function quietly<T>(body: () => Promise<T>): Promise<T> {
  const [{ setStdoutCapture, flushStdout }, { state }] = await Promise.all([import("../runtime/stdout"), import("../runtime/state")]);
  flushStdout();
  setStdoutCapture(() => {});
  const saved = { deadline: state.deadline, watch: state.watch };
  state.deadline = Date.now() + CALL_DEADLINE_MS;
  state.watch = true;
  try {
    return await body();
  } finally {
    state.deadline = saved.deadline;
    state.watch = saved.watch;
    setStdoutCapture(null);
  }
}

/** One line for a failure: `E006 Undefined variable: x (lib/text.tnt:6:21)`, a timeout, or the OS message. */
async function oneLine(err: unknown, path: string): Promise<string> {
  const { DeadlineExceeded, NtntError } = await import("../runtime/errors");
  if (err instanceof DeadlineExceeded) return `timed out after ${CALL_DEADLINE_MS / 1000} s`;
  if (err instanceof NtntError) {
    const where = err.loc ? ` (${relative(process.cwd(), err.file ?? path)}:${err.loc.line}:${err.loc.col})` : "";
    return `${err.code} ${err.message}${where}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Load a source file's top level (once per check run; the caller caches). Throws with a readable message. */
export async function loadSource(file: string): Promise<LoadedSource> {
  const engine = await import("../engine/index");
  const path = resolve(file);
  let bindings: Map<string, Value>;
  try {
    bindings = await quietly(() => engine.loadProgram(path, { serves: false }));
  } catch (err) {
    throw new Error(`Failed to load ${relative(process.cwd(), path)}: ${await oneLine(err, path)}`);
  }
  return {
    async call(fn, args) {
      const target = bindings.get(fn);
      if (target === undefined) throw new Error(`Function '${fn}' not found in ${relative(process.cwd(), path)}`);
      try {
        return await quietly(async () => engine.callValue(target, args));
      } catch (err) {
        throw new Error(`Function call failed: ${await oneLine(err, path)}`);
      }
    },
  };
}
