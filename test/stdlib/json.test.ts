import { expect, test } from "bun:test";
import { NArray, NFloat, NMap, NONE, Some } from "../../src/runtime/values";
import mod from "../../src/stdlib/json";
import { caller } from "./native-call";

const { show } = caller(mod);

test("parse_json returns Ok/Err", () => {
  expect(show("parse_json", '{"a": [1, 2.0, null]}')).toBe("Result::Ok({ a: [1, 2, ()] })");
  expect(show("parse", "42")).toBe("Result::Ok(42)");
  expect(show("parse_json", "")).toBe("Result::Err(EOF while parsing a value at line 1 column 0)");
  expect(show("parse_json", 1)).toBe("ERR Type error: parse_json() requires a JSON string");
});

test("stringify and stringify_pretty", () => {
  const v = NMap.fromObject({ z: NONE, a: NArray.of([1, new NFloat(2), Some("x")]) });
  expect(show("stringify", v)).toBe('{"a":[1,2.0,"x"],"z":null}');
  expect(show("stringify_pretty", v)).toBe('{\n  "a": [\n    1,\n    2.0,\n    "x"\n  ],\n  "z": null\n}');
});
