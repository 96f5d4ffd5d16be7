/**
 * What the benchmark server's resident memory is made of, at idle after start-up and under the
 * load bench:http puts on it (per path a 1 s warm-up and a measured wrk run, 1 thread, 100
 * connections), against raw Bun.serve:
 *
 *   bun bench/memory.ts [--servers "bun ntnt"] [--rounds N] [--duration S] [--paths "/ /json"]
 *                       [--base NAME=DIR] [--flags "--smol"] [--variant "NAME [--flag] [ENV=V]"] [--no-probe]
 *
 * Per server and round: VmHWM (what bench:http reports), the resident set split by mapping
 * (the Bun binary's code and read-only data, other files, anonymous memory, JIT code) at idle,
 * at the sampled peak and after the load, and — through bench/memory/probe.ts, preloaded —
 * the JavaScriptCore heap (size, capacity, object counts by type, before and after a full GC).
 * `--base NAME=DIR` adds NTNT from another checkout; `--flags` passes Bun flags to every NTNT
 * server; `--variant` adds this tree's NTNT once more with Bun flags and environment variables
 * of its own (JavaScriptCore reads its options from `JSC_<option>` variables). Rounds alternate the server order; the report pairs each NTNT server with `bun`
 * within a round and gives the server's CPU per request over the whole load as well.
 */

import { readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { sessionCpuSeconds, sessionPids } from "./http/proc";
import type { ProbeResult } from "./memory/probe";
import { opt } from "./args";
import { median } from "./stats";

const ROOT = resolve(import.meta.dir, "..");
const args = process.argv.slice(2);
const ROUNDS = Number(opt("--rounds", "2"));
const DURATION = Number(opt("--duration", "3"));
const WARMUP = Number(opt("--warmup", "1"));
const CONNS = Number(opt("--conns", "100"));
const PATHS = opt("--paths", "/ /json /echo/42 /compute").split(/\s+/).filter(Boolean);
const APP = opt("--app", "examples/benchmark_server.tnt");
const FLAGS = opt("--flags", "").split(/\s+/).filter(Boolean);
const PROBE = !args.includes("--no-probe");
const BUN = process.execPath;
const PROBE_FILE = join(import.meta.dir, "memory/probe.ts");

type Spec = { name: string; cmd: (port: number) => string[]; env?: Record<string, string> };
const preload = PROBE ? ["--preload", PROBE_FILE] : [];
const ntnt = (name: string, dir: string, flags = FLAGS, env: Record<string, string> = {}): Spec => ({
  name,
  // What ./ntnt runs, with the probe preloaded.
  cmd: () => [BUN, "--no-env-file", `--config=${join(dir, "bunfig.toml")}`, ...flags, ...preload, join(dir, "src/cli.ts"), "run", APP],
  env: { NTNT_ENV: "production", NTNT_ACCESS_LOG: "0", NTNT_HOST: "127.0.0.1", NO_COLOR: "1", ...env },
});
const peer = (name: string, file: string): Spec => ({ name, cmd: (port) => [BUN, ...preload, resolve(ROOT, "../shared/bench/peers", file), String(port)] });
const KNOWN: Record<string, Spec> = {
  bun: peer("bun", "bun-serve.ts"),
  "bun-spec": peer("bun-spec", "bun-spec-headers.ts"),
  elysia: peer("elysia", "elysia.ts"),
  ntnt: ntnt("ntnt", ROOT),
};
const specs = opt("--servers", "bun ntnt")
  .split(/\s+/)
  .filter(Boolean)
  .map(
    (n) =>
      KNOWN[n] ??
      (() => {
        throw new Error(`unknown server ${n}`);
      })(),
  );
for (let i = args.indexOf("--base"); i >= 0; i = args.indexOf("--base", i + 1)) {
  const [name, dir] = args[i + 1]!.split("=") as [string, string];
  specs.push(ntnt(name, resolve(dir)));
}
for (let i = args.indexOf("--variant"); i >= 0; i = args.indexOf("--variant", i + 1)) {
  const [name, ...words] = args[i + 1]!.split(/\s+/) as [string, ...string[]];
  const env = Object.fromEntries(words.filter((w) => !w.startsWith("-")).map((w) => w.split("=", 2) as [string, string]));
  specs.push(ntnt(name, ROOT, [...FLAGS, ...words.filter((w) => w.startsWith("-"))], env));
}

const MiB = (kib: number) => kib / 1024;

/** The resident set of a process by kind of mapping, in KiB. */
function breakdown(pid: number): Record<string, number> {
  const groups: Record<string, number> = { "bun code": 0, "bun data": 0, "other files": 0, anon: 0, "anon exec (JIT)": 0, stack: 0 };
  let key = "anon";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const m = /^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) {
      const [, perm, path] = m as unknown as [string, string, string];
      if (path === BUN || path.endsWith("/bun.exe") || path.endsWith("/bun")) key = perm.includes("x") ? "bun code" : "bun data";
      else if (path.startsWith("/")) key = "other files";
      else if (path === "[stack]") key = "stack";
      else key = perm.includes("x") ? "anon exec (JIT)" : "anon";
      continue;
    }
    const r = /^Rss:\s+(\d+) kB/.exec(line);
    if (r) groups[key]! += Number(r[1]);
  }
  return groups;
}

