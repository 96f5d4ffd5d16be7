/**
 * The user vocabulary of an intent file (cli.md §5.1): glossary terms whose meaning is made of
 * assertions, component patterns (expanding to their inherent behaviour) and invariants
 * (by `invariant.<id>` and by `<id>`). Terms rewrite to other terms; the standard terms of
 * assertions.ts are the leaves. Lookup is longest pattern first, declaration order on ties.
 */

import type { Component, GlossaryTerm, IntentFile, Invariant } from "./model";

/** Where a vocabulary entry comes from (for traces and the IAL explorer). */
export type EntrySource = { kind: "glossary"; term: GlossaryTerm } | { kind: "component"; component: Component } | { kind: "invariant"; invariant: Invariant };

export interface VocabularyEntry {
  /** Pattern text with `{param}` placeholders. */
  pattern: string;
  params: string[];
  /** The terms it rewrites to (may contain `{param}`). */
  expansion: string[];
  source: EntrySource;
  matcher: RegExp;
}

/** A successful lookup. */
export interface VocabularyMatch {
  entry: VocabularyEntry;
  /** Captured parameter values (quotes removed). */
  values: Map<string, string>;
}

/** `$name` → `{name}` (both parameter spellings are accepted). */
export function normalizeParams(text: string): string {
  return text.replace(/\$(\w+)/g, "{$1}");
}

/** `{name}` parameter names in order of appearance. */
export function paramNames(pattern: string): string[] {
  return [...normalizeParams(pattern).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A parameter value in an outcome: one quoted string or one word. */
const VALUE_CAPTURE = String.raw`(?:"([^"]*)"|'([^']*)'|(\S+))`;

function compilePattern(pattern: string): RegExp {
  const source = escapeRegex(pattern).replace(/\\\{\w+\\\}/g, VALUE_CAPTURE);
  return new RegExp(`^${source}$`, "i");
}

/** Split on commas outside quotes and parentheses. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = "";
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === "," && depth === 0) {
      if (current.trim()) parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** Keyword meanings (`call:`, `source:`, `input:`, `check:`, `property:`). */
export interface KeywordMeaning {
  call?: { fn: string; args: string[] };
  source?: string;
  input?: string;
  check?: string;
  property?: string;
  /** A `result is …` part. */
  result?: string;
}

/** The keyword form of a meaning, or null when it has none of the keywords. */
export function keywordMeaning(meaning: string): KeywordMeaning | null {
  if (!/\b(?:call|source|input|check|property):/.test(meaning)) return null;
  const out: KeywordMeaning = {};
  for (const part of splitTopLevel(normalizeParams(meaning))) {
    const m = /^(call|source|input|check|property):\s*(.*)$/.exec(part);
    if (!m) {
      if (/^result (?:is|equals)\b/i.test(part) || part.includes("is {expected}")) out.result = part;
      continue;
    }
    const [, key, value] = m as unknown as [string, keyof KeywordMeaning, string];
    if (key === "call") {
      const call = /^([\w.]+)\s*\((.*)\)\s*$/.exec(value.trim());
      if (call)
        out.call = {
          fn: call[1]!,
          args: call[2]!
            .split(",")
            .map((a) => a.trim())
            .filter((a) => a !== ""),
        };
    } else out[key] = value.trim();
  }
  return out;
}

/** HTTP actions and locations in a meaning are not assertions. */
function isActionOrLocation(part: string): boolean {
  return /^(?:get|post|put|delete|patch|head)\s/i.test(part) || part.startsWith("/");
}

/** `component.x(message: {text})` or `component.x` inside a meaning. */
export function componentReference(meaning: string): string | null {
  const at = meaning.indexOf("component.");
  if (at < 0) return null;
  const rest = meaning.slice(at);
  const paren = /^component\.[\w.-]+\([^)]*\)/.exec(rest);
  if (paren) return paren[0];
  return /^component\.[\w.-]+/.exec(rest)![0];
}

/** What a glossary meaning expands to when the term is used as an outcome. */
export function glossaryExpansion(meaning: string): string[] {
  const normalized = normalizeParams(meaning);
  const keywords = keywordMeaning(normalized);
  if (keywords) {
    const out: string[] = [];
    if (keywords.check) out.push(keywords.check);
    if (keywords.property) out.push(`is ${keywords.property}`);
    if (keywords.result) out.push(keywords.result);
    return out;
  }
  const component = componentReference(normalized);
  if (component) return [component];
  return splitTopLevel(normalized).filter((part) => !isActionOrLocation(part));
}

/** The vocabulary built from one intent file. */
export class Vocabulary {
  readonly entries: VocabularyEntry[] = [];

  /** Add a pattern that rewrites to `expansion` (ignored when it has nothing to rewrite to). */
  add(pattern: string, expansion: string[], source: EntrySource): void {
    if (expansion.length === 0 || pattern.trim() === "") return;
    const normalized = normalizeParams(pattern.trim());
    this.entries.push({ pattern: normalized, params: paramNames(normalized), expansion, source, matcher: compilePattern(normalized) });
  }

  /** The entry whose pattern matches all of `text` (longest pattern wins; the first on ties). */
  lookup(text: string): VocabularyMatch | null {
    const input = text.trim();
    let best: VocabularyMatch | null = null;
    for (const entry of this.entries) {
      if (best && entry.pattern.length <= best.entry.pattern.length) continue;
      const m = entry.matcher.exec(input);
      if (!m) continue;
      const values = new Map<string, string>();
      entry.params.forEach((name, i) => values.set(name, m[1 + i * 3] ?? m[2 + i * 3] ?? m[3 + i * 3] ?? ""));
      best = { entry, values };
    }
    return best;
  }
}

/** Component pattern: `component.id(a: {a}, b: {b})`, or the bare id without parameters. */
export function componentPattern(component: Component): string {
  if (component.parameters.length === 0) return component.id;
  return `${component.id}(${component.parameters.map((p) => `${p}: {${p}}`).join(", ")})`;
}

/** Build the vocabulary of an intent file: components, then glossary terms, then invariants. */
export function buildVocabulary(intent: IntentFile): Vocabulary {
  const vocab = new Vocabulary();
  for (const component of intent.components) {
    if (!component.id) continue;
    const behaviour = component.inherentBehavior.map((b) => normalizeParams(b));
    vocab.add(componentPattern(component), behaviour, { kind: "component", component });
  }
  for (const term of intent.glossary ?? []) vocab.add(term.term, glossaryExpansion(term.meaning), { kind: "glossary", term });
  for (const invariant of intent.invariants) {
    if (!invariant.id) continue;
    vocab.add(invariant.id, invariant.assertions, { kind: "invariant", invariant });
    if (invariant.id.startsWith("invariant.")) vocab.add(invariant.id.slice("invariant.".length), invariant.assertions, { kind: "invariant", invariant });
  }
  return vocab;
}
