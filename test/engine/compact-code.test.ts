/**
 * The generated code keeps only the inline fast path a value's static type allows: generated
 * functions stay small, so JavaScriptCore compiles them sooner and in less time (bench:cpu).
 */

import { expect, test } from "bun:test";
import { generated } from "./helpers";

test("an index of unknown type reads an array inline and leaves maps to ops.index", async () => {
  const code = await generated("fn pick(xs, i) {\n  return xs[i]\n}\nprint(pick([1, 2], 1))\n");
  expect(code).toMatch(/instanceof NArray && typeof v_i_\d+ === "number"/);
  expect(code).not.toContain("instanceof NMap");
});

test("a String index (literal, interpolation, concatenation, `let` of one) reads a map inline, never an array", async () => {
  const code = await generated('let m = map { "k1": 1 }\nlet n = 1\nlet k = "k" + str(n)\nprint(m[k])\nprint(m["k1"])\nprint(m["k{n}"])\n');
  expect(code.match(/instanceof NMap && \(t\d+ = v_m_\d+\.entries\.get\(/g)?.length).toBe(3);
  expect(code).not.toContain("NArray &&");
});

test("an in-place element write tests only the container its key's type allows", async () => {
  const code = await generated('let mut xs = [0, 0]\nlet mut m = map {}\nfor i in 0..2 {\n  xs[i] = i\n  m["k{i}"] = i\n}\nprint(xs)\nprint(m)\n');
  const arrayWrite = code.match(/v_xs_\d+ instanceof NArray && v_xs_\d+\.own === 2 && (.*?) \?/);
  expect(arrayWrite).not.toBeNull();
  expect(arrayWrite![1]).not.toContain("typeof");
  expect(code).not.toMatch(/v_xs_\d+ instanceof NMap/);
  expect(code).toMatch(/v_m_\d+ instanceof NMap && v_m_\d+\.own \?/);
  expect(code).not.toMatch(/v_m_\d+ instanceof NArray/);
});

test("`v = push(v, x)` of a never-shared array appends inline, and `v = e` stores without a temp", async () => {
  const code = await generated("let mut xs = []\nlet mut n = 0\nfor i in 0..3 {\n  xs = push(xs, i)\n  n = n + i\n}\nprint(xs)\nprint(n)\n");
  // The common case appends inline; anything else is one runtime call.
  expect(code).toMatch(
    /\(v_xs_(\d+) = \(v_xs_\1 instanceof NArray && v_xs_\1\.own !== 0 && v_xs_\1\.length === v_xs_\1\.items\.length \? \(v_xs_\1\.items\.push\(v_i_\d+\), v_xs_\1\.length\+\+, v_xs_\1\) : R\.pushOwn\(v_xs_\1, v_i_\d+\)\)\)/,
  );
  expect(code).toMatch(/\(v_n_\d+ = \(L = \d+, \(typeof v_n_\d+ === "number"/);
});
