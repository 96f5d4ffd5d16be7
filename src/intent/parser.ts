/**
 * `.intent` file parser (cli.md §5): line-oriented, each line trimmed; blank lines, `# comments`
 * and unknown lines are ignored. Follows the reference's block rules with the spec's fixes:
 * every block header (`Feature:`, `Component:`, `Invariant:`, `Test Data:`/`Test Cases:`,
 * `Constraint:`) closes the block before it, Constraint blocks are parsed and ignored, any
 * other `## Heading` ends a glossary, and glossary terms keep their declaration order.
 */

import type { Component, Feature, GlossaryTerm, IntentDiagnostic, IntentFile, Invariant, LegacyTest, Scenario, TechnicalBinding, TestData } from "./model";

type Block =
  | { kind: "none" }
  | { kind: "feature"; feature: Feature }
  | { kind: "component"; component: Component }
  | { kind: "invariant"; invariant: Invariant }
  | { kind: "testData"; data: TestData }
  | { kind: "constraint" };

/** Strip one pair of surrounding double quotes and the spaces around them. */
export function unquote(text: string): string {
  return text.trim().replace(/^"+|"+$/g, "");
}

/** `→ text` / `-> text` → `text`; null when the line is not an outcome line. */
function outcomeText(line: string): string | null {
  if (line.startsWith("→")) return line.slice(1).trim();
  if (line.startsWith("->")) return line.slice(2).trim();
  return null;
}

/** The cells of a markdown table row (empty cells dropped, as the reference does). */
function tableCells(line: string): string[] {
  return line
    .split("|")
    .map((cell) => cell.trim())
    .filter((cell) => cell !== "");
}

/**
 * Separator rows: any row containing `---` (cli.md §5 "`---` rows are skipped"). This also drops
 * a data row such as `| "---Leading Dashes" | … |`, exactly as the reference does; the verdicts
 * of its example apps (../shared/conformance/intent-apps) count on it.
 */
function isSeparatorRow(line: string): boolean {
  return line.includes("---");
}

/** `[a, b]` or `a, b` → names. */
function parameterList(text: string): string[] {
  return text
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((p) => unquote(p))
    .filter((p) => p !== "");
}

function after(line: string, prefix: string): string {
  return line.slice(prefix.length).trim();
}

