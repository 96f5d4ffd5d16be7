/**
 * Summarises the section results written by bench/http.sh into one table set and one JSON
 * document (DIR.json, beside DIR).
 *
 *   bun bench/http/report.ts DIR
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type MainResult, printTargets, reportMain, type Target } from "./report-main";

type Row = {
  path: string;
  server: string;
  rps: number;
  p99_ms: number;
  errors: number;
  rss_mib: number;
  ratio: number | null;
  body_matches_first: boolean;
  server_cpu: number;
  other_cpu: number;
};
type Compare = { params: string; servers: string[]; paths: string[]; results: Row[]; problems: string[] };

const dir = process.argv[2] ?? ".bench-results/http";
const load = <T>(name: string): T | null => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : null);
const find = (c: Compare | null, server: string, path: string) => c?.results.find((r) => r.server === server && r.path === path);

const main = load<MainResult>("main.json");
const c1000 = load<Compare>("c1000.json");
const workers = load<Compare>("workers.json");
const startup = load<{ results: { name: string; median_ms: number; min_ms: number; ok: boolean }[] }>("startup.json");
const jsonl = <T>(name: string): T[] | null =>
  existsSync(join(dir, name))
    ? readFileSync(join(dir, name), "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T)
    : null;
const paced = jsonl<{ server: string; path: string; offered_rps: number; rps: number; mean_ms: number; p99_ms: number; errors: number }>("c1000-paced.jsonl");
type IdleResult = { opened: number; open_at_measure: number; failures: number; rss_before_mib: number; rss_after_mib: number; per_conn_kib: number };
const idle = jsonl<{ server: string; exit: number; result: IdleResult | null }>("idle.jsonl");

/**
 * Server CPU time per request in µs (server CPU share / req/s). When other jobs compete for
 * the cores, req/s falls with the share the server gets, but this stays close to the cost.
 */
const cpuUs = (r: Row | undefined) => (r && r.rps > 0 ? (r.server_cpu / r.rps) * 1e6 : null);
const f = (x: number | null | undefined, d: number) => (x == null ? "-" : x.toFixed(d));
const n0 = (x: number) => Math.round(x).toLocaleString("en-US");
const summary: Record<string, unknown> = {};

if (main) summary.main = reportMain(main, startup?.results ?? null);

if (c1000) {
  console.log(`\n## 1,000 connections (${c1000.params})\n`);
  console.log("| path | server | req/s | p99 ms | errors | peak RSS MiB | vs bun | CPU µs/req |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const r of c1000.results) {
    console.log(
      `| ${r.path} | ${r.server} | ${n0(r.rps)} | ${r.p99_ms.toFixed(1)} | ${r.errors} | ${r.rss_mib.toFixed(0)} | ${f(r.ratio, 2)} | ${f(cpuUs(r), 1)} |`,
    );
  }
}

if (paced?.length) {
  console.log(`\n## 1,000 connections, paced (${n0(paced[0]!.offered_rps)} req/s offered in all)\n`);
  console.log("| path | server | req/s | mean ms | p99 ms | errors |");
  console.log("|---|---|---:|---:|---:|---:|");
  for (const r of paced) console.log(`| ${r.path} | ${r.server} | ${n0(r.rps)} | ${r.mean_ms.toFixed(2)} | ${r.p99_ms.toFixed(2)} | ${r.errors} |`);
}

if (workers) {
  console.log(`\n## --workers 2 vs 1 (${workers.params})\n`);
  console.log("| path | w1 req/s | w2 req/s | w2/w1 | w1 CPU | w2 CPU | w1 RSS MiB | w2 RSS MiB |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  const w = workers.paths.map((p) => {
    const a = find(workers, "ntnt-w1", p),
      b = find(workers, "ntnt-w2", p);
    const pct = (r: Row | undefined) => (r ? `${Math.round(r.server_cpu * 100)}%` : "-");
    console.log(
      `| ${p} | ${a ? n0(a.rps) : "-"} | ${b ? n0(b.rps) : "-"} | ${f(b?.ratio, 2)} | ${pct(a)} | ${pct(b)} | ${f(a?.rss_mib, 0)} | ${f(b?.rss_mib, 0)} |`,
    );
    return { path: p, w2_over_w1: b?.ratio ?? null };
  });
  if (workers.problems.length) console.log(`problems: ${workers.problems.join("; ")}`);
  summary.workers = w;
}

if (idle) {
  console.log("\n## Idle keep-alive connections\n");
  console.log("| server | opened | still open | failures | RSS before MiB | RSS after MiB | KiB per connection |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const { server, result: r } of idle) {
    console.log(
      r
        ? `| ${server} | ${r.opened} | ${r.open_at_measure} | ${r.failures} | ${r.rss_before_mib} | ${r.rss_after_mib} | ${r.per_conn_kib} |`
        : `| ${server} | - | - | - | - | - | - |`,
    );
  }
}

if (startup) {
  console.log("\n## Start-up (bench/http/startup.ts)\n");
  console.log("| command | median ms | min ms | ok |");
  console.log("|---|---:|---:|---|");
  for (const r of startup.results) console.log(`| ${r.name} | ${r.median_ms.toFixed(1)} | ${r.min_ms.toFixed(1)} | ${r.ok ? "yes" : "no"} |`);
}

const git = (...a: string[]) =>
  Bun.spawnSync(["git", ...a])
    .stdout.toString()
    .trim();
const revision = existsSync(join(dir, "revision.txt"))
  ? readFileSync(join(dir, "revision.txt"), "utf8").trim()
  : (git("rev-parse", "--short", "HEAD") || "unknown") + (git("status", "--porcelain", "--", "src") ? "+dirty" : "");
const noisy = [c1000, workers].flatMap((c) => c?.results.filter((r) => r.other_cpu > 0.25) ?? []);
if (noisy.length) console.log(`\nnote: in ${noisy.length} cells other processes used over 25% of a core: compare ratios within a path, not absolute req/s`);
if (main) printTargets((summary.main as { targets: Target[] }).targets);
console.log(`\nntnt ${revision}, bun ${Bun.version}`);
// DIR's results land beside it as DIR.json (.bench-results/http → .bench-results/http.json).
const out = `${dir.replace(/\/+$/, "")}.json`;
writeFileSync(
  out,
  JSON.stringify({ date: new Date().toISOString(), revision, bun: Bun.version, summary, main, c1000, c1000_paced: paced, workers, idle, startup }, null, 1),
);
console.log(`\nresults: ${out}`);
