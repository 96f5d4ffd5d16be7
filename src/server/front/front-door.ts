/**
 * The front door: a thin TCP layer NTNT owns on the public port, in front of Bun.serve
 * (which listens on a private loopback port). It relays bytes unchanged except where Bun
 * 1.4.5 gets HTTP/1.1 wrong (docs/decisions.md, "front door"):
 * - a request pipelined behind one still in its handler makes Bun close the connection
 *   unanswered → the next request is held until the previous response has been written;
 * - a method Bun does not know closes the connection unanswered → 501 here;
 * - `Expect: 100-continue` with a Content-Length over NTNT_MAX_BODY gets Bun's automatic
 *   100 before the 413 → 413 here, at once;
 * - trailer fields after a chunked body read as a new request (a stray 400) → dropped;
 * - on shutdown the listener closes but kept-alive connections stay open, so requests on
 *   them reach the app and get its 503 + `Connection: close` instead of a reset.
 * Anything the framing check does not understand goes to Bun as is, for Bun to reject.
 */

import type { Server, Socket, TCPSocketListener, TCPSocketListenOptions } from "bun";
import { ChunkedBody, judgeHead, ResponseTracker } from "./framing";

/** How a client connection's bytes are being read. */
enum Phase {
  Head,
  Body,
  Chunked,
  /** Relayed without looking (not understood, or upgraded). */
  Opaque,
  Closed,
}

interface Conn {
  client: Socket<Conn>;
  upstream: Socket<Conn> | null;
  connecting: boolean;
  /** Client bytes not forwarded yet. */
  inbox: Buffer | null;
  /** Bytes read while a request waits for the one ahead of it, joined to `inbox` on the next pump. */
  later: Buffer[];
  laterBytes: number;
  phase: Phase;
  bodyLeft: number;
  chunks: ChunkedBody | null;
  /** A request was forwarded and its response has not been fully written back. */
  awaiting: boolean;
  headRequest: boolean;
  /** Bun will close after the response in flight: forward nothing more. */
  lastRequest: boolean;
  tracker: ResponseTracker;
  /** Bytes a socket could not take yet (backpressure), per direction. */
  toUpstream: Buffer[];
  toClient: Buffer[];
  /** End the client once `toClient` is flushed. */
  endClient: boolean;
  /** Reading from the client is paused: it sent more than HELD_LIMIT ahead of the response in flight. */
  held: boolean;
}

/** Bytes of pipelined requests read ahead of the response in flight; past it the client waits. */
const HELD_LIMIT = 1024 * 1024;

/** Settings the front door needs from the server configuration. */
export interface FrontDoorOptions {
  host: string;
  port: number;
  reusePort: boolean;
  /** Idle seconds before a silent connection is closed (0: never). */
  idleSeconds: number;
  /** NTNT_MAX_BODY: the limit an `Expect: 100-continue` request is checked against. */
  maxBody: number;
}

/** A running front door. */
export interface FrontDoor {
  port: number;
  /** The client address behind an upstream connection, by its local port. */
  peerOf(upstreamPort: number): string | undefined;
  /** Refuse new connections; open ones keep being served. */
  stopAccepting(): void;
  /** True while some connection waits for a response. */
  busy(): boolean;
  /** Close every connection and the listener. */
  close(): void;
}

