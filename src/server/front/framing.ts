/**
 * Just enough HTTP/1.1 framing for the front door (front-door.ts): where a request head ends
 * and what it says about methods, Expect and the body, where a chunked body ends (trailer
 * fields dropped), and where a response ends. Anything it does not understand is left to
 * Bun's parser, which stays the authority on malformed input.
 */

/** Methods Bun 1.4.5's parser accepts; it closes the connection, unanswered, on any other. */
const BUN_METHODS = new Set(
  "ACL BIND CHECKOUT CONNECT COPY DELETE GET HEAD LINK LOCK M-SEARCH MERGE MKACTIVITY MKCALENDAR MKCOL MOVE NOTIFY OPTIONS PATCH POST PROPFIND PROPPATCH PURGE PUT QUERY REBIND REPORT SEARCH SOURCE SUBSCRIBE TRACE UNBIND UNLINK UNLOCK UNSUBSCRIBE".split(
    " ",
  ),
);

/** A head larger than this is left to Bun (which answers 431). */
export const MAX_HEAD = 64 * 1024;

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) [^\x00-\x20\x7f]+ HTTP\/1\.[01]$/;
/** What can start a request line (TLS, HTTP/2 or binary noise cannot): more bytes may complete it. */
const PARTIAL_REQUEST_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]*(?: [^\x00-\x20\x7f]*(?: [^\x00-\x1f\x7f]*)?)?\r?$/;
const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[^\r\n\0]*$/;
const FRAMING_HEADER = /^(content-length|transfer-encoding|expect|connection)[ \t]*:[ \t]*(.*?)[ \t]*$/i;

/** What the front door does with a request head. */
export type HeadVerdict =
  /** Bun would drop it silently: answer 501 ourselves. */
  | { kind: "unknown-method" }
  /** `Expect: 100-continue` with a Content-Length over the limit: answer 413 before Bun says 100. */
  | { kind: "expect-too-large" }
  /** Not understood: hand the rest of the connection to Bun unchanged. */
  | { kind: "opaque" }
  | { kind: "request"; method: string; headLength: number; body: "none" | "chunked" | number };

/**
 * Judge the head at the start of `buf`; null when more bytes are needed. `end` is the
 * offset of the blank line (`buf.indexOf("\r\n\r\n")`), or -1 when it has not arrived.
 */
export function judgeHead(buf: Buffer, end: number, maxBody: number): HeadVerdict | null {
  const lineEnd = buf.indexOf("\r\n");
  if (lineEnd < 0) return buf.length > MAX_HEAD || !PARTIAL_REQUEST_LINE.test(buf.toString("latin1")) ? OPAQUE : null;
  const line = buf.toString("latin1", 0, lineEnd);
  const m = REQUEST_LINE.exec(line);
  if (m === null) return OPAQUE;
  if (!BUN_METHODS.has(m[1]!)) return UNKNOWN_METHOD;
  if (end < 0) return buf.length > MAX_HEAD || buf.includes("\n\n") || buf.includes("\r\r") ? OPAQUE : null;
  let length: number | null = null;
  let chunked = false;
  let expectContinue = false;
  const lines = buf.toString("latin1", lineEnd + 2, end).split("\r\n");
  for (const h of lines) {
    if (!HEADER_LINE.test(h)) return OPAQUE;
    const f = FRAMING_HEADER.exec(h);
    if (f === null) continue;
    const name = f[1]!.toLowerCase();
    const value = f[2]!;
    if (name === "content-length") {
      if (length !== null || !/^\d{1,15}$/.test(value)) return OPAQUE;
      length = Number(value);
    } else if (name === "transfer-encoding") {
      if (chunked || value.toLowerCase() !== "chunked") return OPAQUE;
      chunked = true;
    } else if (name === "expect") expectContinue = value.toLowerCase() === "100-continue";
  }
  if (chunked && length !== null) return OPAQUE;
  if (expectContinue && length !== null && length > maxBody) return EXPECT_TOO_LARGE;
  return { kind: "request", method: m[1]!, headLength: end + 4, body: chunked ? "chunked" : length === null || length === 0 ? "none" : length };
}

const OPAQUE: HeadVerdict = { kind: "opaque" };
const UNKNOWN_METHOD: HeadVerdict = { kind: "unknown-method" };
const EXPECT_TOO_LARGE: HeadVerdict = { kind: "expect-too-large" };

/** Progress through a chunked body: what to forward of `buf`, what to drop, and whether it ended. */
export interface ChunkStep {
  /** Bytes at the start of `buf` consumed by this step. */
  consumed: number;
  /** Forward buf[0, forward) (the rest of what was consumed is a dropped trailer field). */
  forward: number;
  done: boolean;
  /** The framing is broken: let Bun see the bytes as they are. */
  opaque: boolean;
}

/**
 * Walks a chunked body across reads. Trailer fields are dropped (Bun 1.4.5 reads them as
 * the head of a new request and answers a stray 400); the terminating blank line is kept.
 */
