/**
 * `ntnt repl` (cli.md §7.3): read a line (more while brackets are open), run it in the
 * session, print its value or `Error: …`. Line editing, Tab completion and history come
 * from node:readline; history persists in a file across sessions.
 */

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as readline from "node:readline";
import pkg from "../../package.json" with { type: "json" };
import { addImportHint } from "../engine/index";
import { NtntError } from "../runtime/errors";
import { display } from "../runtime/display";
import { osErrorText } from "../runtime/os-error";
import { flushStdout } from "../runtime/stdout";
import { NNative, typeName, type Value } from "../runtime/values";
import { stdModulePaths } from "../stdlib/index";
import { completeLine } from "./completion";
import { needsMoreInput } from "./continuation";
import { HISTORY_SIZE, historyFile, loadHistory, saveHistoryLine } from "./history";
import { ReplSession } from "./session";
import { colourOn } from "../runtime/colour";

const PROMPT = "ntnt> ";
const MORE = "  ... ";

type Paint = (code: string, text: string) => string;

/** Run the interactive loop on stdin/stdout until `:quit` or end of input; resolves to the exit code. */
export async function runRepl(): Promise<number> {
  const color = colourOn(process.stdout);
  const paint: Paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const out = (text: string) => {
    flushStdout();
    process.stdout.write(`${text}\n`);
  };
  out(paint("1;32", `NTNT (Intent) Programming Language v${pkg.version}`));
  out(`Type ${paint("36", ":help")} for help, ${paint("36", ":quit")} to exit\n`);

  const session = new ReplSession();
  await session.globals();
  const file = historyFile();
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal,
    history: loadHistory(file),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string, done: (err: Error | null, result: [string[], string]) => void) => {
      completeLine(line, session).then(
        (result) => done(null, result),
        () => done(null, [[], line]),
      );
    },
  });
  const prompt = paint("1;34", PROMPT.trimEnd()) + " ";
  let pending = "";
  // Piped input can end (closing readline) while an entry still runs: no prompts after that.
  let closed = false;
  rl.on("close", () => {
    closed = true;
  });
  const ask = (text: string) => {
    rl.setPrompt(text);
    if (!closed) rl.prompt();
  };
  rl.on("SIGINT", () => {
    pending = "";
    // Drop the half-typed line too (Ctrl-E, Ctrl-U), as shells do.
    rl.write(null, { ctrl: true, name: "e" });
    rl.write(null, { ctrl: true, name: "u" });
    out("^C");
    ask(prompt);
  });
  ask(prompt);

  for await (const line of rl) {
    if (line.trim() !== "") saveHistoryLine(file, line);
    pending = pending ? `${pending}\n${line}` : line;
    if (needsMoreInput(pending)) {
      ask(MORE);
      continue;
    }
    const entry = pending.trim();
    pending = "";
    if (entry === ":quit" || entry === ":q" || entry === ":exit") {
      out("Goodbye!");
      rl.close();
      return 0;
    }
    if (entry !== "") await handle(entry, session, out, paint);
    ask(prompt);
  }
  out("Goodbye!");
  return 0;
}

/** Run one complete entry: a `:command` or NTNT code. */
async function handle(entry: string, session: ReplSession, out: (t: string) => void, paint: Paint): Promise<void> {
  const fail = async (e: unknown) => {
    await addImportHint(e);
    out(errorText(e, paint));
  };
  if (entry.startsWith(":")) {
    const command = entry.split(/\s+/)[0]!;
    const arg = entry.slice(command.length).trim();
    switch (command) {
      case ":help":
      case ":h":
        return out(helpText(paint));
      case ":clear":
        session.clear();
        return out("Environment cleared.");
      case ":env":
        return out(environmentText(session));
      case ":type":
        if (!arg) return out("Usage: :type EXPR");
        // The checker's type when it knows one; else the type of the value (the expression runs).
        try {
          return out(paint("32", (await session.staticType(arg)) ?? typeName(await session.eval(arg))));
        } catch (e) {
          return await fail(e);
        }
      case ":load": {
        if (!arg) return out("Usage: :load FILE");
        const path = resolve(arg);
        try {
          await session.eval(readFileSync(path, "utf8"), path);
          return out(`Loaded ${arg}`);
        } catch (e) {
          return await fail(e instanceof NtntError ? e : new Error(osErrorText(e)));
        }
      }
      default:
        return out(`${paint("31", "Error")}: Unknown command: ${entry}`);
    }
  }
  try {
    out(paint("32", display(await session.eval(entry))));
  } catch (e) {
    await fail(e);
  }
}

/** `Error: <message>`, plus the "Did you mean" hint when there is one. */
function errorText(e: unknown, paint: Paint): string {
  const message = e instanceof Error ? e.message : String(e);
  let hint = "";
  if (e instanceof NtntError && e.suggestion) hint = `\n  ${paint("36", "help")}: Did you mean '${e.suggestion}'?`;
  else if (e instanceof NtntError && e.hint) hint = `\n  ${paint("36", "help")}: ${e.hint}`;
  return `${paint("31", "Error")}: ${message}${hint}`;
}

/** `:env`: the session's bindings, functions with their parameters. */
function environmentText(session: ReplSession): string {
  const lines = ["Current environment:"];
  for (const name of session.names()) {
    const value = session.read(name);
    if (value instanceof NNative) continue;
    const params = session.paramsOf(name);
    lines.push(params ? `  ${name} = fn ${name}(${params.join(", ")})` : `  ${name} = ${display(value as Value)}`);
  }
  return lines.join("\n");
}

function helpText(paint: Paint): string {
  const head = (t: string) => paint("1;33", t);
  const cmd = (c: string, what: string) => `  ${paint("36", c.padEnd(18))} ${what}`;
  return [
    "",
    head("REPL Commands:"),
    cmd(":help, :h", "Show this help"),
    cmd(":quit, :q, :exit", "Exit the REPL (or Ctrl-D)"),
    cmd(":clear", "Clear the environment"),
    cmd(":env", "Show current bindings"),
    cmd(":type EXPR", "Show the type of an expression (checker; else runs it)"),
    cmd(":load FILE", "Run a file; its definitions stay available"),
    "",
    head("Editing:"),
    "  Tab completes names; Up/Down walk the history (kept across sessions);",
    "  a line with open brackets continues on the next line; Ctrl-C cancels it.",
    "",
    head("Standard Library:"),
    `  ${stdModulePaths().join(", ")}`,
    `  Run ${paint("32", "ntnt docs")} for full documentation`,
    "",
    head("Imports:"),
    `  ${paint("36", 'import { split, join } from "std/string"')}`,
    `  ${paint("36", 'import "std/math" as math')}`,
    "",
  ].join("\n");
}
