/**
 * `ntnt run --workers N` (N > 1): a supervisor process starts N copies of the program that
 * share the port (SO_REUSEPORT), restarts any that dies unexpectedly and on SIGTERM/SIGINT
 * forwards the signal and waits for all of them. Module-level state is per worker.
 */

import type { Subprocess } from "bun";
import { writeStdout, flushStdout } from "../runtime/stdout";

/** How to start the worker processes. */
export interface WorkerOptions {
  workers: number;
  /** Arguments that make a child run the program (`[bun, cli.ts, "run", file, …]`). */
  argv: string[];
}

/** Supervise the workers; resolves to the exit code once all have stopped. */
export async function superviseWorkers(opts: WorkerOptions): Promise<number> {
  const procs: Array<Subprocess | null> = new Array(opts.workers).fill(null);
  let stopping = false;
  let signals = 0;
  const restarts: number[] = [];
  let remaining = opts.workers;
  let resolveAll!: () => void;
  const allDone = new Promise<void>((r) => (resolveAll = r));

  const spawn = (i: number) => {
    const p = Bun.spawn(opts.argv, {
      env: { ...process.env, NTNT_WORKER: String(i) },
      stdio: ["inherit", "inherit", "inherit"],
      onExit(_proc, code, signal) {
        procs[i] = null;
        if (stopping) {
          if (--remaining === 0) resolveAll();
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
  for (let i = 0; i < opts.workers; i++) spawn(i);
  writeStdout(`[workers] started ${opts.workers} workers (pid ${process.pid} supervising)\n`);
  flushStdout();

  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      for (const p of procs) p?.kill("SIGKILL");
      process.exit(sig === "SIGINT" ? 130 : 143);
    }
    stopping = true;
    remaining = procs.filter((p) => p !== null).length;
    if (remaining === 0) resolveAll();
    for (const p of procs) p?.kill(sig);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  await allDone;
  process.off("SIGTERM", onSignal);
  process.off("SIGINT", onSignal);
  return 0;
}
