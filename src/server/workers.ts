/**
 * `ntnt run --workers N` (N > 1): a supervisor process starts N copies of the program that
 * share the port (SO_REUSEPORT), restarts any that dies unexpectedly and on SIGTERM/SIGINT
 * forwards the signal and waits for all of them. Module-level state is per worker.
 *
 * Worker 0 starts alone and first checks that nobody else holds the port (a plain listener
 * or another `--workers` group would otherwise share it silently); the others start once it
 * reports that it listens. A worker that dies before it listens stops the whole group with
 * exit 1 (its error is already on stderr), as does a restarted worker that keeps failing
 * to start.
 */

import type { Subprocess } from "bun";
import { writeStdout, flushStdout } from "../runtime/stdout";

/** How to start the worker processes. */
export interface WorkerOptions {
  workers: number;
  /** Arguments that make a child run the program (`[bun, cli.ts, "run", file, …]`). */
  argv: string[];
}

/** What a worker sends its supervisor once it listens. */
export const LISTENING_MESSAGE = "ntnt:listening";

/** Start-up failures in a row of a restarted worker before the group gives up. */
const MAX_FAILED_RESTARTS = 3;

/** Supervise the workers; resolves to the exit code once all have stopped. */
export async function superviseWorkers(opts: WorkerOptions): Promise<number> {
  const procs: Array<Subprocess | null> = new Array(opts.workers).fill(null);
  const listening: boolean[] = new Array(opts.workers).fill(false);
  const failedStarts: number[] = new Array(opts.workers).fill(0);
  let everListened = false;
  let stopping = false;
  let exitCode = 0;
  let signals = 0;
  const restarts: number[] = [];
  let remaining = opts.workers;
  let resolveAll!: () => void;
  const allDone = new Promise<void>((r) => (resolveAll = r));

  const stopAll = (sig: NodeJS.Signals) => {
    stopping = true;
    remaining = procs.filter((p) => p !== null).length;
    if (remaining === 0) resolveAll();
    for (const p of procs) p?.kill(sig);
  };

  const spawn = (i: number) => {
    listening[i] = false;
    const p = Bun.spawn(opts.argv, {
      // Only the group's very first worker checks the port: later ones share it with their siblings.
      env: { ...process.env, NTNT_WORKER: String(i), NTNT_WORKER_PROBE: everListened ? "0" : "1" },
      stdio: ["inherit", "inherit", "inherit"],
      ipc(message) {
        if (message !== LISTENING_MESSAGE || listening[i]) return;
        listening[i] = true;
        failedStarts[i] = 0;
        if (!everListened) {
          everListened = true;
          for (let j = 1; j < opts.workers; j++) spawn(j);
        }
      },
      onExit(_proc, code, signal) {
        procs[i] = null;
        if (stopping) {
          if (--remaining === 0) resolveAll();
          return;
        }
        if (!listening[i] && (!everListened || ++failedStarts[i]! >= MAX_FAILED_RESTARTS)) {
          process.stderr.write(`[workers] worker ${i} failed to start (${signal ?? `code ${code}`}); stopping\n`);
          exitCode = 1;
          stopAll("SIGTERM");
          return;
        }
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && now - restarts[0]! > 10_000) restarts.shift();
        process.stderr.write(`[workers] worker ${i} exited (${signal ?? `code ${code}`}); restarting\n`);
        // A crash loop backs off instead of spinning.
        setTimeout(() => !stopping && spawn(i), restarts.length > 5 ? 1000 : 50);
      },
    });
    procs[i] = p;
  };
  spawn(0);
  writeStdout(`[workers] starting ${opts.workers} workers (pid ${process.pid} supervising)\n`);
  flushStdout();

  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      for (const p of procs) p?.kill("SIGKILL");
      process.exit(sig === "SIGINT" ? 130 : 143);
    }
    stopAll(sig);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  await allDone;
  process.off("SIGTERM", onSignal);
  process.off("SIGINT", onSignal);
  return exitCode;
}
