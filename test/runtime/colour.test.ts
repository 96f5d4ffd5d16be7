import { afterEach, expect, test } from "bun:test";
import { colourOn } from "../../src/runtime/colour";

const saved = process.env.NO_COLOR;
afterEach(() => {
  if (saved === undefined) delete process.env.NO_COLOR;
  else process.env.NO_COLOR = saved;
});

test("colour only on a terminal and never with NO_COLOR (even empty)", () => {
  delete process.env.NO_COLOR;
  expect(colourOn({ isTTY: true })).toBe(true);
  expect(colourOn({ isTTY: false })).toBe(false);
  expect(colourOn({})).toBe(false);
  process.env.NO_COLOR = "";
  expect(colourOn({ isTTY: true })).toBe(false);
});
