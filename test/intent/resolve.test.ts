import { describe, expect, test } from "bun:test";
import { assertionText, parseStandardAssertion } from "../../src/intent/assertions";
import { characterSet, evaluate, jsonEquals, jsonPath } from "../../src/intent/evaluate";
import { describeGlossary, parseIntent } from "../../src/intent/index";
import { f32Text, reportJson } from "../../src/intent/report-output";
import { resolveOutcome } from "../../src/intent/resolve-outcome";
import { resolveScenario } from "../../src/intent/resolve-scenario";
import { resolveWhen } from "../../src/intent/resolve-when";
import { buildVocabulary } from "../../src/intent/vocabulary";

const texts = (outcome: string, intentText: string) => {
  const intent = parseIntent(intentText, "x.intent");
  return resolveOutcome(outcome, buildVocabulary(intent)).assertions.map(assertionText);
};

const GLOSSARY = `## Glossary
| Term | Means |
|---|---|
| a user visits {path} | GET {path} |
| the home page | / |
| creating an item | POST "/items" |
| page loads | status 200 |
| they see {text} | body contains {text} |
| page works | page loads, returns HTML, they see "ok" |
| self referencing term | self referencing term |
| term A | term B |
| term B | term C |
| term C | term A |
| foo {x} | bar {x} |
| bar {y} | foo {y} |
| diamond top | diamond left, diamond right |
| diamond left | primitive d |
| diamond right | primitive d |
| primitive d | body contains "d" |
| success with {m} | component.success(message: {m}) |
| api says | component.success |
| slug is safe | check: invariant.slug |
| slugifying {t} | call: slugify({t}), source: lib/s.tnt |
| every word | call: shout({word}), input: test_data.words |
| opening the profile | the profile lives at /api/me |
| submitting a note | POST "/echo" |

Component: Success
  id: component.success
  parameters: [message]
  Inherent Behavior:
    → status 2xx
    → body contains "$message"

Invariant: Slug
  id: invariant.slug
  Assertions:
    - is lowercase
    - uses only [a-z-]

Test Data: Words
  id: test_data.words
  | word | loud |
  | hi | HI! |
  | "yo there" | YO THERE! |
`;

describe("standard terms", () => {
  test("every documented term becomes an executable assertion, with the report's text", () => {
    const cases: [string, string][] = [
      ["status: 200", "status: 200"],
      ["status 404", "status: 404"],
      ["status 2xx", "status 2xx"],
      ["status: 5xx", "status 5xx"],
      ['body contains "a b"', 'body contains "a b"'],
      ["body contains word", 'body contains "word"'],
      ['body not contains "x"', 'body not contains "x"'],
      ['body matches r"^\\{"', 'body matches "^\\{"'],
      ["body is empty", "body is empty"],
      ["body is not empty", "body is not empty"],
      ["response is valid JSON", "response is valid JSON"],
      ["response time < 500ms", "response time < 500ms"],
      ["response time < 2s", "response time < 2000ms"],
      ['header "X-Id" exists', 'header "X-Id" exists'],
      ['header "X-Id" equals "7"', 'header "X-Id" equals "7"'],
      ['header content-type contains "json"', 'header "content-type" contains "json"'],
      ["content-type is json", 'header "content-type" contains "application/json"'],
      ['json path "a.b[0]" exists', 'json path "a.b[0]" exists'],
      ['json path "count" == "3"', 'json path "count" == "3"'],
      ['redirects to "/login"', 'redirects to "/login"'],
      ["code is valid", "code is valid"],
      ["no lint warnings", "no lint warnings"],
      ["result is 5", 'result equals "5"'],
      ["is non-empty", "is non-empty"],
      ["uses only [a-z0-9-]", "uses only [a-z0-9-]"],
      ['does not end with space before "..."', 'does not end with " ..."'],
      ["length is at most {max}", "length at most {max}"],
      ["is predictable", "property: deterministic"],
      ["is stable", "property: idempotent"],
    ];
    for (const [input, text] of cases) {
      const a = parseStandardAssertion(input);
      expect(a === null ? `${input}: null` : assertionText(a)).toBe(text);
    }
  });

  test("texts that are no standard term stay unresolved", () => {
    for (const text of ["status is fine", "page loaded", "the page feels fast", "body"]) expect(parseStandardAssertion(text)).toBeNull();
  });
});

