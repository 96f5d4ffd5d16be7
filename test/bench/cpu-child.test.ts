/** bench:cpu's child times NTNT through the code `ntnt run` runs from source: the run bundle while it is fresh, else the modules. */

import { expect, test } from "bun:test";
import { join } from "node:path";
import { bundleIsFresh } from "../../src/cli/bundle-stamp";

const ROOT = join(import.meta.dir, "../..");

/** The child's output and its timing line's `via` for the baseline program. */
function runChild(env: Record<string, string>): { stdout: string; via: unknown; exit: unknown } {
  const r = Bun.spawnSync([process.execPath, "bench/cpu/child.ts", "ntnt", "bench/cpu/baseline.tnt"], { cwd: ROOT, env: { ...process.env, ...env } });
  const line = r.stderr
    .toString()
    .trimEnd()
    .split("\n")
    .findLast((l) => l.startsWith("BENCH "));
  const timing = JSON.parse(line?.slice(6) ?? "{}");
  return { stdout: r.stdout.toString(), via: timing.via, exit: timing.exit };
}

test.skipIf(!bundleIsFresh(ROOT))("through the fresh run bundle by default", () => {
  expect(runChild({})).toEqual({ stdout: "1\n", via: "bundle", exit: 0 });
});

test("through the modules with NTNT_BENCH_MODULES=1", () => {
  expect(runChild({ NTNT_BENCH_MODULES: "1" })).toEqual({ stdout: "1\n", via: "modules", exit: 0 });
});
