import { describe, expect, test } from "bun:test";
import { parse } from "../../src/parser/index";
import { bin, call, id, int, stmts, str } from "./helpers";

describe("statements (spec §2.2)", () => {
  test("let forms", () => {
    expect(stmts("let x = 1")).toEqual([{ type: "Let", mutable: false, target: { type: "BindPat", name: "x" }, typeAnn: null, value: int(1) }]);
    expect(stmts("let mut y: Map<String, Array<Int>> = z;")).toEqual([
      { type: "Let", mutable: true, target: { type: "BindPat", name: "y" }, typeAnn: "Map<String, Array<Int>>", value: id("z") },
    ]);
    expect(stmts("let n")).toEqual([{ type: "Let", mutable: false, target: { type: "BindPat", name: "n" }, typeAnn: null, value: null }]);
    expect(stmts("let (a, b) = p; let [c, _] = q")).toEqual([
      {
        type: "Let",
        mutable: false,
        target: {
          type: "ArrayPat",
          items: [
            { type: "BindPat", name: "a" },
            { type: "BindPat", name: "b" },
          ],
        },
        typeAnn: null,
        value: id("p"),
      },
      {
        type: "Let",
        mutable: false,
        target: { type: "ArrayPat", items: [{ type: "BindPat", name: "c" }, { type: "WildcardPat" }] },
        typeAnn: null,
        value: id("q"),
      },
    ]);
  });
  test("no statement break at a newline (§12 #1)", () => {
    expect(stmts("let a = 5\n-3\nprint(a)")).toEqual([
      { type: "Let", mutable: false, target: { type: "BindPat", name: "a" }, typeAnn: null, value: bin("-", int(5), int(3)) },
      { type: "ExprStmt", expr: call(id("print"), id("a")) },
    ]);
  });
  test("if / else if / else chains", () => {
    expect(stmts("if a { 1 } else if b { 2 } else { 3 }")).toEqual([
      {
        type: "If",
        cond: id("a"),
        then: [{ type: "ExprStmt", expr: int(1) }],
        otherwise: [{ type: "If", cond: id("b"), then: [{ type: "ExprStmt", expr: int(2) }], otherwise: [{ type: "ExprStmt", expr: int(3) }] }],
      },
    ]);
  });
  test("loops, break/continue, return, defer", () => {
    expect(stmts('while x < 3 { x = x + 1; continue } loop { break; } for c in "ab" { defer print(c) }')).toEqual([
      {
        type: "While",
        cond: bin("<", id("x"), int(3)),
        body: [{ type: "ExprStmt", expr: { type: "Assign", op: "=", target: id("x"), value: bin("+", id("x"), int(1)) } }, { type: "Continue" }],
      },
      { type: "Loop", body: [{ type: "Break" }] },
      { type: "For", variable: "c", iterable: str("ab"), body: [{ type: "Defer", expr: call(id("print"), id("c")) }] },
    ]);
    expect(stmts("fn f() { return }")[0]).toMatchObject({ body: [{ type: "Return", value: null }] });
    expect(stmts("fn f() { return; }")[0]).toMatchObject({ body: [{ type: "Return", value: null }] });
    // `return` takes the expression on the next line (§12 #34).
    expect(stmts('return\nprint("b")')).toEqual([{ type: "Return", value: call(id("print"), str("b")) }]);
  });
  test("stray semicolons are accepted (#28)", () => {
    expect(stmts(";; let a = 1;; ;")).toHaveLength(1);
    expect(stmts("{ ; }")).toEqual([{ type: "ExprStmt", expr: { type: "Block", body: [] } }]);
  });
});

