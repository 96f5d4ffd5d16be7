import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadIntentFile, parseIntent } from "../../src/intent";

const SAMPLE = `# My App
# Run: ntnt intent check server.tnt

## Title
My Application

## Glossary

| Term | Type | Means |
|------|------|-------|
| a user visits {path} | action | GET {path} |
| the home page | | / |
| page loads | assertion | status 200 |

## Glossary [Technical Bindings]

a user visits {path}:
  action: GET {path}
  assert:
    - status 200
    - body contains "x"
---

Feature: Home Page
  id: feature.home_page
  description: "Welcome message"

  Scenario: Visitor sees welcome
    description: "optional"
    Given the app is running
    When a user visits the home page
    → page loads
    -> they see "Welcome"

  test:
    - request: POST /users
      body: "{\\"a\\": 1}"
      assert:
        - status: 201
        - body contains "id"

Constraint: Fast
  description: "must not overwrite the feature"
  id: constraint.fast

Component: Success Response
  id: component.success_response
  parameters: [message]
  Inherent Behavior:
    → status 2xx
    → body contains "$message"

  Scenario: Inside a component
    When a user visits /
    → page loads

Invariant: URL Slug
  id: invariant.url_slug
  Assertions:
    → is lowercase
    - is non-empty

Test Data: Slugs
  id: test_data.slugs
  for: feature.home_page
  scenario: Visitor sees welcome
  | title | expected |
  |-------|----------|
  | "  Hello World " | hello-world |
  | "" | post |

Feature: Later
  id: feature.later
`;

describe("intent parser", () => {
  const intent = parseIntent(SAMPLE, "app.intent");

  test("title and glossary in declaration order, 3-column type, bindings attached", () => {
    expect(intent.title).toBe("My Application");
    expect(intent.glossary!.map((t) => [t.term, t.meaning, t.termType])).toEqual([
      ["a user visits {path}", "GET {path}", "action"],
      ["the home page", "/", undefined],
      ["page loads", "status 200", "assertion"],
    ]);
    expect(intent.glossary![0]!.binding).toEqual({ action: "GET {path}", assert: ["status 200", 'body contains "x"'] });
    expect(intent.glossary![0]!.line).toBe(11);
  });

  test("features with scenarios and legacy tests; Constraint blocks do not leak into features", () => {
    expect(intent.features.map((f) => f.name)).toEqual(["Home Page", "Later"]);
    const home = intent.features[0]!;
    expect(home.id).toBe("feature.home_page");
    expect(home.description).toBe("Welcome message");
    expect(home.scenarios).toEqual([
      {
        name: "Visitor sees welcome",
        description: "optional",
        given: "the app is running",
        when: "a user visits the home page",
        outcomes: ["page loads", 'they see "Welcome"'],
        line: 28,
      },
    ]);
    expect(home.tests).toEqual([{ method: "POST", path: "/users", body: '{\\"a\\": 1}', assertions: ["status: 201", 'body contains "id"'], line: 36 }]);
  });

  test("components, invariants and test data, each closed by the next header", () => {
    expect(intent.components).toHaveLength(1);
    const comp = intent.components[0]!;
    expect(comp).toMatchObject({ id: "component.success_response", parameters: ["message"], inherentBehavior: ["status 2xx", 'body contains "$message"'] });
    expect(comp.scenarios.map((s) => s.name)).toEqual(["Inside a component"]);
    expect(intent.invariants).toEqual([{ id: "invariant.url_slug", name: "URL Slug", parameters: [], assertions: ["is lowercase", "is non-empty"], line: 57 }]);
    expect(intent.testData[0]).toMatchObject({
      id: "test_data.slugs",
      forFeature: "feature.home_page",
      forScenario: "Visitor sees welcome",
      columns: ["title", "expected"],
      rows: [
        { title: "  Hello World ", expected: "hello-world" },
        { title: "", expected: "post" },
      ],
    });
    expect(intent.features[1]!.id).toBe("feature.later");
  });

  test("no glossary section means no glossary; inline title", () => {
    const file = parseIntent("## Title: Inline\nFeature: A\n  test:\n    - request: GET /\n", "x.intent");
    expect(file.title).toBe("Inline");
    expect(file.glossary).toBeUndefined();
    expect(file.features[0]!.tests[0]).toMatchObject({ method: "GET", path: "/" });
  });

  test("another ## heading ends the glossary table", () => {
    const file = parseIntent("## Glossary\n| a | GET / |\n## Notes\n| not | a term |\n", "x.intent");
    expect(file.glossary!.map((t) => t.term)).toEqual(["a"]);
  });

  test("a file that cannot be read is an error value, not an exception", () => {
    const dir = mkdtempSync(join(tmpdir(), "ntnt-intent-"));
    const result = loadIntentFile(join(dir, "missing.intent"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain("Failed to read intent file");
  });
});
