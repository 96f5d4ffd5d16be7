import { describe, expect, test } from "bun:test";
import { display } from "../../src/runtime/display";
import { add, compareStrings, div, eq, field, floatToInt, ge, index, lt, mod, mul, ne, neg, not, setField, setIndex, sub } from "../../src/runtime/ops";
import { Err, NArray, NEnum, NFloat, NMap, NONE, NStruct, Some, type Value } from "../../src/runtime/values";
import { cpuNow } from "../support/cpu-time";

const F = (x: number) => new NFloat(x);
const A = (...xs: Value[]) => NArray.of(xs);
const msg = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};
const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

describe("Int arithmetic", () => {
  test("truncating division and dividend-signed remainder", () => {
    expect(div(-7, 2)).toBe(-3);
    expect(mod(-7, 2)).toBe(-1);
    expect(div(10, 3)).toBe(3);
    expect(Object.is(div(1, -2), 0)).toBe(true); // never an Int -0
    expect(Object.is(mod(-4, 2), 0)).toBe(true);
    expect(Object.is(mul(-3, 0), 0)).toBe(true);
    expect(Object.is(neg(0), 0)).toBe(true);
  });

  test("division and remainder by zero", () => {
    expect(msg(() => div(5, 0))).toBe("Division by zero");
    expect(msg(() => mod(5, 0))).toBe("Division by zero");
    expect(msg(() => div(I64_MAX, 0))).toBe("Division by zero");
  });

  test("leaves the safe range into bigint and comes back", () => {
    const big = add(Number.MAX_SAFE_INTEGER, 1);
    expect(big).toBe(9007199254740992n);
    expect(sub(big, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(mul(3037000499, 3037000499)).toBe(9223372030926249001n);
    expect(div(I64_MAX, 1024)).toBe(9007199254740991);
    expect(mod(I64_MAX, 10)).toBe(7);
  });

  test("i64 overflow is a runtime error", () => {
    const over = "Runtime error: Integer overflow";
    expect(msg(() => add(I64_MAX, 1))).toBe(over);
    expect(msg(() => sub(I64_MIN, 1))).toBe(over);
    expect(msg(() => mul(I64_MAX, 2))).toBe(over);
    expect(msg(() => div(I64_MIN, -1))).toBe(over);
    expect(msg(() => neg(I64_MIN))).toBe(over);
    expect(add(I64_MAX, -1)).toBe(I64_MAX - 1n);
  });

  test("mixed Int/Float gives Float; Float follows IEEE", () => {
    expect(display(div(7, F(2)))).toBe("3.5");
    expect(display(div(F(5), 0))).toBe("inf");
    expect(display(mod(5, F(2)))).toBe("1");
    expect(add(1, F(2))).toBeInstanceOf(NFloat);
    expect(display(mod(F(5.5), F(0)))).toBe("NaN");
  });

  test("string and array addition", () => {
    expect(add("a", 1)).toBe("a1");
    expect(add(1, "a")).toBe("1a");
    expect(add("v=", F(2))).toBe("v=2");
    expect(add("x", A(1, 2))).toBe("x[1, 2]");
    expect(add("n: ", NONE)).toBe("n: Option::None");
    expect(display(add(A(1), A(2, 3)))).toBe("[1, 2, 3]");
  });

  test("invalid operations name the operator and types", () => {
    expect(msg(() => add(1, true))).toBe("Invalid operation: Cannot apply Add to Int and Bool");
    expect(msg(() => sub("a", 1))).toBe("Invalid operation: Cannot apply Sub to String and Int");
    expect(msg(() => mul(new NStruct("P", new Map()), 1))).toBe("Invalid operation: Cannot apply Mul to P and Int");
    expect(msg(() => neg("x"))).toBe("Type error: Cannot negate non-numeric value");
  });
});

describe("comparison and equality", () => {
  test("ordering on numbers and strings only", () => {
    expect(lt(1, F(1.5))).toBe(true);
    expect(lt(I64_MAX, F(1e19))).toBe(true);
    expect(ge(2, 2)).toBe(true);
    expect(lt(F(Number.NaN), 1)).toBe(false);
    expect(ge(F(Number.NaN), 1)).toBe(false);
    expect(lt("a", "b")).toBe(true);
    expect(msg(() => lt(true, false))).toBe("Invalid operation: Cannot apply Lt to Bool and Bool");
    expect(msg(() => lt(A(1), A(2)))).toBe("Invalid operation: Cannot apply Lt to Array and Array");
  });

  test("strings compare by code point, not UTF-16 unit", () => {
    expect(compareStrings("\uff00", "😀")).toBeLessThan(0);
    expect(lt("\uff00", "😀")).toBe(true);
    expect(compareStrings("ab", "abc")).toBeLessThan(0);
  });

  test("structural equality (#23)", () => {
    expect(eq(1, F(1))).toBe(true);
    expect(ne(1, F(1))).toBe(false);
    expect(eq(F(Number.NaN), F(Number.NaN))).toBe(false);
    const nan = F(Number.NaN);
    expect(eq(nan, nan)).toBe(false);
    expect(eq(A(1, A("x")), A(F(1), A("x")))).toBe(true);
    expect(eq(NMap.fromObject({ a: 1, b: 2 }), NMap.fromObject({ b: 2, a: 1 }))).toBe(true);
    expect(eq(Some(1), Some(1))).toBe(true);
    expect(eq(Some(1), NONE)).toBe(false);
    expect(eq(NONE, NONE)).toBe(true);
    expect(eq(Err("e"), new NEnum("Result", "Err", ["e"]))).toBe(true);
    expect(eq(true, 1)).toBe(false);
    expect(eq(1, "1")).toBe(false);
    expect(eq(undefined, undefined)).toBe(true);
    expect(eq(9007199254740993n, 9007199254740993n)).toBe(true);
    expect(not(0)).toBe(false);
    expect(not(A())).toBe(true);
  });
});

describe("indexing and copy-on-write updates", () => {
  test("arrays with negative indices and exact errors", () => {
    const a = A(1, 2, 3);
    expect(index(a, -1)).toBe(3);
    expect(msg(() => index(a, 3))).toBe("Index out of bounds: index 3, length 3");
    expect(msg(() => index(a, -10))).toBe("Index out of bounds: index -10, length 3");
    expect(msg(() => index(a, F(1)))).toBe("Type error: Invalid index operation");
  });

  test("strings index by code point (#25)", () => {
    expect(index("héllo", 1)).toBe("é");
    expect(index("héllo", -1)).toBe("o");
    expect(index("a😀b", 1)).toBe("😀");
    expect(index("a😀b", -1)).toBe("b");
    expect(msg(() => index("héllo", 5))).toBe("Index out of bounds: index 5, length 6");
    expect(index("xyz", -1)).toBe("z"); // a different string right after a cached one
    expect(index("a😀b", 2)).toBe("b");
    expect(msg(() => index("a😀b", -4))).toBe("Index out of bounds: index -4, length 6");
  });

  test("maps, structs, fields", () => {
    const m = NMap.fromObject({ "1": "one", k: 2 });
    expect(index(m, 1)).toBe("one");
    expect(index(m, "k")).toBe(2);
    expect(msg(() => index(m, "z"))).toBe("Runtime error: Unknown key: z");
    expect(msg(() => index(m, true))).toBe("Type error: Invalid index operation");
    const p = new NStruct("P", new Map([["x", 1]]));
    expect(index(p, "x")).toBe(1);
    expect(field(p, "x")).toBe(1);
    expect(msg(() => field(p, "y"))).toBe("Runtime error: Unknown field: y");
    expect(field(m, "k")).toBe(2);
    expect(msg(() => field(m, "q"))).toBe("Runtime error: Unknown key: q");
    expect(msg(() => field(3, "q"))).toBe("Type error: Field access on non-struct value");
  });

  test("setIndex / setField return copies and never mutate the original", () => {
    const a = A(1, 2, 3);
    const b = setIndex(a, -1, 9) as NArray;
    expect(display(a)).toBe("[1, 2, 3]");
    expect(display(b)).toBe("[1, 2, 9]");
    expect(msg(() => setIndex(a, 5, 0))).toBe("Index out of bounds: index 5, length 3");
    const m = NMap.fromObject({ a: 1 });
    const m2 = setIndex(setIndex(m, "b", 2), 7, "x");
    expect(display(m)).toBe("{ a: 1 }");
    expect(display(m2)).toBe("{ a: 1, b: 2, 7: x }");
    const p = new NStruct("P", new Map([["x", 1]]));
    const q = setField(p, "x", 10);
    expect(display(p)).toBe("P { x: 1 }");
    expect(display(q)).toBe("P { x: 10 }");
    expect(msg(() => setField(p, "f", 1))).toBe("Runtime error: Unknown field 'f' on struct 'P'");
    expect(display(setField(m, "z", 3))).toBe("{ a: 1, z: 3 }");
    expect(msg(() => setField(A(), "z", 3))).toBe("Runtime error: Cannot assign field on non-struct value");
  });

  test("push is amortised and versions stay independent", () => {
    let a = A();
    const start = cpuNow();
    for (let i = 0; i < 200_000; i++) a = a.push(i);
    expect(cpuNow() - start).toBeLessThan(500);
    expect(a.length).toBe(200_000);
    const base = A(1, 2);
    const x = base.push(3);
    const y = base.push(4); // base is no longer the newest version: must copy
    expect(display(x)).toBe("[1, 2, 3]");
    expect(display(y)).toBe("[1, 2, 4]");
    expect(display(base)).toBe("[1, 2]");
  });
});

test("floatToInt saturates like Rust `as i64`", () => {
  expect(floatToInt(-3.99)).toBe(-3);
  expect(floatToInt(Number.NaN)).toBe(0);
  expect(floatToInt(1e30)).toBe(I64_MAX);
  expect(floatToInt(-1e30)).toBe(I64_MIN);
  expect(floatToInt(2 ** 60)).toBe(2n ** 60n);
});
