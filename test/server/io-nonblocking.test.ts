/**
 * A handler waiting on I/O suspends only its own request (spec http-server §13.1): for each
 * I/O module, requests to a route that waits ~500 ms (std/time sleep, std/http fetch of a slow
 * local endpoint, a slow std/db/postgres query, std/fs reading a named pipe written late) run
 * while a fast route keeps answering in milliseconds, and several waits overlap instead of
 * queueing. The program runs with `./ntnt run` against a real PostgreSQL server.
 *
 * std/db/sqlite is not here: bun:sqlite is synchronous by design (in-process, short queries).
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, type RunningApp } from "../support/ntnt-app";
import { startPostgres, type PgServer } from "../support/postgres";

const FIXTURE = join(import.meta.dir, "fixtures", "io_waits.tnt");
const WAIT_MS = 500;
const FAST_MS = 250;

let pg: PgServer;
let slowServer: Server<undefined>;
let slowInFlight = 0;
let slowMaxInFlight = 0;
let dir: string;
let fifo: string;
let app: RunningApp;

interface Timed {
  status: number;
  body: string;
  ms: number;
}

async function timed(path: string): Promise<Timed> {
  const t0 = performance.now();
  const r = await fetch(app.base + path, { signal: AbortSignal.timeout(10_000) });
  const body = await r.text();
  return { status: r.status, body, ms: performance.now() - t0 };
}

/**
 * Start `count` requests to `path`; while they wait, /fast must answer quickly (three times,
 * 50 ms apart, the first before any of them finished); then all must succeed with `expected`, and
 * together take far less than `count` waits in a row. `release` ends the wait where the test
 * controls it (the pipe).
 */
async function proveOverlap(path: string, expected: string, count: number, release?: () => Promise<void>): Promise<void> {
  let finished = 0;
  const t0 = performance.now();
  const slow = Array.from({ length: count }, () =>
    timed(path).then((r) => {
      finished++;
      return r;
    }),
  );
  await Bun.sleep(100);
  for (let i = 0; i < 3; i++) {
    const f = await timed("/fast");
    expect(f.status).toBe(200);
    expect(f.body).toBe("fast");
    expect(f.ms).toBeLessThan(FAST_MS);
    if (i === 0) expect(finished).toBe(0);
    await Bun.sleep(50);
  }
  if (release) await release();
  const results = await Promise.all(slow);
  const total = performance.now() - t0;
  for (const r of results) {
    expect(r.status).toBe(200);
    expect(r.body).toBe(expected);
    expect(r.ms).toBeGreaterThanOrEqual(WAIT_MS - 50);
  }
  // In a row they would take count × WAIT_MS.
  if (count > 1) expect(total).toBeLessThan(WAIT_MS * 2.5);
}

beforeAll(async () => {
  pg = await startPostgres();
  slowServer = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch() {
      slowMaxInFlight = Math.max(slowMaxInFlight, ++slowInFlight);
      await Bun.sleep(WAIT_MS);
      slowInFlight--;
      return new Response("late answer");
    },
  });
  dir = mkdtempSync(join(tmpdir(), "ntnt-io-"));
  fifo = join(dir, "pipe");
  const mk = Bun.spawnSync(["mkfifo", fifo]);
  if (mk.exitCode !== 0) throw new Error(`mkfifo failed: ${mk.stderr.toString()}`);
  app = await startApp(FIXTURE, {
    env: { SLOW_URL: `http://127.0.0.1:${slowServer.port}/slow`, FIFO_PATH: fifo, DATABASE_URL: pg.url },
  });
  // First requests load the server and module code; keep that out of the timings.
  for (let i = 0; i < 3; i++) expect((await timed("/fast")).body).toBe("fast");
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await slowServer?.stop(true);
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe("I/O in one handler does not block another route", () => {
  test("std/time sleep", async () => {
    await proveOverlap("/sleep", "slept", 5);
  }, 20_000);

  test("std/http fetch of a slow endpoint", async () => {
    slowMaxInFlight = 0;
    await proveOverlap("/fetch", "fetched late answer", 5);
    expect(slowMaxInFlight).toBe(5);
  }, 20_000);

  test("std/db/postgres slow query (pg_sleep)", async () => {
    await proveOverlap("/pg", "queried 42", 5);
  }, 20_000);

  test("std/fs read of a pipe that is written late", async () => {
    await proveOverlap("/fs", "read piped data", 1, async () => {
      await Bun.sleep(WAIT_MS - 250);
      await writeFile(fifo, "piped data");
    });
  }, 20_000);
});
