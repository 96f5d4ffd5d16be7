/**
 * Start-up and fixed-cost benchmark (`npm run bench:startup`; also the `startup` section of
 * bench/http.sh). Cases, each a fresh process, all interleaved round by round:
 *
 *   server (source|dist)  `./ntnt run` / `dist/ntnt run` of bench/http/hello-server.tnt until
 *                         the first response to GET / has arrived (process killed then); the
 *                         program unchanged since the last run, so from the compile cache
 *   server (dist, compiling)  the same with the compile cache off (NTNT_COMPILE_CACHE=0): a
 *                         program's first run, or its first after an edit
 *   print (source|dist)   the same for bench/http/hello.tnt (`print`), until the process exits
 *   fixed cost            bench/cpu/child.ts on bench/cpu/baseline.tnt: the parse + compile +
 *                         run of `print(1)` through runFile that `npm run bench:cpu` reports
 *                         as NTNT's fixed part (module loading excluded)
 *   floors                `bun hello.js`, `bun hello-server.js` (raw Bun.serve)
 *
 * Wall-clock and CPU time (the child's user + system, steadier on a shared machine) per case:
 * median and min over the runs. dist/ntnt is built (`npm run build`) when missing or older
 * than src/; the CLI's bytecode bundle (scripts/build-cli-bundle.ts) is rebuilt when stale, in
 * both checkouts. `--against DIR` measures a second checkout (another commit in a git worktree,
 * with node_modules and its parser built; its dist/ntnt when present) in the same rounds and
 * reports each case's difference from its twin there, paired within each round.
 *
 *   bun bench/http/startup.ts [--runs N] [--no-build] [--json FILE] [--against DIR]
 */

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { median } from "../stats";

const ROOT = resolve(import.meta.dir, "../..");
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(opt("--runs") ?? 15);
const JSON_OUT = opt("--json");
const AGAINST = opt("--against");
const HELLO = join(ROOT, "bench/http/hello.tnt");
const SERVER = join(ROOT, "bench/http/hello-server.tnt");
const BASELINE = join(ROOT, "bench/cpu/baseline.tnt");

