/** Std declarations (stdlib.md §17): a signature that disagrees with its native's name or arity is refused at load time. */

import { expect, test } from "bun:test";
import { declare, splitSignature } from "../../src/runtime/declaration";
import { native } from "../../src/stdlib/module";

const noop = () => undefined;

test("a matching declaration is attached to the native", () => {
  const f = declare("pad(s: String, width?: Int) -> String", "Pad.", 'pad("a", 3)', native("pad", [1, 2], noop));
  expect(f.doc).toEqual({ signature: "pad(s: String, width?: Int) -> String", description: "Pad.", example: 'pad("a", 3)' });
});

test("another name, or more arguments than the native takes, is refused", () => {
  expect(() => declare("other(s: String) -> String", "", "", native("pad", 1, noop))).toThrow("disagrees");
  expect(() => declare("pad(s: String, width: Int) -> String", "", "", native("pad", 1, noop))).toThrow("disagrees");
  expect(() => declare("pad(...parts: String) -> String", "", "", native("pad", [1, 3], noop))).toThrow("disagrees");
});

test("a native that checks its own argument count may declare fewer", () => {
  expect(() => declare("round(x: Float, decimals?: Int) -> Float", "", "", native("round", [0, -1], noop))).not.toThrow();
});

test("signatures split into parameters (optional, rest) and a result, brackets respected", () => {
  expect(splitSignature("f(a: Map<String, Int>, b?: (Int, Int) -> Bool, ...c: [T]) -> T?")).toEqual({
    name: "f",
    params: [
      { name: "a", type: "Map<String, Int>", optional: false, rest: false },
      { name: "b", type: "(Int, Int) -> Bool", optional: true, rest: false },
      { name: "c", type: "[T]", optional: false, rest: true },
    ],
    returns: "T?",
  });
});
