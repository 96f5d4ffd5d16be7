/**
 * JSON ↔ Value (stdlib.md §4), shared by std/json, the HTTP client and the server.
 *
 * Parsing is hand-written to keep the Int/Float distinction (`20` → Int, `20.0` → Float)
 * and to produce serde_json's error texts (`expected value at line 1 column 1`).
 * Serialising sorts object keys by code point and lays Floats out like ryu.
 */

import { display } from "./display";
import { compareStrings, fromBig, I64_MAX, I64_MIN } from "./ops";
import { NArray, NEnum, NFloat, NMap, NStruct, type Value } from "./values";

// ---------------------------------------------------------------- serialising

/** JSON text of a value; `pretty` uses a two-space indent like `JSON.stringify(v, null, 2)`. */
export function toJsonText(v: Value, pretty = false): string {
  if (pretty) return writePretty(v, "");
  const plain = plainOf(v);
  return plain === NOT_PLAIN ? writeCompact(v) : JSON.stringify(plain);
}

/** JSON.rawJSON (ES2026, in Bun's engine; not yet in TypeScript's lib): text JSON.stringify copies as it is. */
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** What `plainOf` answers for a value whose keys a plain object would not keep in order. */
const NOT_PLAIN = Symbol("not plain");

/**
 * `v` as plain JS data that the engine's native JSON.stringify writes byte for byte as
 * writeCompact does (one native pass, no string pieces to join: about half the CPU of a
 * small response body), or NOT_PLAIN. Floats and big Ints go in as raw JSON text.
 */
function plainOf(v: Value): unknown {
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
      return v;
    case "undefined":
      return null;
    case "bigint":
      return rawJSON(String(v));
  }
  if (v instanceof NMap) return plainObject(v.entries);
  if (v instanceof NArray) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = plainOf(v.items[i]);
      if (x === NOT_PLAIN) return NOT_PLAIN;
      out[i] = x;
    }
    return out;
  }
  if (v instanceof NStruct) return plainObject(v.fields);
  if (v instanceof NFloat) return rawJSON(jsonFloat(v.v));
  const view = jsonView(v);
  return view === v ? display(v) : plainOf(view);
}

/**
 * The entries as a plain object, keys inserted in code-point order. A key that looks like an
 * array index would be moved to the front by the object, and `__proto__` would not become a
 * key: those maps are NOT_PLAIN.
 */
function plainObject(m: Map<string, Value>): unknown {
  const o: Record<string, unknown> = {};
  let prev: string | null = null;
  for (const [k, x] of m) {
    if (prev !== null && compareStrings(prev, k) > 0) return sortedPlainObject(m);
    if (!plainKey(k)) return NOT_PLAIN;
    const p = plainOf(x);
    if (p === NOT_PLAIN) return NOT_PLAIN;
    o[k] = p;
    prev = k;
  }
  return o;
}

/** `plainObject` for entries not already in key order. */
function sortedPlainObject(m: Map<string, Value>): unknown {
  const o: Record<string, unknown> = {};
  for (const k of [...m.keys()].sort(compareStrings)) {
    if (!plainKey(k)) return NOT_PLAIN;
    const p = plainOf(m.get(k));
    if (p === NOT_PLAIN) return NOT_PLAIN;
    o[k] = p;
  }
  return o;
}

/** True for a key a plain object keeps where it was inserted: not `__proto__`, not starting with a digit (array-index keys go first). */
function plainKey(k: string): boolean {
  const c = k.charCodeAt(0);
  return !(c >= 48 && c <= 57) && k !== "__proto__";
}

/** The value that stands for `v` in JSON: Options unwrap, other enums and exotic values become Display strings. */
function jsonView(v: Value): Value {
  while (v instanceof NEnum && v.enumName === "Option") {
    if (v.variant !== "Some") return undefined;
    v = v.values[0];
  }
  return v;
}

