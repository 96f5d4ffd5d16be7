import { expect, test } from "bun:test";
import type { NArray } from "../../src/runtime/values";
import mod from "../../src/stdlib/string";
import { UNICODE_WORD } from "../../src/stdlib/regex-unicode-classes";
import { RE2JS } from "re2js";
import { caller } from "./native-call";
import { cpuNow } from "../support/cpu-time";

const { show, raw } = caller(mod);
const arr = (x: unknown) => (x as NArray).toArray();

test("catastrophic patterns run in linear time and give the right answer", () => {
  const started = cpuNow();
  // Backtracking engines hit their limit here and report no match after a second or more.
  expect(raw("matches_pattern", "abcdefghijklmnopqrstuvwxyzabcdef!", "(\\w+\\s?)*$")).toBe(true);
  expect(raw("matches_pattern", `${"a".repeat(35)}!`, "^(a+)+$")).toBe(false);
  expect(raw("matches_pattern", "a".repeat(100_000), "^(a|aa)+$")).toBe(true);
  expect(raw("matches_pattern", `${"a".repeat(50_000)}b`, "(a*)*c")).toBe(false);
  expect(show("replace_pattern", `${"x".repeat(30)}y`, "(x+x+)+y", "-")).toBe("-");
  expect(raw("matches_pattern", `${"ab".repeat(20_000)}c`, "^(?:a|ab|b)*c$")).toBe(true);
  expect(cpuNow() - started).toBeLessThan(500);
});

test("negated POSIX classes are negated", () => {
  expect(arr(raw("find_all_pattern", "a1b2", "[[:^digit:]]"))).toEqual(["a", "b"]);
  expect(arr(raw("find_all_pattern", "a1 b2", "[[:^alpha:][:space:]]+"))).toEqual(["1 ", "2"]);
});

test("a mid-pattern (?i) applies only from where it appears", () => {
  expect(raw("matches_pattern", "aB", "a(?i)b")).toBe(true);
  expect(raw("matches_pattern", "AB", "^a(?i)b$")).toBe(false);
  expect(raw("matches_pattern", "Ab", "^(?i:a)b$")).toBe(true);
  expect(raw("matches_pattern", "AB", "^(?i:a)b$")).toBe(false);
  expect(raw("matches_pattern", "xAB", "^(x(?i)a)B$")).toBe(true);
  expect(raw("matches_pattern", "xAb", "^(x(?i)a)B$")).toBe(false);
});

test("backreferences, look-around and Rust-only syntax are rejected, not misread", () => {
  for (const p of ["(a)\\1", "(?<n>a)\\k<n>", "(?=a)", "(?<!a)b", "\\<a", "\\b{start}a", "\\Qa\\E"]) {
    expect(show("matches_pattern", "aa", p)).toStartWith("ERR Runtime error: Invalid regex pattern: ");
  }
  expect(show("matches_pattern", "aa", "(a)\\1")).toBe("ERR Runtime error: Invalid regex pattern: backreferences are not supported");
});

test("Unicode classes follow Rust", () => {
  expect(arr(raw("find_all_pattern", "héllo wörld ٣_x", "\\w+"))).toEqual(["héllo", "wörld", "٣_x"]);
  expect(arr(raw("find_all_pattern", "a\u00a0b\u3000c", "\\S+"))).toEqual(["a", "b", "c"]);
  expect(arr(raw("find_all_pattern", "a\u00a0b", "[\\S]"))).toEqual(["a", "b"]);
  expect(arr(raw("find_all_pattern", "é-1 ", "[x\\W]"))).toEqual(["-", " "]);
  expect(arr(raw("find_all_pattern", "ⓐ1", "\\w"))).toEqual(["ⓐ", "1"]);
  expect(arr(raw("find_all_pattern", "é1٣", "(?-u:\\w)"))).toEqual(["1"]);
  expect(raw("matches_pattern", "ÉCOLE", "(?i)^école$")).toBe(true);
});

test("a Unicode \\b never gives an ASCII-only answer", () => {
  expect(arr(raw("find_all_pattern", "cat concat", "\\bcat\\b"))).toEqual(["cat"]);
  // On text with non-ASCII letters the pattern runs on its JS rendering (regex-js.ts).
  expect(arr(raw("find_all_pattern", "héllo hé", "\\bh\\w*"))).toEqual(["héllo", "hé"]);
  expect(arr(raw("find_all_pattern", "éh h", "\\bh"))).toEqual(["h"]);
  expect(arr(raw("find_all_pattern", "é cat", "(?-u:\\b)cat"))).toEqual(["cat"]);
  // What that rendering does not cover is refused rather than answered with ASCII boundaries.
  expect(show("find_all_pattern", "x héllo", "x(?i)\\bH")).toStartWith("ERR Runtime error: Regex word boundary");
});

