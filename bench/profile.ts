/**
 * Where the time goes: runs `ntnt run ARGS…` (or any command after `--`) under Bun's CPU
 * profiler and prints the functions with the most self time and most total time.
 *
 *   bun bench/profile.ts [--top N] FILE.tnt            — profile `./ntnt run FILE.tnt`
 *   bun bench/profile.ts [--top N] --load PROFILE      — summarise an existing .cpuprofile
 *   bun bench/profile.ts [--top N] -- CMD ARGS…        — profile another bun program
 *   bun bench/profile.ts [--top N] --serve PATH APP.tnt — profile a server under wrk load
 *   … --callers NAME                                   — also show who calls functions named NAME
 *   … --serve PATH --access-log / --dev APP.tnt        — the server with its access log on / in development mode
 *
 * --serve starts `ntnt run APP.tnt` under the profiler (production mode, access log off,
 * 127.0.0.1 on a free port), loads PATH with wrk (1 thread, 100 connections, 5 s), stops
 * it with SIGINT (the profile is written on exit) and summarises.
 */

import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { freePort, waitForAnswer } from "./http/proc";

const ROOT = resolve(import.meta.dir, "..");

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function summarise(p: Profile, top: number, callersOf: string | null): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Node) => {
    const f = n.callFrame;
    const file = f.url ? relative(ROOT, f.url.replace(/^file:\/\//, "")) : "";
    return `${f.functionName || "(anonymous)"}${file ? ` ${file}:${f.lineNumber + 1}` : ""}`;
  };
  const self = new Map<string, number>(),
    total = new Map<string, number>(),
    callers = new Map<string, number>();
  let sum = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i + 1] ?? 0;
    sum += dt;
    const leaf = byId.get(id)!;
    if (callersOf !== null && leaf.callFrame.functionName === callersOf) {
      const chain: string[] = [];
      for (let n = byId.get(parent.get(leaf.id) ?? -1); n && chain.length < 3; n = byId.get(parent.get(n.id) ?? -1)) chain.push(label(n));
      const k = chain.join(" < ");
      callers.set(k, (callers.get(k) ?? 0) + dt);
    }
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    // Count each label once per sample even when it recurses.
    const seen = new Set<string>();
    for (let n: Node | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const l = label(n);
      if (!seen.has(l)) seen.add(l), total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (of ${(sum / 1000).toFixed(0)} ms sampled)`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(v / 1000).toFixed(1).padStart(9)} ms ${((100 * v) / sum).toFixed(1).padStart(5)}%  ${k}`);
    }
  };
  show("self time", self);
  show("total time", new Map([...total].filter(([k]) => !k.startsWith("(root)") && !k.startsWith("(program)"))));
  if (callersOf !== null) show(`callers of ${callersOf} (self time)`, callers);
}

/** How the profiled server runs: development mode (hot reload on) and/or with its access log on. */
type ServeMode = { dev: boolean; accessLog: boolean };

/** Profile the server running `app` while wrk loads `path`; returns the profile's path. */
async function profileServer(path: string, app: string, dir: string, mode: ServeMode): Promise<string | null> {
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env, NTNT_LISTEN_PORT: String(port), NTNT_HOST: "127.0.0.1", NO_COLOR: "1" };
  env.NTNT_ENV = mode.dev ? undefined : "production";
  env.NTNT_ACCESS_LOG = mode.accessLog ? "1" : "0";
  const srv = Bun.spawn([process.execPath, "--cpu-prof", `--cpu-prof-dir=${dir}`, join(ROOT, "src/cli.ts"), "run", app], {
    env,
    stdout: "ignore",
    stderr: "inherit",
  });
  const url = `http://127.0.0.1:${port}${path}`;
  await waitForAnswer(url, 100);
  const wrk = Bun.spawnSync(["wrk", "-t1", "-c100", "-d5s", url], { stdout: "pipe", stderr: "inherit" });
  console.log(
    wrk.stdout
      .toString()
      .split("\n")
      .filter((l) => /Requests\/sec|Latency|Non-2xx|Socket errors/.test(l))
      .join("\n"),
  );
  srv.kill("SIGINT");
  await srv.exited;
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  return file ? join(dir, file) : null;
}

const args = process.argv.slice(2);
let top = 25;
let callersOf: string | null = null;
let servePath: string | null = null;
const mode: ServeMode = { dev: false, accessLog: false };
for (;;) {
  if (args[0] === "--top") (top = Number(args[1])), args.splice(0, 2);
  else if (args[0] === "--callers") (callersOf = args[1]!), args.splice(0, 2);
  else if (args[0] === "--serve") (servePath = args[1]!), args.splice(0, 2);
  else if (args[0] === "--dev") (mode.dev = true), args.splice(0, 1);
  else if (args[0] === "--access-log") (mode.accessLog = true), args.splice(0, 1);
  else break;
}
if (args[0] === "--load") {
  summarise(JSON.parse(readFileSync(args[1]!, "utf8")), top, callersOf);
} else if (servePath !== null) {
  const file = await profileServer(servePath, resolve(args[0]!), mkdtempSync(join(tmpdir(), "ntnt-prof-")), mode);
  if (!file) {
    console.error("no profile written");
    process.exit(1);
  }
  console.log(`profile: ${file}`);
  summarise(JSON.parse(readFileSync(file, "utf8")), top, callersOf);
} else {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-prof-"));
  const cmd = args[0] === "--" ? args.slice(1) : [join(ROOT, "src/cli.ts"), "run", ...args];
  const r = Bun.spawnSync([process.execPath, "--cpu-prof", `--cpu-prof-dir=${dir}`, ...cmd], { cwd: process.cwd(), stdout: "inherit", stderr: "inherit" });
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) {
    console.error(`no profile written (exit ${r.exitCode})`);
    process.exit(1);
  }
  console.log(`profile: ${join(dir, file)}`);
  summarise(JSON.parse(readFileSync(join(dir, file), "utf8")), top, callersOf);
}
