/**
 * Parser fuzzing: mutate real programs (the test corpus and examples) with deletions,
 * duplications, swaps and hostile tokens, then parse. Every input must parse or fail with an
 * NTNT E001/E002 error that has a position — never a JavaScript error, never a slow parse.
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "../../src/parser/index";
import { leakOf, type Finding } from "./finding";
import type { Rng } from "./rng";

const TOKENS = [
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  '"',
  '"""',
  "{{",
  "}}",
  "{{#for x in xs}}",
  "{{/for}}",
  "{{#if",
  'r"',
  'r#"',
  "..",
  "..=",
  "|>",
  "??",
  "fn",
  "match",
  "=>",
  "\\",
  "\\u{1F600}",
  "😀",
  "é",
  "\0",
  "0x",
  "9223372036854775808",
  "1e309",
  "//",
  "/*",
  "*/",
  "\n",
  "\r",
  "\t",
  "let",
  "mut",
  "if",
  "else",
  "while",
  "for",
  "in",
  "return",
  "struct",
  "enum",
  "impl",
  "import",
  "from",
  "requires",
  "ensures",
  "old(",
  "'",
  "`",
  "$",
  "#",
  "@",
  ":",
  "::",
  ";",
  ",",
  ".",
  "?",
  "!",
  "-",
  "+",
  "*",
  "/",
  "%",
  "<",
  ">",
  "=",
  "==",
  "!=",
];

/** Every .tnt file under `dirs`, read once. */
export function seedSources(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".tnt")) out.push(readFileSync(p, "utf8"));
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

/** One mutated program for a case. */
export function mutate(rng: Rng, sources: string[]): string {
  let s = rng.pick(sources);
  const steps = 1 + rng.int(4);
  for (let i = 0; i < steps; i++) {
    const a = rng.int(s.length + 1);
    const b = Math.min(s.length, a + rng.int(40));
    switch (rng.int(6)) {
      case 0:
        s = s.slice(0, a) + s.slice(b);
        break;
      case 1:
        s = s.slice(0, b) + s.slice(a, b) + s.slice(b);
        break;
      case 2:
        s = s.slice(0, a) + rng.pick(TOKENS) + s.slice(a);
        break;
      case 3:
        s = s.slice(0, a) + rng.pick(TOKENS).repeat(1 + rng.int(300)) + s.slice(a);
        break;
      case 4:
        s = s.slice(0, a);
        break;
      default: {
        const c = rng.int(s.length + 1);
        s = s.slice(0, a) + s.slice(c, c + (b - a)) + s.slice(b);
      }
    }
  }
  return s;
}

/** Run parser case `index`; a finding or null. */
export function parserCase(rng: Rng, index: number, sources: string[], slowMs: number): Finding | null {
  const input = mutate(rng, sources);
  const t0 = performance.now();
  try {
    parse(input, "fuzz.tnt");
  } catch (e) {
    const leak = leakOf(e);
    if (leak) return { mode: "parser", index, problem: leak, input };
    const loc = (e as { loc?: unknown }).loc;
    if (!loc) return { mode: "parser", index, problem: `parse error without a position: ${(e as Error).message}`, input };
  }
  const ms = performance.now() - t0;
  if (ms > slowMs) return { mode: "parser", index, problem: `slow parse: ${Math.round(ms)} ms for ${input.length} characters`, input };
  return null;
}