/** Newest modification time of any file under dir. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// `./ntnt` runs from the CLI's bytecode bundle only while it matches the source (a pull or an
// edit since the last `npm run prepare` leaves it stale): bring it up to date in each checkout
// measured, so that "source" means what `./ntnt` does after an install.
for (const root of [ROOT, ...(AGAINST ? [resolve(AGAINST)] : [])]) {
  const script = join(root, "scripts/build-cli-bundle.ts");
  if (!existsSync(script)) continue;
  const r = Bun.spawnSync([process.execPath, script], { cwd: root, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) console.error(`${script} failed:\n${r.stderr.toString().slice(-1500)}`);
}

const dist = join(ROOT, "dist/ntnt");
let build: { ran: boolean; ok: boolean; ms?: number } = { ran: false, ok: existsSync(dist) };
if (!args.includes("--no-build") && (!existsSync(dist) || statSync(dist).mtimeMs < newest(join(ROOT, "src")))) {
  const t0 = performance.now();
  const r = Bun.spawnSync(["npm", "run", "build"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  build = { ran: true, ok: r.exitCode === 0, ms: performance.now() - t0 };
  if (!build.ok) console.error(`npm run build failed:\n${r.stderr.toString().slice(-1500)}`);
}

type Kind = "exit" | "server" | "fixed";
type Case = { name: string; cmd: string[]; kind: Kind; env?: Record<string, string> };
type Sample = { wallMs: number; cpuMs: number } | { error: string };

// A compile cache of the run's own (src/engine/compile-cache.ts), filled by the unmeasured first round.
const CACHE = mkdtempSync(join(tmpdir(), "ntnt-startup-cache-"));
process.on("exit", () => rmSync(CACHE, { recursive: true, force: true }));
const ENV = { ...process.env, NO_COLOR: "1", NTNT_HOST: "127.0.0.1", XDG_CACHE_HOME: CACHE };

/** One run of a case: wall and CPU ms (for `fixed`, the child's own BENCH figures). */
async function once(c: Case): Promise<Sample> {
  const t0 = performance.now();
  const p = Bun.spawn(c.cmd, { cwd: ROOT, stdout: "pipe", stderr: "pipe", env: { ...ENV, ...c.env } });
  const out = { stdout: "", stderr: "" };
  const read = async (s: ReadableStream<Uint8Array>, key: "stdout" | "stderr", onText: () => boolean) => {
    const dec = new TextDecoder();
    for await (const chunk of s) {
      out[key] += dec.decode(chunk, { stream: true });
      if (onText()) return;
    }
  };
  if (c.kind === "server") {
    // The banner names the port (stdout in development, stderr in production).
    let port: string | null = null;
    const found = () => (port ??= /http:\/\/127\.0\.0\.1:(\d+)/.exec(out.stdout + out.stderr)?.[1] ?? null) !== null;
    const timer = setTimeout(() => p.kill("SIGKILL"), 20_000);
    await Promise.race([read(p.stdout, "stdout", found), read(p.stderr, "stderr", found), p.exited]);
    let body = "";
    if (port) body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), String);
    const wallMs = performance.now() - t0;
    clearTimeout(timer);
    p.kill("SIGKILL");
    await p.exited;
    if (body !== "Hello, World!") return { error: `no answer: ${(out.stderr || out.stdout || body).trim().split("\n")[0]}` };
    const ru = p.resourceUsage();
    return { wallMs, cpuMs: ru ? (Number(ru.cpuTime.user) + Number(ru.cpuTime.system)) / 1000 : Number.NaN };
  }
  const [stdout, stderr] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  const wallMs = performance.now() - t0;
  if (p.exitCode !== 0) return { error: `exit ${p.exitCode}: ${stderr.trim().split("\n")[0]}` };
  if (c.kind === "fixed") {
    const marker = stderr.split("\n").findLast((l) => l.startsWith("BENCH "));
    if (!marker) return { error: `no BENCH line: ${stderr.trim().split("\n")[0]}` };
    const m = JSON.parse(marker.slice(6));
    return { wallMs: m.ms, cpuMs: m.cpuMs };
  }
  if (stdout !== "Hello, World!\n") return { error: `unexpected output: ${JSON.stringify(stdout.slice(0, 80))}` };
  const ru = p.resourceUsage();
  return { wallMs, cpuMs: ru ? (Number(ru.cpuTime.user) + Number(ru.cpuTime.system)) / 1000 : Number.NaN };
}

/** The NTNT cases of one checkout (`suffix` tells a second checkout's rows apart). */
function casesOf(root: string, suffix: string): Case[] {
  const src = join(root, "ntnt");
  const bin = join(root, "dist/ntnt");
  // bench/http/report-main.ts reads the start-up targets from the "server (source)" and "server (dist)" rows.
  const cases: Case[] = [{ name: `server (source)${suffix}`, cmd: [src, "run", SERVER], kind: "server" }];
  if (existsSync(bin)) {
    cases.push({ name: `server (dist)${suffix}`, cmd: [bin, "run", SERVER], kind: "server" });
    cases.push({ name: `server (dist, compiling)${suffix}`, cmd: [bin, "run", SERVER], kind: "server", env: { NTNT_COMPILE_CACHE: "0" } });
  }
  cases.push({ name: `print (source)${suffix}`, cmd: [src, "run", HELLO], kind: "exit" });
  if (existsSync(bin)) cases.push({ name: `print (dist)${suffix}`, cmd: [bin, "run", HELLO], kind: "exit" });
  cases.push({ name: `fixed cost${suffix}`, cmd: [process.execPath, join(root, "bench/cpu/child.ts"), "ntnt", BASELINE], kind: "fixed" });
  return cases;
}

const cases: Case[] = casesOf(ROOT, "");
if (AGAINST) cases.push(...casesOf(resolve(AGAINST), ` @${AGAINST}`));
cases.push(
  { name: "bun hello.js (floor)", cmd: [process.execPath, join(ROOT, "bench/http/hello.js")], kind: "exit" },
  { name: "bun hello-server.js (floor)", cmd: [process.execPath, join(ROOT, "bench/http/hello-server.js")], kind: "server" },
);

// One unmeasured round first (page cache), then RUNS rounds with every case once per round.
const samples = new Map<Case, Sample[]>(cases.map((c) => [c, []]));
for (let round = 0; round <= RUNS; round++) {
  for (const c of cases) {
    const s = await once(c);
    if (round > 0) samples.get(c)!.push(s);
  }
}

