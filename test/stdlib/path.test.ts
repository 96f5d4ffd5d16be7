import { expect, test } from "bun:test";
import { NArray } from "../../src/runtime/values";
import mod from "../../src/stdlib/path";
import { caller } from "./native-call";

const { show } = caller(mod);

test("join pushes parts like PathBuf", () => {
  expect(show("join", NArray.of(["a", "/b"]))).toBe("/b");
  expect(show("join", NArray.of(["a/", "b"]))).toBe("a/b");
  expect(show("join", NArray.of(["a", ""]))).toBe("a/");
  expect(show("join", NArray.of([]))).toBe("");
  expect(show("join", NArray.of(["a", 1]))).toBe("ERR Type error: join() requires array of strings");
  expect(show("join", "a")).toBe("ERR Type error: join() requires an array of path parts");
});

test("dirname, basename, extension, stem", () => {
  expect(show("dirname", "src/lib/main.tnt")).toBe("Option::Some(src/lib)");
  expect(show("dirname", "main.tnt")).toBe("Option::Some()");
  expect(show("dirname", "/a")).toBe("Option::Some(/)");
  expect(show("dirname", "/")).toBe("Option::None");
  expect(show("dirname", "")).toBe("Option::None");
  expect(show("dirname", "a/b/")).toBe("Option::Some(a)");
  expect(show("basename", "a/b.txt")).toBe("Option::Some(b.txt)");
  expect(show("basename", "a/b/")).toBe("Option::Some(b)");
  expect(show("basename", "a/..")).toBe("Option::None");
  expect(show("extension", "x.tar.gz")).toBe("Option::Some(gz)");
  expect(show("extension", "x.")).toBe("Option::Some()");
  expect(show("extension", ".bashrc")).toBe("Option::None");
  expect(show("extension", "Makefile")).toBe("Option::None");
  expect(show("stem", "x.tar.gz")).toBe("Option::Some(x.tar)");
  expect(show("stem", ".bashrc")).toBe("Option::Some(.bashrc)");
  expect(show("extname", "a/b.tnt")).toBe(".tnt");
  expect(show("extname", "a/b")).toBe("");
  expect(show("dirname", 1)).toBe("ERR Type error: dirname() requires a string path");
});

test("with_extension, absolute, normalize, resolve", () => {
  expect(show("with_extension", "a/b.txt", "md")).toBe("a/b.md");
  expect(show("with_extension", "a/b.txt", "")).toBe("a/b");
  expect(show("with_extension", "b.txt", ".md")).toBe("b..md");
  expect(show("is_absolute", "/x")).toBe("true");
  expect(show("is_relative", "/x")).toBe("false");
  expect(show("normalize", "a/./b/../c/")).toBe("a/c");
  expect(show("normalize", "/../x")).toBe("/../x");
  expect(show("normalize", "../../x")).toBe("../../x");
  expect(show("normalize", ".")).toBe("");
  expect(show("resolve", "/")).toBe("Result::Ok(/)");
  expect(show("resolve", "/no/such/file/here")).toBe("Result::Err(No such file or directory (os error 2))");
});
