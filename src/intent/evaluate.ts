/**
 * Checking assertions against what an action produced (cli.md §5.1 "Semantics"): an HTTP
 * response, a function result, or a code-quality report. Status equality and classes; body
 * substring (case-sensitive), regex, emptiness, JSON validity; headers by lower-cased name;
 * JSON paths (`a.b[0]`) compared by the type of the value found; redirect = 3xx + `location`.
 */

import { type Assertion, assertionText, domainOf } from "./assertions";
import type { QualityReport } from "./code-quality";
import type { HttpResponse } from "./http-client";
import type { CheckReport } from "./report-types";

/** A function call's outcome, with a way to call the function again (properties). */
export interface CallSubject {
  result: string;
  args: string[];
  callAgain(args: string[]): Promise<string>;
}

export type Subject = { kind: "http"; response: HttpResponse } | { kind: "call"; call: CallSubject } | { kind: "quality"; report: QualityReport };

export interface Verdict {
  passed: boolean;
  message: string | null;
  check: CheckReport;
}

const SHOWN_BODY = 200;

function clip(text: string): string {
  return text.length > SHOWN_BODY ? `${text.slice(0, SHOWN_BODY)}...` : text;
}

function verdict(a: Assertion, passed: boolean, expected: string, actual: string | null, failure: () => string): Verdict {
  const check: CheckReport = { check: assertionText(a), passed, expected, ...(actual !== null ? { actual } : {}) };
  return { passed, message: passed ? null : failure(), check };
}

/** Check one assertion. */
export async function evaluate(a: Assertion, subject: Subject): Promise<Verdict> {
  const domain = domainOf(a);
  if (subject.kind === "http") {
    if (domain !== "http") return notApplicable(a, "an HTTP request");
    return evaluateHttp(a, subject.response);
  }
  if (subject.kind === "quality") {
    if (domain !== "quality") return notApplicable(a, "a code-quality check");
    return evaluateQuality(a, subject.report);
  }
  return evaluateCall(a, subject.call);
}

function notApplicable(a: Assertion, what: string): Verdict {
  return verdict(a, false, assertionText(a), null, () => `'${assertionText(a)}' cannot be checked against ${what}`);
}

/** Walk `a.b[0].c` through parsed JSON; undefined when a step is missing. */
export function jsonPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1]) {
      if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, m[1])) return undefined;
      current = (current as Record<string, unknown>)[m[1]];
    }
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) {
      if (!Array.isArray(current) || Number(index[1]) >= current.length) return undefined;
      current = current[Number(index[1])];
    }
  }
  return current;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Compare a JSON value with the expected text according to the value's type. */
export function jsonEquals(actual: unknown, expected: string): boolean {
  if (typeof actual === "string") return actual === expected;
  if (typeof actual === "number") return expected.trim() !== "" && Number(expected) === actual;
  if (typeof actual === "boolean" || actual === null) return String(actual) === expected.trim();
  const parsed = parseJson(expected);
  return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(actual);
}

