/**
 * How each glossary term resolves, for the IAL explorer (Intent Studio's `/ial-explorer`): an
 * action (`METHOD /path`), an in-process call, a location, or the assertions it expands to,
 * with every expansion step and the parts of its meaning that resolve to nothing.
 */

import { assertionText } from "./assertions";
import type { GlossaryTerm, IntentFile, TechnicalBinding } from "./model";
import type { ResolutionStepReport } from "./report-types";
import { resolveOutcome } from "./resolve-outcome";
import { parseRequestLine } from "./resolve-when";
import { buildVocabulary, glossaryExpansion, keywordMeaning, normalizeParams, paramNames } from "./vocabulary";

/** What a term is for and what it becomes. */
export interface TermResolution {
  /**
   * `action`: a request (`GET {path}`); `call`: an in-process function call; `location`: a path
   * other terms use as a value; `assertions`: outcome checks; `unresolved`: nothing it means
   * can be executed.
   */
  kind: "action" | "call" | "location" | "assertions" | "unresolved";
  /** `{name}` / `$name` parameters of the term, in order. */
  params: string[];
  action?: { method: string; path: string };
  call?: { fn: string; args: string[]; source: string; input?: string };
  /** Assertion texts (parameters left as `{name}`). */
  assertions: string[];
  /** Expansion steps, outermost first. */
  steps: ResolutionStepReport[];
  /** Parts of the meaning that resolve to no assertion. */
  unresolved: string[];
  /** Components whose inherent behaviour it uses. */
  componentRefs: string[];
}

/** One glossary row with its resolution. */
export interface GlossaryEntry {
  term: string;
  meaning: string;
  termType?: string;
  binding?: TechnicalBinding;
  /** Line of its row in the intent file. */
  line: number;
  resolution: TermResolution;
}

function resolveTerm(term: GlossaryTerm, vocab: ReturnType<typeof buildVocabulary>): TermResolution {
  const params = paramNames(term.term);
  const base = { params, assertions: [], steps: [], unresolved: [], componentRefs: [] };
  const keywords = keywordMeaning(term.meaning);
  if (keywords?.call) {
    const call = {
      fn: keywords.call.fn,
      args: keywords.call.args,
      source: keywords.source ?? "lib/text.tnt",
      ...(keywords.input ? { input: keywords.input } : {}),
    };
    return { ...base, kind: "call", call };
  }
  const request = parseRequestLine(normalizeParams(term.meaning)) ?? (term.binding?.action ? parseRequestLine(term.binding.action) : null);
  if (request) return { ...base, kind: "action", action: request };
  if (term.meaning.trim().startsWith("/")) return { ...base, kind: "location" };
  const r = resolveOutcome(normalizeParams(term.term), vocab);
  const unresolved = glossaryExpansion(term.meaning).filter((part) => resolveOutcome(part, vocab).assertions.length === 0);
  return {
    ...base,
    kind: r.assertions.length > 0 ? "assertions" : "unresolved",
    assertions: r.assertions.map(assertionText),
    steps: r.steps,
    unresolved,
    componentRefs: r.componentRefs,
  };
}

/** Every glossary term in declaration order with its meaning and resolution (empty without a glossary). */
export function describeGlossary(intent: IntentFile): GlossaryEntry[] {
  const vocab = buildVocabulary(intent);
  return (intent.glossary ?? []).map((term) => ({
    term: term.term,
    meaning: term.meaning,
    ...(term.termType !== undefined ? { termType: term.termType } : {}),
    ...(term.binding ? { binding: term.binding } : {}),
    line: term.line,
    resolution: resolveTerm(term, vocab),
  }));
}
