/**
 * The `main` section of bench/http.sh: every server × every path, interleaved, for several
 * rounds; per cell req/s and the server's own CPU time per request, and per server its peak RSS.
 *
 *   bun bench/http/main.ts [--rounds N] [--duration S] [--warmup S] [--prime S] [--conns N] [--paths "/ /json"]
 *                          [--servers "bun bun-spec ntnt ntnt-bunserve ntnt-dev ntnt-log"] [--app FILE]
 *                          [--base NAME=DIR] [--together] [--out FILE]
 *
 * Servers: `bun` (raw Bun.serve) and `bun-spec` (raw Bun.serve sending the headers the spec
 * requires of every NTNT response) from ../shared/bench/peers; NTNT on APP in production with
 * the access log off (`ntnt`) and on (`ntnt-log`, JSON lines to /dev/null) and in development
 * mode, the default `ntnt run` with hot reload on (`ntnt-dev`), and in production on Bun.serve
 * alone instead of NTNT's own transport (`ntnt-bunserve`, NTNT_FRONT_DOOR=0). `--base NAME=DIR` adds NTNT
 * from another checkout (production, log off; `DIR+log` with the log on, `+dev` in
 * development mode, `+front` on NTNT's own transport, `+bunserve` on Bun.serve alone, combinable), for before/after
 * comparisons in one run.
 *
 * Each round starts every server afresh and primes it: every path for --prime seconds (all
 * servers at once, unmeasured), so that no cell pays for the JIT compiling code another path
 * reaches first (the first path measured would otherwise carry most of the optimising compiles
 * of the request path, on a separate thread but in the server's CPU time). Then for each path
 * every server in turn gets an unmeasured warm-up and a measured wrk run (1 thread, --conns connections). The server order
 * rotates from round to round. CPU per request = the CPU time of the server's session
 * (/proc/PID/stat utime + stime, all threads) during the measured run ÷ the requests wrk
 * completed: unlike req/s, it hardly moves when other processes take a share of the cores.
 *
 * `--together` loads every server of a path at the same time (one wrk each, --conns
 * connections each) instead of one after another: the cells of a round then share one machine
 * state, so their paired ratios (development ÷ production, log on ÷ off) stay steady on a busy
 * machine where the load drifts from one cell to the next. Its req/s are not comparable with
 * the sequential run's (the servers share the cores).
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadAverage, machineBusySeconds, sessionCpuSeconds, sessionPeakRssMiB, sessionPids } from "./proc";
import type { Cell } from "./report-main";
import { opt } from "../args";

const ROOT = resolve(import.meta.dir, "../..");
const PEERS = "../shared/bench/peers";
const args = process.argv.slice(2);
const ROUNDS = Number(opt("--rounds", "3"));
const DURATION = Number(opt("--duration", "3"));
const WARMUP = Number(opt("--warmup", "1"));
const PRIME = Number(opt("--prime", "1"));
const CONNS = Number(opt("--conns", "100"));
const PATHS = opt("--paths", "/ /json /echo/42 /compute").split(/\s+/).filter(Boolean);
const APP = opt("--app", "examples/benchmark_server.tnt");
const OUT = resolve(ROOT, opt("--out", ".bench-results/http/main.json"));
const BUN = process.execPath;
const TOGETHER = args.includes("--together");

/** How to start a server: peers take the port as their last argument, NTNT from NTNT_LISTEN_PORT. */
type Spec = { cmd: string[]; portArg?: boolean; env?: Record<string, string>; stdout?: string };
const ntnt = (dir: string, env: Record<string, string>): Spec => ({
  cmd: [join(dir, "ntnt"), "run", APP],
  env: { NTNT_HOST: "127.0.0.1", NO_COLOR: "1", NTNT_ACCESS_LOG: "0", ...env },
});
const SPECS: Record<string, Spec> = {
  bun: { cmd: [BUN, `${PEERS}/bun-serve.ts`], portArg: true },
  "bun-spec": { cmd: [BUN, `${PEERS}/bun-spec-headers.ts`], portArg: true },
  ntnt: ntnt(ROOT, { NTNT_ENV: "production" }),
  "ntnt-dev": ntnt(ROOT, {}),
  "ntnt-log": { ...ntnt(ROOT, { NTNT_ENV: "production", NTNT_ACCESS_LOG: "1" }), stdout: "/dev/null" },
  "ntnt-bunserve": ntnt(ROOT, { NTNT_ENV: "production", NTNT_FRONT_DOOR: "0" }),
};
/** What `--base NAME=DIR+variant…` changes: the access log on, development mode, NTNT's own transport. */
const VARIANTS: Record<string, Record<string, string>> = {
  log: { NTNT_ACCESS_LOG: "1" },
  dev: { NTNT_ENV: "" },
  front: { NTNT_FRONT_DOOR: "1" },
  bunserve: { NTNT_FRONT_DOOR: "0" },
};
const names = opt("--servers", "bun bun-spec ntnt ntnt-bunserve ntnt-dev ntnt-log").split(/\s+/).filter(Boolean);
for (let i = args.indexOf("--base"); i >= 0; i = args.indexOf("--base", i + 1)) {
  const [name, value] = args[i + 1]!.split("=") as [string, string];
  const [dir, ...variants] = value.split("+") as [string, ...string[]];
  for (const v of variants)
    if (!(v in VARIANTS))
      throw new Error(
        `--base ${name}: unknown variant +${v} (known: ${Object.keys(VARIANTS)
          .map((k) => `+${k}`)
          .join(", ")})`,
      );
  const env: Record<string, string> = Object.assign({ NTNT_ENV: "production" }, ...variants.map((v) => VARIANTS[v]));
  SPECS[name] = { ...ntnt(resolve(dir), env), ...(env.NTNT_ACCESS_LOG === "1" ? { stdout: "/dev/null" } : {}) };
  names.push(name);
}
for (const n of names) if (!SPECS[n]) throw new Error(`unknown server ${n} (known: ${Object.keys(SPECS).join(", ")})`);

