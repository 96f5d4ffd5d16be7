/**
 * The README tells the truth: its quick-start program prints what its comments say, the
 * example app it names serves pages, the server example passes `ntnt check`, every variable
 * in its flag table is read by the code, and every relative link in README.md and docs/
 * points at a file and heading that exist.
 */

import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type RunningApp, startApp } from "../support/ntnt-app";

const ROOT = join(import.meta.dir, "..", "..");
const LAUNCHER = join(ROOT, "ntnt");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "ntnt-readme-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The body of every fenced block of `lang` in the section under `heading`. */
function blocks(heading: string, lang: string): string[] {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = README.indexOf("\n## ", start + 1);
  const section = README.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");
}

function run(args: string[]): { code: number; out: string; err: string } {
  const p = Bun.spawnSync([LAUNCHER, ...args], { cwd: scratch, env: { ...process.env, NO_COLOR: "1" } });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
}

describe("README", () => {
  test("the quick-start program prints what its comments promise", () => {
    const [program] = blocks("Quick start", "ntnt");
    expect(program).toBeDefined();
    const promised = [...(program ?? "").matchAll(/\/\/ (.+)$/gm)].map((m) => m[1]?.trim());
    expect(promised.length).toBeGreaterThan(1);
    const file = join(scratch, "quick.tnt");
    writeFileSync(file, program ?? "");
    const r = run(["run", file]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").slice(0, promised.length)).toEqual(promised as string[]);
  });

  test("the server-features program passes ntnt check", () => {
    const [program] = blocks("Server features, flags and environment", "ntnt");
    const file = join(scratch, "server.tnt");
    writeFileSync(file, program ?? "");
    const r = run(["check", file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("No errors found");
  });

  describe("the example app of the quick start", () => {
    let app: RunningApp | undefined;
    afterAll(async () => {
      await app?.stop();
    });
    test("serves its home page and a static file", async () => {
      const command = blocks("Quick start", "sh")
        .join("\n")
        .match(/\.\/ntnt run (examples\/\S+\.tnt)/);
      expect(command?.[1]).toBeDefined();
      const file = join(ROOT, command?.[1] ?? "");
      app = await startApp(file, { cwd: dirname(file) });
      const home = await fetch(`${app.base}/`, { signal: AbortSignal.timeout(10_000) });
      expect(home.status).toBe(200);
      expect(home.headers.get("content-type")).toContain("text/html");
      expect(await home.text()).toContain("<html");
      const css = await fetch(`${app.base}/static/css/site.css`, { signal: AbortSignal.timeout(10_000) });
      expect(css.status).toBe(200);
      expect(css.headers.get("content-type")).toContain("text/css");
    });
  });

  test("every variable in the flag table is read by the code", () => {
    const table = README.slice(README.indexOf("| Flag / variable |"));
    const names = new Set([...table.slice(0, table.indexOf("\n\n")).matchAll(/`(NTNT_[A-Z_]+)/g)].map((m) => m[1]));
    expect(names.size).toBeGreaterThan(8);
    const source = sourceText(join(ROOT, "src"));
    for (const name of names) expect({ name, used: new RegExp(`\\b${name}\\b`).test(source) }).toEqual({ name, used: true });
  });

  test("every relative link in README.md and docs/ resolves to a file and heading", () => {
    const pages = [
      "README.md",
      ...readdirSync(join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
    ];
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split("#");
        const file = path ? join(ROOT, dirname(page), path) : join(ROOT, page);
        if (!existsSync(file)) broken.push(`${page}: ${target} (no such file)`);
        else if (anchor && file.endsWith(".md") && !anchors(readFileSync(file, "utf8")).has(anchor)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** GitHub's anchors for a markdown page's headings. */
function anchors(markdown: string): Set<string> {
  const headings = markdown.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6} (.+)$/gm);
  return new Set(
    [...headings].map((m) =>
      (m[1] ?? "")
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    ),
  );
}

/** All TypeScript under `dir`, concatenated. */
function sourceText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}
