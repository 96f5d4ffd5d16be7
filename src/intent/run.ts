/**
 * The check itself (cli.md §6 step 4): every feature's scenarios (once per test-data row), then
 * its legacy `test:` blocks, then component scenarios, against an app already listening; the
 * result is the `--json` document of §4.5. Starting and stopping the app is the caller's job
 * (`ntnt intent check`, Intent Studio).
 */

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Annotation, annotationsIn, coverageId, implementationsOf } from "./annotations";
import { type Assertion, assertionText, parseStandardAssertion } from "./assertions";
import { checkCodeQuality, type QualityReport } from "./code-quality";
import { type CallSubject, evaluate, type Subject } from "./evaluate";
import { argumentValue, type LoadedSource, loadSource, resultText } from "./function-call";
import { type HttpResponse, sendRequest, type Target, targetOf } from "./http-client";
import type { Feature, GlossaryTerm, IntentFile, LegacyTest, Scenario } from "./model";
import { parseIntent } from "./parser";
import { osErrorText } from "../runtime/os-error";
import type {
  AssertionReport,
  ComponentReport,
  FeatureReport,
  GlossaryTermReport,
  IntentCheckReport,
  ScenarioReport,
  ScenarioStatus,
  SummaryReport,
  TestReport,
} from "./report-types";
import { type ResolveContext, type ResolvedAssertion, resolveScenario, type ScenarioCase } from "./resolve-scenario";
import type { Action } from "./resolve-when";
import { buildVocabulary } from "./vocabulary";

export interface RunIntentCheckOptions {
  /** The `.intent` file. */
  intentPath: string;
  /** The program; its directory is scanned for `@implements` (default: the intent file's directory). */
  programPath?: string;
  /** Where the app listens, e.g. `http://127.0.0.1:18081`. */
  baseUrl: string;
  /** Add each assertion's `resolution_trace` (how its outcome resolved); default false. */
  traces?: boolean;
}

/** The intent file could not be read. */
export class IntentLoadError extends Error {}

/** Why the intent file could not be read, worded as the reference's `IntentError::RuntimeError` around its io error text. */
export function intentReadError(err: unknown): string {
  return `Runtime error: Failed to read intent file: ${osErrorText(err)}`;
}

/** Read and parse the intent file, then check it against the running app. */
export async function runIntentCheck(opts: RunIntentCheckOptions): Promise<IntentCheckReport> {
  let text: string;
  try {
    text = readFileSync(opts.intentPath, "utf8");
  } catch (err) {
    throw new IntentLoadError(intentReadError(err));
  }
  return checkIntent(parseIntent(text, opts.intentPath), opts);
}

/** Per-run state: where requests go, loaded `call:` sources, one code-quality report. */
class Runner {
  private sources = new Map<string, Promise<LoadedSource>>();
  private quality: Promise<QualityReport> | null = null;
  /** After a request never connected, later ones try once instead of for 5 s each. */
  private unreachable = false;
  readonly target: Target;
  readonly baseDir: string;

  constructor(
    readonly intent: IntentFile,
    readonly opts: RunIntentCheckOptions,
  ) {
    this.target = targetOf(opts.baseUrl);
    this.baseDir = dirname(intent.sourcePath);
  }

  async request(method: string, path: string, body: string | undefined): Promise<HttpResponse | null> {
    const response = await sendRequest(this.target, { method, path, ...(body !== undefined && body !== "" ? { body } : {}) }, this.unreachable ? 1 : undefined);
    this.unreachable = response === null;
    return response;
  }

  source(file: string): Promise<LoadedSource> {
    const path = resolve(this.baseDir, file);
    let loaded = this.sources.get(path);
    if (!loaded) {
      loaded = loadSource(path);
      this.sources.set(path, loaded);
    }
    return loaded;
  }

  codeQuality(): Promise<QualityReport> {
    this.quality ??= checkCodeQuality(this.baseDir);
    return this.quality;
  }

  /** Run an action; a failure to run it at all becomes one failed assertion. */
  async perform(action: Action): Promise<{ subject: Subject } | { failure: AssertionReport }> {
    if (action.kind === "quality") return { subject: { kind: "quality", report: await this.codeQuality() } };
    if (action.kind === "http") {
      const response = await this.request(action.method, action.path, action.body);
      if (!response) return { failure: { assertion_text: "status: 0", passed: false, message: "Connection failed" } };
      return { subject: { kind: "http", response } };
    }
    const callText = `call: ${action.fn}(${action.args.join(", ")})`;
    try {
      const source = await this.source(action.source);
      const invoke = async (args: string[]) => resultText(await source.call(action.fn, args.map(argumentValue)));
      const call: CallSubject = { result: await invoke(action.args), args: action.args, callAgain: invoke };
      return { subject: { kind: "call", call } };
    } catch (err) {
      return { failure: { assertion_text: callText, passed: false, message: (err as Error).message } };
    }
  }
}