export class ChunkedBody {
  /** Bytes of chunk data (plus its CRLF) still to pass before the next size line. */
  private dataLeft = 0;
  private inTrailer = false;

  /** One step over the start of `buf`; `consumed` 0 means more bytes are needed. */
  step(buf: Buffer): ChunkStep {
    if (this.dataLeft > 0) {
      const n = Math.min(this.dataLeft, buf.length);
      this.dataLeft -= n;
      return { consumed: n, forward: n, done: false, opaque: false };
    }
    const eol = buf.indexOf("\r\n");
    if (eol < 0) return buf.length > 4096 ? OPAQUE_STEP : NEED_MORE;
    if (this.inTrailer) {
      // A trailer field is dropped; the empty line ends the body.
      return eol === 0 ? { consumed: 2, forward: 2, done: true, opaque: false } : { consumed: eol + 2, forward: 0, done: false, opaque: false };
    }
    const sizeText = buf.toString("latin1", 0, eol).split(";", 1)[0]!.trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(sizeText)) return OPAQUE_STEP;
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) this.inTrailer = true;
    else this.dataLeft = size + 2;
    return { consumed: eol + 2, forward: eol + 2, done: false, opaque: false };
  }
}

const NEED_MORE: ChunkStep = { consumed: 0, forward: 0, done: false, opaque: false };
const OPAQUE_STEP: ChunkStep = { consumed: 0, forward: 0, done: false, opaque: true };

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})/;
const RESPONSE_FRAMING = /^(content-length|transfer-encoding|connection)[ \t]*:[ \t]*(.*?)[ \t]*$/gim;

/**
 * Follows the responses Bun writes on one upstream connection, to tell when the response to
 * the request in flight is complete (the next pipelined request may go then), whether Bun
 * will close after it, and whether the connection switched protocols.
 */
export class ResponseTracker {
  private head: Buffer | null = null;
  private bodyLeft = 0;
  private chunks: ChunkedBody | null = null;
  private chunkCarry: Buffer | null = null;
  private untilClose = false;
  private inBody = false;
  /** The response that just completed said `Connection: close`. */
  closeAfter = false;
  /** A 101 went by: from now on bytes are not HTTP. */
  upgraded = false;

  /**
   * Feed bytes Bun wrote; returns how many final responses completed in them. `headRequest`
   * says the request in flight is a HEAD (its response has no body whatever it declares).
   */
  feed(data: Buffer, headRequest: boolean): number {
    let buf = data;
    let completed = 0;
    while (buf.length > 0 && !this.upgraded) {
      if (this.inBody) {
        if (this.untilClose) return completed;
        if (this.chunks) {
          const joined: Buffer = this.chunkCarry ? Buffer.concat([this.chunkCarry, buf]) : buf;
          this.chunkCarry = null;
          let at = 0;
          let done = false;
          while (at < joined.length) {
            const s = this.chunks.step(joined.subarray(at));
            if (s.opaque) {
              this.untilClose = true;
              return completed;
            }
            if (s.consumed === 0) break;
            at += s.consumed;
            if (s.done) {
              done = true;
              break;
            }
          }
          if (!done) {
            if (at < joined.length) this.chunkCarry = Buffer.from(joined.subarray(at));
            return completed;
          }
          buf = joined.subarray(at);
        } else {
          const n = Math.min(this.bodyLeft, buf.length);
          this.bodyLeft -= n;
          buf = buf.subarray(n);
          if (this.bodyLeft > 0) return completed;
        }
        this.inBody = false;
        this.chunks = null;
        completed++;
        continue;
      }
      const joined: Buffer = this.head ? Buffer.concat([this.head, buf]) : buf;
      const end = joined.indexOf("\r\n\r\n");
      if (end < 0) {
        this.head = Buffer.from(joined);
        return completed;
      }
      this.head = null;
      buf = joined.subarray(end + 4);
      const text = joined.toString("latin1", 0, end);
      const status = Number(STATUS_LINE.exec(text)?.[1] ?? 0);
      if (status === 101) {
        this.upgraded = true;
        return completed;
      }
      if (status >= 100 && status < 200) continue;
      let length = -1;
      let chunked = false;
      let close = false;
      for (const m of text.matchAll(RESPONSE_FRAMING)) {
        const name = m[1]!.toLowerCase();
        const value = m[2]!.toLowerCase();
        if (name === "content-length") length = Number(value);
        else if (name === "transfer-encoding") chunked = value.includes("chunked");
        else close ||= value.split(",").some((t) => t.trim() === "close");
      }
      this.closeAfter = close;
      const bodiless = headRequest || status === 204 || status === 304;
      if (bodiless || (!chunked && length === 0)) {
        completed++;
        continue;
      }
      this.inBody = true;
      if (chunked) this.chunks = new ChunkedBody();
      else if (length > 0) this.bodyLeft = length;
      else this.untilClose = true;
    }
    return completed;
  }
}
