/** Values the compiler knows to be Ints (literals, range counters, lengths, `let`s of them) need no type tests in the generated code. */

import { expect, test } from "bun:test";
import { generated } from "./helpers";

test("a range counter over Int bounds, and a `let` of a length, are used without type tests", async () => {
  const code = await generated("let n = len([1, 2, 3])\nlet mut total = 0\nfor i in 0..n {\n  if i < n {\n    total = total + i % 2\n  }\n}\n");
  const counter = code.match(/let (v_i_\d+) = (k\d+);/);
  expect(counter).not.toBeNull();
  const [, i] = counter!;
  expect(code).not.toContain(`typeof ${i}`);
  expect(code).not.toContain("typeof v_n_");
  expect(code).not.toContain("R.rangeInt");
  // `%` by a non-zero literal and `<` of two Ints cannot fail: no slow path, no position.
  expect(code).toContain(`${i} % 2 + 0`);
  expect(code).not.toContain("ops.mod(");
  expect(code).not.toContain("ops.lt(");
});

test("a counter the loop body assigns, and a name declared twice, keep their type tests", async () => {
  const code = await generated('for i in 0..3 {\n  i = "x"\n  print(i < 5)\n}\nlet n = 1\nlet n = "a"\nprint(n < 5)\n');
  expect(code).toMatch(/typeof v_i_\d+ === "number"/);
  expect(code).toMatch(/typeof v_n_\d+ === "number"/);
});
