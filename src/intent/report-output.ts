/**
 * Printing a check report: the `--json` document (pretty, 2 spaces, field order of §4.5,
 * `pass_percentage` as the reference's 32-bit float prints it) and the text report of §4.5 at
 * verbosity 0, 1 (`-v`) and 2 (`-vv`).
 */

import type { IntentCheckReport, ScenarioReport, TestReport } from "./report-types";

/** Shortest text of `x` as a 32-bit float, with `.0` when integral (serde_json's f32 output). */
export function f32Text(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return "null";
  let text = String(f);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) {
      text = String(candidate);
      break;
    }
  }
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** The `--json` document (pretty; `indent` 0: compact, as Intent Studio's API sends it). */
export function reportJson(report: IntentCheckReport, indent = 2): string {
  const marker = "\u0000pass_percentage\u0000";
  const json = JSON.stringify({ ...report, summary: { ...report.summary, pass_percentage: marker } }, null, indent);
  return json.replace(JSON.stringify(marker), f32Text(report.summary.pass_percentage));
}

/** Colours for terminal output (identity functions when colour is off). */
export interface Painter {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const ICONS: Record<string, string> = { pass: "✓", fail: "✗", skip: "⏭️ ", warning: "⧗", pending: "⧗" };

function scenarioIcon(s: ScenarioReport, p: Painter): string {
  const icon = `  ${ICONS[s.status]}`;
  return s.status === "pass" ? p.green(icon) : s.status === "fail" ? p.red(icon) : p.yellow(icon);
}

function failedAssertionLines(test: TestReport, p: Painter, indent: string): string[] {
  const out: string[] = [];
  for (const a of test.assertions) {
    if (a.passed) continue;
    out.push(`${indent}${p.red(`✗ ${a.assertion_text}`)}`);
    if (a.message) out.push(`${indent}  ${p.red(a.message)}`);
  }
  return out;
}

function allAssertionLines(test: TestReport, p: Painter, indent: string): string[] {
  const out: string[] = [];
  for (const a of test.assertions) {
    out.push(`${indent}${a.passed ? p.green("✓") : p.red("✗")} ${p.dim(a.assertion_text)}`);
    if (!a.passed && a.message) out.push(`${indent}  ${p.red(a.message)}`);
  }
  return out;
}

function scenarioLines(s: ScenarioReport, verbosity: number, p: Painter): string[] {
  const out = [`${scenarioIcon(s, p)} ${s.name}`];
  if (verbosity >= 2) {
    if (s.given_clause !== undefined) out.push(`      Given ${p.dim(s.given_clause)}`);
    out.push(`      When ${p.dim(s.when_clause)}`);
    for (const outcome of s.outcomes) out.push(`      → ${p.dim(outcome)}`);
    if (s.test_result) out.push(...allAssertionLines(s.test_result, p, "        "));
    for (const u of s.unresolved_outcomes ?? []) out.push(`        ${p.yellow(`⧗ unresolved: ${u}`)}`);
  } else if (s.status === "fail" && s.test_result) out.push(...failedAssertionLines(s.test_result, p, "      "));
  return out;
}

/** The text report after the banner (from `=== Test Results ===` to the summary). */
export function reportText(report: IntentCheckReport, verbosity: number, p: Painter): string {
  const lines: string[] = ["", p.bold(p.cyan("=== Test Results ===")), ""];
  const icon = (passed: boolean) => (passed ? p.green("✓") : p.red("✗"));
  if (verbosity === 0) {
    for (const f of report.features) {
      const scenarios = f.scenarios ?? [];
      const total = scenarios.length + f.tests.length;
      const passed = scenarios.filter((s) => s.status === "pass").length + f.tests.filter((t) => t.passed).length;
      lines.push(
        f.passed
          ? `${icon(true)} ${p.bold(f.feature_name)}  ${total} scenarios`
          : `${icon(false)} ${p.bold(f.feature_name)}  ${passed}/${total} scenarios passed`,
      );
    }
    for (const c of report.components) lines.push(`${icon(c.passed)} Component: ${p.bold(c.component_name)}`);
    lines.push("");
  } else {
    for (const f of report.features) {
      lines.push(`${icon(f.passed)} Feature: ${p.bold(f.feature_name)}`);
      for (const s of f.scenarios ?? []) lines.push(...scenarioLines(s, verbosity, p));
      for (const t of f.tests) {
        lines.push(`${t.passed ? p.green("  ✓") : p.red("  ✗")} ${t.method} ${t.path}`);
        if (verbosity >= 2) lines.push(...allAssertionLines(t, p, "      "));
        else if (!t.passed) lines.push(...failedAssertionLines(t, p, "      "));
      }
      lines.push("");
    }
    for (const c of report.components) {
      lines.push(`${icon(c.passed)} Component: ${p.bold(c.component_name)}`);
      for (const s of c.scenarios) lines.push(...scenarioLines(s, verbosity, p));
      lines.push("");
    }
  }
  const scenarios = [...report.features.flatMap((f) => f.scenarios ?? []), ...report.components.flatMap((c) => c.scenarios)];
  const by = (status: string) => scenarios.filter((s) => s.status === status).length;
  const featuresFailed = report.features.filter((f) => !f.passed).length;
  lines.push(
    p.bold(p.cyan("=== Summary ===")),
    `Features: ${report.total_features} total, ${report.total_features - featuresFailed} passed, ${featuresFailed} failed`,
    `Scenarios: ${by("pass")} passed, ${by("fail")} failed, ${by("skip")} skipped`,
    `Assertions: ${report.passed_assertions} passed, ${report.failed_assertions} failed`,
    "",
  );
  return `${lines.join("\n")}\n`;
}
