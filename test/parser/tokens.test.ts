import { describe, expect, test } from "bun:test";
import { tokenize } from "../../src/parser/tokens";
import { parse } from "../../src/parser/index";
import { cpuNow } from "../support/cpu-time";

const brief = (src: string) => tokenize(src).map((t) => `${t.type}:${t.text}`);

describe("tokenize (ntnt lex)", () => {
  test("token kinds with 1-based positions", () => {
    expect(tokenize("let x = 1\n  y.z")).toEqual([
      { type: "keyword", text: "let", line: 1, col: 1 },
      { type: "ident", text: "x", line: 1, col: 5 },
      { type: "op", text: "=", line: 1, col: 7 },
      { type: "int", text: "1", line: 1, col: 9 },
      { type: "ident", text: "y", line: 2, col: 3 },
      { type: "op", text: ".", line: 2, col: 4 },
      { type: "ident", text: "z", line: 2, col: 5 },
    ]);
  });
  test("numbers (spec §1.5)", () => {
    expect(brief("1..5 5.str() 1. 2.5 1e3 0xFF 0b10 1_000 0o17")).toEqual([
      "int:1",
      "op:..",
      "int:5",
      "int:5",
      "op:.",
      "ident:str",
      "op:(",
      "op:)",
      "int:1",
      "op:.",
      "float:2.5",
      "float:1e3",
      "int:0xFF",
      "int:0b10",
      "int:1_000",
      "int:0",
      "ident:o17",
    ]);
  });
  test("strings, raw strings and templates are single tokens", () => {
    expect(brief(`"a {b["c"]} d" 'x' r#"q"# """t {{x}}"""`)).toEqual(['string:"a {b["c"]} d"', "string:'x'", 'raw_string:r#"q"#', 'template:"""t {{x}}"""']);
  });
  test("operators take the longest match; comments are skipped", () => {
    expect(brief("a..=b |> c ?? d :: e -> f => g != h // x\n/* y */ i")).toEqual([
      "ident:a",
      "op:..=",
      "ident:b",
      "op:|>",
      "ident:c",
      "op:??",
      "ident:d",
      "op:::",
      "ident:e",
      "op:->",
      "ident:f",
      "op:=>",
      "ident:g",
      "op:!=",
      "ident:h",
      "ident:i",
    ]);
  });
  test("identifiers: @-names, Unicode continuation, keywords", () => {
    expect(brief("@index @ café _x map Some")).toEqual(["ident:@index", "ident:@", "ident:café", "ident:_x", "keyword:map", "ident:Some"]);
  });
  test("lexer errors", () => {
    expect(() => tokenize("a $")).toThrow("Lexer error at line 1, column 3: Unexpected character '$'");
    expect(() => tokenize('"abc')).toThrow("Lexer error at line 1, column 1: Unterminated string");
  });
  test("a leading byte-order mark is ignored", () => {
    expect(brief("\ufeffx")).toEqual(["ident:x"]);
    expect(() => parse("\ufefflet x = 1", "t.tnt")).not.toThrow();
  });
});

test("40,000 hex, binary and underscored Int literals on their own lines parse in linear time", () => {
  // Their values are range-checked in the lexical pre-pass, which needs their positions: each
  // used to count the lines from the start of the source (3.9 s for 20,000 on a busy machine).
  const lines = Array.from({ length: 40_000 }, (_, i) => (i % 3 === 0 ? `  0x${i.toString(16)},` : i % 3 === 1 ? `  0b${i.toString(2)},` : `  1_${i},`));
  const t0 = cpuNow();
  const program = parse(`let a = [\n${lines.join("\n")}\n]\n`, "t.tnt");
  expect(cpuNow() - t0).toBeLessThan(3000);
  expect(program.body).toHaveLength(1);
}, 60_000);