function jsonText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function evaluateHttp(a: Assertion, r: HttpResponse): Verdict {
  const body = r.body;
  const header = (name: string) => r.headers[name.toLowerCase()];
  switch (a.kind) {
    case "status":
      return verdict(a, r.status === a.code, String(a.code), String(r.status), () => `Expected status ${a.code}, got ${r.status}`);
    case "statusClass":
      return verdict(a, Math.floor(r.status / 100) === a.digit, `${a.digit}xx`, String(r.status), () => `Expected status ${a.digit}xx, got ${r.status}`);
    case "bodyContains":
      return verdict(a, body.includes(a.text), a.text, clip(body), () => `Body does not contain "${a.text}"`);
    case "bodyNotContains":
      return verdict(a, !body.includes(a.text), `no "${a.text}"`, clip(body), () => `Body contains "${a.text}" (should not)`);
    case "bodyMatches": {
      let re: RegExp;
      try {
        re = new RegExp(a.pattern);
      } catch (err) {
        return verdict(a, false, a.pattern, clip(body), () => `Invalid pattern "${a.pattern}": ${(err as Error).message}`);
      }
      return verdict(a, re.test(body), a.pattern, clip(body), () => `Body does not match pattern "${a.pattern}"`);
    }
    case "bodyEmpty":
      return verdict(a, (body === "") === a.empty, a.empty ? "empty body" : "non-empty body", clip(body), () =>
        a.empty ? "Body is not empty" : "Body is empty",
      );
    case "validJson":
      return verdict(a, parseJson(body).ok, "valid JSON", clip(body), () => "Response body is not valid JSON");
    case "headerContains": {
      const v = header(a.name);
      return verdict(a, v !== undefined && v.includes(a.value), a.value, v ?? null, () =>
        v === undefined ? `Header "${a.name}" is missing` : `Header "${a.name}" does not contain "${a.value}"`,
      );
    }
    case "headerEquals": {
      const v = header(a.name);
      return verdict(a, v === a.value, a.value, v ?? null, () =>
        v === undefined ? `Header "${a.name}" is missing` : `Header "${a.name}" is "${v}", expected "${a.value}"`,
      );
    }
    case "headerExists": {
      const v = header(a.name);
      return verdict(a, v !== undefined, `header ${a.name}`, v ?? null, () => `Header "${a.name}" is missing`);
    }
    case "jsonPathExists": {
      const parsed = parseJson(body);
      const found = parsed.ok ? jsonPath(parsed.value, a.path) : undefined;
      return verdict(a, found !== undefined, a.path, found === undefined ? null : jsonText(found), () =>
        parsed.ok ? `JSON path "${a.path}" does not exist` : "Response body is not valid JSON",
      );
    }
    case "jsonPathEquals": {
      const parsed = parseJson(body);
      const found = parsed.ok ? jsonPath(parsed.value, a.path) : undefined;
      const actual = found === undefined ? null : jsonText(found);
      return verdict(a, found !== undefined && jsonEquals(found, a.value), a.value, actual, () =>
        !parsed.ok
          ? "Response body is not valid JSON"
          : found === undefined
            ? `JSON path "${a.path}" does not exist`
            : `JSON path "${a.path}" expected "${a.value}", got ${JSON.stringify(found)}`,
      );
    }
    case "redirectsTo": {
      const location = header("location");
      const redirect = r.status >= 300 && r.status < 400;
      return verdict(a, redirect && location !== undefined && location.includes(a.path), a.path, location ?? String(r.status), () =>
        !redirect ? `Expected redirect, got status ${r.status}` : `Expected redirect to "${a.path}", got "${location ?? ""}"`,
      );
    }
    case "responseTime": {
      const ms = Math.round(r.elapsedMs);
      return verdict(a, r.elapsedMs < a.ms, `< ${a.ms}ms`, `${ms}ms`, () => `Response took ${ms}ms (limit ${a.ms}ms)`);
    }
    default:
      return notApplicable(a, "an HTTP request");
  }
}

function evaluateQuality(a: Assertion, q: QualityReport): Verdict {
  const detail = () => (q.messages.length > 0 ? `: ${q.messages.slice(0, 3).join("; ")}` : "");
  switch (a.kind) {
    case "codeValid":
      return verdict(a, q.errors === 0, "0 errors", `${q.errors} errors`, () => `Code quality checks did not pass${detail()}`);
    case "noErrors":
      return verdict(a, q.errors === 0, "0", String(q.errors), () => `Found ${q.errors} syntax errors${detail()}`);
    case "noWarnings":
      return verdict(a, q.warnings === 0, "0", String(q.warnings), () => `Found ${q.warnings} lint warnings${detail()}`);
    case "errorCount":
      return verdict(a, q.errors === a.count, String(a.count), String(q.errors), () => `Expected ${a.count} errors, found ${q.errors}`);
    default:
      return notApplicable(a, "a code-quality check");
  }
}