function describeAction(action: Action, baseDir: string): { method: string; path: string } {
  if (action.kind === "http") return { method: action.method, path: action.path.startsWith("/") ? action.path : `/${action.path}` };
  if (action.kind === "quality") return { method: "CODE_QUALITY", path: baseDir };
  return { method: "FUNCTION_CALL", path: `${action.source}::${action.fn}` };
}

async function assertionReports(list: ResolvedAssertion[], subject: Subject, traces: boolean): Promise<AssertionReport[]> {
  const out: AssertionReport[] = [];
  for (const { assertion, trace } of list) {
    const v = await evaluate(assertion, subject);
    out.push({
      assertion_text: assertionText(assertion),
      passed: v.passed,
      message: v.message,
      ...(traces ? { resolution_trace: trace } : {}),
      ...(!v.passed ? { checks: [v.check] } : {}),
    });
  }
  return out;
}

/** Tallies of one run. */
interface Totals {
  total: number;
  passed: number;
  failed: number;
}

function count(totals: Totals, assertions: AssertionReport[]): void {
  for (const a of assertions) {
    totals.total++;
    if (a.passed) totals.passed++;
    else totals.failed++;
  }
}

async function runCase(runner: Runner, c: ScenarioCase, totals: Totals): Promise<{ test: TestReport; skipped: boolean }> {
  const { method, path } = describeAction(c.action, runner.baseDir);
  const outcome = await runner.perform(c.action);
  if ("failure" in outcome) {
    count(totals, [outcome.failure]);
    return { test: { method, path, passed: false, assertions: [outcome.failure], scenario_name: c.name }, skipped: false };
  }
  const preconditions = await assertionReports(c.preconditions, outcome.subject, runner.opts.traces ?? false);
  const pre = preconditions.length > 0 ? { preconditions } : {};
  if (preconditions.some((p) => !p.passed)) {
    return { test: { method, path, passed: false, assertions: [], ...pre, scenario_name: c.name }, skipped: true };
  }
  const assertions = await assertionReports(c.assertions, outcome.subject, runner.opts.traces ?? false);
  count(totals, assertions);
  return { test: { method, path, passed: assertions.every((a) => a.passed), assertions, ...pre, scenario_name: c.name }, skipped: false };
}

function scenarioHead(s: Scenario, name = s.name) {
  return {
    name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.given !== undefined ? { given_clause: s.given } : {}),
    when_clause: s.when,
    outcomes: s.outcomes,
  };
}

/** Run one scenario (several results for test-data rows); `null` context means there is no glossary. */
async function runScenario(runner: Runner, scenario: Scenario, ctx: ResolveContext | null, totals: Totals): Promise<ScenarioReport[]> {
  const resolved = ctx ? resolveScenario(scenario, ctx) : null;
  if (!resolved?.cases) return [{ ...scenarioHead(scenario), status: "pending" }];
  const out: ScenarioReport[] = [];
  for (const c of resolved.cases) {
    const { test, skipped } = await runCase(runner, c, totals);
    const status: ScenarioStatus = skipped ? "skip" : resolved.unresolved.length > 0 ? "warning" : test.passed ? "pass" : "fail";
    out.push({
      ...scenarioHead(scenario, c.name),
      status,
      test_result: test,
      ...(!skipped && resolved.unresolved.length > 0 ? { unresolved_outcomes: resolved.unresolved } : {}),
      ...(resolved.componentRefs.length > 0 ? { component_refs: resolved.componentRefs } : {}),
    });
  }
  return out;
}

async function runLegacyTest(runner: Runner, test: LegacyTest, totals: Totals): Promise<TestReport> {
  const assertions: Assertion[] = test.assertions.map(parseStandardAssertion).filter((a): a is Assertion => a !== null);
  const path = test.path.startsWith("/") ? test.path : `/${test.path}`;
  const response = await runner.request(test.method, path, test.body);
  let reports: AssertionReport[];
  if (!response) reports = [{ assertion_text: "status: 0", passed: false, message: "Connection failed" }];
  else {
    const traced = assertions.map((assertion) => ({
      assertion,
      trace: { original_outcome: assertionText(assertion), steps: [], final_assertions: [assertionText(assertion)] },
    }));
    reports = await assertionReports(traced, { kind: "http", response }, runner.opts.traces ?? false);
  }
  count(totals, reports);
  return { method: test.method, path, passed: reports.every((a) => a.passed), assertions: reports };
}

const failed = (s: ScenarioReport) => s.status === "fail" || s.status === "warning";

