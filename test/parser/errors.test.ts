import { describe, expect, test } from "bun:test";
import { parse } from "../../src/parser/index";
import { err } from "./helpers";

/** Message without the "Parser error at line L, column C: " prefix, plus position. */
const e = (src: string) => {
  const x = err(src);
  return { code: x.code, msg: x.message.replace(/^(Parser|Lexer) error at line \d+, column \d+: /, ""), at: [x.line, x.col] };
};

describe("parse errors (spec §2.7)", () => {
  test("errors carry code, position, file and the full display text", () => {
    const x = err("let x = (1");
    expect(x).toEqual({ code: "E002", message: "Parser error at line 1, column 11: Expected ')' after expression", line: 1, col: 11, file: "t.tnt" });
  });
  test("expected expression (§12 #46, stray tokens)", () => {
    expect(e('let data = { "name": "Alice" }\nprint(data)')).toEqual({ code: "E002", msg: "Expected expression, but found ':' at line 1", at: [1, 20] });
    expect(e("let v = fn(x) { x }")).toEqual({ code: "E002", msg: "Expected expression, but found 'fn' at line 1", at: [1, 9] });
    expect(e("x = = 1").msg).toBe("Expected expression, but found '=' at line 1");
    expect(e("}").msg).toBe("Expected expression, but found '}' at line 1");
    expect(e("let s = try").msg).toBe("Expected expression, but found 'try' at line 1");
    expect(e('f(1, "a" "b" +)').msg).toBe("Expected ')' after arguments");
    expect(e("let a = 1 +\n  \n").msg).toBe("Expected expression, but reached end of file");
    expect(e("print(\n  'x' +\n  ^)").msg).toBe("Expected expression, but found '^' at line 3");
  });
  test("at end of input the last line/column of the file is reported (#47)", () => {
    expect(e("let a = [1,\n2")).toEqual({ code: "E002", msg: "Expected ']' after array elements", at: [2, 2] });
    expect(e("fn f() {\n  1\n\n")).toEqual({ code: "E002", msg: "Expected '}' after block", at: [2, 4] });
    expect(e("let a =\n")).toEqual({ code: "E002", msg: "Expected expression, but reached end of file", at: [1, 8] });
  });
  test("missing brackets and separators", () => {
    expect(e('fn f() {\n    print("hello"\n}')).toEqual({ code: "E002", msg: "Expected ')' after arguments", at: [3, 1] });
    expect(e("a[1 2]").msg).toBe("Expected ']' after index");
    expect(e("[1 2]").msg).toBe("Expected ']' after array elements");
    expect(e("(1, 2)").msg).toBe("Expected ')' after expression");
    expect(e("{ 1 ").msg).toBe("Expected '}' after block");
    expect(e("if x 1").msg).toBe("Expected '{' after if condition");
    expect(e("if x {} else 1").msg).toBe("Expected '{' after else");
    expect(e("while x 1").msg).toBe("Expected '{' after while condition");
    expect(e("loop 1").msg).toBe("Expected '{' after loop");
    expect(e("for x in y 1").msg).toBe("Expected '{' after for iterable");
    expect(e("for x of y {}").msg).toBe("Expected 'in' after for variable");
    expect(e("for (k, v) in m {}").msg).toBe("Expected variable name after 'for'");
    expect(e("let = 1").msg).toBe("Expected variable name");
    expect(e("fn (x) {}").msg).toBe("Expected function name");
    expect(e("fn f x").msg).toBe("Expected '(' after function name");
    expect(e("fn f(1) {}").msg).toBe("Expected parameter name");
    expect(e("fn f(a b) {}").msg).toBe("Expected ')' after parameters");
    expect(e("fn f() 1").msg).toBe("Expected '{' before function body");
    expect(e("a.1").msg).toBe("Expected property name after '.'");
    expect(e("P { x: 1 y: 2 }").msg).toBe("Expected '}' after struct fields");
    expect(e("P { x: 1, 2 }").msg).toBe("Expected field name");
    expect(e("map { 1 2 }").msg).toBe("Expected ':' after map key");
    expect(e("map { 1: 2 3: 4 }").msg).toBe("Expected '}' after map entries");
    expect(e("let m = map [1]").msg).toBe("Expected '{' after 'map'");
    expect(e("match x { 1 2 }").msg).toBe("Expected '=>' after pattern");
    expect(e("match x 1").msg).toBe("Expected '{' after match expression");
    expect(e("match x { -1 => 0 }").msg).toBe("Expected pattern");
    expect(e("match x { Some(v) => return v }").msg).toBe("Expected expression, but found 'return' at line 1");
    expect(e("match x { 1 => 2").msg).toBe("Expected '}' after match arms");
    expect(e("A::1").msg).toBe("Expected variant name after '::'");
    expect(e("let x: = 1").msg).toBe("Expected type name");
    expect(e("let x: Map<String, Int = 1").msg).toBe("Expected '>' after type parameters");
    expect(e("let x: [Int = 1").msg).toBe("Expected ']' for array type");
    expect(e('import { a b } from "m"').msg).toBe("Expected '}' after import items");
    expect(e('import { a } "m"').msg).toBe("Expected 'from' after import items");
    expect(e("import { a } from 1").msg).toBe("Expected module path string");
    expect(e("import 1").msg).toBe("Expected import specifier");
    expect(e('import { 1 } from "m"').msg).toBe("Expected import name");
    expect(e("export 1").msg).toBe("Expected declaration after 'export'");
    expect(e("# test").msg).toBe("Expected '[' after '#'");
  });
  test("pipe into a non-call (§12 #37)", () => {
    expect(e("let result = 5 |> 3")).toEqual({ code: "E002", msg: "Expected function name or function call after |>", at: [1, 19] });
    expect(e("x |> obj.m(1)").msg).toBe("Expected function name or function call after |>");
  });
  test("impl and trait bodies with stray tokens fail instead of hanging (#29)", () => {
    expect(e("impl P { let x = 1 }").msg).toBe("Expected '}' after impl body");
    expect(e("trait T { x }").msg).toBe("Expected '}' after trait body");
    expect(e("impl P { fn a() {} ").msg).toBe("Expected '}' after impl body");
  });
  test("keywords are reserved as names", () => {
    expect(e("let type = 1").msg).toBe("Expected variable name");
    expect(e("fn f(match) {}").msg).toBe("Expected parameter name");
  });
});

