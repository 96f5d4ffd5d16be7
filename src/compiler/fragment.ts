/**
 * Typed fragments of generated JavaScript. Every compiled expression carries, beside its
 * text, what it is: later decisions (may it be repeated, is it a String or Int literal, is
 * its value statically an Int) read this, never the text.
 */

/**
 * - `int`: a non-negative safe Int literal (a JS number);
 * - `bigint`: an Int literal outside the safe range (`123…n`), evaluated once like `complex`
 *   (it must never reach a Number fast path, even a dead one);
 * - `string`: a String literal;
 * - `name`: a JS variable or constant word (`t3`, `v_x_2`, `U`, `true`, `undefined`):
 *   cheap and side-effect free to evaluate again;
 * - `complex`: anything else (evaluate once).
 */
export type FragKind = "int" | "bigint" | "string" | "name" | "complex";

/** A generated JS expression with what it is. `int` also marks a value statically known to be a JS-number Int. */
export interface Frag {
  readonly js: string;
  readonly kind: FragKind;
  /** The value is certainly an Int held as a JS number (no `typeof` test needed). */
  readonly int?: boolean;
  /** The value is certainly an Int: a JS number or, past 2^53, a bigint (integers.ts). */
  readonly integer?: boolean;
  /** The value is certainly a String (a literal, an interpolation, a concatenation with a String). */
  readonly str?: boolean;
  /** The value is certainly a String of ASCII characters only: its UTF-8 length is its JS length. */
  readonly ascii?: boolean;
  /** An Int literal's value. */
  readonly intValue?: number;
  /** Evaluating it cannot raise an error, so it needs no position of its own (`L`). */
  readonly cannotFail?: boolean;
}

/** A fragment that must be evaluated exactly once. */
export const complex = (js: string, int = false): Frag => ({ js, kind: "complex", int });

/** A fragment evaluated once that cannot raise an error (an operation on statically known Ints). */
export const infallible = (js: string, int = false): Frag => ({ js, kind: "complex", int, cannotFail: true });

/** A fragment evaluated once whose value is certainly a String (`ascii`: of ASCII characters only). */
export const stringValued = (js: string, ascii = false): Frag => ({ js, kind: "complex", str: true, ascii });

/** A JS variable or constant word. */
export const name = (js: string, int = false): Frag => ({ js, kind: "name", int });

/** A JS variable holding the value of `f` (same static knowledge). */
export const nameOf = (js: string, f: Frag): Frag => ({ js, kind: "name", int: f.int, integer: f.integer, str: f.str || f.kind === "string", ascii: f.ascii });

/** Is the value certainly an Int (a JS number or a bigint)? */
export const isInteger = (f: Frag): boolean => f.int === true || f.integer === true;

/** Is the value certainly a String? */
export const isString = (f: Frag): boolean => f.kind === "string" || f.str === true;

/** A safe Int literal (a negative one stays `complex`: `-5` cannot follow another `-`). */
export function intLiteral(v: number): Frag {
  return v >= 0 ? { js: String(v), kind: "int", int: true, intValue: v } : { js: `(${v})`, kind: "complex", int: true, intValue: v };
}

/** An Int literal beyond the safe range. */
export const bigintLiteral = (v: bigint): Frag => ({ js: `${v}n`, kind: "bigint", integer: true });

/** A String literal. */
export const stringLiteral = (s: string): Frag => ({ js: JSON.stringify(s), kind: "string", ascii: isAsciiText(s) });

/** Does `s` hold ASCII characters only? */
export function isAsciiText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Can the fragment be written several times (evaluating it again is free and has no effect)? */
export const isSimple = (f: Frag): boolean => f.kind !== "complex" && f.kind !== "bigint";

/** Is the fragment a number or String literal (inline fast paths make no sense for these)? */
export const isLiteral = (f: Frag): boolean => f.kind === "int" || f.kind === "bigint" || f.kind === "string";

/** `(a, b, body)` with the operand assignments `pre` run first, or `(body)`. */
export const wrapPre = (pre: string[], body: string): string => (pre.length ? `(${pre.join(", ")}, ${body})` : `(${body})`);

/**
 * The one spelling of an NTNT name inside a JS identifier: letters, digits and `_` stay,
 * any other character becomes `$<hex code point>$` (so two different names never collide).
 */
export function jsIdentPart(ntntName: string): string {
  let out = "";
  for (const ch of ntntName) {
    const c = ch.codePointAt(0)!;
    const plain = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    out += plain ? ch : `$${c.toString(16)}$`;
  }
  return out;
}

/** The JS constant holding the global builtin `name` in generated code. */
export const globalVar = (ntntName: string): string => `g_${jsIdentPart(ntntName)}`;
