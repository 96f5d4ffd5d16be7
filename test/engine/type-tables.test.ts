/**
 * Declared types belong to the program load: two programs loaded in one process that declare
 * the same struct, enum and trait names each keep their own fields, methods, trait defaults,
 * invariants and enum variants, and a struct value keeps its own program's methods wherever
 * it is used.
 */

import { expect, test } from "bun:test";
import { callValue } from "../../src/engine/index";
import { NtntError } from "../../src/runtime/errors";
import { display } from "../../src/runtime/display";
import type { Value } from "../../src/runtime/values";
import { load } from "./helpers";

/** One program's version of `Point`, `Colour` and `Named`; `who` names it in every answer. */
function program(who: string, fields: string, invariant: string, variants: string): string {
  return `struct Point { ${fields} }
impl Point {
    invariant ${invariant}
    fn describe(self) { return "${who} point " + str(self.x) }
    fn origin() { return "${who} origin" }
}
trait Named {
    fn name(self) { return "${who} named" }
}
impl Named for Point {}
enum Colour { ${variants} }
impl Colour {
    fn label(self) { return "${who} colour" }
}
fn make(x) { return Point { y: 0, x: x } }
fn describe_point(x) { return make(x).describe() }
fn describe_any(p) { return p.describe() }
fn named(x) { return make(x).name() }
fn shown(x) { return str(make(x)) }
fn origin() { return Point::origin() }
fn colour() {
    // A local of the method's name: only the type's own method can answer.
    let label = "not a function"
    return Red.label()
}
fn red_or_green() {
    match Red {
        Red => "red",
        Green => "green",
    }
}
`;
}

/** Call a top-level function of a loaded program: its value displayed, or its error's text. */
async function outcome(bindings: Map<string, Value>, name: string, ...args: Value[]): Promise<string> {
  try {
    return display(await callValue(bindings.get(name), args));
  } catch (e) {
    if (e instanceof NtntError) return `error: ${e.detail}`;
    throw e;
  }
}

test("two programs declaring the same struct, enum and trait names keep their own methods, invariants, fields and variants", async () => {
  const a = await load(program("A", "x: Int, y: Int", "self.x >= 0", "Red, Green"));
  const b = await load(program("B", "y: Int, x: Int", "self.x <= 0", "Red, Green, Blue"));
  const seen: Record<string, string> = {};
  for (const [who, p] of [
    ["A", a],
    ["B", b],
  ] as const) {
    seen[`${who} method`] = await outcome(p, "describe_point", 0);
    seen[`${who} trait default`] = await outcome(p, "named", 0);
    seen[`${who} field order`] = await outcome(p, "shown", 0);
    seen[`${who} path call`] = await outcome(p, "origin");
    seen[`${who} enum method`] = await outcome(p, "colour");
    seen[`${who} exhaustive match`] = await outcome(p, "red_or_green");
    seen[`${who} with 1`] = await outcome(p, "make", 1);
    seen[`${who} with -1`] = await outcome(p, "make", -1);
  }
  // A struct value answers with its own program's methods wherever it is used.
  seen["A's point in B"] = await outcome(b, "describe_any", await callValue(a.get("make"), [3]));
  expect(seen).toEqual({
    "A method": "A point 0",
    "A trait default": "A named",
    "A field order": "Point { x: 0, y: 0 }",
    "A path call": "A origin",
    "A enum method": "A colour",
    "A exhaustive match": "red",
    "A with 1": "Point { x: 1, y: 0 }",
    "A with -1": "error: Invariant violated for 'Point': self.x >= 0",
    "B method": "B point 0",
    "B trait default": "B named",
    "B field order": "Point { y: 0, x: 0 }",
    "B path call": "B origin",
    "B enum method": "B colour",
    "B exhaustive match": 'error: Non-exhaustive match: missing variants ["Blue"]',
    "B with 1": "error: Invariant violated for 'Point': self.x <= 0",
    "B with -1": "Point { y: 0, x: -1 }",
    "A's point in B": "A point 3",
  });
});

test("a program loaded again after its types changed sees only the new declarations", async () => {
  const before = await load(program("old", "x: Int, y: Int", "self.x >= 0", "Red, Green"));
  const after = await load(program("new", "x: Int, y: Int", "true", "Red, Green"));
  expect(await outcome(after, "make", -1)).toBe("Point { x: -1, y: 0 }");
  expect(await outcome(after, "describe_point", 1)).toBe("new point 1");
  expect(await outcome(before, "describe_point", 1)).toBe("old point 1");
  expect(await outcome(before, "make", -1)).toBe("error: Invariant violated for 'Point': self.x >= 0");
});
