/**
 * Public API of the IAL engine (cli.md §4.5–§6), used by `ntnt intent …` and Intent Studio.
 *
 * - `loadIntentFile(path)` / `parseIntent(text, path)`: the `.intent` file as a typed model;
 *   a file that cannot be read comes back as `{ ok: false, error }`, never as an exception.
 * - `describeGlossary(intent)`: every glossary term in declaration order with its meaning and
 *   how it resolves (for the IAL explorer).
 * - `runIntentCheck({ intentPath, programPath?, baseUrl, traces? })`: runs every feature,
 *   scenario, legacy test and component against an app already listening at `baseUrl` and
 *   resolves to the exact `ntnt intent check --json` document (`reportJson` prints it as the
 *   CLI does; `reportFailed` is the CLI's exit rule). Rejects with `IntentLoadError` when the
 *   intent file cannot be read.
 * - `startApp({ program, port })`: run a program the way `intent check` does (same executable,
 *   `NTNT_LISTEN_PORT`, ready when the port accepts connections, `stop()` = SIGTERM then kill).
 */

import { readFileSync } from "node:fs";
import type { IntentFile } from "./model";
import { parseIntent } from "./parser";
import { intentReadError } from "./run";

export type {
  Component,
  Feature,
  GlossaryTerm,
  IntentDiagnostic,
  IntentFile,
  Invariant,
  LegacyTest,
  Scenario,
  TechnicalBinding,
  TestData,
} from "./model";
export type * from "./report-types";
export type { GlossaryEntry, TermResolution } from "./glossary-view";
export { describeGlossary } from "./glossary-view";
export { checkIntent, IntentLoadError, type RunIntentCheckOptions, reportFailed, runIntentCheck } from "./run";
export { reportJson } from "./report-output";
export { type AppProcess, AppStartError, portOpen, type StartAppOptions, startApp } from "./app-process";
export { type IntentPair, resolvePair } from "./pair";
export { parseIntent };

/** Outcome of reading and parsing an intent file. */
export type IntentLoadResult = { ok: true; intent: IntentFile } | { ok: false; error: string };

/** Read and parse an intent file; a read failure is returned as `error`, never thrown. */
export function loadIntentFile(path: string): IntentLoadResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    return { ok: false, error: intentReadError(err) };
  }
  return { ok: true, intent: parseIntent(text, path) };
}
