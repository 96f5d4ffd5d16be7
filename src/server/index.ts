/** Entry points of the HTTP server for the engine and the CLI. */

import { resolve } from "node:path";
import { configureServer } from "./config";
import { setEntryFile } from "./listen";
import { superviseWorkers } from "./workers";

export { serverBuiltins } from "./server-builtins";
export { runTestMode } from "./test-mode";
export { setEntryFile } from "./listen";
export { setTemplateRenderer } from "./template-files";
export { setEngineCall } from "./invoke";

/**
 * Call before running a program with `ntnt run`: applies --timeout/--workers and the
 * environment, records the entry file, and with `--workers N` (N > 1) supervises N worker
 * processes instead — then it resolves to the exit code and the caller must not run the
 * program itself. Otherwise resolves to null.
 */
export async function configureServerRun(file: string, flags: { timeout?: number; workers?: number }): Promise<number | null> {
  const cfg = configureServer(flags);
  setEntryFile(resolve(file));
  if (cfg.workers > 1 && process.env.NTNT_WORKER === undefined) {
    const cli = process.argv[1]!;
    // execArgv keeps Bun's own flags (--no-env-file, --config) for the workers.
    const argv = [process.execPath, ...process.execArgv, cli, "run", resolve(file)];
    if (flags.timeout !== undefined) argv.push("--timeout", String(flags.timeout));
    return superviseWorkers({ workers: cfg.workers, argv });
  }
  return null;
}
