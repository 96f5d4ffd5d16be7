import { expect, test } from "bun:test";
import { LineIndex } from "../../src/parser/line-index";

test("LineIndex: the line of every offset, newlines belonging to the line they end", () => {
  const text = "ab\n\ncd\n";
  const lines = new LineIndex(text);
  const lineOf = [...Array(text.length + 1).keys()].map((at) => lines.lineOf(at));
  expect(lineOf).toEqual([0, 0, 0, 1, 2, 2, 2, 3]);
  expect([0, 1, 2, 3].map((l) => lines.startOf(l))).toEqual([0, 3, 4, 7]);
  expect(new LineIndex("").lineOf(0)).toBe(0);
  expect(lines.loc(5)).toEqual({ line: 3, col: 2 });
});
