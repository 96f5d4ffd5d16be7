/**
 * Summarises the section results written by bench/http.sh into one table set and one JSON
 * document (DIR.json, beside DIR).
 *
 *   bun bench/http/report.ts DIR
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
  /** Set when rounds are merged: median over rounds of server CPU µs per request. */
  cpu_us?: number;
};
type Compare = { params: string; servers: string[]; paths: string[]; results: Row[]; problems: string[] };

const dir = process.argv[2] ?? ".bench-results/http";
const load = <T>(name: string): T | null => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : null);
const find = (c: Compare | null, server: string, path: string) => c?.results.find((r) => r.server === server && r.path === path);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Rounds main-1.json, main-2.json… merged cell by cell: median req/s, p99 and CPU, peak RSS. */
function mergeRounds(): Compare | null {
  const rounds = readdirSync(dir)
    .filter((f) => /^main-\d+\.json$/.test(f))
    .map((f) => load<Compare>(f)!);
  if (!rounds.length) return null;
  const first = rounds[0]!;
  const results: Row[] = [];
  for (const r0 of first.results) {
    const cells = rounds.map((c) => find(c, r0.server, r0.path)).filter((r): r is Row => !!r);
    results.push({
      ...r0,
      rps: median(cells.map((r) => r.rps)),
      p99_ms: median(cells.map((r) => r.p99_ms)),
      server_cpu: median(cells.map((r) => r.server_cpu)),
      cpu_us: median(cells.map((r) => (r.rps > 0 ? (r.server_cpu / r.rps) * 1e6 : 0))),
      other_cpu: median(cells.map((r) => r.other_cpu)),
      errors: cells.reduce((s, r) => s + r.errors, 0),
      rss_mib: Math.max(...cells.map((r) => r.rss_mib)),
      body_matches_first: cells.every((r) => r.body_matches_first),
    });
  }
  for (const r of results) {
    const b = results.find((x) => x.path === r.path && x.server === first.servers[0]);
    r.ratio = b && b.rps > 0 ? r.rps / b.rps : null;
  }
  const params = rounds.length > 1 ? `${first.params}, median of ${rounds.length} rounds` : first.params;
  return { ...first, params, results, problems: rounds.flatMap((c) => c.problems) };
}
const main = mergeRounds();
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
const cpuUs = (r: Row | undefined) => r?.cpu_us ?? (r && r.rps > 0 ? (r.server_cpu / r.rps) * 1e6 : null);
const f = (x: number | null | undefined, d: number) => (x == null ? "-" : x.toFixed(d));
const n0 = (x: number) => Math.round(x).toLocaleString("en-US");
const summary: Record<string, unknown> = {};

