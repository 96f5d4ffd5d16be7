/** What Studio uses of the IAL engine (`src/intent`): reading the intent file, the glossary's resolution, and a check run. */

import { describeGlossary, type GlossaryEntry, type IntentCheckReport, type IntentFile, loadIntentFile, runIntentCheck } from "../index";
import type { StudioFiles } from "./files";

/** The §4.5 document a run produces. */
export type CheckDocument = IntentCheckReport;

/** The parsed intent file, or why it cannot be read. */
export function readIntent(intentPath: string): { ok: true; intent: IntentFile } | { ok: false; error: string } {
  return loadIntentFile(intentPath);
}

/**
 * Run every check of the intent file against the app on `appPort` (throws when the file cannot
 * be read). Assertions carry their resolution traces, which the page and the explorer show.
 */
export async function checkIntent(files: StudioFiles, appPort: number): Promise<CheckDocument> {
  return await runIntentCheck({
    intentPath: files.intentPath,
    ...(files.programPath !== null ? { programPath: files.programPath } : {}),
    baseUrl: `http://127.0.0.1:${appPort}`,
    traces: true,
  });
}

/** Every glossary term with its meaning and how it resolves. */
export function glossaryResolution(intent: IntentFile): GlossaryEntry[] {
  return describeGlossary(intent);
}