describe("outcome resolution", () => {
  test("glossary terms expand recursively; parameters are captured without quotes", () => {
    expect(texts('they see "Hello there"', GLOSSARY)).toEqual(['body contains "Hello there"']);
    expect(texts("PAGE LOADS", GLOSSARY)).toEqual(["status: 200"]);
    expect(texts("page works", GLOSSARY)).toEqual(["status: 200", 'header "Content-Type" contains "text/html"', 'body contains "ok"']);
  });

  test("cycles (direct, indirect, through parameters) resolve to nothing instead of looping", () => {
    expect(texts("self referencing term", GLOSSARY)).toEqual([]);
    expect(texts("term A", GLOSSARY)).toEqual([]);
    expect(texts('foo "test"', GLOSSARY)).toEqual([]);
  });

  test("a branching cycle is cut at once (depth alone would take 2^50 steps)", () => {
    expect(texts("loop", '## Glossary\n| Term | Means |\n| loop | loop, loop, body contains "z" |\n')).toEqual(['body contains "z"']);
  });

  test("a term reached twice on different paths is not a cycle", () => {
    expect(texts("diamond top", GLOSSARY)).toEqual(['body contains "d"', 'body contains "d"']);
  });

  test("a long chain stops at depth 50", () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| t${i} | t${i + 1} |`).join("\n");
    const intent = `## Glossary\n| Term | Means |\n${rows}\n| t60 | status 200 |\n`;
    expect(texts("t55", intent)).toEqual(["status: 200"]);
    expect(texts("t0", intent)).toEqual([]);
  });

  test("components and invariants are vocabulary; component parameters are substituted", () => {
    const r = resolveOutcome('success with "Saved"', buildVocabulary(parseIntent(GLOSSARY, "x.intent")));
    expect(r.assertions.map(assertionText)).toEqual(["status 2xx", 'body contains "Saved"']);
    expect(r.componentRefs).toEqual(["component.success"]);
    expect(texts("slug is safe", GLOSSARY)).toEqual(["is lowercase", "uses only [a-z-]"]);
    expect(texts("slug", GLOSSARY)).toEqual(["is lowercase", "uses only [a-z-]"]);
  });

  test("direct fallbacks: they see, has an id, as JSON", () => {
    expect(texts('the visitor sees "Hi"', "")).toEqual(['body contains "Hi"']);
    expect(texts("the reply has an id", "")).toEqual(['json path "id" exists']);
    expect(texts("the user comes back as JSON", "")).toEqual(['header "Content-Type" contains "application/json"']);
  });
});

describe("When resolution", () => {
  const glossary = parseIntent(GLOSSARY, "x.intent").glossary!;

  test("parameterised terms; a captured glossary term stands for its meaning", () => {
    expect(resolveWhen("a user visits the home page", glossary)).toEqual({ kind: "http", method: "GET", path: "/" });
    expect(resolveWhen("a user visits /api/status", glossary)).toEqual({ kind: "http", method: "GET", path: "/api/status" });
  });

  test("fallbacks: method and quoted path from a meaning, path words, a JSON body after with", () => {
    expect(resolveWhen("creating an item", glossary)).toEqual({ kind: "http", method: "POST", path: "/items" });
    expect(resolveWhen("opening the profile", glossary)).toEqual({ kind: "http", method: "GET", path: "/api/me" });
    expect(resolveWhen('submitting a note with {"text": "hi"}', glossary)).toEqual({ kind: "http", method: "POST", path: "/echo", body: '{"text": "hi"}' });
    expect(resolveWhen("someone opens /about.", glossary)).toEqual({ kind: "http", method: "GET", path: "/about" });
    expect(resolveWhen("something happens", glossary)).toBeNull();
  });

  test("call: terms and code quality", () => {
    expect(resolveWhen('slugifying "Hello World"', glossary)).toEqual({ kind: "call", source: "lib/s.tnt", fn: "slugify", args: ["Hello World"] });
    expect(resolveWhen("checking code quality", glossary)).toEqual({ kind: "quality" });
  });

  test("Technical Bindings give method, path and body", () => {
    const intent = parseIntent(
      '## Glossary\n| Term | Means |\n| making one | creates a thing |\n## Glossary [Technical Bindings]\nmaking one:\n  action: PUT /things/1\n  body: {"a": 1}\n',
      "x.intent",
    );
    expect(resolveWhen("making one", intent.glossary!)).toEqual({ kind: "http", method: "PUT", path: "/things/1", body: '{"a": 1}' });
  });
});

