/** `ntnt lint` on fixture projects: JSON report, stderr progress lines, exit codes (cli.md §4.3). */

import { afterAll, describe, expect, test } from "bun:test";
import { ntnt, project } from "./project";

const noContract = (name: string) => `Function '${name}' has no contracts. Consider adding requires/ensures for better documentation and safety.`;
const IMPORT_FIX = { description: 'Rewrite as: import { x } from "std/module"' };

const p = project({
  "clean/ok.tnt": 'print("hi")\n',
  "app/server.tnt": [
    'import { json, html } from "std/http/server"',
    "fn home(req) {",
    '    return json(map { "ok": true })',
    "}",
    "fn half(n: Int) -> Int",
    "    requires n >= 0",
    "{",
    "    fn inner() { return 1 }",
    "    return n / 2",
    "}",
    'get("/", home)',
    "",
  ].join("\n"),
  "app/util.tnt": "fn a() {}\nfn b() {}\nfn c() {}\n",
  "app/zz_heuristics.tnt": ["// JS habit: `${name}`", "for i in 0..3 { print(i) } // not range(3)", 'let s = "use a::b"', ""].join("\n"),
  "bad/broken.tnt": 'fn main() {\n    print("x"\n}\n',
  "bad/python.tnt": "from os import path\nprint(path)\n",
  "bad/rust.tnt": "use std::io\nprint(1)\n",
  "notes.txt": "not a program",
});
afterAll(p.remove);

describe("ntnt lint", () => {
  test("a clean file: ✓ line, No issues found!, empty files list, exit 0", async () => {
    const r = await ntnt(p.dir, "lint", "clean/ok.tnt");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("✓ ok.tnt\n\nNo issues found!\n");
    expect(r.stdout).toBe(`{\n  "files": [],\n  "summary": {\n    "errors": 0,\n    "suggestions": 0,\n    "total_files": 1,\n    "warnings": 0\n  }\n}\n`);
  });

  test("a directory: files in path order, per-file counts, sorted keys, 2-space indent", async () => {
    const r = await ntnt(p.dir, "lint", "app");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        "⚠ app/server.tnt (1 warnings, 2 suggestions)",
        "⚠ app/util.tnt (3 suggestions)",
        "⚠ app/zz_heuristics.tnt (2 warnings)",
        "",
        "Warnings: 3",
        "Suggestions: 5",
        "",
      ].join("\n"),
    );
    const expected = {
      files: [
        {
          file: "app/server.tnt",
          issues: [
            { line: 2, message: noContract("home"), rule: "function_no_contract", severity: "suggestion" },
            { line: 8, message: noContract("inner"), rule: "function_no_contract", severity: "suggestion" },
            { line: null, message: "Unused import: 'html'", rule: "unused_import", severity: "warning" },
          ],
        },
        {
          file: "app/util.tnt",
          issues: ["a", "b", "c"].map((name, i) => ({ line: i + 1, message: noContract(name), rule: "function_no_contract", severity: "suggestion" })),
        },
        {
          file: "app/zz_heuristics.tnt",
          issues: [
            {
              fix: { description: 'Replace `${var}` with "{var}" and remove backticks' },
              line: 1,
              message: 'Possible JavaScript-style template string detected. NTNT uses "{variable}" for interpolation, not `${variable}`.',
              rule: "javascript_template_string",
              severity: "warning",
            },
            {
              fix: { description: "Replace range(n) with 0..n or range(a, b) with a..b" },
              line: 2,
              message: "Possible Python-style range() detected. NTNT uses `0..10` for exclusive ranges or `0..=10` for inclusive.",
              rule: "python_style_range",
              severity: "warning",
            },
          ],
        },
      ],
      summary: { errors: 0, suggestions: 5, total_files: 3, warnings: 3 },
    };
    expect(r.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  test("parse errors and Python/Rust imports are errors: ✗ line, exit 1", async () => {
    const r = await ntnt(p.dir, "lint", "bad");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("✗ bad/broken.tnt\n✗ bad/python.tnt\n⚠ bad/rust.tnt (1 errors)\n\nErrors: 4\n");
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ errors: 4, suggestions: 0, total_files: 3, warnings: 0 });
    const [broken, python, rust] = report.files;
    expect(broken).toEqual({
      file: "bad/broken.tnt",
      issues: [{ line: 3, message: "Parser error at line 3, column 1: Expected ')' after arguments", rule: "parse_error", severity: "error" }],
    });
    // The line heuristics also run on a file that does not parse, and explain why.
    expect(python.issues.map((i: { rule: string }) => i.rule)).toEqual(["parse_error", "python_import_syntax"]);
    expect(python.issues[1]).toEqual({
      fix: IMPORT_FIX,
      line: 1,
      message: 'Python-style import detected. NTNT uses `import { x } from "module"`.',
      rule: "python_import_syntax",
      severity: "error",
    });
    expect(rust.issues).toEqual([
      {
        fix: IMPORT_FIX,
        line: 1,
        message: 'Rust-style import detected. NTNT uses `import { x } from "module"`.',
        rule: "rust_import_syntax",
        severity: "error",
      },
    ]);
  });

  test("--quiet hides warning lines and totals on stderr but not the JSON", async () => {
    const loud = await ntnt(p.dir, "lint", "app");
    const quiet = await ntnt(p.dir, "lint", "app", "-q");
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("\n");
    expect(quiet.stdout).toBe(loud.stdout);
    const bad = await ntnt(p.dir, "lint", "--quiet", "bad");
    expect(bad.stderr).toBe("✗ bad/broken.tnt\n✗ bad/python.tnt\n\nErrors: 4\n");
  });

  test("--fix adds syntax_hints only when there are errors or warnings", async () => {
    const withIssues = JSON.parse((await ntnt(p.dir, "lint", "app", "--fix")).stdout);
    expect(Object.keys(withIssues)).toEqual(["files", "summary", "syntax_hints"]);
    expect(Object.keys(withIssues.syntax_hints)).toEqual(["imports", "map_literals", "ranges", "route_patterns", "string_interpolation"]);
    const clean = JSON.parse((await ntnt(p.dir, "lint", "clean", "--fix")).stdout);
    expect(clean.syntax_hints).toBeUndefined();
    const suggestionsOnly = JSON.parse((await ntnt(p.dir, "lint", "app/util.tnt", "--fix")).stdout);
    expect(suggestionsOnly.syntax_hints).toBeUndefined();
  });

  test("a missing path or a non-.tnt file is zero files, exit 0; --strict is accepted", async () => {
    for (const path of ["missing", "notes.txt"]) {
      const r = await ntnt(p.dir, "lint", path);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("\nNo issues found!\n");
      expect(JSON.parse(r.stdout)).toEqual({ files: [], summary: { errors: 0, suggestions: 0, total_files: 0, warnings: 0 } });
    }
    expect((await ntnt(p.dir, "lint", "clean", "--strict")).code).toBe(0);
  });

  test("names are relative to PATH's parent; usage errors exit 2", async () => {
    const abs = await ntnt("/", "lint", `${p.dir}/clean`);
    expect(abs.stderr).toStartWith("✓ clean/ok.tnt\n");
    const dot = await ntnt(`${p.dir}/clean`, "lint", ".");
    expect(dot.stderr).toStartWith("✓ ./ok.tnt\n");
    expect((await ntnt(p.dir, "lint")).code).toBe(2);
    expect((await ntnt(p.dir, "lint", "app", "--bogus")).code).toBe(2);
  });
});
