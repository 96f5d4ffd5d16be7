/**
 * chrono-compatible strftime formatting and parsing (stdlib §8.3), English/C locale.
 *
 * Both sides share one tokenizer that turns a format string into items, as chrono does;
 * an unknown specifier makes the whole format invalid.
 */

import { civil, fromCivil, isoWeek, MONTHS, WEEKDAYS, type Civil } from "./calendar";

type Pad = "zero" | "space" | "none";
type Num = "Y" | "C" | "y" | "m" | "d" | "e" | "H" | "k" | "I" | "l" | "M" | "S" | "j" | "u" | "w" | "U" | "W" | "G" | "g" | "V" | "f" | "s";
type Fixed = "a" | "A" | "b" | "B" | "p" | "P" | "Z" | "z" | ":z" | "::z" | ":::z" | ".f" | ".3f" | ".6f" | ".9f" | "3f" | "6f" | "9f";

export type Item = { k: "lit"; s: string } | { k: "space"; s: string } | { k: "num"; f: Num; pad: Pad | null } | { k: "fix"; f: Fixed };

/** Default padding and width per numeric field. */
const NUM: Record<Num, [Pad, number]> = {
  Y: ["zero", 4],
  C: ["zero", 2],
  y: ["zero", 2],
  m: ["zero", 2],
  d: ["zero", 2],
  e: ["space", 2],
  H: ["zero", 2],
  k: ["space", 2],
  I: ["zero", 2],
  l: ["space", 2],
  M: ["zero", 2],
  S: ["zero", 2],
  j: ["zero", 3],
  u: ["zero", 1],
  w: ["zero", 1],
  U: ["zero", 2],
  W: ["zero", 2],
  G: ["zero", 4],
  g: ["zero", 2],
  V: ["zero", 2],
  f: ["zero", 9],
  s: ["zero", 1],
};

const EXPANSIONS: Record<string, string> = {
  D: "%m/%d/%y",
  x: "%m/%d/%y",
  F: "%Y-%m-%d",
  v: "%e-%b-%Y",
  R: "%H:%M",
  T: "%H:%M:%S",
  X: "%H:%M:%S",
  r: "%I:%M:%S %p",
  c: "%a %b %e %H:%M:%S %Y",
  "+": "%Y-%m-%dT%H:%M:%S%.f%:z",
};

const FIXED_PREFIXES: Fixed[] = [":::z", "::z", ":z", ".3f", ".6f", ".9f", ".f", "3f", "6f", "9f"];

/** Tokenize a format string; null when it is invalid (unknown specifier, lone `%`). */
export function tokenize(fmt: string): Item[] | null {
  const items: Item[] = [];
  const chars = Array.from(fmt);
  let lit = "";
  const flush = () => {
    if (lit) items.push({ k: "lit", s: lit });
    lit = "";
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch !== "%") {
      if (/\s/.test(ch)) {
        flush();
        items.push({ k: "space", s: ch });
      } else lit += ch;
      continue;
    }
    flush();
    let pad: Pad | null = null;
    const mod = chars[i + 1];
    if (mod === "-" || mod === "_" || mod === "0") {
      pad = mod === "-" ? "none" : mod === "_" ? "space" : "zero";
      i++;
    }
    const rest = chars.slice(i + 1, i + 5).join("");
    const fixed = FIXED_PREFIXES.find((p) => rest.startsWith(p));
    if (fixed) {
      items.push({ k: "fix", f: fixed });
      i += Array.from(fixed).length;
      continue;
    }
    const spec = chars[++i];
    if (spec === undefined) return null;
    if (spec in NUM) items.push({ k: "num", f: spec as Num, pad });
    else if ("aAbBpPZz".includes(spec)) items.push({ k: "fix", f: spec as Fixed });
    else if (spec === "h") items.push({ k: "fix", f: "b" });
    else if (spec in EXPANSIONS) items.push(...tokenize(EXPANSIONS[spec]!)!);
    else if (spec === "t") items.push({ k: "space", s: "\t" });
    else if (spec === "n") items.push({ k: "space", s: "\n" });
    else if (spec === "%") items.push({ k: "lit", s: "%" });
    else return null;
  }
  flush();
  return items;
}

