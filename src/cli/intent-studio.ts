/** `ntnt intent studio FILE [--port|-p N] [--app-port|-a N] [--no-open]` (cli.md §7.8). */

import { defineCommand } from "citty";
import { numberFlag } from "./usage";

export default defineCommand({
  meta: { name: "studio", description: "Intent Studio: a live web view of the intent file's features and test results" },
  args: {
    file: { type: "positional", description: "The .intent file (or its .tnt program)", required: true },
    port: { type: "string", alias: "p", valueHint: "n", description: "Port for Studio itself (default: 3001)" },
    "app-port": { type: "string", alias: "a", valueHint: "n", description: "Port the app is started on (default: 8081)" },
    open: { type: "boolean", default: true, description: "Open Studio in the browser", negativeDescription: "Don't open the browser" },
  },
  async run({ args }) {
    const port = numberFlag(args.port, "port", { integer: true }) ?? 3001;
    const appPort = numberFlag(args["app-port"], "app-port", { integer: true }) ?? 8081;
    const { runStudio } = await import("../intent/studio");
    return await runStudio(args.file, { port, appPort, open: args.open !== false });
  },
});
