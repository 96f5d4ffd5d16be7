/** The `ntnt` command line: exit codes, messages and output formats (cli.md §1, §4). */

import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { commandTree } from "../../src/cli/commands";

const NTNT = join(import.meta.dir, "..", "..", "ntnt");
const dir = mkdtempSync(join(tmpdir(), "ntnt-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function ntnt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.NTNT_STRICT;
  const proc = Bun.spawn([NTNT, ...args], { cwd: dir, env, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

const hello = file("hello.tnt", 'print("hello")\n');
const broken = file("broken.tnt", 'fn main() {\n    print("x"\n}\n');

describe("ntnt CLI", () => {
  test("--version prints the package version", async () => {
    expect(await ntnt("--version")).toEqual({ code: 0, stdout: `ntnt ${pkg.version}\n`, stderr: "" });
  });

  test("--help lists commands and the environment", async () => {
    const r = await ntnt("--help");
    expect(r.code).toBe(0);
    for (const word of ["run", "test", "check", "NTNT_ENV", "NTNT_TIMEOUT"]) expect(r.stdout).toContain(word);
    expect((await ntnt("run", "--help")).stdout).toContain("--timeout");
  });

  test("--help lists every command of the command table, subcommands included", async () => {
    const { stdout } = await ntnt("--help");
    for (const [name, load] of Object.entries(commandTree())) {
      expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
      const cmd = await load();
      const subs = typeof cmd.subCommands === "function" ? await cmd.subCommands() : await cmd.subCommands;
      for (const sub of Object.keys(subs ?? {})) expect(stdout).toMatch(new RegExp(`^  ${name} ${sub}\\b`, "m"));
    }
    expect(stdout).toContain("NTNT_HISTORY");
  });

  test("run and the FILE shorthand", async () => {
    expect(await ntnt("run", hello)).toEqual({ code: 0, stdout: "hello\n", stderr: "" });
    expect(await ntnt(hello)).toEqual({ code: 0, stdout: "hello\n", stderr: "" });
    expect((await ntnt("run", hello, "--timeout", "5")).code).toBe(0);
  });

  test("usage errors exit 2", async () => {
    for (const args of [["run", hello, "--bogus"], ["run", hello, "--timeout", "abc"], ["run"], ["--bogus"], ["run", hello, "--timeout"]]) {
      const r = await ntnt(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toStartWith("error: ");
    }
  });

  test("a missing file is an OS error, exit 1", async () => {
    const r = await ntnt("run", "missing.tnt");
    expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: No such file or directory (os error 2)\n" });
    expect((await ntnt("check", "missing.tnt")).stderr).toBe("Error: No such file or directory (os error 2)\n");
  });

  test("check reports success or the parse error with an excerpt", async () => {
    expect(await ntnt("check", "hello.tnt")).toEqual({ code: 0, stdout: "✓ No errors found in hello.tnt\n", stderr: "" });
    const r = await ntnt("check", broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[E002]\n  --> Parser error at line 3, column 1: Expected ')' after arguments\n   |\n");
    expect(r.stderr).toContain("     | ^\n");
    expect(r.stderr).not.toContain("\x1b[");
  });

  test("parse prints the AST as JSON, lex one token per line", async () => {
    const parsed = await ntnt("parse", hello);
    expect(parsed.code).toBe(0);
    expect(JSON.parse(parsed.stdout).type).toBe("Program");
    const lexed = await ntnt("lex", hello);
    expect(lexed.code).toBe(0);
    const texts = lexed.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(/^Token \{ .*text: ("(?:[^"\\]|\\.)*")/.exec(l)![1]!));
    expect(texts).toEqual(["print", "(", '"hello"', ")"]);
  });

  test("runtime errors go to stderr with exit 1, stdout kept", async () => {
    const r = await ntnt("run", file("err.tnt", 'print("before")\nlet users = [1]\nprint(usres)\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toContain("error[E006]\n  --> Undefined variable: usres");
    expect(r.stderr).toContain("help: Did you mean 'users'?");
  });

  test("test on a missing file reports the OS error like run does", async () => {
    const r = await ntnt("test", join(dir, "missing.tnt"), "--get", "/");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: No such file or directory (os error 2)\n");
  });

  test("test without requests fails", async () => {
    const r = await ntnt("test", hello);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: No requests specified.");
  });
});
