/** `ntnt intent check | coverage | init` end to end, and unknown commands (cli.md §4.5, §6, §7.6, §7.7). */

import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { freePort, project, startApp } from "../support/ntnt-app";

const NTNT = join(import.meta.dir, "..", "..", "ntnt");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dir(files: Record<string, string>): string {
  const d = project(files);
  dirs.push(d);
  return d;
}

async function ntnt(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.NTNT_LISTEN_PORT;
  const proc = Bun.spawn([NTNT, ...args], { cwd, env, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

const APP = `import { json, html, text, status } from "std/http/server"
// @implements: feature.pages
fn home(req) {
    return html("<h1>Welcome</h1>")
}
fn data(req) {
    return json(map { "count": 3, "user": map { "name": "Ada" }, "tags": ["a", "b"] })
}
fn empty(req) {
    return status(204, "")
}
fn locked(req) {
    return status(401, "no")
}
get("/", home)
get("/data", data)
get("/empty", empty)
get("/locked", locked)
listen(8080)
`;

const GLOSSARY = `## Glossary
| Term | Means |
|------|-------|
| a user visits {path} | GET {path} |
| they see {text} | body contains {text} |
| open access | status 200 |
`;

describe("ntnt intent check", () => {
  test("text report at -v: scenarios, failed assertions with their message, skips, warnings, legacy tests", async () => {
    const d = dir({
      "server.tnt": APP,
      "server.intent": `${GLOSSARY}
Feature: Pages
  id: feature.pages
  Scenario: Home
    When a user visits /
    → they see "Welcome"
  Scenario: Wrong
    When a user visits /
    → they see "Goodbye"
  Scenario: Locked
    Given open access
    When a user visits /locked
    → status 401
  Scenario: Vague
    When a user visits /
    → it feels right

Feature: Legacy
  test:
    - request: GET /data
      assert:
        - json path "count" == "3"
`,
    });
    const r = await ntnt(d, "intent", "check", "server.tnt", "--port", String(await freePort()), "-v");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '✗ Feature: Pages\n  ✓ Home\n  ✗ Wrong\n      ✗ body contains "Goodbye"\n        Body does not contain "Goodbye"\n  ⏭️  Locked\n  ⧗ Vague\n\n✓ Feature: Legacy\n  ✓ GET /data\n\n',
    );
    expect(r.stdout).toContain("Features: 2 total, 1 passed, 1 failed\nScenarios: 1 passed, 1 failed, 1 skipped\nAssertions: 5 passed, 1 failed\n");
    expect(r.stderr).toBe("Error: Some tests failed\n");
  });

  test("--json: documented standard terms run as real checks; exit 0 when every feature passes", async () => {
    const d = dir({
      "server.tnt": APP,
      "server.intent": `${GLOSSARY}
Feature: Standard terms
  id: feature.standard
  Scenario: JSON
    When a user visits /data
    → status 2xx
    → response is valid JSON
    → json path "count" == "3.0"
    → json path "user.name" == "Ada"
    → json path "tags[1]" exists
    → header "content-type" exists
    → response time < 5s
  Scenario: Empty
    When a user visits /empty
    → status 2xx
    → body is empty
`,
    });
    const r = await ntnt(d, "intent", "check", "server.tnt", "--port", String(await freePort()), "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.features[0].scenarios.map((s: { status: string }) => s.status)).toEqual(["pass", "pass"]);
    expect(report.total_assertions).toBe(9);
    expect(Object.keys(report)).toEqual([
      "features",
      "components",
      "total_assertions",
      "passed_assertions",
      "failed_assertions",
      "linked_features",
      "total_features",
      "glossary",
      "summary",
    ]);
    expect(r.stdout).toContain('"pass_percentage": 100.0\n');
  });

  test("a failed assertion in --json carries expected and actual (--port 0 picks a free port)", async () => {
    const d = dir({
      "server.tnt": APP,
      "server.intent": `${GLOSSARY}\nFeature: F\n  Scenario: S\n    When a user visits /locked\n    → status 403\n`,
    });
    const r = await ntnt(d, "intent", "check", "server.tnt", "--port", "0", "--json");
    expect(r.code).toBe(1);
    const a = JSON.parse(r.stdout).features[0].scenarios[0].test_result.assertions[0];
    expect(a).toEqual({
      assertion_text: "status: 403",
      passed: false,
      message: "Expected status 403, got 401",
      checks: [{ check: "status: 403", passed: false, expected: "403", actual: "401" }],
    });
  });

  test("call: terms run in-process: listen() does not serve, the program's prints stay out of the report", async () => {
    const d = dir({
      "server.tnt": APP,
      "lib/words.tnt": 'print("loading words")\nfn shout(w) {\n    print("shouting")\n    return w + "!"\n}\nfn half(n) {\n    return n / 2\n}\n',
      "server.intent": `## Glossary
| Term | Means |
|------|-------|
| shouting {w} | call: shout({w}), source: lib/words.tnt |
| halving {n} | call: half({n}), source: lib/words.tnt |
| calling home | call: home({x}), source: server.tnt |

Feature: Calls
  Scenario: Shout
    When shouting "hey there"
    → result is "hey there!"
    → is deterministic
  Scenario: Numbers are numbers
    When halving 10
    → result is 5
  Scenario: The program itself loads without serving
    When calling home
    → they see "Welcome"
`,
    });
    const r = await ntnt(d, "intent", "check", "server.tnt", "--port", String(await freePort()), "--json");
    const report = JSON.parse(r.stdout);
    expect(report.features[0].scenarios.map((s: { status: string }) => s.status)).toEqual(["pass", "pass", "pass"]);
    expect(r.code).toBe(0);
  });

  test("an app that does not start: its output is shown, exit 1", async () => {
    const d = dir({
      "app.tnt": 'print("starting up")\nlet x = (1 +\n',
      "app.intent": `${GLOSSARY}\nFeature: F\n  Scenario: S\n    When a user visits /\n    → status 200\n`,
    });
    const r = await ntnt(d, "intent", "check", "app.tnt", "--port", String(await freePort()));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: Failed to start the app: The app exited before it was ready");
    expect(r.stderr).toContain("starting up");
    expect(r.stderr).toContain("error[E002]");
  });

  test("remarks about the intent file go to stderr as warnings (text mode)", async () => {
    const d = dir({
      "server.tnt": APP,
      "server.intent": `${GLOSSARY}| open access | status 201 |\n\nFeature: F\n  Scenario: No trigger\n    → status 200\n`,
    });
    const r = await ntnt(d, "intent", "check", "server.tnt", "--port", "0");
    expect(r.stderr).toContain("warning: server.intent:7: Glossary term 'open access' is defined again (line 6)\n");
    expect(r.stderr).toContain("warning: server.intent:10: Scenario 'No trigger' has no When clause\n");
  });

  test("missing files", async () => {
    const d = dir({ "lonely.tnt": 'print("x")\n', "spec.intent": "## Glossary\n" });
    expect((await ntnt(d, "intent", "check", "nope.tnt")).stderr).toBe("Error: File not found: nope.tnt\n");
    expect((await ntnt(d, "intent", "check", "lonely.tnt")).stderr).toBe("Error: No intent file found. Create lonely.intent or specify with --intent\n");
    expect((await ntnt(d, "intent", "check", "spec.intent")).stderr).toBe("Error: No .tnt file found. Create spec.tnt to run tests against\n");
    expect((await ntnt(d, "intent", "check", "lonely.tnt", "--port", "70000")).code).toBe(2);
    // The reference's wording: its IntentError::RuntimeError around the io::Error text.
    expect((await ntnt(d, "intent", "check", "lonely.tnt", "-i", "other.intent")).stderr).toEndWith(
      "Error: Failed to parse intent file: Runtime error: Failed to read intent file: No such file or directory (os error 2)\n",
    );
    expect(await ntnt(d, "intent", "coverage", "lonely.tnt", "--intent", ".")).toMatchObject({
      code: 1,
      stderr: "Error: Failed to parse intent file: Runtime error: Failed to read intent file: Is a directory (os error 21)\n",
    });
  });

  test("a port that is already taken is reported instead of testing whatever listens there", async () => {
    const d = dir({ "server.tnt": APP, "server.intent": `${GLOSSARY}\nFeature: F\n  Scenario: S\n    When a user visits /\n    → status 200\n` });
    const squatter = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("someone else") });
    try {
      const r = await ntnt(d, "intent", "check", "server.tnt", "--port", String(squatter.port), "--json");
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`Port ${squatter.port} is already in use`);
    } finally {
      await squatter.stop(true);
    }
  });
});

