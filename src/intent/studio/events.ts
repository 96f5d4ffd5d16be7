/** Server-sent events to every open Studio page: the page updates without polling or reloading. */

const encoder = new TextEncoder();
/** A comment line every so often keeps idle connections (and proxies) from timing out. */
const KEEPALIVE_MS = 15_000;

/** The open event streams. */
export class EventHub {
  private clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private keepalive: ReturnType<typeof setInterval> | null = null;

  /** A `text/event-stream` response that receives every later broadcast; `greeting` events go to this client first. */
  open(greeting: Array<[string, unknown]>): Response {
    let self: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        this.clients.add(controller);
        // Something at once, so the response's headers go out now; `retry` paces reconnects.
        controller.enqueue(encoder.encode("retry: 2000\n\n"));
        for (const [event, data] of greeting) controller.enqueue(frame(event, data));
        this.keepalive ??= setInterval(() => this.send(encoder.encode(": keepalive\n\n")), KEEPALIVE_MS);
      },
      cancel: () => this.drop(self),
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" },
    });
  }

  /** Send `event` with JSON `data` to every open page. */
  broadcast(event: string, data: unknown): void {
    this.send(frame(event, data));
  }

  /** End every stream (Studio is stopping). */
  close(): void {
    for (const c of this.clients) {
      try {
        c.close();
      } catch {
        // Already closed by the browser.
      }
    }
    this.clients.clear();
    this.stopKeepalive();
  }

  private send(bytes: Uint8Array): void {
    for (const c of this.clients) {
      try {
        c.enqueue(bytes);
      } catch {
        this.drop(c);
      }
    }
  }

  private drop(c: ReadableStreamDefaultController<Uint8Array>): void {
    this.clients.delete(c);
    if (this.clients.size === 0) this.stopKeepalive();
  }

  private stopKeepalive(): void {
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
  }
}

function frame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
