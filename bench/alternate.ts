/**
 * Before/after in fresh processes for the in-process benchmarks (`bench/http/dispatch.ts`,
 * `bench/cpu/handler.ts`): the script runs again with `--root` set to this tree and to another
 * in alternating order each round, each run printing one `RESULT {name: ns}` line on stderr;
 * the report gives medians and the differences paired per round.
 */

import { resolve } from "node:path";
import { median } from "./stats";

/** Run `script` with `args` (less --ab/--rounds/--root) on `here` and `other` for `rounds` rounds; print ns per call for each of `names`. */
export function alternateTrees(script: string, args: string[], here: string, other: string, rounds: number, names: string[]): void {
  const skip = ["--ab", "--rounds", "--root"];
  const pass = args.filter((a, i) => !skip.includes(a) && !skip.includes(args[i - 1]!));
  const trees = { this: here, other: resolve(other) };
  const res: Record<string, Record<string, number[]>> = { this: {}, other: {} };
  for (let r = 0; r < rounds; r++) {
    for (const name of (r % 2 ? ["other", "this"] : ["this", "other"]) as (keyof typeof trees)[]) {
      const p = Bun.spawnSync([process.execPath, script, ...pass, "--root", trees[name]], { stdout: "ignore", stderr: "pipe" });
      const line = p.stderr
        .toString()
        .split("\n")
        .find((l) => l.startsWith("RESULT "));
      if (!line) throw new Error(`${name}: no result\n${p.stderr.toString().slice(-2000)}`);
      for (const [key, ns] of Object.entries(JSON.parse(line.slice(7)) as Record<string, number>)) (res[name]![key] ??= []).push(ns);
    }
  }
  const f = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  console.log(`ns of CPU per call, median of ${rounds} (min–max); other = ${trees.other}`);
  for (const key of names) {
    const [a, b] = [res.this![key]!, res.other![key]!];
    console.log(`${key.padEnd(10)} this ${f(a).padEnd(20)} other ${f(b).padEnd(20)} this − other, paired per round ${f(a.map((x, i) => x - b[i]!))} ns`);
  }
}
