/** Process-level behaviour (spec §12, §13.8; T71–T75): shutdown, bind errors, port override, workers. */

import { afterEach, describe, expect, test } from "bun:test";
import type { Subprocess } from "bun";
import { join } from "node:path";
import { track } from "../support/children";
import { rawStatus, waitFor } from "./helpers";
import { freePort } from "../support/ntnt-app";

const FIXTURE = join(import.meta.dir, "fixtures", "app.ts");

interface Proc {
  proc: Subprocess<"ignore", "pipe", "pipe">;
  out(): string;
  err(): string;
  port: number;
}
const procs: Proc[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.proc.exitCode === null) p.proc.kill("SIGKILL");
});

function collect(stream: ReadableStream<Uint8Array>): () => string {
  let text = "";
  const dec = new TextDecoder();
  (async () => {
    for await (const chunk of stream) text += dec.decode(chunk);
  })();
  return () => text;
}

async function start(env: Record<string, string>, expectBanner = true): Promise<Proc> {
  const proc = track(
    Bun.spawn([process.execPath, FIXTURE], {
      env: { ...process.env, NTNT_HOST: "127.0.0.1", NTNT_ACCESS_LOG: "0", ...env },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    }),
  );
  const p: Proc = { proc, out: collect(proc.stdout), err: collect(proc.stderr), port: 0 };
  procs.push(p);
  if (expectBanner) {
    // Development prints the banner on stdout, production on stderr.
    const ok = await waitFor(() => /visit http:\/\/127\.0\.0\.1:(\d+)/.test(p.out() + p.err()), 8000);
    if (!ok) throw new Error(`no banner: ${p.out()} ${p.err()}`);
    p.port = Number(/visit http:\/\/127\.0\.0\.1:(\d+)/.exec(p.out() + p.err())![1]);
  }
  return p;
}

/** Waits (bounded) until the fixture's /slow handler has started `n` requests. */
function slowStarted(p: Proc, n: number): Promise<boolean> {
  return waitFor(() => p.out().split("slow request started").length - 1 >= n, 20_000);
}

describe("graceful shutdown", () => {
  test("SIGTERM with 20 requests in flight: all finish, on_shutdown runs, statements after listen() run, exit 0", async () => {
    const p = await start({ FIX_SLOW_MS: "1000" });
    const base = `http://127.0.0.1:${p.port}`;
    const inflight = Array.from({ length: 20 }, () => fetch(`${base}/slow`).then(async (r) => [r.status, await r.text()] as const));
    expect(await slowStarted(p, 20)).toBe(true);
    const t0 = performance.now();
    p.proc.kill("SIGTERM");
    expect(await waitFor(() => p.out().includes("Shutdown signal received"), 20_000)).toBe(true);
    const refused = await fetch(`${base}/`, { headers: { connection: "close" } }).then(
      () => false,
      () => true,
    );
    const results = await Promise.all(inflight);
    const code = await p.proc.exited;
    expect(results.every(([st, body]) => st === 200 && body === "done")).toBe(true);
    expect(refused).toBe(true);
    expect(code).toBe(0);
    // The drain ends with the last request (1 s), not at the 10 s drain limit.
    expect(performance.now() - t0).toBeLessThan(8000);
    const out = p.out();
    expect(out).toContain("Shutdown signal received");
    expect(out).toContain("shutdown handler ran");
    expect(out.indexOf("after")).toBeGreaterThan(out.indexOf("shutdown handler ran"));
  });

  test("a request that arrives during the drain gets 503 + Connection: close", async () => {
    const p = await start({ FIX_SLOW_MS: "2000" });
    const slow = fetch(`http://127.0.0.1:${p.port}/slow`);
    // A request whose headers are half sent keeps its connection open through the drain (Bun
    // closes idle keep-alive connections at once), so finishing it afterwards reaches the gate.
    const { connect } = await import("node:net");
    const sock = connect(p.port, "127.0.0.1");
    let got = "";
    let closed = false;
    sock.on("data", (d) => (got += d.toString()));
    sock.on("close", () => (closed = true));
    await new Promise((r) => sock.on("connect", r));
    sock.write("GET / HTTP/1.1\r\nHost: x\r\n");
    expect(await slowStarted(p, 1)).toBe(true);
    await Bun.sleep(300);
    p.proc.kill("SIGTERM");
    expect(await waitFor(() => p.out().includes("Shutdown signal received"), 3000)).toBe(true);
    sock.write("\r\n");
    expect(await waitFor(() => closed, 3000)).toBe(true);
    expect(rawStatus(got)).toBe(503);
    expect(got.toLowerCase()).toContain("\r\nconnection: close\r\n");
    expect(got).toEndWith("\r\n\r\nService Unavailable: shutting down");
    expect((await slow).status).toBe(200);
    expect(await p.proc.exited).toBe(0);
  });

  test("the drain limit (NTNT_SHUTDOWN_TIMEOUT) stops waiting for stuck requests", async () => {
    const p = await start({ FIX_SLOW_MS: "10000", NTNT_SHUTDOWN_TIMEOUT: "1", NTNT_TIMEOUT: "60" });
    const stuck = fetch(`http://127.0.0.1:${p.port}/slow`).catch(() => null);
    expect(await slowStarted(p, 1)).toBe(true);
    const t0 = performance.now();
    p.proc.kill("SIGTERM");
    expect(await p.proc.exited).toBe(0);
    // It waits the full second for the stuck request, and not much longer (2x would be 2 s).
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(1800);
    await stuck;
  });

  test("a second signal during the drain exits at once with 143", async () => {
    const p = await start({ FIX_SLOW_MS: "10000", NTNT_TIMEOUT: "60" });
    const stuck = fetch(`http://127.0.0.1:${p.port}/slow`).catch(() => null);
    expect(await slowStarted(p, 1)).toBe(true);
    p.proc.kill("SIGTERM");
    expect(await waitFor(() => p.out().includes("Shutdown signal received"), 20_000)).toBe(true);
    p.proc.kill("SIGTERM");
    expect(await p.proc.exited).toBe(143);
    await stuck;
  });

  test("SIGINT shuts down the same way", async () => {
    const p = await start({});
    p.proc.kill("SIGINT");
    expect(await p.proc.exited).toBe(0);
    expect(p.out()).toContain("after");
  });
});

