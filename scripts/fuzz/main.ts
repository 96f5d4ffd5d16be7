/**
 * `npm run fuzz -- [--seed N] [--time SECONDS] [--count N] [--mode parser|programs|differential]
 * [--fresh]`: seeded, time-bounded and resumable (state and findings in .fuzz/). Exits 1 when
 * it found something; each finding is printed with the input that shows it.
 */

import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { MODES, type Mode, runFuzz } from "./run";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seed: { type: "string", default: "1" },
    time: { type: "string", default: "300" },
    count: { type: "string", default: String(Number.MAX_SAFE_INTEGER) },
    mode: { type: "string", multiple: true },
    fresh: { type: "boolean", default: false },
    "slow-ms": { type: "string", default: "2000" },
  },
});

const dir = join(import.meta.dir, "..", "..", ".fuzz");
mkdirSync(dir, { recursive: true });
const stateFile = join(dir, "state.json");
const seed = Number(values.seed);
const modes = (values.mode ?? [...MODES]) as Mode[];
for (const m of modes) if (!MODES.includes(m)) throw new Error(`unknown mode ${m} (${MODES.join(", ")})`);
const saved = !values.fresh && existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as { seed: number; next: Record<Mode, number> }) : null;
const start = saved && saved.seed === seed ? saved.next : {};

const report = await runFuzz({ seed, modes, start, count: Number(values.count), timeMs: Number(values.time) * 1000, slowMs: Number(values["slow-ms"]) });
writeFileSync(stateFile, JSON.stringify({ seed, next: report.next }, null, 2));
for (const f of report.findings) {
  appendFileSync(join(dir, "findings.jsonl"), `${JSON.stringify({ seed, ...f })}\n`);
  process.stderr.write(`\n[${f.mode} #${f.index}] ${f.problem}\n${f.input.length > 2000 ? `${f.input.slice(0, 2000)}…` : f.input}\n`);
}
const counts = MODES.map((m) => `${m} ${report.cases[m]} (next ${report.next[m]})`).join(", ");
process.stderr.write(`fuzz seed ${seed}: ${counts}; ${report.findings.length} finding(s)\n`);
process.exit(report.findings.length > 0 ? 1 : 0);