/** What a formatter needs to know about one instant in one zone. */
export interface Moment {
  ts: number; // Unix seconds
  offset: number; // seconds east of UTC
  abbr: string;
}

function numValue(f: Num, c: Civil, ts: number): number {
  switch (f) {
    case "Y":
      return c.year;
    case "C":
      return Math.floor(c.year / 100);
    case "y":
      return ((c.year % 100) + 100) % 100;
    case "m":
      return c.month;
    case "d":
    case "e":
      return c.day;
    case "H":
    case "k":
      return c.hour;
    case "I":
    case "l":
      return ((c.hour + 11) % 12) + 1;
    case "M":
      return c.minute;
    case "S":
      return c.second;
    case "j":
      return c.yday;
    case "u":
      return c.weekday === 0 ? 7 : c.weekday;
    case "w":
      return c.weekday;
    case "U":
      return Math.floor((c.yday - c.weekday + 6) / 7);
    case "W":
      return Math.floor((c.yday - ((c.weekday + 6) % 7) + 6) / 7);
    case "G":
      return isoWeek(c)[0];
    case "g":
      return ((isoWeek(c)[0] % 100) + 100) % 100;
    case "V":
      return isoWeek(c)[1];
    case "f":
      return 0;
    case "s":
      return ts;
  }
}

function offsetText(offset: number, colons: number): string {
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const [h, m, s] = [Math.floor(a / 3600), Math.floor((a % 3600) / 60), a % 60].map((n) => String(n).padStart(2, "0"));
  if (colons === 0) return sign + h + m;
  if (colons === 1) return `${sign}${h}:${m}`;
  if (colons === 2) return `${sign}${h}:${m}:${s}`;
  return sign + h;
}

/** Format `m` with tokenized items (chrono semantics; fractional seconds are always zero). */
export function formatItems(items: Item[], m: Moment): string {
  const c = civil(m.ts + m.offset);
  let out = "";
  for (const it of items) {
    if (it.k === "lit" || it.k === "space") out += it.s;
    else if (it.k === "num") {
      const v = numValue(it.f, c, m.ts);
      const [defPad, width] = NUM[it.f];
      const pad = it.pad ?? defPad;
      const signed = (it.f === "Y" || it.f === "G") && (v < 0 || v > 9999);
      const digits = String(Math.abs(v));
      const w = signed ? width : v < 0 ? width - 1 : width;
      const body = pad === "none" ? digits : digits.padStart(w, pad === "zero" ? "0" : " ");
      out += (signed ? (v < 0 ? "-" : "+") : v < 0 ? "-" : "") + body;
    } else {
      switch (it.f) {
        case "a":
          out += WEEKDAYS[c.weekday]!.slice(0, 3);
          break;
        case "A":
          out += WEEKDAYS[c.weekday];
          break;
        case "b":
          out += MONTHS[c.month - 1]!.slice(0, 3);
          break;
        case "B":
          out += MONTHS[c.month - 1];
          break;
        case "p":
          out += c.hour < 12 ? "AM" : "PM";
          break;
        case "P":
          out += c.hour < 12 ? "am" : "pm";
          break;
        case "Z":
          out += m.abbr;
          break;
        case "z":
          out += offsetText(m.offset, 0);
          break;
        case ":z":
          out += offsetText(m.offset, 1);
          break;
        case "::z":
          out += offsetText(m.offset, 2);
          break;
        case ":::z":
          out += offsetText(m.offset, 3);
          break;
        case ".f":
          break;
        case ".3f":
          out += ".000";
          break;
        case ".6f":
          out += ".000000";
          break;
        case ".9f":
          out += ".000000000";
          break;
        case "3f":
          out += "000";
          break;
        case "6f":
          out += "000000";
          break;
        case "9f":
          out += "000000000";
          break;
      }
    }
  }
  return out;
}

// ---- Parsing ----

/** chrono's ParseError texts. */
export const PARSE_ERRORS = {
  outOfRange: "input is out of range",
  impossible: "no possible date and time matching input",
  notEnough: "input is not enough for unique date and time",
  invalid: "input contains invalid characters",
  tooShort: "premature end of input",
  tooLong: "trailing input",
  badFormat: "bad or unsupported format string",
};

class ParseFail extends Error {}
const fail = (msg: string): never => {
  throw new ParseFail(msg);
};

