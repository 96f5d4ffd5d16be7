/**
 * Outcome → assertions (cli.md §5.1): a vocabulary term expands recursively (depth ≤ 50; a term
 * already being expanded on the current path is a cycle and yields nothing), standard terms are
 * the leaves, then the direct fallbacks. Nothing at all means the outcome is unresolved.
 */

import { type Assertion, fallbackAssertion, parseStandardAssertion } from "./assertions";
import type { ResolutionStepReport } from "./report-types";
import type { Vocabulary, VocabularyEntry } from "./vocabulary";

const MAX_DEPTH = 50;

/** What one outcome resolved to. */
export interface OutcomeResolution {
  /** Empty when the outcome did not resolve. */
  assertions: Assertion[];
  /** Each term expansion on the way, in order (for traces and the IAL explorer). */
  steps: ResolutionStepReport[];
  /** Components whose inherent behaviour was used. */
  componentRefs: string[];
}

/**
 * Put parameter values into a term: `"{x}"` keeps its quotes, a bare `{x}` (or `$x`) gets quotes
 * when the value has spaces, so the value stays one parameter of the next term.
 */
export function substituteValues(text: string, values: Map<string, string>): string {
  let out = text;
  for (const [name, value] of values) {
    out = out.split(`"{${name}}"`).join(`"${value}"`).split(`"$${name}"`).join(`"${value}"`);
    const bare = /\s/.test(value) && !value.startsWith('"') ? `"${value}"` : value;
    out = out.split(`{${name}}`).join(bare).split(`$${name}`).join(bare);
  }
  return out;
}

/** Resolve one outcome text against the vocabulary. */
export function resolveOutcome(outcome: string, vocab: Vocabulary): OutcomeResolution {
  const result: OutcomeResolution = { assertions: [], steps: [], componentRefs: [] };
  result.assertions = expand(outcome, vocab, 0, new Set(), result);
  return result;
}

function expand(text: string, vocab: Vocabulary, depth: number, active: Set<VocabularyEntry>, out: OutcomeResolution): Assertion[] {
  if (depth > MAX_DEPTH) return [];
  const match = vocab.lookup(text);
  if (match && !active.has(match.entry)) {
    const { entry, values } = match;
    const parts = entry.expansion.map((part) => substituteValues(part, values));
    out.steps.push({ term: text, expanded_to: parts, depth });
    if (entry.source.kind === "component" && !out.componentRefs.includes(entry.source.component.id)) out.componentRefs.push(entry.source.component.id);
    active.add(entry);
    const assertions = parts.flatMap((part) => expand(part, vocab, depth + 1, active, out));
    active.delete(entry);
    if (assertions.length > 0) return assertions;
  }
  const standard = parseStandardAssertion(text);
  if (standard) return [standard];
  const fallback = fallbackAssertion(text);
  return fallback ? [fallback] : [];
}
