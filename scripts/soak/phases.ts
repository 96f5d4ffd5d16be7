/**
 * The soak phases. Each starts its own `./ntnt run` on 127.0.0.1, is bounded in time and
 * requests, stops what it started, and returns its figures and the problems it saw.
 */

import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, startApp } from "../../test/support/ntnt-app";
import { MIXED_APP, versionRoute, WRITER_APP } from "./apps";
import { type LoadRequest, quantile, rssMb, runLoad, slope } from "./load";

export interface PhaseReport {
  name: string;
  figures: Record<string, string | number>;
  problems: string[];
}

const MIX: LoadRequest[] = [
  { method: "GET", path: "/" },
  { method: "GET", path: "/json" },
  { method: "GET", path: "/sleep" },
  { method: "POST", path: "/echo", body: "payload ".repeat(40) },
  { method: "GET", path: "/page" },
  { method: "GET", path: "/spin" },
  { method: "POST", path: "/hit", body: "" },
  { method: "GET", path: "/version" },
  { method: "GET", path: "/missing" },
];

const fmt = (m: Map<string | number, number>) => [...m].map(([k, v]) => `${k}:${v}`).join(" ") || "none";

/** Mixed routes under load for `seconds`, RSS sampled every second, the route file edited every 1.5 s (hot reload). */
export async function mixedWithHotReload(seconds: number, clients: number, maxRequests: number): Promise<PhaseReport> {
  const dir = project({ "app.tnt": MIXED_APP, "routes/version.tnt": versionRoute(0) });
  const problems: string[] = [];
  const app = await startApp("app.tnt", { cwd: dir, hotReload: true, env: { NTNT_TIMEOUT: "10" } });
  try {
    const until = Date.now() + seconds * 1000;
    const samples: { min: number; mb: number }[] = [];
    const t0 = Date.now();
    let edits = 0;
    const sampler = (async () => {
      while (Date.now() < until) {
        samples.push({ min: (Date.now() - t0) / 60_000, mb: await rssMb(app.proc.pid) });
        await Bun.sleep(1000);
      }
    })();
    const editor = (async () => {
      while (Date.now() < until - 2000) {
        await Bun.sleep(1500);
        writeFileSync(join(dir, "routes", "version.tnt"), versionRoute(++edits));
      }
    })();
    const load = await runLoad(app.base, clients, until, maxRequests, (i) => MIX[i % MIX.length]!);
    await Promise.all([sampler, editor]);
    await Bun.sleep(300);
    const last = await (await fetch(`${app.base}/version`)).text();
    if (last !== `v${edits}`) problems.push(`after ${edits} edits /version answers ${last}`);
    const expected = new Set([200, 404]);
    const unexpected = [...load.byStatus].filter(([s]) => !expected.has(s));
    if (unexpected.length > 0) problems.push(`unexpected statuses ${fmt(new Map(unexpected))}`);
    if (load.failures.size > 0) problems.push(`network failures ${fmt(load.failures)}`);
    const rss = samples.filter((s) => !Number.isNaN(s.mb));
    const half = rss.slice(Math.floor(rss.length / 2));
    const trend = slope(
      half.map((s) => s.min),
      half.map((s) => s.mb),
    );
    const first = rss[0]?.mb ?? 0;
    const lastMb = rss[rss.length - 1]?.mb ?? 0;
    if (lastMb - first > 150) problems.push(`RSS grew ${Math.round(lastMb - first)} MB`);
    return {
      name: "mixed routes + hot reload",
      problems,
      figures: {
        requests: load.requests,
        "req/s": Math.round(load.requests / load.seconds),
        statuses: fmt(load.byStatus),
        "p50 ms": quantile(load.latenciesMs, 0.5).toFixed(1),
        "p99 ms": quantile(load.latenciesMs, 0.99).toFixed(1),
        "hot-reload edits": edits,
        "RSS MB start/end/max": `${first.toFixed(0)}/${lastMb.toFixed(0)}/${Math.max(...rss.map((s) => s.mb)).toFixed(0)}`,
        "RSS trend (2nd half) MB/min": trend.toFixed(1),
      },
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SIGTERM while keep-alive clients are busy: exit 0 within the drain limit; answers are 200 or 503. */
export async function sigtermUnderLoad(clients: number): Promise<PhaseReport> {
  const dir = project({ "app.tnt": MIXED_APP, "routes/version.tnt": versionRoute(0) });
  const problems: string[] = [];
  const app = await startApp("app.tnt", { cwd: dir, env: { NTNT_ENV: "production", NTNT_SHUTDOWN_TIMEOUT: "5" } });
  try {
    const until = Date.now() + 4000;
    let exited = false;
    void app.proc.exited.then(() => (exited = true));
    const loading = runLoad(
      app.base,
      clients,
      until,
      Number.MAX_SAFE_INTEGER,
      (i) => MIX[i % 3]!,
      () => exited,
    );
    await Bun.sleep(1500);
    const signalled = performance.now();
    app.proc.kill("SIGTERM");
    const code = await Promise.race([app.proc.exited, Bun.sleep(10_000).then(() => "still running")]);
    const exitMs = performance.now() - signalled;
    const load = await loading;
    if (code !== 0) problems.push(`exit code ${code}`);
    if (exitMs > 7000) problems.push(`exit took ${Math.round(exitMs)} ms`);
    const odd = [...load.byStatus].filter(([s]) => s !== 200 && s !== 503);
    if (odd.length > 0) problems.push(`unexpected statuses ${fmt(new Map(odd))}`);
    return {
      name: "SIGTERM under load",
      problems,
      figures: {
        requests: load.requests,
        statuses: fmt(load.byStatus),
        "network errors after the signal": fmt(load.failures),
        "exit code": String(code),
        "signal → exit ms": Math.round(exitMs),
      },
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SQLite writes, SIGKILL at a random moment, restart: every acknowledged row must be there. */
export async function sqliteKill(rounds: number, writers: number): Promise<PhaseReport> {
  const dir = project({ "app.tnt": WRITER_APP });
  const problems: string[] = [];
  const acknowledged = new Set<string>();
  let attempts = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const app = await startApp("app.tnt", { cwd: dir });
      let killed = false;
      const writer = async () => {
        while (!killed) {
          attempts++;
          try {
            const r = await fetch(`${app.base}/write`, { method: "POST", body: `round ${round}` });
            if (r.status === 200) acknowledged.add(await r.text());
          } catch {
            // The server died mid-request: this write was never acknowledged.
          }
        }
      };
      const running = Array.from({ length: writers }, writer);
      await Bun.sleep(300 + Math.floor(Math.random() * 700));
      app.proc.kill("SIGKILL");
      killed = true;
      await app.proc.exited;
      await Promise.all(running);
    }
    const app = await startApp("app.tnt", { cwd: dir });
    try {
      const present = new Set((await (await fetch(`${app.base}/ids`)).text()).split(","));
      const lost = [...acknowledged].filter((id) => !present.has(id));
      if (lost.length > 0) problems.push(`${lost.length} acknowledged rows lost (e.g. ${lost.slice(0, 5).join(", ")})`);
      return {
        name: "SQLite SIGKILL during writes",
        problems,
        figures: { rounds, "write attempts": attempts, acknowledged: acknowledged.size, "rows present": present.size, "acknowledged rows lost": lost.length },
      };
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
