/**
 * `ntnt test FILE --get P …` (cli.md §4.2): run the program with the normal server bound to
 * 127.0.0.1, send the listed requests in order once it is listening (redirects reported, not
 * followed; cookies kept between requests), print each response, stop.
 */

import { parseJsonText, toJsonText } from "../runtime/json-value";
import { flushStdout, writeStdout } from "../runtime/stdout";
import { serveOptions } from "./serve-options";
import { newProgramLoad } from "../runtime/rt";
import type { ProgramLoad } from "../runtime/program-load";
import { programContext } from "./context";
import type { Running } from "./server";
import { dirname, resolve } from "node:path";

/** One request of `ntnt test`. */
export interface TestRequest {
  method: string;
  path: string;
  /** The status it must answer; unset: any 200–399 passes. */
  expect?: number;
}

/** The `ntnt test` flags. */
export interface TestModeOptions {
  requests: TestRequest[];
  body?: string;
  port?: number;
  verbose?: boolean;
  /** `-H` headers sent with every request. */
  headers?: Array<[string, string]>;
  /** `--cookie` values the jar starts with. */
  cookies?: Array<[string, string]>;
}

/** What one request got back. */
interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

/** Loads and runs a program: the engine's loadProgram, or a stand-in in tests. */
export type Runner = (file: string, load: ProgramLoad) => Promise<unknown>;

function prettyBody(text: string): string {
  try {
    return toJsonText(parseJsonText(text), true);
  } catch {
    return text;
  }
}

/** Cookies kept across the requests of one run: `--cookie` values, then whatever the app sets. */
class CookieJar {
  private readonly jar = new Map<string, string>();

  constructor(initial: Array<[string, string]>) {
    for (const [k, v] of initial) this.jar.set(k, v);
  }

  header(): string | null {
    return this.jar.size === 0 ? null : [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Store `set-cookie` lines; Max-Age ≤ 0 or an Expires in the past deletes the cookie. */
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const gone = attrs.some((a) => {
        const [k, v = ""] = a.split("=", 2).map((x) => x.trim());
        const key = k!.toLowerCase();
        return (key === "max-age" && Number(v) <= 0) || (key === "expires" && Date.parse(v) <= Date.now());
      });
      if (gone) this.jar.delete(name);
      else this.jar.set(name, pair!.slice(eq + 1).trim());
    }
  }
}

/** Send one request; redirects are reported, not followed. Up to 10 connection attempts. */
async function send(base: string, req: TestRequest, opts: TestModeOptions, jar: CookieJar): Promise<Reply | null> {
  const body = opts.body;
  const withBody = body !== undefined && (req.method === "POST" || req.method === "PUT" || req.method === "PATCH");
  const headers = new Headers({ connection: "close" });
  if (withBody) headers.set("content-type", "application/json");
  for (const [k, v] of opts.headers ?? []) headers.set(k, v);
  const cookie = jar.header();
  if (cookie !== null) headers.set("cookie", cookie);
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const r = await fetch(base + req.path, {
        method: req.method,
        headers,
        body: withBody ? body : undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      const reply = { status: r.status, headers: r.headers, text: await r.text() };
      jar.take(r.headers);
      return reply;
    } catch {
      await Bun.sleep(100);
    }
  }
  return null;
}

/** `-v`: one `name: value` line per response header (each `set-cookie` on its own line). */
function headerLines(h: Headers): string {
  let out = "";
  h.forEach((v, k) => {
    if (k !== "set-cookie") out += `${k}: ${v}\n`;
  });
  for (const c of h.getSetCookie()) out += `set-cookie: ${c}\n`;
  return out;
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
  const jar = new CookieJar(opts.cookies ?? []);
  for (const req of opts.requests) {
    i++;
    const path = req.path.startsWith("/") ? req.path : `/${req.path}`;
    const r = await send(base, { ...req, path }, opts, jar);
    let out = `\n[REQUEST ${i}] ${req.method} ${path}\n`;
    if (!r) {
      failed++;
      out += "[RESPONSE] FAILED (Connection Error)\nConnection failed\n";
    } else {
      const ok = req.expect === undefined ? r.status >= 200 && r.status <= 399 : r.status === req.expect;
      if (!ok) failed++;
      if (opts.verbose) out += `[STATUS] ${r.status}\n${headerLines(r.headers)}`;
      const verdict = ok ? "OK" : req.expect === undefined ? "ERROR" : `ERROR, expected ${req.expect}`;
      out += `[RESPONSE] ${r.status} (${verdict})\n${prettyBody(r.text)}\n`;
    }
    writeStdout(out);
  }
  writeStdout(`\n=== ${opts.requests.length} requests, ${opts.requests.length - failed} passed, ${failed} failed ===\n`);
  flushStdout();
  return failed;
}

/** The `ntnt test` command: resolves to the process exit code. */
export async function runTestMode(file: string, opts: TestModeOptions, run: Runner): Promise<number> {
  if (opts.requests.length === 0) {
    process.stderr.write("Error: No requests specified. Use --get, --post, --put, --patch or --delete to specify requests.\n");
    return 1;
  }
  const cfg = serveOptions({}, process.env);
  const abs = resolve(file);
  const load = newProgramLoad(dirname(abs));
  const sc = programContext(load);
  sc.config = { ...cfg, accessLog: false, hotReload: false, host: "127.0.0.1", portOverride: null };
  sc.useEntryFile(abs);
  writeStdout("=== NTNT HTTP Test Mode ===\n\n");
  let failed = -1;
  sc.listenDriver = {
    port: opts.port ?? 18080,
    run: async (running: Running) => {
      failed = await driveRequests(running, opts);
    },
  };
  try {
    await run(abs, load);
  } catch (e) {
    flushStdout();
    process.stderr.write(`${sc.hooks.formatError(e)}\n`);
    return 1;
  } finally {
    sc.listenDriver = null;
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
