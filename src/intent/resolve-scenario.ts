/**
 * Scenario → executable cases (cli.md §5.1, §6 step 4, §9): the When clause gives the action,
 * each outcome its assertions (a glossary term pointing at a component without parameters takes
 * the outcome's quoted values as the component's parameters, in order), the Given clause
 * optional preconditions; an HTTP scenario without a status outcome gets `status: 200` first
 * (`201` for POST). A `call:` term with `input: test_data.x|corpus.x` expands the scenario
 * once per row, with `{column}` placeholders filled in.
 */

import { type Assertion, assertionText, substituteAssertion } from "./assertions";
import { corpusRows } from "./corpus";
import type { GlossaryTerm, IntentFile, Scenario } from "./model";
import { resolveOutcome } from "./resolve-outcome";
import { type Action, resolveWhen } from "./resolve-when";
import type { ResolutionTraceReport } from "./report-types";
import { componentReference, normalizeParams, type Vocabulary } from "./vocabulary";

/** An assertion with the outcome it came from. */
export interface ResolvedAssertion {
  assertion: Assertion;
  trace: ResolutionTraceReport;
}

/** One executable case of a scenario (one per test-data row). */
export interface ScenarioCase {
  /** The scenario's name, plus ` [col=value, …]` for a test-data row. */
  name: string;
  action: Action;
  assertions: ResolvedAssertion[];
  preconditions: ResolvedAssertion[];
}

export interface ResolvedScenario {
  /** null: the When clause did not resolve (pending). */
  cases: ScenarioCase[] | null;
  unresolved: string[];
  componentRefs: string[];
}

/** Everything resolution needs from the intent file. */
export interface ResolveContext {
  intent: IntentFile;
  glossary: GlossaryTerm[];
  vocab: Vocabulary;
}

function resolveTexts(texts: string[], ctx: ResolveContext, unresolved: string[] | null, componentRefs: string[]): ResolvedAssertion[] {
  const out: ResolvedAssertion[] = [];
  for (const text of texts) {
    const direct = componentByContainment(text, ctx);
    if (direct) {
      if (!componentRefs.includes(direct.id)) componentRefs.push(direct.id);
      out.push(...resolveTexts(direct.behaviour, ctx, unresolved, componentRefs));
      continue;
    }
    const r = resolveOutcome(text, ctx.vocab);
    for (const ref of r.componentRefs) if (!componentRefs.includes(ref)) componentRefs.push(ref);
    if (r.assertions.length === 0) {
      unresolved?.push(text);
      continue;
    }
    const trace: ResolutionTraceReport = { original_outcome: text, steps: r.steps, final_assertions: r.assertions.map(assertionText) };
    for (const assertion of r.assertions) out.push({ assertion, trace });
  }
  return out;
}

/**
 * The reference's component references: a glossary term without parameters whose meaning names
 * a component, contained in the outcome; the outcome's quoted strings fill the component's
 * parameters in order.
 */
function componentByContainment(outcome: string, ctx: ResolveContext): { id: string; behaviour: string[] } | null {
  const lower = outcome.toLowerCase();
  for (const term of ctx.glossary) {
    if (/\{\w+\}|\$\w+/.test(term.term) || !term.meaning.includes("component.")) continue;
    if (!lower.includes(term.term.trim().toLowerCase())) continue;
    const ref = componentReference(term.meaning)!;
    const id = ref.replace(/\(.*$/, "");
    const component = ctx.intent.components.find((c) => c.id === id);
    if (!component) continue;
    const values = [...outcome.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => m[1] ?? m[2]!);
    const behaviour = component.inherentBehavior.map((line) => {
      let text = normalizeParams(line);
      component.parameters.forEach((param, i) => {
        if (values[i] !== undefined) text = text.split(`{${param}}`).join(values[i]!);
      });
      return text;
    });
    return { id, behaviour };
  }
  return null;
}

const hasStatus = (list: ResolvedAssertion[]) => list.some((r) => r.assertion.kind === "status" || r.assertion.kind === "statusClass");

/** Resolve a scenario into its cases. */
export function resolveScenario(scenario: Scenario, ctx: ResolveContext): ResolvedScenario {
  const componentRefs: string[] = [];
  const action = resolveWhen(scenario.when, ctx.glossary);
  if (!action) return { cases: null, unresolved: [], componentRefs };
  const unresolved: string[] = [];
  const assertions = resolveTexts(scenario.outcomes, ctx, unresolved, componentRefs);
  const preconditions = scenario.given ? resolveTexts([scenario.given], ctx, null, []) : [];
  if (action.kind === "http" && !hasStatus(assertions)) {
    const code = action.method === "POST" ? 201 : 200;
    assertions.unshift({
      assertion: { kind: "status", code },
      trace: { original_outcome: "(default status)", steps: [], final_assertions: [`status: ${code}`] },
    });
  }
  const base: ScenarioCase = { name: scenario.name, action, assertions, preconditions };
  const rows = action.kind === "call" && action.input ? inputRows(action.input, ctx.intent) : [];
  // An input that names no rows would silently call the function with `{column}` texts.
  if (action.kind === "call" && action.input && rows.length === 0) unresolved.push(`input: ${action.input} (no such test data, or no rows)`);
  const cases = rows.length === 0 ? [base] : rows.map((row) => caseForRow(base, row));
  return { cases, unresolved, componentRefs };
}

function inputRows(input: string, intent: IntentFile): { columns: string[]; row: Record<string, string> }[] {
  if (input.startsWith("corpus.")) return corpusRows(input).map((row) => ({ columns: ["input"], row }));
  const data = intent.testData.find((d) => d.id === input);
  return data ? data.rows.map((row) => ({ columns: data.columns, row })) : [];
}

function caseForRow(base: ScenarioCase, { columns, row }: { columns: string[]; row: Record<string, string> }): ScenarioCase {
  const fill = (text: string) => {
    let out = text;
    for (const column of columns) if (column in row) out = out.split(`{${column}}`).join(row[column]!);
    return out;
  };
  const label = columns
    .filter((c) => c in row)
    .slice(0, 2)
    .map((c) => {
      const v = row[c]!;
      return `${c}=${v.length > 20 ? `${[...v].slice(0, 17).join("")}...` : v}`;
    })
    .join(", ");
  const action = base.action.kind === "call" ? { ...base.action, args: base.action.args.map(fill) } : base.action;
  const mapList = (list: ResolvedAssertion[]) => list.map((r) => ({ ...r, assertion: substituteAssertion(r.assertion, fill) }));
  return { name: `${base.name} [${label}]`, action, assertions: mapList(base.assertions), preconditions: mapList(base.preconditions) };
}
