/** std/env (stdlib.md §7): environment variables, process arguments, working directory, .env files. */

import { readFileSync } from "node:fs";
import { declare } from "../runtime/declaration";
import { runtimeError, typeError } from "../runtime/errors";
import { Err, NArray, NMap, NONE, Ok, Some, type Value } from "../runtime/values";
import { osErrorText } from "../runtime/os-error";
import { scriptPath } from "../runtime/program-paths";
import { defineModule, native } from "./module";

/**
 * The reference returns the whole process argv: `["ntnt", "run", "app.tnt", user args…]`.
 * Under Bun, argv[0..1] are the runtime and the entry script (or the compiled binary), so
 * the command-line words start at index 2 (a single-binary child repeats its embedded entry).
 */
function programArgs(): string[] {
  let words = process.argv.slice(2);
  if (words[0] === process.argv[1] && words[0]?.startsWith("/$bunfs/")) words = words.slice(1);
  return ["ntnt", ...words];
}

/**
 * A .env value as dotenv reads it: surrounding matching quotes removed; inside double quotes
 * `\n` is a newline; an unquoted value ends at ` #` (a trailing comment).
 */
export function envValue(raw: string): string {
  const q = raw[0];
  if (raw.length >= 2 && (q === '"' || q === "'" || q === "`")) {
    const end = raw.lastIndexOf(q);
    if (end > 0) {
      const inner = raw.slice(1, end);
      return q === '"' ? inner.replace(/\\n/g, "\n") : inner;
    }
  }
  const comment = raw.search(/\s#/);
  return (comment >= 0 ? raw.slice(0, comment) : raw).trim();
}

/** Apply a .env file: `KEY=VALUE` lines, trimmed, `#` comments, an optional `export ` prefix, quotes stripped as dotenv does. */
function loadEnvFile(path: string): Value {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return Err(`Failed to load .env: ${osErrorText(e)}`);
  }
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line
      .slice(0, eq)
      .trim()
      .replace(/^export\s+/, "");
    process.env[key] = envValue(line.slice(eq + 1).trim());
  }
  return Ok(undefined);
}

export default defineModule(
  "std/env",
  {
    get_env: declare(
      "get_env(name: String) -> String?",
      "An environment variable, or None when unset.",
      'get_env("PORT") ?? "8080"',
      native("get_env", 1, ([name]) => {
        if (typeof name !== "string") throw typeError("get_env() requires a string");
        const v = process.env[name];
        return v === undefined ? NONE : Some(v);
      }),
    ),

    set_env: declare(
      "set_env(name: String, value: String) -> ()",
      "Set an environment variable for this process.",
      'set_env("MODE", "test")',
      native("set_env", 2, ([name, value]) => {
        if (typeof name !== "string" || typeof value !== "string") throw typeError("set_env() requires two strings");
        process.env[name] = value;
        return undefined;
      }),
    ),

    all_env: declare(
      "all_env() -> Map<String, String>",
      "Every environment variable.",
      "len(all_env()) > 0  // true",
      native("all_env", 0, () => {
        const m = new Map<string, Value>();
        for (const [k, v] of Object.entries(process.env)) if (v !== undefined) m.set(k, v);
        return new NMap(m);
      }),
    ),

    args: declare(
      "args() -> [String]",
      "The command line: [ntnt, run, script.tnt, user arguments…].",
      "args()[3]  // first user argument",
      native("args", [0, -1], () => new NArray(programArgs())),
    ),

    cwd: declare(
      "cwd() -> String",
      "The process's working directory.",
      'cwd()  // "/home/me/app"',
      native("cwd", [0, -1], () => {
        try {
          return process.cwd();
        } catch (e) {
          throw runtimeError(`Failed to get cwd: ${(e as Error).message}`);
        }
      }),
    ),

    load_env: declare(
      "load_env(path?: String) -> Result<(), String>",
      'Load KEY=value lines from a .env file (default ".env").',
      'load_env(".env")',
      native("load_env", [0, 1], ([path], ctx) => {
        if (path !== undefined && typeof path !== "string") throw typeError("load_env() requires a string path");
        return loadEnvFile(scriptPath(path ?? ".env", ctx));
      }),
    ),
  },
  "Environment variables, command-line arguments, working directory, .env files",
);