/** Listen on the public address and relay to `upstream` (a Bun.serve bound to loopback). */
export function openFrontDoor(upstream: Server<unknown>, opts: FrontDoorOptions): FrontDoor {
  const conns = new Set<Conn>();
  const peers = new Map<number, string>();
  const upstreamPort = upstream.port!;

  const send = (conn: Conn, to: "client" | "upstream", bytes: Buffer): void => {
    const sock = to === "client" ? conn.client : conn.upstream;
    const queue = to === "client" ? conn.toClient : conn.toUpstream;
    if (sock === null || queue.length > 0) {
      queue.push(Buffer.from(bytes));
      return;
    }
    const n = sock.write(bytes);
    if (n < bytes.length) {
      queue.push(Buffer.from(bytes.subarray(Math.max(0, n))));
      // Stop reading from the other side until this one drains.
      (to === "client" ? conn.upstream : conn.client)?.pause();
    }
  };

  const flush = (conn: Conn, to: "client" | "upstream"): void => {
    const sock = to === "client" ? conn.client : conn.upstream;
    const queue = to === "client" ? conn.toClient : conn.toUpstream;
    if (sock === null) return;
    while (queue.length > 0) {
      const b = queue[0]!;
      const n = sock.write(b);
      if (n < b.length) {
        queue[0] = b.subarray(Math.max(0, n));
        return;
      }
      queue.shift();
    }
    if (to === "client") conn.upstream?.resume();
    else if (!conn.held) conn.client.resume();
    if (to === "client" && conn.endClient) conn.client.end();
  };

  /** Answer a request here and close: Bun would have dropped it or answered it wrongly. */
  const reply = (conn: Conn, status: number, reason: string, body: string): void => {
    const head =
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${body.length}\r\n` +
      `connection: close\r\nserver: ntnt-async\r\ndate: ${new Date().toUTCString()}\r\n\r\n`;
    conn.phase = Phase.Closed;
    conn.inbox = null;
    conn.endClient = true;
    send(conn, "client", Buffer.from(head + body, "latin1"));
    if (conn.toClient.length === 0) conn.client.end();
  };

  const forward = (conn: Conn, bytes: Buffer): void => {
    if (conn.upstream === null && !conn.connecting) connectUpstream(conn);
    send(conn, "upstream", bytes);
  };

  /** Forward what the client sent, one request at a time. */
  const pump = (conn: Conn): void => {
    if (conn.later.length > 0 && !conn.awaiting) {
      conn.inbox = Buffer.concat(conn.inbox !== null ? [conn.inbox, ...conn.later] : conn.later);
      conn.later = [];
      conn.laterBytes = 0;
    }
    for (let buf = conn.inbox; buf !== null && buf.length > 0; buf = conn.inbox) {
      switch (conn.phase) {
        case Phase.Closed:
          conn.inbox = null;
          return;
        case Phase.Opaque:
          conn.inbox = null;
          forward(conn, buf);
          return;
        case Phase.Head: {
          if (conn.awaiting || conn.lastRequest) return;
          const v = judgeHead(buf, buf.indexOf("\r\n\r\n"), opts.maxBody);
          if (v === null) return;
          if (v.kind === "unknown-method" || v.kind === "expect-too-large") {
            if (v.kind === "unknown-method") reply(conn, 501, "Not Implemented", "Not Implemented");
            else reply(conn, 413, "Payload Too Large", "Payload Too Large");
            return;
          }
          if (v.kind === "opaque") {
            conn.phase = Phase.Opaque;
            continue;
          }
          conn.awaiting = true;
          conn.headRequest = v.method === "HEAD";
          conn.inbox = buf.subarray(v.headLength);
          forward(conn, buf.subarray(0, v.headLength));
          if (v.body === "chunked") {
            conn.phase = Phase.Chunked;
            conn.chunks = new ChunkedBody();
          } else if (v.body !== "none") {
            conn.phase = Phase.Body;
            conn.bodyLeft = v.body;
          }
          break;
        }
        case Phase.Body: {
          const n = Math.min(conn.bodyLeft, buf.length);
          conn.bodyLeft -= n;
          conn.inbox = buf.subarray(n);
          forward(conn, buf.subarray(0, n));
          if (conn.bodyLeft === 0) conn.phase = Phase.Head;
          break;
        }
        case Phase.Chunked: {
          const s = conn.chunks!.step(buf);
          if (s.opaque) {
            conn.phase = Phase.Opaque;
            continue;
          }
          if (s.consumed === 0) return;
          conn.inbox = buf.subarray(s.consumed);
          if (s.forward > 0) forward(conn, buf.subarray(0, s.forward));
          if (s.done) conn.phase = Phase.Head;
          break;
        }
      }
    }
  };

  const connectUpstream = (conn: Conn): void => {
    conn.connecting = true;
    Bun.connect<Conn>({
      hostname: "127.0.0.1",
      port: upstreamPort,
      data: conn,
      socket: {
        open(up) {
          conn.connecting = false;
          if (conn.phase === Phase.Closed && conn.client.readyState !== 1) {
            up.end();
            return;
          }
          conn.upstream = up;
          peers.set(up.localPort, conn.client.remoteAddress);
          flush(conn, "upstream");
        },
        data(_up, bytes) {
          send(conn, "client", bytes);
          const done = conn.tracker.feed(bytes, conn.headRequest);
          if (conn.tracker.upgraded) {
            conn.phase = Phase.Opaque;
            conn.awaiting = false;
          } else if (done > 0) {
            conn.awaiting = false;
            if (conn.tracker.closeAfter) conn.lastRequest = true;
          }
          pump(conn);
          if (conn.held && conn.laterBytes <= HELD_LIMIT) {
            conn.held = false;
            if (conn.toUpstream.length === 0) conn.client.resume();
          }
        },
        drain() {
          flush(conn, "upstream");
        },
        close(up) {
          peers.delete(up.localPort);
          conn.upstream = null;
          conn.phase = Phase.Closed;
          conn.inbox = null;
          conn.endClient = true;
          if (conn.toClient.length === 0) conn.client.end();
        },
        error() {},
      },
    }).catch(() => {
      conn.connecting = false;
      conn.phase = Phase.Closed;
      conn.client.end();
    });
  };

  // `reusePort` (SO_REUSEPORT, for --workers) works but is missing from Bun 1.4.5's types.
  const listenOptions: TCPSocketListenOptions<Conn> & { reusePort: boolean } = {
    hostname: opts.host,
    port: opts.port,
    reusePort: opts.reusePort,
    socket: {
      open(client) {
        const conn: Conn = {
          client,
          upstream: null,
          connecting: false,
          inbox: null,
          later: [],
          laterBytes: 0,
          phase: Phase.Head,
          bodyLeft: 0,
          chunks: null,
          awaiting: false,
          headRequest: false,
          lastRequest: false,
          tracker: new ResponseTracker(),
          toUpstream: [],
          toClient: [],
          endClient: false,
          held: false,
        };
        client.data = conn;
        conns.add(conn);
        if (opts.idleSeconds > 0) client.timeout(opts.idleSeconds);
      },
      data(client, bytes) {
        const conn = client.data;
        if (conn.awaiting && conn.phase === Phase.Head) {
          // Pipelined behind a response still in flight: keep it aside, and past the limit stop reading.
          conn.later.push(bytes);
          conn.laterBytes += bytes.length;
          if (conn.laterBytes > HELD_LIMIT) {
            conn.held = true;
            client.pause();
          }
          return;
        }
        conn.inbox = conn.inbox !== null && conn.inbox.length > 0 ? Buffer.concat([conn.inbox, bytes]) : bytes;
        pump(conn);
      },
      drain(client) {
        flush(client.data, "client");
      },
      timeout(client) {
        client.end();
      },
      close(client) {
        const conn = client.data;
        conn.phase = Phase.Closed;
        conn.inbox = null;
        conns.delete(conn);
        conn.upstream?.end();
      },
      error() {},
    },
  };
  const listener: TCPSocketListener<Conn> = Bun.listen<Conn>(listenOptions);

  return {
    port: listener.port,
    peerOf: (port) => peers.get(port),
    stopAccepting: () => listener.stop(false),
    busy: () => {
      for (const c of conns) if (c.awaiting) return true;
      return false;
    },
    close() {
      for (const c of conns) {
        c.client.end();
        c.upstream?.end();
      }
      listener.stop(true);
    },
  };
}
