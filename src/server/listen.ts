/**
 * `listen(port)` (spec §12): validates, binds, prints the banner, enables hot reload and
 * blocks (asynchronously) until the server has shut down. During a hot reload the program
 * re-runs and `listen()` is a no-op; under `ntnt test` a test driver takes over once bound.
 */

import { runtimeError, typeError } from "../runtime/errors";
import { flushStdout, writeStdout } from "../runtime/stdout";
import type { NativeContext, Value } from "../runtime/values";
import { config } from "./config";
import { setEntryDir, setScriptDir } from "./invoke";
import { dirname, resolve } from "node:path";
import { existsSync, statSync } from "node:fs";
import { current } from "./route-registry";
import { startServer, type Running } from "./server";
import { enableHotReload, isReloading } from "./hot-reload";
import { LISTENING_MESSAGE } from "./workers";

/** Replaces the normal serving when `ntnt test` runs the program. */
export type ListenDriver = (running: Running) => Promise<void>;

let driver: { port: number; run: ListenDriver } | null = null;
let entryFile: string | null = null;
let running: Running | null = null;

/** Tell the server which file is the program's entry (for hot reload and relative paths). */
export function setEntryFile(file: string): void {
  entryFile = file;
  setEntryDir(dirname(file));
}

/** Run the next listen() under a test driver on 127.0.0.1:`port` instead of serving forever. */
export function setListenDriver(port: number, run: ListenDriver | null): void {
  driver = run ? { port, run } : null;
}

let listenDisabled = false;

/** Make listen() return at once without serving (`call:` terms of `ntnt intent check` load programs in-process). */
export function setListenDisabled(disabled: boolean): void {
  listenDisabled = disabled;
}

/** The server started by listen(), if any. */
export function runningServer(): Running | null {
  return running;
}

/** The listen() builtin. */
export async function listen(port: Value, ctx: NativeContext): Promise<Value> {
  if (typeof port !== "number" && typeof port !== "bigint") throw typeError("listen() requires an integer port");
  const p = Number(port);
  if (!(p >= 0 && p <= 65535)) throw runtimeError(`listen() port must be between 1 and 65535, got ${p}`);
  if (listenDisabled) return undefined;
  if (isReloading()) {
    if (running && p !== running.port && config().portOverride === null) writeStdout(`[hot-reload] listen(${p}) ignored: keeping port ${running.port}\n`);
    return undefined;
  }
  const reg = current();
  if (reg.empty) throw runtimeError("No routes or static directories registered. Use get(), post(), serve_static(), etc. before calling listen()");
  setScriptDir(ctx.scriptDir);
  await cooperate();
  const c = config();
  const testing = driver;
  const host = testing ? "127.0.0.1" : c.host;
  const bindPort = testing ? testing.port : (c.portOverride ?? p);
  const worker = process.env.NTNT_WORKER;
  try {
    // The first worker makes sure no other program holds the port: SO_REUSEPORT would share it silently.
    if (process.env.NTNT_WORKER_PROBE === "1") assertPortFree(host, bindPort);
    running = startServer(reg, { port: bindPort, host, reusePort: worker !== undefined, signals: !testing });
  } catch (e) {
    flushStdout();
    process.stderr.write(`error: cannot listen on ${host}:${bindPort}: ${bindError(e)}\n`);
    process.exit(1);
  }
  if (worker !== undefined) process.send?.(LISTENING_MESSAGE);
  entryFile ??= guessEntry(ctx.scriptDir);
  const hot = c.hotReload && entryFile !== null;
  if (hot) enableHotReload(entryFile!, running);
  if (testing) {
    await testing.run(running);
    await running.shutdown();
  } else {
    banner(running.port, host, reg.routes.length, reg.statics.length, hot);
    await running.stopped;
  }
  running = null;
  return undefined;
}

/** Bind `host:port` without SO_REUSEPORT for a moment; throws EADDRINUSE when anyone holds it. */
function assertPortFree(host: string, port: number): void {
  Bun.serve({ port, hostname: host, reusePort: false, fetch: () => new Response(null) }).stop(true);
}

/** The reason a bind failed, "address in use" first when that is it. */
function bindError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err?.code === "EADDRINUSE" ? "address in use" : (err?.message ?? String(e));
}

/** The program file from the command line, when the engine did not call setEntryFile. */
function guessEntry(scriptDir: string): string | null {
  for (const a of process.argv.slice(2)) {
    const p = resolve(a);
    if (dirname(p) === scriptDir && existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

/** Ask the engine to let long-running async code yield so other requests get their turn (§13.1). */
async function cooperate(): Promise<void> {
  try {
    const engine = (await import("../runtime/engine" as string)) as { setCooperativeYield?: (on: boolean) => void };
    engine.setCooperativeYield?.(true);
  } catch {
    // no engine in this build (server tests drive natives directly)
  }
}

function banner(port: number, host: string, routes: number, statics: number, hot: boolean): void {
  const c = config();
  if (process.env.NTNT_WORKER !== undefined && process.env.NTNT_WORKER !== "0") return;
  let out = "";
  if (c.production) out += "Running in production mode (hot-reload disabled)\n";
  const shown = host === "0.0.0.0" || host === "::" ? `http://localhost:${port}` : `http://${host}:${port}`;
  out += `\n🚀 Server running — visit ${shown}\n   Routes: ${routes}  |  Static: ${statics}  |  Hot-reload: ${hot ? "enabled" : "disabled"}\n\nPress Ctrl+C to stop\n`;
  writeStdout(out);
  flushStdout();
}
