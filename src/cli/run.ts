/** `ntnt run FILE [--timeout S] [--workers N]` (cli.md §4.1). */

import { defineCommand } from "citty";
import { numberFlag } from "./usage";

export default defineCommand({
  meta: { name: "run", description: "Run a program (and serve HTTP if it calls listen())" },
  args: {
    file: { type: "positional", description: "Program file (.tnt)", required: true },
    timeout: { type: "string", valueHint: "seconds", description: "Request timeout in seconds (0 disables; default NTNT_TIMEOUT or 30)" },
    workers: { type: "string", valueHint: "n", description: "Serve with N worker processes sharing the port (default NTNT_WORKERS or 1)" },
  },
  async run({ args }) {
    const flags = { timeout: numberFlag(args.timeout, "timeout"), workers: numberFlag(args.workers, "workers", { integer: true }) };
    // The server configuration module is small; the server itself loads only when a program listens.
    const { configureServer } = await import("../server/config");
    if (configureServer(flags).workers > 1 && process.env.NTNT_WORKER === undefined) {
      const { prepareServerRun } = await import("../server/index");
      const code = await prepareServerRun(args.file, flags);
      if (code !== null) return code;
    }
    const { runFile } = await import("../runtime/engine");
    return await runFile(args.file, flags);
  },
});
