/**
 * One NTNT function, before/after, in one process: loads FILE through this tree's engine and
 * another tree's (each its own module graph and program load), then calls the program's
 * top-level function NAME(ARG) in alternating blocks, each tree first in every other block,
 * and prints the CPU time per call of each and the difference paired per block. Steadier than
 * separate processes on a shared machine; for programs outside bench:cpu's table.
 *
 *   bun bench/cpu/pair-program.ts FILE --base DIR [--call NAME] [--arg INT] [--blocks N] [--block CALLS]
 */

import { dirname, join, resolve } from "node:path";
import { opt } from "../args";
import { median } from "../stats";

const file = resolve(process.argv[2] ?? "");
const base = opt("--base", "");
const name = opt("--call", "run");
const arg = Number(opt("--arg", "1000"));
const blocks = Number(opt("--blocks", "24"));
const size = Number(opt("--block", "20"));
if (!process.argv[2] || process.argv[2].startsWith("--") || !base) {
  console.error("usage: bun bench/cpu/pair-program.ts FILE --base DIR [--call NAME] [--arg INT] [--blocks N] [--block CALLS]");
  process.exit(2);
}

type Call = () => unknown;

/** Load FILE through `root`'s engine in a load of its own and return a call of NAME(ARG). */
async function loadIn(root: string): Promise<Call> {
  const engine = await import(join(root, "src/engine/index.ts"));
  const { newProgramLoad } = await import(join(root, "src/runtime/rt.ts"));
  const bindings: Map<string, unknown> = await engine.loadProgram(file, { load: newProgramLoad(dirname(file), false) });
  const fn = bindings.get(name);
  if (fn === undefined) throw new Error(`${file} has no top-level ${name}`);
  return () => engine.callValue(fn, [arg]);
}

/** CPU µs of `size` calls. */
function block(call: Call): number {
  const t0 = process.cpuUsage();
  for (let i = 0; i < size; i++) call();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / size;
}

const trees = { this: await loadIn(resolve(import.meta.dir, "../..")), base: await loadIn(resolve(base)) };
const us: Record<keyof typeof trees, number[]> = { this: [], base: [] };
for (const t of ["this", "base"] as const) block(trees[t]);
for (let b = 0; b < blocks; b++) {
  for (const t of (b % 2 ? ["base", "this"] : ["this", "base"]) as (keyof typeof trees)[]) us[t].push(block(trees[t]));
}
const diffs = us.this.map((x, i) => x - us.base[i]!).sort((a, b) => a - b);
const q = (p: number) => diffs[Math.floor(p * (diffs.length - 1))]!.toFixed(1);
console.log(`${name}(${arg}) of ${file}: µs of CPU per call, ${blocks} blocks of ${size} calls; base = ${resolve(base)}`);
console.log(
  `this ${median(us.this).toFixed(1)}  base ${median(us.base).toFixed(1)}  this − base paired by block: ${median(diffs).toFixed(1)} (quartiles ${q(0.25)} to ${q(0.75)})`,
);