const rows = cases.map((c) => {
  const ss = samples.get(c)!;
  const good = ss.filter((s): s is { wallMs: number; cpuMs: number } => !("error" in s));
  const failed = ss.find((s): s is { error: string } => "error" in s);
  const wall = good.map((s) => s.wallMs);
  const cpu = good.map((s) => s.cpuMs);
  return {
    name: c.name,
    cmd: c.cmd.join(" ").replaceAll(`${ROOT}/`, ""),
    median_ms: wall.length ? median(wall) : Number.NaN,
    min_ms: wall.length ? Math.min(...wall) : Number.NaN,
    cpu_median_ms: cpu.length ? median(cpu) : Number.NaN,
    cpu_min_ms: cpu.length ? Math.min(...cpu) : Number.NaN,
    ok: !failed,
    error: failed?.error ?? null,
    runs: good,
  };
});

const f = (n: number) => n.toFixed(1).padStart(6);
const revision = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: ROOT }).stdout.toString().trim();
console.log(`start-up, ${RUNS} interleaved runs per case, ntnt ${revision}, bun ${Bun.version}; ms, wall = until first answer (servers) or exit`);
console.log(`${"case".padEnd(40)} ${"wall median".padStart(11)} ${"min".padStart(6)}   ${"CPU median".padStart(10)} ${"min".padStart(6)}`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(40)} ${f(r.median_ms).padStart(11)} ${f(r.min_ms)}   ${f(r.cpu_median_ms).padStart(10)} ${f(r.cpu_min_ms)}  ${r.ok ? "" : `FAILED: ${r.error}`}`,
  );
}
// With --against: each case minus its twin in the other checkout, paired within each round
// (the steadier figure while other jobs share the machine), median and range.
if (AGAINST) {
  console.log(`\npaired per round, this checkout minus ${AGAINST}: ms, median (min to max)`);
  for (const c of cases.filter((c) => !c.name.includes(" @") && !c.name.includes("(floor)"))) {
    const twin = cases.find((t) => t.name === `${c.name} @${AGAINST}`);
    if (!twin) continue;
    const a = samples.get(c)!;
    const b = samples.get(twin)!;
    const wall: number[] = [];
    const cpu: number[] = [];
    a.forEach((x, i) => {
      const y = b[i]!;
      if ("error" in x || "error" in y) return;
      wall.push(x.wallMs - y.wallMs);
      cpu.push(x.cpuMs - y.cpuMs);
    });
    if (wall.length === 0) continue;
    const span = (d: number[]) => `${f(median(d))} (${Math.min(...d).toFixed(1)} to ${Math.max(...d).toFixed(1)})`;
    console.log(`${c.name.padEnd(40)} wall ${span(wall)}   CPU ${span(cpu)}`);
  }
}

// Issue #17's targets, by the median wall-clock time of this run.
const row = (name: string) => rows.find((r) => r.name === name);
const target = (label: string, name: string, limit: number) => {
  const r = row(name);
  if (r) console.log(`${label}: ${r.median_ms.toFixed(1)} ms median (< ${limit} ms: ${r.ok && r.median_ms < limit ? "met" : "not met"})`);
};
console.log("");
target("server from source", "server (source)", 60);
target("server from dist/ntnt", "server (dist)", 25);
const compiling = row("server (dist, compiling)");
if (compiling) console.log(`… compiling it (no compile cache: a first run, or the first after an edit): ${compiling.median_ms.toFixed(1)} ms median`);
const fixed = row("fixed cost");
if (fixed)
  console.log(`bench:cpu fixed cost (print(1) through runFile): ${fixed.median_ms.toFixed(1)} ms wall, ${fixed.cpu_median_ms.toFixed(1)} ms CPU median`);
const load = loadavg()[0]!;
if (load > 2) console.log(`note: load average ${load.toFixed(1)}: other jobs shared the CPU, wall-clock times are inflated (CPU times much less)`);
if (JSON_OUT) {
  mkdirSync(dirname(resolve(JSON_OUT)), { recursive: true });
  writeFileSync(JSON_OUT, JSON.stringify({ date: new Date().toISOString(), revision, runs: RUNS, build, results: rows }, null, 1));
}