/** VmRSS, RssAnon, RssFile and VmHWM of a process, in KiB. */
function status(pid: number): { rss: number; anon: number; file: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const get = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? 0);
  return { rss: get("VmRSS"), anon: get("RssAnon"), file: get("RssFile"), hwm: get("VmHWM") };
}

/** The probe's JSC heap figures (written on SIGUSR2), or null without the probe. */
async function probe(pid: number, out: string): Promise<ProbeResult | null> {
  if (!PROBE) return null;
  rmSync(out, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 100; i++) {
    await Bun.sleep(20);
    try {
      return JSON.parse(readFileSync(out, "utf8"));
    } catch {
      // not written yet
    }
  }
  return null;
}

/** One wrk run; the number of requests it completed. */
async function wrk(url: string, seconds: number): Promise<number> {
  const p = Bun.spawn(["wrk", "-t1", `-c${CONNS}`, `-d${seconds}s`, "--timeout", "2s", url], { stdout: "pipe", stderr: "ignore" });
  const out = await new Response(p.stdout).text();
  await p.exited;
  return Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
}

type Sample = {
  server: string;
  round: number;
  hwm: number;
  idle: Record<string, number>;
  peak: ReturnType<typeof status>;
  after: Record<string, number>;
  heapIdle: ProbeResult | null;
  heapAfter: ProbeResult | null;
  cpuUs: number;
};

/** Start one server, measure it at idle and through the load, stop it. */
async function run(spec: Spec, round: number): Promise<Sample | null> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const out = `/tmp/ntnt-memory-probe-${process.pid}-${spec.name}.json`;
  const proc = Bun.spawn(["setsid", ...spec.cmd(port)], {
    cwd: ROOT,
    env: { ...process.env, ...spec.env, NTNT_LISTEN_PORT: String(port), NTNT_MEMORY_PROBE_OUT: out },
    stdin: "ignore",
    stdout: "ignore",
    stderr: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 200 && !up && proc.exitCode === null; i++) {
    up = await fetch(`${base}/`).then(
      () => true,
      () => false,
    );
    if (!up) await Bun.sleep(50);
  }
  try {
    if (!up) return null;
    await Bun.sleep(300);
    const pid = proc.pid;
    const idle = breakdown(pid);
    const heapIdle = await probe(pid, out);
    let peak = status(pid);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = status(pid);
        if (s.rss > peak.rss) peak = s;
        await Bun.sleep(25);
      }
    })();
    const cpu0 = sessionCpuSeconds(pid);
    let requests = 0;
    for (const path of PATHS) {
      if (WARMUP > 0) requests += await wrk(base + path, WARMUP);
      requests += await wrk(base + path, DURATION);
    }
    const cpuUs = ((sessionCpuSeconds(pid) - cpu0) / Math.max(1, requests)) * 1e6;
    sampling = false;
    await sampler;
    const hwm = status(pid).hwm;
    const after = breakdown(pid);
    const heapAfter = await probe(pid, out);
    return { server: spec.name, round, hwm, idle, peak, after, heapIdle, heapAfter, cpuUs };
  } finally {
    for (const p of sessionPids(proc.pid)) process.kill(p, "SIGKILL");
    await proc.exited;
    rmSync(out, { force: true });
  }
}

