/** Language errors (spec §7): a code, the displayed message, and where it happened. */

import type { Loc } from "../ast/nodes";

export type ErrorCode = "E001" | "E002" | "E003" | "E004" | "E005" | "E006" | "E007" | "E008" | "E009" | "E010" | "E011" | "E012";

export class NtntError extends Error {
  /** Source location, filled in by the engine when the error passes a known call/operation site. */
  loc: Loc | null = null;
  file: string | null = null;
  /** "Did you mean …" candidate for E006/E007. */
  suggestion: string | null = null;
  /** Another `help:` line, e.g. which std module to import an undefined name from. */
  hint: string | null = null;
  /** For a failed `requires`: the function and the call depth it ran at (the server tells the handler's own from deeper ones). */
  precondition: { fn: string; depth: number } | null = null;

  constructor(
    readonly code: ErrorCode,
    /** Full display text, e.g. `Type error: len() requires a string or array`. */
    message: string,
  ) {
    super(message);
  }

  /** Attach a location once (the innermost site wins). */
  at(file: string | null, loc: Loc | null): this {
    if (!this.loc && loc) {
      this.loc = loc;
      this.file = file;
    }
    return this;
  }
}

export const lexerError = (line: number, col: number, msg: string) => new NtntError("E001", `Lexer error at line ${line}, column ${col}: ${msg}`);
export const parseError = (line: number, col: number, msg: string) => new NtntError("E002", `Parser error at line ${line}, column ${col}: ${msg}`);
export const typeError = (msg: string) => new NtntError("E003", `Type error: ${msg}`);
export const contractError = (msg: string) => new NtntError("E004", `Contract violation: ${msg}`);
export const runtimeError = (msg: string) => new NtntError("E005", `Runtime error: ${msg}`);
export const undefinedVariable = (name: string) => new NtntError("E006", `Undefined variable: ${name}`);
export const undefinedFunction = (name: string) => new NtntError("E007", `Undefined function: ${name}`);
export const arityError = (name: string, expected: number | string, got: number) =>
  new NtntError("E008", `Arity mismatch: function '${name}' expected ${expected} arguments, got ${got}`);
export const divisionByZero = () => new NtntError("E009", "Division by zero");
export const indexError = (index: number | bigint | string, length: number) => new NtntError("E010", `Index out of bounds: index ${index}, length ${length}`);
export const invalidOperation = (msg: string) => new NtntError("E011", `Invalid operation: ${msg}`);

/** Thrown when a deadline (request timeout) passes; not catchable by programs. */
export class DeadlineExceeded extends Error {
  constructor() {
    super("Request timed out");
  }
}
