/**
 * Server logging. Access lines (one per request: time, request id, client ip, method, URL,
 * status, body bytes, duration) go into the stdout buffer and are written at most every
 * few milliseconds (or when it fills) — plain text in development, JSON lines in
 * production. Errors go to stderr at once, with the request id and location.
 */

import { writeSync } from "node:fs";
import { jsonQuote } from "../runtime/convert";
import { bufferStdout, flushStdout } from "../runtime/stdout";
import { config } from "./config";
import type { RequestSource } from "./request";
import type { ReplyContext } from "./response";

let timer: ReturnType<typeof setTimeout> | null = null;
const FLUSH_MS = 20;

/** Write out buffered access-log lines now. */
export function flushAccessLog(): void {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  try {
    flushStdout();
  } catch {
    // stdout is unusable (closed, broken): the server keeps serving without its log.
  }
}

/** Buffer one access line; a failing stdout drops the line, never the request. */
function logLine(line: string): void {
  try {
    bufferStdout(line);
  } catch {
    return;
  }
  timer ??= setTimeout(flushAccessLog, FLUSH_MS);
}

function writeAll(fd: number, text: string): void {
  const data = Buffer.from(text, "utf8");
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off, data.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EAGAIN") return; // a closed pipe drops the log rather than the server
    }
  }
}

let isoMs = 0;
let isoText = "";

/** ISO-8601 time, formatted at most once per millisecond. */
function nowIso(): string {
  const t = Date.now();
  if (t !== isoMs) {
    isoMs = t;
    isoText = new Date(t).toISOString();
  }
  return isoText;
}

/** Bytes in a response body as the access log counts them ("-" when unknown). */
function bodyBytes(sent: ReplyContext["sent"]): number | string {
  if (sent === undefined) return "-";
  if (sent === null) return 0;
  if (typeof sent === "number") return sent;
  return typeof sent === "string" ? Buffer.byteLength(sent) : sent.byteLength;
}

/**
 * Record one finished request (http-server.md §13.9): in development
 * `<time> <id> <ip> "<METHOD> <url>" <status> <bytes>B <ms>ms`, in production the same
 * fields (and the path alone) as one JSON object.
 */
export function accessLog(src: RequestSource, method: string, status: number, rc: ReplyContext, startMs: number): void {
  const ms = Math.round((performance.now() - startMs) * 100) / 100;
  const path = src.path;
  const qi = src.qi;
  const url = qi < 0 ? path : path + src.request.url.slice(qi);
  const ip = src.client().ip;
  const bytes = bodyBytes(rc.sent);
  if (config().production) {
    // Addresses come out of isIP checks (or are "unknown"): no escaping needed.
    const qpath = jsonQuote(path);
    const qurl = url === path ? qpath : jsonQuote(url);
    logLine(`{"time":"${nowIso()}","level":"info","msg":"request","request_id":${jsonQuote(rc.id)},"ip":"${ip}","method":${jsonQuote(method)},"path":${qpath},"url":${qurl},"status":${status},"bytes":${bytes === "-" ? "null" : bytes},"duration_ms":${ms}}\n`);
  } else {
    logLine(`${nowIso()} ${rc.id} ${ip} "${method} ${url}" ${status} ${bytes}B ${ms}ms\n`);
  }
}

/** An error line on stderr (plain in development, JSON in production). */
export function errorLog(kind: string, message: string, id: string | null, where: string | null): void {
  flushStdout();
  if (config().production) {
    const rec: Record<string, string> = { time: new Date().toISOString(), level: "error", msg: `${kind}: ${message}` };
    if (id) rec.request_id = id;
    if (where) rec.at = where;
    writeAll(2, `${JSON.stringify(rec)}\n`);
  } else {
    writeAll(2, `${kind}: ${message}${id ? ` [req ${id}]` : ""}${where ? ` at ${where}` : ""}\n`);
  }
}

process.on("exit", flushAccessLog);