if (main) {
  console.log(`\n## Throughput (${main.params})\n`);
  console.log(
    `| path | ${main.servers.map((s) => `${s} req/s`).join(" | ")} | ${main.servers
      .slice(1)
      .map((s) => `${s}/bun`)
      .join(" | ")} |`,
  );
  console.log(`|---|${"---:|".repeat(main.servers.length * 2 - 1)}`);
  for (const p of main.paths) {
    const rs = main.servers.map((s) => find(main, s, p));
    console.log(
      `| ${p} | ${rs.map((r) => (r ? n0(r.rps) : "-")).join(" | ")} | ${rs
        .slice(1)
        .map((r) => (r?.ratio != null ? r.ratio.toFixed(2) : "-"))
        .join(" | ")} |`,
    );
  }
  console.log(`\n| path | ${main.servers.map((s) => `${s} p99 ms`).join(" | ")} | ${main.servers.map((s) => `${s} RSS MiB`).join(" | ")} |`);
  console.log(`|---|${"---:|".repeat(main.servers.length * 2)}`);
  for (const p of main.paths) {
    const rs = main.servers.map((s) => find(main, s, p));
    console.log(`| ${p} | ${rs.map((r) => (r ? r.p99_ms.toFixed(2) : "-")).join(" | ")} | ${rs.map((r) => (r ? r.rss_mib.toFixed(0) : "-")).join(" | ")} |`);
  }
  console.log(`\nServer CPU per request in µs (lower is better) and relative to bun (cost ratio):\n`);
  console.log(
    `| path | ${main.servers.map((s) => `${s} µs`).join(" | ")} | ${main.servers
      .slice(1)
      .map((s) => `${s}/bun`)
      .join(" | ")} |`,
  );
  console.log(`|---|${"---:|".repeat(main.servers.length * 2 - 1)}`);
  const cost: Record<string, Record<string, number | null>> = {};
  for (const p of main.paths) {
    const us = main.servers.map((s) => cpuUs(find(main, s, p)));
    cost[p] = Object.fromEntries(main.servers.map((s, i) => [s, us[i] ?? null]));
    console.log(
      `| ${p} | ${us.map((u) => f(u, 1)).join(" | ")} | ${us
        .slice(1)
        .map((u) => (u != null && us[0] ? (u / us[0]).toFixed(2) : "-"))
        .join(" | ")} |`,
    );
  }
  if (main.servers.includes("bun-hdrs")) {
    console.log(
      "\nNTNT's own cost beyond the response shape (ntnt − bun-hdrs), CPU µs per request: " +
        main.paths
          .map((p) => {
            const a = cpuUs(find(main, "ntnt", p)),
              b = cpuUs(find(main, "bun-hdrs", p));
            return `${p} ${a != null && b != null ? (a - b).toFixed(1) : "-"}`;
          })
          .join(", "),
    );
  }
  const logCost = main.paths.map((p) => {
    const off = find(main, "ntnt", p),
      on = find(main, "ntnt-log", p);
    const a = cpuUs(off),
      b = cpuUs(on);
    return {
      path: p,
      off_rps: off?.rps ?? null,
      on_rps: on?.rps ?? null,
      on_over_off: off && on ? on.rps / off.rps : null,
      cpu_us_off: a,
      cpu_us_on: b,
      cpu_us_added: a != null && b != null ? b - a : null,
    };
  });
  console.log(
    "\nAccess log on/off (ntnt-log / ntnt) req/s: " +
      logCost.map((l) => `${l.path} ${f(l.on_over_off, 2)}`).join(", ") +
      "; CPU µs added per request: " +
      logCost.map((l) => `${l.path} ${f(l.cpu_us_added, 1)}`).join(", "),
  );
  const root = find(main, "ntnt", "/"),
    compute = find(main, "ntnt", "/compute");
  const broot = find(main, "bun", "/"),
    bcompute = find(main, "bun", "/compute");
  const computeVsRoot = root && compute ? compute.rps / root.rps : null;
  console.log(`/compute vs / : ntnt ${computeVsRoot?.toFixed(2) ?? "-"}` + (broot && bcompute ? `, bun ${(bcompute.rps / broot.rps).toFixed(2)}` : ""));
  const diffs = main.results.filter((r) => !r.body_matches_first).map((r) => `${r.server} ${r.path}`);
  if (diffs.length) console.log(`bodies differing from bun's: ${diffs.join(", ")}`);
  if (main.problems.length) console.log(`problems: ${main.problems.join("; ")}`);
  summary.main = { params: main.params, cpu_us_per_request: cost, log_cost: logCost, ntnt_compute_over_root: computeVsRoot, problems: main.problems };
}

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
  console.log("\n## Start-up (hello program)\n");
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
const noisy = [main, c1000, workers].flatMap((c) => c?.results.filter((r) => r.other_cpu > 0.25) ?? []);
if (noisy.length) console.log(`\nnote: in ${noisy.length} cells other processes used over 25% of a core: compare ratios within a path, not absolute req/s`);
console.log(`ntnt ${revision}, bun ${Bun.version}`);
// DIR's results land beside it as DIR.json (.bench-results/http → .bench-results/http.json).
const out = `${dir.replace(/\/+$/, "")}.json`;
writeFileSync(
  out,
  JSON.stringify({ date: new Date().toISOString(), revision, bun: Bun.version, summary, main, c1000, c1000_paced: paced, workers, idle, startup }, null, 1),
);
console.log(`\nresults: ${out}`);
