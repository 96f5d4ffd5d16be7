/**
 * `listen(port)` (spec §12): validates, binds, prints the banner, enables hot reload and
 * blocks (asynchronously) until the server has shut down. During a hot reload the program
 * re-runs and `listen()` is a no-op; under `ntnt test` a test driver takes over once bound.
 */

import { runtimeError, typeError } from "../runtime/errors";
import { flushStdout, writeStdout } from "../runtime/stdout";
import type { NativeContext, Value } from "../runtime/values";
import { dirname, resolve } from "node:path";
import { existsSync, statSync } from "node:fs";
import { serverNote } from "./log";
import { startServer, type Running } from "./server";
import { enableHotReload } from "./hot-reload";
import { LISTENING_MESSAGE } from "./workers";
import { programContext, type ServerContext } from "./context";

/** The listen() builtin. */
export async function listen(port: Value, ctx: NativeContext): Promise<Value> {
  if (typeof port !== "number" && typeof port !== "bigint") throw typeError("listen() requires an integer port");
  const p = Number(port);
  if (!(p >= 0 && p <= 65535)) throw runtimeError(`listen() port must be between 1 and 65535, got ${p}`);
  const sc = programContext(ctx.load);
  if (sc.listenDisabled) return undefined;
  const running = sc.running;
  if (sc.reloading) {
    if (running && p !== running.port && sc.config.portOverride === null) writeStdout(`[hot-reload] listen(${p}) ignored: keeping port ${running.port}\n`);
    return undefined;
  }
  const reg = sc.registry;
  if (reg.empty) throw runtimeError("No routes or static directories registered. Use get(), post(), serve_static(), etc. before calling listen()");
  // Long-running async code yields to the event loop from now on, so other requests get their turn (§13.1).
  sc.hooks.setCooperativeYield(true);
  const c = sc.config;
  const testing = sc.listenDriver;
  const host = testing ? "127.0.0.1" : c.host;
  const bindPort = testing ? testing.port : (c.portOverride ?? p);
  let started: Running;
  try {
    // The first worker makes sure no other program holds the port: SO_REUSEPORT would share it silently.
    if (sc.probesPort) assertPortFree(host, bindPort);
    started = startServer(sc, reg, { port: bindPort, host, reusePort: sc.worker !== null, signals: !testing });
  } catch (e) {
    flushStdout();
    process.stderr.write(`error: cannot listen on ${host}:${bindPort}: ${bindError(e)}\n`);
    process.exit(1);
  }
  if (sc.worker !== null) process.send?.(LISTENING_MESSAGE);
  sc.running = started;
  sc.entryFile ??= guessEntry(ctx.scriptDir);
  const entry = sc.entryFile;
  const hot = c.hotReload && entry !== null;
  if (hot) enableHotReload(sc, entry, started);
  if (testing) {
    await testing.run(started);
    await started.shutdown();
  } else {
    banner(sc, started.port, host, reg.routes.length, reg.statics.length, hot);
    await started.stopped;
  }
  sc.running = null;
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

/** The program file from the command line, when the engine did not record the entry file. */
function guessEntry(scriptDir: string): string | null {
  for (const a of process.argv.slice(2)) {
    const p = resolve(a);
    if (dirname(p) === scriptDir && existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

function banner(sc: ServerContext, port: number, host: string, routes: number, statics: number, hot: boolean): void {
  const c = sc.config;
  if (sc.secondaryWorker) return;
  let out = "";
  if (c.production) out += "Running in production mode (hot-reload disabled)\n";
  const shown = host === "0.0.0.0" || host === "::" ? `http://localhost:${port}` : `http://${host}:${port}`;
  out += `\n🚀 Server running — visit ${shown}\n   Routes: ${routes}  |  Static: ${statics}  |  Hot-reload: ${hot ? "enabled" : "disabled"}\n\nPress Ctrl+C to stop\n`;
  serverNote(sc, out);
  flushStdout();
}