/** JSON string literal, as JSON.stringify writes it; short strings needing no escapes skip it. */
export function jsonQuote(s: string): string {
  if (s.length > 64) return JSON.stringify(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

function scalarText(v: Value): string | null {
  switch (typeof v) {
    case "undefined":
      return "null";
    case "boolean":
      return v ? "true" : "false";
    case "number":
    case "bigint":
      return String(v);
    case "string":
      return jsonQuote(v);
  }
  if (v instanceof NFloat) return jsonFloat(v.v);
  if (v instanceof NArray || v instanceof NMap || v instanceof NStruct) return null;
  return JSON.stringify(display(v));
}

function sortedEntries(v: NMap | NStruct): [string, Value][] {
  const m = v instanceof NMap ? v.entries : v.fields;
  return [...m].sort((a, b) => compareStrings(a[0], b[0]));
}

/**
 * Compact JSON. Plain maps, arrays, strings, Ints and Bools (a typical response body) are
 * written without a copy of their entries; everything else goes through jsonView/scalarText.
 */
function writeCompact(v: Value): string {
  switch (typeof v) {
    case "string":
      return jsonQuote(v);
    case "number":
      return String(v);
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return "null";
  }
  if (v instanceof NMap || v instanceof NStruct) {
    const m = v instanceof NMap ? v.entries : v.fields;
    const keys: string[] = [];
    for (const k of m.keys()) keys.push(k);
    if (keys.length > 1) keys.sort(compareStrings);
    let out = "{";
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      out += (i === 0 ? "" : ",") + jsonQuote(k) + ":" + writeCompact(m.get(k));
    }
    return out + "}";
  }
  if (v instanceof NArray) {
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i === 0 ? "" : ",") + writeCompact(v.items[i]);
    return out + "]";
  }
  const view = jsonView(v);
  return view === v ? scalarText(v)! : writeCompact(view);
}

function writePretty(raw: Value, indent: string): string {
  const v = jsonView(raw);
  const s = scalarText(v);
  if (s !== null) return s;
  const inner = indent + "  ";
  if (v instanceof NArray) {
    if (v.length === 0) return "[]";
    const parts: string[] = [];
    for (let i = 0; i < v.length; i++) parts.push(inner + writePretty(v.items[i], inner));
    return "[\n" + parts.join(",\n") + "\n" + indent + "]";
  }
  const entries = sortedEntries(v as NMap | NStruct);
  if (entries.length === 0) return "{}";
  const parts = entries.map(([k, val]) => inner + JSON.stringify(k) + ": " + writePretty(val, inner));
  return "{\n" + parts.join(",\n") + "\n" + indent + "}";
}

/** Float in ryu layout: `20.0`, `0.1`, `1e16`, `1.2e-7`; NaN and infinities → `null`. */
export function jsonFloat(x: number): string {
  if (!Number.isFinite(x)) return "null";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const e = x.toExponential(); // shortest round-trip digits, e.g. "-1.25e+2"
  const neg = e[0] === "-";
  const body = neg ? e.slice(1) : e;
  const at = body.indexOf("e");
  const digits = body.slice(0, at).replace(".", "");
  const exp10 = Number(body.slice(at + 1));
  const kk = exp10 + 1; // position of the decimal point relative to the digits
  const k = kk - digits.length;
  let out: string;
  if (k >= 0 && kk <= 16) out = digits + "0".repeat(k) + ".0";
  else if (kk > 0 && kk <= 16) out = digits.slice(0, kk) + "." + digits.slice(kk);
  else if (kk > -5 && kk <= 0) out = "0." + "0".repeat(-kk) + digits;
  else out = (digits.length === 1 ? digits : digits[0] + "." + digits.slice(1)) + "e" + (kk - 1);
  return neg ? "-" + out : out;
}

// ---------------------------------------------------------------- parsing

/** A JSON syntax error carrying serde_json's message text (with position). */
export class JsonSyntaxError extends Error {}

const MAX_DEPTH = 128;

/** Parse JSON text into a Value; throws JsonSyntaxError with a serde_json-style message. */
export function parseJsonText(text: string): Value {
  return new JsonParser(text).parseDocument();
}

class JsonParser {
  private i = 0;
  private depth = MAX_DEPTH;

  constructor(private readonly s: string) {}

  parseDocument(): Value {
    const v = this.parseValue();
    this.skipWs();
    if (this.i < this.s.length) throw this.peekError("trailing characters");
    return v;
  }

