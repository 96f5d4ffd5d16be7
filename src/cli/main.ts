/** Command table and dispatch for `ntnt`: usage errors exit 2, command failures 1 (cli.md §1). */

import { defineCommand, renderUsage, runCommand, type CommandDef } from "citty";
import { UsageError, checkFlags } from "./usage";
import pkg from "../../package.json" with { type: "json" };

type Loader = () => Promise<CommandDef<any>>;

/** Subcommands, each loaded on demand. */
const commands: Record<string, Loader> = {
  run: () => import("./run").then((m) => m.default),
  test: () => import("./test").then((m) => m.default),
  lint: () => import("./lint").then((m) => m.default),
  check: () => import("./check").then((m) => m.default),
  validate: () => import("./validate").then((m) => m.default),
  inspect: () => import("./inspect").then((m) => m.default),
  parse: () => import("./parse").then((m) => m.default),
  lex: () => import("./lex").then((m) => m.default),
  repl: () => import("./repl").then((m) => m.default),
};

const HELP = `NTNT (Intent) language — ntnt ${pkg.version}

USAGE
  ntnt <command> [options]
  ntnt FILE                 same as \`ntnt run FILE\`

COMMANDS
  run FILE [--timeout S] [--workers N]   run a program (serves HTTP if it calls listen())
  test FILE --get P [--expect N] …       start the app, send requests in order, print responses, stop
  lint PATH [--quiet] [--fix]            lint .tnt files, JSON report (no type checking)
  check FILE                             syntax check without running
  validate PATH                          syntax check .tnt files, JSON report (no type checking)
  inspect PATH [--pretty]                functions, routes, structs, imports… as JSON
  parse FILE                             print the syntax tree as JSON
  lex FILE                               print the tokens

Use \`ntnt <command> --help\` for a command's options.

ENVIRONMENT

  NTNT_ENV       production|prod: production mode (no hot reload, masked 500 bodies)
  NTNT_TIMEOUT   request timeout in seconds (default 30, 0 disables); --timeout overrides
  NO_COLOR       disable ANSI colours`;

const root = defineCommand({ meta: { name: "ntnt", version: pkg.version } });

/** Run the CLI with raw arguments; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // `ntnt` alone starts the REPL on a terminal (cli.md §1); piped or scripted, it shows the help.
  if (argv.length === 0 && process.stdin.isTTY && process.stdout.isTTY) argv = ["repl"];
  if (argv.length === 0 || (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h"))) {
    console.log(HELP);
    return 0;
  }
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    console.log(`ntnt ${pkg.version}`);
    return 0;
  }
  // `ntnt FILE` is shorthand for `ntnt run FILE`.
  if (!argv[0]!.startsWith("-") && !(argv[0]! in commands)) argv = ["run", ...argv];
  const name = argv[0]!;
  const load = commands[name];
  if (!load) {
    const what = name.startsWith("-") ? `unexpected argument '${name}' found` : `unrecognized subcommand '${name}'`;
    return usageFail(`error: ${what}`, "ntnt --help");
  }
  const cmd = await load();
  const rest = argv.slice(1);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(plain(await renderUsage(cmd, root)));
    return 0;
  }
  try {
    checkFlags(rest, cmd);
    const { result } = await runCommand(cmd, { rawArgs: rest });
    return typeof result === "number" ? result : 0;
  } catch (err) {
    if (err instanceof UsageError || (err instanceof Error && err.name === "CLIError")) {
      return usageFail(`error: ${err.message.replace(/\x1b\[[0-9;]*m/g, "")}`, `ntnt ${name} --help`);
    }
    throw err;
  }
}

/** citty colours its usage text; keep colour only on a terminal without NO_COLOR (cli.md §1). */
function plain(text: string): string {
  return process.stdout.isTTY && process.env.NO_COLOR === undefined ? text : text.replace(/\x1b\[[0-9;]*m/g, "");
}

function usageFail(message: string, hint: string): number {
  console.error(`${message}\n\nFor more information, try '${hint}'.`);
  return 2;
}
