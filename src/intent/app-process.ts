/**
 * The app under check (cli.md §6 steps 2, 3, 5 [REC]): `ntnt run <program>` started with the same
 * executable (the source launcher or the single binary) and `NTNT_LISTEN_PORT`, ready once its
 * port accepts connections (polled, ≤ 10 s), its output kept for the report when it does not
 * come up, stopped with SIGTERM and killed after 2 s.
 */

import type { Subprocess } from "bun";
import { connect } from "node:net";
import { resolve } from "node:path";

export interface AppProcess {
  port: number;
  /** Everything the app printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** SIGTERM, then SIGKILL after 2 s. */
  stop(): Promise<void>;
}

export interface StartAppOptions {
  program: string;
  port: number;
  /** How long to wait for the port (default 10 s). */
  readyTimeoutMs?: number;
  /** Extra environment. */
  env?: Record<string, string>;
}

/** The app did not come up: why, and what it printed. */
export class AppStartError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** How long a stopping app gets after SIGTERM before it is killed. */
const STOP_GRACE_MS = 2000;
const POLL_MS = 50;

/** Is something accepting connections on 127.0.0.1:port? */
export function portOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => {
      socket.destroy();
      done(false);
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not exited within the grace period. */
export async function terminate(proc: Subprocess): Promise<void> {
  proc.kill("SIGTERM");
  const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(STOP_GRACE_MS).then(() => false)]);
  if (!exited) {
    proc.kill("SIGKILL");
    await proc.exited;
  }
}

/**
 * The command that runs this same CLI: `[bun, …flags, src/cli.ts]` from source (Bun's own flags
 * such as --no-env-file kept), `[dist/ntnt, <embedded entry>]` when compiled.
 */
export function selfCommand(): string[] {
  return [process.execPath, ...process.execArgv, process.argv[1]!];
}

async function collect(stream: ReadableStream<Uint8Array>, sink: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) sink(decoder.decode(chunk, { stream: true }));
}

/** Start the program and wait until it listens; throws AppStartError with its output otherwise. */
export async function startApp(opts: StartAppOptions): Promise<AppProcess> {
  if (await portOpen(opts.port)) throw new AppStartError(`Port ${opts.port} is already in use; choose another with --port`, "");
  let out = "";
  const proc: Subprocess<"ignore", "pipe", "pipe"> = Bun.spawn([...selfCommand(), "run", resolve(opts.program)], {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, ...opts.env, NTNT_LISTEN_PORT: String(opts.port) },
  });
  const drained = Promise.all([collect(proc.stdout, (t) => (out += t)), collect(proc.stderr, (t) => (out += t))]);
  const app: AppProcess = {
    port: opts.port,
    output: () => out,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      await terminate(proc);
      await Promise.race([drained, Bun.sleep(200)]);
    },
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      await Promise.race([drained, Bun.sleep(500)]);
      throw new AppStartError(`The app exited before it was ready (exit code ${proc.exitCode ?? proc.signalCode})`, out);
    }
    if (await portOpen(opts.port)) return app;
    await Bun.sleep(POLL_MS);
  }
  await app.stop();
  throw new AppStartError(`The app did not listen on port ${opts.port} within ${Math.round((opts.readyTimeoutMs ?? 10_000) / 1000)} s`, out);
}
