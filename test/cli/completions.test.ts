/** `ntnt completions SHELL` (cli.md §7.5): the bash and elvish scripts loaded in their shells and asked for candidates, as at a Tab. */

import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommandDef } from "citty";
import { commandTree } from "../../src/cli/commands";

const ROOT = join(import.meta.dir, "..", "..");
const NTNT = join(ROOT, "ntnt");
const dir = mkdtempSync(join(tmpdir(), "ntnt-completions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ntnt(...args: string[]) {
  const proc = Bun.spawn([NTNT, ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

let script = "";
/** What bash offers for `line` (the cursor at its end), with the generated script loaded and `ntnt` on PATH. */
async function bashComplete(line: string, cwd = ROOT): Promise<string[]> {
  if (!script) {
    const r = await ntnt("completions", "bash");
    expect(r.code).toBe(0);
    script = join(dir, "ntnt.bash");
    writeFileSync(script, r.stdout);
  }
  const words = line.split(" ");
  const program = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${JSON.stringify(line)}`,
    `COMP_POINT=${line.length}`,
    "__ntnt_complete",
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join("\n");
  const proc = Bun.spawn(["bash", "--norc", "--noprofile", "-c", program], {
    cwd,
    env: { ...process.env, PATH: `${ROOT}:${process.env.PATH}` },
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const [stdout] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  return stdout.split("\n").filter((l) => l !== "");
}

/**
 * What the elvish script's completer offers for `words` (after `ntnt`; the last is being
 * completed). Outside the interactive editor there is no `edit:` module, so the completer
 * is bound to a variable and `edit:complex-candidate` replaced by a function printing
 * `value|display`.
 */
async function elvishComplete(...words: string[]): Promise<string[]> {
  const r = await ntnt("completions", "elvish");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("set edit:completion:arg-completer[ntnt] = ");
  const body = r.stdout.replace("set edit:completion:arg-completer[ntnt] = ", "var completer = ").replaceAll("edit:complex-candidate", "candidate");
  const file = join(dir, "ntnt.elv");
  const call = ["$completer", "ntnt", ...words.map((w) => `'${w}'`)].join(" ");
  writeFileSync(file, `fn candidate {|v &display=''| echo $v'|'$display }\n${body}\n${call}\n`);
  const proc = Bun.spawn(["elvish", "-norc", file], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${ROOT}:${process.env.PATH}` },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  expect([code, stderr]).toEqual([0, ""]);
  return stdout.split("\n").filter((l) => l !== "");
}

const hasElvish = Bun.which("elvish") !== null;

async function resolve<T>(value: T | (() => T | Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}

describe("ntnt completions", () => {
  test("a script for each supported shell; an unknown shell is a usage error", async () => {
    for (const shell of ["bash", "zsh", "fish", "powershell", "elvish"]) {
      const r = await ntnt("completions", shell);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/ntnt complete '?--/);
    }
    const bad = await ntnt("completions", "tcsh");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected one of bash, zsh, fish, powershell, elvish");
    expect((await ntnt("completions")).code).toBe(2);
  });

  test("bash offers every command of the command table", async () => {
    const offered = await bashComplete("ntnt ");
    const expected = Object.keys(commandTree()).filter((name) => name !== "complete");
    expect(offered.sort()).toEqual(expected.sort());
    expect(await bashComplete("ntnt ru")).toEqual(["run"]);
    expect(await bashComplete("ntnt comp")).toEqual(["completions"]);
  });

  test("bash offers each command's subcommands", async () => {
    for (const [name, load] of Object.entries(commandTree())) {
      const subs = Object.keys((await resolve((await load()).subCommands as Record<string, CommandDef<any>> | undefined)) ?? {});
      if (subs.length) expect((await bashComplete(`ntnt ${name} `)).sort()).toEqual([...subs].sort());
    }
  });

  test("bash offers a command's flags, not its positional arguments", async () => {
    expect((await bashComplete("ntnt run --")).sort()).toEqual(["--timeout", "--workers"]);
    expect(await bashComplete("ntnt lint --q")).toEqual(["--quiet"]);
    expect((await bashComplete("ntnt lint --")).sort()).toEqual(["--fix", "--quiet", "--strict"]);
    // A flag that takes a value is followed by the value, not by more flags.
    expect(await bashComplete("ntnt run --timeout ")).toEqual([]);
  });

  test("bash offers files and directories for file arguments, and the shells for completions", async () => {
    expect(await bashComplete("ntnt run exa")).toEqual(["examples/"]);
    expect(await bashComplete("ntnt run examples/website/a")).toEqual(["examples/website/app.tnt"]);
    expect(await bashComplete("ntnt lint examples/no")).toEqual(["examples/notes/"]);
    expect((await bashComplete("ntnt completions ")).sort()).toEqual(["bash", "elvish", "fish", "powershell", "zsh"]);
  });

  test.skipIf(!hasElvish)("elvish offers commands with their descriptions, flags and the shells", async () => {
    expect(await elvishComplete("ru")).toEqual(["run|run - Run a program (and serve HTTP if it calls listen())"]);
    expect((await elvishComplete("run", "--")).map((c) => c.split("|")[0]).sort()).toEqual(["--timeout", "--workers"]);
    expect((await elvishComplete("completions", "")).map((c) => c.split("|")[0]).sort()).toEqual(["bash", "elvish", "fish", "powershell", "zsh"]);
  });
});
