/**
 * Executable assertions and the standard IAL terms that produce them (cli.md §5, §5.1): the
 * typed form, the report text of each, and the parser from a term's text. Every documented
 * standard term is executable here, including those the reference only documents
 * (`body is empty`, `body matches`, `header … exists|equals`, `response time < N`,
 * `response is valid JSON`, status classes).
 */

/** What a scenario's request (or call, or code-quality run) is checked against. */
export type Assertion =
  | { kind: "status"; code: number }
  | { kind: "statusClass"; digit: number }
  | { kind: "bodyContains"; text: string }
  | { kind: "bodyNotContains"; text: string }
  | { kind: "bodyMatches"; pattern: string }
  | { kind: "bodyEmpty"; empty: boolean }
  | { kind: "validJson" }
  | { kind: "headerContains"; name: string; value: string }
  | { kind: "headerEquals"; name: string; value: string }
  | { kind: "headerExists"; name: string }
  | { kind: "jsonPathExists"; path: string }
  | { kind: "jsonPathEquals"; path: string; value: string }
  | { kind: "redirectsTo"; path: string }
  | { kind: "responseTime"; ms: number }
  | { kind: "codeValid" }
  | { kind: "noErrors" }
  | { kind: "noWarnings" }
  | { kind: "errorCount"; count: number }
  | { kind: "resultEquals"; value: string }
  | { kind: "isLowercase" }
  | { kind: "isNonEmpty" }
  | { kind: "usesOnly"; chars: string }
  | { kind: "startsWith"; text: string; negate: boolean }
  | { kind: "endsWith"; text: string; negate: boolean }
  | { kind: "doesNotContain"; text: string }
  | { kind: "lengthAtMost"; max: string }
  | { kind: "endsWithOrOriginal"; suffix: string }
  | { kind: "atLeast"; value: number }
  | { kind: "atMost"; value: number }
  | { kind: "deterministic" }
  | { kind: "idempotent" };

/** Which kind of action an assertion can be checked against. */
export type AssertionDomain = "http" | "result" | "quality";

/** The domain an assertion belongs to. */
export function domainOf(a: Assertion): AssertionDomain {
  switch (a.kind) {
    case "codeValid":
    case "noErrors":
    case "noWarnings":
    case "errorCount":
      return "quality";
    case "resultEquals":
    case "isLowercase":
    case "isNonEmpty":
    case "usesOnly":
    case "startsWith":
    case "endsWith":
    case "doesNotContain":
    case "lengthAtMost":
    case "endsWithOrOriginal":
    case "atLeast":
    case "atMost":
    case "deterministic":
    case "idempotent":
      return "result";
    default:
      return "http";
  }
}

/** The assertion's text in reports (`status: 200`, `body contains "x"`, …). */
export function assertionText(a: Assertion): string {
  switch (a.kind) {
    case "status":
      return `status: ${a.code}`;
    case "statusClass":
      return `status ${a.digit}xx`;
    case "bodyContains":
      return `body contains "${a.text}"`;
    case "bodyNotContains":
      return `body not contains "${a.text}"`;
    case "bodyMatches":
      return `body matches "${a.pattern}"`;
    case "bodyEmpty":
      return a.empty ? "body is empty" : "body is not empty";
    case "validJson":
      return "response is valid JSON";
    case "headerContains":
      return `header "${a.name}" contains "${a.value}"`;
    case "headerEquals":
      return `header "${a.name}" equals "${a.value}"`;
    case "headerExists":
      return `header "${a.name}" exists`;
    case "jsonPathExists":
      return `json path "${a.path}" exists`;
    case "jsonPathEquals":
      return `json path "${a.path}" == "${a.value}"`;
    case "redirectsTo":
      return `redirects to "${a.path}"`;
    case "responseTime":
      return `response time < ${a.ms}ms`;
    case "codeValid":
      return "code is valid";
    case "noErrors":
      return "no syntax errors";
    case "noWarnings":
      return "no lint warnings";
    case "errorCount":
      return `error count is ${a.count}`;
    case "resultEquals":
      return `result equals "${a.value}"`;
    case "isLowercase":
      return "is lowercase";
    case "isNonEmpty":
      return "is non-empty";
    case "usesOnly":
      return `uses only [${a.chars}]`;
    case "startsWith":
      return `${a.negate ? "does not start" : "starts"} with "${a.text}"`;
    case "endsWith":
      return `${a.negate ? "does not end" : "ends"} with "${a.text}"`;
    case "doesNotContain":
      return `does not contain "${a.text}"`;
    case "lengthAtMost":
      return `length at most ${a.max}`;
    case "endsWithOrOriginal":
      return `ends with "${a.suffix}" or equals original`;
    case "atLeast":
      return `is at least ${a.value}`;
    case "atMost":
      return `is at most ${a.value}`;
    case "deterministic":
      return "property: deterministic";
    case "idempotent":
      return "property: idempotent";
  }
}