describe("scenarios", () => {
  const intent = parseIntent(GLOSSARY, "x.intent");
  const ctx = { intent, glossary: intent.glossary!, vocab: buildVocabulary(intent) };

  test("HTTP scenarios without a status outcome get status 200 (201 for POST) first", () => {
    const get = resolveScenario({ name: "s", when: "a user visits /", outcomes: ['they see "x"'], line: 1 }, ctx);
    expect(get.cases![0]!.assertions.map((a) => assertionText(a.assertion))).toEqual(["status: 200", 'body contains "x"']);
    const post = resolveScenario({ name: "s", when: "creating an item", outcomes: ["status 2xx"], line: 1 }, ctx);
    expect(post.cases![0]!.assertions.map((a) => assertionText(a.assertion))).toEqual(["status 2xx"]);
  });

  test("unresolved outcomes are listed; a component named without parameters takes quoted values", () => {
    const r = resolveScenario({ name: "s", when: "a user visits /", outcomes: ["vague", 'api says "hey"'], line: 1 }, ctx);
    expect(r.unresolved).toEqual(["vague"]);
    expect(r.componentRefs).toEqual(["component.success"]);
    expect(r.cases![0]!.assertions.map((a) => assertionText(a.assertion))).toEqual(["status 2xx", 'body contains "hey"']);
  });

  test("test-data rows expand a call scenario in table order", () => {
    const r = resolveScenario({ name: "Each", when: "every word", outcomes: ['result is "{loud}"'], line: 1 }, ctx);
    expect(r.cases!.map((c) => [c.name, c.action.kind === "call" ? c.action.args : [], assertionText(c.assertions[0]!.assertion)])).toEqual([
      ["Each [word=hi, loud=HI!]", ["hi"], 'result equals "HI!"'],
      ["Each [word=yo there, loud=YO THERE!]", ["yo there"], 'result equals "YO THERE!"'],
    ]);
  });

  test("an input naming no test data is reported instead of calling with placeholder texts", () => {
    const intent = parseIntent(
      GLOSSARY.replace("| the home page | / |", "| the home page | / |\n| every typo | call: shout({word}), input: test_data.nope |"),
      "x.intent",
    );
    const r = resolveScenario(
      { name: "s", when: "every typo", outcomes: ["is non-empty"], line: 1 },
      { intent, glossary: intent.glossary!, vocab: buildVocabulary(intent) },
    );
    expect(r.unresolved).toEqual(["input: test_data.nope (no such test data, or no rows)"]);
  });

  test("a When clause that resolves to nothing makes the scenario pending", () => {
    expect(resolveScenario({ name: "s", when: "nothing at all", outcomes: [], line: 1 }, ctx).cases).toBeNull();
  });
});

