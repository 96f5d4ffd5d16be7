import { expect, test } from "bun:test";
import { NFloat } from "../../src/runtime/values";
import mod from "../../src/stdlib/math";
import { caller } from "./native-call";

const { show, raw } = caller(mod);

test("constants and functions return Floats", () => {
  expect(mod.members.PI).toEqual(new NFloat(Math.PI));
  expect(mod.members.TAU).toEqual(new NFloat(2 * Math.PI));
  expect(raw("sin", 0)).toEqual(new NFloat(0));
  expect(show("asin", 2)).toBe("NaN");
  expect(show("degrees", new NFloat(Math.PI))).toBe("180");
  expect(show("hypot", 3, 4)).toBe("5");
  expect(show("sin", "x")).toBe("ERR Type error: sin() requires a number");
  expect(show("atan2", 1, "x")).toBe("ERR Type error: atan2() requires numbers");
  expect("sqrt" in mod.members).toBe(false);
});

test("logarithms reject non-positive input", () => {
  expect(show("log", 0)).toBe("ERR Runtime error: log() requires positive number");
  expect(show("log10", -1)).toBe("ERR Runtime error: log10() requires positive number");
  expect(show("log2", 8)).toBe("3");
  expect(show("log", new NFloat(Number.NaN))).toBe("NaN");
});

test("random numbers", () => {
  for (let i = 0; i < 100; i++) {
    const r = raw("random_int", -2, 2) as number;
    expect(Number.isInteger(r) && r >= -2 && r <= 2).toBe(true);
    const f = (raw("random") as NFloat).v;
    expect(f >= 0 && f < 1).toBe(true);
  }
  const big = raw("random_int", -9223372036854775808n, 9223372036854775807n);
  expect(typeof big === "number" || typeof big === "bigint").toBe(true);
  expect(show("random_int", 3, 1)).toBe("ERR Runtime error: random_int() min must be <= max");
  expect(show("random_int", 1, new NFloat(2))).toBe("ERR Type error: random_int() requires integers");
  expect(show("random_range", 2, 2)).toBe("2");
  expect(show("random_range", 3, 1)).toBe("ERR Runtime error: random_range() min must be <= max");
  expect(raw("random", 1, 2)).toBeInstanceOf(NFloat);
});

test("float predicates", () => {
  expect(raw("is_nan", new NFloat(Number.NaN))).toBe(true);
  expect(raw("is_nan", 1)).toBe(false);
  expect(raw("is_infinite", mod.members.INFINITY!)).toBe(true);
  expect(raw("is_finite", 5)).toBe(true);
});
