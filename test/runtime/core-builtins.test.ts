import { expect, test } from "bun:test";
import { coreBuiltins } from "../../src/runtime/core-builtins";
import { display } from "../../src/runtime/display";
import { newProgramLoad } from "../../src/runtime/rt";
import { NArray, NFloat, NMap, NNative, NONE, Err, Ok, Some, type NativeContext, type Value } from "../../src/runtime/values";

const ctx: NativeContext = { ...newProgramLoad(".").native, call: (f, a) => (f as NNative).fn(a, ctx) };
const call = (name: string, ...args: Value[]) => (coreBuiltins[name] as NNative).fn(args, ctx);
const show = (name: string, ...args: Value[]): string => {
  try {
    return display(call(name, ...args) as Value);
  } catch (e) {
    return "ERR " + (e as Error).message;
  }
};
const F = (x: number) => new NFloat(x);

test("conversions", () => {
  expect(show("int", "42")).toBe("42");
  expect(show("int", "+7")).toBe("7");
  expect(show("int", F(-3.99))).toBe("-3");
  expect(show("int", true)).toBe("1");
  expect(show("int", "3.5")).toBe("ERR Type error: Cannot parse as int");
  expect(show("int", " 1")).toBe("ERR Type error: Cannot parse as int");
  expect(show("int", "9223372036854775808")).toBe("ERR Type error: Cannot parse as int");
  expect(call("int", "-9223372036854775808")).toBe(-9223372036854775808n);
  expect(show("int", NONE)).toBe("ERR Type error: Cannot convert to int");
  expect(show("float", "1e3")).toBe("1000");
  expect(show("float", ".5")).toBe("0.5");
  expect(show("float", "5.")).toBe("5");
  expect(show("float", "-inf")).toBe("-inf");
  expect(show("float", "NaN")).toBe("NaN");
  expect(show("float", "x")).toBe("ERR Type error: Cannot parse as float");
  expect(call("float", 3)).toEqual(F(3));
  expect(show("str", NArray.of([1, F(2)]))).toBe("[1, 2]");
  expect(show("type", F(1))).toBe("Float");
});

test("len, push, assert", () => {
  expect(call("len", "héllo")).toBe(6);
  expect(call("len", NArray.of([1, 2]))).toBe(2);
  expect(call("len", NMap.fromObject({ a: 1 }))).toBe(1);
  expect(show("len", 5)).toBe("ERR Type error: len() requires a string or array");
  const a = NArray.of([1]);
  expect(show("push", a, 2)).toBe("[1, 2]");
  expect(show("push", 1, 2)).toBe("ERR Type error: push() requires an array");
  expect(show("assert", 0)).toBe("()");
  expect(show("assert", false)).toBe("ERR Contract violation: Assertion failed");
});

test("math builtins", () => {
  expect(show("round", F(-2.5))).toBe("-3");
  expect(show("round", F(2.5))).toBe("3");
  expect(call("round", F(2.5))).toBe(3);
  expect(show("round", F(3.14159), 2)).toBe("3.14");
  expect(call("round", F(3.7), 0)).toEqual(F(4));
  expect(show("round")).toBe("ERR Type error: round() requires 1 or 2 arguments");
  expect(show("round", "x")).toBe("ERR Type error: round() requires a number as first argument");
  expect(show("round", F(1), F(1))).toBe("ERR Type error: round() requires an integer for decimal places");
  expect(show("round", F(1), -1)).toBe("ERR Type error: round() decimal places must be non-negative");
  expect(call("floor", F(-1.5))).toBe(-2);
  expect(call("ceil", F(1.2))).toBe(2);
  expect(call("trunc", F(-1.7))).toBe(-1);
  expect(show("sqrt", 16)).toBe("4");
  expect(show("sqrt", -1)).toBe("ERR Runtime error: sqrt() of negative number");
  expect(call("pow", 2, 10)).toBe(1024);
  expect(call("pow", 2, 62)).toBe(2n ** 62n);
  expect(show("pow", 2, 63)).toBe("ERR Runtime error: Integer overflow");
  expect(show("pow", 2, -1)).toBe("0.5");
  expect(show("pow", F(2), 3)).toBe("8");
  expect(call("pow", -1, 1000001)).toBe(-1);
  expect(call("abs", -5)).toBe(5);
  expect(show("abs", -9223372036854775808n)).toBe("ERR Runtime error: Integer overflow");
  expect(call("min", 1, 2)).toBe(1);
  expect(call("min", 1, F(2.5))).toEqual(F(1));
  expect(call("max", F(Number.NaN), 3)).toEqual(F(3));
  expect(show("min", "a", 1)).toBe("ERR Type error: min() requires numbers");
  expect(call("sign", F(-0.5))).toBe(-1);
  expect(call("sign", 0)).toBe(0);
  expect(call("clamp", 15, 0, 10)).toBe(10);
  expect(call("clamp", F(-1), F(0), F(1))).toEqual(F(0));
  expect(show("clamp", 1, F(0), 2)).toBe("ERR Type error: clamp() requires numbers of same type");
});

test("Option and Result helpers", () => {
  expect(call("is_some", Some(1))).toBe(true);
  expect(call("is_none", NONE)).toBe(true);
  expect(show("is_some", Ok(1))).toBe("ERR Type error: is_some() requires an Option");
  expect(call("is_err", Err("e"))).toBe(true);
  expect(show("is_ok", 1)).toBe("ERR Type error: is_ok() requires a Result");
  expect(call("unwrap", Some(5))).toBe(5);
  expect(show("unwrap", NONE)).toBe("ERR Runtime error: Called unwrap() on None");
  expect(show("unwrap", Err(NArray.of([1])))).toBe("ERR Runtime error: Called unwrap() on Err([1])");
  expect(show("unwrap", 3)).toBe("ERR Type error: unwrap() requires Option or Result");
  expect(call("unwrap_or", Err("e"), 7)).toBe(7);
  expect(call("unwrap_or", Ok(1), 7)).toBe(1);
  expect(show("unwrap_or", 3, 7)).toBe("ERR Type error: unwrap_or() requires Option or Result");
  expect(display(coreBuiltins.None)).toBe("Option::None");
});

test("filter and transform: synchronous callbacks stay synchronous", () => {
  const odd = new NNative("odd", 1, 1, ([x]) => (x as number) % 2 === 1);
  const dbl = new NNative("dbl", 1, 1, ([x]) => (x as number) * 2);
  const r = call("filter", NArray.of([1, 2, 3]), odd);
  expect(r).not.toBeInstanceOf(Promise);
  expect(display(r as Value)).toBe("[1, 3]");
  expect(display(call("transform", NArray.of([1, 2]), dbl) as Value)).toBe("[2, 4]");
  expect(show("filter", 1, odd)).toBe("ERR Type error: filter() requires an array as first argument");
  expect(show("transform", 1, odd)).toBe("ERR Type error: transform() requires an array as first argument");
});

test("filter and transform continue asynchronously once a callback suspends", async () => {
  const slow = new NNative("slow", 1, 1, ([x]) => (x === 2 ? Promise.resolve(20) : (x as number) * 10), true);
  const r = call("transform", NArray.of([1, 2, 3]), slow);
  expect(r).toBeInstanceOf(Promise);
  expect(display(await r)).toBe("[10, 20, 30]");
  const keep = new NNative("keep", 1, 1, ([x]) => Promise.resolve(x !== 2));
  expect(display(await call("filter", NArray.of([1, 2, 3]), keep))).toBe("[1, 3]");
});
