/**
 * NTNT's own HTTP/1.1 transport (docs/decisions.md, "The transport"): `Bun.listen` on the
 * public port, requests framed here (request-head.ts, body-feed.ts), each turned into a
 * standard `Request` and handed to the same fetch handler Bun.serve would call (the Elysia
 * host's), and the `Response` written back (response-writer.ts). It answers what Bun.serve
 * 1.4.5 gets wrong: requests pipelined behind one still in its handler are answered in
 * order; unknown methods get 501; chunked trailers are dropped; `100 Continue` is sent only
 * when the app reads the body; and once the listener stops (a drain), open connections keep
 * reaching the app, which answers `503` + `Connection: close`.
 */

import type { Socket, TCPSocketListener, TCPSocketListenOptions } from "bun";
import { BodyFeed, type FeedOwner } from "./body-feed";
import { type HeadError, HeadScanner, parseHead, type RequestHead, requestUrl } from "./request-head";
import { type Framing, type Sink, writeResponse } from "./response-writer";
import { TransportRequest } from "./transport-request";

/** Unread pipelined bytes held while a request is in its handler; past it, reading pauses. */
const PIPELINE_LIMIT = 1024 * 1024;
/** Unsent response bytes past which the next pipelined request waits for the socket. */
const QUEUE_LIMIT = 1024 * 1024;

/** Where to listen and what to call. */
export interface TransportOptions {
  host: string;
  port: number;
  /** SO_REUSEPORT (`--workers N`). */
  reusePort: boolean;
  /** Seconds a connection may stay silent between requests (0: no limit). */
  idleSeconds: number;
  /** Open connections at most (`NTNT_MAX_CONNECTIONS`; default no limit); one more is answered 503 and closed. */
  maxConnections?: number;
  /** Seconds a client may take to send a whole request, from its first byte (0 or absent: no limit); then 408 (spec §13.2). */
  requestSeconds?: number;
  fetch: (request: Request) => Response | Promise<Response>;
  /** The answer when `fetch` throws or rejects. */
  onError: (error: Error) => Response;
}

/** A running transport. */
export interface Transport {
  port: number;
  /** Stop accepting connections; open ones keep being served. */
  stopAccepting(): void;
  /** True while some request is in its handler or its response is being written. */
  busy(): boolean;
  /** Close every connection and the listener. */
  close(): void;
}

const CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

/** Whole seconds of a monotonic clock, advanced by the idle sweep (reading it costs nothing per request). */
const clock = { seconds: Math.floor(performance.now() / 1000) };

/** One client connection: reads requests one at a time, writes their responses in order. */
class Connection implements Sink, FeedOwner {
  private buf: Buffer | null = null;
  private readonly scanner = new HeadScanner();
  /** A request is in its handler or its response is being written. */
  busy = false;
  /** The body of the request in flight, while it is still arriving. */
  private feed: BodyFeed | null = null;
  /** No further request is read: the connection closes after the response in flight. */
  private closing = false;
  private processing = false;
  /** The last response left more than QUEUE_LIMIT bytes unsent: no further request is read until they go. */
  private waitingForDrain = false;
  private paused = false;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private waiters: (() => void)[] = [];
  private endWhenFlushed = false;
  gone = false;
  abort: (() => void) | null = null;
  private readonly ip: string;
  /** `clock.seconds` when the connection last received bytes or finished a response. */
  private lastActive = clock.seconds;
  /** `clock.seconds` when the request now arriving (head or body) began to arrive. */
  private arrivingSince = clock.seconds;
  /** The client took too long to send its request: whatever the app answers, it gets 408. */
  private tooSlow = false;

  constructor(
    private readonly sock: Socket<Connection>,
    private readonly t: TransportOptions,
  ) {
    this.ip = sock.remoteAddress;
  }

  onData(chunk: Buffer): void {
    if (this.buf === null && !this.busy) this.arrivingSince = clock.seconds;
    this.buf = this.buf === null ? chunk : Buffer.concat([this.buf, chunk]);
    this.lastActive = clock.seconds;
    this.process();
  }

  /** Frame what has arrived: body bytes of the request in flight, then (once answered) the next request. */
  private process(): void {
    if (this.processing) return;
    this.processing = true;
    try {
      while (!this.gone) {
        const buf = this.buf;
        if (buf === null) return;
        const feed = this.feed;
        if (feed !== null) {
          this.consume(feed.take(buf));
          if (feed.failed) {
            this.feed = null;
            this.buf = null;
            // The app reading the body sees it fail and answers; otherwise answer here.
            if (this.busy) this.closing = true;
            else this.refuse(400);
            return;
          }
          if (!feed.done) {
            if (feed.backlogged) this.pause();
            return;
          }
          this.feed = null;
          continue;
        }
        if (this.closing) {
          this.buf = null;
          return;
        }
        if (this.busy || this.waitingForDrain) {
          if (buf.length > PIPELINE_LIMIT) this.pause();
          return;
        }
        const end = this.scanner.scan(buf);
        if (end === 0) return;
        if (typeof end !== "number") {
          this.refuse(end.error);
          return;
        }
        const head = parseHead(buf.toString("latin1", 0, end - 4), end, this.scanner.rawBytes);
        this.scanner.reset();
        if ("error" in head) {
          this.refuse((head as HeadError).error);
          return;
        }
        this.consume(end);
        this.dispatch(head);
      }
    } finally {
      this.processing = false;
    }
  }