type Server = { name: string; pid: number; port: number; proc: Bun.Subprocess };
const problems: string[] = [];
const log = (s: string) => console.error(`[main] ${s}`);

/** A free TCP port on 127.0.0.1. */
function freePort(): number {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

/** Start a server as the leader of its own session and wait until it answers on "/". */
async function start(name: string): Promise<Server | null> {
  const spec = SPECS[name]!;
  const port = freePort();
  const cmd = spec.portArg ? [...spec.cmd, String(port)] : spec.cmd;
  const env = { ...process.env, ...spec.env, NTNT_LISTEN_PORT: String(port) };
  const errLog = `${OUT.replace(/\.json$/, "")}-${name}.log`;
  const proc = Bun.spawn(["setsid", ...cmd], {
    cwd: ROOT,
    env,
    stdin: "ignore",
    stdout: Bun.file(spec.stdout ?? errLog),
    stderr: Bun.file(errLog),
  });
  for (let i = 0; i < 300 && proc.exitCode === null; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (ok) return { name, pid: proc.pid, port, proc };
    await Bun.sleep(100);
  }
  problems.push(`${name}: failed to start (see ${errLog})`);
  await stop({ name, pid: proc.pid, port, proc });
  return null;
}

/** Stop every process of the server's session: TERM, then KILL after 5 s. */
async function stop(s: Server): Promise<void> {
  const signalAll = (sig: NodeJS.Signals) => {
    for (const p of sessionPids(s.pid)) {
      try {
        process.kill(p, sig);
      } catch {
        // already gone
      }
    }
  };
  signalAll("SIGTERM");
  for (let i = 0; i < 50 && sessionPids(s.pid).length; i++) await Bun.sleep(100);
  signalAll("SIGKILL");
  await s.proc.exited;
}

/** Run wrk against url for `seconds`; the parsed summary line and wrk's own CPU seconds. */
async function wrk(url: string, seconds: number) {
  const p = Bun.spawn(["wrk", "-t1", `-c${CONNS}`, `-d${seconds}s`, "--timeout", "2s", "--latency", "-s", join(import.meta.dir, "summary.lua"), url], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = await new Response(p.stdout).text();
  await p.exited;
  const line = out.split("\n").find((l) => l.startsWith("WRK "));
  const cpu = Number(p.resourceUsage()?.cpuTime.total ?? 0n) / 1e6;
  if (!line) return null;
  const [requests, durUs, mean, p99, ...errs] = line.slice(4).split(" ").map(Number) as number[];
  return { requests: requests!, seconds: durUs! / 1e6, mean: mean!, p99: p99!, errors: errs.reduce((a, b) => a + b, 0), cpu };
}

/** One measured cell: warm-up, then wrk with the server's CPU time read around it. */
async function measure(s: Server, path: string, round: number): Promise<Cell | null> {
  const url = `http://127.0.0.1:${s.port}${path}`;
  if (WARMUP > 0) await wrk(url, WARMUP);
  const cpu0 = sessionCpuSeconds(s.pid),
    busy0 = machineBusySeconds(),
    t0 = performance.now();
  const w = await wrk(url, DURATION);
  const cpu = sessionCpuSeconds(s.pid) - cpu0,
    busy = machineBusySeconds() - busy0,
    elapsed = (performance.now() - t0) / 1000;
  return cellOf(s, path, round, w, cpu, busy - cpu - (w?.cpu ?? 0), elapsed);
}

/** Every server's cell of one path, all loaded at once (--together); "other CPU" is what none of them nor their wrk used. */
async function measureTogether(servers: Server[], path: string, round: number): Promise<(Cell | null)[]> {
  const urls = servers.map((s) => `http://127.0.0.1:${s.port}${path}`);
  if (WARMUP > 0) await Promise.all(urls.map((u) => wrk(u, WARMUP)));
  const cpu0 = servers.map((s) => sessionCpuSeconds(s.pid)),
    busy0 = machineBusySeconds(),
    t0 = performance.now();
  const ws = await Promise.all(urls.map((u) => wrk(u, DURATION)));
  const cpus = servers.map((s, i) => sessionCpuSeconds(s.pid) - cpu0[i]!),
    busy = machineBusySeconds() - busy0,
    elapsed = (performance.now() - t0) / 1000;
  const others = busy - cpus.reduce((a, b) => a + b, 0) - ws.reduce((a, w) => a + (w?.cpu ?? 0), 0);
  return servers.map((s, i) => cellOf(s, path, round, ws[i]!, cpus[i]!, others, elapsed));
}

/** Every path on every server for PRIME seconds, unmeasured: the JIT's start-up work done before any cell. */
async function prime(servers: Server[]): Promise<void> {
  if (PRIME <= 0) return;
  for (const path of PATHS) await Promise.all(servers.map((s) => wrk(`http://127.0.0.1:${s.port}${path}`, PRIME)));
}

/** A cell from a wrk summary and the server's CPU seconds; null (and a problem noted) when wrk completed nothing. */
function cellOf(s: Server, path: string, round: number, w: Awaited<ReturnType<typeof wrk>>, cpu: number, otherCpu: number, elapsed: number): Cell | null {
  if (!w || w.requests === 0) {
    problems.push(`${s.name} ${path} round ${round}: wrk completed no request`);
    return null;
  }
  if (w.errors) problems.push(`${s.name} ${path} round ${round}: ${w.errors} errors`);
  return {
    round,
    path,
    server: s.name,
    requests: w.requests,
    rps: w.requests / w.seconds,
    cpu_us: (cpu / w.requests) * 1e6,
    avg_ms: w.mean / 1000,
    p99_ms: w.p99 / 1000,
    errors: w.errors,
    wrk_cpu: w.cpu / elapsed,
    other_cpu: Math.max(0, otherCpu / elapsed),
  };
}

/** Each server's body for each path, compared with the first server's. */
async function checkBodies(servers: Server[]): Promise<void> {
  for (const path of PATHS) {
    const bodies = await Promise.all(servers.map((s) => fetch(`http://127.0.0.1:${s.port}${path}`).then((r) => r.text())));
    servers.forEach((s, i) => {
      if (bodies[i] !== bodies[0])
        problems.push(`${s.name} ${path}: body ${JSON.stringify(bodies[i])} differs from ${servers[0]!.name}'s ${JSON.stringify(bodies[0])}`);
    });
  }
}

mkdirSync(dirname(OUT), { recursive: true });
const cells: Cell[] = [];
const rss: { round: number; server: string; peak_mib: number }[] = [];
const loadBefore = loadAverage();
const started = performance.now();
for (let round = 1; round <= ROUNDS; round++) {
  const order = names.map((_, i) => names[(i + round - 1) % names.length]!);
  const servers = (await Promise.all(order.map(start))).filter((s): s is Server => s !== null);
  try {
    if (round === 1) await checkBodies(servers);
    await prime(servers);
    for (const path of PATHS) {
      const measured = TOGETHER ? await measureTogether(servers, path, round) : [];
      for (const [i, s] of servers.entries()) {
        const c = TOGETHER ? measured[i]! : await measure(s, path, round);
        if (!c) continue;
        cells.push(c);
        log(
          `round ${round}/${ROUNDS} ${path.padEnd(9)} ${s.name.padEnd(10)} ${Math.round(c.rps).toString().padStart(7)} req/s ${c.cpu_us.toFixed(1).padStart(6)} µs CPU/req  other CPU ${Math.round(c.other_cpu * 100)}%`,
        );
      }
    }
    for (const s of servers) rss.push({ round, server: s.name, peak_mib: sessionPeakRssMiB(s.pid) });
  } finally {
    await Promise.all(servers.map(stop));
  }
}

const git = (...a: string[]) =>
  Bun.spawnSync(["git", ...a], { cwd: ROOT })
    .stdout.toString()
    .trim();
const result = {
  date: new Date().toISOString(),
  revision: (git("rev-parse", "--short", "HEAD") || "unknown") + (git("status", "--porcelain", "--", "src") ? "+dirty" : ""),
  bun: Bun.version,
  params: { rounds: ROUNDS, duration_s: DURATION, warmup_s: WARMUP, prime_s: PRIME, conns: CONNS, app: APP, together: TOGETHER },
  load_average: { before: loadBefore, after: loadAverage() },
  elapsed_s: (performance.now() - started) / 1000,
  servers: names,
  paths: PATHS,
  cells,
  rss,
  problems,
};
writeFileSync(OUT, JSON.stringify(result, null, 1));
for (const p of problems) log(`problem: ${p}`);
log(`${cells.length} cells in ${result.elapsed_s.toFixed(0)} s: ${OUT}`);
