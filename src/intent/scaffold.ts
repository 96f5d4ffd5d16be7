/**
 * `ntnt intent init` (cli.md §7.7, [REC] §8 #9): a program skeleton with one handler stub per
 * distinct route of the legacy `test:` blocks and of the scenarios whose When clause resolves
 * to a request, each tagged `// @implements:` with its feature, the expectations as comments,
 * route registrations and `listen(8080)`. The result always parses and runs.
 */

import { type Assertion, parseStandardAssertion } from "./assertions";
import type { IntentFile } from "./model";
import { resolveOutcome } from "./resolve-outcome";
import { resolveWhen } from "./resolve-when";
import { buildVocabulary } from "./vocabulary";

const RULE = "// =============================================================================";

/** Handler name for a route: path without the leading `/`, `/` → `_`, braces dropped, `?` → `_query`, non-GET adds `_<method>`. */
export function handlerName(path: string, method: string): string {
  let base = path.replace(/^\/+/, "").replaceAll("/", "_").replace(/[{}]/g, "").replaceAll("?", "_query").replace(/[&=]/g, "_");
  base = base.replace(/[^A-Za-z0-9_]/g, "_");
  if (base === "") base = "index";
  if (/^\d/.test(base)) base = `_${base}`;
  return method === "GET" ? base : `${base}_${method.toLowerCase()}`;
}

/** One line of expectation per HTTP assertion (worded as the reference words its own); other kinds have none. */
function hint(a: Assertion): string | null {
  switch (a.kind) {
    case "status":
      return `Return status ${a.code}`;
    case "statusClass":
      return `Return a ${a.digit}xx status`;
    case "bodyContains":
      return `Body should contain: "${a.text}"`;
    case "bodyNotContains":
      return `Body should NOT contain: "${a.text}"`;
    case "bodyMatches":
      return `Body should match: r"${a.pattern}"`;
    case "bodyEmpty":
      return a.empty ? "Body should be empty" : "Body should not be empty";
    case "validJson":
      return "Body should be valid JSON";
    case "headerContains":
      return `Header "${a.name}" should contain: "${a.value}"`;
    case "headerEquals":
      return `Header "${a.name}" should equal: "${a.value}"`;
    case "headerExists":
      return `Header "${a.name}" should be present`;
    case "jsonPathExists":
      return `JSON response should have "${a.path}" field`;
    case "jsonPathEquals":
      return `JSON "${a.path}" should equal "${a.value}"`;
    case "redirectsTo":
      return `Should redirect to "${a.path}"`;
    case "responseTime":
      return `Respond within ${a.ms} ms`;
    default:
      return null;
  }
}

interface Stub {
  method: string;
  path: string;
  name: string;
  featureId: string;
  hints: string[];
}

/** Generate the skeleton program for an intent file. */
export function scaffold(intent: IntentFile, intentPath: string): string {
  const vocab = buildVocabulary(intent);
  const glossary = intent.glossary ?? [];
  const seen = new Set<string>();
  const names = new Set<string>();
  const stubs: Stub[] = [];
  let out = `// Auto-generated from intent file\n// Intent: ${intentPath}\n// \n// TODO: Implement the features defined in the intent file\n\nimport { html, json, text, status } from "std/http/server"\n\n`;

  const add = (method: string, path: string, featureId: string, assertions: Assertion[]): Stub | null => {
    const key = `${method} ${path}`;
    if (seen.has(key)) return null;
    seen.add(key);
    let name = handlerName(path, method);
    for (let n = 2; names.has(name); n++) name = `${handlerName(path, method)}_${n}`;
    names.add(name);
    const stub = { method, path, name, featureId, hints: assertions.map(hint).filter((h): h is string => h !== null) };
    stubs.push(stub);
    return stub;
  };

  for (const feature of intent.features) {
    const featureId = feature.id ?? feature.name.toLowerCase().replaceAll(" ", "_");
    out += `${RULE}\n// Feature: ${feature.name}\n${feature.description !== undefined ? `// ${feature.description}\n` : ""}${RULE}\n\n`;
    const fresh: Stub[] = [];
    for (const test of feature.tests) {
      const assertions = test.assertions.map(parseStandardAssertion).filter((a): a is Assertion => a !== null);
      const stub = add(test.method.toUpperCase(), test.path, featureId, assertions);
      if (stub) fresh.push(stub);
    }
    for (const scenario of feature.scenarios) {
      const action = resolveWhen(scenario.when, glossary);
      if (action?.kind !== "http") continue;
      const assertions = scenario.outcomes.flatMap((o) => resolveOutcome(o, vocab).assertions);
      const stub = add(action.method, action.path, featureId, assertions);
      if (stub) fresh.push(stub);
    }
    for (const stub of fresh) out += stubText(stub);
  }
  if (stubs.length === 0) out += stubText(add("GET", "/", "index", [])!);

  out += `${RULE}\n// Routes\n${RULE}\n\n`;
  for (const stub of stubs) {
    const path = stub.path.includes("{") ? `r"${stub.path}"` : JSON.stringify(stub.path);
    out += `${stub.method.toLowerCase()}(${path}, ${stub.name})\n`;
  }
  return `${out}\nlisten(8080)\n`;
}

function stubText(stub: Stub): string {
  const hints = stub.hints.map((h) => `    //   - ${h}\n`).join("");
  return `// @implements: ${stub.featureId}\nfn ${stub.name}(req) {\n    // TODO: Implement this handler\n    // Expected:\n${hints}    return text("Not implemented")\n}\n\n`;
}
