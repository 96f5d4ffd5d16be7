/**
 * The fuzz driver: runs the parser, program and differential modes from a seed, case by case,
 * until a case count or a time budget is used up. Case i of a seed is always the same input,
 * so a run can stop anywhere and resume from its state file, and any finding replays.
 */

import { join } from "node:path";
import { differentialCase } from "./differential-mode";
import type { Finding } from "./finding";
import { parserCase, seedSources } from "./parser-mode";
import { callTargets, programCase } from "./program-mode";
import { caseRng } from "./rng";

export const MODES = ["parser", "programs", "differential"] as const;
export type Mode = (typeof MODES)[number];

export interface FuzzOptions {
  seed: number;
  modes: readonly Mode[];
  /** First case index per mode (resuming). */
  start: Partial<Record<Mode, number>>;
  /** Cases per mode at most. */
  count: number;
  /** Time budget for the whole run, ms. */
  timeMs: number;
  /** A case slower than this is a finding. */
  slowMs: number;
}

export interface FuzzReport {
  findings: Finding[];
  /** Next case index per mode (where a resumed run starts). */
  next: Record<Mode, number>;
  cases: Record<Mode, number>;
}

const ROOT = join(import.meta.dir, "..", "..");

/** Run the modes in turn, sharing the time budget equally; returns the findings. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const findings: Finding[] = [];
  const next = { parser: 0, programs: 0, differential: 0, ...opts.start };
  const cases = { parser: 0, programs: 0, differential: 0 };
  const started = Date.now();
  const sources = opts.modes.includes("parser") ? seedSources([join(ROOT, "test", "programs"), join(ROOT, "examples")]) : [];
  const targets = opts.modes.includes("programs") ? await callTargets() : [];
  for (const [k, mode] of opts.modes.entries()) {
    const until = started + (opts.timeMs * (k + 1)) / opts.modes.length;
    for (let n = 0; n < opts.count && Date.now() < until; n++) {
      const index = next[mode]++;
      const rng = caseRng(opts.seed, index);
      const f =
        mode === "parser"
          ? parserCase(rng, index, sources, opts.slowMs)
          : mode === "programs"
            ? await programCase(rng, index, targets, opts.slowMs)
            : await differentialCase(rng, index);
      cases[mode]++;
      if (f) findings.push(f);
    }
  }
  return { findings, next, cases };
}
