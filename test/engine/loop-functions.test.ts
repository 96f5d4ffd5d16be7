/**
 * Top-level loops of a synchronous program body run as functions of their own, on copies of
 * the top-level variables no function mentions (src/compiler/loop-functions.ts); behaviour is
 * tested by test/programs/control/top_level_loop_functions.tnt and
 * test/programs/modules/loop_state_exported.tnt.
 */

import { expect, test } from "bun:test";
import { generated } from "./helpers";

const PROGRAM = `let mut total = 0
let mut calls = 0
fn bump() {
  calls = calls + 1
}
for i in 0..10 {
  total = total + i
  bump()
}
let mut k = 0
while k < 3 {
  k = k + 1
}
if total > 0 {
  for j in 0..2 {
    total = total + j
  }
}
print(total)
`;

test("each top-level loop becomes a function of its own working on copies of the variables no function mentions", async () => {
  const code = await generated(PROGRAM);
  expect(code.match(/\(\(\) => \{/g)?.length).toBe(2);
  const copied = [...code.matchAll(/let (v_\w+_\d+ = v_\w+_\d+(?:, )?)+;/g)].map((m) => m[0]);
  expect(copied.map((c) => c.replace(/_\d+/g, ""))).toEqual(["let v_total = v_total;", "let v_k = v_k;"]);
  expect(code).not.toMatch(/let v_calls_\d+ = v_calls_\d+/);
});

test("a program body that may suspend keeps its loops inline", async () => {
  const code = await generated(`import { sleep_ms } from "std/concurrent"\n${PROGRAM}sleep_ms(1)\n`);
  expect(code).not.toContain("(() => {");
});

test("a program body with a single top-level loop keeps it inline", async () => {
  const code = await generated("let mut s = 0\nfor i in 0..10 {\n  s = s + i\n}\nprint(s)\n");
  expect(code).not.toContain("(() => {");
});
