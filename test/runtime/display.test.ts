import { expect, test } from "bun:test";
import { charLength, display, displayFloat, utf8Length } from "../../src/runtime/display";
import { NArray, NEnum, NEnumCtor, NFloat, NFunction, NMap, NModule, NNative, NONE, NRange, NStruct, Err, Some } from "../../src/runtime/values";

test("floats: shortest round trip, never exponent notation", () => {
  const cases: [number, string][] = [
    [3, "3"],
    [2.5, "2.5"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1e21, "1000000000000000000000"],
    [1e-7, "0.0000001"],
    [1.5e-10, "0.00000000015"],
    [-1.25e22, "-12500000000000000000000"],
    [-0, "-0"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NEGATIVE_INFINITY, "-inf"],
    [123456.789, "123456.789"],
  ];
  for (const [x, s] of cases) expect(displayFloat(x)).toBe(s);
});

test("collections and other values", () => {
  expect(display(NArray.of(["a", 1, new NFloat(2.5), true, undefined]))).toBe("[a, 1, 2.5, true, ()]");
  expect(display(NArray.of([Some("x"), NONE]))).toBe("[Option::Some(x), Option::None]");
  expect(display(Err("boom"))).toBe("Result::Err(boom)");
  expect(display(new NMap())).toBe("{  }");
  expect(display(NMap.fromObject({ "1": "one", b: NArray.of([]) }))).toBe("{ 1: one, b: [] }");
  expect(display(new NRange(1, 3, true))).toBe("1..=3");
  expect(display(new NRange(0, 10, false))).toBe("0..10");
  expect(
    display(
      new NStruct(
        "P",
        new Map([
          ["x", 1],
          ["y", 2],
        ]),
      ),
    ),
  ).toBe("P { x: 1, y: 2 }");
  expect(display(new NStruct("E", new Map()))).toBe("E {  }");
  expect(display(new NEnum("Shape", "Circle", [new NFloat(2)]))).toBe("Shape::Circle(2)");
  expect(display(new NEnum("Color", "Red", []))).toBe("Color::Red");
  expect(display(new NEnumCtor("Shape", "Circle", 1))).toBe("<constructor Shape::Circle(1)>");
  expect(display(new NFunction("f", 0, 0, () => undefined, false))).toBe("<fn f>");
  expect(display(new NNative("print", 1, 1, () => undefined))).toBe("<native fn print>");
  expect(display(new NModule("std/math", new Map([["PI", new NFloat(Math.PI)]])))).toBe("module:std/math { PI: 3.141592653589793 }");
  expect(display(2n ** 62n)).toBe("4611686018427387904");
  expect(display(undefined)).toBe("()");
});

test("string lengths", () => {
  expect(utf8Length("héllo")).toBe(6);
  expect(utf8Length("a😀")).toBe(5);
  expect(utf8Length("x".repeat(100) + "é")).toBe(102);
  expect(charLength("a😀é")).toBe(3);
});
