import { describe, expect, test } from "bun:test";
import { parseTemplate } from "../../src/parser/index";
import { bin, err, expr, id, int, noLoc, str } from "./helpers";
import { cpuNow } from "../support/cpu-time";

describe("quoted strings (spec §1.6)", () => {
  test("both quotes, escapes, unknown escapes keep the character (#46)", () => {
    expect(expr('"a\\n\\t\\r\\\\\\"\\\'"')).toEqual(str("a\n\t\r\\\"'"));
    expect(expr("'it\"s'")).toEqual(str('it"s'));
    expect(expr('"a\\q\\0b"')).toEqual(str("aq0b"));
    expect(expr('"x \\{y\\} z"')).toEqual(str("x {y} z"));
    expect(expr('""')).toEqual(str(""));
    expect(expr('"two\nlines"')).toEqual(str("two\nlines"));
  });
  test("interpolation parses one expression; trailing text is ignored", () => {
    expect(expr('"A {user["name"]} B"')).toEqual({
      type: "Interp",
      parts: ["A ", { type: "Index", object: id("user"), index: str("name") }, " B"],
    });
    expect(expr('"{1 + 2}{"q"}"')).toEqual({ type: "Interp", parts: [bin("+", int(1), int(2)), str("q")] });
    expect(expr('"p={price:.2}"')).toEqual({ type: "Interp", parts: ["p=", id("price")] });
    expect(expr('"{x y}"')).toEqual({ type: "Interp", parts: [id("x")] });
    expect(expr("'single {n}'")).toEqual({ type: "Interp", parts: ["single ", id("n")] });
    // `{{x}}` interpolates the block `{x}`.
    expect(expr('"{{x}}"')).toEqual({ type: "Interp", parts: [{ type: "Block", body: [{ type: "ExprStmt", expr: id("x") }] }] });
  });
  test("escaped quotes inside an interpolation are unescaped before parsing (#9, §12 #23)", () => {
    expect(expr('"Name: {user[\\"name\\"]}"')).toEqual({ type: "Interp", parts: ["Name: ", { type: "Index", object: id("user"), index: str("name") }] });
    expect(expr("'{m[\\'k\\']}'")).toEqual({ type: "Interp", parts: [{ type: "Index", object: id("m"), index: str("k") }] });
  });
  test("interpolations start outside map context", () => {
    expect(() => expr('map { "a": "{ {} }" }')).not.toThrow();
    expect(expr('map { "a": "{ {} }" }')).toMatchObject({ entries: [{ value: { parts: [{ type: "Block", body: [] }] } }] });
  });
  test("interpolation errors (spec §2.4)", () => {
    expect(err('print("{}")')).toMatchObject({
      code: "E002",
      line: 1,
      col: 0,
      message:
        "Parser error at line 1, column 0: Error in string interpolation '{}': Expected expression, but reached end of file. (Hint: if you meant literal braces, escape them with \\{ and \\})",
    });
    expect(err('let a = 1\nprint("x {a + ]} y")').message).toBe(
      "Parser error at line 2, column 0: Error in string interpolation '{a + ]}': Expected expression, but found ']' at line 1. (Hint: if you meant literal braces, escape them with \\{ and \\})",
    );
    expect(err('"{aaaaaaaaaabbbbbbbbbbccccccccccdddd +}"').message).toContain("'{aaaaaaaaaabbbbbbbbbbcccccccccc...}'");
  });
});

describe("raw strings (spec §1.7)", () => {
  test("no escapes, no interpolation, hashes", () => {
    expect(expr('r"raw {n}\\n"')).toEqual(str("raw {n}\\n"));
    expect(expr('r#"say "hi""#')).toEqual(str('say "hi"'));
    expect(expr('r##"a"#b"##')).toEqual(str('a"#b'));
    expect(expr("r")).toEqual(id("r"));
  });
});

