import { expect, test } from "bun:test";
import { NArray, NONE } from "../../src/runtime/values";
import mod from "../../src/stdlib/string";
import { caller } from "./native-call";

const { show, raw } = caller(mod);
const arr = (x: unknown) => (x as NArray).toArray();

test("split follows Rust semantics", () => {
  expect(arr(raw("split", "abc", ""))).toEqual(["", "a", "b", "c", ""]);
  expect(arr(raw("split", "", ","))).toEqual([""]);
  expect(arr(raw("split", "a,,b", ","))).toEqual(["a", "", "b"]);
  expect(show("split", "a", 1)).toBe("ERR Type error: split() requires two strings");
});

test("join, concat, repeat, reverse", () => {
  expect(show("join", NArray.of([1, "x", NONE]), "-")).toBe("1-x-Option::None");
  expect(show("join", NArray.of([]), ",")).toBe("");
  expect(show("concat", "a", "b")).toBe("ab");
  expect(show("concat", NArray.of(["a", 1]))).toBe("a1");
  expect(show("concat", "a", 1)).toBe("ERR Type error: concat() requires strings");
  expect(show("repeat", "ab", 2)).toBe("abab");
  expect(show("repeat", "ab", -1)).toBe("ERR Runtime error: repeat count must be non-negative");
  expect(show("reverse", "héllo")).toBe("olléh");
});

test("trimming and case", () => {
  expect(show("trim", " \u00a0 x \n")).toBe("x");
  expect(show("trim", "\ufeffx")).toBe("\ufeffx");
  expect(show("trim_chars", "--a-b--", "-")).toBe("a-b");
  expect(show("to_upper", "ß")).toBe("SS");
  expect(show("capitalize", "hELLO")).toBe("Hello");
  expect(show("title", "  hello   wORLD ")).toBe("Hello World");
  expect(show("to_snake_case", "helloWorld")).toBe("hello_world");
  expect(show("to_snake_case", "XMLParser")).toBe("x_m_l_parser");
  expect(show("to_snake_case", "Hello World")).toBe("hello__world");
  expect(show("to_kebab_case", "hello_world")).toBe("hello-world");
  expect(show("to_camel_case", "HELLO_WORLD")).toBe("HELLOWORLD");
  expect(show("to_camel_case", "a__b")).toBe("aB");
  expect(show("to_pascal_case", "hello_world")).toBe("HelloWorld");
  expect(show("slugify", "Hello World!")).toBe("hello-world");
  expect(show("slugify", "Café au lait")).toBe("café-au-lait");
  expect(show("slugify", "already-slugged")).toBe("already-slugged");
});

test("search and replace", () => {
  expect(raw("index_of", "héllo", "l")).toBe(2);
  expect(raw("index_of", "abc", "z")).toBe(-1);
  expect(raw("last_index_of", "abc", "")).toBe(3);
  expect(raw("count", "aaa", "aa")).toBe(1);
  expect(raw("count", "ab", "")).toBe(3);
  expect(show("replace", "ab", "", "-")).toBe("-a-b-");
  expect(show("replace", "a.b.c", ".", "$&")).toBe("a$&b$&c");
  expect(show("replace_first", "a.b.c", ".", "$$")).toBe("a$$b.c");
  expect(show("replace_chars", "a-b_c", "-_", "<>")).toBe("a<>b<>c");
  expect(show("remove_chars", "h-e-y", "-")).toBe("hey");
  expect(show("keep_chars", "a1b2", "12")).toBe("12");
});

test("regular expressions with Rust syntax", () => {
  expect(raw("matches_pattern", "test123", "\\d+")).toBe(true);
  expect(raw("matches_pattern", "٣", "^\\d$")).toBe(true);
  expect(raw("matches_pattern", "ABC", "(?i)abc")).toBe(true);
  expect(raw("matches_pattern", "a-b", "a\\-b")).toBe(true);
  expect(show("find_pattern", "x12y", "\\d+")).toBe("Option::Some(12)");
  expect(show("find_pattern", "xy", "\\d+")).toBe("Option::None");
  expect(arr(raw("find_all_pattern", "ab", "\\d*"))).toEqual(["", "", ""]);
  expect(arr(raw("split_pattern", "a1b22c3", "(\\d)+"))).toEqual(["a", "b", "c", ""]);
  expect(show("replace_pattern", "John Smith", "(?P<first>\\w+) (?P<last>\\w+)", "$last, ${first} $$ $1a|")).toBe("Smith, John $ |");
  expect(show("find_pattern", "x", "(")).toStartWith("ERR Runtime error: Invalid regex pattern: ");
});