/** `a-z0-9-` → the set of characters it allows. */
export function characterSet(spec: string): Set<string> {
  const chars = [...spec];
  const set = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const [from, dash, to] = [chars[i]!, chars[i + 1], chars[i + 2]];
    if (dash === "-" && to !== undefined && from <= to && /[a-z0-9]/i.test(from) && /[a-z0-9]/i.test(to)) {
      for (let c = from.codePointAt(0)!; c <= to.codePointAt(0)!; c++) set.add(String.fromCodePoint(c));
      i += 2;
    } else set.add(from);
  }
  return set;
}

async function evaluateCall(a: Assertion, call: CallSubject): Promise<Verdict> {
  const r = call.result;
  const length = [...r].length;
  switch (a.kind) {
    case "status":
      return verdict(a, a.code === 200, String(a.code), "200", () => `The call returned normally (status 200), not ${a.code}`);
    case "bodyContains":
      return verdict(a, r.includes(a.text), a.text, r, () => `Result '${r}' does not contain '${a.text}'`);
    case "bodyNotContains":
    case "doesNotContain":
      return verdict(a, !r.includes(a.text), `no '${a.text}'`, r, () => `Result should not contain '${a.text}'`);
    case "resultEquals":
      return verdict(a, r === a.value, a.value, r, () => `Expected '${a.value}', got '${r}'`);
    case "isLowercase":
      return verdict(a, r === r.toLowerCase(), "lowercase", r, () => `Result '${r}' is not lowercase`);
    case "isNonEmpty":
      return verdict(a, r !== "", "non-empty", r, () => "Result is empty");
    case "usesOnly": {
      const allowed = characterSet(a.chars);
      const invalid = [...r].filter((c) => !allowed.has(c));
      return verdict(a, invalid.length === 0, `[${a.chars}]`, r, () => `Result contains invalid characters: ${JSON.stringify(invalid)}`);
    }
    case "startsWith":
      return verdict(a, r.startsWith(a.text) !== a.negate, a.text, r, () => `Result should ${a.negate ? "not " : ""}start with '${a.text}'`);
    case "endsWith":
      return verdict(a, r.endsWith(a.text) !== a.negate, a.text, r, () => `Result should ${a.negate ? "not " : ""}end with '${a.text}'`);
    case "lengthAtMost": {
      const max = Number(a.max);
      if (!Number.isInteger(max)) return verdict(a, false, a.max, r, () => `Invalid max length value: '${a.max}'`);
      return verdict(a, length <= max, `length <= ${max}`, `length ${length}`, () => `Result length ${length} exceeds max ${max}`);
    }
    case "endsWithOrOriginal": {
      const original = call.args[0] ?? "";
      const passed = r.endsWith(a.suffix) || r === original || r === original.trim();
      return verdict(a, passed, `ends with '${a.suffix}' or the input`, r, () => `Result '${r}' neither ends with '${a.suffix}' nor equals the input`);
    }
    case "atLeast":
    case "atMost": {
      const n = Number(r);
      const passed = r.trim() !== "" && (a.kind === "atLeast" ? n >= a.value : n <= a.value);
      return verdict(
        a,
        passed,
        `${a.kind === "atLeast" ? ">=" : "<="} ${a.value}`,
        r,
        () => `Result ${r} is not ${a.kind === "atLeast" ? "at least" : "at most"} ${a.value}`,
      );
    }
    case "deterministic": {
      const again = await rerun(call, call.args);
      if (again.error) return verdict(a, false, r, null, () => `Second function call failed: ${again.error}`);
      return verdict(a, again.text === r, r, again.text, () => `Function is not deterministic: '${r}' != '${again.text}'`);
    }
    case "idempotent": {
      const again = await rerun(call, [r, ...call.args.slice(1)]);
      if (again.error) return verdict(a, false, r, null, () => `Idempotent check failed: ${again.error}`);
      return verdict(a, again.text === r, r, again.text, () => `Function is not idempotent: f(x)='${r}' != f(f(x))='${again.text}'`);
    }
    default:
      return notApplicable(a, "a function result");
  }
}

async function rerun(call: CallSubject, args: string[]): Promise<{ text: string; error?: undefined } | { text: null; error: string }> {
  try {
    return { text: await call.callAgain(args) };
  } catch (err) {
    return { text: null, error: (err as Error).message };
  }
}
