import { expect, test } from "bun:test";
import { NFloat, NMap } from "../../src/runtime/values";
import mod from "../../src/stdlib/url";
import { caller } from "./native-call";

const { show } = caller(mod);

test("encoders", () => {
  expect(show("encode", "a b&c")).toBe("a%20b&c");
  expect(show("encode", "é")).toBe("%C3%A9");
  expect(show("encode_component", "a b!'()*~")).toBe("a%20b%21%27%28%29%2A~");
});

test("decode returns a Result", () => {
  expect(show("decode", "a%20b+c")).toBe("Result::Ok(a b c)");
  expect(show("decode", "%zz")).toBe("Result::Err(Invalid percent encoding: %zz)");
  expect(show("decode", "%a")).toBe("Result::Err(Incomplete percent encoding)");
  expect(show("decode", "%ff")).toBe("Result::Err(invalid utf-8 sequence of 1 bytes from index 0)");
  expect(show("decode", "%C3%A9")).toBe("Result::Ok(é)");
});

test("query strings", () => {
  expect(show("parse_query", "a=1&b=%20x&c&&d=e=f")).toBe("{ a: 1, b:  x, c: , d: e=f }");
  expect(show("parse_query", "?a=1")).toBe("{ ?a: 1 }");
  expect(show("build_query", NMap.fromObject({ a: "x y", b: new NFloat(2), c: true }))).toBe("a=x%20y&b=2&c=true");
  expect(show("build_query", new NMap())).toBe("");
});

test("parse_url splits like the reference", () => {
  expect(show("parse_url", "https://u:p@ex.com:8080/a/b?x=1&y#top")).toBe(
    "Result::Ok({ scheme: https, username: u, password: p, host: ex.com, port: 8080, path: /a/b, " +
      "query: x=1&y, params: { x: 1, y:  }, fragment: top, href: https://u:p@ex.com:8080/a/b?x=1&y#top })",
  );
  expect(show("parse", "ex.com")).toBe("Result::Ok({ host: ex.com, href: ex.com })");
  expect(show("parse_url", "http://h:/p")).toBe("Result::Ok({ scheme: http, host: h, path: /p, href: http://h:/p })");
  expect(show("parse_url", "")).toBe("Result::Err(Invalid URL)");
  expect(show("parse_url", 1)).toBe("ERR Type error: parse() requires a URL string");
  expect(show("join", "http://x/", "/a")).toBe("http://x/a");
});
