/**
 * Loops count their back-edges for the deadline check in a local and add the count to the
 * shared `S.ticks` once, when the loop ends: a store to shared state on every iteration cost
 * more than a tight loop's body (`/compute`, issue #17). The deadline itself is tested in
 * semantics.test.ts ("deadline"), including loops nested too short to reach 1024 on their own.
 */

import { expect, test } from "bun:test";
import { generated } from "./helpers";

test("`for` and `while` loops touch S.ticks only after the loop, once", async () => {
  const code = await generated(
    "fn f(n) {\n  let mut s = 0\n  for i in 0..n {\n    s = s + i\n  }\n  while s > 0 {\n    s = s - 1\n  }\n  for x in [1, 2] {\n    s = s + x\n  }\n  return s\n}\nprint(f(10))\n",
  );
  const body = code.slice(code.indexOf("function f_f_"), code.indexOf("} finally { S.depth--; }"));
  // The function's own entry check is the one `++S.ticks` left.
  expect(body.match(/\+\+S\.ticks/g)?.length).toBe(1);
  expect(body.match(/S\.ticks \+= t\d+/g)?.length).toBe(3);
  for (const loop of body.split(/for \(|while \(true\)/).slice(1)) {
    expect(loop.slice(0, loop.indexOf("S.ticks +="))).toMatch(/if \(S\.watch && \(\+\+t\d+ & 1023\) === 0\) R\.tick\(\);/);
  }
});