/** Parse `.intent` source text into the model; never throws (remarks go to `diagnostics`). */
export function parseIntent(content: string, sourcePath: string): IntentFile {
  const features: Feature[] = [];
  const components: Component[] = [];
  const invariants: Invariant[] = [];
  const testData: TestData[] = [];
  const glossary: GlossaryTerm[] = [];
  const bindings: { term: string; binding: TechnicalBinding; line: number }[] = [];
  const diagnostics: IntentDiagnostic[] = [];
  let hasGlossary = false;
  let title: string | undefined;
  let expectingTitle = false;

  let block = { kind: "none" } as Block;
  let scenario = null as Scenario | null;
  let test = null as LegacyTest | null;
  let inTestAssertions = false;
  let inInherent = false;
  let inInvariantAssertions = false;
  let glossaryMode: "off" | "table" | "bindings" = "off";
  let binding = null as { term: string; binding: TechnicalBinding; line: number } | null;
  let inBindingAssert = false;
  let setupContinues = false;

  const closeScenario = () => {
    if (scenario) {
      if (block.kind === "feature") block.feature.scenarios.push(scenario);
      else if (block.kind === "component") block.component.scenarios.push(scenario);
      if (scenario.when === "") diagnostics.push({ line: scenario.line, message: `Scenario '${scenario.name}' has no When clause` });
    }
    scenario = null;
  };
  const closeTest = () => {
    if (test && block.kind === "feature") block.feature.tests.push(test);
    test = null;
    inTestAssertions = false;
  };
  const closeBinding = () => {
    if (binding) bindings.push(binding);
    binding = null;
    inBindingAssert = false;
    setupContinues = false;
  };
  const closeBlock = () => {
    closeScenario();
    closeTest();
    if (block.kind === "feature") features.push(block.feature);
    else if (block.kind === "component") components.push(block.component);
    else if (block.kind === "invariant") invariants.push(block.invariant);
    else if (block.kind === "testData") testData.push(block.data);
    block = { kind: "none" };
    inInherent = false;
    inInvariantAssertions = false;
  };
  const openBlock = (next: Block) => {
    closeBinding();
    closeBlock();
    glossaryMode = "off";
    block = next;
  };

  const lines = content.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = raw.trim();
    const lineNo = index + 1;
    if (line === "") continue;
    if (line.startsWith("#") && !line.startsWith("##")) continue;

    if (line === "---") {
      // A separator ends scenarios, tests, components and glossary sections; a feature stays
      // open (its id/description may follow), as in the reference.
      closeBinding();
      closeScenario();
      closeTest();
      if (block.kind === "component") closeBlock();
      glossaryMode = "off";
      inInherent = false;
      continue;
    }

    if (expectingTitle) {
      title = line;
      expectingTitle = false;
      continue;
    }

    if (line.startsWith("## Title")) {
      const text = line.slice("## Title".length).replace(/^:/, "").trim();
      if (text) title = text;
      else expectingTitle = title === undefined;
      continue;
    }
    if (line.startsWith("## Glossary")) {
      closeBinding();
      hasGlossary = true;
      glossaryMode = line.includes("[Technical Bindings]") ? "bindings" : "table";
      continue;
    }
    if (line.startsWith("##")) {
      closeBinding();
      glossaryMode = "off";
      continue;
    }

    if (line.startsWith("Feature:")) {
      openBlock({ kind: "feature", feature: { name: after(line, "Feature:"), scenarios: [], tests: [], line: lineNo } });
      continue;
    }
    if (line.startsWith("Component:")) {
      openBlock({
        kind: "component",
        component: { id: "", name: after(line, "Component:"), parameters: [], inherentBehavior: [], scenarios: [], line: lineNo },
      });
      continue;
    }
    if (line.startsWith("Invariant:")) {
      openBlock({ kind: "invariant", invariant: { id: "", name: after(line, "Invariant:"), parameters: [], assertions: [], line: lineNo } });
      continue;
    }
    if (line.startsWith("Test Cases:") || line.startsWith("Test Data:")) {
      const name = after(line, line.startsWith("Test Cases:") ? "Test Cases:" : "Test Data:");
      openBlock({ kind: "testData", data: { id: "", name, columns: [], rows: [], line: lineNo } });
      continue;
    }
    if (line.startsWith("Constraint:")) {
      openBlock({ kind: "constraint" });
      continue;
    }

    if (glossaryMode === "table") {
      if (!line.startsWith("|")) continue;
      const cells = tableCells(line);
      if (cells.length < 2 || isSeparatorRow(line) || cells[0] === "Term") continue;
      const term: GlossaryTerm =
        cells.length >= 3
          ? { term: cells[0]!, meaning: cells[2]!, line: lineNo, ...(cells[1] !== "Type" ? { termType: cells[1]! } : {}) }
          : { term: cells[0]!, meaning: cells[1]!, line: lineNo };
      const existing = glossary.findIndex((t) => t.term.toLowerCase() === term.term.toLowerCase());
      if (existing >= 0) {
        diagnostics.push({ line: lineNo, message: `Glossary term '${term.term}' is defined again (line ${glossary[existing]!.line})` });
        glossary[existing] = term;
      } else glossary.push(term);
      continue;
    }

    if (glossaryMode === "bindings") {
      const indented = raw.startsWith(" ") || raw.startsWith("\t");
      if (!indented && line.endsWith(":")) {
        closeBinding();
        binding = { term: line.slice(0, -1).trim(), binding: { assert: [] }, line: lineNo };
        continue;
      }
      if (!binding) continue;
      const b = binding.binding;
      if (inBindingAssert && line.startsWith("-")) {
        b.assert.push(line.slice(1).trim());
        continue;
      }
      const property = /^(setup|action|body|precondition|path|assert):(.*)$/.exec(line);
      if (property) {
        const [, key, rest] = property as unknown as [string, keyof TechnicalBinding, string];
        const value = rest.trim();
        inBindingAssert = key === "assert";
        setupContinues = key === "setup" && (value === "" || value === "|");
        if (key === "setup") b.setup = setupContinues ? "" : value;
        else if (key !== "assert") b[key] = value;
        continue;
      }
      if (setupContinues) b.setup = b.setup ? `${b.setup}\n${line}` : line;
      continue;
    }

    switch (block.kind) {
      case "invariant": {
        const inv = block.invariant;
        if (line.startsWith("id:")) inv.id = after(line, "id:");
        else if (line.startsWith("description:")) inv.description = unquote(after(line, "description:"));
        else if (line.startsWith("parameters:")) inv.parameters = parameterList(after(line, "parameters:"));
        else if (line.startsWith("Assertions:")) inInvariantAssertions = true;
        else if (inInvariantAssertions) {
          const text = outcomeText(line) ?? (line.startsWith("-") ? line.slice(1).trim() : null);
          if (text !== null) inv.assertions.push(text);
        } else if (line.startsWith("-") && inv.assertions.length === 0) {
          // `parameters:` followed by `- name: Type` lines
          const name = line.slice(1).split(":")[0]!.trim();
          if (name) inv.parameters.push(name);
        }
        continue;
      }
      case "testData": {
        const data = block.data;
        if (line.startsWith("id:")) data.id = after(line, "id:");
        else if (line.startsWith("for:")) data.forFeature = after(line, "for:");
        else if (line.startsWith("scenario:")) data.forScenario = after(line, "scenario:");
        else if (line.startsWith("|")) {
          const cells = tableCells(line);
          if (cells.length === 0 || isSeparatorRow(line)) continue;
          if (data.columns.length === 0) data.columns = cells;
          else {
            const row: Record<string, string> = {};
            cells.forEach((cell, i) => {
              if (i < data.columns.length) row[data.columns[i]!] = unquote(cell);
            });
            data.rows.push(row);
          }
        }
        continue;
      }
      case "component": {
        const comp = block.component;
        if (line.startsWith("id:")) comp.id = after(line, "id:");
        else if (line.startsWith("description:") && !scenario) comp.description = unquote(after(line, "description:"));
        else if (line.startsWith("parameters:")) comp.parameters = parameterList(after(line, "parameters:"));
        else if (line.startsWith("Inherent Behavior:") || line.startsWith("inherent_behavior:")) inInherent = true;
        else if (line.startsWith("Scenario:")) {
          inInherent = false;
          closeScenario();
          scenario = { name: after(line, "Scenario:"), when: "", outcomes: [], line: lineNo };
        } else if (scenario) scenarioLine(scenario, line);
        else if (inInherent) {
          const text = outcomeText(line);
          if (text !== null) comp.inherentBehavior.push(text);
        }
        continue;
      }
      case "feature": {
        const feature = block.feature;
        if (line.startsWith("id:")) feature.id = after(line, "id:");
        else if (line.startsWith("description:") && !scenario) feature.description = unquote(after(line, "description:"));
        else if (line.startsWith("Scenario:")) {
          closeScenario();
          closeTest();
          scenario = { name: after(line, "Scenario:"), when: "", outcomes: [], line: lineNo };
        } else if (scenario && scenarioLine(scenario, line)) {
          // handled
        } else if (line === "test:") {
          closeScenario();
          inTestAssertions = false;
        } else if (line.startsWith("- request:") || line.startsWith("request:")) {
          closeTest();
          const request = after(line, line.startsWith("-") ? "- request:" : "request:");
          const space = request.indexOf(" ");
          test = {
            method: space < 0 ? request || "GET" : request.slice(0, space),
            path: space < 0 ? "/" : request.slice(space + 1),
            assertions: [],
            line: lineNo,
          };
        } else if (line === "assert:") inTestAssertions = true;
        else if (inTestAssertions) {
          if (test) test.assertions.push(line.replace(/^-+/, "").trim());
        } else if (line.startsWith("body:") && test) test.body = unquote(after(line, "body:"));
        continue;
      }
      default:
        continue;
    }
  }
  closeBinding();
  closeBlock();

  const terms = new Map(glossary.map((t) => [t.term.toLowerCase(), t]));
  for (const b of bindings) {
    const term = terms.get(b.term.toLowerCase());
    if (term) term.binding = b.binding;
    else diagnostics.push({ line: b.line, message: `Technical Binding for '${b.term}', which is not a glossary term` });
  }

  return {
    sourcePath,
    ...(title !== undefined ? { title } : {}),
    ...(hasGlossary ? { glossary } : {}),
    features,
    components,
    invariants,
    testData,
    diagnostics,
  };
}

/** Apply one line inside a scenario; false when the line is not a scenario line. */
function scenarioLine(scenario: Scenario, line: string): boolean {
  if (line.startsWith("description:")) scenario.description = unquote(after(line, "description:"));
  else if (line.startsWith("Given ") || line.startsWith("given ")) scenario.given = line.slice(6).trim();
  else if (line.startsWith("When ") || line.startsWith("when ")) scenario.when = line.slice(5).trim();
  else {
    const text = outcomeText(line);
    if (text === null) return false;
    scenario.outcomes.push(text);
  }
  return true;
}