type Field = "year" | "century" | "yy" | "month" | "day" | "hdiv" | "hmod" | "minute" | "second" | "yday" | "wday" | "ts";

const RANGES: Partial<Record<Num, [number, number]>> = {
  m: [1, 12],
  d: [1, 31],
  e: [1, 31],
  H: [0, 23],
  k: [0, 23],
  I: [1, 12],
  l: [1, 12],
  M: [0, 59],
  S: [0, 60],
  j: [1, 366],
  u: [1, 7],
  w: [0, 6],
  U: [0, 53],
  W: [0, 53],
  V: [1, 53],
  C: [0, 9999],
  y: [0, 99],
  g: [0, 99],
};

/**
 * Parse `input` with a format (chrono `NaiveDateTime::parse_from_str` semantics, the value taken
 * as UTC). Date without time → midnight (§18 item 2). Returns Unix seconds or an error text.
 */
export function parseDateTime(input: string, fmt: string): number | string {
  const items = tokenize(fmt);
  if (!items) return PARSE_ERRORS.badFormat;
  const got = new Map<Field, number>();
  const set = (f: Field, v: number) => {
    const old = got.get(f);
    if (old !== undefined && old !== v) fail(PARSE_ERRORS.impossible);
    got.set(f, v);
  };
  let s = input;
  const lower = () => s.toLowerCase();
  const name = (names: string[]): number => {
    for (let i = 0; i < names.length; i++) {
      const short = names[i]!.slice(0, 3).toLowerCase();
      if (lower().startsWith(short)) {
        const full = names[i]!.toLowerCase();
        s = s.slice(lower().startsWith(full) ? full.length : 3);
        return i;
      }
    }
    return fail(s.length < 3 ? PARSE_ERRORS.tooShort : PARSE_ERRORS.invalid);
  };
  const digits = (max: number, signed: boolean): number => {
    s = s.trimStart();
    if (s === "") fail(PARSE_ERRORS.tooShort);
    let sign = 1;
    if (signed && (s[0] === "+" || s[0] === "-")) {
      sign = s[0] === "-" ? -1 : 1;
      s = s.slice(1);
      max = Infinity;
    }
    const m = /^\d+/.exec(s);
    if (!m) return fail(s === "" ? PARSE_ERRORS.tooShort : PARSE_ERRORS.invalid);
    const d = m[0].slice(0, max);
    s = s.slice(d.length);
    return sign * Number(d);
  };
  const offset = () => {
    if (s === "") fail(PARSE_ERRORS.tooShort);
    if (s[0] !== "+" && s[0] !== "-") fail(PARSE_ERRORS.invalid);
    const m = /^[+-](\d\d):?(\d\d)?/.exec(s);
    if (!m) fail(PARSE_ERRORS.invalid);
    s = s.slice(m![0].length);
  };
  try {
    for (const it of items) {
      if (it.k === "space") s = s.trimStart();
      else if (it.k === "lit") {
        if (s.length < it.s.length) fail(PARSE_ERRORS.tooShort);
        if (!s.startsWith(it.s)) fail(PARSE_ERRORS.invalid);
        s = s.slice(it.s.length);
      } else if (it.k === "num") {
        const f = it.f;
        const v = f === "s" ? digits(Infinity, true) : digits(NUM[f][1], f === "Y" || f === "G");
        const r = RANGES[f];
        if (r && (v < r[0] || v > r[1])) fail(PARSE_ERRORS.outOfRange);
        switch (f) {
          case "Y":
            set("year", v);
            break;
          case "C":
            set("century", v);
            break;
          case "y":
            set("yy", v);
            break;
          case "m":
            set("month", v);
            break;
          case "d":
          case "e":
            set("day", v);
            break;
          case "H":
          case "k":
            set("hdiv", Math.floor(v / 12));
            set("hmod", v % 12);
            break;
          case "I":
          case "l":
            set("hmod", v % 12);
            break;
          case "M":
            set("minute", v);
            break;
          case "S":
            set("second", Math.min(v, 59));
            break;
          case "j":
            set("yday", v);
            break;
          case "u":
            set("wday", v % 7);
            break;
          case "w":
            set("wday", v);
            break;
          case "s":
            set("ts", v);
            break;
          default:
            break; // week numbers, ISO year and nanoseconds do not fix the instant here
        }
      } else {
        switch (it.f) {
          case "a":
          case "A":
            set("wday", name(WEEKDAYS));
            break;
          case "b":
          case "B":
            set("month", name(MONTHS) + 1);
            break;
          case "p":
          case "P": {
            if (s.length < 2) fail(PARSE_ERRORS.tooShort);
            const ap = s.slice(0, 2).toLowerCase();
            if (ap !== "am" && ap !== "pm") fail(PARSE_ERRORS.invalid);
            set("hdiv", ap === "am" ? 0 : 1);
            s = s.slice(2);
            break;
          }
          case "Z":
            s = s.replace(/^\S*/, "");
            break;
          case "z":
          case ":z":
          case "::z":
          case ":::z":
            offset();
            break;
          default: {
            const m = /^\.?\d*/.exec(s)!;
            s = s.slice(m[0].length);
          }
        }
      }
    }
    if (s !== "") fail(PARSE_ERRORS.tooLong);
    return resolve(got);
  } catch (e) {
    if (e instanceof ParseFail) return e.message;
    throw e;
  }
}

