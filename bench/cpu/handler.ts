/**
 * One handler of a server program called in-process, CPU ns per call: the generated code's
 * share of a route without dispatch, the Response or the network (`/compute`'s loop, issue
 * #17). The program is loaded with `listen()` disabled; each handler named by `--fns` is
 * called `--calls` times (after a quarter as many to warm the JIT) with the server's
 * deadline watch on, in `--blocks` alternating blocks (the median block is reported). `--ab DIR` alternates this tree and DIR in fresh processes and reports
 * medians and the paired per-round differences.
 *
 *   bun bench/cpu/handler.ts [--app FILE] [--fns "compute home"] [--calls N] [--blocks N] [--root DIR]
 *   bun bench/cpu/handler.ts --ab DIR [--rounds N] [other options]
 */

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { alternateTrees } from "../alternate";
import { median } from "../stats";
import { opt } from "../args";

const args = process.argv.slice(2);
const HERE = resolve(import.meta.dir, "../..");
const CALLS = Number(opt("--calls", "200000"));
const FNS = opt("--fns", "home compute").split(/\s+/).filter(Boolean);
const APP = resolve(opt("--app", "examples/benchmark_server.tnt"));
const BLOCKS = Number(opt("--blocks", "8"));

type Raw = (req: unknown) => unknown;

/** One process: load the app from `root`'s engine, time CALLS calls per handler; prints one JSON line. */
async function measureHere(root: string): Promise<void> {
  process.env.NTNT_ENV = "production";
  const { state } = await import(resolve(root, "src/runtime/state.ts"));
  const { loadProgram } = await import(resolve(root, "src/engine/index.ts"));
  // listen() must return at once: trees with per-program state say so per load, older ones on the one module-level serverContext.
  const perLoad = existsSync(resolve(root, "src/runtime/program-load.ts"));
  if (!perLoad) (await import(resolve(root, "src/server/context.ts"))).serverContext.listenDisabled = true;
  const bindings: Map<string, { raw: Raw }> = await loadProgram(APP, { serves: false });
  // As the server does around each handler: deadline watch on, a deadline far away.
  state.watch = true;
  state.deadline = Date.now() + 3_600_000;
  const fns = FNS.map((name) => {
    const fn = bindings.get(name)?.raw;
    if (!fn) throw new Error(`no function ${name} in ${APP}`);
    return fn;
  });
  const once = async (fn: Raw, n: number) => {
    for (let i = 0; i < n; i++) {
      state.sliceStart = Date.now();
      const r = fn(null);
      if (r instanceof Promise) await r;
    }
  };
  for (const fn of fns) await once(fn, CALLS / 4);
  // Alternating blocks in this process: a busy machine's slow spells fall on every handler alike.
  const perBlock: number[][] = fns.map(() => []);
  for (let b = 0; b < BLOCKS; b++) {
    for (const [i, fn] of fns.entries()) {
      const t0 = process.cpuUsage();
      await once(fn, CALLS / BLOCKS);
      const t = process.cpuUsage(t0);
      perBlock[i]!.push(((t.user + t.system) * 1000 * BLOCKS) / CALLS);
    }
  }
  const out = Object.fromEntries(FNS.map((name, i) => [name, median(perBlock[i]!)]));
  process.stderr.write(`RESULT ${JSON.stringify(out)}\n`);
  process.exit(0);
}

const other = opt("--ab", "");
if (other) alternateTrees(import.meta.path, args, HERE, other, Number(opt("--rounds", "6")), FNS);
else await measureHere(resolve(opt("--root", HERE)));
