/** `ntnt run FILE [--timeout S] [--workers N]` (cli.md §4.1). */

import { startupJit } from "../engine/jit-policy";
import { defineCommand, numberFlag, type RunArgs } from "./usage";

/** Run a program as `ntnt run` does; resolves to the exit code (a bad flag value throws UsageError). */
export async function runProgram(args: RunArgs): Promise<number> {
  const flags = { timeout: numberFlag(args.timeout, "timeout"), workers: numberFlag(args.workers, "workers", { integer: true }) };
  // Until the program itself runs (engine/index.ts resets it), nothing here is worth compiling to machine code.
  startupJit();
  // runFile applies the flags to the server configuration and supervises workers when N > 1.
  const { runFile } = await import("../engine/index");
  return await runFile(args.file, flags);
}

export default defineCommand({
  meta: { name: "run", description: "Run a program (and serve HTTP if it calls listen())" },
  args: {
    file: { type: "positional", description: "Program file (.tnt)", required: true },
    timeout: { type: "string", valueHint: "seconds", description: "Request timeout in seconds (0 disables; default NTNT_TIMEOUT or 30)" },
    workers: { type: "string", valueHint: "n", description: "Serve with N worker processes sharing the port (default NTNT_WORKERS or 1)" },
  },
  run: ({ args }) => runProgram(args),
});
