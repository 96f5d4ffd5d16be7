/**
 * The typed model of a `.intent` file (cli.md §5): what the parser produces and the resolver
 * reads. Lines are 1-based positions in the `.intent` file, for editors and Intent Studio.
 */

/** Technical Binding of a glossary term (`## Glossary [Technical Bindings]`). */
export interface TechnicalBinding {
  setup?: string;
  /** `METHOD /path` or a bare method. */
  action?: string;
  body?: string;
  precondition?: string;
  /** `assert:` list items, in file order. */
  assert: string[];
  path?: string;
}

/** One glossary row: `| term | meaning |` or `| term | type | meaning |`. */
export interface GlossaryTerm {
  term: string;
  meaning: string;
  termType?: string;
  binding?: TechnicalBinding;
  line: number;
}

/** A request + assertions block written out by hand (`test:` / `- request: METHOD /path`). */
export interface LegacyTest {
  method: string;
  path: string;
  body?: string;
  /** Assertion lines as written (without the leading `-`). */
  assertions: string[];
  line: number;
}

/** `Scenario:` with its Given / When / outcome lines. */
export interface Scenario {
  name: string;
  description?: string;
  given?: string;
  /** Empty when the scenario has no `When` line. */
  when: string;
  outcomes: string[];
  line: number;
}

export interface Feature {
  /** `id:` as written; absent when the feature has none. */
  id?: string;
  name: string;
  description?: string;
  scenarios: Scenario[];
  tests: LegacyTest[];
  line: number;
}

/** A reusable block whose inherent behaviour applies wherever it is referenced. */
export interface Component {
  /** `id:` as written (empty when missing). */
  id: string;
  name: string;
  description?: string;
  parameters: string[];
  inherentBehavior: string[];
  scenarios: Scenario[];
  line: number;
}

/** A named bundle of assertions, referenced as `check: invariant.<id>`. */
export interface Invariant {
  id: string;
  name: string;
  description?: string;
  parameters: string[];
  assertions: string[];
  line: number;
}

/** `Test Data:` / `Test Cases:` table; each row expands a scenario once. */
export interface TestData {
  id: string;
  name: string;
  /** `for: feature.x` */
  forFeature?: string;
  /** `scenario: <name>` */
  forScenario?: string;
  /** Column names, in table order. */
  columns: string[];
  /** One map per data row (column → cell, surrounding quotes removed). */
  rows: Record<string, string>[];
  line: number;
}

/** A non-fatal remark about the file (for editors and Intent Studio; never changes a verdict). */
export interface IntentDiagnostic {
  line: number;
  message: string;
}

/** A parsed `.intent` file. */
export interface IntentFile {
  /** The path it was read from, as given. */
  sourcePath: string;
  title?: string;
  /** Present iff the file has a `## Glossary` section; terms in declaration order. */
  glossary?: GlossaryTerm[];
  features: Feature[];
  components: Component[];
  invariants: Invariant[];
  testData: TestData[];
  diagnostics: IntentDiagnostic[];
}
