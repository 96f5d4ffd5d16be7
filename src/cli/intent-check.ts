/**
 * `ntnt intent check FILE [--intent|-i PATH] [--port N] [-v|-vv] [--json]` (cli.md §4.5, §6):
 * start the app, run the intent file's scenarios against it, stop it, report. One exit rule
 * for both output modes [REC cli.md §8]: 1 iff some feature or component did not pass.
 */

import { defineCommand } from "citty";
import { fail } from "./fail";
import { printOut, stdoutPaint } from "./stdout-paint";
import { numberFlag, UsageError } from "./usage";

const DEFAULT_PORT = 18081;

/** -v / --verbose count once each, -vv twice. */
function verbosity(rawArgs: string[]): number {
  let n = 0;
  for (const arg of rawArgs) {
    if (arg === "--") break;
    if (arg === "-v" || arg === "--verbose") n++;
    else if (/^-v+$/.test(arg)) n += arg.length - 1;
  }
  return n;
}

/** A port nobody listens on right now (for `--port 0`). */
async function freePort(): Promise<number> {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const port = server.port!;
  await server.stop(true);
  return port;
}

export default defineCommand({
  meta: { name: "check", description: "Run the .intent file's scenarios against the running app and report (exit 1 if any feature fails)" },
  args: {
    file: { type: "positional", description: "The program (.tnt) or its intent file (.intent)", required: true },
    intent: { type: "string", alias: "i", valueHint: "path", description: "Intent file (default: FILE with the extension .intent)" },
    port: { type: "string", valueHint: "n", description: `Port the app is started on (default ${DEFAULT_PORT}; 0 picks a free port)` },
    verbose: { type: "boolean", alias: "v", description: "-v: every scenario; -vv: also Given/When/outcomes and every assertion" },
    vv: { type: "boolean", description: "Same as -v -v" },
    json: { type: "boolean", description: "Print the result document as JSON (no banner)" },
  },
  async run({ args, rawArgs }) {
    let port = numberFlag(args.port, "port", { integer: true }) ?? DEFAULT_PORT;
    if (port > 65535) throw new UsageError(`invalid value '${port}' for '--port': expected a port number (0 picks a free one)`);
    if (port === 0) port = await freePort();
    const json = Boolean(args.json);
    const p = stdoutPaint();
    const out = (text: string) => printOut(text);
    if (!json) out(`${p.bold(p.cyan("=== NTNT Intent Check ==="))}\n\n`);

    const { existsSync } = await import("node:fs");
    if (!existsSync(args.file)) return fail(`File not found: ${args.file}`);
    const { resolvePair } = await import("../intent/pair");
    const pair = resolvePair(args.file, args.intent);
    if (!pair.intent) return fail(`No intent file found. Create ${pair.stem}.intent or specify with --intent`);
    if (!pair.program) return fail(`No .tnt file found. Create ${pair.stem}.tnt to run tests against`);
    if (!json) out(`Source: ${p.green(pair.program)}\nIntent: ${p.green(pair.intent)}\n\n`);

    const { loadIntentFile } = await import("../intent/index");
    const loaded = loadIntentFile(pair.intent);
    if (!loaded.ok) return fail(`Failed to parse intent file: ${loaded.error}`);
    if (!json) for (const d of loaded.intent.diagnostics) process.stderr.write(`warning: ${pair.intent}:${d.line}: ${d.message}\n`);

    if (!json) out(`Starting server on port ${port}...\n`);
    const { startApp, AppStartError } = await import("../intent/app-process");
    let app: Awaited<ReturnType<typeof startApp>>;
    try {
      app = await startApp({ program: pair.program, port, env: { NTNT_HOT_RELOAD: "0" } });
    } catch (err) {
      if (!(err instanceof AppStartError)) throw err;
      const output = err.output.trimEnd();
      process.stderr.write(`Error: Failed to start the app: ${err.message}\n${output ? `--- app output ---\n${output}\n---\n` : ""}`);
      return 1;
    }

    const { checkIntent, reportFailed } = await import("../intent/run");
    let report: Awaited<ReturnType<typeof checkIntent>>;
    try {
      report = await checkIntent(loaded.intent, { intentPath: pair.intent, programPath: pair.program, baseUrl: `http://127.0.0.1:${port}` });
    } finally {
      await app.stop();
    }
    const { reportJson, reportText } = await import("../intent/report-output");
    const failed = reportFailed(report);
    if (json) out(`${reportJson(report)}\n`);
    else {
      out(reportText(report, Math.max(verbosity(rawArgs), args.vv ? 2 : 0), p));
      if (failed) process.stderr.write("Error: Some tests failed\n");
    }
    return failed ? 1 : 0;
  },
});
