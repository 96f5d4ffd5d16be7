import { describe, expect, test } from "bun:test";
import csv, { parseCsv } from "../../src/stdlib/csv";
import { NArray, NFloat, NMap, NONE } from "../../src/runtime/values";
import { call } from "./native-call";

const rowsOf = (v: unknown) => (v as NArray).elements().map((r) => (r as NArray).elements());

describe("std/csv reader", () => {
  test("basic rows, CRLF, lone CR, trailing newline", () => {
    expect(parseCsv("name,age\nAlice,30\r\nBob,25\rCy,1\n")).toEqual([
      ["name", "age"],
      ["Alice", "30"],
      ["Bob", "25"],
      ["Cy", "1"],
    ]);
  });

  test("quotes: doubled quotes, delimiters and newlines inside, mid-field quotes", () => {
    expect(parseCsv('"a ""q"" b","x,y","line1\nline2"')).toEqual([['a "q" b', "x,y", "line1\nline2"]]);
    expect(parseCsv('a"b,c"d,e')).toEqual([["ab,cd", "e"]]);
  });

  test("fields are trimmed, blank lines dropped, empty-field rows kept", () => {
    expect(parseCsv('  a , "  b  " \n\n   \n,,\n')).toEqual([
      ["a", "b"],
      ["", "", ""],
    ]);
    expect(parseCsv("")).toEqual([]);
  });

  test("malformed input never fails: unterminated quote swallows the rest", () => {
    expect(parseCsv('a,"b,c\nd')).toEqual([["a", "b,c\nd"]]);
  });

  test("optional delimiter", async () => {
    expect(rowsOf(await call(csv, "parse_csv", ["a;b\n1;2", ";"]))).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(await call(csv, "stringify", [NArray.of([NArray.of(["a;b", "c"])]), ";"])).toBe('"a;b";c');
  });

  test("parse_with_headers: missing → empty, extra dropped, duplicate header last wins", async () => {
    const r = (await call(csv, "parse_with_headers", ["id,name,id\n1,Al,9,extra\n2"])) as NArray;
    const maps = r.elements().map((m) => Object.fromEntries((m as NMap).entries));
    expect(maps).toEqual([
      { id: "9", name: "Al" },
      { id: "", name: "" },
    ]);
    expect((await call(csv, "parse_with_headers", [""])) as NArray).toHaveProperty("length", 0);
  });

  test("type errors", async () => {
    await expect(call(csv, "parse_csv", [1])).rejects.toThrow("Type error: parse_csv() requires a string");
    await expect(call(csv, "stringify", [NArray.of([1])])).rejects.toThrow("csv.stringify: each row must be an array");
    await expect(call(csv, "stringify_with_headers", [NArray.of([]), NArray.of([1])])).rejects.toThrow("Headers must be strings");
    await expect(call(csv, "stringify_with_headers", [NArray.of([1]), NArray.of(["a"])])).rejects.toThrow("csv.stringify_with_headers: each row must be a map");
  });
});

describe("std/csv writer", () => {
  test("stringify quotes only when needed and renders values", async () => {
    const rows = NArray.of([NArray.of(["a,b", 'say "hi"', "plain"]), NArray.of([1, new NFloat(2), new NFloat(0.1), true, undefined])]);
    expect(await call(csv, "stringify", [rows])).toBe('"a,b","say ""hi""",plain\n1,2,0.1,true,');
  });

  test("stringify_with_headers follows header order, missing keys empty", async () => {
    const rows = NArray.of([NMap.fromObject({ b: "x\ny", a: 1 }), NMap.fromObject({ a: NONE })]);
    expect(await call(csv, "stringify_with_headers", [rows, NArray.of(["a", "b"])])).toBe('a,b\n1,"x\ny"\nOption::None,');
  });
});
