/**
 * The IAL Explorer's data: every glossary term with how it resolves, and every scenario's When
 * clause and outcomes next to the request and assertions they became in the last run.
 */

import type { IntentCheckReport, IntentFile, ResolutionTraceReport, ScenarioReport } from "../index";
import { glossaryResolution } from "./engine";

/** One outcome and the assertions it resolved to. */
interface OutcomeView {
  outcome: string;
  /** Resolution steps (term → expansion, by depth) when the engine recorded them. */
  trace: ResolutionTraceReport | null;
  assertions: Array<{ text: string; passed: boolean }>;
  unresolved: boolean;
}

interface ScenarioView {
  name: string;
  given: string | null;
  when: string;
  /** `GET /path` (or the call / code-quality action) the When clause became; null before a run or when it did not resolve. */
  action: string | null;
  status: string | null;
  outcomes: OutcomeView[];
  /** Assertions no outcome accounts for (e.g. the implicit `status: 200`). */
  otherAssertions: Array<{ text: string; passed: boolean }>;
}

/** What explorer.js renders. */
export interface ExplorerData {
  glossary: ReturnType<typeof glossaryResolution>;
  groups: Array<{ kind: "feature" | "component"; id: string; name: string; scenarios: ScenarioView[] }>;
  /** Whether tests have run (outcomes show their assertions only then). */
  ran: boolean;
}

/** Combine the parsed file with the last run (null: not run yet). */
export function explorerData(intent: IntentFile, results: IntentCheckReport | null): ExplorerData {
  const reports = new Map<string, ScenarioReport[]>();
  for (const f of results?.features ?? []) reports.set(`feature:${f.feature_name}`, f.scenarios ?? []);
  for (const c of results?.components ?? []) reports.set(`component:${c.component_name}`, c.scenarios);
  const view = (kind: "feature" | "component", name: string, scenarios: IntentFile["features"][number]["scenarios"]) =>
    scenarios.map((s) => scenarioView(s, reports.get(`${kind}:${name}`)?.find((r) => r.name === s.name || r.name.startsWith(`${s.name} (`)) ?? null));
  return {
    glossary: glossaryResolution(intent),
    groups: [
      ...intent.features.map((f) => ({ kind: "feature" as const, id: f.id ?? "", name: f.name, scenarios: view("feature", f.name, f.scenarios) })),
      ...intent.components.map((c) => ({ kind: "component" as const, id: c.id, name: c.name, scenarios: view("component", c.name, c.scenarios) })),
    ],
    ran: results !== null,
  };
}

function scenarioView(s: IntentFile["features"][number]["scenarios"][number], report: ScenarioReport | null): ScenarioView {
  const assertions = report?.test_result?.assertions ?? [];
  const unresolved = new Set(report?.unresolved_outcomes ?? []);
  const traced = new Set(s.outcomes);
  return {
    name: s.name,
    given: s.given ?? null,
    when: s.when,
    action: report?.test_result ? `${report.test_result.method} ${report.test_result.path}` : null,
    status: report?.status ?? null,
    outcomes: s.outcomes.map((outcome) => {
      const mine = assertions.filter((a) => a.resolution_trace?.original_outcome === outcome);
      return {
        outcome,
        trace: mine[0]?.resolution_trace ?? null,
        assertions: mine.map((a) => ({ text: a.assertion_text, passed: a.passed })),
        unresolved: unresolved.has(outcome),
      };
    }),
    otherAssertions: assertions
      .filter((a) => !traced.has(a.resolution_trace?.original_outcome ?? ""))
      .map((a) => ({ text: a.assertion_text, passed: a.passed })),
  };
}
