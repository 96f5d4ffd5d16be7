import { describe, expect, test } from "bun:test";
import { bin, call, expr, id, int, stmts, str, subExpr } from "./helpers";

describe("precedence and associativity (spec §2.3)", () => {
  test("arithmetic binds tighter than comparison, left-assoc", () => {
    expect(expr("1 + 2 * 3 - 4")).toEqual(bin("-", bin("+", int(1), bin("*", int(2), int(3))), int(4)));
    expect(expr("a < b < c")).toEqual(bin("<", bin("<", id("a"), id("b")), id("c")));
    expect(expr("10 % 3 / 2")).toEqual(bin("/", bin("%", int(10), int(3)), int(2)));
  });
  test("logical levels: ?? below || below && below ==", () => {
    expect(expr("a ?? b || c && d == e")).toEqual({
      type: "Logical",
      op: "??",
      left: id("a"),
      right: { type: "Logical", op: "||", left: id("b"), right: { type: "Logical", op: "&&", left: id("c"), right: bin("==", id("d"), id("e")) } },
    });
  });
  test("range sits between comparison and +", () => {
    expect(expr("0..n + 1")).toEqual({ type: "Range", start: int(0), end: bin("+", id("n"), int(1)), inclusive: false });
    expect(expr("1..=3")).toEqual({ type: "Range", start: int(1), end: int(3), inclusive: true });
    expect(expr("1..5")).toEqual({ type: "Range", start: int(1), end: int(5), inclusive: false });
  });
  test("prefix operators nest, including long chains", () => {
    expect(expr("-!-x")).toEqual({ type: "Unary", op: "-", operand: { type: "Unary", op: "!", operand: { type: "Unary", op: "-", operand: id("x") } } });
    expect(expr("--x")).toEqual({ type: "Unary", op: "-", operand: { type: "Unary", op: "-", operand: id("x") } });
    expect(() => stmts("let x = " + "-".repeat(2000) + "1")).not.toThrow();
  });
  test("assignment is right-associative and lowest", () => {
    expect(expr("a = b = 1 + 2")).toEqual({
      type: "Assign",
      op: "=",
      target: id("a"),
      value: { type: "Assign", op: "=", target: id("b"), value: bin("+", int(1), int(2)) },
    });
  });
  test("compound assignment (#4) on any target shape (#5, #6)", () => {
    expect(expr("x += 2")).toEqual({ type: "Assign", op: "+=", target: id("x"), value: int(2) });
    for (const op of ["-=", "*=", "/="]) expect((expr(`x ${op} 2`) as { op: string }).op).toBe(op);
    expect(expr("a[0] = 9")).toEqual({ type: "Assign", op: "=", target: { type: "Index", object: id("a"), index: int(0) }, value: int(9) });
    expect(expr("a.b.c -= 1")).toEqual({
      type: "Assign",
      op: "-=",
      target: { type: "Field", object: { type: "Field", object: id("a"), name: "b" }, name: "c" },
      value: int(1),
    });
    expect(expr("f() = 1")).toMatchObject({ type: "Assign", target: { type: "Call" } });
  });
});

describe("postfix", () => {
  test("calls, methods, fields, index chain", () => {
    expect(expr("a.b(1).c[2](3)")).toEqual(
      call(
        { type: "Index", object: { type: "Field", object: { type: "MethodCall", object: id("a"), method: "b", args: [int(1)] }, name: "c" }, index: int(2) },
        int(3),
      ),
    );
    expect(expr("5.str()")).toEqual({ type: "MethodCall", object: int(5), method: "str", args: [] });
  });
  test("any keyword is a property or method name after '.' (#8)", () => {
    expect(expr("req.type")).toEqual({ type: "Field", object: id("req"), name: "type" });
    expect(expr("m.map")).toEqual({ type: "Field", object: id("m"), name: "map" });
    expect(expr("x.match(1)")).toEqual({ type: "MethodCall", object: id("x"), method: "match", args: [int(1)] });
  });
  test("type(x) is a call (#7)", () => {
    expect(expr("type(x)")).toEqual(call(id("type"), id("x")));
    expect(stmts("type Id = Int")).toEqual([{ type: "TypeAlias", name: "Id", target: "Int", typeParams: [] }]);
  });
  test("newlines do not end expressions (spec §1.1)", () => {
    expect(stmts("let b = a\n(2)")[0]).toMatchObject({ value: call(id("a"), int(2)) });
    expect(stmts("x\n[1]")[0]).toMatchObject({ expr: { type: "Index", object: id("x") } });
  });
  test("trailing commas in calls, arrays, maps, struct literals (#28)", () => {
    expect(expr("f(1, 2,)")).toEqual(call(id("f"), int(1), int(2)));
    expect(expr("[1, 2,]")).toEqual({ type: "ArrayLit", items: [int(1), int(2)] });
    expect(expr('map { "a": 1, }')).toEqual({ type: "MapLit", entries: [{ key: str("a"), value: int(1) }] });
    expect(expr("P { x: 1, }")).toEqual({ type: "StructLit", name: "P", fields: [{ name: "x", value: int(1) }] });
  });
});

describe("pipe desugaring", () => {
  test("x |> f and x |> f(a) become calls; chains nest", () => {
    expect(expr("x |> f")).toEqual(call(id("f"), id("x")));
    expect(expr("1 |> add(2) |> add(3)")).toEqual(call(id("add"), call(id("add"), int(1), int(2)), int(3)));
    expect(expr("x |> g(1)(2)")).toEqual(call(call(id("g"), int(1)), id("x"), int(2)));
  });
  test("pipe is below ?? and above =", () => {
    expect(expr("y = a ?? b |> f")).toEqual({
      type: "Assign",
      op: "=",
      target: id("y"),
      value: call(id("f"), { type: "Logical", op: "??", left: id("a"), right: id("b") }),
    });
  });
});

