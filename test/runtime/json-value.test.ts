import { describe, expect, test } from "bun:test";
import { fromJs, jsonFloat, jsonQuote, parseJsonText, toJs, toJsonText } from "../../src/runtime/json-value";
import { display } from "../../src/runtime/display";
import { NArray, NEnum, NFloat, NMap, NONE, NStruct, Ok, Some, type Value } from "../../src/runtime/values";
import httpServer from "../../src/stdlib/http-server";
import { caller } from "../stdlib/native-call";

/** The body of std/http/server's json(value). */
const httpJson = (v: Value): Value => (caller(httpServer).raw("json", v) as NMap).get("body");

const parseErr = (t: string): string => {
  try {
    parseJsonText(t);
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

test("numbers keep Int vs Float", () => {
  expect(parseJsonText("20")).toBe(20);
  expect(parseJsonText("20.0")).toEqual(new NFloat(20));
  expect(parseJsonText("1e3")).toEqual(new NFloat(1000));
  expect(parseJsonText("-9223372036854775808")).toBe(-9223372036854775808n);
  expect(parseJsonText("9223372036854775808")).toBeInstanceOf(NFloat);
  expect(display(parseJsonText(' {"a": [1, 2.5, null, true], "b": "x\\u00e9\\n"} '))).toBe("{ a: [1, 2.5, (), true], b: xé\n }");
});

test("serde_json error texts and positions", () => {
  expect(parseErr("")).toBe("EOF while parsing a value at line 1 column 0");
  expect(parseErr("x")).toBe("expected value at line 1 column 1");
  expect(parseErr("123x")).toBe("trailing characters at line 1 column 4");
  expect(parseErr("{1:2}")).toBe("key must be a string at line 1 column 2");
  expect(parseErr('{"a" 1}')).toBe("expected `:` at line 1 column 6");
  expect(parseErr('"a\\q"')).toBe("invalid escape at line 1 column 4");
  expect(parseErr('"a\nb"')).toBe("control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0");
  expect(parseErr("[1,]")).toBe("trailing comma at line 1 column 4");
  expect(parseErr('{"a":1')).toBe("EOF while parsing an object at line 1 column 6");
  expect(parseErr("[".repeat(200))).toBe("recursion limit exceeded at line 1 column 128");
});

test("ryu float layout", () => {
  const cases: [number, string][] = [
    [20, "20.0"],
    [-0, "-0.0"],
    [0.1, "0.1"],
    [123.456, "123.456"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e16"],
    [1.5e17, "1.5e17"],
    [0.00001, "0.00001"],
    [1e-6, "1e-6"],
    [1.2e-7, "1.2e-7"],
    [Number.NaN, "null"],
  ];
  for (const [x, s] of cases) expect(jsonFloat(x)).toBe(s);
});

test("serialising: sorted keys, Options unwrapped, enums as Display strings", () => {
  const v = NMap.fromObject({
    b: NArray.of([1, new NFloat(2.5), undefined]),
    a: Some(new NFloat(20)),
    n: NONE,
    r: Ok(2),
    c: new NEnum("Color", "Red", []),
    s: new NStruct(
      "P",
      new Map<string, Value>([
        ["y", 'é/"'],
        ["x", 1],
      ]),
    ),
  });
  expect(toJsonText(v)).toBe('{"a":20.0,"b":[1,2.5,null],"c":"Color::Red","n":null,"r":"Result::Ok(2)","s":{"x":1,"y":"é/\\""}}');
  expect(toJsonText(NMap.fromObject({ a: NArray.of([]), b: new NMap(), c: NArray.of([1]) }), true)).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1\n  ]\n}');
});

test("JS value conversion", () => {
  expect(display(fromJs({ a: [1, 2.5, null], b: "x" }))).toBe("{ a: [1, 2.5, ()], b: x }");
  expect(toJs(NMap.fromObject({ a: Some(1), f: new NFloat(1.5) }))).toEqual({ a: 1, f: 1.5 });
});

describe("jsonQuote", () => {
  test("writes exactly what JSON.stringify writes", () => {
    const samples = ["", "plain", 'say "hi"', "back\\slash", "tab\tnew\nline", "\u0001", "héllo", "日本", "😀", "\ud800 lone", "x".repeat(100) + '"'];
    for (const s of samples) expect(jsonQuote(s)).toBe(JSON.stringify(s));
  });
});

describe("one compact JSON writer", () => {
  // The old fast path of std/http/server's json() wrote plain maps, arrays, strings, Ints and
  // Bools itself; the shared writer now does, and every other kind must come out as before.
  const kinds: [string, Value, string][] = [
    ["Int", 42, "42"],
    ["negative Int", -7, "-7"],
    ["Int beyond 2^53", 9007199254740993n, "9007199254740993"],
    ["Float", new NFloat(2), "2.0"],
    ["Float NaN", new NFloat(Number.NaN), "null"],
    ["String with escapes", 'a"b\\c\n\u0001é', JSON.stringify('a"b\\c\n\u0001é')],
    ["Bool", false, "false"],
    ["Unit", undefined, "null"],
    ["Some", Some(3), "3"],
    ["nested Some", Some(Some("x")), '"x"'],
    ["Some(None)", Some(NONE), "null"],
    ["None", NONE, "null"],
    ["Result", Ok(2), '"Result::Ok(2)"'],
    ["unit enum", new NEnum("Color", "Red", []), '"Color::Red"'],
    ["map, keys sorted by code point", NMap.fromObject({ b: 1, B: 2, a: NArray.of([]), é: new NMap() }), '{"B":2,"a":[],"b":1,"é":{}}'],
    ["map of Options", NMap.fromObject({ s: Some(new NFloat(0.5)), n: NONE }), '{"n":null,"s":0.5}'],
    [
      "struct",
      new NStruct(
        "P",
        new Map<string, Value>([
          ["y", Some(1)],
          ["x", NArray.of([true, undefined])],
        ]),
      ),
      '{"x":[true,null],"y":1}',
    ],
    ["array of everything", NArray.of([1, new NFloat(1.5), "s", NONE, NMap.fromObject({ k: 1 })]), '[1,1.5,"s",null,{"k":1}]'],
    // Where a writer built on a plain object and JSON.stringify could differ (toJsonText's native path).
    ["map with Unit values", NMap.fromObject({ u: undefined, v: NArray.of([undefined]) }), '{"u":null,"v":[null]}'],
    ["digit keys sort as text", NMap.fromObject({ a: 3, "9": 1, "10": 2, "0x": 4 }), '{"0x":4,"10":2,"9":1,"a":3}'],
    [
      "__proto__ key",
      new NMap(
        new Map<string, Value>([
          ["__proto__", 1],
          ["a", 2],
        ]),
      ),
      '{"__proto__":1,"a":2}',
    ],
    ["code point order beyond U+FFFF", NMap.fromObject({ "😀": 1, "｡": 2 }), '{"｡":2,"😀":1}'],
    ["keys and strings needing escapes", NMap.fromObject({ 'k"\n': "\ud800 x", t: "\t" }), '{"k\\"\\n":"\\ud800 x","t":"\\t"}'],
    ["long string with quotes", 'q"'.repeat(40), JSON.stringify('q"'.repeat(40))],
    [
      "nested map out of order",
      NMap.fromObject({ z: NMap.fromObject({ y: 1, x: new NFloat(1e16) }), a: -9223372036854775808n }),
      '{"a":-9223372036854775808,"z":{"x":1e16,"y":1}}',
    ],
    ["array shorter than its storage", new NArray([1, 2, 3], 2), "[1,2]"],
  ];
  for (const [name, value, text] of kinds) {
    test(name, () => {
      expect(toJsonText(value)).toBe(text);
      expect(httpJson(value)).toBe(text);
    });
  }
});