const samples: Sample[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const order = round % 2 ? specs : [...specs].reverse();
  for (const s of order) {
    const r = await run(s, round);
    if (r) samples.push(r);
    console.error(`[memory] round ${round} ${s.name}: ${r ? `VmHWM ${MiB(r.hwm).toFixed(1)} MiB, ${r.cpuUs.toFixed(1)} µs CPU/request` : "failed to start"}`);
  }
}

const f1 = (x: number) => x.toFixed(1);
const mib = (b: number) => f1(b / 1048576);

console.log(`\nMiB, median of ${ROUNDS} round(s); peak = the highest VmRSS sampled every 25 ms under load\n`);
console.log(`| server | VmHWM | idle RSS | ${Object.keys(samples[0]?.idle ?? {}).join(" | ")} | peak anon | peak file | CPU µs/req |`);
console.log(
  `|---|---:|---:|${Object.keys(samples[0]?.idle ?? {})
    .map(() => "---:")
    .join("|")}|---:|---:|---:|`,
);
for (const s of specs) {
  const mine = samples.filter((x) => x.server === s.name);
  if (!mine.length) continue;
  const m = (f: (x: Sample) => number) => f1(MiB(median(mine.map(f))));
  for (const phase of ["idle", "after"] as const) {
    const groups = Object.keys(mine[0]![phase]);
    const sum = (x: Sample) => Object.values(x[phase]).reduce((a, b) => a + b, 0);
    console.log(
      `| ${s.name} ${phase === "idle" ? "idle" : "after load"} | ${phase === "idle" ? m((x) => x.hwm) : ""} | ${m(sum)} | ${groups.map((g) => m((x) => x[phase][g]!)).join(" | ")} | ${
        phase === "idle" ? `${m((x) => x.peak.anon)} | ${m((x) => x.peak.file)} | ${median(mine.map((x) => x.cpuUs)).toFixed(1)}` : " | | "
      } |`,
    );
  }
}

if (PROBE) {
  console.log("\nJavaScriptCore heap, MiB (size / capacity / extra), before → after a full GC; objects");
  for (const s of specs) {
    const x = samples.find((y) => y.server === s.name);
    if (!x?.heapIdle) continue;
    for (const [label, h] of [
      ["idle", x.heapIdle],
      ["after load", x.heapAfter],
    ] as const) {
      if (!h) continue;
      const d = (v: ProbeResult["before"]) => `${mib(v.heap_size)} / ${mib(v.heap_capacity)} / ${mib(v.extra_memory)}`;
      console.log(
        `  ${s.name} ${label}: ${d(h.before)} → ${d(h.after)}; ${h.after.object_count} objects; top: ${h.after.top_types
          .slice(0, 8)
          .map(([t, n]: [string, number]) => `${t} ${n}`)
          .join(", ")}`,
      );
    }
  }
}

const ref = specs[0]!.name;
console.log(`\nPaired within a round against ${ref} (VmHWM ratio; CPU µs/req difference), median (min–max):`);
for (const s of specs.slice(1)) {
  const ratios: number[] = [];
  const cpu: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const a = samples.find((x) => x.server === ref && x.round === round);
    const b = samples.find((x) => x.server === s.name && x.round === round);
    if (a && b) {
      ratios.push(b.hwm / a.hwm);
      cpu.push(b.cpuUs - a.cpuUs);
    }
  }
  const span = (xs: number[], d: number) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
  if (ratios.length) console.log(`  ${s.name}: VmHWM ×${span(ratios, 3)}, CPU ${span(cpu, 2)} µs`);
}
