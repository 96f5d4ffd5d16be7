/**
 * `ntnt test FILE --get P … [--expect CODE] [-H "Name: value"] [--cookie k=v] [--body JSON]
 * [--port N] [-v]` (cli.md §4.2), run by the server's test mode. Requests are sent in
 * command-line order; `--expect` sets the status the request before it must answer.
 */

import { defineCommand } from "citty";
import { ROUTE_BUILTINS } from "../runtime/route-methods";
import type { TestRequest } from "../server/test-mode";
import { numberFlag, repeatedFlag, UsageError } from "./usage";

export default defineCommand({
  meta: { name: "test", description: "Start the app, send HTTP requests, print the responses, stop" },
  args: {
    file: { type: "positional", description: "Program file (.tnt)", required: true },
    get: { type: "string", valueHint: "path", description: "GET request (repeatable; requests go in command-line order)" },
    post: { type: "string", valueHint: "path", description: "POST request (repeatable)" },
    put: { type: "string", valueHint: "path", description: "PUT request (repeatable)" },
    patch: { type: "string", valueHint: "path", description: "PATCH request (repeatable)" },
    delete: { type: "string", valueHint: "path", description: "DELETE request (repeatable)" },
    expect: { type: "string", valueHint: "code", description: "Status the preceding request must answer (default: any 200–399)" },
    header: { type: "string", alias: "H", valueHint: "'Name: value'", description: "Header sent with every request (repeatable)" },
    cookie: { type: "string", valueHint: "name=value", description: "Cookie sent from the first request on (repeatable); cookies the app sets are kept" },
    body: { type: "string", valueHint: "json", description: "Body sent with every POST, PUT and PATCH" },
    port: { type: "string", valueHint: "n", description: "Port to serve on (default 18080)" },
    verbose: { type: "boolean", alias: "v", description: "Also print each response's status line and headers" },
  },
  async run({ args, rawArgs }) {
    const port = numberFlag(args.port, "port", { integer: true });
    const headers = repeatedFlag(rawArgs, ["--header", "-H"]).map(headerPair);
    const cookies = repeatedFlag(rawArgs, ["--cookie"]).map(cookiePair);
    const { testProgram } = await import("../engine/index");
    return await testProgram(args.file, { requests: requestsInOrder(rawArgs), body: args.body, port, verbose: Boolean(args.verbose), headers, cookies });
  },
});

/** The request flags in command-line order, each with the `--expect` that follows it. */
function requestsInOrder(rawArgs: string[]): TestRequest[] {
  const out: TestRequest[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (arg === "--") break;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, null];
    const value = inline ?? rawArgs[i + 1];
    const method = ROUTE_BUILTINS.find((m) => flag === `--${m}`);
    if (method && value !== undefined) out.push({ method: method.toUpperCase(), path: value });
    else if (flag === "--expect" && value !== undefined) {
      const code = numberFlag(value, "expect", { integer: true })!;
      const last = out[out.length - 1];
      if (!last) throw new UsageError("'--expect' must follow a request flag (--get, --post, …)");
      if (code < 100 || code > 599) throw new UsageError(`invalid value '${value}' for '--expect': expected an HTTP status (100–599)`);
      last.expect = code;
    } else continue;
    if (inline === null) i++;
  }
  return out;
}

function headerPair(text: string): [string, string] {
  const colon = text.indexOf(":");
  if (colon <= 0) throw new UsageError(`invalid value '${text}' for '--header': expected 'Name: value'`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

function cookiePair(text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`invalid value '${text}' for '--cookie': expected 'name=value'`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}
