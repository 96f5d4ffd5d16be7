/**
 * Server logging. Access lines (one per request: method, path, status, duration, request
 * id) are batched and written at most every few milliseconds — plain text in development,
 * JSON lines in production. Errors go to stderr at once, with the request id and location.
 */

import { writeSync } from "node:fs";
import { jsonQuote } from "../runtime/convert";
import { flushStdout } from "../runtime/stdout";
import { config } from "./config";

let buf = "";
let timer: ReturnType<typeof setTimeout> | null = null;
const FLUSH_MS = 20;
const LIMIT = 32 * 1024;

/** Write out buffered access-log lines now. */
export function flushAccessLog(): void {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  if (buf === "") return;
  const out = buf;
  buf = "";
  flushStdout();
  writeAll(1, out);
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


/** Record one finished request. */
export function accessLog(method: string, path: string, status: number, startMs: number, id: string): void {
  const ms = performance.now() - startMs;
  if (config().production) {
    buf += `{"time":"${nowIso()}","level":"info","msg":"request","method":${jsonQuote(method)},"path":${jsonQuote(path)},"status":${status},"duration_ms":${ms.toFixed(2)},"request_id":${jsonQuote(id)}}\n`;
  } else {
    buf += `${nowIso()} ${method} ${path} ${status} ${ms.toFixed(1)}ms ${id}\n`;
  }
  if (buf.length >= LIMIT) flushAccessLog();
  else timer ??= setTimeout(flushAccessLog, FLUSH_MS);
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
