/**
 * Runtime fuzzing: programs that call every core builtin and pure std function with edge
 * values (extreme Ints, odd floats, empty/Unicode/huge strings, nested collections, Options,
 * closures). Each call must return or fail with an NTNT error whose message is the
 * language's own — never a JavaScript error or wording, never a stall.
 */

import { coreBuiltins } from "../../src/runtime/core-builtins";
import { loadProgram } from "../../src/engine/index";
import { state } from "../../src/runtime/state";
import { NNative } from "../../src/runtime/values";
import { loadStdModule } from "../../src/stdlib/index";
import { leakOf, type Finding } from "./finding";
import type { Rng } from "./rng";

/** Modules whose functions have no side effects outside the program (no files, network, sleeping, env). */
const PURE_MODULES = ["std/string", "std/math", "std/collections", "std/json", "std/url", "std/path", "std/csv", "std/crypto", "std/time"];
const SKIP = new Set(["print", "sleep", "now", "now_millis", "now_nanos", "random", "random_int", "uuid", "random_bytes", "random_hex"]);

/** Edge values as NTNT source. */
export const EDGE_VALUES = [
  "0",
  "1",
  "-1",
  "2",
  "3",
  "255",
  "9223372036854775807",
  "(-9223372036854775807 - 1)",
  "9007199254740993",
  "1099511627776",
  "4294967296",
  "1.5",
  "-0.0",
  "1e308",
  "0.1",
  "(0.0 / 1.0)",
  '""',
  '"a"',
  '"abc"',
  '"héllo wörld"',
  '"😀👍🏽"',
  '" \\t\\n "',
  '"a,b,,c"',
  '"%zz%2F"',
  '"{\\"a\\": [1, 2.5, null]}"',
  '"[[:^digit:]]"',
  '"(a+)+$"',
  '"\\\\"',
  '"2024-02-29T12:00:00Z"',
  '"/a/../b/./c"',
  '"x=1&y=%20"',
  `"${"x".repeat(3000)}"`,
  '"a\\u{0}b"',
  "[]",
  "[1, 2, 3]",
  '["b", "a", "c"]',
  "[[1], [2, [3]]]",
  '[1, "a", None]',
  "map {}",
  'map { "a": 1, "b": [2] }',
  'map { "": "" }',
  "true",
  "false",
  "None",
  "Some(1)",
  'Ok("x")',
  'Err("e")',
  "0..3",
  "1..=5",
  "fn(x) { x }",
  "fn(a, b) { a }",
  "fn() { 1 }",
];

interface Target {
  call: string;
  minArity: number;
  maxArity: number;
  module: string | null;
}

/** Every function to call: core builtins and the members of the pure std modules. */
export async function callTargets(): Promise<Target[]> {
  const out: Target[] = [];
  for (const [name, v] of Object.entries(coreBuiltins)) {
    if (v instanceof NNative && !SKIP.has(name)) out.push({ call: name, minArity: v.minArity, maxArity: v.maxArity, module: null });
  }
  for (const path of PURE_MODULES) {
    const mod = await loadStdModule(path);
    for (const [name, v] of Object.entries(mod.members)) {
      if (v instanceof NNative && !SKIP.has(name)) out.push({ call: `m.${name}`, minArity: v.minArity, maxArity: v.maxArity, module: path });
    }
  }
  return out;
}

/** The program for one case. */
export function programFor(rng: Rng, targets: Target[]): string {
  const t = rng.pick(targets);
  const max = Math.min(t.maxArity < 0 ? 4 : t.maxArity, 4);
  // Mostly a valid arity, sometimes one too many or too few.
  let n = t.minArity + rng.int(Math.max(1, max - t.minArity + 1));
  if (rng.int(10) === 0) n = Math.max(0, n + (rng.int(2) === 0 ? -1 : 1));
  const args = Array.from({ length: n }, () => rng.pick(EDGE_VALUES));
  const head = t.module ? `import "${t.module}" as m\n` : "";
  return `${head}let r = ${t.call}(${args.join(", ")})\nlet shown = "{r}"\n`;
}

/** Run program case `index`; a finding or null. */
export async function programCase(rng: Rng, index: number, targets: Target[], slowMs: number): Promise<Finding | null> {
  const input = programFor(rng, targets);
  const t0 = performance.now();
  state.watch = true;
  state.deadline = Date.now() + slowMs;
  try {
    await loadProgram("/fuzz/case.tnt", { source: input });
  } catch (e) {
    if ((e as Error)?.constructor?.name === "DeadlineExceeded") return { mode: "programs", index, problem: `no answer within ${slowMs} ms`, input };
    const leak = leakOf(e);
    if (leak) return { mode: "programs", index, problem: leak, input };
  } finally {
    state.deadline = Number.POSITIVE_INFINITY;
  }
  const ms = performance.now() - t0;
  if (ms > slowMs) return { mode: "programs", index, problem: `slow: ${Math.round(ms)} ms`, input };
  return null;
}