test("nested classes and set operations follow Rust", () => {
  expect(arr(raw("find_all_pattern", "hello world", "[a-z&&[^aeiou]]"))).toEqual(["h", "l", "l", "w", "r", "l", "d"]);
  expect(arr(raw("find_all_pattern", "0345", "[0-9--4]"))).toEqual(["0", "3", "5"]);
  expect(arr(raw("find_all_pattern", "abcde", "[a-c~~b-d]"))).toEqual(["a", "d"]);
  expect(arr(raw("find_all_pattern", "abxyz", "[a[xy]]"))).toEqual(["a", "x", "y"]);
  expect(arr(raw("find_all_pattern", "abcdz", "[^[a-c]]"))).toEqual(["d", "z"]);
  expect(arr(raw("find_all_pattern", "ab1", "[\\w--\\d--a]"))).toEqual(["b"]);
  expect(arr(raw("find_all_pattern", "aΩb", "[\\p{Greek}&&\\pL]"))).toEqual(["Ω"]);
});

test("a negated class holding a complement is spelled out as ranges", () => {
  expect(arr(raw("find_all_pattern", "é_1a٣", "[^\\W\\d_]"))).toEqual(["é", "a"]);
  expect(arr(raw("find_all_pattern", "é_1a", "(?-u:[^\\W_])"))).toEqual(["1", "a"]);
  expect(arr(raw("find_all_pattern", "a\u00a0b", "[^\\S\\W]"))).toEqual([]);
  expect(arr(raw("find_all_pattern", "xy", "[^\\W\\w]"))).toEqual([]);
});

test("the JS rendering keeps RE2's meaning of ., ^, $ and escapes", () => {
  expect(arr(raw("find_all_pattern", "é\r\n", "\\b."))).toEqual(["é", "\r"]);
  expect(arr(raw("find_all_pattern", "é\nb", "(?s)\\b."))).toEqual(["é", "\n", "b"]);
  expect(arr(raw("find_all_pattern", "é\nb", "\\b."))).toEqual(["é", "b"]);
  expect(arr(raw("find_all_pattern", "é\r\nb\u2028c", "(?m)^\\b\\w"))).toEqual(["é", "b"]);
  expect(arr(raw("find_all_pattern", "é\nb", "\\b\\w$"))).toEqual(["b"]);
  expect(arr(raw("find_all_pattern", "é#a~b", "\\b\\#?\\w\\~?"))).toEqual(["é", "#a~", "b"]);
  expect(arr(raw("find_all_pattern", "Ωmega ωx", "\\b\\p{Greek}\\pL"))).toEqual(["Ωm", "ωx"]);
  expect(show("replace_pattern", "é a", "(?P<w>\\b\\w)", "[$w]")).toBe("[é] [a]");
});

test("an empty match right after a match is skipped, as in Rust", () => {
  expect(arr(raw("find_all_pattern", "a1", "\\d*"))).toEqual(["", "1"]);
  expect(arr(raw("find_all_pattern", "ab", "\\d*"))).toEqual(["", "", ""]);
  expect(show("replace_pattern", "a1b", "\\d*", "-")).toBe("-a-b-");
  expect(arr(raw("split_pattern", "a😀b", ""))).toEqual(["", "a", "😀", "b", ""]);
});

test("verbose mode strips spaces and comments, also inside classes, within its scope", () => {
  expect(raw("matches_pattern", "ab", "(?x) a [ b ] # c")).toBe(true);
  expect(raw("matches_pattern", "a b", "(?x: a) \\  b")).toBe(false);
  expect(raw("matches_pattern", "a b", "^(?x: a)  b$")).toBe(false);
  expect(raw("matches_pattern", "a  b", "^(?x: a)  b$")).toBe(true);
});

test("the Unicode word class matches JavaScript's \\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}", () => {
  const ours = RE2JS.compile(`[${UNICODE_WORD}]`);
  const js = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;
  const differ: string[] = [];
  for (let cp = 0; cp < 0x30000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (ours.testExact(ch) !== js.test(ch)) differ.push(cp.toString(16));
  }
  expect(differ).toEqual([]);
});

test("Unicode class names are matched loosely, as Rust does", () => {
  const s = "aΩБ1 é_\u00a0";
  expect(arr(raw("find_all_pattern", s, "\\p{Letter}"))).toEqual(["a", "Ω", "Б", "é"]);
  expect(arr(raw("find_all_pattern", s, "\\p{lowercase letter}"))).toEqual(["a", "é"]);
  expect(arr(raw("find_all_pattern", s, "\\p{greek}"))).toEqual(["Ω"]);
  expect(arr(raw("find_all_pattern", s, "\\p{Script=Cyrillic}"))).toEqual(["Б"]);
  expect(arr(raw("find_all_pattern", s, "[\\p{Letter}0-9]+"))).toEqual(["aΩБ1", "é"]);
  expect(arr(raw("find_all_pattern", s, "\\p{White_Space}"))).toEqual([" ", "\u00a0"]);
  expect(arr(raw("find_all_pattern", s, "\\P{ascii}+"))).toEqual(["ΩБ", "é", "\u00a0"]);
  expect(show("find_all_pattern", s, "\\p{NoSuchThing}")).toStartWith("ERR Runtime error: Invalid regex pattern: ");
});
