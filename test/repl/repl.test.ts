/** `ntnt repl` through a real pseudo-terminal (cli.md §7.3): evaluation, editing, completion, history. */

import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inPty, line, type PtyStep } from "../support/pty";

const dir = mkdtempSync(join(tmpdir(), "ntnt-repl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let sessions = 0;
/** A REPL session with its own history file; ends with Ctrl-D unless the steps quit. */
async function repl(steps: PtyStep[], history = join(dir, `history-${++sessions}`)) {
  const r = await inPty(["repl"], [{ expect: "ntnt> ", timeout: 20 }, ...steps], { cwd: dir, env: { NTNT_HISTORY: history } });
  // On a missed expectation the transcript shows what the REPL printed instead.
  expect(r.output).not.toContain("[pty-drive] timed out");
  return r;
}

setDefaultTimeout(60_000);

describe("ntnt repl", () => {
  test("banner, values of expressions, Unit for declarations, Goodbye on :quit", async () => {
    const r = await repl([...line("1 + 2", "\n3\n"), ...line('"a" + "b"', "\nab\n"), ...line("let x = 5", "\n()\n"), ...line(":quit", "Goodbye!")]);
    expect(r.code).toBe(0);
    expect(r.output).toStartWith("NTNT (Intent) Programming Language v");
    expect(r.output).toContain("Type :help for help, :quit to exit");
  });

  test("definitions persist across lines; functions see later assignments and later definitions", async () => {
    const r = await repl([
      ...line("let mut count = 0", "\n()\n"),
      ...line("fn bump() { count = count + 1", "  ... "),
      ...line("return count }", "\n()\n"),
      ...line("bump()", "\n1\n"),
      ...line("count = 10", "\n()\n"),
      ...line("bump()", "\n11\n"),
      ...line("count", "\n11\n"),
      ...line("fn later() { helper(2) }", "\n()\n"),
      ...line("fn helper(n) { n * 21 }", "\n()\n"),
      ...line("later()", "\n42\n"),
      // An Int a later entry replaces is not taken for an Int by the entry that declared it.
      ...line("let lim = 5; fn below(v) { v < lim }", "\n()\n"),
      ...line('lim = "five"', "\n()\n"),
      ...line("below(3)", "Cannot apply Lt to Int and String"),
      ...line("struct Point { x: Int, y: Int }", "\n()\n"),
      ...line("let p = Point { x: 3, y: 4 }", "\n()\n"),
      ...line("p.x * p.y", "\n12\n"),
      { send: "\x04" },
      { expect: "Goodbye!" },
    ]);
    expect(r.code).toBe(0);
  });

  test("imports stay imported, named and as a module", async () => {
    const r = await repl([
      ...line('import { split, join } from "std/string"', "\n()\n"),
      ...line('import "std/math" as m', "\n()\n"),
      ...line('join(split("a-b-c", "-"), "+")', "\na+b+c\n"),
      ...line("m.hypot(3, 4)", "\n5\n"),
      { send: "\x04" },
      { expect: "Goodbye!" },
    ]);
    expect(r.code).toBe(0);
  });

  test("multi-line input while brackets are open, including maps, strings with braces and templates", async () => {
    const r = await repl([
      ...line("let m = map {", "  ... "),
      ...line('"k": "{1 + 1}",', "  ... "),
      ...line("}", "\n()\n"),
      ...line('m["k"]', "\n2\n"),
      ...line('let t = """', "  ... "),
      ...line('<p>{{ m["k"] }}</p>', "  ... "),
      ...line('"""', "\n()\n"),
      ...line("t", "<p>2</p>"),
      { send: "\x04" },
      { expect: "Goodbye!" },
    ]);
    expect(r.code).toBe(0);
  });

  test("errors print Error: <message> (with the suggestion) and the loop continues", async () => {
    const r = await repl([
      ...line("let users = 1", "\n()\n"),
      ...line("usres", "Error: Undefined variable: usres"),
      { expect: "Did you mean 'users'?" },
      ...line("let total = 2; print(totl)", "Error: Undefined variable: totl"),
      { expect: "Did you mean 'total'?" },
      ...line('split("a b", " ")', "Error: Undefined variable: split"),
      { expect: `help: 'split' is in std/string: add import { split } from "std/string"` },
      ...line("1 / 0", "Error: "),
      ...line("let = ", "Error: "),
      ...line(":nope", "Error: Unknown command: :nope"),
      ...line("users + 1", "\n2\n"),
      { send: "\x04" },
      { expect: "Goodbye!" },
    ]);
    expect(r.code).toBe(0);
  });

  test(":help, :env, :type, :clear", async () => {
    const r = await repl([
      ...line(":help", "REPL Commands:"),
      { expect: ":type EXPR" },
      ...line("fn add(a, b) { a + b }", "\n()\n"),
      ...line('let name = "ann"', "\n()\n"),
      ...line(":env", "Current environment:"),
      { expect: "add = fn add(a, b)" },
      { expect: "name = ann" },
      ...line(":type add(1, 2)", "\nInt\n"),
      ...line(":type [1, 2]", "\n[Int]\n"),
      ...line(':type "x"', "\nString\n"),
      // Statically typed expressions do not run; others run and report their value's type.
      ...line(':type print("side effect")', "\n()\n"),
      ...line("fn loose(v) { v }", "\n()\n"),
      ...line(':type loose("s")', "\nString\n"),
      ...line(":clear", "Environment cleared."),
      ...line(":type name", "Error: Undefined variable: name"),
      ...line("name", "Error: Undefined variable: name"),
      ...line(":q", "Goodbye!"),
    ]);
    expect(r.code).toBe(0);
    expect(r.output).not.toContain("\nside effect\n");
  });

  test(":load runs a file whose definitions and imports stay available", async () => {
    mkdirSync(join(dir, "lib"), { recursive: true });
    writeFileSync(join(dir, "lib", "shapes.tnt"), 'import { to_upper } from "std/string"\nfn area(w, h) { w * h }\nlet unit = "cm"\nprint("loading")\n');
    const r = await repl([
      ...line(":load lib/shapes.tnt", "loading"),
      { expect: "Loaded lib/shapes.tnt" },
      ...line('"{area(3, 5)} {to_upper(unit)}"', "\n15 CM\n"),
      ...line(":load missing.tnt", "Error: No such file or directory (os error 2)"),
      ...line(":q", "Goodbye!"),
    ]);
    expect(r.code).toBe(0);
  });

  test("Ctrl-C prints ^C and drops a half-typed entry; Ctrl-D says Goodbye", async () => {
    const r = await repl([
      ...line("let a = [1,", "  ... "),
      { send: "\x03" },
      { expect: "^C" },
      { expect: "ntnt> " },
      ...line("40 + 2", "\n42\n"),
      { send: "\x04" },
      { expect: "Goodbye!" },
    ]);
    expect(r.code).toBe(0);
  });

  test("Tab completes user definitions, builtins, imported std exports, keywords, module members", async () => {
    const r = await repl([
      ...line("let velocity = 3", "\n()\n"),
      ...line('import { to_upper } from "std/string"', "\n()\n"),
      ...line('import "std/math" as m', "\n()\n"),
      { send: "velo" },
      { expect: "velo" },
      { send: "\t" },
      { expect: "city" },
      ...line(" + 1", "\n4\n"),
      { send: "to_up" },
      { expect: "to_up" },
      { send: "\t" },
      { expect: "per" },
      ...line('("ok")', "\nOK\n"),
      { send: "m.hyp" },
      { expect: "m.hyp" },
      { send: "\t" },
      { expect: "ot" },
      ...line("(6, 8)", "\n10\n"),
      { send: "pri" },
      { expect: "pri" },
      { send: "\t" },
      { expect: "nt" },
      ...line('("done")', "\ndone\n"),
      { send: "whi" },
      { expect: "whi" },
      { send: "\t" },
      { expect: "le" },
      { send: "\x03" },
      { expect: "^C" },
      { send: "import { trim_e" },
      { expect: "trim_e" },
      { send: "\t" },
      { expect: "nd" },
      ...line(' } from "std/string"', "\n()\n"),
      ...line('trim_end("x  ") + "|"', "\nx|\n"),
      { send: ":cl" },
      { expect: ":cl" },
      { send: "\t" },
      { expect: "ear" },
      ...line("", "Environment cleared."),
      ...line(":q", "Goodbye!"),
    ]);
    expect(r.code).toBe(0);
  });

  test("history is kept across sessions in the NTNT_HISTORY file", async () => {
    const history = join(dir, "shared-history");
    const first = await repl([...line("let answer = 41 + 1", "\n()\n"), ...line(":q", "Goodbye!")], history);
    expect(first.code).toBe(0);
    expect(readFileSync(history, "utf8")).toContain("let answer = 41 + 1\n");
    const second = await repl(
      [
        { send: "\x1b[A" }, // Up: ":q"
        { send: "\x1b[A" }, // Up again: the let
        { expect: "let answer = 41 + 1" },
        ...line("", "\n()\n"),
        ...line("answer", "\n42\n"),
        ...line(":q", "Goodbye!"),
      ],
      history,
    );
    expect(second.code).toBe(0);
  });

  test("piped input: every entry runs, even when input ends while one is still running", async () => {
    const proc = Bun.spawn([join(import.meta.dir, "..", "..", "ntnt"), "repl"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", NTNT_HISTORY: join(dir, "history-piped") },
      stdin: new TextEncoder().encode('import { sleep_ms } from "std/concurrent"\nsleep_ms(50)\n1 + 2\nfn f(a) {\n  a * 2\n}\nf(4)\n'),
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("\n3\n");
    expect(stdout).toContain("\n8\n");
    expect(stdout).toEndWith("Goodbye!\n");
  });

  test("ntnt with no arguments and piped input starts the REPL too (cli.md §1)", async () => {
    const proc = Bun.spawn([join(import.meta.dir, "..", "..", "ntnt")], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", NTNT_HISTORY: join(dir, "history-bare-piped") },
      stdin: new TextEncoder().encode("let x = 20\nx * 2 + 2\n"),
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toStartWith("NTNT (Intent) Programming Language");
    // Prompts show or not depending on how the input arrives; the value is on a line of its own after one.
    expect(stdout).toMatch(/(\n|ntnt> )42\n/);
    expect(stdout).toEndWith("Goodbye!\n");
  });

  test("ntnt with no arguments starts the REPL on a terminal", async () => {
    const r = await inPty([], [{ expect: "ntnt> ", timeout: 20 }, ...line("2 * 21", "\n42\n"), ...line(":exit", "Goodbye!")], {
      cwd: dir,
      env: { NTNT_HISTORY: join(dir, "history-bare") },
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain("NTNT (Intent) Programming Language");
  });
});