async function runFeature(runner: Runner, feature: Feature, ctx: ResolveContext | null, annotations: Annotation[], totals: Totals): Promise<FeatureReport> {
  const scenarios: ScenarioReport[] = [];
  for (const scenario of feature.scenarios) scenarios.push(...(await runScenario(runner, scenario, ctx, totals)));
  const tests: TestReport[] = [];
  for (const test of feature.tests) tests.push(await runLegacyTest(runner, test, totals));
  return {
    feature_id: feature.id ?? "unknown",
    feature_name: feature.name,
    description: feature.description ?? null,
    passed: !scenarios.some(failed) && tests.every((t) => t.passed),
    tests,
    ...(scenarios.length > 0 ? { scenarios } : {}),
    has_implementation: implementationsOf(coverageId(feature), annotations).length > 0,
  };
}

function glossaryReport(terms: GlossaryTerm[]): GlossaryTermReport[] {
  return terms.map((t) => {
    const b = t.binding;
    const binding = b
      ? {
          ...(b.setup !== undefined ? { setup: b.setup } : {}),
          ...(b.action !== undefined ? { action: b.action } : {}),
          ...(b.body !== undefined ? { body: b.body } : {}),
          ...(b.precondition !== undefined ? { precondition: b.precondition } : {}),
          ...(b.assert.length > 0 ? { assert: b.assert } : {}),
          ...(b.path !== undefined ? { path: b.path } : {}),
        }
      : undefined;
    return { term: t.term, ...(t.termType !== undefined ? { term_type: t.termType } : {}), meaning: t.meaning, ...(binding ? { binding } : {}) };
  });
}

/** `.tnt` files whose annotations count: everything under the program's (or intent file's) directory. */
async function scanAnnotations(opts: RunIntentCheckOptions, intent: IntentFile): Promise<Annotation[]> {
  const { collectTntFiles } = await import("../tooling/files");
  const dir = dirname(opts.programPath ?? intent.sourcePath);
  return annotationsIn(collectTntFiles(dir).map((path) => ({ path, name: path })));
}

/** Check an already parsed intent file against the running app. */
export async function checkIntent(intent: IntentFile, opts: RunIntentCheckOptions): Promise<IntentCheckReport> {
  const runner = new Runner(intent, opts);
  const annotations = await scanAnnotations(opts, intent);
  const ctx: ResolveContext | null = intent.glossary ? { intent, glossary: intent.glossary, vocab: buildVocabulary(intent) } : null;
  const totals: Totals = { total: 0, passed: 0, failed: 0 };
  const features: FeatureReport[] = [];
  for (const feature of intent.features) features.push(await runFeature(runner, feature, ctx, annotations, totals));
  const components: ComponentReport[] = [];
  for (const component of intent.components) {
    const scenarios: ScenarioReport[] = [];
    for (const scenario of component.scenarios) scenarios.push(...(await runScenario(runner, scenario, ctx, totals)));
    components.push({
      component_id: component.id,
      component_name: component.name,
      description: component.description ?? "",
      inherent_behavior: component.inherentBehavior,
      passed: !scenarios.some(failed),
      scenarios,
    });
  }
  const linked = features.filter((f) => f.has_implementation).length;
  return {
    features,
    components,
    total_assertions: totals.total,
    passed_assertions: totals.passed,
    failed_assertions: totals.failed,
    linked_features: linked,
    total_features: features.length,
    ...(intent.title !== undefined ? { title: intent.title } : {}),
    ...(intent.glossary ? { glossary: glossaryReport(intent.glossary) } : {}),
    summary: summarize(features, components, totals, linked),
  };
}

function summarize(features: FeatureReport[], components: ComponentReport[], totals: Totals, linked: number): SummaryReport {
  const scenarios = [...features.flatMap((f) => f.scenarios ?? []), ...components.flatMap((c) => c.scenarios)];
  const tests = features.flatMap((f) => f.tests);
  const by = (status: ScenarioStatus) => scenarios.filter((s) => s.status === status).length;
  return {
    total_features: features.length,
    total_scenarios: scenarios.length + tests.length,
    total_assertions: totals.total,
    passing_scenarios: by("pass") + tests.filter((t) => t.passed).length,
    failing_scenarios: by("fail") + tests.filter((t) => !t.passed).length,
    warning_scenarios: by("warning"),
    skipped_scenarios: by("skip"),
    unlinked_features: features.length - linked,
    pass_percentage: totals.total > 0 ? (totals.passed / totals.total) * 100 : 100,
  };
}

/** Exit rule for both output modes [REC cli.md §8 #5]: 1 iff some feature or component did not pass. */
export function reportFailed(report: IntentCheckReport): boolean {
  return report.features.some((f) => !f.passed) || report.components.some((c) => !c.passed);
}
