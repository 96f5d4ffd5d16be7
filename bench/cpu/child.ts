/**
 * One timed run of one benchmark program, in a fresh process started by run.ts.
 *
 *   bun bench/cpu/child.ts js  FILE.js   — imports the plain-JS program
 *   bun bench/cpu/child.ts ntnt FILE.tnt — runs the NTNT program as `ntnt run` does (runProgram)
 *
 * The timer starts after the process (and, for NTNT, the engine, parser and server modules)
 * has loaded, so process start-up is excluded; NTNT parse + compile + execution are included, as are the
 * JS module's transpile + execution. NTNT's code is what `ntnt run` runs from source: the run
 * bundle's bytecode while the bundle is fresh, else the modules (`via` in the timing line). The program's own output goes to stdout as usual; the
 * measurement is the last stderr line: `BENCH {"ms":…,"cpuMs":…,"rssMiB":…,"exit":…,"via":…}` (wall
 * and process CPU time of the timed part, RSS at the end).
 */

import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleIsFresh } from "../../src/cli/bundle-stamp";

const [kind, file] = process.argv.slice(2);
if ((kind !== "js" && kind !== "ntnt") || !file) {
  console.error("usage: bun bench/cpu/child.ts js|ntnt FILE");
  process.exit(2);
}
const path = resolve(file);
const ROOT = resolve(import.meta.dir, "../..");

/** Where NTNT's code comes from: the run bundle `ntnt run` uses from source while it is fresh (src/cli.ts), else the modules. */
const via = process.env.NTNT_BENCH_MODULES !== "1" && bundleIsFresh(ROOT) ? "bundle" : "modules";

/**
 * `runProgram` as `ntnt run FILE` reaches it, with everything it imports on first use loaded:
 * module loading counts as start-up, not as the program's time. From source `ntnt run` runs
 * from src/cli-run.bundle.js and its bytecode (scripts/build-cli-bundle.ts); the modules
 * themselves when it is stale (or NTNT_BENCH_MODULES=1), as src/cli.ts does without it.
 */
async function loadRunProgram(): Promise<(args: { file: string }) => Promise<number>> {
  if (via === "bundle") return (require(join(ROOT, "src/cli-run.bundle.js")) as typeof import("../../src/cli/run-only")).loadRunProgram();
  await import("../../src/engine/index");
  await import("../../src/parser/index");
  await import("../../src/server/index").catch(() => {});
  // What `ntnt run FILE` calls once its arguments are read: parsing and compiling under the
  // start-up JIT policy, the program itself under the normal one (src/engine/jit-policy.ts).
  return (await import("../../src/cli/run")).runProgram;
}

let exit = 0;
let ms: number;
let cpu0: NodeJS.CpuUsage;
if (kind === "js") {
  cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await import(pathToFileURL(path).href);
  ms = performance.now() - t0;
} else {
  const runProgram = await loadRunProgram();
  cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await runProgram({ file: path });
  ms = performance.now() - t0;
  exit = typeof code === "number" ? code : 0;
}
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const rssMiB = process.memoryUsage().rss / 2 ** 20;
// The engine buffers print output and flushes it on the next macrotask: let that happen.
await new Promise((r) => setImmediate(r));
process.stderr.write(`BENCH ${JSON.stringify({ ms, cpuMs, rssMiB, exit, via: kind === "ntnt" ? via : undefined })}\n`);
process.exit(exit);
