/**
 * std/time (stdlib §8): Int Unix seconds (UTC), broken-down Maps, chrono-style strftime,
 * IANA zones through Intl (DST-correct). `sleep` suspends instead of blocking.
 */

import { runtimeError, typeError } from "../runtime/errors";
import { Err, isInt, NArray, NMap, Ok, type Value } from "../runtime/values";
import {
  civil,
  daysInMonth,
  fromCivil,
  isLeap,
  isZone,
  MAX_TS,
  MIN_TS,
  MONTHS,
  WEEKDAYS,
  zoneAbbreviation,
  zoneOffset,
} from "./shared/calendar";
import { intValue } from "./shared/int-bytes";
import { formatItems, parseDateTime, parseRfc3339, tokenize, type Moment } from "./shared/strftime";
import { defineModule, native } from "./module";

/** A timestamp argument within chrono's range, else `RE "Invalid timestamp"`. */
function instant(v: number | bigint): number {
  if (typeof v === "bigint" || v < MIN_TS || v > MAX_TS) throw runtimeError("Invalid timestamp");
  return v;
}

function zone(tz: string): string {
  if (!isZone(tz)) throw runtimeError(`Invalid timezone: '${tz}'. Use IANA format like 'America/New_York'`);
  return tz;
}

function moment(ts: number, tz: string | null): Moment {
  if (tz === null) return { ts, offset: 0, abbr: "UTC" };
  const offset = zoneOffset(tz, ts);
  return { ts, offset, abbr: zoneAbbreviation(tz, ts, offset) };
}

function format(ts: number, tz: string | null, fmt: string): string {
  const items = tokenize(fmt);
  if (!items) throw runtimeError(`Invalid format string: ${fmt}`);
  return formatItems(items, moment(ts, tz));
}

/** The broken-down Map of §8.2. */
function brokenDown(ts: number, tz: string | null, name: string): NMap {
  const m = moment(ts, tz);
  const c = civil(ts + m.offset);
  return NMap.fromObject({
    year: c.year,
    month: c.month,
    day: c.day,
    hour: c.hour,
    minute: c.minute,
    second: c.second,
    nanosecond: 0,
    weekday: c.weekday,
    day_of_year: c.yday,
    timestamp: ts,
    timezone: name,
    offset: m.abbr,
  });
}

/** Int + Int without overflow surprises (bigint beyond 2^53). */
const add = (a: number | bigint, b: number | bigint): number | bigint => intValue(BigInt(a) + BigInt(b));

/** `fn(ts: Int, n: Int) -> Int` natives. */
function adder(name: string, unitName: string, unit: number) {
  return native(name, 2, ([ts, n]) => {
    if (!isInt(ts) || !isInt(n)) throw typeError(`${name}() requires (timestamp: Int, ${unitName}: Int)`);
    return add(ts, BigInt(n) * BigInt(unit));
  });
}

/** `fn(ts: Int) -> T` natives over the UTC calendar fields. */
function field(name: string, get: (c: ReturnType<typeof civil>) => Value) {
  return native(name, 1, ([ts]) => {
    if (!isInt(ts)) throw typeError(`${name}() requires a timestamp`);
    return get(civil(instant(ts)));
  });
}

function compare(name: string, test: (a: bigint, b: bigint) => boolean) {
  return native(name, 2, ([a, b]) => {
    if (!isInt(a) || !isInt(b)) throw typeError(`${name}() requires two timestamps`);
    return test(BigInt(a), BigInt(b));
  });
}

/** Calendar-aware month shift in UTC, day clamped to the target month. */
function addMonths(ts: number, months: number, what: string): number {
  const c = civil(ts);
  const total = c.year * 12 + (c.month - 1) + months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12 + 1;
  const r = fromCivil(y, mo, Math.min(c.day, daysInMonth(y, mo)), c.hour, c.minute, c.second);
  if (r === null) throw runtimeError(`Invalid date after ${what} addition`);
  return r;
}

function shift(name: string, unitName: string, months: number) {
  return native(name, 2, ([ts, n]) => {
    if (!isInt(ts) || !isInt(n)) throw typeError(`${name}() requires (timestamp: Int, ${unitName}: Int)`);
    if (typeof n === "bigint") throw runtimeError(`Invalid date after ${unitName.slice(0, -1)} addition`);
    return addMonths(instant(ts), n * months, unitName.slice(0, -1));
  });
}

const parseResult = (r: number | string): Value => (typeof r === "number" ? Ok(r) : Err(`Parse error: ${r}`));

const formatUtc = (name: string, te: string) =>
  native(name, 2, ([ts, fmt]) => {
    if (!isInt(ts) || typeof fmt !== "string") throw typeError(te);
    return format(instant(ts), null, fmt);
  });

const TIMEZONES = [
  "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
  "America/Phoenix", "America/Anchorage", "Pacific/Honolulu", "Europe/London", "Europe/Paris",
  "Europe/Berlin", "Europe/Moscow", "Asia/Tokyo", "Asia/Shanghai", "Asia/Singapore", "Asia/Dubai",
  "Asia/Kolkata", "Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland", "America/Toronto",
  "America/Vancouver", "America/Mexico_City", "America/Sao_Paulo", "Africa/Cairo", "Africa/Johannesburg",
];

const ANY: [number, number] = [0, -1];

/** Resolve after `ms` (in timer-sized steps: setTimeout caps delays at 2^31-1 ms). */
async function sleepFor(ms: number): Promise<Value> {
  for (let left = ms; left > 0; left -= 2 ** 31 - 1) {
    await new Promise((done) => setTimeout(done, Math.min(left, 2 ** 31 - 1)));
  }
  return undefined;
}

