/** `ntnt intent init`'s stubs describe every kind of HTTP expectation a scenario can state (cli.md §7.7). */

import { expect, test } from "bun:test";
import { parseIntent } from "../../src/intent/parser";
import { scaffold } from "../../src/intent/scaffold";

const INTENT = `## Glossary
| Term | Means |
|------|-------|
| a user visits {path} | GET {path} |

Feature: Api
  id: feature.api

  Scenario: Empty reply
    When a user visits /empty
    → body is empty

  Scenario: Data
    When a user visits /data
    → body is not empty
    → response is valid JSON
    → header "x-id" exists
    → header "content-type" equals "application/json"
    → response time < 2s
`;

test("scenario stubs list body-empty, valid-JSON, header and timing expectations", () => {
  const program = scaffold(parseIntent(INTENT, "api.intent"), "api.intent");
  expect(program).toContain("fn empty(req) {\n    // TODO: Implement this handler\n    // Expected:\n    //   - Body should be empty\n    return");
  expect(program).toContain(
    [
      "fn data(req) {",
      "    // TODO: Implement this handler",
      "    // Expected:",
      "    //   - Body should not be empty",
      "    //   - Body should be valid JSON",
      '    //   - Header "x-id" should be present',
      '    //   - Header "content-type" should equal: "application/json"',
      "    //   - Respond within 2000 ms",
      "    return",
    ].join("\n"),
  );
});