/** Turn parsed fields into a timestamp (chrono's Parsed::to_naive_datetime_with_offset). */
function resolve(got: Map<Field, number>): number {
  const ts = got.get("ts");
  if (ts !== undefined) return ts;
  let year = got.get("year");
  const yy = got.get("yy");
  const century = got.get("century");
  if (year === undefined && yy !== undefined) year = century !== undefined ? century * 100 + yy : yy < 70 ? 2000 + yy : 1900 + yy;
  let date: number | null = null;
  if (year !== undefined && got.has("month") && got.has("day")) {
    date = fromCivil(year, got.get("month")!, got.get("day")!);
    if (date === null) fail(PARSE_ERRORS.outOfRange);
  } else if (year !== undefined && got.has("yday")) {
    date = fromCivil(year, 1, 1);
    if (date === null) fail(PARSE_ERRORS.outOfRange);
    date! += (got.get("yday")! - 1) * 86400;
    if (civil(date!).year !== year) fail(PARSE_ERRORS.outOfRange);
  } else fail(PARSE_ERRORS.notEnough);
  const wday = got.get("wday");
  if (wday !== undefined && civil(date!).weekday !== wday) fail(PARSE_ERRORS.impossible);
  const timeFields = ["hdiv", "hmod", "minute", "second"] as const;
  if (!timeFields.some((f) => got.has(f))) return date!;
  const hdiv = got.get("hdiv");
  const hmod = got.get("hmod");
  const minute = got.get("minute");
  if (hdiv === undefined || hmod === undefined || minute === undefined) return fail(PARSE_ERRORS.notEnough);
  return date! + (hdiv * 12 + hmod) * 3600 + minute * 60 + (got.get("second") ?? 0);
}

/** Parse strict RFC 3339 (`T`, `t` or space separator; `Z`/`z` or `±HH:MM`); fraction dropped. */
export function parseRfc3339(input: string): number | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})/.exec(input);
  if (!m) {
    const shape = "0000-00-00T00:00:00+00:00";
    const prefixOk = (s: string) =>
      Array.from(s).every((ch, i) => (/\d/.test(shape[i]!) ? /\d/.test(ch) : i === 10 ? /[Tt ]/.test(ch) : i === 19 ? /[Zz+.-]/.test(ch) : ch === shape[i]));
    return input.length < 20 && prefixOk(input) ? PARSE_ERRORS.tooShort : PARSE_ERRORS.invalid;
  }
  if (m[0].length !== input.length) return PARSE_ERRORS.tooLong;
  const [y, mo, d, h, mi, sRaw] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (sRaw > 60) return PARSE_ERRORS.outOfRange;
  const local = fromCivil(y, mo, d, h, mi, Math.min(sRaw, 59));
  if (local === null) return PARSE_ERRORS.outOfRange;
  let off = 0;
  if (m[8] !== "Z" && m[8] !== "z") {
    const oh = Number(m[8]!.slice(1, 3));
    const om = Number(m[8]!.slice(4, 6));
    if (oh > 23 || om > 59) return PARSE_ERRORS.outOfRange;
    off = (m[8]![0] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  return local - off;
}
