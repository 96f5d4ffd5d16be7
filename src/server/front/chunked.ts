/**
 * Decoding a chunked request body (RFC 9112 §7.1) across reads: chunk data is handed on as
 * it arrives, chunk extensions are ignored and trailer fields dropped (the app sees the body
 * only, as with Bun.serve).
 */

/** Longest chunk-size line (with extensions) or trailer section accepted. */
const MAX_LINE = 4096;
const MAX_TRAILER = 16 * 1024;
const HEX_SIZE = /^[0-9a-fA-F]{1,15}(?:[ \t]*;[^\x00-\x08\x0a-\x1f\x7f]*)?$/;

enum State {
  Size,
  Data,
  DataEnd,
  Trailer,
  Done,
}

/** A chunked body being read; `feed` until `done`, or until `failed` (answer 400 and close). */
export class ChunkedDecoder {
  private state = State.Size;
  private left = 0;
  private trailerBytes = 0;
  done = false;
  failed = false;

  /**
   * Decode from the start of `buf`, calling `onData` with each piece of chunk data (a view
   * into `buf`); returns the bytes consumed (what is left is an incomplete line, or what
   * follows the body).
   */
  feed(buf: Uint8Array, onData: (data: Uint8Array) => void): number {
    let at = 0;
    while (at < buf.length && !this.done) {
      switch (this.state) {
        case State.Data: {
          const n = Math.min(this.left, buf.length - at);
          onData(buf.subarray(at, at + n));
          at += n;
          this.left -= n;
          if (this.left === 0) this.state = State.DataEnd;
          break;
        }
        case State.DataEnd: {
          if (buf.length - at < 2) return at;
          if (buf[at] !== 13 || buf[at + 1] !== 10) return this.fail(at);
          at += 2;
          this.state = State.Size;
          break;
        }
        case State.Size:
        case State.Trailer: {
          const eol = lineEnd(buf, at);
          if (eol < 0) {
            const limit = this.state === State.Size ? MAX_LINE : MAX_TRAILER - this.trailerBytes;
            return buf.length - at > limit ? this.fail(at) : at;
          }
          const line = Buffer.from(buf.buffer, buf.byteOffset + at, eol - at).toString("latin1");
          at = eol + 2;
          if (this.state === State.Trailer) {
            this.trailerBytes += line.length + 2;
            if (line === "") {
              this.state = State.Done;
              this.done = true;
            } else if (this.trailerBytes > MAX_TRAILER || line.includes("\r")) return this.fail(at);
            break;
          }
          if (!HEX_SIZE.test(line)) return this.fail(at);
          const semi = line.indexOf(";");
          const size = Number.parseInt(semi < 0 ? line : line.slice(0, semi), 16);
          if (size === 0) this.state = State.Trailer;
          else {
            this.left = size;
            this.state = State.Data;
          }
          break;
        }
        case State.Done:
          return at;
      }
    }
    return at;
  }

  private fail(at: number): number {
    this.failed = true;
    this.done = true;
    return at;
  }
}

/** Index of the next CRLF at or after `from`, or -1. */
function lineEnd(buf: Uint8Array, from: number): number {
  for (let i = from; i + 1 < buf.length; i++) if (buf[i] === 13 && buf[i + 1] === 10) return i;
  return -1;
}
