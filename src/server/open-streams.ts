/**
 * The event streams (`sse()`) a server has open, by the id their NTNT handle carries: each
 * gets a comment line every PING_MS so proxies keep an idle one open, and shutdown closes
 * them all.
 */

const encoder = new TextEncoder();
const PING_MS = 15_000;

/** One open event stream. */
interface Stream {
  controller: ReadableStreamDefaultController<Uint8Array>;
  open: boolean;
  ping: ReturnType<typeof setInterval>;
}

/** A server's open event streams. */
export class OpenStreams {
  private readonly streams = new Map<number, Stream>();
  private nextId = 1;

  /** A fresh stream id. */
  newId(): number {
    return this.nextId++;
  }

  /** Register the started stream `id`. */
  open(id: number, controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.streams.set(id, { controller, open: true, ping: setInterval(() => this.write(id, ": ping\n\n"), PING_MS) });
  }

  /** Queue `text` on stream `id`; false once it is closed or gone. */
  write(id: number, text: string): boolean {
    const s = this.streams.get(id);
    if (!s || !s.open) return false;
    try {
      s.controller.enqueue(encoder.encode(text));
      return true;
    } catch {
      this.close(id);
      return false;
    }
  }

  /** The client went away: stop writing without closing the controller again. */
  cancelled(id: number): void {
    const s = this.streams.get(id);
    if (s) s.open = false;
    this.close(id);
  }

  /** End stream `id`. */
  close(id: number): void {
    const s = this.streams.get(id);
    if (!s) return;
    this.streams.delete(id);
    clearInterval(s.ping);
    if (s.open) {
      s.open = false;
      try {
        s.controller.close();
      } catch {
        // already closed by the client going away
      }
    }
  }

  /** Close every open stream (shutdown: producers see `sse_send` return false). */
  closeAll(): void {
    for (const id of [...this.streams.keys()]) this.close(id);
  }
}