  /** Error positioned after the consumed text (serde `error`). */
  private error(msg: string, at = this.i): JsonSyntaxError {
    const lineStart = this.s.lastIndexOf("\n", at - 1) + 1;
    let line = 1;
    for (let j = 0; j < lineStart; j++) if (this.s.charCodeAt(j) === 10) line++;
    const column = Buffer.byteLength(this.s.slice(lineStart, at), "utf8");
    return new JsonSyntaxError(`${msg} at line ${line} column ${column}`);
  }

  /** Error positioned at the next character (serde `peek_error`). */
  private peekError(msg: string): JsonSyntaxError {
    return this.error(msg, Math.min(this.s.length, this.i + 1));
  }

  private skipWs(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 9 || c === 13) this.i++;
      else break;
    }
  }

  private parseValue(): Value {
    this.skipWs();
    if (this.i >= this.s.length) throw this.peekError("EOF while parsing a value");
    const c = this.s[this.i]!;
    switch (c) {
      case "n":
        return this.ident("null", undefined);
      case "t":
        return this.ident("true", true);
      case "f":
        return this.ident("false", false);
      case '"':
        this.i++;
        return this.parseString();
      case "[":
        return this.parseArray();
      case "{":
        return this.parseObject();
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return this.parseNumber();
        throw this.peekError("expected value");
    }
  }

  private ident(word: string, v: Value): Value {
    this.i++;
    for (let j = 1; j < word.length; j++) {
      if (this.i >= this.s.length) throw this.error("EOF while parsing a value");
      if (this.s[this.i++] !== word[j]) throw this.error("expected ident");
    }
    return v;
  }

  private enter(): void {
    if (--this.depth === 0) throw this.peekError("recursion limit exceeded");
    this.i++;
  }

  private parseArray(): Value {
    this.enter();
    const items: Value[] = [];
    this.skipWs();
    if (this.s[this.i] === "]") {
      this.i++;
      this.depth++;
      return new NArray(items);
    }
    for (;;) {
      items.push(this.parseValue());
      this.skipWs();
      if (this.i >= this.s.length) throw this.peekError("EOF while parsing a list");
      const c = this.s[this.i];
      if (c === "]") break;
      if (c !== ",") throw this.peekError("expected `,` or `]`");
      this.i++;
      this.skipWs();
      if (this.s[this.i] === "]") throw this.peekError("trailing comma");
    }
    this.i++;
    this.depth++;
    return new NArray(items);
  }

  private parseObject(): Value {
    this.enter();
    const m = new Map<string, Value>();
    this.skipWs();
    if (this.s[this.i] === "}") {
      this.i++;
      this.depth++;
      return new NMap(m);
    }
    for (;;) {
      this.skipWs();
      if (this.i >= this.s.length) throw this.peekError("EOF while parsing an object");
      if (this.s[this.i] !== '"') {
        throw this.peekError(this.s[this.i] === "}" ? "trailing comma" : "key must be a string");
      }
      this.i++;
      const key = this.parseString();
      this.skipWs();
      if (this.i >= this.s.length) throw this.peekError("EOF while parsing an object");
      if (this.s[this.i] !== ":") throw this.peekError("expected `:`");
      this.i++;
      m.set(key, this.parseValue());
      this.skipWs();
      if (this.i >= this.s.length) throw this.peekError("EOF while parsing an object");
      const c = this.s[this.i];
      if (c === "}") break;
      if (c !== ",") throw this.peekError("expected `,` or `}`");
      this.i++;
    }
    this.i++;
    this.depth++;
    return new NMap(m);
  }

  /** String body after the opening quote. */
  private parseString(): string {
    const s = this.s;
    let out = "";
    let start = this.i;
    for (;;) {
      if (this.i >= s.length) throw this.error("EOF while parsing a string");
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        out += s.slice(start, this.i);
        this.i++;
        return out;
      }
      if (c < 0x20) {
        this.i++;
        throw this.error("control character (\\u0000-\\u001F) found while parsing a string");
      }
      if (c !== 92) {
        this.i++;
        continue;
      }
      out += s.slice(start, this.i);
      this.i++;
      if (this.i >= s.length) throw this.error("EOF while parsing a string");
      const e = s[this.i++]!;
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u":
          out += this.unicodeEscape();
          break;
        default:
          throw this.error("invalid escape");
      }
      start = this.i;
    }
  }

  private hex4(): number {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      if (this.i >= this.s.length) throw this.error("EOF while parsing a string");
      const d = parseInt(this.s[this.i++]!, 16);
      if (Number.isNaN(d)) throw this.error("invalid escape");
      n = n * 16 + d;
    }
    return n;
  }

  private unicodeEscape(): string {
    const hi = this.hex4();
    if (hi < 0xd800 || hi > 0xdfff) return String.fromCharCode(hi);
    if (hi >= 0xdc00) throw this.error("lone leading surrogate in hex escape");
    if (this.s[this.i] !== "\\" || this.s[this.i + 1] !== "u") {
      throw this.error("unexpected end of hex escape");
    }
    this.i += 2;
    const lo = this.hex4();
    if (lo < 0xdc00 || lo > 0xdfff) throw this.error("lone leading surrogate in hex escape");
    return String.fromCharCode(hi, lo);
  }

  private parseNumber(): Value {
    const s = this.s;
    const start = this.i;
    if (s[this.i] === "-") this.i++;
    if (this.i >= s.length) throw this.peekError("EOF while parsing a value");
    const isDigit = (k: number) => k < s.length && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
    if (s[this.i] === "0") {
      this.i++;
      if (isDigit(this.i)) throw this.peekError("invalid number");
    } else if (isDigit(this.i)) {
      while (isDigit(this.i)) this.i++;
    } else {
      this.i++;
      throw this.error("invalid number");
    }
    let isFloat = false;
    if (s[this.i] === ".") {
      isFloat = true;
      this.i++;
      if (!isDigit(this.i)) throw this.peekError(this.i >= s.length ? "EOF while parsing a value" : "invalid number");
      while (isDigit(this.i)) this.i++;
    }
    if (s[this.i] === "e" || s[this.i] === "E") {
      isFloat = true;
      this.i++;
      if (s[this.i] === "+" || s[this.i] === "-") this.i++;
      if (!isDigit(this.i)) throw this.peekError(this.i >= s.length ? "EOF while parsing a value" : "invalid number");
      while (isDigit(this.i)) this.i++;
    }
    const text = s.slice(start, this.i);
    if (!isFloat) {
      if (text.length <= 16) return Number(text) + 0;
      const b = BigInt(text);
      if (b >= I64_MIN && b <= I64_MAX) return fromBig(b);
    }
    const f = Number(text);
    if (!Number.isFinite(f)) throw this.error("number out of range");
    return new NFloat(f);
  }
}

