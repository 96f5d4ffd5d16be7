/** Generated code a person can follow: NTNT_DUMP_JS output, and the program's file name in stack traces and CPU profiles. */

import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileUnit } from "../../src/engine/compile-unit";
import { loadProgram } from "../../src/engine/index";
import { tempFiles } from "./helpers";

const ROOT = join(import.meta.dir, "../..");
const BUN = process.execPath;

/** Run the CLI from source under Bun with extra flags and environment; returns stdout and stderr. */
async function runNtnt(dir: string, bunFlags: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn([BUN, ...bunFlags, join(ROOT, "src/cli.ts"), "run", "main.tnt"], {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  expect(await proc.exited).toBe(0);
  return { out, err };
}

const PROGRAM = ["fn twice(n) {", "  let d = n * 2", "  return d", "}", "print(twice(21))", ""].join("\n");

test("NTNT_DUMP_JS prints the code that runs, indented, each statement under its source line, named by sourceURL", async () => {
  const dir = tempFiles({ "main.tnt": PROGRAM });
  const { out, err } = await runNtnt(dir, [], { NTNT_DUMP_JS: "1" });
  expect(out).toBe("42\n");
  const lines = err.split("\n");
  expect(lines[0]).toBe(`// ---- ${join(dir, "main.tnt")}`);
  const indent = (i: number) => lines[i]!.length - lines[i]!.trimStart().length;
  const at = (text: string) => lines.findIndex((l) => l.trim() === text);
  // Each statement's code follows its source line, at the same depth.
  for (const src of ["// 2: let d = n * 2", "// 3: return d", "// 5: print(twice(21))"]) {
    const i = at(src);
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]!.trim()).toMatch(/^L = \d+;$/);
    expect(indent(i + 1)).toBe(indent(i));
  }
  // Statements inside the function are nested deeper than the function's own line.
  const fnLine = lines.findIndex((l) => l.trim().startsWith("function f_twice_"));
  expect(indent(at("// 2: let d = n * 2"))).toBeGreaterThan(indent(fnLine));
  expect(lines.filter((l) => l.length > 0).at(-1)).toBe(`//# sourceURL=${join(dir, "main.tnt")}`);
});

test("a stack trace through generated functions names the program file", async () => {
  const dir = tempFiles({ "main.tnt": 'fn boom(x) {\n  return x / "s"\n}\nprint(boom(1))\n' });
  const err = await loadProgram(join(dir, "main.tnt")).then(
    () => null,
    (e: Error) => e,
  );
  expect(err?.message).toContain("Cannot apply Div");
  // The JS frames of the generated functions carry the program's path.
  expect(err?.stack).toMatch(new RegExp(`at f_boom_\\d+ \\(${join(dir, "main.tnt").replaceAll("/", "\\/")}:\\d+:\\d+\\)`));
});

test("a CPU profile names the program's file for its functions", async () => {
  const hot = ["fn spin(n) {", "  let s = 0", "  for i in 0..n {", "    s = (s + i * 7) % 1000003", "  }", "  return s", "}", "print(spin(3000000) > 0)", ""];
  const dir = tempFiles({ "main.tnt": hot.join("\n") });
  const { out } = await runNtnt(dir, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  expect(out).toBe("true\n");
  const profile = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
  const nodes: { callFrame: { functionName: string; url: string } }[] = JSON.parse(readFileSync(join(dir, profile), "utf8")).nodes;
  const spin = nodes.filter((n) => n.callFrame.functionName.startsWith("f_spin_"));
  expect(spin.length).toBeGreaterThan(0);
  expect(spin.every((n) => n.callFrame.url.endsWith("/main.tnt"))).toBe(true);
});

test("code that does not compile fails with the engine's own error, so nesting too deep is still recognised", () => {
  const deep = `return ${"(".repeat(200_000)}1${")".repeat(200_000)};`;
  for (const named of [false, true]) {
    expect(() => compileUnit(deep, "/deep.tnt", named)).toThrow(RangeError);
    expect(() => compileUnit("return )", "/bad.tnt", named)).toThrow(SyntaxError);
    expect(compileUnit("return X + 1;", "/ok.tnt", named)(41)).toBe(42);
  }
});