describe("evaluation", () => {
  const response = (body: string, headers: Record<string, string> = {}, status = 200) => ({
    kind: "http" as const,
    response: { status, headers, body, elapsedMs: 5 },
  });

  test("status classes are ranges; JSON paths compare by the type of the value found", async () => {
    const ok = async (text: string, subject = response('{"count": 3, "active": true, "name": "3", "items": [{"id": 2}]}')) =>
      (await evaluate(parseStandardAssertion(text)!, subject)).passed;
    expect(await ok("status 2xx", response("", {}, 201))).toBe(true);
    expect(await ok("status 2xx", response("", {}, 404))).toBe(false);
    expect(await ok('json path "count" == "3"')).toBe(true);
    expect(await ok('json path "count" == "3.0"')).toBe(true);
    expect(await ok('json path "count" == "03x"')).toBe(false);
    expect(await ok('json path "active" == "true"')).toBe(true);
    expect(await ok('json path "name" == "3.0"')).toBe(false);
    expect(await ok('json path "items[0].id" == "2"')).toBe(true);
    expect(await ok('json path "items[1]" exists')).toBe(false);
    expect(await ok("response is valid JSON")).toBe(true);
    expect(await ok("response is valid JSON", response("<html>"))).toBe(false);
    expect(await ok("body is empty", response(""))).toBe(true);
    expect(await ok('header "X-A" exists', response("", { "x-a": "1" }))).toBe(true);
    expect(await ok('header "X-A" equals "2"', response("", { "x-a": "1" }))).toBe(false);
    expect(await ok("response time < 1ms")).toBe(false);
    expect(await ok("response time < 1s")).toBe(true);
  });

  test("failures carry a message and expected vs actual", async () => {
    const v = await evaluate(parseStandardAssertion("status: 404")!, response("x"));
    expect(v).toEqual({
      passed: false,
      message: "Expected status 404, got 200",
      check: { check: "status: 404", passed: false, expected: "404", actual: "200" },
    });
  });

  test("assertions of another kind fail instead of passing silently", async () => {
    const v = await evaluate(parseStandardAssertion("is lowercase")!, response("x"));
    expect(v.passed).toBe(false);
    expect(v.message).toContain("cannot be checked against an HTTP request");
  });

  test("function results: properties call the function again", async () => {
    const call = (result: string, f: (s: string) => string) => ({
      kind: "call" as const,
      call: { result, args: ["Hello World"], callAgain: async (a: string[]) => f(a[0]!) },
    });
    const slug = (s: string) => s.toLowerCase().replace(/ /g, "-");
    expect((await evaluate({ kind: "idempotent" }, call("hello-world", slug))).passed).toBe(true);
    expect(
      (
        await evaluate(
          { kind: "idempotent" },
          call("X", (s) => `${s}!`),
        )
      ).passed,
    ).toBe(false);
    let n = 0;
    expect(
      (
        await evaluate(
          { kind: "deterministic" },
          call("a", () => String(n++)),
        )
      ).passed,
    ).toBe(false);
    expect((await evaluate({ kind: "endsWithOrOriginal", suffix: "..." }, call("Hello World", slug))).passed).toBe(true);
  });

  test("helpers", () => {
    expect([...characterSet("a-c0-1-")].join("")).toBe("abc01-");
    expect(jsonPath({ a: { b: [1, { c: null }] } }, "a.b[1].c")).toBeNull();
    expect(jsonPath({ a: 1 }, "a.b")).toBeUndefined();
    expect(jsonEquals({ a: 1 }, '{"a": 1}')).toBe(true);
    expect(jsonEquals(null, "null")).toBe(true);
  });
});

describe("reports", () => {
  test("pass_percentage prints as the reference's 32-bit float", () => {
    expect(f32Text(100)).toBe("100.0");
    expect(f32Text((2 / 3) * 100)).toBe("66.666664");
    expect(f32Text(0)).toBe("0.0");
    const summary = {
      total_features: 0,
      total_scenarios: 0,
      total_assertions: 0,
      passing_scenarios: 0,
      failing_scenarios: 0,
      warning_scenarios: 0,
      skipped_scenarios: 0,
      unlinked_features: 0,
      pass_percentage: 50,
    };
    const json = reportJson({
      features: [],
      components: [],
      total_assertions: 0,
      passed_assertions: 0,
      failed_assertions: 0,
      linked_features: 0,
      total_features: 0,
      summary,
    });
    expect(json).toContain('"pass_percentage": 50.0\n');
    expect(Object.keys(JSON.parse(json))).toEqual([
      "features",
      "components",
      "total_assertions",
      "passed_assertions",
      "failed_assertions",
      "linked_features",
      "total_features",
      "summary",
    ]);
  });

  test("describeGlossary: declaration order, kinds and expansion steps", () => {
    const entries = describeGlossary(parseIntent(GLOSSARY, "x.intent"));
    const byTerm = new Map(entries.map((e) => [e.term, e.resolution]));
    expect(entries[0]!.term).toBe("a user visits {path}");
    expect(byTerm.get("a user visits {path}")).toMatchObject({ kind: "action", action: { method: "GET", path: "{path}" }, params: ["path"] });
    expect(byTerm.get("the home page")!.kind).toBe("location");
    expect(byTerm.get("slugifying {t}")).toMatchObject({ kind: "call", call: { fn: "slugify", args: ["{t}"], source: "lib/s.tnt" } });
    expect(byTerm.get("page works")).toMatchObject({
      kind: "assertions",
      assertions: ["status: 200", 'header "Content-Type" contains "text/html"', 'body contains "ok"'],
    });
    expect(byTerm.get("page works")!.steps.map((s) => [s.term, s.depth])).toEqual([
      ["page works", 0],
      ["page loads", 1],
      ['they see "ok"', 1],
    ]);
    expect(byTerm.get("term A")).toMatchObject({ kind: "unresolved", unresolved: ["term B"] });
  });
});