test("extraction", () => {
  expect(show("char_at", "héllo", 1)).toBe("é");
  expect(show("char_at", "abc", 3)).toBe("ERR Runtime error: Index 3 out of bounds");
  expect(show("char_at", "abc", -1)).toBe("ERR Runtime error: Index -1 out of bounds");
  expect(show("substring", "héllo", 1, 3)).toBe("él");
  expect(show("substring", "abc", 2, 1)).toBe("ERR Runtime error: Invalid substring range");
  expect(arr(raw("chars", "a😀"))).toEqual(["a", "😀"]);
  expect(arr(raw("lines", "a\r\nb\n"))).toEqual(["a", "b"]);
  expect(arr(raw("lines", "a\n\nb"))).toEqual(["a", "", "b"]);
  expect(arr(raw("lines", ""))).toEqual([]);
  expect(arr(raw("lines", "\n"))).toEqual([""]);
  expect(arr(raw("words", "  a \t b\n"))).toEqual(["a", "b"]);
  expect(show("truncate", "hello world", 8, "...")).toBe("hello...");
  expect(show("truncate", "hello", 2, "...")).toBe("...");
  expect(show("truncate", "hello", 5, "...")).toBe("hello");
  expect(show("truncate", "hello world", 5, "…")).toBe("hell…");
});

test("padding uses code points", () => {
  expect(show("pad_left", "5", 3, "0")).toBe("005");
  expect(show("pad_right", "ab", 5, ".")).toBe("ab...");
  expect(show("center", "hi", 7, "*")).toBe("**hi***");
  expect(show("pad_left", "é", 3, "")).toBe("  é");
  expect(show("pad_left", "abc", -5, "x")).toBe("abc");
  expect(show("pad_left", "a", "3", "x")).toBe("ERR Type error: pad_left() requires string, int, string");
});

test("predicates", () => {
  expect(raw("is_empty", "")).toBe(true);
  expect(raw("is_blank", " \t")).toBe(true);
  expect(raw("is_numeric", "123")).toBe(true);
  expect(raw("is_numeric", "-1")).toBe(false);
  expect(raw("is_alpha", "héllo")).toBe(true);
  expect(raw("is_alphanumeric", "a1")).toBe(true);
  expect(raw("is_lowercase", "abc1")).toBe(true);
  expect(raw("is_lowercase", "123")).toBe(true);
  expect(raw("is_uppercase", "aB")).toBe(false);
  expect(raw("is_whitespace", "")).toBe(false);
  expect(raw("matches", "hello.txt", "*.txt")).toBe(true);
  expect(raw("matches", "a.b", "a?b")).toBe(true);
  expect(raw("matches", "ab", "a?b")).toBe(false);
  expect(raw("matches", "(x)", "(*)")).toBe(true);
});

test("Rust regex syntax without a JS equivalent is translated", () => {
  expect(arr(raw("find_all_pattern", "héllo wörld", "\\w+"))).toEqual(["héllo", "wörld"]);
  expect(arr(raw("find_all_pattern", "hello world", "\\b\\w+\\b"))).toEqual(["hello", "world"]);
  expect(arr(raw("find_all_pattern", "a1 b2", "[[:alpha:]][[:digit:]]"))).toEqual(["a1", "b2"]);
  expect(arr(raw("find_all_pattern", "aé1", "\\pL"))).toEqual(["a", "é"]);
  expect(arr(raw("find_all_pattern", "a😀", "\\x{1F600}"))).toEqual(["😀"]);
  expect(raw("matches_pattern", "ab", "\\Aab\\z")).toBe(true);
  expect(raw("matches_pattern", "a b", "(?x) a \\  b # comment")).toBe(true);
});