describe("declarations (spec §2.1)", () => {
  test("functions: types, defaults (#12), contracts with source text", () => {
    const [f] = stmts(
      'fn f(a: Int, b: [String] = ["x"], c = 2) -> Result<(), Error> requires a > 0  requires  b != [] ensures result == old(a) + 1 { return a }',
    );
    expect(f).toEqual({
      type: "FnDecl",
      name: "f",
      params: [
        { name: "a", typeAnn: "Int", defaultValue: null },
        { name: "b", typeAnn: "[String]", defaultValue: { type: "ArrayLit", items: [str("x")] } },
        { name: "c", typeAnn: null, defaultValue: int(2) },
      ],
      returnType: "Result<(), Error>",
      requires: [bin(">", id("a"), int(0)), bin("!=", id("b"), { type: "ArrayLit", items: [] })],
      ensures: [bin("==", id("result"), bin("+", call(id("old"), id("a")), int(1)))],
      body: [{ type: "Return", value: id("a") }],
      requiresText: ["a > 0", "b != []"],
      ensuresText: ["result == old(a) + 1"],
      typeParams: [],
    });
  });
  test("contract clause followed by an empty body is not a struct literal", () => {
    expect(stmts("fn f(ok) requires ok {}")[0]).toMatchObject({ requires: [id("ok")], body: [] });
  });
  test("generic functions and all type forms (#11)", () => {
    const [f] = stmts("fn g<T: Show + Eq, U>(x: fn(Int, T) -> Bool, y: (Int, String), z: Int?, w: A | B, v: Int[], u: Map<String, Array<Int>>) {}");
    expect((f as { typeParams: string[] }).typeParams).toEqual(["T", "U"]);
    expect((f as { params: { typeAnn: string }[] }).params.map((p) => p.typeAnn)).toEqual([
      "fn(Int, T) -> Bool",
      "(Int, String)",
      "Int?",
      "A | B",
      "Int[]",
      "Map<String, Array<Int>>",
    ]);
  });
  test("struct, enum, type alias", () => {
    expect(stmts("struct P<T> { pub x: Int, y: T, }")).toEqual([
      {
        type: "StructDecl",
        name: "P",
        fields: [
          { name: "x", typeAnn: "Int" },
          { name: "y", typeAnn: "T" },
        ],
        typeParams: ["T"],
      },
    ]);
    expect(stmts("enum Shape { Circle(Float), Rect(Float, Float), Dot, }")).toEqual([
      {
        type: "EnumDecl",
        name: "Shape",
        typeParams: [],
        variants: [
          { name: "Circle", arity: 1, types: ["Float"] },
          { name: "Rect", arity: 2, types: ["Float", "Float"] },
          { name: "Dot", arity: 0, types: null },
        ],
      },
    ]);
    expect(stmts("type Handler<T> = fn(Request) -> Response;")).toEqual([
      { type: "TypeAlias", name: "Handler", target: "fn(Request) -> Response", typeParams: ["T"] },
    ]);
  });
  test("impl with invariants and trait impls", () => {
    expect(stmts("impl Acc { invariant bal >= 0\n invariant self.bal < 100; fn get(self) { self.bal } }")).toEqual([
      {
        type: "ImplDecl",
        typeName: "Acc",
        traitName: null,
        methods: [
          {
            type: "FnDecl",
            name: "get",
            params: [{ name: "self", typeAnn: null, defaultValue: null }],
            returnType: null,
            requires: [],
            ensures: [],
            body: [{ type: "ExprStmt", expr: { type: "Field", object: id("self"), name: "bal" } }],
            requiresText: [],
            ensuresText: [],
            typeParams: [],
          },
        ],
        invariants: [bin(">=", id("bal"), int(0)), bin("<", { type: "Field", object: id("self"), name: "bal" }, int(100))],
        invariantsText: ["bal >= 0", "self.bal < 100"],
      },
    ]);
    expect(stmts("impl Greet for U {}")).toEqual([{ type: "ImplDecl", typeName: "U", traitName: "Greet", methods: [], invariants: [], invariantsText: [] }]);
    expect(stmts("impl<T> Stack<T> { pub fn size(self) -> Int { 0 } }")[0]).toMatchObject({ typeName: "Stack", methods: [{ name: "size" }] });
  });
  test("traits keep only methods with a default body", () => {
    expect(stmts('trait Greet: Show { fn name(self) -> String; fn hello(self) { "hi" } fn bye(self) }')).toEqual([
      {
        type: "TraitDecl",
        name: "Greet",
        methods: [
          {
            type: "FnDecl",
            name: "hello",
            params: [{ name: "self", typeAnn: null, defaultValue: null }],
            returnType: null,
            requires: [],
            ensures: [],
            body: [{ type: "ExprStmt", expr: str("hi") }],
            requiresText: [],
            ensuresText: [],
            typeParams: [],
          },
        ],
      },
    ]);
  });
  test("imports", () => {
    expect(stmts('import { split, join as j, } from "std/string"')).toEqual([
      {
        type: "Import",
        source: "std/string",
        items: [
          { name: "split", alias: null },
          { name: "join", alias: "j" },
        ],
        alias: null,
      },
    ]);
    expect(stmts('import "std/math" as m; import "./lib/util"')).toEqual([
      { type: "Import", source: "std/math", items: null, alias: "m" },
      { type: "Import", source: "./lib/util", items: null, alias: null },
    ]);
    expect(stmts("import { listen } from std/http/server")).toEqual([
      { type: "Import", source: "std/http/server", items: [{ name: "listen", alias: null }], alias: null },
    ]);
    expect(stmts("import math as mm")).toEqual([{ type: "Import", source: "math", items: null, alias: "mm" }]);
    expect(stmts('import x as y from "std/json"')).toEqual([{ type: "Import", source: "std/json", items: null, alias: null }]);
  });
  test("exports, use (#30), mod, protocol, attributes", () => {
    expect(stmts("export { a, b }; export fn f() {} pub struct S { x: Int }")).toMatchObject([
      { type: "Noop" },
      { type: "FnDecl", name: "f" },
      { type: "StructDecl", name: "S" },
    ]);
    expect(stmts("use a; use a::b; use a::{b, c}; use a::*")).toEqual([{ type: "Noop" }, { type: "Noop" }, { type: "Noop" }, { type: "Noop" }]);
    expect(stmts("mod m { fn f() {} }")).toMatchObject([{ type: "Mod", name: "m", body: [{ type: "FnDecl", name: "f" }] }]);
    expect(stmts('protocol P { fn a(self) -> String; fn b(x: "}") }\nlet z = 1')).toMatchObject([{ type: "Noop" }, { type: "Let" }]);
    expect(stmts('#[test]\n#[route("/x", 1)]\nfn t() {}')).toMatchObject([{ type: "FnDecl", name: "t" }]);
  });
  test("declarations nest anywhere", () => {
    expect(stmts('if c { struct S { x: Int } fn f() { import "std/math" as m } }')[0]).toMatchObject({
      then: [{ type: "StructDecl" }, { type: "FnDecl", body: [{ type: "Import" }] }],
    });
  });
});

