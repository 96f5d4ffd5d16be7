/**
 * Reading an HTTP/1.1 request head off the wire for the transport (transport.ts): where it
 * ends, whether the bytes so far can still become a valid head (so garbage is refused at
 * once instead of waiting for a blank line that never comes), and what it says: method,
 * target, version, header fields and the body's framing (RFC 9112 §2–§7).
 */

/** Largest request head (request line and header fields), as Bun.serve's default: past it, 431. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** Most header fields in one request, as Bun.serve: past it, 431. */
export const MAX_HEADER_FIELDS = 100;

/** Methods Bun.serve accepts; the transport answers 501 to any other (Bun closed the connection). */
const KNOWN_METHODS = new Set(
  "ACL BIND CHECKOUT CONNECT COPY DELETE GET HEAD LINK LOCK M-SEARCH MERGE MKACTIVITY MKCALENDAR MKCOL MOVE NOTIFY OPTIONS PATCH POST PROPFIND PROPPATCH PURGE PUT QUERY REBIND REPORT SEARCH SOURCE SUBSCRIBE TRACE UNBIND UNLINK UNLOCK UNSUBSCRIBE".split(
    " ",
  ),
);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** 1 for each character a token (a method, a field name) may hold. */
const TCHAR = new Uint8Array(256);
for (const c of "!#$%&'*+.^_`|~-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TCHAR[c.charCodeAt(0)] = 1;
const DIGITS = /^\d{1,15}$/;

/** A refusal: the status to answer with (the connection closes after it). */
export interface HeadError {
  error: 400 | 414 | 431 | 501 | 505;
}

/** A parsed request head. */
export interface RequestHead {
  method: string;
  /** The request target as sent (origin-form or absolute-form). */
  target: string;
  /** The target holds raw bytes over 0x7f. */
  rawBytes: boolean;
  /** HTTP/1.1 (true) or HTTP/1.0. */
  http11: boolean;
  /** Header fields in order, flat: name, value, name, value, … */
  fields: string[];
  host: string;
  /** Content-Length, or -1 when absent. */
  contentLength: number;
  chunked: boolean;
  expectContinue: boolean;
  /** The client asked to close after this request (`Connection: close`, or HTTP/1.0 without keep-alive). */
  close: boolean;
  /** Bytes of the head including its blank line. */
  length: number;
}

/**
 * Scans a connection's bytes for the end of a request head, checking each new byte once: a
 * bare CR or LF, NUL, or a request line that cannot be one is refused as soon as it arrives.
 * Reset after each head.
 */
export class HeadScanner {
  /** Bytes of the current head already scanned. */
  private at = 0;
  private prev = 0;
  /** In the request line: the number of spaces seen so far (-1 once it has ended). */
  private spaces = 0;
  /** The request line holds bytes over 0x7f (raw UTF-8 in the target). */
  rawBytes = false;

  reset(): void {
    this.at = 0;
    this.prev = 0;
    this.spaces = 0;
    this.rawBytes = false;
  }

  /**
   * Scan `buf` (the head starts at 0): the head's length through its blank line once it is
   * complete, 0 while more bytes are needed, or a refusal. Control characters are refused
   * here (HTAB only in field lines), so the parser need not look for them.
   */
  scan(buf: Uint8Array): number | HeadError {
    const end = buf.length;
    let prev = this.prev;
    let spaces = this.spaces;
    for (let i = this.at; i < end; i++) {
      if (spaces < 0 && prev !== 13) {
        // In the field lines a run of printable bytes needs no check of its own.
        let j = i;
        for (let c = buf[j]!; j < end && c > 31 && c !== 127; c = buf[++j]!);
        if (j > i) {
          prev = buf[j - 1]!;
          i = j;
          if (i === end) break;
        }
      }
      const b = buf[i]!;
      if (prev === 13 && b !== 10) return BAD;
      if (b < 32 || b === 127) {
        if (b === 10) {
          if (prev !== 13) return BAD;
          // CR LF CR LF: the head is complete.
          if (i >= 3 && buf[i - 2] === 10) return i < MAX_HEAD_BYTES ? i + 1 : TOO_LARGE;
          if (spaces >= 0) {
            if (spaces !== 2) return BAD;
            if (i > MAX_HEAD_BYTES) return TOO_LONG_LINE;
            spaces = -1;
          }
        } else if (b !== 13 && (b !== 9 || spaces >= 0)) return BAD;
      } else if (spaces >= 0) {
        if (b === 32) {
          if (++spaces > 2 || prev === 32 || i === 0) return BAD;
        } else if (b > 127) this.rawBytes = true;
      }
      prev = b;
    }
    if (end > MAX_HEAD_BYTES) return spaces >= 0 ? TOO_LONG_LINE : TOO_LARGE;
    this.at = end;
    this.prev = prev;
    this.spaces = spaces;
    return 0;
  }
}

const BAD: HeadError = { error: 400 };
const TOO_LARGE: HeadError = { error: 431 };
const TOO_LONG_LINE: HeadError = { error: 414 };
const NOT_IMPLEMENTED: HeadError = { error: 501 };
const BAD_VERSION: HeadError = { error: 505 };

/**
 * Parse a complete head that `HeadScanner` accepted, `text` being its bytes as latin-1
 * without the final CRLF CRLF; `rawBytes`: the scanner's finding of bytes over 0x7f in the
 * request line.
 */
export function parseHead(text: string, length: number, rawBytes: boolean): RequestHead | HeadError {
  let lineEnd = text.indexOf("\r\n");
  if (lineEnd < 0) lineEnd = text.length;
  // The request line is read in place: slicing it out first would copy it.
  const sp1 = text.indexOf(" ");
  const sp2 = sp1 < 0 ? -1 : text.indexOf(" ", sp1 + 1);
  if (sp1 <= 0 || sp2 < 0 || sp2 > lineEnd) return BAD;
  const method = sp1 === 3 && text.startsWith("GET") ? "GET" : text.slice(0, sp1);
  const target = text.slice(sp1 + 1, sp2);
  const known = method === "GET" || KNOWN_METHODS.has(method);
  if (!known && !TOKEN.test(method)) return BAD;
  let http11: boolean;
  if (lineEnd - sp2 === 9 && text.startsWith("HTTP/1.", sp2 + 1) && (text.charCodeAt(sp2 + 8) | 1) === 49) http11 = text.charCodeAt(sp2 + 8) === 49;
  else return /^HTTP\/\d\.\d$/.test(text.slice(sp2 + 1, lineEnd)) ? BAD_VERSION : BAD;
  const fields: string[] = [];
  let host: string | null = null;
  let contentLength = -1;
  let chunked = false;
  let transferEncoding = false;
  let expectContinue = false;
  let close = !http11;
  let pos = lineEnd + 2;
  const n = text.length;
  while (pos < n) {
    // The name: token characters up to the colon.
    let colon = pos;
    while (colon < n && TCHAR[text.charCodeAt(colon)] === 1) colon++;
    if (colon === pos || text.charCodeAt(colon) !== 58) return BAD;
    const start = pos;
    const name = text.slice(start, colon);
    let end = text.indexOf("\r\n", colon);
    if (end < 0) end = n;
    // The value without the optional whitespace (SP, HTAB) around it.
    let from = colon + 1;
    let to = end;
    while (from < to && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
    while (to > from && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 9)) to--;
    const value = text.slice(from, to);
    pos = end + 2;
    if (fields.length === 2 * MAX_HEADER_FIELDS) return TOO_LARGE;
    fields.push(name, value);
    // Only the fields the transport acts on are looked at further.
    switch (colon - start) {
      case 4:
        if (!named(text, start, "host")) break;
        if (host !== null) return BAD;
        host = value;
        break;
      case 6:
        if (named(text, start, "expect")) expectContinue = value.toLowerCase() === "100-continue";
        break;
      case 10:
        if (named(text, start, "connection")) {
          const tokens = value.toLowerCase();
          if (hasToken(tokens, "close")) close = true;
          else if (!http11 && hasToken(tokens, "keep-alive")) close = false;
        }
        break;
      case 14: {
        if (!named(text, start, "content-length")) break;
        if (!DIGITS.test(value)) return BAD;
        const declared = Number(value);
        if (contentLength !== -1 && contentLength !== declared) return BAD;
        contentLength = declared;
        break;
      }
      case 17:
        if (!named(text, start, "transfer-encoding")) break;
        if (transferEncoding) return NOT_IMPLEMENTED;
        transferEncoding = true;
        chunked = value.toLowerCase() === "chunked";
        if (!chunked) return NOT_IMPLEMENTED;
        break;
    }
  }
  if (host === null) {
    if (http11) return BAD;
    host = "";
  }
  if (chunked && contentLength !== -1) return BAD;
  if (!known) return NOT_IMPLEMENTED;
  return { method, target, rawBytes, http11, fields, host, contentLength, chunked, expectContinue, close, length };
}

/** Whether the field name at `text[at…]` is `lower` (a lower-case name of letters and '-'), in any case. */
function named(text: string, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) if ((text.charCodeAt(at + i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** Whether a comma-separated, lower-cased list holds `token`. */
function hasToken(list: string, token: string): boolean {
  for (const t of list.split(",")) if (t.trim() === token) return true;
  return false;
}

/** The absolute URL of a request (`http://host/target`), or null when the target cannot be one. */
export function requestUrl(head: RequestHead): string | null {
  let t = head.target;
  // Raw bytes over 0x7f are UTF-8 the client did not percent-encode: encode them as bytes.
  if (head.rawBytes) t = t.replace(/[\x80-\xff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (t.charCodeAt(0) === 47) return `http://${head.host || "localhost"}${t}`;
  if (/^https?:\/\//i.test(t)) return t;
  return null;
}
