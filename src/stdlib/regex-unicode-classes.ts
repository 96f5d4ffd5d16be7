/**
 * Rust's `\p{…}` / `\P{…}` names in RE2's spelling. Rust matches names loosely (any case,
 * spaces, `_` and `-` ignored) and accepts long General_Category names and `key=value` forms;
 * RE2 only knows the exact short category names and script names.
 */

/** `\w` in Rust: Alphabetic, marks, decimal digits, connector punctuation, Join_Control.
 * Alphabetic is L + Nl + Other_Alphabetic; the members of Other_Alphabetic outside the marks
 * are these four blocks of letter-like symbols (checked against JS's tables in a test). */
export const UNICODE_WORD = "\\pL\\p{Nl}\\pM\\p{Nd}\\p{Pc}\\x{200C}\\x{200D}\\x{24B6}-\\x{24E9}\\x{1F130}-\\x{1F149}\\x{1F150}-\\x{1F169}\\x{1F170}-\\x{1F189}";

const CATEGORIES: Record<string, string> = {
  letter: "L",
  uppercaseletter: "Lu",
  lowercaseletter: "Ll",
  titlecaseletter: "Lt",
  modifierletter: "Lm",
  otherletter: "Lo",
  mark: "M",
  combiningmark: "M",
  nonspacingmark: "Mn",
  spacingmark: "Mc",
  enclosingmark: "Me",
  number: "N",
  decimalnumber: "Nd",
  digit: "Nd",
  letternumber: "Nl",
  othernumber: "No",
  punctuation: "P",
  punct: "P",
  connectorpunctuation: "Pc",
  dashpunctuation: "Pd",
  openpunctuation: "Ps",
  closepunctuation: "Pe",
  initialpunctuation: "Pi",
  finalpunctuation: "Pf",
  otherpunctuation: "Po",
  symbol: "S",
  mathsymbol: "Sm",
  currencysymbol: "Sc",
  modifiersymbol: "Sk",
  othersymbol: "So",
  separator: "Z",
  spaceseparator: "Zs",
  lineseparator: "Zl",
  paragraphseparator: "Zp",
  other: "C",
  control: "Cc",
  cntrl: "Cc",
  format: "Cf",
  surrogate: "Cs",
  privateuse: "Co",
  unassigned: "Cn",
};
const SHORT = [
  "L",
  "Lu",
  "Ll",
  "Lt",
  "Lm",
  "Lo",
  "M",
  "Mn",
  "Mc",
  "Me",
  "N",
  "Nd",
  "Nl",
  "No",
  "P",
  "Pc",
  "Pd",
  "Ps",
  "Pe",
  "Pi",
  "Pf",
  "Po",
  "S",
  "Sm",
  "Sc",
  "Sk",
  "So",
  "Z",
  "Zs",
  "Zl",
  "Zp",
  "C",
  "Cc",
  "Cf",
  "Cs",
  "Co",
  "Cn",
];
for (const s of SHORT) CATEGORIES[s.toLowerCase()] = s;

/** Sets RE2 has no name for, as class ranges. */
const RANGES: Record<string, string> = {
  any: "\\x{0}-\\x{10FFFF}",
  ascii: "\\x{0}-\\x{7F}",
  whitespace: "\\t-\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}",
  wspace: "\\t-\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}",
  space: "\\t-\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}",
};

const loose = (s: string) => s.toLowerCase().replace(/[\s_-]/g, "");

/** A Unicode class in RE2 syntax: `{ item }` fits inside `[...]` (ranges) or is a `\p{…}` escape. */
export interface UnicodeClass {
  /** `\p{X}` / `\P{X}` for RE2, or null when the set is given as ranges. */
  escape: string | null;
  /** Class ranges (only when escape is null). */
  ranges: string;
}

/** Translate the name of a `\p`/`\P` escape; throws Error with Rust-like wording when unknown. */
export function unicodeClass(name: string, negated: boolean): UnicodeClass {
  const eq = name.search(/[=:]/);
  const key = eq < 0 ? "" : loose(name.slice(0, eq));
  const value = eq < 0 ? name : name.slice(eq + 1).replace(/^!?/, "");
  const p = negated ? "P" : "p";
  if (eq < 0 || key === "generalcategory" || key === "gc") {
    const cat = CATEGORIES[loose(value)];
    if (cat) return { escape: `\\${p}{${cat}}`, ranges: "" };
    const ranges = RANGES[loose(value)];
    if (ranges && eq < 0) return { escape: null, ranges };
  }
  if (eq < 0 || key === "script" || key === "sc" || key === "scriptextensions" || key === "scx") {
    // Script names are Title_Case words joined by `_` in RE2 (`old italic` → `Old_Italic`).
    const script = value
      .trim()
      .split(/[\s_-]+/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
      .join("_");
    if (/^[A-Za-z_]+$/.test(script)) return { escape: `\\${p}{${script}}`, ranges: "" };
  }
  throw new Error(`Unicode property not found: ${name}`);
}
