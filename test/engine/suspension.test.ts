import { describe, expect, test } from "bun:test";
import { callValue } from "../../src/engine/index";
import { display } from "../../src/runtime/display";
import type { NFunction, Value } from "../../src/runtime/values";
import { load, runCli } from "./helpers";

describe("sync unless it can suspend", () => {
  test("a function calling sleep_ms is async, one that does not is sync", async () => {
    const env = await load(`
      import { sleep_ms } from "std/concurrent"
      fn slow(x) { sleep_ms(1); return x }
      fn fast(x) { return x + 1 }
      fn calls_slow(x) { return slow(x) }
      fn calls_fast(x) { return fast(x) }
    `);
    const fn = (n: string) => env.get(n) as NFunction;
    expect(fn("slow").mayAsync).toBe(true);
    expect(fn("calls_slow").mayAsync).toBe(true);
    expect(fn("fast").mayAsync).toBe(false);
    expect(fn("calls_fast").mayAsync).toBe(false);
    expect(callValue(fn("fast"), [1])).toBe(2);
    const r = callValue(fn("calls_slow"), [5]);
    expect(r).toBeInstanceOf(Promise);
    expect(await r).toBe(5);
  });

  test("suspended calls interleave", async () => {
    const env = await load(`
      import { sleep_ms } from "std/concurrent"
      let log = []
      fn worker(name, ms) { sleep_ms(ms); log = push(log, name); return name }
      fn get_log() { return log }
    `);
    const worker = env.get("worker")!;
    const a = callValue(worker, ["a", 40]);
    const b = callValue(worker, ["b", 5]);
    expect(await Promise.race([a, b])).toBe("b");
    await Promise.all([a, b]);
    expect(display(callValue(env.get("get_log")!, []) as Value)).toBe("[b, a]");
  });

  test("functions passed to natives may suspend (filter with an async callback)", async () => {
    const { code, out, err } = await runCli(`
      import { sleep_ms } from "std/concurrent"
      fn keep(x) { sleep_ms(1); return x > 1 }
      fn run() { return filter([1, 2, 3], keep) }
      print(run())
    `);
    expect(err).toBe("");
    expect(out).toBe("[2, 3]\n");
    expect(code).toBe(0);
  });

  test("top level awaits suspending calls in order", async () => {
    const { out } = await runCli(`
      import { sleep_ms } from "std/concurrent"
      print("a"); sleep_ms(5); print("b")
      fn f() { sleep_ms(1); return "c" }
      print(f())
    `);
    expect(out).toBe("a\nb\nc\n");
  });
});