describe("lexer errors (E001, #18-#20)", () => {
  test("unterminated literals and comments report their start", () => {
    expect(e('let a = 1\nprint("abc')).toEqual({ code: "E001", msg: "Unterminated string", at: [2, 7] });
    expect(e("x = 'a {b")).toEqual({ code: "E001", msg: "Unterminated string", at: [1, 5] });
    expect(e('r#"abc"')).toEqual({ code: "E001", msg: "Unterminated raw string", at: [1, 1] });
    expect(e('  """ab""')).toEqual({ code: "E001", msg: "Unterminated template string", at: [1, 3] });
    expect(e("a /* b /* c */ d */")).toEqual({ code: "E002", msg: "Expected expression, but found '/' at line 1", at: [1, 19] });
    expect(e("a\n  /* b")).toEqual({ code: "E001", msg: "Unterminated block comment", at: [2, 3] });
  });
  test("stray characters", () => {
    for (const c of ["$", "`", "\\", "\u00a0", "~", "é"]) {
      expect(e(`let x = 1 ${c}`)).toEqual({ code: "E001", msg: `Unexpected character '${c}'`, at: [1, 11] });
    }
    expect(e("let x = 1 😀").msg).toBe("Unexpected character '😀'");
  });
  test("lexer errors win over earlier parse errors, like a separate lexer", () => {
    expect(e("let = 1\nlet y = $").code).toBe("E001");
  });
  test("Int literal range", () => {
    expect(e("let x = 9223372036854775808")).toEqual({ code: "E001", msg: "Integer literal out of range", at: [1, 9] });
    expect(e("let x = 0x8000000000000000").msg).toBe("Integer literal out of range");
    expect(e("let x = 0x").msg).toBe("Integer literal out of range");
  });
});

describe("deep nesting never overflows the JS stack", () => {
  const deep = [
    "(".repeat(10000) + "1" + ")".repeat(10000),
    "[".repeat(10000) + "]".repeat(10000),
    "{".repeat(10000) + "}".repeat(10000),
    "if a {".repeat(10000) + "}".repeat(10000),
    "f(".repeat(10000) + ")".repeat(10000),
  ];
  for (const src of deep) {
    test(src.slice(0, 8), () => {
      expect(e(src)).toMatchObject({ code: "E002", msg: "Nesting too deep (limit 1000)" });
    });
  }
  test("operator chains are bounded too", () => {
    expect(e("let x = " + "-".repeat(100000) + "1").msg).toBe("Nesting too deep (limit 2500)");
    expect(e("x = " + "1 + ".repeat(5000) + "1").msg).toBe("Nesting too deep (limit 2500)");
    expect(e("if a {} else ".repeat(5000) + "{}").msg).toBe("Nesting too deep (limit 2500)");
  });
  test("nesting up to the limit parses", () => {
    expect(() => parse("(".repeat(999) + "1" + ")".repeat(999), "t.tnt")).not.toThrow();
    expect(() => parse("[".repeat(999) + "]".repeat(999), "t.tnt")).not.toThrow();
    expect(() => parse("x = " + "1 + ".repeat(2000) + "1", "t.tnt")).not.toThrow();
  });
  // About 2 s of parsing on a loaded machine: the default 5 s test timeout is no bound worth failing on.
  test("deeply nested interpolations", () => {
    let s = "x";
    for (let i = 0; i < 3000; i++) s = `"{${s}}"`;
    expect(() => parse(s, "t.tnt")).toThrow();
  }, 30_000);
});