describe("binding", () => {
  test("no routes → exit 1 with the reference message", async () => {
    const p = await start({ FIX_MODE: "empty" }, false);
    expect(await p.proc.exited).toBe(1);
    expect(p.err()).toContain("No routes or static directories registered");
  });
  test("port already bound → exit 1 with a clear message", async () => {
    const blocker = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("busy") });
    try {
      const p = await start({ NTNT_LISTEN_PORT: String(blocker.port) }, false);
      expect(await p.proc.exited).toBe(1);
      expect(p.err()).toContain(`cannot listen on 127.0.0.1:${blocker.port}`);
    } finally {
      blocker.stop(true);
    }
  });
  test("NTNT_LISTEN_PORT overrides listen()", async () => {
    const port = await freePort();
    const p = await start({ NTNT_LISTEN_PORT: String(port), FIX_PORT: "8080" });
    expect(p.port).toBe(port);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
    p.proc.kill("SIGTERM");
    expect(await p.proc.exited).toBe(0);
  });
  test("production banner says hot reload is disabled, on stderr (stdout is for the JSON logs)", async () => {
    const p = await start({ NTNT_ENV: "production" });
    expect(p.err()).toContain("Running in production mode (hot-reload disabled)");
    expect(p.err()).toContain("Hot-reload: disabled");
    expect(p.out()).not.toContain("Server running");
    p.proc.kill("SIGTERM");
    await p.proc.exited;
  });
});

describe("workers (--workers N)", () => {
  test("N processes share the port, a dead one is restarted, SIGTERM stops all", async () => {
    const port = await freePort();
    const p = await start({ FIX_WORKERS: "2", NTNT_LISTEN_PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    const pids = new Set<string>();
    // The second worker may still be starting when the first prints the banner.
    await waitFor(async () => {
      try {
        pids.add(await (await fetch(`${base}/pid`, { headers: { connection: "close" } })).text());
      } catch {
        // a worker between restarts
      }
      return pids.size >= 2;
    }, 8000);
    expect(pids.size).toBe(2);
    const victim = Number([...pids][0]);
    process.kill(victim, "SIGKILL");
    const restarted = await waitFor(async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        try {
          seen.add(await (await fetch(`${base}/pid`, { headers: { connection: "close" } })).text());
        } catch {
          // a connection may hit the dying worker
        }
      }
      return seen.size === 2 && !seen.has(String(victim));
    }, 8000);
    expect(restarted).toBe(true);
    p.proc.kill("SIGTERM");
    expect(await p.proc.exited).toBe(0);
    const refused = await fetch(`${base}/`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
  }, 20000);
});
