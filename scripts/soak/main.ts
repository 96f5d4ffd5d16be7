/**
 * `npm run soak -- [--seconds N] [--clients N] [--requests N] [--kill-rounds N]`: a bounded soak
 * of a real `ntnt run` on 127.0.0.1 — mixed routes with RSS sampling and hot-reload edits, then
 * SIGTERM under load, then SQLite SIGKILLs during writes. Prints the figures; exits 1 on a problem.
 */

import { parseArgs } from "node:util";
import { mixedWithHotReload, type PhaseReport, sigtermUnderLoad, sqliteKill } from "./phases";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seconds: { type: "string", default: "30" },
    clients: { type: "string", default: "16" },
    requests: { type: "string", default: "1000000" },
    "kill-rounds": { type: "string", default: "3" },
  },
});

const reports: PhaseReport[] = [];
const clients = Number(values.clients);
reports.push(await mixedWithHotReload(Number(values.seconds), clients, Number(values.requests)));
reports.push(await sigtermUnderLoad(clients));
reports.push(await sqliteKill(Number(values["kill-rounds"]), 4));

let failed = false;
for (const r of reports) {
  console.log(`\n== ${r.name}${r.problems.length ? "  ✗" : "  ✓"}`);
  for (const [k, v] of Object.entries(r.figures)) console.log(`  ${k.padEnd(30)} ${v}`);
  for (const p of r.problems) console.log(`  problem: ${p}`);
  failed ||= r.problems.length > 0;
}
process.exit(failed ? 1 : 0);
