/**
 * Server CPU time per request through NTNT's own HTTP/1.1 transport (src/server/front/,
 * NTNT_FRONT_DOOR=1) and through Bun.serve (=0): starts `./ntnt run <app>` in production in
 * each mode, in alternating order each round, drives a fixed number of keep-alive requests
 * per path with a small client, and divides the server's CPU time (user+system, from /proc)
 * by the request count. The machine may be shared: it reports the median of each mode and
 * the median of the paired within-round differences, which drift less than either.
 *
 * With `--base DIR` (another checkout, prepared), each round also runs DIR's `./ntnt` on its
 * transport, and the paired differences of this tree's transport against it are reported
 * too: a before/after of a change to the transport.
 *
 *   bun bench/front-door/cost.ts [--rounds 6] [--requests 30000] [--warmup 5000] [--conns 8] [--paths /,/json,/compute] [--app examples/benchmark_server.tnt] [--base DIR]
 */

import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { median } from "../stats";

const { values: a } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    requests: { type: "string", default: "30000" },
    warmup: { type: "string", default: "5000" },
    conns: { type: "string", default: "8" },
    paths: { type: "string", default: "/,/json,/compute" },
    app: { type: "string", default: "examples/benchmark_server.tnt" },
    base: { type: "string" },
  },
});
const ROUNDS = Number(a.rounds);
const REQUESTS = Number(a.requests);
const CONNS = Number(a.conns);
const PATHS = a.paths!.split(",");
const WARMUP = Number(a.warmup);
const TICK = 100; // clock ticks per second on Linux

/** User+system CPU seconds of a process and its threads. */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8");
  const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
  return (Number(rest[11]) + Number(rest[12])) / TICK;
}

/** Send `n` GETs over `conns` keep-alive connections, one outstanding request each. */
async function drive(port: number, path: string, n: number, conns: number): Promise<void> {
  const req = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: bench\r\n\r\n`);
  let left = n;
  await Promise.all(
    Array.from(
      { length: conns },
      () =>
        new Promise<void>((resolve, reject) => {
          const s = connect(port, "127.0.0.1");
          let buf = "";
          const next = () => {
            if (left <= 0) {
              s.destroy();
              resolve();
              return;
            }
            left--;
            s.write(req);
          };
          s.on("connect", next);
          s.on("error", reject);
          s.on("data", (d) => {
            buf += d.toString("latin1");
            // One response per request: headers, then the Content-Length body.
            for (;;) {
              const end = buf.indexOf("\r\n\r\n");
              if (end < 0) return;
              const m = /content-length: *(\d+)/i.exec(buf.slice(0, end));
              if (m === null) throw new Error("a response without content-length");
              const len = Number(m[1]);
              if (buf.length < end + 4 + len) return;
              buf = buf.slice(end + 4 + len);
              next();
            }
          });
        }),
    ),
  );
}

/** One way of serving: which checkout's `./ntnt`, on which transport. */
interface Arm {
  label: string;
  cwd: string;
  front: boolean;
}

/** One server of one arm: CPU µs per request for each path. */
async function round(arm: Arm, port: number): Promise<number[]> {
  const front = arm.front;
  const proc = Bun.spawn([resolve(arm.cwd, "ntnt"), "run", a.app!], {
    cwd: arm.cwd,
    env: { ...process.env, NTNT_ENV: "production", NTNT_HOST: "127.0.0.1", NTNT_LISTEN_PORT: String(port), NTNT_FRONT_DOOR: front ? "1" : "0", NO_COLOR: "1" },
    stdout: "ignore",
    stderr: "inherit",
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {}
      if (i > 200) throw new Error("server did not start");
      await Bun.sleep(50);
    }
    // Warm-up on every path first: the JIT compiles the transport's code (on threads counted in the process's CPU time) before anything is measured.
    for (const path of PATHS) await drive(port, path, WARMUP, CONNS);
    const out: number[] = [];
    for (const path of PATHS) {
      const before = cpuSeconds(proc.pid);
      const t0 = performance.now();
      await drive(port, path, REQUESTS, CONNS);
      const wall = performance.now() - t0;
      const us = ((cpuSeconds(proc.pid) - before) / REQUESTS) * 1e6;
      console.log(`${arm.label.padEnd(10)} ${path.padEnd(9)} ${us.toFixed(1)} µs CPU/request  (${Math.round(REQUESTS / (wall / 1000))} req/s wall)`);
      out.push(us);
    }
    return out;
  } finally {
    proc.kill("SIGKILL");
    await proc.exited;
  }
}

const arms: Arm[] = [
  { label: "Bun.serve", cwd: ".", front: false },
  { label: "transport", cwd: ".", front: true },
];
if (a.base !== undefined) arms.push({ label: "base", cwd: a.base, front: true });
const results: number[][][] = arms.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  const port = 19000 + Math.floor(Math.random() * 5000);
  console.log(`round ${r + 1}/${ROUNDS}`);
  // Each round starts with a different arm, so none always runs first.
  for (let k = 0; k < arms.length; k++) {
    const i = (r + k) % arms.length;
    results[i]!.push(await round(arms[i]!, port + i));
  }
}

/** Medians of arm `i` and its paired within-round differences against arm `j`. */
function report(i: number, j: number): void {
  PATHS.forEach((path, p) => {
    const m0 = median(results[j]!.map((x) => x[p]!));
    const m1 = median(results[i]!.map((x) => x[p]!));
    const diffs = results[i]!.map((x, r) => x[p]! - results[j]![r]![p]!);
    const d = median(diffs);
    console.log(
      `${path.padEnd(9)} median ${arms[j]!.label} ${m0.toFixed(1)} µs, ${arms[i]!.label} ${m1.toFixed(1)} µs CPU/request; paired difference median ${d >= 0 ? "+" : ""}${d.toFixed(1)} µs (${d >= 0 ? "+" : ""}${((d / m0) * 100).toFixed(0)}%), per round [${diffs.map((x) => x.toFixed(1)).join(", ")}]`,
    );
  });
}
report(1, 0);
if (arms.length > 2) {
  report(2, 0);
  report(1, 2);
}
