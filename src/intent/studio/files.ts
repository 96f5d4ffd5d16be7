/** Which intent file and program Studio works on (cli.md §7.8): the intent file is required, the program optional. */

import { existsSync } from "node:fs";
import { resolvePair, splitPath } from "../pair";

/** The intent/program pair behind Studio's FILE argument. */
export interface StudioFiles {
  intentPath: string;
  /** The `.tnt` next to the intent file, or null when there is none (Studio then starts no app). */
  programPath: string | null;
}

/** Why Studio cannot start: the message, and advice lines for stderr. */
export class StudioFileError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** Resolve FILE (the `.intent` or its `.tnt`) to the pair, swapping the extension in the same folder. */
export function resolveStudioFiles(file: string): StudioFiles {
  if (!existsSync(file)) throw new StudioFileError(`File not found: ${file}`);
  const pair = resolvePair(file);
  if (pair.intent === null) {
    const { dir, stem } = splitPath(file);
    throw noIntentFile(`${dir}${stem}.intent`, stem);
  }
  return { intentPath: pair.intent, programPath: pair.program };
}

function noIntentFile(expected: string, stem: string): StudioFileError {
  return new StudioFileError("No .intent file found for Intent Studio", [
    "",
    "  ⚠️  No .intent file found",
    "",
    "  Intent Studio requires a .intent file to display features and run tests.",
    `  Expected: ${expected}`,
    "",
    "  💡 Create one with:",
    `     ntnt intent init ${stem}.intent`,
    "",
  ]);
}
