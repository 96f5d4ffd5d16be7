/**
 * `ntnt test FILE --get P …` (cli.md §4.2): run the program with the normal server bound to
 * 127.0.0.1, send the listed requests once it is listening, print each response, stop.
 */

import { parseJsonText, toJsonText } from "../runtime/json-value";
import { flushStdout, writeStdout } from "../runtime/stdout";
import { serveOptions } from "./serve-options";
import { setConfig } from "./config";
import { setEntryFile, setListenDriver } from "./listen";
import type { Running } from "./server";
import { resolve } from "node:path";

/** One request of `ntnt test`. */
export interface TestRequest {
  method: string;
  path: string;
}

/** The `ntnt test` flags. */
export interface TestModeOptions {
  requests: TestRequest[];
  body?: string;
  port?: number;
  verbose?: boolean;
}

/** Loads and runs a program (the engine's loadProgram); injectable for tests. */
export type Runner = (file: string) => Promise<unknown>;

function prettyBody(text: string): string {
  try {
    return toJsonText(parseJsonText(text), true);
  } catch {
    return text;
  }
}

async function send(base: string, req: TestRequest, body: string | undefined): Promise<{ status: number; text: string } | null> {
  const withBody = body !== undefined && (req.method === "POST" || req.method === "PUT");
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const r = await fetch(base + req.path, {
        method: req.method,
        headers: withBody ? { "content-type": "application/json", connection: "close" } : { connection: "close" },
        body: withBody ? body : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      return { status: r.status, text: await r.text() };
    } catch {
      await Bun.sleep(100);
    }
  }
  return null;
}

/** Drive the requests against a running server; returns the number that failed. */
export async function driveRequests(running: Running, opts: TestModeOptions): Promise<number> {
  const reg = running.registry();
  let head = `Starting test server on http://127.0.0.1:${running.port}\nRoutes registered: ${reg.routes.length}\n`;
  if (reg.statics.length > 0) head += `Static directories: ${reg.statics.length}\n`;
  if (reg.middleware.length > 0) head += `Middleware: ${reg.middleware.length}\n`;
  head += "\n🔥 Hot-reload enabled: edit your .tnt file and changes apply on next request\n\n";
  writeStdout(head);
  const base = `http://127.0.0.1:${running.port}`;
  let failed = 0;
  let i = 0;
  for (const req of opts.requests) {
    i++;
    const path = req.path.startsWith("/") ? req.path : `/${req.path}`;
    const r = await send(base, { method: req.method, path }, opts.body);
    let out = `\n[REQUEST ${i}] ${req.method} ${path}\n`;
    if (!r) {
      failed++;
      out += "[RESPONSE] FAILED (Connection Error)\nConnection failed\n";
    } else {
      const ok = r.status >= 200 && r.status <= 399;
      if (!ok) failed++;
      if (opts.verbose) out += `[STATUS] ${r.status}\n`;
      out += `[RESPONSE] ${r.status} (${ok ? "OK" : "ERROR"})\n${prettyBody(r.text)}\n`;
    }
    writeStdout(out);
  }
  writeStdout(`\n=== ${opts.requests.length} requests, ${opts.requests.length - failed} passed, ${failed} failed ===\n`);
  flushStdout();
  return failed;
}

/** The `ntnt test` command: resolves to the process exit code. */
export async function runTestMode(file: string, opts: TestModeOptions, runner?: Runner): Promise<number> {
  if (opts.requests.length === 0) {
    process.stderr.write("Error: No requests specified. Use --get, --post, --put, or --delete to specify requests.\n");
    return 1;
  }
  const cfg = serveOptions({}, process.env);
  setConfig({ ...cfg, accessLog: false, hotReload: false, host: "127.0.0.1", portOverride: null });
  const abs = resolve(file);
  setEntryFile(abs);
  writeStdout("=== NTNT HTTP Test Mode ===\n\n");
  let failed = -1;
  setListenDriver(opts.port ?? 18080, async (running) => {
    failed = await driveRequests(running, opts);
  });
  const run = runner ?? ((await import("../runtime/engine" as string)) as { loadProgram: Runner }).loadProgram;
  try {
    await run(abs);
  } catch (e) {
    flushStdout();
    let text = (e as Error).message;
    try {
      const engine = (await import("../runtime/engine" as string)) as { formatError?: (e: unknown) => string };
      if (engine.formatError) text = engine.formatError(e);
    } catch {
      // engine unavailable: plain message
    }
    process.stderr.write(`${text}\n`);
    return 1;
  } finally {
    setListenDriver(0, null);
  }
  if (failed < 0) {
    flushStdout();
    process.stderr.write("Error: the program did not call listen()\n");
    return 1;
  }
  writeStdout("Server shutdown.\n");
  flushStdout();
  return failed > 0 ? 1 : 0;
}
