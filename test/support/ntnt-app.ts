/**
 * Test harness: run an NTNT program with `./ntnt run` as a real server on 127.0.0.1
 * (compiler + server end to end).
 *
 * The server binds a port of the system's choosing (NTNT_LISTEN_PORT=0, which overrides the
 * program's `listen(…)` argument) and the harness reads it from the banner: nothing picks a port
 * first and races other processes for it. Worker groups (`--workers`, NTNT_WORKERS) need one
 * port for all their workers, so they get a free port picked outside the system's ephemeral
 * range, retried when lost anyway. Start-up waits for the banner, bounded in time. The access
 * log is off, and hot reload too unless asked for.
 */

import type { Subprocess } from "bun";
import { afterAll } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { track } from "./children";

const LAUNCHER = join(import.meta.dir, "..", "..", "ntnt");

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  /** Everything the program printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** What it printed so far on stdout only. */
  stdout(): string;
  /** What it printed so far on stderr only. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. Resolves with the exit code (null: killed by a signal). */
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** Added to the environment (after the harness's own settings, so they can be overridden). */
  env?: Record<string, string>;
  cwd?: string;
  /** Options for `ntnt run` before FILE, e.g. `["--timeout", "1"]`. */
  args?: string[];
  /** Leave hot reload as `ntnt run` has it by default (on outside production); default false: NTNT_HOT_RELOAD=0. */
  hotReload?: boolean;
  /** How long to wait for the banner (default 20 s). */
  startupMs?: number;
}

/** The system's ephemeral port range (bind(0) and outgoing connections take their ports from it). */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux: the IANA range
  }
  return [49152, 65535];
}

/**
 * A port nobody listens on right now, for a process that must be told its port before it starts.
 * Picked at random below the ephemeral range, so no bind(0) or outgoing connection of any process
 * on the machine can take it before the caller's process binds it.
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralRange();
  const floor = Math.max(1024, low - 16_384);
  for (let tries = 0; tries < 100; tries++) {
    const port = floor + Math.floor(Math.random() * (low - floor));
    try {
      const s = Bun.serve({ port, hostname: "127.0.0.1", reusePort: false, fetch: () => new Response("") });
      await s.stop(true);
      return port;
    } catch {
      // held by someone: another pick
    }
  }
  throw new Error(`no free port in ${floor}–${low - 1} after 100 picks`);
}

/** A fresh temp directory holding `files` (relative path → content). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-app-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** The port the 🚀 banner names ("Server running — visit http://127.0.0.1:PORT"), once printed. */
function bannerPort(out: string): number | null {
  const m = /Server running — visit http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
  return m ? Number(m[1]) : null;
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

/** Whether the run starts a group of workers, which share one port given to them in advance. */
function startsWorkers(opts: StartOptions): boolean {
  return (opts.args ?? []).includes("--workers") || Number(opts.env?.NTNT_WORKERS ?? 1) > 1;
}

async function attempt(file: string, opts: StartOptions): Promise<RunningApp | "port-taken"> {
  const given = startsWorkers(opts) ? await freePort() : 0;
  let out = "";
  let stdout = "";
  let stderr = "";
  const proc = track(
    Bun.spawn([LAUNCHER, "run", ...(opts.args ?? []), file], {
      cwd: opts.cwd,
      env: {
        ...process.env,
        NTNT_LISTEN_PORT: String(given),
        NTNT_HOST: "127.0.0.1",
        ...(opts.hotReload ? {} : { NTNT_HOT_RELOAD: "0" }),
        NTNT_ACCESS_LOG: "0",
        NO_COLOR: "1",
        ...opts.env,
      },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    }),
  );
  void collect(proc.stdout, (s) => ((out += s), (stdout += s)));
  void collect(proc.stderr, (s) => ((out += s), (stderr += s)));
  const deadline = Date.now() + (opts.startupMs ?? 20_000);
  while (Date.now() < deadline) {
    // Production writes the banner to stderr, development to stdout.
    const port = bannerPort(out);
    if (port !== null) {
      return {
        base: `http://127.0.0.1:${port}`,
        port,
        proc,
        output: () => out,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: () => stopProcess(proc),
      };
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

/** Start `./ntnt run [ARGS…] FILE`; callers must `await app.stop()` (e.g. in afterAll or finally). */
export async function startApp(file: string, opts: StartOptions = {}): Promise<RunningApp> {
  for (let i = 0; i < 3; i++) {
    const r = await attempt(file, opts);
    if (r !== "port-taken") return r;
  }
  throw new Error(`${file}: no free port after 3 attempts`);
}

/**
 * A `serve(files, env)` for one test file: each call writes a project with `app.tnt` and starts
 * it; every app is stopped and every project removed after the file's tests.
 */
export function projectServer(): (files: Record<string, string>, env?: Record<string, string>) => Promise<RunningApp> {
  const dirs: string[] = [];
  const apps: RunningApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return async (files, env = {}) => {
    const dir = project(files);
    dirs.push(dir);
    const app = await startApp(join(dir, "app.tnt"), { env });
    apps.push(app);
    return app;
  };
}
