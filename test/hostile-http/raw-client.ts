/**
 * A raw HTTP/1.1 client for hostile-input tests: sends exact bytes (optionally in timed
 * pieces) on one TCP connection and parses whatever comes back into responses, so a test
 * can check every status sent — including stray ones — and whether the server closed.
 */

import { connect } from "node:net";

/** One parsed response. */
export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** What a connection produced. */
export interface Exchange {
  responses: RawResponse[];
  /** The server closed (or reset) the connection within the wait. */
  closed: boolean;
  /** Bytes that did not parse as a response (should be empty). */
  garbage: string;
}

/** A piece of the request: bytes to write, or a pause. */
export type Piece = string | Uint8Array | { waitMs: number };

export interface SendOptions {
  /** Methods of the requests sent, in order (HEAD responses have no body). */
  methods?: string[];
  /** Stop waiting once this many final responses have been read, after `graceMs` more. */
  expectResponses: number;
  /** How long to keep listening after the expected responses, for stray extra bytes. */
  graceMs?: number;
  /** Give up after this long in total. */
  timeoutMs?: number;
}

/** Parse as many complete responses as `buf` holds; returns them and the unparsed rest. */
export function parseResponses(buf: Buffer, methods: string[], closed: boolean): { responses: RawResponse[]; rest: Buffer } {
  const responses: RawResponse[] = [];
  let pos = 0;
  for (;;) {
    const headEnd = buf.indexOf("\r\n\r\n", pos);
    if (headEnd < 0) break;
    const head = buf.subarray(pos, headEnd).toString("latin1").split("\r\n");
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? "");
    if (!m) break;
    const status = Number(m[1]);
    const headers = new Map<string, string>();
    for (const line of head.slice(1)) {
      const i = line.indexOf(":");
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    let at = headEnd + 4;
    let body = "";
    const final = status >= 200;
    const method = final ? methods[responses.filter((r) => r.status >= 200).length] : undefined;
    const bodiless = !final || status === 204 || status === 304 || method === "HEAD";
    if (!bodiless) {
      const te = headers.get("transfer-encoding");
      const cl = headers.get("content-length");
      if (te?.toLowerCase().includes("chunked")) {
        const chunks: Buffer[] = [];
        let ok = false;
        for (;;) {
          const lineEnd = buf.indexOf("\r\n", at);
          if (lineEnd < 0) break;
          const size = Number.parseInt(buf.subarray(at, lineEnd).toString("latin1"), 16);
          if (Number.isNaN(size)) break;
          if (size === 0) {
            const end = buf.indexOf("\r\n\r\n", lineEnd);
            if (end < 0 && buf.subarray(lineEnd, lineEnd + 4).toString() !== "\r\n\r\n") break;
            at = (end < 0 ? lineEnd : end) + 4;
            ok = true;
            break;
          }
          if (buf.length < lineEnd + 2 + size + 2) break;
          chunks.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
          at = lineEnd + 2 + size + 2;
        }
        if (!ok) break;
        body = Buffer.concat(chunks).toString("latin1");
      } else if (cl !== undefined) {
        const n = Number(cl);
        if (buf.length < at + n) break;
        body = buf.subarray(at, at + n).toString("latin1");
        at += n;
      } else {
        if (!closed) break;
        body = buf.subarray(at).toString("latin1");
        at = buf.length;
      }
    }
    responses.push({ status, headers, body });
    pos = at;
  }
  return { responses, rest: buf.subarray(pos) };
}

/** Send `pieces` on a new connection to 127.0.0.1:`port` and collect the responses. */
export function exchange(port: number, pieces: Piece[], opts: SendOptions): Promise<Exchange> {
  const methods = opts.methods ?? [];
  const grace = opts.graceMs ?? 120;
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    let closed = false;
    let finished = false;
    let graceTimer: ReturnType<typeof setTimeout> | null = null;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(total);
      if (graceTimer) clearTimeout(graceTimer);
      sock.destroy();
      const { responses, rest } = parseResponses(Buffer.concat(received), methods, closed);
      resolve({ responses, closed, garbage: rest.toString("latin1") });
    };
    const total = setTimeout(finish, opts.timeoutMs ?? 5000);
    const check = () => {
      if (graceTimer) return;
      const { responses } = parseResponses(Buffer.concat(received), methods, closed);
      if (responses.filter((r) => r.status >= 200).length >= opts.expectResponses) graceTimer = setTimeout(finish, grace);
    };
    sock.on("data", (d: Buffer) => {
      received.push(d);
      check();
    });
    sock.on("close", () => {
      closed = true;
      finish();
    });
    sock.on("error", () => {
      closed = true;
    });
    sock.on("connect", async () => {
      for (const p of pieces) {
        if (finished) return;
        if (typeof p === "object" && "waitMs" in p) await Bun.sleep(p.waitMs);
        // A string of bytes ("\xff") goes out as latin-1; real text (with chars > 255) as UTF-8.
        else if (!sock.destroyed) sock.write(typeof p === "string" ? Buffer.from(p, /[^\x00-\xff]/.test(p) ? "utf8" : "latin1") : p);
      }
      check();
    });
  });
}
