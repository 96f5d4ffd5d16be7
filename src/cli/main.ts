/** Command table and dispatch for `ntnt`: usage errors exit 2, command failures 1 (cli.md §1). */

import { defineCommand, renderUsage, runCommand, type CommandDef } from "citty";
import { UsageError, checkFlags } from "./usage";
import { INTENT_HELP, intentCommands } from "./intent";
import pkg from "../../package.json" with { type: "json" };
import { existsSync } from "node:fs";

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

/** Commands with subcommands (`ntnt intent check …`): their table and help text. */
const groups: Record<string, { commands: Record<string, Loader>; help: string }> = {
  intent: { commands: intentCommands, help: INTENT_HELP },
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
  intent check|coverage|init FILE …      intent-driven development (\`ntnt intent --help\`)
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
  const first = argv[0]!;
  if (first.startsWith("-")) return usageFail(`error: unexpected argument '${first}' found`, "ntnt --help");
  const group = groups[first];
  if (group) return runGroup(first, group, argv.slice(1));
  if (first in commands) return runLoaded(first, commands[first]!, argv.slice(1));
  // `ntnt FILE` is shorthand for `ntnt run FILE`; a bare word that is no file is a mistyped command.
  if (looksLikeFile(first)) return runLoaded("run", commands.run!, argv);
  return unknownCommand(first, [...Object.keys(commands), ...Object.keys(groups)], "ntnt --help");
}

/** `ntnt intent <sub> …`: dispatch to a group's subcommand; a missing or unknown one is a usage error (exit 2). */
async function runGroup(name: string, group: { commands: Record<string, Loader>; help: string }, argv: string[]): Promise<number> {
  const sub = argv[0];
  if (sub === "--help" || sub === "-h") {
    console.log(group.help);
    return 0;
  }
  if (sub === undefined || sub.startsWith("-")) {
    console.error(group.help);
    return 2;
  }
  const load = group.commands[sub];
  if (!load) return unknownCommand(`${name} ${sub}`, Object.keys(group.commands).map((c) => `${name} ${c}`), `ntnt ${name} --help`);
  return runLoaded(`${name} ${sub}`, load, argv.slice(1), defineCommand({ meta: { name: `ntnt ${name}` } }));
}

/** A path-like word (`app.tnt`, `dir/app`, or an existing file) runs as a program. */
function looksLikeFile(word: string): boolean {
  return word.includes(".") || word.includes("/") || existsSync(word);
}

function unknownCommand(name: string, known: string[], hint: string): number {
  return usageFail(`error: unknown command '${name}'\n\nCommands: ${known.join(", ")}`, hint);
}

async function runLoaded(name: string, load: Loader, rest: string[], parent: CommandDef<any> = root): Promise<number> {
  const cmd = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(plain(await renderUsage(cmd, parent)));
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