describe("ntnt intent coverage and init", () => {
  test("coverage lists implementations and the bar", async () => {
    const d = dir({
      "server.tnt": APP,
      "routes/extra.tnt": "// @implements: feature.extra\nfn get(req) {\n    return 1\n}\n",
      "server.intent": "Feature: Pages\n  id: feature.pages\n\nFeature: Extra\n  id: feature.extra\n\nFeature: Missing\n",
    });
    const r = await ntnt(d, "intent", "coverage", "server.tnt");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Source files: 2\n\n✓ Pages (feature.pages)\n    └─ server.tnt:2 in fn home\n✓ Extra (feature.extra)\n    └─ routes/extra.tnt:1 in fn get\n✗ Missing (missing)\n",
    );
    expect(r.stdout).toContain("[███████████████████░░░░░░░░░░░] 66.7% coverage (2/3 features)\n");
  });

  test("init scaffolds legacy tests and scenarios into a program that runs and answers every route", async () => {
    const d = dir({
      "site.intent": `${GLOSSARY}
Feature: Site
  id: feature.site
  Scenario: Home
    When a user visits /
    → they see "Hello"
  Scenario: Styles
    When a user visits /assets/site.css
    → status 200
  test:
    - request: GET /users/{id}
      assert:
        - json path "id" exists
    - request: POST /users
      assert:
        - status: 201
`,
    });
    const r = await ntnt(d, "intent", "init", "site.intent", "-o", "site.tnt");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Generated site.tnt from intent file");
    const program = readFileSync(join(d, "site.tnt"), "utf8");
    expect(program).toContain(
      '// @implements: feature.site\nfn index(req) {\n    // TODO: Implement this handler\n    // Expected:\n    //   - Body should contain: "Hello"\n',
    );
    expect(program).toContain('get(r"/users/{id}", users_id)\npost("/users", users_post)\nget("/", index)\nget("/assets/site.css", assets_site_css)\n');
    const app = await startApp(join(d, "site.tnt"));
    try {
      for (const [method, path] of [
        ["GET", "/"],
        ["GET", "/assets/site.css"],
        ["GET", "/users/7"],
        ["POST", "/users"],
      ] as const) {
        const res = await fetch(app.base + path, { method });
        expect(await res.text()).toBe("Not implemented");
      }
    } finally {
      await app.stop();
    }
  });
});

describe("unknown commands", () => {
  test("a word that is neither a command nor a file: unknown command with the list, exit 2", async () => {
    const d = dir({ "dcos/index.md": "a folder, not a program" });
    const r = await ntnt(d, "dcos");
    expect(r.code).toBe(2);
    expect(r.stderr).toStartWith("error: unknown command 'dcos'\n\nCommands: run, test, lint, check,");
    expect(r.stderr).toContain("intent");
    const sub = await ntnt(d, "intent", "foo");
    expect(sub.code).toBe(2);
    expect(sub.stderr).toStartWith("error: unknown command 'intent foo'\n\nCommands: intent check, intent coverage, intent init");
    expect((await ntnt(d, "intent")).code).toBe(2);
    const help = await ntnt(d, "intent", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("coverage FILE");
  });

  test("a missing program file is still an OS error, exit 1", async () => {
    const r = await ntnt(dir({}), "missing.tnt");
    expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: No such file or directory (os error 2)\n" });
  });
});
