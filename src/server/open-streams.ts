/**
 * The event streams (`sse()`) servers have open, by the id their NTNT handle carries: each
 * gets a comment line every PING_MS so proxies keep an idle one open, and a server's shutdown
 * closes the streams it opened.
 */

const encoder = new TextEncoder();
const PING_MS = 15_000;

/** One open event stream. */
interface Stream {
  controller: ReadableStreamDefaultController<Uint8Array>;
  open: boolean;
  ping: ReturnType<typeof setInterval>;
  owner: OpenStreams;
}

/**
 * Every open stream of the process. Module level on purpose: a program's handle names its
 * stream by a plain number and `sse_send` runs without knowing which server answered, so ids
 * are unique in the process and looked up here.
 */
const streams = new Map<number, Stream>();
let nextId = 1;

/** Queue `text` on stream `id`; false once it is closed or gone. */
export function writeStream(id: number, text: string): boolean {
  const s = streams.get(id);
  if (!s || !s.open) return false;
  try {
    s.controller.enqueue(encoder.encode(text));
    return true;
  } catch {
    closeStream(id);
    return false;
  }
}

/** End stream `id`. */
function closeStream(id: number): void {
  const s = streams.get(id);
  if (!s) return;
  streams.delete(id);
  s.owner.ids.delete(id);
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

/** The event streams one server opened. */
export class OpenStreams {
  /** Ids of this server's open streams. */
  readonly ids = new Set<number>();

  /** A fresh stream id (unique in the process). */
  newId(): number {
    return nextId++;
  }

  /** Register the started stream `id` as this server's. */
  open(id: number, controller: ReadableStreamDefaultController<Uint8Array>): void {
    streams.set(id, { controller, open: true, ping: setInterval(() => writeStream(id, ": ping\n\n"), PING_MS), owner: this });
    this.ids.add(id);
  }

  /** The client went away: stop writing without closing the controller again. */
  cancelled(id: number): void {
    const s = streams.get(id);
    if (s) s.open = false;
    closeStream(id);
  }

  /** End stream `id`. */
  close(id: number): void {
    closeStream(id);
  }

  /** Close every stream this server opened (shutdown: producers see `sse_send` return false). */
  closeAll(): void {
    for (const id of [...this.ids]) closeStream(id);
  }
}
