/**
 * Error display for `ntnt run` (§7): `error[CODE]`, `  --> message`, a source excerpt when
 * the error has a position, and `  help: Did you mean 'x'?` for E006/E007 suggestions.
 * Colour only when stderr is a terminal and NO_COLOR is unset.
 */

import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { NtntError } from "./errors";
import { colourOn } from "./colour";

const sources = new Map<string, string>();

/** Remember a file's text so error excerpts can show it. */
export function registerSource(file: string, text: string): void {
  sources.set(file, text);
}

/** The text of a program file (as registered when parsed, else read from disk), or null. */
export function sourceOf(file: string | null): string | null {
  if (!file) return null;
  let text = sources.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return null;
    }
    sources.set(file, text);
  }
  return text;
}

const useColor = (): boolean => colourOn(process.stderr);

/** The text `ntnt run` prints to stderr for an error (ends with a newline). */
export function formatError(err: NtntError, color = useColor()): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines = [paint("1;31", `error[${err.code}]`), `  ${paint("34", "-->")} ${err.message}`];
  const pos = positionOf(err);
  const text = pos ? sourceOf(pos.file) : null;
  if (pos && text !== null) lines.push(...codeFrame(text, pos.line, pos.col).map((l) => paint("34", l.slice(0, 6)) + l.slice(6)));
  if ((err.kind === "undefined-variable" || err.kind === "undefined-function") && err.suggestion) {
    lines.push(`  ${paint("36", "help:")} Did you mean '${err.suggestion}'?`);
  }
  if (err.hint) lines.push(`  ${paint("36", "help:")} ${err.hint}`);
  if (pos?.file) lines.push(`  ${paint("34", "at")} ${displayPath(pos.file)}:${pos.line}:${pos.col}`);
  return lines.join("\n") + "\n";
}

/** A file path as the user would type it: relative to the working directory when inside it. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

function positionOf(err: NtntError): { file: string | null; line: number; col: number } | null {
  return err.loc && err.loc.line > 0 ? { file: err.file, line: err.loc.line, col: err.loc.col } : null;
}

/** Excerpt: previous line, the line, a caret under the column, next line (§7). */
export function codeFrame(text: string, line: number, col: number): string[] {
  const src = text.split(/\r?\n/);
  if (line > src.length) return [];
  const num = (n: number) => ` ${String(n).padStart(3)} | ${src[n - 1] ?? ""}`.trimEnd();
  const out = ["   |"];
  if (line > 1) out.push(num(line - 1));
  out.push(num(line));
  out.push(`     | ${" ".repeat(Math.max(0, col - 1))}^`);
  if (line < src.length) out.push(num(line + 1));
  out.push("   |");
  return out;
}

/** Closest candidate for a misspelt name (§7 rules), or null. */
export function suggestName(name: string, candidates: Iterable<string>): string | null {
  const limit = name.length <= 2 ? 1 : name.length <= 5 ? 2 : 3;
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of [...new Set(candidates)].sort()) {
    if (c.startsWith("_") || c === name) continue;
    const d = levenshtein(lower, c.toLowerCase());
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export { NtntError };
