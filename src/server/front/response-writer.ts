/**
 * Writing a `Response` as HTTP/1.1 (RFC 9112 §4, §6): the status line, the app's header
 * fields, `date`, and the body framed by content-length, or chunked when its length is not
 * known (streams: event streams, large files), read as the socket takes it (backpressure).
 * A body NTNT's builders recorded (tags.ts) is written at once, in one write with the head;
 * a `PreparedResponse` whose fields nobody asked for is written from its field block.
 */

import { PreparedResponse } from "./prepared-response";
import { type KnownBody, knownBody } from "./tags";

/** Where a response goes: one connection's socket, with its send queue. */
export interface Sink {
  /** Write bytes (`bytes`: a string's UTF-8 length, when known); false when the socket did not take them all (the rest waits in the queue). */
  send(data: string | Uint8Array, bytes?: number): boolean;
  /** Resolves once the queue is empty or the socket is gone. */
  drained(): Promise<void>;
  /** The socket closed. */
  readonly gone: boolean;
  /** Set while a body is streamed: stops it when the socket closes. */
  abort: (() => void) | null;
}

/** How the response is to be framed. */
export interface Framing {
  /** The request was HEAD: header fields only. */
  head: boolean;
  /** Close the connection after this response (sent as `connection: close`). */
  close: boolean;
  /** HTTP/1.0 client: no chunked encoding; a kept-alive connection says `keep-alive`. */
  http10: boolean;
}

const REASONS: Record<number, string> = {
  100: "Continue",
  101: "Switching Protocols",
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  418: "I'm a Teapot",
  421: "Misdirected Request",
  422: "Unprocessable Entity",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
};

/** Status lines by status, made on first use. */
const statusLines = new Map<number, string>();

function statusLine(status: number): string {
  let line = statusLines.get(status);
  if (line === undefined) {
    line = `HTTP/1.1 ${status} ${REASONS[status] ?? "Unknown"}\r\n`;
    statusLines.set(status, line);
  }
  return line;
}

let dateLine = "";
let dateUntil = 0;

/** `date: …\r\n` for now, formatted once per second. */
function dateField(): string {
  const now = Date.now();
  if (now >= dateUntil) {
    dateLine = `date: ${new Date(now).toUTCString()}\r\n`;
    dateUntil = now - (now % 1000) + 1000;
  }
  return dateLine;
}

/** Fields the transport writes itself from the framing; the app's values are not sent. */
const FRAMING_FIELDS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "date"]);

/** The status line and the app's header fields; an app's `connection: close` turns on `f.close`. */
function headOf(res: Response, f: Framing): string {
  let head = statusLine(res.status);
  const fields = res.headers.toJSON() as Record<string, string | string[]>;
  for (const name in fields) {
    if (FRAMING_FIELDS.has(name)) {
      if (name === "connection" && /(?:^|,)\s*close\s*(?:,|$)/i.test(String(fields[name]))) f.close = true;
      continue;
    }
    const v = fields[name]!;
    if (typeof v === "string") head += `${name}: ${v}\r\n`;
    else for (const one of v) head += `${name}: ${one}\r\n`;
  }
  return head + dateField();
}

function connectionField(f: Framing): string {
  if (f.close) return "connection: close\r\n";
  return f.http10 ? "connection: keep-alive\r\n" : "";
}

/** A head has bytes over 0x7f (header values are bytes): write it as latin-1, not UTF-8. */
const NON_ASCII = /[^\x00-\x7f]/;

function headBytes(head: string): string | Uint8Array {
  return NON_ASCII.test(head) ? Buffer.from(head, "latin1") : head;
}

/** A body with no bytes on the wire whatever it holds (RFC 9110 §6.4.1). */
function bodiless(status: number): boolean {
  return status === 204 || status === 304 || (status >= 100 && status < 200);
}

/**
 * Write `res` to `sink`. Returns nothing when the whole response was handed to the socket
 * (or its queue) at once, or a promise that settles when a streamed body has been written;
 * `close` may be turned on when a stream cannot be framed (HTTP/1.0 without a length).
 */
