/**
 * One timed run of one benchmark program, in a fresh process started by run.ts.
 *
 *   bun bench/cpu/child.ts js  FILE.js   — imports the plain-JS program
 *   bun bench/cpu/child.ts ntnt FILE.tnt — runs the NTNT program as `ntnt run` does (runProgram)
 *
 * The timer starts after the process (and, for NTNT, the engine, parser and server modules)
 * has loaded, so process start-up is excluded; NTNT parse + compile + execution are included, as are the
 * JS module's transpile + execution. The program's own output goes to stdout as usual; the
 * measurement is the last stderr line: `BENCH {"ms":…,"cpuMs":…,"rssMiB":…,"exit":…}` (wall
 * and process CPU time of the timed part, RSS at the end).
 */

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [kind, file] = process.argv.slice(2);
if ((kind !== "js" && kind !== "ntnt") || !file) {
  console.error("usage: bun bench/cpu/child.ts js|ntnt FILE");
  process.exit(2);
}
const path = resolve(file);

let exit = 0;
let ms: number;
let cpu0: NodeJS.CpuUsage;
if (kind === "js") {
  cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await import(pathToFileURL(path).href);
  ms = performance.now() - t0;
} else {
  // Loaded before the timer so that module loading counts as start-up. The engine imports
  // the parser and (for server programs) the server lazily on first use; importing them
  // here keeps their loading out of the timing too.
  await import("../../src/engine/index");
  await import("../../src/parser/index");
  await import("../../src/server/index").catch(() => {});
  // What `ntnt run FILE` calls once its arguments are read: parsing and compiling under the
  // start-up JIT policy, the program itself under the normal one (src/engine/jit-policy.ts).
  const { runProgram } = await import("../../src/cli/run");
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
process.stderr.write(`BENCH ${JSON.stringify({ ms, cpuMs, rssMiB, exit })}\n`);
process.exit(exit);
