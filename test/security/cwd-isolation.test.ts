/**
 * A program sees only the environment it was given and runs only its own code: Bun must not
 * load a `.env` or obey a `bunfig.toml` (e.g. a `preload`) from the folder ntnt is started
 * in — from `./ntnt`, from its `--workers` processes, and from the compiled binary.
 */

import { afterAll, expect, test } from "bun:test";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, project, startApp } from "../support/ntnt-app";

const ROOT = join(import.meta.dir, "..", "..");

const hostileFolder = () =>
  project({
    ".env": 'NTNT_SECRET="from-dotenv"\nNTNT_TIMEOUT=1\n',
    "bunfig.toml": 'preload = ["./evil.ts"]\n[run]\nsmol = true\n',
    "evil.ts": 'console.log("PRELOAD RAN"); process.env.NTNT_SECRET = "from-preload";\n',
    "prog.tnt": 'import { get_env } from "std/env"\nprint(get_env("NTNT_SECRET"))\n',
    "app.tnt": 'import { get_env } from "std/env"\nfn h(req) { return "{get_env(\\"NTNT_SECRET\\")}" }\nget("/", h)\nlisten(8080)\n',
  });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runIn(dir: string, cmd: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.NTNT_SECRET;
  const r = Bun.spawnSync(cmd, { cwd: dir, env, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString() };
}

test("./ntnt ignores the current folder's .env and bunfig.toml", () => {
  const dir = hostileFolder();
  dirs.push(dir);
  const r = runIn(dir, [join(ROOT, "ntnt"), "run", "prog.tnt"]);
  expect(r.out).toBe("Option::None\n");
  expect(r.code).toBe(0);
});

test("worker processes ignore them too", async () => {
  const dir = hostileFolder();
  dirs.push(dir);
  const app = await startApp("app.tnt", { cwd: dir, args: ["--workers", "2"] });
  try {
    for (let i = 0; i < 4; i++) expect(await (await fetch(app.base, { headers: { connection: "close" } })).text()).toBe("Option::None");
    expect(app.output()).not.toContain("PRELOAD RAN");
  } finally {
    await app.stop();
  }
});

test("the app started by ntnt intent check ignores them too", async () => {
  const dir = hostileFolder();
  dirs.push(dir);
  const intent = [
    "## Glossary",
    "| Term | Means |",
    "|------|-------|",
    "| a user visits {path} | GET {path} |",
    "",
    "Feature: Environment",
    "  Scenario: Clean",
    "    When a user visits /",
    '    → body contains "Option::None"',
    "",
  ].join("\n");
  writeFileSync(join(dir, "app.intent"), intent);
  const r = runIn(dir, [join(ROOT, "ntnt"), "intent", "check", "app.tnt", "--port", String(await freePort())]);
  expect(r.out).toContain("1 passed, 0 failed");
  expect(r.out).not.toContain("PRELOAD RAN");
}, 60_000);

test("the compiled binary ignores them", () => {
  // Build with the exact flags of `npm run build`, into a temp folder.
  const script = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.build as string;
  const build = script.slice(script.indexOf("bun build")).split(/\s+/);
  const dir = hostileFolder();
  dirs.push(dir);
  const bin = join(dir, "ntnt-bin");
  const args = build.slice(2).map((a, i, all) => (all[i - 1] === "--outfile" ? bin : a));
  const built = Bun.spawnSync([process.execPath, "build", ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  expect(built.exitCode).toBe(0);
  const r = runIn(dir, [bin, "run", "prog.tnt"]);
  expect(r.out).toBe("Option::None\n");
  expect(r.code).toBe(0);
}, 120_000);