export function writeResponse(sink: Sink, res: Response, f: Framing): void | Promise<void> {
  if (res instanceof PreparedResponse) {
    const block = res.fieldBlock;
    if (block !== null) writePrepared(sink, res.status, block, res.payload, f);
    else writeKnown(sink, res.status, headOf(res, f), res.payload, f);
    return;
  }
  const known = knownBody(res);
  if (known !== undefined && !(known instanceof Blob)) {
    writeKnown(sink, res.status, headOf(res, f), known, f);
    return;
  }
  if (bodiless(res.status)) {
    void res.body?.cancel().catch(() => {});
    sink.send(headBytes(`${headOf(res, f)}${connectionField(f)}\r\n`));
    return;
  }
  if (known instanceof Blob) return writeBlob(sink, res, known, f);
  const stream = res.body;
  if (stream === null) {
    writeKnown(sink, res.status, headOf(res, f), null, f);
    return;
  }
  return writeStream(sink, res, stream, f);
}

/**
 * Write a prepared response from its field block, head and body in one write. The block and
 * the request id in it are ASCII by construction (prepared-response.ts, request-identity.ts),
 * so unlike `writeKnown` the head is not scanned for bytes over 0x7f.
 */
function writePrepared(sink: Sink, status: number, block: string, payload: string | null, f: Framing): void {
  const fields = `${statusLine(status)}${block}${dateField()}${f.close ? "connection: close\r\n" : f.http10 ? "connection: keep-alive\r\n" : ""}`;
  if (bodiless(status)) {
    sink.send(`${fields}\r\n`);
    return;
  }
  const size = payload === null ? 0 : Buffer.byteLength(payload);
  const head = `${fields}content-length: ${size}\r\n\r\n`;
  if (f.head || size === 0) sink.send(head);
  else sink.send(head + payload, head.length + size);
}

/** Write a response whose body is at hand: `fields` is its status line and header fields (with `date`). */
function writeKnown(sink: Sink, status: number, fields: string, body: KnownBody, f: Framing): void {
  let head = fields + connectionField(f);
  if (bodiless(status)) {
    sink.send(headBytes(`${head}\r\n`));
    return;
  }
  if (typeof body === "string") {
    const size = Buffer.byteLength(body);
    head += `content-length: ${size}\r\n\r\n`;
    if (f.head || size === 0) sink.send(headBytes(head));
    else if (NON_ASCII.test(head)) {
      sink.send(Buffer.from(head, "latin1"));
      sink.send(body, size);
    } else sink.send(head + body, head.length + size);
    return;
  }
  const bytes = body instanceof Uint8Array ? body : EMPTY;
  sink.send(headBytes(`${head}content-length: ${bytes.byteLength}\r\n\r\n`));
  if (!f.head && bytes.byteLength > 0) sink.send(bytes);
}

const EMPTY = new Uint8Array(0);

/** A Blob (a file from disk): its size is known, its bytes are streamed. */
function writeBlob(sink: Sink, res: Response, blob: Blob, f: Framing): void | Promise<void> {
  sink.send(headBytes(`${headOf(res, f)}${connectionField(f)}content-length: ${blob.size}\r\n\r\n`));
  if (f.head || blob.size === 0) return;
  return pump(sink, blob.stream(), false);
}

/** A body of unknown length: chunked (HTTP/1.1) or until the connection closes (HTTP/1.0). */
function writeStream(sink: Sink, res: Response, stream: ReadableStream<Uint8Array>, f: Framing): void | Promise<void> {
  if (f.head) {
    void stream.cancel().catch(() => {});
    sink.send(headBytes(`${headOf(res, f)}${connectionField(f)}\r\n`));
    return;
  }
  if (f.http10) f.close = true;
  const framing = f.http10 ? "" : "transfer-encoding: chunked\r\n";
  sink.send(headBytes(`${headOf(res, f)}${connectionField(f)}${framing}\r\n`));
  return pump(sink, stream, !f.http10);
}

const CRLF = Buffer.from("\r\n");
const LAST_CHUNK = "0\r\n\r\n";

/** Copy `stream` to the sink, waiting for the socket to drain between pieces; throws when the stream fails. */
async function pump(sink: Sink, stream: ReadableStream<Uint8Array>, chunked: boolean): Promise<void> {
  const reader = stream.getReader();
  sink.abort = () => void reader.cancel().catch(() => {});
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (sink.gone) {
        await reader.cancel().catch(() => {});
        return;
      }
      const bytes = typeof value === "string" ? Buffer.from(value) : value;
      if (bytes.byteLength === 0) continue;
      const ok = chunked ? sink.send(Buffer.concat([Buffer.from(`${bytes.byteLength.toString(16)}\r\n`), bytes, CRLF])) : sink.send(bytes);
      if (!ok) await sink.drained();
    }
    if (chunked) sink.send(LAST_CHUNK);
  } finally {
    sink.abort = null;
    reader.releaseLock();
  }
}
