/** `ntnt test FILE --get P … [--body JSON] [--port N] [-v]` (cli.md §4.2), run by the server's test mode. */

import { defineCommand } from "citty";
import { numberFlag, repeatedFlag } from "./usage";

export default defineCommand({
  meta: { name: "test", description: "Start the app, send HTTP requests, print the responses, stop" },
  args: {
    file: { type: "positional", description: "Program file (.tnt)", required: true },
    get: { type: "string", valueHint: "path", description: "GET request (repeatable)" },
    post: { type: "string", valueHint: "path", description: "POST request (repeatable)" },
    put: { type: "string", valueHint: "path", description: "PUT request (repeatable)" },
    delete: { type: "string", valueHint: "path", description: "DELETE request (repeatable)" },
    body: { type: "string", valueHint: "json", description: "Body sent with every POST and PUT" },
    port: { type: "string", valueHint: "n", description: "Port to serve on (default 18080)" },
    verbose: { type: "boolean", alias: "v", description: "Also print each response's status line and headers" },
  },
  async run({ args, rawArgs }) {
    const port = numberFlag(args.port, "port", { integer: true });
    const requests = (["get", "post", "put", "delete"] as const).flatMap((m) =>
      repeatedFlag(rawArgs, [`--${m}`]).map((path) => ({ method: m.toUpperCase(), path })),
    );
    const { runTestMode } = await import("../server/test-mode");
    return await runTestMode(args.file, { requests, body: args.body, port, verbose: Boolean(args.verbose) });
  },
});
