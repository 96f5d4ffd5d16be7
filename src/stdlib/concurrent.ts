/**
 * std/concurrent (stdlib.md §12): unbounded FIFO channels in a process-wide registry, and
 * `sleep_ms`. Waiting really suspends (returns a Promise), so a channel can connect
 * concurrently running code such as HTTP handlers. A `recv` that can never be satisfied
 * (no server running, or the event loop ran dry) fails instead of hanging (Rec §12).
 */

import { availableParallelism } from "node:os";
import { declare } from "../runtime/declaration";
import { runtimeError, typeError } from "../runtime/errors";
import { NArray, NEnum, NFloat, NMap, NONE, NStruct, Some, isInt, type NativeContext, type Value } from "../runtime/values";
import type { TypeTable } from "../runtime/type-table";
import { defineModule, native } from "./module";

interface Waiter {
  resolve: (v: Value) => void;
  reject: (e: Error) => void;
  /** For recv_timeout: wraps the value in Some and clears the timer. */
  timer?: ReturnType<typeof setTimeout>;
}

interface Channel {
  queue: Value[];
  closed: boolean;
  waiters: Waiter[];
}

/**
 * The open channels by the id their handle carries. Module level because a handle is a plain
 * Map (it is copied when sent through a channel), so only a process-wide id finds the channel;
 * each channel belongs to the program load that made it, and retiring that load (after a hot
 * reload) drops it.
 */
const registry = new Map<number, Channel>();
let nextId = 1;

/** Close a channel: blocked receivers of an empty one get `()` (recv) or None (recv_timeout). */
function closeChannel(c: Channel): void {
  c.closed = true;
  for (const w of c.waiters.splice(0)) {
    if (w.timer !== undefined) {
      clearTimeout(w.timer);
      w.resolve(NONE);
    } else {
      blockedRecvs.delete(w);
      w.resolve(undefined);
    }
  }
}

const SEND_ERROR = "Only primitive types (Int, Float, String, Bool, Array, Map) can be sent through channels";

/**
 * What the receiver gets: the reference serialises values, so structs and enums travel
 * as tagged maps and any map carrying those tags arrives as a struct/enum (of the type that
 * name has in `types`, the sending program's).
 */
function transfer(v: Value, types: TypeTable): Value {
  if (v === undefined || isInt(v) || typeof v === "boolean") return v;
  if (typeof v === "string" || v instanceof NFloat) return v;
  if (v instanceof NArray) return new NArray(v.elements().map((x) => transfer(x, types)));
  if (v instanceof NStruct) return new NStruct(v.type, mapValues(v.fields, types));
  if (v instanceof NEnum)
    return new NEnum(
      v.enumName,
      v.variant,
      v.values.map((x) => transfer(x, types)),
    );
  if (v instanceof NMap) {
    const fields = mapValues(v.entries, types);
    const en = fields.get("__enum");
    const variant = fields.get("__variant");
    const values = fields.get("__values");
    if (typeof en === "string" && typeof variant === "string" && values instanceof NArray) {
      return new NEnum(en, variant, values.toArray());
    }
    const type = fields.get("__type");
    if (typeof type === "string") {
      fields.delete("__type");
      return new NStruct(types.type(type), fields);
    }
    return new NMap(fields);
  }
  throw typeError(SEND_ERROR);
}

function mapValues(m: Map<string, Value>, types: TypeTable): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [k, v] of m) out.set(k, transfer(v, types));
  return out;
}

function channelOf(ch: Value): Channel {
  const id = ch instanceof NMap ? ch.get("_channel_id") : undefined;
  if (typeof id !== "number" && typeof id !== "bigint") throw typeError("Expected a Channel");
  const c = registry.get(Number(id));
  if (!c) throw runtimeError("Invalid channel");
  return c;
}

/** Waiters of `recv` with no possible sender are failed once the event loop runs dry. */
const blockedRecvs = new Set<Waiter>();
process.on("beforeExit", () => {
  for (const w of blockedRecvs) w.reject(runtimeError("recv() on empty channel would block forever"));
  blockedRecvs.clear();
});

function wait(c: Channel, ms: number | null): Promise<Value> {
  return new Promise<Value>((resolve, reject) => {
    const w: Waiter = { resolve, reject };
    if (ms === null) blockedRecvs.add(w);
    else {
      w.timer = setTimeout(() => {
        c.waiters.splice(c.waiters.indexOf(w), 1);
        resolve(NONE);
      }, ms);
    }
    c.waiters.push(w);
  });
}

/**
 * Program code runs sequentially, so only HTTP handlers of a running server can send while
 * the program waits; without a server the wait could never end.
 */
async function blockingRecv(c: Channel, ctx: NativeContext): Promise<Value> {
  const possible = await senderProbe(ctx);
  if (c.queue.length > 0) return c.queue.shift();
  if (c.closed) return undefined;
  if (!possible) throw runtimeError("recv() on empty channel would block forever");
  return wait(c, null);
}

