import { describe, expect, test } from "bun:test";
import { fromJs, jsonFloat, jsonQuote, parseJsonText, toJs, toJsonText } from "../../src/runtime/json-value";
import { display } from "../../src/runtime/display";
import { NArray, NEnum, NFloat, NMap, NONE, NStruct, Ok, Some, type Value } from "../../src/runtime/values";

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
