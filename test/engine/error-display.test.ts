import { describe, expect, test } from "bun:test";
import { divisionByZero, parseError, undefinedVariable } from "../../src/runtime/errors";
import { codeFrame, formatError, registerSource, suggestName } from "../../src/runtime/error-display";

describe("error display (§7)", () => {
  test("code frame: previous line, line, caret, next line", () => {
    expect(codeFrame('fn f() {\n    print("hello"\n}\n', 3, 1)).toEqual(["   |", '   2 |     print("hello"', "   3 | }", "     | ^", "   4 |", "   |"]);
  });

  test("parse errors show the excerpt, E006 the suggestion, no colour when asked", () => {
    registerSource("/virtual/a.tnt", "let x = 1\nprint(x\n");
    const pe = parseError(2, 8, "Expected ')' after arguments");
    pe.file = "/virtual/a.tnt";
    expect(formatError(pe, false)).toBe(
      "error[E002]\n  --> Parser error at line 2, column 8: Expected ')' after arguments\n   |\n   1 | let x = 1\n   2 | print(x\n     |        ^\n   3 |\n   |\n  at /virtual/a.tnt:2:8\n",
    );
    const ue = undefinedVariable("usres");
    ue.suggestion = "users";
    expect(formatError(ue, false)).toBe("error[E006]\n  --> Undefined variable: usres\n  help: Did you mean 'users'?\n");
  });

  test("suggestions: case-insensitive Levenshtein with length-based limits, `_` names skipped", () => {
    expect(suggestName("usres", ["users", "print"])).toBe("users");
    expect(suggestName("prnt", ["print", "push"])).toBe("print");
    expect(suggestName("ab", ["xyz"])).toBeNull();
    expect(suggestName("_tmpx", ["_tmp"])).toBeNull();
    expect(suggestName("Print", ["print"])).toBe("print");
  });
});

describe("error location line", () => {
  test("names file:line:col, relative to the working directory when inside it", () => {
    const file = `${process.cwd()}/app/main.tnt`;
    registerSource(file, "let a = 1\nprint(a / 0)\n");
    const e = divisionByZero().at(file, { line: 2, col: 7 });
    expect(formatError(e, false).trimEnd().split("\n").at(-1)).toBe("  at app/main.tnt:2:7");
  });
});
