/**
 * Entry of the run-only CLI bundle (scripts/build-cli-bundle.ts → src/cli-run.bundle.js): from
 * source, `ntnt run FILE [--timeout S] [--workers N]` loads this instead of the whole CLI's
 * bundle, whose other commands (Intent, lint, the REPL, completions, …) are about a sixth of
 * its bytecode. Any other form of `run` goes to the whole CLI.
 */

import { setBuildIdentity } from "../engine/build-identity";
import { plainRunArgs, usageErrorsReported } from "./usage";

/** Runs `argv` (`run …`) when it is a plain form of `ntnt run`: its exit code; null for any other command line. `build` as for main(). */
export function runPlain(argv: string[], build: string | null): Promise<number> | null {
  const args = argv[0] === "run" ? plainRunArgs(argv.slice(1)) : null;
  if (args === null) return null;
  setBuildIdentity(build);
  return usageErrorsReported("run", async () => (await import("./run")).runProgram(args));
}

/**
 * `runProgram` with the modules a plain `ntnt run` imports on first use (the engine, the parser,
 * the server) loaded now: bench/cpu/child.ts times a run through this bundle after its start-up.
 */
export async function loadRunProgram(): Promise<typeof import("./run")["runProgram"]> {
  await import("../engine/index");
  await import("../parser/index");
  await import("../server/index");
  return (await import("./run")).runProgram;
}