describe("template strings (spec §1.8)", () => {
  const tpl = (body: string) => (noLoc(expr(`"""${body}"""`)) as { parts: unknown }).parts;
  test("text, single braces, escapes, comments", () => {
    expect(tpl('h1 { color: "blue"; } \\{{x\\}} \\{ \\n')).toEqual([{ type: "TText", text: 'h1 { color: "blue"; } {{x}} { \\n' }]);
    expect(tpl("a{{! note }}b")).toEqual([{ type: "TText", text: "ab" }]);
  });
  test("expressions with filters", () => {
    expect(tpl('{{ items | join("-") | uppercase }}{{a || b}}')).toEqual([
      {
        type: "TExpr",
        expr: id("items"),
        filters: [
          { name: "join", args: [str("-")] },
          { name: "uppercase", args: [] },
        ],
        source: 'items | join("-") | uppercase',
      },
      { type: "TExpr", expr: { type: "Logical", op: "||", left: id("a"), right: id("b") }, filters: [], source: "a || b" },
    ]);
    expect(tpl('{{ x | replace("a|b", ",") | truncate(3) }}')).toMatchObject([
      {
        filters: [
          { name: "replace", args: [str("a|b"), str(",")] },
          { name: "truncate", args: [int(3)] },
        ],
      },
    ]);
  });
  test("for/empty and if/elif/else blocks nest", () => {
    expect(tpl("{{#for x in items}}{{@index}}{{#if @last}}.{{#elif a}}!{{#else}},{{/if}}{{#empty}}none{{/for}}")).toEqual([
      {
        type: "TFor",
        variable: "x",
        iterable: id("items"),
        body: [
          { type: "TExpr", expr: id("@index"), filters: [], source: "@index" },
          {
            type: "TIf",
            branches: [
              { cond: id("@last"), body: [{ type: "TText", text: "." }] },
              { cond: id("a"), body: [{ type: "TText", text: "!" }] },
            ],
            otherwise: [{ type: "TText", text: "," }],
          },
        ],
        empty: [{ type: "TText", text: "none" }],
      },
    ]);
  });
  test("unmatched closers and unclosed openers are literal text", () => {
    expect(tpl("a{{/for}}{{#else}}b")).toEqual([{ type: "TText", text: "a{{/for}}{{#else}}b" }]);
    expect(tpl("{{#if c}}x")).toEqual([{ type: "TText", text: "{{#if c}}x" }]);
    expect(tpl("{{#for a in b}}{{a}}")).toEqual([
      { type: "TText", text: "{{#for a in b}}" },
      { type: "TExpr", expr: id("a"), filters: [], source: "a" },
    ]);
  });
  test("non-ASCII text inside blocks is fine (#21)", () => {
    expect(tpl("é{{#for x in xs}}ü{{x}}ß{{/for}}😀")).toEqual([
      { type: "TText", text: "é" },
      {
        type: "TFor",
        variable: "x",
        iterable: id("xs"),
        body: [
          { type: "TText", text: "ü" },
          { type: "TExpr", expr: id("x"), filters: [], source: "x" },
          { type: "TText", text: "ß" },
        ],
        empty: null,
      },
      { type: "TText", text: "😀" },
    ]);
  });
  test("tag expression errors use their own formats", () => {
    const m = (body: string) => err(`"""${body}"""`).message;
    expect(m("{{ ]] }}")).toBe(
      "Parser error at line 1, column 0: Error in template interpolation '{{]]}}': Expected expression, but found ']' at line 1. (Hint: if you meant literal braces, escape them with \\{{ and \\}})",
    );
    expect(m("{{ ] | upper }}")).toContain("Error in template filtered expression ']': Expected expression");
    expect(m("{{ x | f(]) }}")).toContain("Error in filter 'f' argument ']': Expected expression");
    expect(m("{{#for x in ]}}{{/for}}")).toContain("Error in template for-loop iterable ']': Expected expression");
    expect(m("{{#if ]}}{{/if}}")).toContain("Error in template if-block condition ']': Expected expression");
    expect(m("{{#if a}}{{#elif ]}}{{/if}}")).toContain("Error in template elif condition ']': Expected expression");
  });
  test("parseTemplate helper", () => {
    expect(noLoc(parseTemplate("Hi {{name}}!", "t.tnt") as unknown)).toEqual([
      { type: "TText", text: "Hi " },
      { type: "TExpr", expr: id("name"), filters: [], source: "name" },
      { type: "TText", text: "!" },
    ]);
  });
});

test("many unclosed template blocks parse in linear time", () => {
  const body = "{{#if a}}{{#for x in y}}".repeat(200) + "{{/if}}";
  const t = cpuNow();
  expect(() => expr(`"""${body}"""`)).not.toThrow();
  expect(cpuNow() - t).toBeLessThan(2000);
});
