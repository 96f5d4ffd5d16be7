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
  const small = new Set<number>();
  for (let i = 0; i < 200; i++) {
    const r = raw("random_int", -2, 2) as number;
    expect(Number.isInteger(r) && r >= -2 && r <= 2).toBe(true);
    small.add(r);
    const f = (raw("random") as NFloat).v;
    expect(f >= 0 && f < 1).toBe(true);
  }
  // Missing one of five values in 200 fair draws has odds below 1e-18.
  expect([...small].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
});

test("random_int over the full Int range stays in range and uses all of it", () => {
  const MIN = -9223372036854775808n;
  const MAX = 9223372036854775807n;
  const draws = Array.from({ length: 200 }, () => raw("random_int", MIN, MAX) as number | bigint);
  for (const d of draws) {
    // Values beyond 2^53 must stay exact, so they come back as bigints.
    if (typeof d === "number") expect(Number.isSafeInteger(d)).toBe(true);
    else expect(d > BigInt(Number.MAX_SAFE_INTEGER) || d < BigInt(Number.MIN_SAFE_INTEGER)).toBe(true);
    expect(BigInt(d) >= MIN && BigInt(d) <= MAX).toBe(true);
  }
  const big = draws.map((d) => BigInt(d));
  // Each holds for a uniform draw with probability 1 - 2^-200 or better.
  expect(big.some((d) => d < 0n)).toBe(true);
  expect(big.some((d) => d > 0n)).toBe(true);
  expect(big.some((d) => d > 2n ** 62n)).toBe(true);
  expect(big.some((d) => d < -(2n ** 62n))).toBe(true);
  expect(new Set(big).size).toBe(200);
  // The low bits are random too (a float scaled up to 64 bits leaves them all zero).
  expect(big.some((d) => d % 2n !== 0n)).toBe(true);
  const wide = Array.from({ length: 100 }, () => BigInt(raw("random_int", 0n, 2n ** 60n) as number | bigint));
  expect(wide.every((d) => d >= 0n && d <= 2n ** 60n)).toBe(true);
  expect(wide.some((d) => d > 2n ** 59n)).toBe(true);
});

test("random errors and random_range", () => {
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
