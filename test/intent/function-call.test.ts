/** In-process calls of `call:` terms: argument conversion, results as text, one-line failures. */

import { afterAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import { argumentValue, loadSource, resultText } from "../../src/intent/function-call";
import { NFloat } from "../../src/runtime/values";
import { project } from "../support/ntnt-app";

const dir = project({
  "lib.tnt": 'print("loading")\nfn add(a, b) {\n    return a + b\n}\nfn half(n) {\n    return n / 2.0\n}\nfn boom(x) {\n    return undefined_thing + x\n}\n',
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("arguments: integers and floats become numbers, other text stays a string", () => {
  expect(argumentValue("42")).toBe(42);
  expect(argumentValue("-7")).toBe(-7);
  expect(argumentValue("1.5")).toEqual(new NFloat(1.5));
  expect(argumentValue("9007199254740993")).toBe(9007199254740993n);
  expect(argumentValue("Hello World")).toBe("Hello World");
  expect(resultText(new NFloat(5))).toBe("5");
  expect(resultText(new NFloat(2.5))).toBe("2.5");
  expect(resultText(undefined)).toBe("()");
});

test("calls run in this process; failures are one line with the location", async () => {
  const source = await loadSource(join(dir, "lib.tnt"));
  expect(resultText(await source.call("add", [2, 3]))).toBe("5");
  expect(resultText(await source.call("add", ["a", "b"]))).toBe("ab");
  expect(resultText(await source.call("half", [5]))).toBe("2.5");
  const where = relative(process.cwd(), join(dir, "lib.tnt"));
  await expect(source.call("boom", [1])).rejects.toThrow(`Function call failed: E006 Undefined variable: undefined_thing (${where}:9:12)`);
  await expect(source.call("nope", [])).rejects.toThrow(`Function 'nope' not found in ${where}`);
  await expect(loadSource(join(dir, "missing.tnt"))).rejects.toThrow("No such file or directory (os error 2)");
});
