/** The HTTP benchmark's report: medians over rounds, paired differences, and each #17 target's verdict. */

import { describe, expect, spyOn, test } from "bun:test";
import { type Cell, type MainResult, reportMain, type Target } from "../../bench/http/report-main";

const PATHS = ["/", "/json", "/echo/42", "/compute"];

/** A result where `cpu(server, path, round)` gives every cell's CPU µs per request. */
function result(cpu: (server: string, path: string, round: number) => number, rss: Record<string, number>): MainResult {
  const servers = ["bun", "bun-spec", "ntnt", "ntnt-dev", "ntnt-log"];
  const cells: Cell[] = [];
  for (const round of [1, 2, 3])
    for (const path of PATHS)
      for (const server of servers)
        cells.push({
          round,
          path,
          server,
          requests: 1000,
          rps: 1e6 / cpu(server, path, round),
          cpu_us: cpu(server, path, round),
          avg_ms: 1,
          p99_ms: 2,
          errors: 0,
          wrk_cpu: 0.5,
          other_cpu: 0,
        });
  return {
    revision: "abc1234",
    bun: "1.4.5",
    date: "2026-12-03T00:00:00Z",
    params: { rounds: 3, duration_s: 3, warmup_s: 1, conns: 100, app: "app.tnt" },
    load_average: { before: 0, after: 0 },
    servers,
    paths: PATHS,
    cells,
    rss: servers.flatMap((server) => [1, 2, 3].map((round) => ({ round, server, peak_mib: rss[server]! + round }))),
    problems: [],
  };
}

function targets(m: MainResult, startup: Parameters<typeof reportMain>[1] = null): Target[] {
  const quiet = spyOn(console, "log").mockImplementation(() => {});
  try {
    return (reportMain(m, startup) as { targets: Target[] }).targets;
  } finally {
    quiet.mockRestore();
  }
}
const verdict = (ts: Target[], start: string) => ts.find((t) => t.target.startsWith(start))!;

describe("bench/http report-main", () => {
  test("own CPU above bun-spec is the per-round paired difference's median", () => {
    // Round 2 is disturbed for both servers alike: the pairing keeps the difference at 0.4.
    const m = result((s, _p, r) => (s === "bun-spec" ? 10 : s.startsWith("ntnt") ? 10.4 : 8) + (r === 2 ? 5 : 0), {
      bun: 40,
      "bun-spec": 42,
      ntnt: 44,
      "ntnt-dev": 44,
      "ntnt-log": 45,
    });
    const ts = targets(m);
    const root = verdict(ts, "/: NTNT's own");
    expect(root.value).toBe("0.40 (0.40–0.40) µs");
    expect(root.met).toBe(true);
    expect(verdict(ts, "development mode").met).toBe(true);
    expect(verdict(ts, "peak RSS of ntnt ≤").value).toBe("47.0 / 43.0 MiB = 1.09");
    expect(verdict(ts, "peak RSS of ntnt ≤").met).toBe(true);
    expect(verdict(ts, "server program starts from source").met).toBeNull();
  });

  test("a path over a limit fails its target", () => {
    const m = result(
      (s, p) =>
        s === "bun-spec" ? 10 : s === "ntnt-dev" && p === "/json" ? 12 : s === "ntnt-log" ? 13 : s.startsWith("ntnt") ? (p === "/compute" ? 14 : 11) : 8,
      {
        bun: 40,
        "bun-spec": 42,
        ntnt: 60,
        "ntnt-dev": 60,
        "ntnt-log": 60,
      },
    );
    const ts = targets(m, [
      { name: "print (source)", median_ms: 50, min_ms: 45, ok: true },
      { name: "server (source)", median_ms: 80, min_ms: 70, ok: true },
      { name: "server (dist)", median_ms: 24, min_ms: 20, ok: true },
      { name: "print (dist)", median_ms: 30, min_ms: 20, ok: true },
    ]);
    expect(verdict(ts, "/: NTNT's own").met).toBe(false);
    expect(verdict(ts, "/compute ≥ 0.80×").value).toBe("0.79 (0.79–0.79)");
    expect(verdict(ts, "/compute ≥ 0.80×").met).toBe(false);
    expect(verdict(ts, "development mode").met).toBe(false);
    expect(verdict(ts, "access log").met).toBe(false);
    expect(verdict(ts, "peak RSS of ntnt ≤").met).toBe(false);
    expect(verdict(ts, "server program starts from source").met).toBe(false);
    expect(verdict(ts, "… and from dist/ntnt").met).toBe(true);
  });
});