  private consume(n: number): void {
    const buf = this.buf!;
    this.buf = n >= buf.length ? null : buf.subarray(n);
  }

  /** Hand one request to the app. */
  private dispatch(head: RequestHead): void {
    const url = requestUrl(head);
    if (url === null) {
      this.refuse(400);
      return;
    }
    const method = head.method;
    const length = head.contentLength;
    let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
    if (head.chunked || length > 0) {
      const carries = method !== "GET" && method !== "HEAD";
      const buf = this.buf;
      if (carries && !head.chunked && buf !== null && buf.length >= length) {
        // The whole body came with the head: no stream needed.
        body = buf.subarray(0, length);
        this.consume(length);
      } else {
        const feed = new BodyFeed(length, head.chunked, carries, head.expectContinue, this);
        this.feed = feed;
        if (feed.stream !== null) body = feed.stream;
      }
    }
    let req: Request;
    try {
      req = new TransportRequest(
        url,
        body !== undefined ? ({ method, body, duplex: "half" } as RequestInit) : method === "GET" ? undefined : { method },
        head.fields,
        this.ip,
      );
    } catch {
      this.feed = null;
      this.refuse(400);
      return;
    }
    this.busy = true;
    let out: Response | Promise<Response>;
    try {
      out = this.t.fetch(req);
    } catch (e) {
      out = this.t.onError(e instanceof Error ? e : new Error(String(e)));
    }
    // The Elysia host answers from an async function whose promise has almost always settled
    // by now: its value is taken at once instead of a turn of the microtask queue later.
    if (out instanceof Promise && Bun.peek.status(out) === "fulfilled") out = Bun.peek(out) as Response;
    if (out instanceof Promise)
      out.then(
        (res) => this.respond(res, head),
        (e) => this.respond(this.t.onError(e instanceof Error ? e : new Error(String(e))), head),
      );
    else this.respond(out, head);
  }

  private respond(res: Response, head: RequestHead): void {
    if (this.gone || this.tooSlow) {
      void res.body?.cancel().catch(() => {});
      this.busy = false;
      if (this.tooSlow) this.refuse(408);
      return;
    }
    const feed = this.feed;
    // A body that has not fully arrived (or was never asked for with 100-continue) cannot be skipped safely.
    const unread = feed !== null && (!feed.done || feed.continueWithheld);
    const f: Framing = { head: head.method === "HEAD", close: this.closing || head.close || unread, http10: !head.http11 };
    let writing: void | Promise<void>;
    try {
      writing = writeResponse(this, res, f);
    } catch {
      writing = undefined;
      f.close = true;
      this.sock.terminate();
    }
    if (writing === undefined) this.finished(f);
    else
      writing.then(
        () => this.finished(f),
        () => {
          // A stream that failed midway: the client must see the response cut short.
          this.sock.terminate();
          this.finished(f);
        },
      );
  }

  private finished(f: Framing): void {
    this.busy = false;
    if (this.gone) return;
    if (f.close) {
      this.closing = true;
      this.feed?.fail();
      this.feed = null;
      this.endSoon();
      return;
    }
    this.lastActive = clock.seconds;
    this.arrivingSince = clock.seconds;
    if (this.queued > QUEUE_LIMIT) {
      this.waitingForDrain = true;
      void this.drained().then(() => {
        this.waitingForDrain = false;
        this.next();
      });
      return;
    }
    this.next();
  }

  /** Go on with the next pipelined request, if one is waiting. */
  private next(): void {
    this.resumeReading();
    this.process();
  }

  /** Answer a request that cannot be served, and close. */
  private refuse(status: number): void {
    const text = REFUSALS[status] ?? "Bad Request";
    this.closing = true;
    this.buf = null;
    this.feed?.fail();
    this.feed = null;
    if (this.busy) return;
    this.send(
      `HTTP/1.1 ${status} ${text}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${text.length}\r\nconnection: close\r\nserver: ntnt-async\r\n` +
        `date: ${new Date().toUTCString()}\r\n\r\n${text}`,
    );
    this.endSoon();
  }

  /** Turn away a connection over the server's limit (spec §13.4): 503 `server busy`, `retry-after`, closed. */
  refuseOverLimit(): void {
    this.closing = true;
    this.send(
      `HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${BUSY.length}\r\nretry-after: 1\r\nconnection: close\r\n` +
        `server: ntnt-async\r\ndate: ${new Date().toUTCString()}\r\n\r\n${BUSY}`,
    );
    this.endSoon();
  }

