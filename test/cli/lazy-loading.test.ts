/**
 * Start-up stays cheap because modules load only when a program needs them: these tests run
 * the real CLI in a subprocess and check which modules it loaded (test/support/record-modules.ts),
 * never how long anything took.
 */

import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { bannerPort } from "./project";

const ROOT = resolve(import.meta.dir, "../..");
const dir = mkdtempSync(join(tmpdir(), "ntnt-lazy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `ntnt ARGS…` from source; from its modules unless `bundle` (then src/cli.bundle.js when fresh, as `./ntnt` runs). */
function command(args: string[], listFile: string, bundle = false) {
  return {
    cmd: [process.execPath, "--no-env-file", "--preload", join(ROOT, "test/support/record-modules.ts"), join(ROOT, "src/cli.ts"), ...args],
    env: { ...process.env, NO_COLOR: "1", NTNT_HOST: "127.0.0.1", NTNT_TEST_MODULES_OUT: listFile, NTNT_NO_BUNDLE: bundle ? "0" : "1" },
  };
}

/** Module paths as `node_modules/…` for packages, else relative to the repository (`src/…`). */
function readList(listFile: string): string[] {
  return readFileSync(listFile, "utf8")
    .split("\n")
    .filter((p) => p.startsWith("/"))
    .map((p) => (p.includes("/node_modules/") ? p.slice(p.lastIndexOf("/node_modules/") + 1) : relative(ROOT, p)));
}

/** Runs `ntnt ARGS…` to completion; the modules it loaded. */
function modulesOf(name: string, args: string[], expectedOut: string, bundle = false): string[] {
  const listFile = join(dir, `${name}.modules`);
  const { cmd, env } = command(args, listFile, bundle);
  const r = Bun.spawnSync(cmd, { cwd: dir, env, stdout: "pipe", stderr: "pipe" });
  expect(r.stderr.toString()).toBe("");
  expect(r.stdout.toString()).toBe(expectedOut);
  return readList(listFile);
}

/** Starts `ntnt run FILE` (a server on any free port), answers one GET /, stops it with SIGTERM; the modules it loaded. */
async function modulesOfServer(file: string, expectedBody: string, bundle = false): Promise<string[]> {
  const listFile = join(dir, "server.modules");
  const { cmd, env } = command(["run", file], listFile, bundle);
  const proc = Bun.spawn(cmd, { cwd: dir, env, stdout: "pipe", stderr: "pipe" });
  const kill = setTimeout(() => proc.kill("SIGKILL"), 30_000);
  try {
    const port = await bannerPort(proc.stdout);
    expect(port).toBeDefined();
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(expectedBody);
    proc.kill("SIGTERM");
    await proc.exited;
  } finally {
    clearTimeout(kill);
    proc.kill("SIGKILL");
  }
  return readList(listFile);
}

const under = (mods: string[], prefix: string) => mods.filter((m) => m.startsWith(prefix));

/** Built-ins a server needs only for some requests or settings (src/server/lazy-node.ts). */
const ON_FIRST_USE = ["node:fs/promises", "node:os", "node:async_hooks", "bun:sqlite", "node:net", "node:zlib", "node:crypto"];

/** `module: built-in` for each of those that a loaded module of src/ imports at its top (Bun does not list built-ins it loaded). */
function eagerBuiltins(mods: string[]): string[] {
  return under(mods, "src/").flatMap((m) =>
    [...readFileSync(join(ROOT, m), "utf8").matchAll(/^import (?!type\b)[^;]*?from "([^"]+)"/gm)]
      .map((i) => i[1]!)
      .filter((name) => ON_FIRST_USE.includes(name))
      .map((name) => `${m}: ${name}`),
  );
}

/** Folders of src/ that only other commands use (the checker beyond the strict-mode switch, Intent, the REPL, lint/inspect tooling). */
function otherCommandsCode(mods: string[]): string[] {
  return mods.filter(
    (m) =>
      (m.startsWith("src/checker/") && m !== "src/checker/strict.ts") ||
      m.startsWith("src/intent/") ||
      m.startsWith("src/repl/") ||
      m.startsWith("src/tooling/"),
  );
}

test("a program that serves no HTTP loads neither the server nor Elysia", () => {
  const file = join(dir, "plain.tnt");
  writeFileSync(file, 'import { split } from "std/string"\nprint(split("a,b", ","))\n');
  const mods = modulesOf("plain", ["run", file], "[a, b]\n");
  expect(mods).toContain("src/engine/index.ts");
  expect(under(mods, "node_modules/elysia/")).toEqual([]);
  expect(under(mods, "node_modules/@sinclair/typebox/")).toEqual([]);
  expect(mods).not.toContain("src/server/index.ts");
  expect(otherCommandsCode(mods)).toEqual([]);
  // From source the parser comes from its bytecode build, not from the module JavaScriptCore would compile on first use.
  expect(mods).toContain("src/parser/generated.bytecode.js");
  expect(mods).not.toContain("src/parser/generated.js");
  // `ntnt run FILE` is parsed without citty (which loads node:util).
  expect(under(mods, "node_modules/citty/")).toEqual([]);
  // Of the CLI, only the dispatcher, the command table and `run` itself.
  expect(under(mods, "src/cli/").sort()).toEqual([
    "src/cli/bundle-stamp.ts",
    "src/cli/commands.ts",
    "src/cli/intent.ts",
    "src/cli/main.ts",
    "src/cli/run.ts",
    "src/cli/usage.ts",
  ]);
}, 30_000);

test("a server program is hosted by Elysia and loads no other command's code", async () => {
  const file = join(dir, "server.tnt");
  writeFileSync(file, 'import { text } from "std/http/server"\nfn home(req) { return text("hello") }\nget("/", home)\nlisten(0)\n');
  const mods = await modulesOfServer(file, "hello");
  expect(mods).toContain("src/server/index.ts");
  expect(under(mods, "node_modules/citty/")).toEqual([]);
  // From source Elysia comes as one bytecode bundle (scripts/build-elysia.mjs), not as its ~280 modules.
  expect(mods).toContain("src/server/elysia.bytecode.js");
  expect(under(mods, "node_modules/elysia/")).toEqual([]);
  expect(under(mods, "node_modules/@sinclair/typebox/")).toEqual([]);
  expect(otherCommandsCode(mods)).toEqual([]);
  expect(eagerBuiltins(mods)).toEqual([]);
}, 30_000);

test("--version loads no command, not the engine, not citty", () => {
  const mods = modulesOf("version", ["--version"], `ntnt ${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n`);
  expect(under(mods, "src/cli/").sort()).toEqual([
    "src/cli/bundle-stamp.ts",
    "src/cli/commands.ts",
    "src/cli/intent.ts",
    "src/cli/main.ts",
    "src/cli/usage.ts",
  ]);
  // Of the engine only the import-free module the CLI names its build in (for the compile cache).
  expect(under(mods, "src/engine/")).toEqual(["src/engine/build-identity.ts"]);
  expect(under(mods, "src/compiler/")).toEqual([]);
  expect(under(mods, "src/parser/")).toEqual([]);
  expect(under(mods, "node_modules/citty/")).toEqual([]);
});

describe("the CLI's bytecode bundle (scripts/build-cli-bundle.ts)", () => {
  const server = join(dir, "bundled-server.tnt");
  writeFileSync(server, 'import { text } from "std/http/server"\nfn home(req) { return text("bundled") }\nget("/", home)\nlisten(0)\n');
  const build = () => {
    const r = Bun.spawnSync([process.execPath, join(ROOT, "scripts/build-cli-bundle.ts")], { cwd: ROOT, stderr: "pipe" });
    expect(r.stderr.toString()).toBe("");
    expect(r.exitCode).toBe(0);
  };

  test("a server from source runs from the run-only bundle, Elysia and the parser included", async () => {
    build();
    const mods = await modulesOfServer(server, "bundled", true);
    // src/cli.ts itself decides with usage.ts's plainRunArgs which bundle a command line needs.
    expect(mods.sort()).toEqual(["src/cli-run.bundle.js", "src/cli/bundle-stamp.ts", "src/cli/usage.ts", "test/support/record-modules.ts"]);
  }, 30_000);

  test("other command lines, `run` with other flags among them, run from the whole CLI's bundle", () => {
    build();
    const whole = ["src/cli.bundle.js", "src/cli/bundle-stamp.ts", "src/cli/usage.ts", "test/support/record-modules.ts"];
    const hello = join(dir, "bundled-hello.tnt");
    writeFileSync(hello, 'print("hi")\n');
    expect(modulesOf("bundled-shorthand", [hello], "hi\n", true).sort()).toEqual(whole);
    const listFile = join(dir, "bundled-bad-flag.modules");
    const { cmd, env } = command(["run", hello, "--bogus"], listFile, true);
    const r = Bun.spawnSync(cmd, { cwd: dir, env, stdout: "pipe", stderr: "pipe" });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.toString()).toContain("unexpected argument '--bogus'");
    expect(readList(listFile).sort()).toEqual(whole);
  }, 30_000);

  test("an edited source file makes the bundle stale: the CLI then runs its modules", async () => {
    build();
    // One input's modification time moves (as an edit moves it) and is put back afterwards.
    const input = join(ROOT, "src/server/router.ts");
    const { atimeMs, mtimeMs } = statSync(input);
    utimesSync(input, atimeMs / 1000, mtimeMs / 1000 + 1);
    try {
      const mods = await modulesOfServer(server, "bundled", true);
      expect(mods).not.toContain("src/cli.bundle.js");
      expect(mods).toContain("src/server/router.ts");
    } finally {
      utimesSync(input, atimeMs / 1000, mtimeMs / 1000);
    }
    expect(modulesOf("bundled-version", ["--version"], `ntnt ${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n`, true)).toContain(
      "src/cli.bundle.js",
    );
  }, 30_000);
});
