/** What the checker reports: type errors and warnings (rule `type_check`) and the static name checks. */

import type { Loc } from "../ast/nodes";

/**
 * `type_check`: language.md §3 rules. The name rules never block anything: `undefined_name`
 * (unknown variable or function), `unknown_import` (a name a module does not export),
 * `unused_variable` (a local `let` never read), `assignment_condition` (`if x = 5`).
 */
export type Rule = "type_check" | "undefined_name" | "unknown_import" | "unused_variable" | "assignment_condition";

/** One finding, positioned at the offending node when it has one. */
export interface Diagnostic {
  severity: "error" | "warning";
  rule: Rule;
  message: string;
  line: number | null;
  column: number | null;
  hint: string | null;
}

/** Collects diagnostics in the order they are found. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  error(message: string, loc: Loc | null, hint: string | null = null): void {
    this.add("error", "type_check", message, loc, hint);
  }

  warning(message: string, loc: Loc | null, hint: string | null = null, rule: Rule = "type_check"): void {
    this.add("warning", rule, message, loc, hint);
  }

  private add(severity: Diagnostic["severity"], rule: Rule, message: string, loc: Loc | null, hint: string | null): void {
    this.list.push({ severity, rule, message, line: loc?.line ?? null, column: loc?.col ?? null, hint });
  }
}
