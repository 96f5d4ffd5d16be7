/**
 * Serving a registry with Bun.serve (spec §12–13): binding, the banner, keep-alive and body
 * limits, atomic app swaps (hot reload), and graceful shutdown on SIGTERM/SIGINT.
 */

import { Elysia } from "./load-elysia";
import { flushStdout } from "../runtime/stdout";
import { display } from "../runtime/display";
import type { Value } from "../runtime/values";
import { invoke } from "./invoke";
import { errorLog, flushAccessLog, serverNote } from "./log";
import type { RouteRegistry } from "./route-registry";
import { buildApp, type BuiltApp } from "./router";
import type { LiveState, ServerContext } from "./context";
import { openTransport, type Transport } from "./front/transport";
import { withBody } from "./front/tags";

/** Where and how to bind. */
export interface ServeOptions {
  port: number;
  host: string;
  /** Bind with SO_REUSEPORT (worker processes share the port). */
  reusePort?: boolean;
  /** Install SIGTERM/SIGINT handlers that drain and stop. */
  signals?: boolean;
}

/** A running server. */
export interface Running {
  port: number;
  /** Replace the app being served (in-flight requests finish on the old one). */
  swap(reg: RouteRegistry): void;
  /** Graceful stop: refuse new work, drain, run on_shutdown handlers, close. */
  shutdown(): Promise<void>;
  /** Settles once the server has fully stopped. */
  stopped: Promise<void>;
  registry(): RouteRegistry;
}

/** The plain 500 of `sc`'s server for an error that escaped its fetch handler, logged. */
function serverError(sc: ServerContext, err: Error): Response {
  errorLog(sc, "Server error", err.message, null, null);
  const body = "Internal Server Error";
  return withBody(new Response(body, { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } }), body);
}

/** The route handler of the host app: the current registry's fetch handler, bound to the server's context. */
function handOver(this: ServerContext, context: { request: Request }): Response | Promise<Response> {
  try {
    return this.live.fetch!(context.request);
  } catch (err) {
    return serverError(this, err instanceof Error ? err : new Error(String(err)));
  }
}

/**
 * The Elysia app that hosts the server (public API only). It registers one catch-all route
 * (http-server.md §13.10) that hands every request, whatever its method, to the current
 * registry's fetch handler, so NTNT's own matcher decides precedence, 404/405 and hot-reload
 * swaps. The body is never parsed by Elysia (`parse: "none"`): the handler reads it as raw
 * bytes (that parse hook makes the composed handler asynchronous, which costs well under
 * 0.1 µs; docs/decisions.md). The handler is a bound function: Elysia's analysis of a
 * handler's source then finds no context fields to prepare, about 0.4 µs of CPU less per
 * request in-process than an arrow function; what is answered does not depend on that
 * analysis (`parse: "none"` is explicit).
 */
export function hostApp(sc: ServerContext) {
  return new Elysia().all("*", handOver.bind(sc), { parse: "none" });
}

/**
 * Bind and start serving `reg` as the server `sc` describes (its configuration, counters and
 * current fetch handler are this server's alone); throws an Error with the OS reason when
 * binding fails. Every request goes through the Elysia host to the current app's fetch
 * handler (src/server/router.ts), before and after a hot reload alike; a reload only replaces
 * that handler.
 */
