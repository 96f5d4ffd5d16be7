/**
 * A request body arriving on a connection after its head: handed to the app as the
 * Request's stream as it comes (Content-Length or chunked), or read and dropped when the
 * request cannot carry one (GET, HEAD). `100 Continue` is sent when the app first reads the
 * body, so a request the app refuses (413) never gets one (RFC 9110 §10.1.1).
 */

import { ChunkedDecoder } from "./chunked";

/** Body bytes queued in the stream, unread by the app, before the socket stops reading. */
const BACKLOG_LIMIT = 256 * 1024;

/** What the feed needs from its connection. */
export interface FeedOwner {
  /** The app wants more: read from the socket again. */
  resumeReading(): void;
  /** Send `100 Continue`. */
  sendContinue(): void;
}

const CONTINUE_NEEDED = 1;
const CONTINUE_SENT = 2;

/** One request's body on its way from the socket to the app. */
export class BodyFeed {
  /** The stream the Request carries, or null when the body is dropped. */
  readonly stream: ReadableStream<Uint8Array> | null = null;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  /** Bytes still to come (Content-Length), or -1 (chunked). */
  private left: number;
  private readonly chunks: ChunkedDecoder | null;
  private continueState: number;
  /** The app stopped reading (it answered, or cancelled at its limit): further bytes are dropped. */
  private cancelled = false;
  done = false;
  /** The framing was broken (a bad chunk): the connection answers 400 and closes. */
  failed = false;

  constructor(length: number, chunked: boolean, keep: boolean, expectContinue: boolean, owner: FeedOwner) {
    this.left = chunked ? -1 : length;
    this.chunks = chunked ? new ChunkedDecoder() : null;
    this.continueState = expectContinue ? CONTINUE_NEEDED : 0;
    if (!keep) {
      this.cancelled = true;
      return;
    }
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          this.controller = c;
        },
        pull: () => {
          if (this.continueState === CONTINUE_NEEDED) {
            this.continueState = CONTINUE_SENT;
            owner.sendContinue();
          }
          owner.resumeReading();
        },
        cancel: () => {
          this.cancelled = true;
          this.controller = null;
          owner.resumeReading();
        },
      },
      { highWaterMark: 0, size: (c) => c?.byteLength ?? 0 },
    );
  }

  /** A `100 Continue` was expected and never sent: the client may or may not send the body. */
  get continueWithheld(): boolean {
    return this.continueState === CONTINUE_NEEDED;
  }

  /** The app has not read enough of what arrived: stop reading the socket. */
  get backlogged(): boolean {
    const c = this.controller;
    return c !== null && (c.desiredSize ?? 0) <= -BACKLOG_LIMIT;
  }

  /** Take body bytes from the start of `buf`; returns how many were consumed. */
  take(buf: Uint8Array): number {
    if (this.chunks !== null) {
      const n = this.chunks.feed(buf, this.deliver);
      if (this.chunks.failed) this.fail();
      else if (this.chunks.done) this.end();
      return n;
    }
    const n = Math.min(this.left, buf.length);
    this.left -= n;
    this.deliver(n === buf.length ? buf : buf.subarray(0, n));
    if (this.left === 0) this.end();
    return n;
  }

  private readonly deliver = (data: Uint8Array): void => {
    if (this.cancelled || data.byteLength === 0) return;
    // A client that sends the body without waiting for `100 Continue` needs none.
    if (this.continueState === CONTINUE_NEEDED) this.continueState = 0;
    this.controller!.enqueue(data);
  };

  private end(): void {
    this.done = true;
    if (!this.cancelled) this.controller?.close();
    this.controller = null;
  }

  /** The body will not complete (bad framing, or the socket closed): the app's read fails. */
  fail(): void {
    if (this.done && !this.failed && this.controller === null) return;
    this.failed = true;
    this.done = true;
    if (!this.cancelled) this.controller?.error(new Error("request body incomplete"));
    this.controller = null;
  }
}
