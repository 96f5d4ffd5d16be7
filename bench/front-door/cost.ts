/**
 * Server CPU time per request with and without the front door (src/server/front/): starts
 * `./ntnt run <app>` with NTNT_FRONT_DOOR=1 and =0 in alternating rounds, drives a fixed
 * number of keep-alive requests with a small client, and divides the server's CPU time
 * (user+system, from /proc) by the request count. The machine may be shared: compare the
 * medians over several rounds, not one run.
 *
 *   bun bench/front-door/cost.ts [--rounds 5] [--requests 20000] [--conns 8] [--path /] [--app examples/benchmark_server.tnt]
 */

import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: a } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    requests: { type: "string", default: "20000" },
    conns: { type: "string", default: "8" },
    path: { type: "string", default: "/" },
    app: { type: "string", default: "examples/benchmark_server.tnt" },
  },
});
const ROUNDS = Number(a.rounds);
const REQUESTS = Number(a.requests);
const CONNS = Number(a.conns);
const TICK = 100; // clock ticks per second on Linux

/** User+system CPU seconds of a process and its threads. */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8");
  const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
  return (Number(rest[11]) + Number(rest[12])) / TICK;
}

/** Send `n` GETs over `conns` keep-alive connections, one outstanding request each. */
async function drive(port: number, n: number, conns: number): Promise<void> {
  const req = Buffer.from(`GET ${a.path} HTTP/1.1\r\nHost: bench\r\n\r\n`);
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
              const len = Number(/content-length: *(\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
              if (buf.length < end + 4 + len) return;
              buf = buf.slice(end + 4 + len);
              next();
            }
          });
        }),
    ),
  );
}

async function round(front: boolean, port: number): Promise<number> {
  const proc = Bun.spawn(["./ntnt", "run", a.app!], {
    env: { ...process.env, NTNT_ENV: "production", NTNT_HOST: "127.0.0.1", NTNT_LISTEN_PORT: String(port), NTNT_FRONT_DOOR: front ? "1" : "0", NO_COLOR: "1" },
    stdout: "ignore",
    stderr: "inherit",
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}${a.path}`)).ok) break;
      } catch {}
      if (i > 200) throw new Error("server did not start");
      await Bun.sleep(50);
    }
    await drive(port, 2000, CONNS); // warm-up
    const before = cpuSeconds(proc.pid);
    const t0 = performance.now();
    await drive(port, REQUESTS, CONNS);
    const wall = performance.now() - t0;
    const cpu = cpuSeconds(proc.pid) - before;
    const us = (cpu / REQUESTS) * 1e6;
    console.log(`${front ? "front door" : "Bun.serve "}  ${us.toFixed(1)} µs CPU/request  (${Math.round(REQUESTS / (wall / 1000))} req/s wall)`);
    return us;
  } finally {
    proc.kill("SIGKILL");
    await proc.exited;
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const on: number[] = [];
const off: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const port = 19000 + Math.floor(Math.random() * 5000);
  if (r % 2 === 0) {
    off.push(await round(false, port));
    on.push(await round(true, port + 1));
  } else {
    on.push(await round(true, port + 1));
    off.push(await round(false, port));
  }
}
const m0 = median(off);
const m1 = median(on);
console.log(
  `median: Bun.serve ${m0.toFixed(1)} µs, front door ${m1.toFixed(1)} µs CPU/request: +${(m1 - m0).toFixed(1)} µs (+${(((m1 - m0) / m0) * 100).toFixed(0)}%)`,
);
