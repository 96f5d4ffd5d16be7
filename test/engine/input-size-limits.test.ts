/**
 * Large and deeply nested inputs: compile time stays linear in the size of literals, argument
 * lists and templates, and nesting past the documented limits is an NTNT parse error with a
 * position (never a JavaScript "Maximum call stack size exceeded" or a hang).
 */

import { expect, test } from "bun:test";
import { load } from "./helpers";

const failure = async (source: string): Promise<{ code: string; message: string; line: number }> => {
  try {
    await load(source);
  } catch (e) {
    const err = e as { code: string; message: string; loc?: { line: number } };
    return { code: err.code, message: err.message, line: err.loc?.line ?? 0 };
  }
  throw new Error("expected an error");
};

test("50,000-element array and 20,000-entry map literals and a 20,000-argument call compile in linear time", async () => {
  const items = Array.from({ length: 50_000 }, (_, i) => String(i)).join(", ");
  const entries = Array.from({ length: 20_000 }, (_, i) => `"k${i}": ${i}`).join(", ");
  const args = Array.from({ length: 20_000 }, () => "1").join(", ");
  const b = await load(`let xs = [${items}]\nlet m = map { ${entries} }\nlet n = len([${args}])\n`);
  expect((b.get("xs") as { length: number }).length).toBe(50_000);
  expect(b.get("n")).toBe(20_000);
}, 30_000);

test("a template with 40,000 tags parses and renders in linear time", async () => {
  const body = "{{x}}-\n".repeat(40_000);
  const b = await load(`let x = 7\nlet t = """${body}"""\nlet n = len(t)\n`);
  expect(b.get("n")).toBe(3 * 40_000);
}, 30_000);

test("interpolations nested 8,000 deep are rejected at once", async () => {
  const f = await failure(`let x = 1\nprint(${'"{'.repeat(8000)}x${'}"'.repeat(8000)})\n`);
  expect(f.code).toBe("E002");
  expect(f.message).toContain("Nesting too deep");
  expect(f.line).toBe(2);
}, 5_000);

test("template blocks nested 1,500 deep are a parse error with a position", async () => {
  const f = await failure(`let xs = [1]\nlet t = """${"{{#for x in xs}}".repeat(1500)}a${"{{/for}}".repeat(1500)}"""\n`);
  expect(f.code).toBe("E002");
  expect(f.message).toContain("Template blocks nested too deeply (limit 256)");
  expect(f.line).toBe(2);
}, 10_000);

test("templates nested 200 deep still work", async () => {
  const b = await load(`let xs = [1]\nlet t = """${"{{#for x in xs}}".repeat(200)}a${"{{/for}}".repeat(200)}"""\n`);
  expect(b.get("t")).toBe("a");
}, 20_000);
