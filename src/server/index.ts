/** Entry points of the HTTP server for the engine: builtins, the hooks it installs, `ntnt run` and `ntnt test`. */

import { resolve } from "node:path";
import type { ProgramLoad } from "../runtime/program-load";
import { programContext } from "./context";
import { serveOptions } from "./serve-options";
import { superviseWorkers } from "./workers";

export type { EngineHooks } from "./engine-hooks";
export { serverBuiltins } from "./server-builtins";
export { runTestMode, type TestModeOptions } from "./test-mode";

/**
 * Call before running a program with `ntnt run` in `load`: applies --timeout/--workers and the
 * environment, records the entry file, and with `--workers N` (N > 1) supervises N worker
 * processes instead — then it resolves to the exit code and the caller must not run the
 * program itself. Otherwise resolves to null.
 */
export async function configureServerRun(load: ProgramLoad, file: string, flags: { timeout?: number; workers?: number }): Promise<number | null> {
  const sc = programContext(load);
  sc.config = serveOptions(flags);
  sc.useEntryFile(resolve(file));
  if (sc.config.workers > 1 && sc.worker === null) {
    const cli = process.argv[1]!;
    // execArgv keeps Bun's own flags (--no-env-file, --config) for the workers.
    const argv = [process.execPath, ...process.execArgv, cli, "run", resolve(file)];
    if (flags.timeout !== undefined) argv.push("--timeout", String(flags.timeout));
    return superviseWorkers({ workers: sc.config.workers, argv });
  }
  return null;
}
