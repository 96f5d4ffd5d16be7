/**
 * Server logging. Access lines (one per request: time, request id, client ip, method, URL,
 * status, body bytes, duration) are recorded per request and formatted and written in
 * batches at most every few milliseconds — plain text in development, JSON lines in
 * production. Errors go to stderr at once, with the request id and location.
 */

import { jsonQuote, toJsonText } from "../runtime/json-value";
import type { Value } from "../runtime/values";
import { bufferStdout, flushStdout, setStdoutPrelude, writeFully, writeStdout } from "../runtime/stdout";
import type { RequestSource } from "./request";
import type { ReplyContext } from "./response";
import { type AccessEntry, AccessLogQueue } from "./access-log-queue";
import { type ServerContext, serverContext } from "./context";

const FLUSH_MS = 20;
const MAX_PENDING = 2048;
/** Characters of formatted lines handed to the stdout buffer at once: well inside its bytes (UTF-8 takes at most 3 per code unit). */
const CHUNK_CHARS = 16 * 1024;

/** Access lines not yet written: one queue for the process, because they go to its one stdout, in order with the program's output. */
const queue = new AccessLogQueue();

/** Format the waiting entries into the stdout buffer. */
function formatPending(): void {
  if (queue.entries.length === 0) return;
  // Taken first: a full buffer flushes, and flushing comes back here.
  const batch = queue.take();
  try {
    // Lines are joined into chunks the stdout buffer takes whole: one native copy per chunk, not per line.
    let chunk: string[] = [];
    let size = 0;
    for (const e of batch) {
      const l = e.json ? jsonLine(e) : plainLine(e);
      chunk.push(l);
      size += l.length;
      if (size >= CHUNK_CHARS) {
        bufferStdout(chunk.join(""));
        chunk = [];
        size = 0;
      }
    }
    if (size > 0) bufferStdout(chunk.join(""));
  } catch {
    // stdout is unusable (closed, broken): the lines are dropped, the server keeps serving.
  }
}

/** Write out buffered access-log lines now. */
export function flushAccessLog(): void {
  if (queue.timer) {
    clearTimeout(queue.timer);
    queue.timer = null;
  }
  try {
    flushStdout();
  } catch {
    // stdout is unusable (closed, broken): the server keeps serving without its log.
  }
}

/** Write one line to stderr; a failing stderr drops the line, never the request. */
function writeStderr(text: string): void {
  try {
    writeFully(2, Buffer.from(text, "utf8"));
  } catch {
    // stderr is unusable (closed, broken): nothing more can be said.
  }
}

// A process-wide memo of a pure function (the last millisecond formatted): nothing to share wrongly.
let isoMs = 0;
let isoText = "";

/** ISO-8601 time of epoch ms `t`, formatted once per distinct millisecond. */
function isoOf(t: number): string {
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
  queue.entries.push({
    at: Date.now(),
    id: rc.id,
    ip: src.ip,
    method,
    path: src.path,
    url: src.url,
    status,
    bytes: bodyBytes(rc.sent),
    ms,
    json: rc.server.config.production,
  });
  if (queue.entries.length >= MAX_PENDING) flushAccessLog();
  else queue.timer ??= setTimeout(flushAccessLog, FLUSH_MS);
}

function plainLine(e: AccessEntry): string {
  return `${isoOf(e.at)} ${e.id} ${e.ip} "${e.method} ${e.url}" ${e.status} ${e.bytes}B ${e.ms}ms\n`;
}

function jsonLine(e: AccessEntry): string {
  // Addresses come out of isIP checks (or are "unknown"): no escaping needed.
  const path = jsonQuote(e.path);
  const url = e.url === e.path ? path : jsonQuote(e.url);
  const bytes = e.bytes === "-" ? "null" : e.bytes;
  return `{"time":"${isoOf(e.at)}","level":"info","msg":"request","request_id":${jsonQuote(e.id)},"ip":"${e.ip}","method":${jsonQuote(e.method)},"path":${path},"url":${url},"status":${e.status},"bytes":${bytes},"duration_ms":${e.ms}}\n`;
}

setStdoutPrelude(formatPending);

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
export function serverNote(text: string): void {
  if (serverContext.config.production) {
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
export function appLog(level: LogLevel, message: string, fields: Array<[string, Value]>, id: string | null): void {
  if (serverContext.config.production) {
    let line = `{"time":"${isoOf(Date.now())}","level":"${level}","msg":${jsonQuote(message)}`;
    if (id) line += `,"request_id":${jsonQuote(id)}`;
    for (const [k, v] of fields) line += `,${jsonQuote(k)}:${toJsonText(v)}`;
    formatPending();
    bufferStdout(`${line}}\n`);
    queue.timer ??= setTimeout(flushAccessLog, FLUSH_MS);
    return;
  }
  flushStdout();
  let line = `${level.toUpperCase()} ${message}`;
  for (const [k, v] of fields) line += ` ${k}=${typeof v === "string" && !/[\s"]/.test(v) ? v : toJsonText(v)}`;
  writeStderr(`${line}${id ? ` [req ${id}]` : ""}\n`);
}

process.on("exit", flushAccessLog);
