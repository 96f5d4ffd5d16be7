/**
 * The `main` section's report (bench/http/main.ts results): CPU per request and req/s per
 * server and path as medians over rounds with their min–max, NTNT's own CPU per request above
 * the `bun-spec` peer, peak RSS, and each target of issue #17 with whether it is met.
 */

import { median } from "../stats";

export type Cell = {
  round: number;
  path: string;
  server: string;
  requests: number;
  rps: number;
  cpu_us: number;
  avg_ms: number;
  p99_ms: number;
  errors: number;
  wrk_cpu: number;
  other_cpu: number;
};
export type MainResult = {
  revision: string;
  bun: string;
  date: string;
  params: { rounds: number; duration_s: number; warmup_s: number; prime_s?: number; conns: number; app: string; together?: boolean };
  load_average: { before: number; after: number };
  servers: string[];
  paths: string[];
  cells: Cell[];
  rss: { round: number; server: string; peak_mib: number }[];
  problems: string[];
};
export type Target = { target: string; value: string; met: boolean | null };
type StartupRow = { name: string; median_ms: number; min_ms: number; ok: boolean };

/** Median, min and max of a list (null when empty). */
type Spread = { median: number; min: number; max: number; n: number } | null;
function spread(xs: number[]): Spread {
  if (!xs.length) return null;
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}
const num = (x: number, d: number) => (d === 0 ? Math.round(x).toLocaleString("en-US") : x.toFixed(d));
const fmt = (s: Spread, d: number) => (s ? (s.n > 1 ? `${num(s.median, d)} (${num(s.min, d)}–${num(s.max, d)})` : num(s.median, d)) : "-");
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
const rule = (n: number) => `|---|${"---:|".repeat(n)}`;

