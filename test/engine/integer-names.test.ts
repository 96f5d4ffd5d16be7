/** Names that only ever hold Ints (src/compiler/integers.ts) compare and index without type tests; any other binding or value keeps them. */

import { expect, test } from "bun:test";
import { generated } from "./helpers";

const COUNTING =
  "let xs = [1, 2, 3]\nlet n = len(xs)\nlet mut i = 0\nlet mut j = n - 1\nwhile i < n && j >= 0 {\n  print(xs[i] + xs[j])\n  i = i + 1\n  j -= 1\n}\n";

test("counters given only Int values compare and index without type tests", async () => {
  const code = await generated(COUNTING);
  expect(code).toMatch(/if \(!\(\(\(v_i_\d+ < v_n_\d+\) && \(v_j_\d+ >= 0\)\)\)\) break;/);
  expect(code).not.toMatch(/typeof v_i_\d+ === "number" \? v_i_\d+ </);
  expect(code).toMatch(/v_xs_\d+ instanceof NArray && v_i_\d+ >= 0/);
  expect(code).not.toContain("ops.lt(");
  expect(code).not.toContain("ops.ge(");
});

test("a name that is ever given something else, or bound otherwise, keeps its tests", async () => {
  for (const other of ['i = "x"', "fn f(i) {\n  return i\n}", "let [i] = [1]", "for i in xs {\n  print(i)\n}", 'let i = "s"']) {
    const code = await generated(`${COUNTING}${other}\n`);
    expect(code).toMatch(/typeof v_i_\d+ === "number" \? v_i_\d+ < v_n_\d+ : ops\.lt\(/);
  }
});

test("a shadowed len() gives no Int", async () => {
  const code = await generated('fn len(x) {\n  return "long"\n}\nlet mut n = len(1)\nprint(n < 5)\n');
  expect(code).toContain("ops.lt(");
});

test("an in-place element write by an Int counter tests no type", async () => {
  const code = await generated("let mut xs = [0, 0, 0]\nlet mut j = 0\nwhile j < 3 {\n  xs[j] = j\n  j = j + 1\n}\nprint(xs)\n");
  expect(code).toMatch(/v_xs_\d+\.own === 2 && v_j_\d+ >= 0 && v_j_\d+ < v_xs_\d+\.length/);
});
