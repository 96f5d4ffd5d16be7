/**
 * Server logging. Access lines (one per request: time, request id, client ip, method, URL,
 * status, body bytes, duration) go into the stdout buffer as each request finishes (in order
 * with the program's output) and are written out at most every few milliseconds — plain text
 * in development, JSON lines in production. Errors go to stderr at once, with the request id
 * and location.
 */

import { jsonQuote, toJsonText } from "../runtime/json-value";
import type { Value } from "../runtime/values";
import { bufferStdout, commitStdout, flushStdout, reserveStdout, stdoutBytes, writeFully, writeStdout } from "../runtime/stdout";
import type { RequestSource } from "./request";
import type { ReplyContext } from "./response";
import { type AccessEntry, isoOf, jsonLine, jsonLineBound, jsonLineInto, plainLine } from "./access-line";
import type { ServerContext } from "./context";

const FLUSH_MS = 20;
/** The pending write-out of buffered lines: one for the process, because they go to its one stdout. */
let flushTimer: ReturnType<typeof setTimeout> | null = null;
/** The wall clock (epoch ms) and `performance.now()` read together when the current batch began. */
let batchWall = 0;
let batchMonotonic = 0;

/** Write out buffered access-log lines now. */
export function flushAccessLog(): void {
  if (flushTimer) {
    clearTimeout(flushTimer);
    flushTimer = null;
  }
  try {
    flushStdout();
  } catch {
    // stdout is unusable (closed, broken): the server keeps serving without its log.
  }
}

/**
 * Epoch ms of monotonic time `now` (performance.now) for a line going into the stdout buffer,
 * and the batch's write-out timer started if none is pending. The wall clock is read once per
 * batch (at most every FLUSH_MS while busy); later lines of the batch add the monotonic time since.
 */
function batchClock(now: number): number {
  if (flushTimer === null) {
    batchWall = Date.now();
    batchMonotonic = now;
    flushTimer = setTimeout(flushAccessLog, FLUSH_MS);
  }
  return batchWall + Math.floor(now - batchMonotonic);
}

/** Write one line to stderr; a failing stderr drops the line, never the request. */
function writeStderr(text: string): void {
  try {
    writeFully(2, Buffer.from(text, "utf8"));
  } catch {
    // stderr is unusable (closed, broken): nothing more can be said.
  }
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
  const now = performance.now();
  const ms = Math.round((now - startMs) * 100) / 100;
  const e: AccessEntry = { at: batchClock(now), id: rc.id, ip: src.ip, method, path: src.path, url: src.url, status, bytes: bodyBytes(rc.sent), ms };
  try {
    if (!rc.server.config.production) bufferStdout(plainLine(e));
    else {
      const start = reserveStdout(jsonLineBound(e));
      const end = start < 0 ? -1 : jsonLineInto(e, stdoutBytes, start);
      if (end < 0) bufferStdout(jsonLine(e));
      else commitStdout(end);
    }
  } catch {
    // stdout is unusable (closed, broken): the line is dropped, the server keeps serving.
  }
}

/** An error line of `server` on stderr (plain in development, JSON in production). */
export function errorLog(server: ServerContext, kind: string, message: string, id: string | null, where: string | null): void {
  flushStdout();
  if (server.config.production) {
    const rec: Record<string, string> = { time: new Date().toISOString(), level: "error", msg: `${kind}: ${message}` };
    if (id) rec.request_id = id;
    if (where) rec.at = where;
    writeStderr(`${JSON.stringify(rec)}\n`);
  } else {
    writeStderr(`${kind}: ${message}${id ? ` [req ${id}]` : ""}${where ? ` at ${where}` : ""}\n`);
  }
}

/**
 * A line of server chatter (banner, route listing, shutdown notes): stdout in development,
 * stderr in production, where stdout holds only the JSON lines of the logs.
 */
export function serverNote(sc: ServerContext, text: string): void {
  if (sc.config.production) {
    flushStdout();
    writeStderr(text);
  } else writeStdout(text);
}

/** Severity of an app log line (std/log). */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * One app log line (std/log): in production a JSON object on stdout, in order with the
 * access log (`time`, `level`, `msg`, `request_id`, then the fields); in development
 * `LEVEL message key=value … [req id]` on stderr.
 */
export function appLog(sc: ServerContext, level: LogLevel, message: string, fields: Array<[string, Value]>, id: string | null): void {
  if (sc.config.production) {
    let line = `{"time":"${isoOf(batchClock(performance.now()))}","level":"${level}","msg":${jsonQuote(message)}`;
    if (id) line += `,"request_id":${jsonQuote(id)}`;
    for (const [k, v] of fields) line += `,${jsonQuote(k)}:${toJsonText(v)}`;
    bufferStdout(`${line}}\n`);
    return;
  }
  flushStdout();
  let line = `${level.toUpperCase()} ${message}`;
  for (const [k, v] of fields) line += ` ${k}=${typeof v === "string" && !/[\s"]/.test(v) ? v : toJsonText(v)}`;
  writeStderr(`${line}${id ? ` [req ${id}]` : ""}\n`);
}

process.on("exit", flushAccessLog);
