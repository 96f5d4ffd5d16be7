/**
 * Language errors (spec §7) as data: a code, a kind, the detail text, where it happened, and the
 * displayed message built from those. Callers decide from `kind`, `loc` and the other fields,
 * never by reading the message back (the model is Hono's `HTTPException`, which carries its
 * status as data).
 */

import type { Loc } from "../ast/nodes";

export type ErrorCode = "E001" | "E002" | "E003" | "E004" | "E005" | "E006" | "E007" | "E008" | "E009" | "E010" | "E011" | "E012";

/** What went wrong. The code (shown to users) is coarser: E004 covers the contract kinds, E005 the runtime ones. */
export type ErrorKind =
  | "lexer"
  | "parse"
  | "type"
  | "precondition"
  | "postcondition"
  | "invariant"
  | "assertion"
  | "runtime"
  | "stack-overflow"
  | "value-too-large"
  | "import"
  | "bad-request"
  | "undefined-variable"
  | "undefined-function"
  | "arity"
  | "division-by-zero"
  | "index"
  | "invalid-operation"
  | "deadline";

/** A failure that can say where in a program it happened. */
export abstract class LocatedError extends Error {
  abstract readonly kind: ErrorKind;
  /** Source position, filled in by the parser or by the engine when the error passes a known call/operation site. */
  loc: Loc | null = null;
  file: string | null = null;

  /** Attach a location once (the innermost site wins). */
  at(file: string | null, loc: Loc | null): this {
    if (!this.loc && loc) {
      this.loc = loc;
      this.file = file;
    }
    return this;
  }
}

export class NtntError extends LocatedError {
  /** "Did you mean …" candidate for E006/E007. */
  suggestion: string | null = null;
  /** Another `help:` line, e.g. which std module to import an undefined name from. */
  hint: string | null = null;
  /** For a failed `requires`: the function and the call depth it ran at (the server tells the handler's own from deeper ones). */
  precondition: { fn: string; depth: number } | null = null;
  /** The undefined name of an E006/E007. */
  undefinedName: string | null = null;

  constructor(
    readonly code: ErrorCode,
    readonly kind: ErrorKind,
    /** The message without its category prefix, e.g. `Precondition failed in 'f': x > 0`. */
    readonly detail: string,
    /** Full display text, e.g. `Type error: len() requires a string or array`. */
    message: string,
  ) {
    super(message);
  }
}

/** A lexer or parser error, positioned at construction; the message names the position as the reference does. */
function syntaxError(code: "E001" | "E002", kind: "lexer" | "parse", label: string, line: number, col: number, msg: string): NtntError {
  const e = new NtntError(code, kind, msg, `${label} error at line ${line}, column ${col}: ${msg}`);
  e.loc = { line, col };
  return e;
}

export const lexerError = (line: number, col: number, msg: string) => syntaxError("E001", "lexer", "Lexer", line, col, msg);
export const parseError = (line: number, col: number, msg: string) => syntaxError("E002", "parse", "Parser", line, col, msg);
export const typeError = (msg: string) => new NtntError("E003", "type", msg, `Type error: ${msg}`);
const contractError = (kind: "precondition" | "postcondition" | "invariant" | "assertion", msg: string) =>
  new NtntError("E004", kind, msg, `Contract violation: ${msg}`);
export const preconditionError = (fn: string, cond: string) => contractError("precondition", `Precondition failed in '${fn}': ${cond}`);
export const postconditionError = (fn: string, cond: string) => contractError("postcondition", `Postcondition failed in '${fn}': ${cond}`);
export const invariantError = (struct: string, cond: string) => contractError("invariant", `Invariant violated for '${struct}': ${cond}`);
export const assertionError = () => contractError("assertion", "Assertion failed");
/** An E005 of a more specific kind than "runtime" (same code and prefix). */
const runtimeErrorOf = (kind: "runtime" | "stack-overflow" | "value-too-large" | "import", msg: string) =>
  new NtntError("E005", kind, msg, `Runtime error: ${msg}`);
export const runtimeError = (msg: string) => runtimeErrorOf("runtime", msg);
export const importError = (msg: string) => runtimeErrorOf("import", msg);
export const stackOverflowError = () => runtimeErrorOf("stack-overflow", "Maximum call depth exceeded");
export const valueTooLargeError = () => runtimeErrorOf("value-too-large", "Value too large: a string or array would exceed the memory limit");
const undefinedName = (code: "E006" | "E007", kind: "undefined-variable" | "undefined-function", label: string, name: string) => {
  const e = new NtntError(code, kind, name, `${label}: ${name}`);
  e.undefinedName = name;
  return e;
};
export const undefinedVariable = (name: string) => undefinedName("E006", "undefined-variable", "Undefined variable", name);
export const undefinedFunction = (name: string) => undefinedName("E007", "undefined-function", "Undefined function", name);
export const arityError = (name: string, expected: number | string, got: number) => {
  const msg = `function '${name}' expected ${expected} arguments, got ${got}`;
  return new NtntError("E008", "arity", msg, `Arity mismatch: ${msg}`);
};
export const divisionByZero = () => new NtntError("E009", "division-by-zero", "Division by zero", "Division by zero");
export const indexError = (index: number | bigint | string, length: number) => {
  const msg = `index ${index}, length ${length}`;
  return new NtntError("E010", "index", msg, `Index out of bounds: ${msg}`);
};
export const invalidOperation = (msg: string) => new NtntError("E011", "invalid-operation", msg, `Invalid operation: ${msg}`);

/** Thrown when a deadline (request timeout) passes; not an NtntError, so programs cannot catch it. */
export class DeadlineExceeded extends LocatedError {
  readonly kind = "deadline";
  constructor() {
    super("Request timed out");
  }
}

/**
 * What a JavaScript RangeError means for a program. The engine reports a stack overflow and an
 * over-long string or array only as a RangeError whose message differs by engine (JavaScriptCore:
 * `Maximum call stack size exceeded.`, `Out of memory`; V8: `… call stack …`, `Invalid string
 * length`), so this is the one place that reads such a message. Anything else is null.
 */
export function engineLimitOf(e: unknown): "stack-overflow" | "value-too-large" | null {
  if (!(e instanceof RangeError)) return null;
  if (/call stack/i.test(e.message)) return "stack-overflow";
  if (/out of memory|invalid (string|array) length/i.test(e.message)) return "value-too-large";
  return null;
}
