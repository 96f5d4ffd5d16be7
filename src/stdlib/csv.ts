/**
 * std/csv (stdlib §10): the reference's lenient RFC 4180 reader and writer.
 *
 * The reader never fails: quotes toggle quoted mode anywhere, every field is trimmed, blank
 * lines vanish. All four functions take an optional delimiter (§18 item 6).
 */

import { display } from "../runtime/display";
import { declare } from "../runtime/declaration";
import { typeError } from "../runtime/errors";
import { NArray, NMap, type Value } from "../runtime/values";
import { defineModule, native } from "./module";

/** Rust's `char::is_whitespace` set (JS `trim` differs: it strips U+FEFF, keeps U+0085). */
const RUST_WS = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const TRIM = new RegExp(`^${RUST_WS}+|${RUST_WS}+$`, "g");
const rustTrim = (s: string) => s.replace(TRIM, "");

/** The delimiter argument: first code point of a String, else `,`. */
function delimiterOf(v: Value): string {
  if (typeof v !== "string") return ",";
  const first = v.codePointAt(0);
  return first === undefined ? "," : String.fromCodePoint(first);
}

/** Parse CSV text into rows of trimmed fields (reference rules, see module comment). */
export function parseCsv(input: string, delim = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    row.push(rustTrim(field));
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
    field = "";
  };
  const chars = Array.from(input);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (chars[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) {
      row.push(rustTrim(field));
      field = "";
    } else if (ch === "\n") endRow();
    else if (ch === "\r") {
      if (chars[i + 1] === "\n") i++;
      endRow();
    } else field += ch;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** Quote a field only when it holds the delimiter, a quote or a line break. */
function escapeField(field: string, delim: string): string {
  return field.includes(delim) || /["\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Field text of a value: Unit is empty, everything else its Display. */
const fieldText = (v: Value): string => (v === undefined ? "" : display(v));

const parseCsvNative = declare(
  "parse_csv(text: String, delimiter?: String) -> [[String]]",
  "CSV text as rows of fields.",
  'parse_csv("a,b\\n1,2")  // [["a", "b"], ["1", "2"]]',
  native("parse_csv", [1, 2], ([text, d]) => {
    if (typeof text !== "string") throw typeError("parse_csv() requires a string");
    return NArray.of(parseCsv(text, delimiterOf(d)).map((r) => NArray.of(r)));
  }),
);

const parseWithHeaders = declare(
  "parse_with_headers(text: String, delimiter?: String) -> [Map<String, String>]",
  "CSV rows as maps keyed by the header line.",
  'parse_with_headers("a,b\\n1,2")  // [map { "a": "1", "b": "2" }]',
  native("parse_with_headers", [1, 2], ([text, d]) => {
    if (typeof text !== "string") throw typeError("csv.parse_with_headers() requires a string");
    const [headers, ...rows] = parseCsv(text, delimiterOf(d));
    if (!headers) return NArray.of([]);
    return NArray.of(
      rows.map((row) => {
        const m = new Map<string, Value>();
        headers.forEach((h, i) => m.set(h, row[i] ?? ""));
        return new NMap(m);
      }),
    );
  }),
);

const stringify = declare(
  "stringify(rows: [[Any]], delimiter?: String) -> String",
  "CSV text from rows of fields.",
  'stringify([["a", 1]])  // "a,1\\n"',
  native("stringify", [1, 2], ([rows, d]) => {
    if (!(rows instanceof NArray)) throw typeError("csv.stringify() requires an array");
    const delim = delimiterOf(d);
    return rows
      .elements()
      .map((row) => {
        if (!(row instanceof NArray)) throw typeError("csv.stringify: each row must be an array");
        return row
          .elements()
          .map((v) => escapeField(fieldText(v), delim))
          .join(delim);
      })
      .join("\n");
  }),
);

const stringifyWithHeaders = declare(
  "stringify_with_headers(rows: [Map<String, Any>], headers: [String], delimiter?: String) -> String",
  "CSV text with a header line, one line per map.",
  'stringify_with_headers([map { "a": 1 }], ["a"])  // "a\\n1\\n"',
  native("stringify_with_headers", [2, 3], ([rows, hs, d]) => {
    if (!(rows instanceof NArray)) throw typeError("csv.stringify_with_headers() first arg must be array");
    if (!(hs instanceof NArray)) throw typeError("csv.stringify_with_headers() second arg must be headers array");
    const headers = hs.elements().map((h) => {
      if (typeof h !== "string") throw typeError("Headers must be strings");
      return h;
    });
    const delim = delimiterOf(d);
    const lines = [headers.map((h) => escapeField(h, delim)).join(delim)];
    for (const row of rows.elements()) {
      if (!(row instanceof NMap)) throw typeError("csv.stringify_with_headers: each row must be a map");
      lines.push(headers.map((h) => escapeField(row.has(h) ? fieldText(row.get(h)) : "", delim)).join(delim));
    }
    return lines.join("\n");
  }),
);

export default defineModule(
  "std/csv",
  {
    parse_csv: parseCsvNative,
    parse_with_headers: parseWithHeaders,
    stringify,
    stringify_with_headers: stringifyWithHeaders,
  },
  "CSV parsing and writing, with or without a header row",
);