describe("patterns (spec §2.5)", () => {
  const pat = (src: string) => (stmts(`match v { ${src} => 0 }`)[0] as never as { expr: { arms: { pattern: unknown }[] } }).expr.arms[0]!.pattern;
  test("all forms", () => {
    expect(pat("_")).toEqual({ type: "WildcardPat" });
    expect(pat("42")).toEqual({ type: "LiteralPat", value: { kind: "int", value: 42 } });
    expect(pat("2.5")).toEqual({ type: "LiteralPat", value: { kind: "float", value: 2.5 } });
    expect(pat("'s'")).toEqual({ type: "LiteralPat", value: { kind: "string", value: "s" } });
    expect(pat('r"raw"')).toEqual({ type: "LiteralPat", value: { kind: "string", value: "raw" } });
    expect(pat("false")).toEqual({ type: "LiteralPat", value: { kind: "bool", value: false } });
    expect(pat("[a, _]")).toEqual({ type: "ArrayPat", items: [{ type: "BindPat", name: "a" }, { type: "WildcardPat" }] });
    expect(pat("(a, b)")).toEqual({
      type: "ArrayPat",
      items: [
        { type: "BindPat", name: "a" },
        { type: "BindPat", name: "b" },
      ],
    });
    expect(pat("Shape::Circle(r)")).toEqual({ type: "VariantPat", enumName: "Shape", variant: "Circle", args: [{ type: "BindPat", name: "r" }] });
    expect(pat("Color::Red")).toEqual({ type: "VariantPat", enumName: "Color", variant: "Red", args: null });
    expect(pat("Ok(Some(x))")).toEqual({
      type: "VariantPat",
      enumName: null,
      variant: "Ok",
      args: [{ type: "VariantPat", enumName: null, variant: "Some", args: [{ type: "BindPat", name: "x" }] }],
    });
    expect(pat("P { x: 0, y: yy }")).toEqual({
      type: "StructPat",
      name: "P",
      fields: [
        { name: "x", pattern: { type: "LiteralPat", value: { kind: "int", value: 0 } } },
        { name: "y", pattern: { type: "BindPat", name: "yy" } },
      ],
    });
    expect(pat("None")).toEqual({ type: "VariantPat", enumName: null, variant: "None", args: null });
    expect(pat("other")).toEqual({ type: "BindPat", name: "other" });
  });
});

describe("positions", () => {
  test("nodes carry 1-based line/col of their first token", () => {
    const p = parse("let a = 1\n  print(a + b)", "t.tnt");
    expect(p.body[0]!.loc).toEqual({ line: 1, col: 1 });
    const e = p.body[1] as { expr: { loc: unknown; args: { loc: unknown; right: { loc: unknown } }[] } };
    expect(e.expr.loc).toEqual({ line: 2, col: 3 });
    expect(e.expr.args[0]!.loc).toEqual({ line: 2, col: 9 });
    expect(e.expr.args[0]!.right.loc).toEqual({ line: 2, col: 13 });
  });
  test("interpolated expressions are positioned inside the string", () => {
    const p = parse('let s = "ab {x} {\\"y\\"}"', "t.tnt");
    const parts = (p.body[0] as { value: { parts: { loc?: unknown }[] } }).value.parts;
    expect(parts[1]!.loc).toEqual({ line: 1, col: 14 });
    expect(parts[3]!.loc).toEqual({ line: 1, col: 18 });
  });
});
