/**
 * Where a server's CPU goes by thread under load: the JavaScript thread against the garbage
 * collector's and the JIT's helper threads and Bun's others. Starts
 * `examples/benchmark_server.tnt` (production, access log off) from each tree given, loads
 * one path with wrk, and reads each thread's user + system time from
 * /proc/PID/task/TID/stat before and after; trees alternate by round. Linux only.
 *
 *   bun bench/http/threads.ts [--path /json] [--rounds 4] [--duration 3] [--front 0|1] NAME=DIR …
 *
 * Prints µs of CPU per request for each thread group (threads grouped by name, digits
 * dropped), per tree: medians over rounds, and each tree minus the first paired per round.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { opt } from "../args";
import { median } from "../stats";
import { freePort, waitForAnswer } from "./proc";

const PATH = opt("--path", "/json");
const ROUNDS = Number(opt("--rounds", "4"));
const DURATION = Number(opt("--duration", "3"));
const FRONT = opt("--front", "0");
const TREES = process.argv
  .slice(2)
  .filter((a) => /^[\w.+-]+=/.test(a))
  .map((a) => {
    const i = a.indexOf("=");
    return { name: a.slice(0, i), dir: resolve(a.slice(i + 1)) };
  });
if (TREES.length === 0) {
  console.error("usage: bun bench/http/threads.ts [--path P] [--rounds N] [--duration S] [--front 0|1] NAME=DIR …");
  process.exit(2);
}
const TICK_US = 1e6 / 100; // USER_HZ: clock ticks per second on Linux

/** CPU ticks (user + system) of each thread of `pid`, summed by thread name with digits dropped. */
function threadTicks(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  const dir = `/proc/${pid}/task`;
  for (const tid of readdirSync(dir)) {
    let stat: string;
    try {
      stat = readFileSync(join(dir, tid, "stat"), "utf8");
    } catch {
      continue;
    }
    const open = stat.indexOf("(");
    const close = stat.lastIndexOf(")");
    const name = stat.slice(open + 1, close).replace(/\d+/g, "#");
    const fields = stat.slice(close + 2).split(" ");
    // After the name: state is field 3, utime 14 and stime 15 (1-based over the whole line).
    const ticks = Number(fields[11]) + Number(fields[12]);
    const group = tid === String(pid) ? `${name} (main)` : name;
    out.set(group, (out.get(group) ?? 0) + ticks);
  }
  return out;
}

/** One cell: the tree's server under wrk; µs of CPU per request by thread group. */
async function cell(dir: string): Promise<Map<string, number>> {
  const port = await freePort();
  const env = { ...process.env, NTNT_LISTEN_PORT: String(port), NTNT_HOST: "127.0.0.1", NTNT_ENV: "production", NTNT_ACCESS_LOG: "0", NTNT_FRONT_DOOR: FRONT };
  const srv = Bun.spawn([join(dir, "ntnt"), "run", join(dir, "examples/benchmark_server.tnt")], { env, stdout: "ignore", stderr: "ignore" });
  const url = `http://127.0.0.1:${port}${PATH}`;
  await waitForAnswer(url, 50);
  Bun.spawnSync(["wrk", "-t1", "-c100", "-d1s", url], { stdout: "ignore" }); // warm-up
  const before = threadTicks(srv.pid);
  const wrk = Bun.spawnSync(["wrk", "-t1", "-c100", `-d${DURATION}s`, url], { stdout: "pipe" });
  const after = threadTicks(srv.pid);
  srv.kill("SIGKILL");
  await srv.exited;
  const requests = Number(/(\d+) requests in/.exec(wrk.stdout.toString())?.[1] ?? Number.NaN);
  const per = new Map<string, number>();
  let total = 0;
  for (const [group, t] of after) {
    const us = ((t - (before.get(group) ?? 0)) * TICK_US) / requests;
    per.set(group, us);
    total += us;
  }
  per.set("total", total);
  return per;
}

const results = TREES.map(() => [] as Map<string, number>[]);
for (let r = 0; r < ROUNDS; r++) {
  const order = TREES.map((_, i) => i);
  if (r % 2 === 1) order.reverse();
  for (const i of order) results[i]!.push(await cell(TREES[i]!.dir));
}
const groups = [...new Set(results.flatMap((cells) => cells.flatMap((c) => [...c.keys()])))].sort((a, b) =>
  a === "total" ? 1 : b === "total" ? -1 : a.localeCompare(b),
);
console.log(
  `µs of CPU per request by thread, ${PATH}, ${ROUNDS} rounds × ${DURATION} s, NTNT_FRONT_DOOR=${FRONT}; median over rounds; "−first": paired per round`,
);
console.log(
  ["thread".padEnd(28), ...TREES.map((t) => t.name.padStart(10)), ...TREES.slice(1).map((t) => `${t.name}−${TREES[0]!.name}`.padStart(16))].join(" "),
);
for (const g of groups) {
  const cols = results.map((cells) =>
    median(cells.map((c) => c.get(g) ?? 0))
      .toFixed(2)
      .padStart(10),
  );
  const diffs = results.slice(1).map((cells) =>
    median(cells.map((c, r) => (c.get(g) ?? 0) - (results[0]![r]!.get(g) ?? 0)))
      .toFixed(2)
      .padStart(16),
  );
  console.log([g.padEnd(28), ...cols, ...diffs].join(" "));
}
