/**
 * No code reads an NTNT error's message back to decide something: positions, kinds and names
 * are fields of the error (src/runtime/errors.ts). This scans src/ for a text search over a
 * phrase that only an error message contains.
 */

import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { SRC, sourceFiles } from "./source-files";

/** Phrases of the messages built in src/runtime/errors.ts. */
const MESSAGE_PHRASES = [
  "at line",
  ", column",
  "error at",
  "Precondition failed",
  "Postcondition failed",
  "Invariant violated",
  "Contract violation",
  "Runtime error",
  "Undefined variable",
  "Undefined function",
  "Maximum call depth",
];

/** A text search: a regex or string method that looks inside a string. */
const SEARCH = /\.(?:exec|test|match|matchAll|search|indexOf|lastIndexOf|includes|startsWith|endsWith|replace|split)\(|new RegExp\(/;

/** `file:line: text` for every line of src/ that searches text for an error-message phrase. */
function messageSearches(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles()) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (SEARCH.test(line) && MESSAGE_PHRASES.some((p) => line.includes(p))) found.push(`${relative(SRC, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

test("no source file searches an error message for its position, kind or name", () => {
  expect(messageSearches()).toEqual([]);
});