export function startServer(sc: ServerContext, reg: RouteRegistry, opts: ServeOptions): Running {
  const live = sc.live;
  const c = sc.config;
  let app: BuiltApp = buildApp(sc, reg);
  live.fetch = app.fetch;
  const idle = c.timeoutMs === 0 ? 0 : Math.min(255, Math.max(120, Math.ceil(c.timeoutMs / 1000) + 10));
  const fetch = hostApp(sc).fetch;
  const onError = (err: Error) => serverError(sc, err);
  // NTNT's own HTTP/1.1 transport (front/transport.ts) or Bun.serve; both call the Elysia host's fetch.
  const front: Transport | null = c.frontDoor
    ? openTransport({
        host: opts.host,
        port: opts.port,
        reusePort: opts.reusePort ?? false,
        idleSeconds: idle,
        maxConnections: c.maxConnections,
        requestSeconds: Math.ceil(c.timeoutMs / 1000),
        fetch,
        onError,
      })
    : null;
  const server =
    front === null
      ? Bun.serve({
          port: opts.port,
          hostname: opts.host,
          reusePort: opts.reusePort ?? false,
          idleTimeout: idle,
          // Our own limit answers 413 with a body (and stops streaming); Bun's would send an empty 413 first.
          maxRequestBodySize: Number.MAX_SAFE_INTEGER,
          development: false,
          error: onError,
          fetch,
        })
      : null;
  live.server = server;
  live.front = front;
  live.draining = false;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let shuttingDown: Promise<void> | null = null;

  const shutdown = (): Promise<void> =>
    (shuttingDown ??= (async () => {
      live.draining = true;
      // Event streams never end by themselves: close them so the drain can finish.
      sc.streams.closeAll();
      const limit = sc.config.shutdownTimeoutMs;
      const until = Date.now() + limit;
      if (front) {
        // Kept-alive connections stay open: requests on them get the app's 503 + Connection: close.
        front.stopAccepting();
        // Requests already sent may still wait in the sockets: let the event loop read them before deciding nothing is in flight.
        await Bun.sleep(50);
        // A busy process may see the timer before the readable sockets: let the loop poll once more.
        await new Promise((r) => setImmediate(r));
        await Bun.sleep(0);
        await drain(live, limit);
        while (front.busy() && Date.now() < until) await Bun.sleep(5);
      } else if (server !== null) {
        const closed = server.stop(false);
        await drain(live, limit);
        // Our handlers are done; give Bun the time to write those last responses out.
        await Promise.race([closed, Bun.sleep(Math.max(0, Math.min(until - Date.now(), 2000)))]);
        while (server.pendingRequests > 0 && Date.now() < until) await Bun.sleep(5);
      }
      await runShutdownHandlers(sc, app.registry);
      front?.close();
      server?.stop(true);
      flushAccessLog();
      removeSignals();
      live.server = null;
      live.front = null;
      live.fetch = null;
      resolveStopped();
    })());

  let signalsSeen = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signalsSeen++;
    if (signalsSeen > 1) {
      flushStdout();
      process.exit(sig === "SIGINT" ? 130 : 143);
    }
    // Under --workers only the first worker speaks for the group.
    const quiet = sc.secondaryWorker;
    if (!quiet) serverNote(sc, "\n🛑 Shutdown signal received, stopping server...\n");
    void shutdown().then(() => quiet || serverNote(sc, "\n🛑 Server shutting down...\n"));
  };
  const removeSignals = () => {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  };
  if (opts.signals) {
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  }

  return {
    port: front?.port ?? server?.port ?? opts.port,
    swap(next: RouteRegistry) {
      app = buildApp(sc, next);
      live.fetch = app.fetch;
    },
    shutdown,
    stopped,
    registry: () => app.registry,
  };
}

/** Wait until no request of the server `live` describes is in flight, or the drain limit passes. */
function drain(live: LiveState, limitMs: number): Promise<void> {
  if (live.inflight === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      live.onIdle = null;
      resolve();
    }, limitMs);
    live.onIdle = () => {
      clearTimeout(t);
      live.onIdle = null;
      resolve();
    };
  });
}

/** Run the on_shutdown handlers of `sc`'s server in registration order; errors are reported, not fatal. */
async function runShutdownHandlers(sc: ServerContext, reg: RouteRegistry): Promise<void> {
  if (reg.shutdown.length === 0) return;
  serverNote(sc, "Running shutdown handlers...\n");
  for (const fn of reg.shutdown) {
    try {
      const r = invoke(fn, []);
      if (r instanceof Promise) await r;
    } catch (e) {
      errorLog(sc, "Shutdown handler error", e instanceof Error ? e.message : display(e as Value), null, null);
    }
  }
  flushStdout();
}
