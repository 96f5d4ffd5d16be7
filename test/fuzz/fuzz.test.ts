/**
 * A short fixed-seed run of every fuzz mode (scripts/fuzz): the same cases on every run, so a
 * regression that one of them catches fails here; `npm run fuzz` explores further.
 */

import { expect, test } from "bun:test";
import { MODES, runFuzz } from "../../scripts/fuzz/run";

test("fixed-seed fuzz run: no JavaScript error, leak, wrong answer or stall", async () => {
  const report = await runFuzz({ seed: 20261203, modes: MODES, start: {}, count: 1500, timeMs: 40_000, slowMs: 3000 });
  expect(report.findings.map((f) => `[${f.mode} #${f.index}] ${f.problem}\n${f.input.slice(0, 500)}`)).toEqual([]);
  for (const m of MODES) expect(report.cases[m]).toBeGreaterThan(100);
}, 60_000);
