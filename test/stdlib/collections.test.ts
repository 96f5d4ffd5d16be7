import { expect, test } from "bun:test";
import { display } from "../../src/runtime/display";
import { NArray, NFloat, NMap, NNative, type Value } from "../../src/runtime/values";
import mod from "../../src/stdlib/collections";
import { caller } from "./native-call";

const { show, raw } = caller(mod);
const A = (...xs: Value[]) => NArray.of(xs);

test("array functions", () => {
  expect(show("pop", A(1, 2, 3))).toBe("[[1, 2], Option::Some(3)]");
  expect(show("pop", A())).toBe("[[], Option::None]");
  expect(show("first", A(1, 2))).toBe("Option::Some(1)");
  expect(show("last", A(1, 2), 0)).toBe("2");
  expect(show("first", A(), 0)).toBe("0");
  expect(show("last", A())).toBe("Option::None");
  expect(show("first")).toBe("ERR Type error: first() requires 1 or 2 arguments");
  expect(show("first", 1)).toBe("ERR Type error: first() requires an array as first argument");
  expect(show("reverse", A(1, 2))).toBe("[2, 1]");
  expect(show("slice", A(1, 2, 3, 4), 1, 3)).toBe("[2, 3]");
  expect(show("slice", A(1, 2, 3), 1, 10)).toBe("[2, 3]");
  expect(show("slice", A(1, 2, 3), 0, -1)).toBe("[1, 2]");
  expect(show("slice", A(1, 2, 3), -2, 3)).toBe("[2, 3]");
  expect(show("slice", A(1, 2), 3, 4)).toBe("ERR Runtime error: Invalid slice range");
  expect(show("slice", A(1, 2), 2, 1)).toBe("ERR Runtime error: Invalid slice range");
  expect(show("concat", A(1), A(2))).toBe("[1, 2]");
  expect(show("concat", A(1), 2)).toBe("ERR Type error: concat() requires two arrays");
  expect(raw("is_empty", A())).toBe(true);
  expect(raw("is_empty", "x")).toBe(false);
  expect(show("is_empty", new NMap())).toBe("ERR Type error: is_empty() requires array or string");
  expect(show("flatten", A(A(1, 2), 3, A()))).toBe("[1, 2, 3]");
});

test("pop leaves the original intact", () => {
  const a = A(1, 2, 3);
  const [rest] = (raw("pop", a) as NArray).toArray();
  const grown = (rest as NArray).push(9);
  expect(display(a)).toBe("[1, 2, 3]");
  expect(display(grown)).toBe("[1, 2, 9]");
});

test("map functions keep insertion order", () => {
  const m = NMap.fromObject({ b: 1, a: 2 });
  expect(show("keys", m)).toBe("[b, a]");
  expect(show("values", m)).toBe("[1, 2]");
  expect(show("entries", m)).toBe("[[b, 1], [a, 2]]");
  expect(raw("has_key", m, "a")).toBe(true);
  expect(show("has_key", m, 1)).toBe("ERR Type error: has_key() requires a map and string key");
  expect(show("get_key", m, "a")).toBe("Option::Some(2)");
  expect(show("get_key", m, "z", 0)).toBe("0");
  expect(show("get_key", m)).toBe("ERR Type error: get_key() requires 2 or 3 arguments: get_key(map, key) or get_key(map, key, default)");
  expect(show("keys", A())).toBe("ERR Type error: keys() requires a map");
});

test("sort of Ints: numeric order over the whole safe range, a fresh array, bigints and mixtures too", () => {
  const max = Number.MAX_SAFE_INTEGER;
  expect(show("sort", A(10, -3, 2, 10, 0, -max, max, 9, 1))).toBe(`[-${max}, -3, 0, 1, 2, 9, 10, 10, ${max}]`);
  expect(show("sort", A())).toBe("[]");
  const xs = A(3, 1, 2);
  const sorted = raw("sort", xs) as NArray;
  expect(display(xs)).toBe("[3, 1, 2]");
  expect(sorted).not.toBe(xs);
  expect(sorted.items).not.toBe(xs.items);
  // A view of a longer buffer sorts only its own elements.
  const view = new NArray([5, 4, 3, 2, 1], 3);
  expect(show("sort", view)).toBe("[3, 4, 5]");
  expect(show("sort", A(2n ** 62n, 5, -(2n ** 62n), 1))).toBe("[-4611686018427387904, 1, 5, 4611686018427387904]");
  expect(show("sort", A(2, new NFloat(2.5), 1, "x"))).toBe("ERR Type error: sort() requires an array of numbers or strings");
});

test("sort: natural order and comparator callbacks", async () => {
  expect(show("sort", A(3, new NFloat(1.5), 2))).toBe("[1.5, 2, 3]");
  expect(show("sort", A("b", "😀", "a"))).toBe("[a, b, 😀]");
  expect(show("sort", A(1, "a"))).toBe("ERR Type error: sort() requires an array of numbers or strings");
  const desc = new NNative("desc", 2, 2, ([a, b]) => (b as number) - (a as number));
  expect(show("sort", A(1, 3, 2), desc)).toBe("[3, 2, 1]");
  const byFirst = new NNative("lt", 2, 2, ([a, b]) => ((a as NArray).get(0) as number) < ((b as NArray).get(0) as number));
  expect(show("sort", A(A(2, "x"), A(1, "y"), A(2, "z")), byFirst)).toBe("[[1, y], [2, x], [2, z]]");
  const slow = new NNative("slow", 2, 2, ([a, b]) => Promise.resolve((a as number) - (b as number)), true);
  const r = raw("sort", A(5, 1, 4, 2, 3), slow);
  expect(r).toBeInstanceOf(Promise);
  expect(display(await r)).toBe("[1, 2, 3, 4, 5]");
});