/** Replace `{column}` placeholders in an assertion's text fields (test-data rows). */
export function substituteAssertion(a: Assertion, fill: (text: string) => string): Assertion {
  const copy: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(copy)) if (typeof value === "string" && key !== "kind") copy[key] = fill(value);
  return copy as Assertion;
}

// A value as written after a keyword: "double", 'single', r"raw", or the bare rest of the text.
const VALUE = `(?:r"(.*)"|"(.*)"|'(.*)'|(.+?))`;
// A value that is followed by more text (names in `header N contains V`, paths in `json path P == V`).
const NAME = String.raw`(?:"([^"]*)"|'([^']*)'|(\S+))`;

function pick(m: RegExpExecArray, from: number, count: number): string {
  for (let i = from; i < from + count; i++) if (m[i] !== undefined) return m[i]!;
  return "";
}

type Rule = [RegExp, (m: RegExpExecArray) => Assertion | null];

const rule = (source: string, make: (m: RegExpExecArray) => Assertion | null): Rule => [new RegExp(`^${source}$`, "i"), make];
const value1 = (m: RegExpExecArray) => pick(m, 1, 4);

/** Standard terms, most specific first. */
const RULES: Rule[] = [
  rule(String.raw`status(?: code)?\s*(?::|=|is)?\s*([1-5])xx`, (m) => ({ kind: "statusClass", digit: Number(m[1]) })),
  rule(String.raw`status(?: code)?\s*(?::|=|==|is)?\s*(\d{3})`, (m) => ({ kind: "status", code: Number(m[1]) })),
  rule(`body (?:not contains|does not contain|doesn't contain) ${VALUE}`, (m) => ({ kind: "bodyNotContains", text: value1(m) })),
  rule(`body contains ${VALUE}`, (m) => ({ kind: "bodyContains", text: value1(m) })),
  rule(`body matches ${VALUE}`, (m) => ({ kind: "bodyMatches", pattern: value1(m) })),
  rule("body is empty", () => ({ kind: "bodyEmpty", empty: true })),
  rule("body is not empty", () => ({ kind: "bodyEmpty", empty: false })),
  rule(`body has field ${VALUE}`, (m) => ({ kind: "bodyContains", text: value1(m) })),
  rule("response is valid json", () => ({ kind: "validJson" })),
  rule(String.raw`response time\s*(?:<|is under|is less than|under)\s*(\d+(?:\.\d+)?)\s*(ms|s)`, (m) => ({
    kind: "responseTime",
    ms: Number(m[1]) * (m[2]!.toLowerCase() === "s" ? 1000 : 1),
  })),
  rule(`header ${NAME} contains ${VALUE}`, (m) => ({ kind: "headerContains", name: pick(m, 1, 3), value: pick(m, 4, 4) })),
  rule(`header ${NAME} (?:equals|==|is) ${VALUE}`, (m) => ({ kind: "headerEquals", name: pick(m, 1, 3), value: pick(m, 4, 4) })),
  rule(`header ${NAME} exists`, (m) => ({ kind: "headerExists", name: pick(m, 1, 3) })),
  rule("content-type is (json|html|text)", (m) => ({
    kind: "headerContains",
    name: "content-type",
    value: { json: "application/json", html: "text/html", text: "text/plain" }[m[1]!.toLowerCase() as "json" | "html" | "text"],
  })),
  rule("returns (html|json)", (m) => ({
    kind: "headerContains",
    name: "Content-Type",
    value: m[1]!.toLowerCase() === "html" ? "text/html" : "application/json",
  })),
  rule(`json path ${NAME} exists`, (m) => ({ kind: "jsonPathExists", path: pick(m, 1, 3) })),
  rule(`json path ${NAME} (?:==|=|equals|is) ${VALUE}`, (m) => ({ kind: "jsonPathEquals", path: pick(m, 1, 3), value: pick(m, 4, 4) })),
  rule(`redirects to ${VALUE}`, (m) => ({ kind: "redirectsTo", path: value1(m) })),
  rule("(?:code is valid|code passes lint|code quality passes)", () => ({ kind: "codeValid" })),
  rule("no (?:syntax|lint) errors", () => ({ kind: "noErrors" })),
  rule("no lint warnings", () => ({ kind: "noWarnings" })),
  rule(String.raw`error count is (\d+)`, (m) => ({ kind: "errorCount", count: Number(m[1]) })),
  rule(`result (?:is|equals|==) ${VALUE}`, (m) => ({ kind: "resultEquals", value: value1(m) })),
  rule("(?:result )?is lowercase", () => ({ kind: "isLowercase" })),
  rule("(?:result )?is (?:non-empty|nonempty|non empty|not empty)", () => ({ kind: "isNonEmpty" })),
  rule(String.raw`uses only \[(.*)\]`, (m) => ({ kind: "usesOnly", chars: m[1]! })),
  rule(String.raw`uses only (\S+)`, (m) => ({ kind: "usesOnly", chars: m[1]! })),
  rule(`(?:does not|doesn't) start with ${VALUE}`, (m) => ({ kind: "startsWith", text: value1(m), negate: true })),
  rule(`(?:does not|doesn't) end with space before ${VALUE}`, (m) => ({ kind: "endsWith", text: ` ${value1(m)}`, negate: true })),
  rule(`(?:does not|doesn't) end with ${VALUE}`, (m) => ({ kind: "endsWith", text: value1(m), negate: true })),
  rule(`(?:does not|doesn't) contain ${VALUE}`, (m) => ({ kind: "doesNotContain", text: value1(m) })),
  rule(`ends with ${NAME} or equals original`, (m) => ({ kind: "endsWithOrOriginal", suffix: pick(m, 1, 3) })),
  rule(`starts with ${VALUE}`, (m) => ({ kind: "startsWith", text: value1(m), negate: false })),
  rule(`ends with ${VALUE}`, (m) => ({ kind: "endsWith", text: value1(m), negate: false })),
  rule(String.raw`length (?:is )?at most (\S+)`, (m) => ({ kind: "lengthAtMost", max: m[1]! })),
  rule(String.raw`(?:result )?is at least (-?\d+(?:\.\d+)?)`, (m) => ({ kind: "atLeast", value: Number(m[1]) })),
  rule(String.raw`(?:result )?is at most (-?\d+(?:\.\d+)?)`, (m) => ({ kind: "atMost", value: Number(m[1]) })),
  rule("(?:property: deterministic|is deterministic|is predictable)", () => ({ kind: "deterministic" })),
  rule("(?:property: idempotent|is idempotent|is stable)", () => ({ kind: "idempotent" })),
];

/** A standard term's assertion, or null when the text is not a standard term. */
export function parseStandardAssertion(text: string): Assertion | null {
  const trimmed = text.trim();
  for (const [pattern, make] of RULES) {
    const m = pattern.exec(trimmed);
    if (m) {
      const made = make(m);
      if (made) return made;
    }
  }
  return null;
}

/** First quoted text ("…", '…' or “…”) in `text`. */
export function firstQuoted(text: string): string | null {
  const m = /"([^"]*)"|'([^']*)'|“([^”]*)”/.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : null;
}

/**
 * The reference's direct fallbacks for outcomes no term covers: `… see(s) "x"` → body contains,
 * `has an id` → JSON path `id` exists, `… as JSON` → a JSON content type.
 */
export function fallbackAssertion(outcome: string): Assertion | null {
  const lower = outcome.toLowerCase();
  if (/\bsees? /.test(lower)) {
    const quoted = firstQuoted(outcome);
    if (quoted !== null && quoted !== "") return { kind: "bodyContains", text: quoted };
  }
  if (/\bhas (?:an )?id\b/.test(lower)) return { kind: "jsonPathExists", path: "id" };
  if (lower.includes("as json")) return { kind: "headerContains", name: "Content-Type", value: "application/json" };
  return null;
}