describe("primaries", () => {
  test("literals", () => {
    expect(expr("()")).toEqual({ type: "Unit" });
    expect(expr("true")).toEqual({ type: "Literal", value: { kind: "bool", value: true } });
    expect(expr("2.50")).toEqual({ type: "Literal", value: { kind: "float", value: 2.5 } });
    expect(expr("1e3")).toEqual({ type: "Literal", value: { kind: "float", value: 1000 } });
    expect(expr("1_000")).toEqual(int(1000));
    expect(expr("0xFF")).toEqual(int(255));
    expect(expr("0b1010")).toEqual(int(10));
    expect(expr("(1)")).toEqual(int(1));
  });
  test("Int literals beyond 2^53 are bigint, up to i64 max", () => {
    expect(expr("9007199254740991")).toEqual(int(9007199254740991));
    expect(expr("9007199254740993")).toEqual({ type: "Literal", value: { kind: "int", value: "9007199254740993n" } } as never);
    expect(expr("9223372036854775807")).toEqual({ type: "Literal", value: { kind: "int", value: "9223372036854775807n" } } as never);
  });
  test("enum paths", () => {
    expect(expr("Color::Red")).toEqual({ type: "Path", enumName: "Color", variant: "Red", args: null });
    expect(expr("Point::new(1, 2)")).toEqual({ type: "Path", enumName: "Point", variant: "new", args: [int(1), int(2)] });
  });
  test("struct literals, followed by postfix", () => {
    expect(expr("P { x: 1 }.x")).toEqual({ type: "Field", object: { type: "StructLit", name: "P", fields: [{ name: "x", value: int(1) }] }, name: "x" });
    expect(expr("E {}")).toEqual({ type: "StructLit", name: "E", fields: [] });
  });
  test("block expressions and if in expression position (#40)", () => {
    expect(stmts("let r = { let x = 1; x }")[0]).toMatchObject({ value: { type: "Block", body: [{ type: "Let" }, { type: "ExprStmt" }] } });
    expect(stmts("let v = if c { 1 } else { 2 }")[0]).toMatchObject({
      value: { type: "IfExpr", cond: id("c"), then: [{ type: "ExprStmt", expr: int(1) }], otherwise: [{ type: "ExprStmt", expr: int(2) }] },
    });
    expect(stmts("let v = if a { 1 } else if b { 2 }")[0]).toMatchObject({ value: { type: "IfExpr", otherwise: [{ type: "If", cond: id("b") }] } });
  });
  test("map literals and nested map inference (§2.3, #47)", () => {
    expect(expr('map { "user": { "name": "Al" }, "empty": {}, "n": { k: 1 } }')).toEqual({
      type: "MapLit",
      entries: [
        { key: str("user"), value: { type: "MapLit", entries: [{ key: str("name"), value: str("Al") }] } },
        { key: str("empty"), value: { type: "MapLit", entries: [] } },
        { key: str("n"), value: { type: "MapLit", entries: [{ key: id("k"), value: int(1) }] } },
      ],
    });
    expect(expr("map { name: 1 }")).toEqual({ type: "MapLit", entries: [{ key: id("name"), value: int(1) }] });
    // Inside map values, even blocks nested in calls infer maps; a plain block stays a block.
    expect(expr('map { "a": f({}) }')).toMatchObject({ entries: [{ value: { args: [{ type: "MapLit" }] } }] });
    expect(expr('map { "a": { 1 } }')).toMatchObject({ entries: [{ value: { type: "Block" } }] });
    // Outside a map literal `{}` is an empty block.
    expect(expr("{}")).toEqual({ type: "Block", body: [] });
  });
  test("match with guards, optional commas, block bodies", () => {
    expect(expr("match x { Some(v) if v > 0 => v, None => { 0 } _ => 1 }")).toEqual({
      type: "Match",
      subject: id("x"),
      arms: [
        {
          pattern: { type: "VariantPat", enumName: null, variant: "Some", args: [{ type: "BindPat", name: "v" }] },
          guard: bin(">", id("v"), int(0)),
          body: id("v"),
        },
        {
          pattern: { type: "VariantPat", enumName: null, variant: "None", args: null },
          guard: null,
          body: { type: "Block", body: [{ type: "ExprStmt", expr: int(0) }] },
        },
        { pattern: { type: "WildcardPat" }, guard: null, body: int(1) },
      ],
    });
  });
});

describe("heads of if/while/for/match (#27)", () => {
  test("IDENT {} after a head is the body, not a struct literal (#28 now parses)", () => {
    expect(stmts("for i in items {}")).toEqual([{ type: "For", variable: "i", iterable: id("items"), body: [] }]);
    expect(stmts("if ok {}")).toEqual([{ type: "If", cond: id("ok"), then: [], otherwise: null }]);
    expect(stmts("while go {}")).toEqual([{ type: "While", cond: id("go"), body: [] }]);
    expect(stmts("match m { }")).toEqual([{ type: "ExprStmt", expr: { type: "Match", subject: id("m"), arms: [] } }]);
  });
  test("struct literals are still allowed inside brackets in a head", () => {
    expect(stmts("if f(P { x: 1 }) {}")[0]).toMatchObject({ cond: { type: "Call", args: [{ type: "StructLit" }] } });
  });
});

describe("sub-expressions (parseExpression)", () => {
  test("trailing tokens are ignored", () => {
    expect(subExpr("x y")).toEqual(id("x"));
    expect(subExpr("price:.2")).toEqual(id("price"));
  });
});
