/**
 * The `ntnt intent check --json` document (cli.md §4.5), also served by Intent Studio.
 * Field order here is the order in the JSON; optional fields are omitted when empty or absent.
 */

/** Scenario verdict: `warning` = some outcome did not resolve, `pending` = the When clause did
 * not resolve (or there is no glossary), `skip` = a Given precondition was not met. */
export type ScenarioStatus = "pass" | "fail" | "warning" | "pending" | "skip";

/** One resolution step: `term` expanded to `expanded_to` at nesting `depth`. */
export interface ResolutionStepReport {
  term: string;
  expanded_to: string[];
  depth: number;
}

/** How an outcome became assertions. */
export interface ResolutionTraceReport {
  original_outcome: string;
  steps: ResolutionStepReport[];
  final_assertions: string[];
}

/** One elementary check behind an assertion (expected vs actual). */
export interface CheckReport {
  check: string;
  passed: boolean;
  expected?: string;
  actual?: string;
}

export interface AssertionReport {
  /** e.g. `status: 200`, `body contains "x"`, `header "content-type" contains "json"`. */
  assertion_text: string;
  passed: boolean;
  /** Why it failed (null when it passed). */
  message: string | null;
  resolution_trace?: ResolutionTraceReport;
  checks?: CheckReport[];
}

/** One executed request (or in-process call / code-quality run) and its assertions. */
export interface TestReport {
  method: string;
  path: string;
  passed: boolean;
  assertions: AssertionReport[];
  preconditions?: AssertionReport[];
  scenario_name?: string;
}

export interface ScenarioReport {
  name: string;
  description?: string;
  given_clause?: string;
  when_clause: string;
  outcomes: string[];
  status: ScenarioStatus;
  test_result?: TestReport;
  unresolved_outcomes?: string[];
  component_refs?: string[];
}

export interface FeatureReport {
  feature_id: string;
  feature_name: string;
  description: string | null;
  passed: boolean;
  /** Legacy `test:` blocks. */
  tests: TestReport[];
  /** Omitted when the feature has no scenarios. */
  scenarios?: ScenarioReport[];
  /** Some `// @implements:` annotation names this feature. */
  has_implementation: boolean;
}

export interface ComponentReport {
  component_id: string;
  component_name: string;
  description: string;
  inherent_behavior: string[];
  passed: boolean;
  scenarios: ScenarioReport[];
}

/** Technical Binding as shown in the report (empty `assert` omitted). */
export interface BindingReport {
  setup?: string;
  action?: string;
  body?: string;
  precondition?: string;
  assert?: string[];
  path?: string;
}

export interface GlossaryTermReport {
  term: string;
  term_type?: string;
  meaning: string;
  binding?: BindingReport;
}

export interface SummaryReport {
  total_features: number;
  /** Feature and component scenarios plus legacy `test:` blocks. */
  total_scenarios: number;
  total_assertions: number;
  passing_scenarios: number;
  failing_scenarios: number;
  warning_scenarios: number;
  skipped_scenarios: number;
  unlinked_features: number;
  /** passed / total assertions × 100; 100 when there are none. */
  pass_percentage: number;
}

/** The whole `--json` document. */
export interface IntentCheckReport {
  features: FeatureReport[];
  components: ComponentReport[];
  total_assertions: number;
  passed_assertions: number;
  failed_assertions: number;
  linked_features: number;
  total_features: number;
  title?: string;
  /** Present iff the file has a `## Glossary` section; declaration order. */
  glossary?: GlossaryTermReport[];
  summary: SummaryReport;
}
