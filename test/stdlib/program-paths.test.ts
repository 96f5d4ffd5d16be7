/** Relative paths given to std functions resolve from the program's folder, whatever the cwd (issue #14, defect 10). */

import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const NTNT = join(import.meta.dir, "..", "..", "ntnt");
const root = mkdtempSync(join(tmpdir(), "ntnt-paths-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("sqlite connect, load_env and download use the program's folder, not the cwd", async () => {
  const app = join(root, "app");
  const elsewhere = join(root, "elsewhere");
  mkdirSync(app);
  mkdirSync(elsewhere);
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("payload") });
  try {
    writeFileSync(
      join(app, ".env"),
      'NTNT_PATHS_A="double quoted"\nNTNT_PATHS_B=\'single # kept\'\nNTNT_PATHS_C=plain # comment\nexport NTNT_PATHS_D="x\\ny"\nNTNT_PATHS_E="unbalanced\n',
    );
    writeFileSync(
      join(app, "main.tnt"),
      `import { connect, execute, close } from "std/db/sqlite"
import { load_env, get_env } from "std/env"
import { download } from "std/http"
let db = unwrap(connect("data.db"))
unwrap(execute(db, "CREATE TABLE t (x INTEGER)", []))
close(db)
unwrap(load_env())
print(unwrap(get_env("NTNT_PATHS_A")))
print(unwrap(get_env("NTNT_PATHS_B")))
print(unwrap(get_env("NTNT_PATHS_C")))
print(unwrap(get_env("NTNT_PATHS_D")))
print(unwrap(get_env("NTNT_PATHS_E")))
let r = unwrap(download("http://127.0.0.1:${server.port}/", "got.txt"))
print(r["path"])
`,
    );
    const proc = Bun.spawn([NTNT, "run", join(app, "main.tnt")], { cwd: elsewhere, stdout: "pipe", stderr: "pipe" });
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toBe('double quoted\nsingle # kept\nplain\nx\ny\n"unbalanced\ngot.txt\n');
    expect(existsSync(join(app, "data.db"))).toBe(true);
    expect(existsSync(join(elsewhere, "data.db"))).toBe(false);
    expect(readFileSync(join(app, "got.txt"), "utf8")).toBe("payload");
  } finally {
    await server.stop(true);
  }
}, 20_000);