/** Whether the calling program has a server running (its handlers could send). */
const serverRunning = async (ctx: NativeContext): Promise<boolean> => (await import("../server/context")).programContext(ctx.load).running !== null;
let senderProbe = serverRunning;

/** Replace the "could anything still send?" check (tests producing from JS); null restores it. */
export function setSenderProbe(probe: ((ctx: NativeContext) => Promise<boolean>) | null): void {
  senderProbe = probe ?? serverRunning;
}

/** Hand a value to the oldest waiter, or queue it. */
function deliver(c: Channel, v: Value): void {
  const w = c.waiters.shift();
  if (!w) {
    c.queue.push(v);
    return;
  }
  if (w.timer !== undefined) {
    clearTimeout(w.timer);
    w.resolve(Some(v));
  } else {
    blockedRecvs.delete(w);
    w.resolve(v);
  }
}

const intMs = (v: Value): number | null => (isInt(v) ? Number(v) : null);

export default defineModule(
  "std/concurrent",
  {
    channel: declare(
      "channel() -> Map<String, Any>",
      "A new channel for passing values between tasks.",
      "let ch = channel()",
      native("channel", [0, -1], (_, ctx) => {
        const id = nextId++;
        const c: Channel = { queue: [], closed: false, waiters: [] };
        registry.set(id, c);
        ctx.load.track(() => {
          registry.delete(id);
          closeChannel(c);
        });
        return new NMap(
          new Map<string, Value>([
            ["_channel_id", id],
            ["type", "Channel"],
          ]),
        );
      }),
    ),

    send: declare(
      "send(channel: Map<String, Any>, value: Any) -> Bool",
      "Queue a copy of value; false when the channel is closed.",
      "send(ch, 42)  // true",
      native("send", 2, ([ch, v], ctx) => {
        const c = channelOf(ch);
        const copy = transfer(v, ctx.load.types);
        if (c.closed) return false;
        deliver(c, copy);
        return true;
      }),
    ),

    recv: declare(
      "recv(channel: Map<String, Any>) -> Any",
      "The next value, waiting until one is available.",
      "recv(ch)  // 42",
      native(
        "recv",
        1,
        ([ch], ctx) => {
          const c = channelOf(ch);
          if (c.queue.length > 0) return c.queue.shift();
          if (c.closed) return undefined;
          return blockingRecv(c, ctx);
        },
        { mayAsync: true },
      ),
    ),

    try_recv: declare(
      "try_recv(channel: Map<String, Any>) -> Any?",
      "Some(next value) or None without waiting.",
      "try_recv(ch)  // None",
      native("try_recv", 1, ([ch]) => {
        const c = channelOf(ch);
        return c.queue.length > 0 ? Some(c.queue.shift()) : NONE;
      }),
    ),

    recv_timeout: declare(
      "recv_timeout(channel: Map<String, Any>, ms: Int) -> Any?",
      "Some(next value), or None after ms milliseconds.",
      "recv_timeout(ch, 100)",
      native(
        "recv_timeout",
        2,
        ([ch, ms]) => {
          const t = intMs(ms);
          if (t === null) throw typeError("recv_timeout requires (channel, int_millis)");
          const c = channelOf(ch);
          if (c.queue.length > 0) return Some(c.queue.shift());
          if (c.closed || t <= 0) return NONE;
          return wait(c, t);
        },
        { mayAsync: true },
      ),
    ),

    close: declare(
      "close(channel: Map<String, Any>) -> Bool",
      "Close the channel; queued values can still be received.",
      "close(ch)  // true",
      native("close", 1, ([ch]) => {
        const id = ch instanceof NMap ? ch.get("_channel_id") : undefined;
        if (typeof id !== "number" && typeof id !== "bigint") throw typeError("Expected a Channel");
        const c = registry.get(Number(id));
        if (!c) return false;
        closeChannel(c);
        return true;
      }),
    ),

    sleep_ms: declare(
      "sleep_ms(ms: Int) -> ()",
      "Pause this task for ms milliseconds.",
      "sleep_ms(50)",
      native(
        "sleep_ms",
        1,
        ([ms]) => {
          const t = intMs(ms);
          if (t === null) throw typeError("sleep_ms requires an integer");
          if (t <= 0) return undefined;
          return new Promise<Value>((resolve) => setTimeout(() => resolve(undefined), t));
        },
        { mayAsync: true },
      ),
    ),

    thread_count: declare(
      "thread_count() -> Int",
      "The number of CPUs available.",
      "thread_count()  // 8",
      native("thread_count", [0, -1], () => Math.max(1, availableParallelism())),
    ),
  },
  "Channels between concurrent tasks and sleep_ms",
);
