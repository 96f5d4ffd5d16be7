/**
 * Test harness: run an NTNT program with `./ntnt run` as a real server on 127.0.0.1.
 *
 * The port is a free ephemeral one passed as NTNT_LISTEN_PORT (which overrides the program's
 * `listen(…)` argument). Start-up waits for the banner, bounded in time; a port lost to a
 * race is retried with another one. Hot reload and the access log are off.
 */

import type { Subprocess } from "bun";
import { join } from "node:path";

const LAUNCHER = join(import.meta.dir, "..", "..", "ntnt");

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  /** Everything the program printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. Resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface StartOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** How long to wait for the banner (default 20 s). */
  startupMs?: number;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const port = s.port!;
  await s.stop(true);
  return port;
}

async function collect(stream: ReadableStream<Uint8Array>, sink: (s: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) sink(decoder.decode(chunk, { stream: true }));
}

async function stopProcess(proc: Subprocess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
  proc.kill("SIGTERM");
  const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(5000).then(() => false)]);
  if (!exited) {
    proc.kill("SIGKILL");
    await proc.exited;
  }
  return proc.exitCode;
}

async function attempt(file: string, opts: StartOptions): Promise<RunningApp | "port-taken"> {
  const port = await freePort();
  let out = "";
  const proc = Bun.spawn([LAUNCHER, "run", file], {
    cwd: opts.cwd,
    env: {
      ...process.env,
      NTNT_LISTEN_PORT: String(port),
      NTNT_HOST: "127.0.0.1",
      NTNT_HOT_RELOAD: "0",
      NTNT_ACCESS_LOG: "0",
      NO_COLOR: "1",
      ...opts.env,
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const sink = (s: string) => (out += s);
  void collect(proc.stdout, sink);
  void collect(proc.stderr, sink);
  const deadline = Date.now() + (opts.startupMs ?? 20_000);
  while (Date.now() < deadline) {
    if (out.includes("Server running")) {
      return { base: `http://127.0.0.1:${port}`, port, output: () => out, stop: () => stopProcess(proc) };
    }
    if (proc.exitCode !== null || proc.signalCode !== null) {
      if (out.includes("cannot listen on")) return "port-taken";
      throw new Error(`${file} exited with ${proc.exitCode ?? proc.signalCode} before listening:\n${out}`);
    }
    await Bun.sleep(25);
  }
  await stopProcess(proc);
  throw new Error(`${file} did not start listening within ${opts.startupMs ?? 20_000} ms:\n${out}`);
}

/** Start `./ntnt run FILE`; callers must `await app.stop()` (e.g. in afterAll). */
export async function startApp(file: string, opts: StartOptions = {}): Promise<RunningApp> {
  for (let i = 0; i < 3; i++) {
    const r = await attempt(file, opts);
    if (r !== "port-taken") return r;
  }
  throw new Error(`${file}: no free port after 3 attempts`);
}
