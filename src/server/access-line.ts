/**
 * One access-log line (http-server.md §13.9): plain text in development, a JSON object in
 * production. A production line whose fields are all printable ASCII (the usual case) is
 * encoded straight into a byte buffer, with no string built for it: under load the log then
 * adds no garbage per request. Anything else goes through the string formatters.
 */

import { jsonQuote } from "../runtime/json-value";
import { copyLastMadeId } from "./request-identity";

/** A finished request as the access log records it. */
export interface AccessEntry {
  at: number;
  id: string;
  ip: string;
  method: string;
  path: string;
  url: string;
  status: number;
  /** Body bytes sent, or "-" when unknown. */
  bytes: number | string;
  ms: number;
}

// A process-wide memo of a pure function (the last millisecond formatted): nothing to share wrongly.
let isoMs = 0;
let isoText = "";

/** ISO-8601 time of epoch ms `t`, formatted once per distinct millisecond. */
export function isoOf(t: number): string {
  if (t !== isoMs) {
    isoMs = t;
    isoText = new Date(t).toISOString();
  }
  return isoText;
}

/** `<time> <id> <ip> "<METHOD> <url>" <status> <bytes>B <ms>ms` and a newline. */
export function plainLine(e: AccessEntry): string {
  return `${isoOf(e.at)} ${e.id} ${e.ip} "${e.method} ${e.url}" ${e.status} ${e.bytes}B ${e.ms}ms\n`;
}

/** The production line: one JSON object and a newline. */
export function jsonLine(e: AccessEntry): string {
  // Addresses come out of isIP checks (or are "unknown"): no escaping needed.
  const path = jsonQuote(e.path);
  const url = e.url === e.path ? path : jsonQuote(e.url);
  const bytes = e.bytes === "-" ? "null" : e.bytes;
  return `{"time":"${isoOf(e.at)}","level":"info","msg":"request","request_id":${jsonQuote(e.id)},"ip":"${e.ip}","method":${jsonQuote(e.method)},"path":${path},"url":${url},"status":${e.status},"bytes":${bytes},"duration_ms":${e.ms}}\n`;
}

const latin1 = (s: string) => Buffer.from(s, "latin1");
const TIME_END = latin1('Z","level":"info","msg":"request","request_id":"');
const IP = latin1('","ip":"');
const METHOD = latin1('","method":"');
const PATH = latin1('","path":"');
const URL_ = latin1('","url":"');
/** What precedes the ip, method, path and url fields. */
const STRING_HEADS = [IP, METHOD, PATH, URL_];
const STATUS = latin1('","status":');
const BYTES = latin1(',"bytes":');
const MS = latin1(',"duration_ms":');
const NULL = latin1("null");
const END = latin1("}\n");

/** Bytes `jsonLineInto` may need for `e` at most. */
export function jsonLineBound(e: AccessEntry): number {
  return 200 + e.id.length + e.ip.length + e.method.length + e.path.length + e.url.length;
}

/**
 * Encode `jsonLine(e)` into `b` at `off` (room for `jsonLineBound(e)` bytes) and return where
 * it ends, or -1 when a field needs escaping or is not ASCII (then use `jsonLine`).
 */
export function jsonLineInto(e: AccessEntry, b: Uint8Array, off: number): number {
  const bytes = e.bytes;
  if (typeof bytes === "number" ? !(Number.isSafeInteger(bytes) && bytes >= 0) : bytes !== "-") return -1;
  if (!(e.ms >= 0 && e.ms < 1e9) || !Number.isSafeInteger(e.status) || e.status < 0) return -1;
  const msOfSecond = e.at - Math.floor(e.at / 1000) * 1000;
  let o = put(b, off, secondPrefix(e.at - msOfSecond));
  b[o] = 48 + Math.floor(msOfSecond / 100);
  b[o + 1] = 48 + (Math.floor(msOfSecond / 10) % 10);
  b[o + 2] = 48 + (msOfSecond % 10);
  o = put(b, o + 3, TIME_END);
  const idEnd = copyLastMadeId(e.id, b, o);
  o = idEnd >= 0 ? idEnd : text(b, o, e.id);
  // One loop over the string fields rather than a copy of the writer per field: the code
  // compiled for it stays small (a server under load pays for that compiling at first).
  const fields = [e.ip, e.method, e.path, e.url];
  for (let k = 0; k < 4 && o >= 0; k++) o = text(b, put(b, o, STRING_HEADS[k]!), fields[k]!);
  if (o < 0) return -1;
  o = uint(b, put(b, o, STATUS), e.status);
  o = put(b, o, BYTES);
  o = typeof bytes === "number" ? uint(b, o, bytes) : put(b, o, NULL);
  o = hundredths(b, put(b, o, MS), Math.round(e.ms * 100));
  return put(b, o, END);
}

// The line's start up to the milliseconds, for the last second seen (a pure function's memo).
let prefixSecond = Number.NaN;
let prefixBytes = new Uint8Array(0);

/** `{"time":"YYYY-MM-DDTHH:MM:SS.` for the whole second `t` (epoch ms), formatted once per second. */
function secondPrefix(t: number): Uint8Array {
  if (t !== prefixSecond) {
    prefixSecond = t;
    const iso = new Date(t).toISOString();
    prefixBytes = latin1(`{"time":"${iso.slice(0, iso.length - 4)}`);
  }
  return prefixBytes;
}

/** Copy `src` (a constant part) to `b` at `off`; -1 stays -1. */
function put(b: Uint8Array, off: number, src: Uint8Array): number {
  if (off < 0) return -1;
  for (let i = 0; i < src.length; i++) b[off + i] = src[i]!;
  return off + src.length;
}

/** `s` as is when every character is printable ASCII that JSON leaves unescaped; else -1. */
function text(b: Uint8Array, off: number, s: string): number {
  if (off < 0) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 34 || c === 92) return -1;
    b[off + i] = c;
  }
  return off + s.length;
}

/** Decimal digits of a non-negative integer. */
function uint(b: Uint8Array, off: number, n: number): number {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  for (let i = digits - 1, x = n; i >= 0; i--, x = Math.floor(x / 10)) b[off + i] = 48 + (x % 10);
  return off + digits;
}

/** `h / 100` as JavaScript prints it (`3`, `0.5`, `12.34`). */
function hundredths(b: Uint8Array, off: number, h: number): number {
  let o = uint(b, off, Math.floor(h / 100));
  const frac = h % 100;
  if (frac === 0) return o;
  b[o++] = 46;
  b[o++] = 48 + Math.floor(frac / 10);
  if (frac % 10 !== 0) b[o++] = 48 + (frac % 10);
  return o;
}
