/** A program body that runs to completion hands over its top-level values when done, without a closure over them. */

import { expect, test } from "bun:test";
import { join } from "node:path";
import { allGlobals, loadProgram } from "../../src/engine/index";
import { compileAndLink, parseFile, resetModules } from "../../src/engine/modules";
import { tempFiles } from "./helpers";

async function compiled(source: string): Promise<string> {
  const file = join(tempFiles({ "main.tnt": source }), "main.tnt");
  resetModules(file);
  return (await compileAndLink(file, await parseFile(file, source), await allGlobals())).unit.code;
}

test("a synchronous body sets its exports once it is done: no closure reads every top-level variable", async () => {
  const code = await compiled("let mut total = 0\nfor i in 0..10 {\n  total = total + i\n}\n");
  // Such a closure would keep every top-level variable in a scope object (slow top-level loops).
  expect(code).not.toContain("ctx.exports = () => { const m");
  expect(code).toContain("ctx.exports = () => m;");
});

test("the values handed over are the final ones, also after a top-level return", async () => {
  const dir = tempFiles({
    "main.tnt": "let mut total = 0\nfor i in 0..10 {\n  total = total + i\n}\nlet xs = [total]\nif total > 5 {\n  return\n}\nlet never = 1\n",
  });
  const env = await loadProgram(join(dir, "main.tnt"));
  expect(env.get("total")).toBe(45);
  expect(env.has("xs")).toBe(true);
  expect(env.has("never")).toBe(false);
});
