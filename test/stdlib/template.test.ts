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
  join(dir, "branches.html"),
  "{{#if n > 1}}if:{{name}}{{#elif n > 0}}elif:{{name}}{{#else}}else:{{name}}{{/if}}{{#for x in none}}{{x}}{{#empty}}|empty:{{name}}{{/for}}",
);
writeFileSync(
  join(dir, "branches.tnt"),
  `import { template } from "std/template"
for n in [2, 1, 0] {
  print(template("branches.html", map { "n": n, "name": "<i>", "none": [] }))
}
`,
);
writeFileSync(
  join(dir, "app.tnt"),
  `import { template, compile, render } from "std/template"
let d = map { "name": "<b>A&'B'</b>", "items": ["<i>"] }
print(template("page.html", d))
print(render(compile("page.html"), d))
print("""{{ d["name"] }}""")
`,
);

function run(env: Record<string, string>, file = "app.tnt"): string {
  const p = Bun.spawnSync([ntnt, "run", file], { cwd: dir, env: { ...process.env, ...env } });
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

  test("autoescape(true) in code turns escaping on without the environment; | escape is idempotent under it", () => {
    writeFileSync(join(dir, "esc.html"), "{{pre | escape}}|{{pre}}|{{name | escape}}|{{name | raw}}|{{name | escape | uppercase}}");
    writeFileSync(
      join(dir, "esc.tnt"),
      `import { template, autoescape } from "std/template"
let name = "<b>A&B</b>"
let pre = """{{name | escape}}"""
autoescape(true)
print(template("esc.html", map { "pre": pre, "name": name }))
autoescape(false)
print(template("esc.html", map { "pre": pre, "name": name }))
`,
    );
    const p = Bun.spawnSync([ntnt, "run", "esc.tnt"], { cwd: dir, env: { ...process.env, NTNT_TEMPLATE_AUTOESCAPE: "" } });
    expect(p.stderr.toString()).toBe("");
    const once = "&lt;b&gt;A&amp;B&lt;/b&gt;";
    expect(p.stdout.toString()).toBe(
      `${once}|${once}|${once}|<b>A&B</b>|&LT;B&GT;A&AMP;B&LT;/B&GT;\n` +
        `&amp;lt;b&amp;gt;A&amp;amp;B&amp;lt;/b&amp;gt;|${once}|${once}|<b>A&B</b>|&LT;B&GT;A&AMP;B&LT;/B&GT;\n`,
    );
  });

  test("autoescape() wants a Bool", () => {
    writeFileSync(join(dir, "bad.tnt"), `import { autoescape } from "std/template"\nautoescape("yes")\n`);
    const p = Bun.spawnSync([ntnt, "run", "bad.tnt"], { cwd: dir });
    expect(p.exitCode).toBe(1);
    expect(p.stderr.toString()).toContain("autoescape() requires a Bool");
  });

  test("auto-escaping reaches {{#if}}, {{#elif}}, {{#else}} and {{#empty}} branches", () => {
    const e = "&lt;i&gt;";
    expect(run({ NTNT_TEMPLATE_AUTOESCAPE: "1" }, "branches.tnt")).toBe(`if:${e}|empty:${e}\nelif:${e}|empty:${e}\nelse:${e}|empty:${e}\n`);
    expect(run({ NTNT_TEMPLATE_AUTOESCAPE: "" }, "branches.tnt")).toBe("if:<i>|empty:<i>\nelif:<i>|empty:<i>\nelse:<i>|empty:<i>\n");
  });
});