// ---------------------------------------------------------------- JS values

/** Convert a plain JS value (e.g. from `JSON.parse` or a driver) to a Value; integral numbers → Int. */
export function fromJs(x: unknown): Value {
  if (x === null || x === undefined) return undefined;
  switch (typeof x) {
    case "boolean":
    case "string":
      return x;
    case "number":
      return Number.isSafeInteger(x) ? x + 0 : new NFloat(x);
    case "bigint":
      return fromBig(x);
  }
  if (Array.isArray(x)) return new NArray(x.map(fromJs));
  const m = new Map<string, Value>();
  for (const [k, v] of Object.entries(x as object)) m.set(k, fromJs(v));
  return new NMap(m);
}

/** Convert a Value to a plain JS value (Maps/structs → objects, Options unwrapped, enums → Display). */
export function toJs(raw: Value): unknown {
  const v = jsonView(raw);
  switch (typeof v) {
    case "undefined":
      return null;
    case "boolean":
    case "number":
    case "string":
      return v;
    case "bigint":
      return Number(v);
  }
  if (v instanceof NFloat) return Number.isFinite(v.v) ? v.v : null;
  if (v instanceof NArray) return v.elements().map(toJs);
  if (v instanceof NMap || v instanceof NStruct) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v instanceof NMap ? v.entries : v.fields) o[k] = toJs(val);
    return o;
  }
  return display(v);
}
