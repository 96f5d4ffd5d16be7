/** Test helpers: start the real server on 127.0.0.1:<ephemeral> with handlers built as natives. */

import { connect } from "node:net";
import { serveOptions, type ServerConfig } from "../../src/server/serve-options";
import { RouteRegistry } from "../../src/server/route-registry";
import { startServer, type Running } from "../../src/server/server";
import httpServer from "../../src/stdlib/http-server";
import { NNative, type NMap, type CallResult, type NativeContext, type Value } from "../../src/runtime/values";
import { ServerContext } from "../../src/server/context";
import { newProgramLoad } from "../../src/runtime/rt";

export const ctx: NativeContext = { ...newProgramLoad(process.cwd()).native, call: () => undefined };

/** Call a std/http/server helper (text, json, …) directly. */
export function helper(name: string, ...args: Value[]): Value {
  const fn = httpServer.members[name] as NNative;
  return fn.fn(args, ctx) as Value;
}

/** A one-argument handler native. */
export function h(fn: (req: NMap) => CallResult, name = "handler"): NNative {
  return new NNative(name, 1, 1, ([req]) => fn(req as NMap));
}

/** A test configuration: environment defaults without the access log, plus overrides. */
export function testConfig(over: Partial<ServerConfig> = {}, env: Record<string, string> = {}): ServerConfig {
  return { ...serveOptions({}, env), accessLog: false, ...over };
}

export interface TestServer {
  base: string;
  /** The server's own context (configuration, live counters). */
  context: ServerContext;
  port: number;
  running: Running;
  registry: RouteRegistry;
  close(): Promise<void>;
}

/** Build a registry with `setup` and serve it with the config on a context of its own. */
export async function serve(setup: (reg: RouteRegistry) => void, over: Partial<ServerConfig> = {}, env: Record<string, string> = {}): Promise<TestServer> {
  const sc = new ServerContext();
  sc.config = testConfig(over, env);
  const reg = new RouteRegistry();
  sc.registry = reg;
  setup(reg);
  const running = startServer(sc, reg, { port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${running.port}`;
  return { base, context: sc, port: running.port, running, registry: reg, close: () => running.shutdown() };
}

/** Send raw bytes on a fresh TCP connection; resolves with everything read until close or `untilMs`. */
export function raw(port: number, text: string | Buffer, untilMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    let out = "";
    const done = () => {
      clearTimeout(t);
      sock.destroy();
      resolve(out);
    };
    const t = setTimeout(done, untilMs);
    sock.on("data", (d) => (out += d.toString("latin1")));
    sock.on("end", done);
    sock.on("error", done);
    sock.write(text);
  });
}

/** Status code of a raw HTTP response text. */
export function rawStatus(resp: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(resp)?.[1] ?? 0);
}

/** Poll `cond` every 20 ms for at most `ms`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await Bun.sleep(20);
  }
  return false;
}

/** A native that resolves after `ms` (stands in for sleep_ms / an HTTP call / a database query). */
export function sleeping(ms: number, reply: () => Value): NNative {
  return new NNative("slow", 1, 1, () => new Promise<Value>((r) => setTimeout(() => r(reply()), ms)), true);
}

/** Send several requests one after another on one TCP connection; resolves with all responses read. */
export function rawSequence(port: number, requests: string[], gapMs = 100): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    let out = "";
    sock.on("data", (d) => (out += d.toString("latin1")));
    sock.on("error", () => resolve(out));
    sock.on("connect", async () => {
      for (const r of requests) {
        sock.write(r);
        await Bun.sleep(gapMs);
      }
      sock.destroy();
      resolve(out);
    });
  });
}
