/**
 * When clause → action (cli.md §5.1), first match wins: code-quality wording; a `call:` term
 * matching the whole clause; a parameterised term matching the whole clause whose meaning is
 * `METHOD /path`; then the fallbacks (terms contained in the clause give the method and path
 * through their Technical Binding or meaning, else a `/path` word of the clause, default GET;
 * a JSON object after `with` is the body). Otherwise the scenario is pending.
 */

import type { GlossaryTerm } from "./model";
import { keywordMeaning, normalizeParams, paramNames } from "./vocabulary";

export type Action =
  | { kind: "http"; method: string; path: string; body?: string }
  | { kind: "quality" }
  | {
      kind: "call";
      /** As written after `source:` (default `lib/text.tnt`), relative to the intent file. */
      source: string;
      fn: string;
      /** Argument texts; `{column}` placeholders are filled from test-data rows. */
      args: string[];
      /** `test_data.<id>` or `corpus.<name>`. */
      input?: string;
    };

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
const DEFAULT_SOURCE = "lib/text.tnt";

/** Match a whole clause against a term with `{param}`s (each capturing any text); null if no match. */
export function matchWholeClause(clause: string, term: string): Map<string, string> | null {
  const pattern = normalizeParams(term.trim());
  const names = paramNames(pattern);
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\w+\\\}/g, "(.+)");
  const m = new RegExp(`^${source}$`, "i").exec(clause.trim());
  if (!m) return null;
  const values = new Map<string, string>();
  names.forEach((name, i) => {
    const raw = m[i + 1]!.trim();
    values.set(name, /^"(.*)"$|^'(.*)'$/.test(raw) ? raw.slice(1, -1) : raw);
  });
  return values;
}

function fill(text: string, values: Map<string, string>): string {
  let out = normalizeParams(text);
  for (const [name, value] of values) out = out.split(`{${name}}`).join(value);
  return out;
}

/** `GET /x`, `POST "/x"` → method and path (the first word after the method). */
export function parseRequestLine(text: string): { method: string; path: string } | null {
  const m = /^\s*([A-Za-z]+)\s+("[^"]*"|\S+)/.exec(text);
  if (!m || !METHODS.includes(m[1]!.toUpperCase())) return null;
  return { method: m[1]!.toUpperCase(), path: m[2]!.replace(/^"|"$/g, "") };
}

/** A `/path` in a meaning: the first quoted one, else the first word starting with `/`. */
function pathInText(text: string): string | null {
  const quoted = /"(\/[^"]*)"/.exec(text);
  if (quoted) return quoted[1]!;
  return pathWord(text);
}

function pathWord(text: string): string | null {
  for (const word of text.split(/\s+/)) {
    if (word.startsWith("/")) return word.replace(/[^A-Za-z0-9/]+$/, "") || "/";
  }
  return null;
}

/** The JSON object after `with` in a clause (`… with {"a": 1}`). */
function bodyInClause(clause: string): string | undefined {
  const at = clause.toLowerCase().indexOf("with ");
  if (at < 0) return undefined;
  const rest = clause.slice(at + 5);
  const open = rest.indexOf("{");
  const close = rest.lastIndexOf("}");
  return open >= 0 && close > open ? rest.slice(open, close + 1) : undefined;
}

/** A captured value that names a glossary term (exactly) stands for that term's meaning. */
function meaningOfValue(value: string, glossary: GlossaryTerm[]): string {
  if (value.startsWith("/")) return value;
  const term = glossary.find((t) => t.term.trim().toLowerCase() === value.trim().toLowerCase());
  return term ? term.meaning : value;
}

/** The action a When clause asks for, or null (pending). */
export function resolveWhen(clause: string, glossary: GlossaryTerm[]): Action | null {
  const lower = clause.toLowerCase();
  if (/checking code quality|running code quality|validating code|linting code/.test(lower)) return { kind: "quality" };

  for (const term of glossary) {
    const keywords = keywordMeaning(term.meaning);
    if (!keywords?.call) continue;
    const values = matchWholeClause(clause, term.term);
    if (!values) continue;
    return {
      kind: "call",
      source: keywords.source ?? DEFAULT_SOURCE,
      fn: keywords.call.fn,
      args: keywords.call.args.map((arg) => fill(arg, values)),
      ...(keywords.input ? { input: keywords.input } : {}),
    };
  }

  for (const term of glossary) {
    if (paramNames(term.term).length === 0) continue;
    const values = matchWholeClause(clause, term.term);
    if (!values) continue;
    for (const [name, value] of values) values.set(name, meaningOfValue(value, glossary));
    const request = parseRequestLine(fill(term.meaning, values));
    if (request) return { kind: "http", ...request, ...bodyOf(clause, term) };
  }

  let method: string | null = null;
  let path: string | null = null;
  let body: string | undefined;
  for (const term of glossary) {
    if (!lower.includes(term.term.trim().toLowerCase())) continue;
    const action = term.binding?.action;
    const bound = action
      ? (parseRequestLine(action) ?? (METHODS.includes(action.trim().toUpperCase()) ? { method: action.trim().toUpperCase(), path: null } : null))
      : null;
    method ??= bound?.method ?? methodInMeaning(term.meaning);
    path ??= term.binding?.path ?? bound?.path ?? pathInText(term.meaning);
    body ??= term.binding?.body;
  }
  path ??= pathWord(clause);
  if (path === null) return null;
  body = bodyInClause(clause) ?? body;
  return { kind: "http", method: method ?? "GET", path, ...(body !== undefined ? { body } : {}) };
}

function bodyOf(clause: string, term: GlossaryTerm): { body?: string } {
  const body = bodyInClause(clause) ?? term.binding?.body;
  return body !== undefined ? { body } : {};
}

/** A method named in a meaning (`POST /x`, `sends a post request`). */
function methodInMeaning(meaning: string): string | null {
  const m = /\b(get|post|put|delete|patch)(?: request|\s)/i.exec(`${meaning} `);
  return m ? m[1]!.toUpperCase() : null;
}
