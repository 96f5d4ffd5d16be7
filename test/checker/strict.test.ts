/**
 * Strict mode (language.md §3, cli.md §3): NTNT_STRICT or ntnt.toml `[lint] strict = true` blocks
 * `ntnt run` on type errors before anything executes, and blocks a hot reload of a version with
 * type errors while the last good version keeps serving.
 */

import { afterEach, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, startApp, type RunningApp } from "../support/ntnt-app";

const LAUNCHER = join(import.meta.dir, "..", "..", "ntnt");

const ILL_TYPED = 'print("side effect")\nlet x: Int = "hello"\n';

async function run(dir: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const proc = Bun.spawn([LAUNCHER, "run", "prog.tnt"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", NTNT_STRICT: "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  return { code: await proc.exited, stdout, stderr };
}

let dirs: string[] = [];
let app: RunningApp | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

test("NTNT_STRICT=1 blocks a program with type errors; nothing runs", async () => {
  const dir = project({ "prog.tnt": ILL_TYPED });
  dirs.push(dir);
  const r = await run(dir, { NTNT_STRICT: "1" });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(
    "type error: Type mismatch: variable 'x' declared as Int but initialized with String (line 2)\n  hint: Expected Int\n\nblocked: 1 type error(s) found. Fix them or unset NTNT_STRICT to run anyway.\n",
  );
});

test("ntnt.toml [lint] strict = true blocks too; without strict mode the program runs", async () => {
  const dir = project({ "prog.tnt": ILL_TYPED, "ntnt.toml": "[lint]\nstrict = true\n" });
  dirs.push(dir);
  expect((await run(dir, {})).code).toBe(1);
  writeFileSync(join(dir, "ntnt.toml"), "[lint]\nstrict = false\n");
  const r = await run(dir, {});
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("side effect\n");
});

test("warnings never block", async () => {
  const dir = project({ "prog.tnt": 'let n = 3\nif n {\n    print("ran")\n}\n' });
  dirs.push(dir);
  const r = await run(dir, { NTNT_STRICT: "1" });
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("ran\n");
});

test("a hot reload with type errors is refused: the last good version keeps serving, the errors are logged", async () => {
  const good = 'import { text } from "std/http/server"\nfn home(req) { return text("v1") }\nget("/", home)\nlisten(8080)\n';
  const dir = project({ "app.tnt": good });
  dirs.push(dir);
  app = await startApp(join(dir, "app.tnt"), { hotReload: true, env: { NTNT_STRICT: "1" } });
  expect(await (await fetch(`${app.base}/`)).text()).toBe("v1");
  await Bun.sleep(20);
  writeFileSync(join(dir, "app.tnt"), good.replace('text("v1")', 'text("v2")').replace("listen(8080)", 'let port: Int = "x"\nlisten(8080)'));
  expect(await (await fetch(`${app.base}/`)).text()).toBe("v1");
  expect(app.stderr()).toContain("type error: Type mismatch: variable 'port' declared as Int but initialized with String (line 4)");
  await Bun.sleep(20);
  writeFileSync(join(dir, "app.tnt"), good.replace('text("v1")', 'text("v3")'));
  expect(await (await fetch(`${app.base}/`)).text()).toBe("v3");
}, 30_000);