export default defineModule("std/time", {
  now: native("now", ANY, () => Math.floor(Date.now() / 1000)),
  now_millis: native("now_millis", ANY, () => Date.now()),
  now_nanos: native("now_nanos", ANY, () => {
    const ns = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
    if (ns > 9223372036854775807n) throw runtimeError("Timestamp out of range for nanoseconds");
    return intValue(ns);
  }),
  to_utc: native("to_utc", 1, ([ts]) => {
    if (!isInt(ts)) throw typeError("to_utc() requires a timestamp");
    return brokenDown(instant(ts), null, "UTC");
  }),
  to_timezone: native("to_timezone", 2, ([ts, tz]) => {
    if (!isInt(ts) || typeof tz !== "string") throw typeError("to_timezone() requires (timestamp: Int, timezone: String)");
    const t = instant(ts);
    return brokenDown(t, zone(tz), tz);
  }),
  format: formatUtc("format", "format() requires (timestamp: Int, format: String)"),
  format_timestamp: formatUtc("format_timestamp", "format_timestamp() requires int and format string"),
  format_in: native("format_in", 3, ([ts, tz, fmt]) => {
    if (!isInt(ts) || typeof tz !== "string" || typeof fmt !== "string") {
      throw typeError("format_in() requires (timestamp: Int, timezone: String, format: String)");
    }
    const t = instant(ts);
    return format(t, zone(tz), fmt);
  }),
  to_iso: native("to_iso", 1, ([ts]) => {
    if (!isInt(ts)) throw typeError("to_iso() requires a timestamp");
    return format(instant(ts), null, "%Y-%m-%dT%H:%M:%S%:z");
  }),
  parse_iso: native("parse_iso", 1, ([s]) => {
    if (typeof s !== "string") throw typeError("parse_iso() requires a string");
    return parseResult(parseRfc3339(s));
  }),
  parse_datetime: native("parse_datetime", 2, ([s, fmt]) => {
    if (typeof s !== "string" || typeof fmt !== "string") {
      throw typeError("parse_datetime() requires (date_str: String, format: String)");
    }
    return parseResult(parseDateTime(s, fmt));
  }),
  make_time: native("make_time", 6, (args) => {
    if (!args.every(isInt)) throw typeError("make_time() requires 6 integers: (year, month, day, hour, minute, second)");
    const [y, mo, d, h, mi, s] = args.map(Number) as [number, number, number, number, number, number];
    const ts = fromCivil(y, mo, d, h, mi, s);
    return ts === null ? Err("Invalid date/time components") : Ok(ts);
  }),
  make_date: native("make_date", 3, (args) => {
    if (!args.every(isInt)) throw typeError("make_date() requires 3 integers: (year, month, day)");
    const [y, mo, d] = args.map(Number) as [number, number, number];
    const ts = fromCivil(y, mo, d);
    return ts === null ? Err("Invalid date components") : Ok(ts);
  }),
  add_seconds: adder("add_seconds", "seconds", 1),
  add_minutes: adder("add_minutes", "minutes", 60),
  add_hours: adder("add_hours", "hours", 3600),
  add_days: adder("add_days", "days", 86400),
  add_weeks: adder("add_weeks", "weeks", 604800),
  add_months: shift("add_months", "months", 1),
  add_years: shift("add_years", "years", 12),
  diff: native("diff", 2, ([a, b]) => {
    if (!isInt(a) || !isInt(b)) throw typeError("diff() requires two timestamps");
    const d = BigInt(a) - BigInt(b);
    return NMap.fromObject({
      seconds: intValue(d),
      minutes: intValue(d / 60n),
      hours: intValue(d / 3600n),
      days: intValue(d / 86400n),
    });
  }),
  before: compare("before", (a, b) => a < b),
  after: compare("after", (a, b) => a > b),
  equal: compare("equal", (a, b) => a === b),
  year: field("year", (c) => c.year),
  month: field("month", (c) => c.month),
  day: field("day", (c) => c.day),
  hour: field("hour", (c) => c.hour),
  minute: field("minute", (c) => c.minute),
  second: field("second", (c) => c.second),
  weekday: field("weekday", (c) => c.weekday),
  weekday_name: field("weekday_name", (c) => WEEKDAYS[c.weekday]),
  month_name: field("month_name", (c) => MONTHS[c.month - 1]),
  day_of_year: field("day_of_year", (c) => c.yday),
  is_leap_year: field("is_leap_year", (c) => isLeap(c.year)),
  sleep: native(
    "sleep",
    1,
    ([ms]) => {
      if (!isInt(ms)) throw typeError("sleep() requires an integer (milliseconds)");
      if (ms < 0) throw runtimeError("sleep() requires non-negative milliseconds");
      return sleepFor(Number(ms));
    },
    { mayAsync: true },
  ),
  elapsed: native("elapsed", 1, ([start]) => {
    if (!isInt(start)) throw typeError("elapsed() requires a start timestamp");
    return intValue(BigInt(Date.now()) - BigInt(start));
  }),
  list_timezones: native("list_timezones", ANY, () => NArray.of([...TIMEZONES])),
  duration_secs: native("duration_secs", 1, ([n]) => {
    if (!isInt(n)) throw typeError("duration_secs() requires an integer");
    const b = BigInt(n);
    return NMap.fromObject({ secs: intValue(b), millis: intValue(b * 1000n), nanos: intValue(b * 1_000_000_000n) });
  }),
  duration_millis: native("duration_millis", 1, ([n]) => {
    if (!isInt(n)) throw typeError("duration_millis() requires an integer");
    const b = BigInt(n);
    return NMap.fromObject({ secs: intValue(b / 1000n), millis: intValue(b), nanos: intValue(b * 1_000_000n) });
  }),
  SECOND: 1,
  MINUTE: 60,
  HOUR: 3600,
  DAY: 86400,
  WEEK: 604800,
});
