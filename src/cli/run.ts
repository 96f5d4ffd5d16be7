/** `ntnt run FILE [--timeout S] [--workers N]` (cli.md §4.1). */

import { defineCommand } from "citty";
import { numberFlag } from "./usage";

export default defineCommand({
  meta: { name: "run", description: "Run a program (and serve HTTP if it calls listen())" },
  args: {
    file: { type: "positional", description: "Program file (.tnt)", required: true },
    timeout: { type: "string", valueHint: "seconds", description: "Request timeout in seconds (0 disables; default NTNT_TIMEOUT or 30)" },
    workers: { type: "string", valueHint: "n", description: "Number of server worker processes" },
  },
  async run({ args }) {
    const timeout = numberFlag(args.timeout, "timeout");
    const workers = numberFlag(args.workers, "workers", { integer: true });
    const { runFile } = await import("../runtime/engine");
    return await runFile(args.file, { timeout, workers });
  },
});
