/** When the REPL waits for more lines: open brackets, templates, block comments; never inside strings or comments. */

import { describe, expect, test } from "bun:test";
import { needsMoreInput } from "../../src/repl/continuation";

describe("needsMoreInput", () => {
  test("open brackets continue, closed ones do not", () => {
    for (const text of ["fn f() {", "let a = [1,", "print(", 'map {\n"a": (1']) expect(needsMoreInput(text)).toBe(true);
    for (const text of ["fn f() { 1 }", "let a = [1, 2]", "print(1)", "1 + 2", "", "f())"]) expect(needsMoreInput(text)).toBe(false);
  });

  test("brackets inside strings, raw strings and comments do not count; interpolations do", () => {
    expect(needsMoreInput('"{"')).toBe(false);
    expect(needsMoreInput('"a { b"')).toBe(false);
    expect(needsMoreInput('r"/users/{id"')).toBe(false);
    expect(needsMoreInput("1 // (")).toBe(false);
    expect(needsMoreInput('"x {f("(")} y"')).toBe(false);
    expect(needsMoreInput('"\\"("')).toBe(false);
    expect(needsMoreInput('print("{a}", [')).toBe(true);
    expect(needsMoreInput("'\\{' + '('")).toBe(false);
    expect(needsMoreInput("'it\\'s {x} (' + f(")).toBe(true);
    expect(needsMoreInput('r#"a "quoted" ( brace"#')).toBe(false);
    expect(needsMoreInput('r#"a "quoted" ( brace"# + (')).toBe(true);
  });

  test("open templates and block comments continue", () => {
    expect(needsMoreInput('let t = """\n<p>{{ x }}')).toBe(true);
    expect(needsMoreInput('let t = """\n<p>{{ x }}</p>\n"""')).toBe(false);
    expect(needsMoreInput("/* note")).toBe(true);
    expect(needsMoreInput("/* ( */ 1")).toBe(false);
  });
});
