import { expect, test } from "bun:test";
import { display } from "../../src/runtime/display";
import { NArray, NFunction, NMap, type NNative, NStruct, Some, type Value } from "../../src/runtime/values";
import { newProgramLoad } from "../../src/runtime/rt";
import mod, { setSenderProbe } from "../../src/stdlib/concurrent";
import { caller } from "./native-call";

const { show, raw } = caller(mod);

test("send and receive in FIFO order", () => {
  const ch = raw("channel") as Value;
  expect(show("send", ch, 1)).toBe("true");
  expect(show("send", ch, NArray.of(["x"]))).toBe("true");
  expect(show("recv", ch)).toBe("1");
  expect(show("try_recv", ch)).toBe("Option::Some([x])");
  expect(show("try_recv", ch)).toBe("Option::None");
  expect(show("recv_timeout", ch, 0)).toBe("Option::None");
});

test("values travel like the reference's serialisation", () => {
  const ch = raw("channel") as Value;
  raw("send", ch, new NStruct("P", new Map([["x", 1]])));
  raw("send", ch, NMap.fromObject({ __type: "Q", y: 2 }));
  raw("send", ch, Some(3));
  expect(show("recv", ch)).toBe("P { x: 1 }");
  expect(show("recv", ch)).toBe("Q { y: 2 }");
  expect(show("recv", ch)).toBe("Option::Some(3)");
  expect(show("send", ch, new NFunction("f", 0, 0, () => undefined, false))).toBe(
    "ERR Type error: Only primitive types (Int, Float, String, Bool, Array, Map) can be sent through channels",
  );
});

test("close: later sends fail, queued values remain, then recv gives ()", () => {
  const ch = raw("channel") as Value;
  raw("send", ch, "a");
  expect(show("close", ch)).toBe("true");
  expect(show("send", ch, "b")).toBe("false");
  expect(show("recv", ch)).toBe("a");
  expect(show("recv", ch)).toBe("()");
  expect(show("close", NMap.fromObject({ _channel_id: 999999 }))).toBe("false");
  expect(show("recv", NMap.fromObject({ _channel_id: 999999 }))).toBe("ERR Runtime error: Invalid channel");
  expect(show("recv", 5)).toBe("ERR Type error: Expected a Channel");
});

test("recv on an empty channel with no possible sender fails instead of hanging", async () => {
  const ch = raw("channel") as Value;
  const r = raw("recv", ch);
  expect(r).toBeInstanceOf(Promise);
  await expect(r).rejects.toThrow("Runtime error: recv() on empty channel would block forever");
});

test("recv_timeout suspends until a value arrives or time runs out", async () => {
  const ch = raw("channel") as Value;
  setTimeout(() => raw("send", ch, 7), 5);
  expect(display(await raw("recv_timeout", ch, 1000))).toBe("Option::Some(7)");
  const start = Date.now();
  expect(display(await raw("recv_timeout", ch, 30))).toBe("Option::None");
  expect(Date.now() - start).toBeGreaterThanOrEqual(25);
});

test("with a server running, recv waits for a handler to send", async () => {
  setSenderProbe(async () => true);
  const ch = raw("channel") as Value;
  setTimeout(() => raw("send", ch, "late"), 10);
  expect(await raw("recv", ch)).toBe("late");
  const pending = raw("recv", ch);
  setTimeout(() => raw("close", ch), 5);
  expect(await pending).toBe(undefined);
  setSenderProbe(null);
});

test("a channel belongs to the program load that made it: retiring the load drops it and wakes its receivers", async () => {
  setSenderProbe(async () => true);
  const load = newProgramLoad(".");
  const ch = (mod.members.channel as NNative).fn([], load.native) as Value;
  const other = raw("channel") as Value;
  const pending = raw("recv", ch);
  load.retire();
  expect(await pending).toBe(undefined);
  expect(show("recv", ch)).toBe("ERR Runtime error: Invalid channel");
  raw("send", other, 1);
  expect(show("recv", other)).toBe("1");
  setSenderProbe(null);
});

test("sleep_ms really waits; thread_count", async () => {
  expect(raw("sleep_ms", 0)).toBe(undefined);
  const start = Date.now();
  await raw("sleep_ms", 30);
  expect(Date.now() - start).toBeGreaterThanOrEqual(25);
  expect(show("sleep_ms", "x")).toBe("ERR Type error: sleep_ms requires an integer");
  expect(raw("thread_count") as number).toBeGreaterThanOrEqual(1);
});
