/**
 * The compile cache of `ntnt run` (src/engine/compile-cache.ts), through the real CLI from its
 * bundle: a second run of an unchanged program uses the stored code (seen by altering the
 * stored code), and any change that could make it stale is a miss.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bannerPort } from "./project";

const ROOT = resolve(import.meta.dir, "../..");
const NTNT = join(ROOT, "ntnt");
const dir = mkdtempSync(join(tmpdir(), "ntnt-ccache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The cache is on only for a named build: `./ntnt` runs from the CLI bundle while it is fresh.
// The build takes about 2 s of CPU (4 s at load 5, past the default 5 s hook limit at load 7–13),
// so its limit is the build's own: generous, and still a failure for a build that hangs.
beforeAll(() => {
  const r = Bun.spawnSync([process.execPath, join(ROOT, "scripts/build-cli-bundle.ts")], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  expect(r.exitCode).toBe(0);
}, 120_000);

let caseNo = 0;

/** A fresh project folder and cache folder for one test. */
function fresh(): { project: string; cache: string } {
  const base = join(dir, `case${++caseNo}`);
  mkdirSync(join(base, "project"), { recursive: true });
  return { project: join(base, "project"), cache: join(base, "cache") };
}

function run(file: string, cache: string, opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: cache };
  delete env.NTNT_STRICT;
  delete env.NTNT_COMPILE_CACHE;
  Object.assign(env, opts.env);
  const r = Bun.spawnSync([NTNT, "run", file], { cwd: opts.cwd ?? dir, env, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

/** The one record in `cache`, as its path and parsed JSON. */
function record(cache: string): { path: string; rec: { build: string; bun: string; units: { file: string; code: string }[] } } {
  const folder = join(cache, "ntnt", "compile");
  const names = readdirSync(folder).filter((n) => n.endsWith(".json"));
  expect(names).toHaveLength(1);
  const path = join(folder, names[0]!);
  return { path, rec: JSON.parse(readFileSync(path, "utf8")) };
}

/** Rewrite the stored code so that a run which uses it prints `marker` where the program prints `text`. */
function alterStoredCode(cache: string, text: string, marker: string, change: (rec: ReturnType<typeof record>["rec"]) => void = () => {}): void {
  const { path, rec } = record(cache);
  let altered = false;
  for (const u of rec.units) {
    if (u.code.includes(text)) {
      u.code = u.code.replaceAll(text, marker);
      altered = true;
    }
  }
  expect(altered).toBe(true);
  change(rec);
  writeFileSync(path, JSON.stringify(rec));
}

describe("compile cache", () => {
  test("a second run of an unchanged program uses the stored code; an edit is a miss", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(main, 'print("first")\n');
    expect(run(main, cache)).toEqual({ code: 0, stdout: "first\n", stderr: "" });
    alterStoredCode(cache, "first", "from the cache");
    expect(run(main, cache).stdout).toBe("from the cache\n");
    writeFileSync(main, 'print("second")\n');
    expect(run(main, cache).stdout).toBe("second\n");
    expect(run(main, cache).stdout).toBe("second\n");
  });

  test("an edit of an imported file module is a miss", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(join(project, "lib.tnt"), 'fn word() { return "old" }\n');
    writeFileSync(main, 'import { word } from "./lib"\nimport { to_upper } from "std/string"\nprint(to_upper(word()))\n');
    expect(run(main, cache).stdout).toBe("OLD\n");
    expect(run(main, cache).stdout).toBe("OLD\n");
    alterStoredCode(cache, '"old"', '"cached"');
    expect(run(main, cache).stdout).toBe("CACHED\n");
    writeFileSync(join(project, "lib.tnt"), 'fn word() { return "new" }\n');
    expect(run(main, cache).stdout).toBe("NEW\n");
  });

  test("an import that now resolves to another file is a miss", () => {
    const { project, cache } = fresh();
    // `import "util"` looks beside the importer first, then in the working directory.
    const sub = join(project, "sub");
    mkdirSync(sub);
    const main = join(sub, "main.tnt");
    writeFileSync(join(project, "util.tnt"), 'fn place() { return "cwd" }\n');
    writeFileSync(main, 'import { place } from "util"\nprint(place())\n');
    expect(run(main, cache, { cwd: project }).stdout).toBe("cwd\n");
    writeFileSync(join(sub, "util.tnt"), 'fn place() { return "beside" }\n');
    expect(run(main, cache, { cwd: project }).stdout).toBe("beside\n");
  });

  test("a relative XDG_CACHE_HOME is ignored: no record lands in the working directory", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(main, 'print("here")\n');
    const home = join(cache, "home");
    expect(run(main, "relative-cache", { cwd: project, env: { HOME: home } }).stdout).toBe("here\n");
    // (Bun itself may put its transpiler cache there.)
    expect(existsSync(join(project, "relative-cache", "ntnt"))).toBe(false);
    expect(readdirSync(join(home, ".cache", "ntnt", "compile"))).toHaveLength(1);
  });

  test("records are readable by their owner only (they hold the program's text)", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(main, 'print("private")\n');
    run(main, cache);
    expect(statSync(join(cache, "ntnt", "compile")).mode & 0o777).toBe(0o700);
    expect(statSync(record(cache).path).mode & 0o777).toBe(0o600);
  });

  test("a record of another build or another Bun is not used", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(main, 'print("compiled")\n');
    run(main, cache);
    alterStoredCode(cache, "compiled", "other build", (rec) => {
      rec.build = `${rec.build}-other`;
    });
    expect(run(main, cache).stdout).toBe("compiled\n");
    alterStoredCode(cache, "compiled", "other bun", (rec) => {
      rec.bun = "0.0.0";
    });
    expect(run(main, cache).stdout).toBe("compiled\n");
  });

  test("a server program starts from the cache and answers", async () => {
    const { project, cache } = fresh();
    const main = join(project, "app.tnt");
    writeFileSync(main, 'import { text } from "std/http/server"\nfn home(req) { return text("served") }\nget("/", home)\nlisten(0)\n');
    for (const expected of ["served", "served from the cache"]) {
      if (expected !== "served") alterStoredCode(cache, '"served"', '"served from the cache"');
      const proc = Bun.spawn([NTNT, "run", main], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: "1", NTNT_HOST: "127.0.0.1", XDG_CACHE_HOME: cache },
        stdout: "pipe",
        stderr: "pipe",
      });
      try {
        const port = await bannerPort(proc.stdout);
        expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(expected);
      } finally {
        proc.kill("SIGKILL");
        await proc.exited;
      }
    }
  });

  test("strict mode still checks a cached program", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(main, 'fn f(x: Int) -> Int { return x }\nprint(f("a"))\n');
    run(main, cache);
    const strict = run(main, cache, { env: { NTNT_STRICT: "1" } });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("f");
  });

  test("a runtime error of a cached program still shows its source line", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(main, 'print("ok")\nlet xs = [1]\nprint(xs[5])\n');
    const first = run(main, cache);
    const second = run(main, cache);
    expect(second).toEqual(first);
    expect(second.stderr).toContain("print(xs[5])");
  });

  test("NTNT_COMPILE_CACHE=0 writes nothing, and an unwritable cache folder is no error", () => {
    const { project, cache } = fresh();
    const main = join(project, "main.tnt");
    writeFileSync(main, 'print("plain")\n');
    expect(run(main, cache, { env: { NTNT_COMPILE_CACHE: "0" } }).stdout).toBe("plain\n");
    // (Bun itself may keep its transpiler cache in $XDG_CACHE_HOME/bun.)
    expect(existsSync(join(cache, "ntnt"))).toBe(false);
    mkdirSync(cache, { recursive: true });
    chmodSync(cache, 0o500);
    try {
      // root ignores the mode bits: a file where the folder should be is unwritable for everyone.
      writeFileSync(join(cache, "ntnt"), "");
    } catch {
      // not root: the read-only folder itself is the case
    }
    expect(run(main, cache)).toEqual({ code: 0, stdout: "plain\n", stderr: "" });
    chmodSync(cache, 0o700);
  });
});