  private endSoon(): void {
    if (this.queue.length === 0) this.sock.end();
    else this.endWhenFlushed = true;
  }

  send(data: string | Uint8Array, bytes?: number): boolean {
    if (this.gone) return false;
    if (this.queue.length > 0) {
      const copy = typeof data === "string" ? Buffer.from(data) : data;
      this.queue.push(copy);
      this.queued += copy.byteLength;
      return false;
    }
    const size = bytes ?? (typeof data === "string" ? Buffer.byteLength(data) : data.byteLength);
    const n = Math.max(0, this.sock.write(data));
    if (n >= size) return true;
    const rest = (typeof data === "string" ? Buffer.from(data) : data).subarray(n);
    this.queue.push(rest);
    this.queued += rest.byteLength;
    return false;
  }

  drained(): Promise<void> {
    if (this.queue.length === 0 || this.gone) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  onDrain(): void {
    while (this.queue.length > 0) {
      const b = this.queue[0]!;
      const n = Math.max(0, this.sock.write(b));
      if (n < b.byteLength) {
        this.queue[0] = b.subarray(n);
        this.queued -= n;
        return;
      }
      this.queue.shift();
      this.queued -= b.byteLength;
    }
    if (this.endWhenFlushed) this.sock.end();
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    if (w.length === 0) return;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  sendContinue(): void {
    if (!this.busy || this.gone) return;
    this.send(CONTINUE);
  }

  resumeReading(): void {
    if (!this.paused || this.gone) return;
    this.paused = false;
    this.sock.resume();
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.sock.pause();
  }

  /** Close the connection if it has been silent between requests for `idleSeconds`. */
  closeIfIdle(idleSeconds: number): void {
    if (!this.busy && !this.gone && clock.seconds - this.lastActive >= idleSeconds) this.sock.end();
  }

  /**
   * 408 for a request whose head or body is still arriving more than `limit` seconds (on the
   * sweep's whole-second clock) after its first byte: a client too slow to send it (spec
   * §13.2). A body the app is waiting for fails its read; the app's answer becomes the 408.
   */
  refuseIfTooSlow(limit: number): void {
    if (this.gone || this.closing || clock.seconds - this.arrivingSince <= limit) return;
    const feed = this.feed;
    if (feed !== null && !feed.done) {
      this.tooSlow = true;
      this.feed = null;
      feed.fail();
    } else if (!this.busy && feed === null && this.buf !== null) this.refuse(408);
  }

  onClose(): void {
    this.gone = true;
    this.buf = null;
    this.feed?.fail();
    this.feed = null;
    this.abort?.();
    this.queue.length = 0;
    this.queued = 0;
    this.wake();
  }

  /** Close now (the server is stopping). */
  close(): void {
    if (!this.gone) this.sock.end();
  }
}

const BUSY = "Service Unavailable: server busy";

const REFUSALS: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  414: "URI Too Long",
  431: "Request Header Fields Too Large",
  501: "Not Implemented",
  505: "HTTP Version Not Supported",
};

/** Listen on `opts.host:opts.port` and serve HTTP/1.1 with `opts.fetch`; throws when binding fails. */
export function openTransport(opts: TransportOptions): Transport {
  const conns = new Set<Connection>();
  const requestSeconds = opts.requestSeconds ?? 0;
  clock.seconds = Math.floor(performance.now() / 1000);
  // `reusePort` (SO_REUSEPORT, for --workers) works but is missing from Bun 1.4.5's types.
  const listenOptions: TCPSocketListenOptions<Connection> & { reusePort: boolean } = {
    hostname: opts.host,
    port: opts.port,
    reusePort: opts.reusePort,
    socket: {
      open(sock) {
        const conn = new Connection(sock, opts);
        sock.data = conn;
        if (conns.size >= (opts.maxConnections ?? Number.POSITIVE_INFINITY)) conn.refuseOverLimit();
        else conns.add(conn);
      },
      data(sock, bytes) {
        sock.data.onData(bytes);
      },
      drain(sock) {
        sock.data.onDrain();
      },
      close(sock) {
        conns.delete(sock.data);
        sock.data.onClose();
      },
      error() {},
    },
  };
  const listener: TCPSocketListener<Connection> = Bun.listen<Connection>(listenOptions);
  // One sweep a second closes idle connections: no timer call per request.
  const sweep =
    opts.idleSeconds > 0
      ? setInterval(() => {
          clock.seconds = Math.floor(performance.now() / 1000);
          for (const c of conns) {
            c.closeIfIdle(opts.idleSeconds);
            if (requestSeconds > 0) c.refuseIfTooSlow(requestSeconds);
          }
        }, 1000)
      : null;
  sweep?.unref();
  return {
    port: listener.port,
    stopAccepting: () => listener.stop(false),
    busy() {
      for (const c of conns) if (c.busy) return true;
      return false;
    },
    close() {
      if (sweep !== null) clearInterval(sweep);
      for (const c of conns) c.close();
      listener.stop(true);
    },
  };
}