/** Prints the report of one main.json; returns its summary (medians, targets) for http.json. */
export function reportMain(m: MainResult, startup: StartupRow[] | null): Record<string, unknown> {
  const cell = (server: string, path: string, round: number) => m.cells.find((c) => c.server === server && c.path === path && c.round === round);
  const rounds = [...new Set(m.cells.map((c) => c.round))];
  const has = (s: string) => m.servers.includes(s);
  /** Per-round values of f(server cells of that round), dropping rounds that miss a cell. */
  const paired = (path: string, servers: string[], f: (...c: Cell[]) => number): Spread =>
    spread(
      rounds.flatMap((r) => {
        const cs = servers.map((s) => cell(s, path, r));
        return cs.every(Boolean) ? [f(...(cs as Cell[]))] : [];
      }),
    );
  const of = (server: string, path: string, k: "cpu_us" | "rps" | "p99_ms" | "other_cpu") => paired(path, [server], (c) => c[k]);
  const ntnts = m.servers.filter((s) => s.startsWith("ntnt") || !["bun", "bun-spec", "elysia", "node"].includes(s));

  console.log(
    `\n## HTTP, ${m.params.rounds} rounds × ${m.params.duration_s} s cells (+${m.params.warmup_s} s warm-up${m.params.prime_s ? `, every path primed ${m.params.prime_s} s after start` : ""}), wrk 1 thread × ${m.params.conns} connections${m.params.together ? " per server, all servers of a path loaded at once" : ""}, ${m.params.app}\n`,
  );
  console.log("Medians over rounds, (min–max) across rounds.\n");
  console.log("Server CPU per request, µs (lower is better):\n");
  console.log(row(["path", ...m.servers]));
  console.log(rule(m.servers.length));
  for (const p of m.paths) console.log(row([p, ...m.servers.map((s) => fmt(of(s, p, "cpu_us"), 1))]));
  console.log("\nreq/s (moves with the share of the cores the server got; compare within a row):\n");
  console.log(row(["path", ...m.servers]));
  console.log(rule(m.servers.length));
  for (const p of m.paths) console.log(row([p, ...m.servers.map((s) => fmt(of(s, p, "rps"), 0))]));
  console.log("\np99 latency ms, and other processes' CPU during the cells (% of one core, median):\n");
  console.log(row(["path", ...m.servers.map((s) => `${s} p99`), "other CPU"]));
  console.log(rule(m.servers.length + 1));
  for (const p of m.paths) {
    const other = spread(m.cells.filter((c) => c.path === p).map((c) => c.other_cpu * 100));
    console.log(row([p, ...m.servers.map((s) => fmt(of(s, p, "p99_ms"), 2)), fmt(other, 0)]));
  }

  const own: Record<string, Record<string, Spread>> = {};
  if (has("bun-spec")) {
    console.log("\n**NTNT's own CPU per request above `bun-spec`**, µs (paired within each round):\n");
    console.log(row(["path", ...ntnts, ...ntnts.map((s) => `bun-spec ÷ ${s}`)]));
    console.log(rule(ntnts.length * 2));
    for (const p of m.paths) {
      own[p] = Object.fromEntries(ntnts.map((s) => [s, paired(p, [s, "bun-spec"], (a, b) => a.cpu_us - b.cpu_us)]));
      console.log(
        row([
          p,
          ...ntnts.map((s) => fmt(own[p]![s]!, 1)),
          ...ntnts.map((s) =>
            fmt(
              paired(p, [s, "bun-spec"], (a, b) => b.cpu_us / a.cpu_us),
              2,
            ),
          ),
        ]),
      );
    }
  }

  const peak = (s: string) => (m.rss.some((r) => r.server === s) ? Math.max(...m.rss.filter((r) => r.server === s).map((r) => r.peak_mib)) : null);
  console.log("\nPeak RSS, MiB (highest of the rounds): " + m.servers.map((s) => `${s} ${peak(s)?.toFixed(1) ?? "-"}`).join(", "));

  // Targets (issue #17). Ratios are of CPU per request, paired within each round.
  const targets: Target[] = [];
  const add = (target: string, value: string, met: boolean | null) => targets.push({ target, value, met });
  for (const p of ["/", "/json", "/echo/42"]) {
    const o = own[p]?.ntnt ?? null;
    add(`${p}: NTNT's own CPU per request ≤ 0.5 µs above bun-spec`, o ? `${fmt(o, 2)} µs` : "-", o ? o.median <= 0.5 : null);
  }
  const cr = spread(
    rounds.flatMap((r) => {
      const root = cell("ntnt", "/", r),
        compute = cell("ntnt", "/compute", r);
      return root && compute ? [root.cpu_us / compute.cpu_us] : [];
    }),
  );
  add("/compute ≥ 0.80× NTNT's own / (CPU per request of / ÷ of /compute)", fmt(cr, 2), cr ? cr.median >= 0.8 : null);
  const worst = (server: string, limit: number, what: string) => {
    if (!has(server) || !has("ntnt")) return add(what, "-", null);
    const per = m.paths.map((p) => [p, paired(p, [server, "ntnt"], (a, b) => a.cpu_us / b.cpu_us)] as const);
    const value = per.map(([p, s]) => `${p} ${fmt(s, 2)}`).join(", ");
    add(
      what,
      value,
      per.every(([, s]) => s !== null && s.median <= limit),
    );
  };
  worst("ntnt-dev", 1.05, "development mode within 5% of production on every path (CPU ÷ production's)");
  worst("ntnt-log", 1.15, "access log on costs ≤ 15% on every path (CPU ÷ log off)");
  const bunPeak = peak("bun");
  for (const s of ntnts) {
    const p = peak(s);
    add(
      `peak RSS of ${s} ≤ 1.2× raw Bun's`,
      p && bunPeak ? `${p.toFixed(1)} / ${bunPeak.toFixed(1)} MiB = ${(p / bunPeak).toFixed(2)}` : "-",
      p && bunPeak ? p <= 1.2 * bunPeak : null,
    );
  }
  const start = (re: RegExp) => startup?.find((r) => re.test(r.name)) ?? null;
  // bench/http/startup.ts names its rows "server (source)", "server (dist)", "print (…)".
  const src = start(/^server \(source\)/) ?? start(/source/),
    dist = start(/^server \(dist\)/) ?? start(/dist/);
  add(
    "server program starts from source in < 60 ms (start-up section, median wall)",
    src ? `${src.median_ms.toFixed(1)} ms (${src.name})` : "not run",
    src ? src.ok && src.median_ms < 60 : null,
  );
  add("… and from dist/ntnt in < 25 ms", dist ? `${dist.median_ms.toFixed(1)} ms (${dist.name})` : "not run", dist ? dist.ok && dist.median_ms < 25 : null);

  if (m.problems.length) console.log(`\nproblems: ${m.problems.join("; ")}`);
  const noisy = m.cells.filter((c) => c.other_cpu > 0.25).length;
  console.log(
    `\nntnt ${m.revision}, bun ${m.bun}, ${m.date}; load average ${m.load_average.before} before, ${m.load_average.after} after` +
      (noisy ? `; in ${noisy} of ${m.cells.length} cells other processes used over 25% of a core (req/s disturbed, CPU per request much less)` : ""),
  );
  return {
    revision: m.revision,
    cpu_us: Object.fromEntries(m.paths.map((p) => [p, Object.fromEntries(m.servers.map((s) => [s, of(s, p, "cpu_us")]))])),
    rps: Object.fromEntries(m.paths.map((p) => [p, Object.fromEntries(m.servers.map((s) => [s, of(s, p, "rps")]))])),
    own_cpu_us_above_bun_spec: own,
    peak_rss_mib: Object.fromEntries(m.servers.map((s) => [s, peak(s)])),
    targets,
  };
}

/** Prints the targets table: each target, the figure measured, and whether it is met. */
export function printTargets(targets: Target[]): void {
  console.log("\n## Targets (issue #17)\n");
  console.log("| target | measured: median (min–max) | met |\n|---|---|---|");
  for (const t of targets) console.log(row([t.target, t.value, t.met === null ? "not measured" : t.met ? "yes" : "**no**"]));
}
