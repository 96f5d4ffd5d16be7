/** `ntnt validate` on fixture projects: JSON report, stderr progress lines, exit codes (cli.md §7.1). */

import { afterAll, describe, expect, test } from "bun:test";
import { ntnt, project } from "./project";

const p = project({
  "proj/a_ok.tnt": 'import { json } from "std/http/server"\nfn home(req) { return json(map { "a": 1 }) }\n',
  "proj/b_unused.tnt": 'import { json, html as page } from "std/http/server"\nprint(1)\n',
  "proj/c_broken.tnt": "let x = \n",
  "good/only.tnt": 'print("fine")\n',
});
afterAll(p.remove);

describe("ntnt validate", () => {
  test("valid, warning and parse-error files: per-file lines, summary, exit 1", async () => {
    const r = await ntnt(p.dir, "validate", "proj");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("✓ proj/a_ok.tnt\n⚠ proj/b_unused.tnt (2 warnings)\n✗ proj/c_broken.tnt\n\nErrors: 1\nWarnings: 2\n");
    const expected = {
      files: [
        { errors: [], file: "proj/a_ok.tnt", valid: true, warnings: [] },
        {
          errors: [],
          file: "proj/b_unused.tnt",
          valid: true,
          warnings: [
            { message: "Unused import: 'json'", type: "unused_import" },
            { message: "Unused import: 'page'", type: "unused_import" },
          ],
        },
        {
          errors: [{ line: 1, message: "Parser error at line 1, column 8: Expected expression, but reached end of file" }],
          file: "proj/c_broken.tnt",
          valid: false,
          warnings: [],
        },
      ],
      // [REC] summary.valid counts valid files.
      summary: { errors: 1, total: 3, valid: 2, warnings: 2 },
    };
    expect(r.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  test("all valid: All files valid!, exit 0", async () => {
    const r = await ntnt(p.dir, "validate", "good/only.tnt");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("✓ only.tnt\n\nAll files valid!\n");
    expect(JSON.parse(r.stdout)).toEqual({
      files: [{ errors: [], file: "only.tnt", valid: true, warnings: [] }],
      summary: { errors: 0, total: 1, valid: 1, warnings: 0 },
    });
  });

  test("a missing path validates nothing; a missing argument is a usage error", async () => {
    const r = await ntnt(p.dir, "validate", "nowhere");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ errors: 0, total: 0, valid: 0, warnings: 0 });
    expect((await ntnt(p.dir, "validate")).code).toBe(2);
  });
});
