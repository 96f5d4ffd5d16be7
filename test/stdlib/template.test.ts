// std/template and opt-in HTML auto-escaping of template files (http-server.md §10.3).
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ntnt = resolve(import.meta.dir, "../../ntnt");
const dir = mkdtempSync(join(tmpdir(), "ntnt-template-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, "page.html"), "<p>{{name}}|{{name | raw}}|{{#for x in items}}[{{x}}]{{/for}}</p>");
writeFileSync(
  join(dir, "app.tnt"),
  `import { template, compile, render } from "std/template"
let d = map { "name": "<b>A&'B'</b>", "items": ["<i>"] }
print(template("page.html", d))
print(render(compile("page.html"), d))
print("""{{ d["name"] }}""")
`,
);

function run(env: Record<string, string>): string {
  const p = Bun.spawnSync([ntnt, "run", "app.tnt"], { cwd: dir, env: { ...process.env, ...env } });
  expect(p.stderr.toString()).toBe("");
  expect(p.exitCode).toBe(0);
  return p.stdout.toString();
}

describe("std/template", () => {
  test("template, compile and render import from std/template; output is raw by default", () => {
    const raw = "<p><b>A&'B'</b>|<b>A&'B'</b>|[<i>]</p>";
    expect(run({ NTNT_TEMPLATE_AUTOESCAPE: "" })).toBe(`${raw}\n${raw}\n<b>A&'B'</b>\n`);
  });

  test("NTNT_TEMPLATE_AUTOESCAPE=1 escapes {{x}} in template files; | raw opts out; inline templates stay raw", () => {
    const esc = "<p>&lt;b&gt;A&amp;&#x27;B&#x27;&lt;/b&gt;|<b>A&'B'</b>|[&lt;i&gt;]</p>";
    expect(run({ NTNT_TEMPLATE_AUTOESCAPE: "1" })).toBe(`${esc}\n${esc}\n<b>A&'B'</b>\n`);
  });
});
