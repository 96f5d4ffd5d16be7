/** `ntnt docs` (cli.md §7.4): overview, module, function and search answers from the std declarations. */

import { describe, expect, test } from "bun:test";
import { join } from "node:path";

const LAUNCHER = join(import.meta.dir, "..", "..", "ntnt");

async function docs(...args: string[]): Promise<{ code: number; stdout: string }> {
  const proc = Bun.spawn([LAUNCHER, "docs", ...args], { env: { ...process.env, NO_COLOR: "1" }, stdout: "pipe", stderr: "pipe" });
  const stdout = await new Response(proc.stdout).text();
  return { code: await proc.exited, stdout };
}

describe("ntnt docs", () => {
  test("no query: builtin count and every std module with its counts and description", async () => {
    const r = await docs("--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.builtins.count).toBeGreaterThan(30);
    expect(doc.modules["std/string"]).toMatchObject({ functions: 57, constants: 0 });
    expect(doc.modules["std/math"].constants).toBe(5);
    expect(doc.modules["std/fs"].description).toContain("Files");
  });

  test("a module by path or short name", async () => {
    const doc = JSON.parse((await docs("string", "--json")).stdout);
    expect(doc).toMatchObject({ name: "std/string", constants: null });
    expect(doc.functions).toContain("split");
    expect(JSON.parse((await docs("std/math", "--json")).stdout).constants).toEqual(["PI", "E", "TAU", "INFINITY", "NEG_INFINITY"]);
  });

  test("a function: signature, description, example; text mode says what to import", async () => {
    const doc = JSON.parse((await docs("split", "--json")).stdout);
    expect(doc).toEqual({
      name: "split",
      module: "std/string",
      signature: "split(s: String, sep: String) -> [String]",
      description: "Split s at every occurrence of sep.",
      examples: ['split("a,b,c", ",")  // ["a", "b", "c"]'],
      errors: [],
      notes: null,
    });
    const text = (await docs("split")).stdout;
    expect(text).toContain("split(s: String, sep: String) -> [String]");
    expect(text).toContain('import { split } from "std/string"');
    expect(JSON.parse((await docs("std/path.join", "--json")).stdout).signature).toBe("join(parts: [String]) -> String");
    expect((await docs("len")).stdout).toContain("Builtin: no import needed");
  });

  test("anything else is a case-insensitive search of names and descriptions", async () => {
    const hits = JSON.parse((await docs("TRIM", "--json")).stdout) as { name: string; module: string }[];
    expect(hits.map((h) => h.name)).toEqual(expect.arrayContaining(["trim_left", "trim_right", "trim_chars"]));
    const none = await docs("xyzzy");
    expect(none).toEqual({ code: 0, stdout: "Not found: No documentation found for 'xyzzy'\n" });
  });

  test("--validate: every builtin and std function carries a declaration", async () => {
    const r = await docs("--validate");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Documented: (\d+) of \1 functions\n$/);
  });
});
