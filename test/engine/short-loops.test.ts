/**
 * A `for` over an Int-literal range of at most 1023 steps whose body makes no call and holds no
 * loop never reaches a back-edge check of its own (src/compiler/short-loops.ts): it gets no
 * counter, and in a program that may suspend it does not make its function async, so a handler
 * whose only loop is one (`/compute`) is a plain synchronous function. Any other loop still does.
 */

import { expect, test } from "bun:test";
import { generated } from "./helpers";

const PROGRAM = `import { sleep_ms } from "std/concurrent"
fn short(n) {
  let mut s = 0
  for i in 0..1000 {
    s = s + i
  }
  return s
}
fn negative(n) {
  let mut s = 0
  for i in -1023..0 {
    if i % 2 == 0 { continue }
    s = s - i
  }
  return s
}
fn long(n) {
  let mut s = 0
  for i in 0..1024 { s = s + i }
  return s
}
fn inclusive(n) {
  let mut s = 0
  for i in 0..=1023 { s = s + i }
  return s
}
fn bound(n) {
  let mut s = 0
  for i in 0..n { s = s + i }
  return s
}
fn calls(n) {
  let mut s = 0
  for i in 0..10 { s = s + abs(i) }
  return s
}
fn nested(n) {
  let mut s = 0
  for i in 0..10 {
    for j in 0..10 { s = s + j }
  }
  return s
}
fn waits() {
  sleep_ms(1)
}
`;

test("only functions whose loops are all short stay synchronous where the program may suspend", async () => {
  const code = await generated(PROGRAM);
  const kind = (name: string) => code.match(new RegExp(`(async )?function f_${name}_\\d+\\(`))?.[1] ?? "sync ";
  const kinds = Object.fromEntries(["short", "negative", "long", "inclusive", "bound", "calls", "nested", "waits"].map((n) => [n, kind(n).trim()]));
  expect(kinds).toEqual({
    short: "sync",
    negative: "sync",
    long: "async",
    inclusive: "async",
    bound: "async",
    calls: "async",
    nested: "async",
    waits: "async",
  });
});

test("a short loop has no back-edge counter; the loops around it and other loops keep theirs", async () => {
  const code = await generated(PROGRAM);
  const fn = (name: string) =>
    code.slice(
      code.search(new RegExp(`function f_${name}_\\d+\\(`)),
      code.indexOf("finally { S.depth--; }", code.search(new RegExp(`function f_${name}_\\d+\\(`))),
    );
  expect(fn("short")).not.toContain("S.ticks +=");
  expect(fn("negative")).not.toContain("S.ticks +=");
  expect(fn("long")).toContain("S.ticks +=");
  // In `nested` the inner loop is short, the outer one is not.
  expect(fn("nested").match(/S\.ticks \+=/g)?.length).toBe(1);
});
