/** Errors carry their kind and position as data (the display text is built from them, never read back). */

import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadProgram } from "../../src/engine/index";
import { parse, parseExpression } from "../../src/parser/index";
import { DeadlineExceeded, engineLimitOf, LocatedError, NtntError } from "../../src/runtime/errors";
import { at } from "../../src/runtime/rt";
import { state } from "../../src/runtime/state";
import { tempFiles } from "../engine/helpers";

/** The error thrown by `f`, which must throw. */
async function thrown(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

/** Run a program in-process and return what escaped it. */
async function programError(source: string): Promise<{ error: unknown; file: string }> {
  const file = join(tempFiles({ "main.tnt": source }), "main.tnt");
  return { error: await thrown(() => loadProgram(file)), file };
}

describe("syntax errors", () => {
  test("a parse error carries kind, file, line and column; the message names the same position", async () => {
    const e = (await thrown(() => parse("let a = 1\nprint(a +)\n", "/virtual/p.tnt"))) as NtntError;
    expect(e).toBeInstanceOf(NtntError);
    expect([e.code, e.kind, e.file, e.loc]).toEqual(["E002", "parse", "/virtual/p.tnt", { line: 2, col: 10 }]);
    expect(e.message).toBe(`Parser error at line 2, column 10: ${e.detail}`);
  });

  test("a lexer error carries kind and position", async () => {
    const e = (await thrown(() => parse('let a = 1\nlet s = "open\n', "/virtual/l.tnt"))) as NtntError;
    expect([e.code, e.kind, e.file, e.loc, e.detail]).toEqual(["E001", "lexer", "/virtual/l.tnt", { line: 2, col: 9 }, "Unterminated string"]);
    expect(e.message).toBe("Lexer error at line 2, column 9: Unterminated string");
  });

  test("a lexer error inside a sub-parse is re-positioned from its data", async () => {
    const e = (await thrown(() => parseExpression("1 + `", "/virtual/x.tnt", { line: 5, col: 10 }))) as NtntError;
    expect([e.kind, e.loc]).toEqual(["lexer", { line: 5, col: 14 }]);
    expect(e.message).toBe("Lexer error at line 5, column 14: Unexpected character '`'");
  });
});

describe("runtime errors", () => {
  test("a failed requires is a precondition, positioned in the program, naming its function", async () => {
    const { error, file } = await programError("fn half(n)\nrequires n > 0\n{ return n / 2 }\nprint(half(0))\n");
    const e = error as NtntError;
    expect([e.code, e.kind, e.file, e.precondition?.fn, e.detail]).toEqual(["E004", "precondition", file, "half", "Precondition failed in 'half': n > 0"]);
    expect(e.loc?.line).toBeGreaterThan(0);
    expect(e.message).toBe(`Contract violation: ${e.detail}`);
  });

  test("a failed ensures is a postcondition", async () => {
    const { error } = await programError("fn one()\nensures result == 2\n{ return 1 }\nprint(one())\n");
    expect((error as NtntError).kind).toBe("postcondition");
  });

  test("unbounded recursion is a positioned stack overflow", async () => {
    const { error, file } = await programError("fn down(n) {\n  return down(n + 1)\n}\nprint(down(0))\n");
    const e = error as NtntError;
    expect([e.code, e.kind, e.file, e.message]).toEqual(["E005", "stack-overflow", file, "Runtime error: Maximum call depth exceeded"]);
    expect(e.loc?.line).toBeGreaterThan(0);
  });

  test("an undefined name carries the name", async () => {
    const { error } = await programError("print(nowhere)\n");
    expect([(error as NtntError).kind, (error as NtntError).undefinedName]).toEqual(["undefined-variable", "nowhere"]);
  });

  test("a passed deadline is a positioned deadline error that is not an NtntError", async () => {
    const saved = { deadline: state.deadline, watch: state.watch };
    state.deadline = Date.now() + 20;
    state.watch = true;
    try {
      const { error, file } = await programError("let mut i = 0\nwhile true {\n  i = i + 1\n}\n");
      expect(error).toBeInstanceOf(DeadlineExceeded);
      expect(error).not.toBeInstanceOf(NtntError);
      const e = error as DeadlineExceeded;
      expect([e.kind, e.file]).toEqual(["deadline", file]);
      expect(e.loc?.line).toBeGreaterThan(0);
    } finally {
      state.deadline = saved.deadline;
      state.watch = saved.watch;
    }
  });
});

describe("engine limits reported only as a RangeError", () => {
  const overflow = (): unknown => {
    const deeper = (n: number): number => (n === 0 ? 0 : 1 + deeper(n - 1));
    return thrown(() => deeper(1e7));
  };

  test("a JavaScript stack overflow and an over-long string are classified; other RangeErrors are not", async () => {
    expect(engineLimitOf(await overflow())).toBe("stack-overflow");
    expect(engineLimitOf(await thrown(() => "x".repeat(2 ** 31)))).toBe("value-too-large");
    expect(engineLimitOf(await thrown(() => (1).toFixed(500)))).toBeNull();
    expect(engineLimitOf(new TypeError("call stack"))).toBeNull();
  });

  test("a compiled function's catch turns them into positioned E005 errors of their kind", async () => {
    const e = at(await overflow(), "/virtual/r.tnt", { line: 3, col: 4 }) as NtntError;
    expect([e.kind, e.file, e.loc, e.message]).toEqual(["stack-overflow", "/virtual/r.tnt", { line: 3, col: 4 }, "Runtime error: Maximum call depth exceeded"]);
    const big = at(await thrown(() => "x".repeat(2 ** 31)), "/virtual/r.tnt", { line: 1, col: 1 }) as NtntError;
    expect(big.kind).toBe("value-too-large");
    const other = await thrown(() => (1).toFixed(500));
    expect(at(other, "/virtual/r.tnt", { line: 1, col: 1 })).toBe(other);
    expect(at(new DeadlineExceeded(), "/virtual/r.tnt", { line: 2, col: 1 })).toBeInstanceOf(LocatedError);
  });
});
