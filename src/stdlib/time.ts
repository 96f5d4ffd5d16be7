/**
 * std/time (stdlib §8): Int Unix seconds (UTC), broken-down Maps, chrono-style strftime,
 * IANA zones through Intl (DST-correct). `sleep` suspends instead of blocking.
 */

import { runtimeError, typeError } from "../runtime/errors";
import { declare } from "../runtime/declaration";
import { Err, isInt, NArray, NMap, Ok, type Value } from "../runtime/values";
import { civil, daysInMonth, fromCivil, isLeap, isZone, MAX_TS, MIN_TS, MONTHS, WEEKDAYS, zoneAbbreviation, zoneOffset } from "./shared/calendar";
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
  "UTC",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Phoenix",
  "America/Anchorage",
  "Pacific/Honolulu",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Moscow",
  "Asia/Tokyo",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Australia/Sydney",
  "Australia/Melbourne",
  "Pacific/Auckland",
  "America/Toronto",
  "America/Vancouver",
  "America/Mexico_City",
  "America/Sao_Paulo",
  "Africa/Cairo",
  "Africa/Johannesburg",
];

const ANY: [number, number] = [0, -1];

/** Resolve after `ms` (in timer-sized steps: setTimeout caps delays at 2^31-1 ms). */
async function sleepFor(ms: number): Promise<Value> {
  for (let left = ms; left > 0; left -= 2 ** 31 - 1) {
    await new Promise((done) => setTimeout(done, Math.min(left, 2 ** 31 - 1)));
  }
  return undefined;
}

export default defineModule(
  "std/time",
  {
    now: declare(
      "now() -> Int",
      "Current time as Unix seconds.",
      "now()  // 1767225600",
      native("now", ANY, () => Math.floor(Date.now() / 1000)),
    ),
    now_millis: declare(
      "now_millis() -> Int",
      "Current time as Unix milliseconds.",
      "now_millis()",
      native("now_millis", ANY, () => Date.now()),
    ),
    now_nanos: declare(
      "now_nanos() -> Int",
      "Current time as Unix nanoseconds.",
      "now_nanos()",
      native("now_nanos", ANY, () => {
        const ns = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
        if (ns > 9223372036854775807n) throw runtimeError("Timestamp out of range for nanoseconds");
        return intValue(ns);
      }),
    ),
    to_utc: declare(
      "to_utc(ts: Int) -> Map<String, Any>",
      "A timestamp broken down in UTC (year, month, day, hour, …).",
      'to_utc(0)["year"]  // 1970',
      native("to_utc", 1, ([ts]) => {
        if (!isInt(ts)) throw typeError("to_utc() requires a timestamp");
        return brokenDown(instant(ts), null, "UTC");
      }),
    ),
    to_timezone: declare(
      "to_timezone(ts: Int, tz: String) -> Map<String, Any>",
      "A timestamp broken down in an IANA time zone.",
      'to_timezone(0, "Europe/Paris")["hour"]  // 1',
      native("to_timezone", 2, ([ts, tz]) => {
        if (!isInt(ts) || typeof tz !== "string") throw typeError("to_timezone() requires (timestamp: Int, timezone: String)");
        const t = instant(ts);
        return brokenDown(t, zone(tz), tz);
      }),
    ),
    format: declare(
      "format(ts: Int, fmt: String) -> String",
      "strftime formatting in UTC.",
      'format(0, "%Y-%m-%d")  // "1970-01-01"',
      formatUtc("format", "format() requires (timestamp: Int, format: String)"),
    ),
    format_timestamp: declare(
      "format_timestamp(ts: Int, fmt: String) -> String",
      "strftime formatting in UTC (same as format).",
      'format_timestamp(0, "%H:%M")  // "00:00"',
      formatUtc("format_timestamp", "format_timestamp() requires int and format string"),
    ),
    format_in: declare(
      "format_in(ts: Int, tz: String, fmt: String) -> String",
      "strftime formatting in an IANA time zone.",
      'format_in(0, "Asia/Tokyo", "%H:%M")  // "09:00"',
      native("format_in", 3, ([ts, tz, fmt]) => {
        if (!isInt(ts) || typeof tz !== "string" || typeof fmt !== "string") {
          throw typeError("format_in() requires (timestamp: Int, timezone: String, format: String)");
        }
        const t = instant(ts);
        return format(t, zone(tz), fmt);
      }),
    ),
    to_iso: declare(
      "to_iso(ts: Int) -> String",
      "RFC 3339 text in UTC.",
      'to_iso(0)  // "1970-01-01T00:00:00+00:00"',
      native("to_iso", 1, ([ts]) => {
        if (!isInt(ts)) throw typeError("to_iso() requires a timestamp");
        return format(instant(ts), null, "%Y-%m-%dT%H:%M:%S%:z");
      }),
    ),
    parse_iso: declare(
      "parse_iso(s: String) -> Result<Int, String>",
      "Parse RFC 3339 text to Unix seconds.",
      'parse_iso("1970-01-02T00:00:00Z")  // Ok(86400)',
      native("parse_iso", 1, ([s]) => {
        if (typeof s !== "string") throw typeError("parse_iso() requires a string");
        return parseResult(parseRfc3339(s));
      }),
    ),
    parse_datetime: declare(
      "parse_datetime(s: String, fmt: String) -> Result<Int, String>",
      "Parse text with a strftime format (date and time) to Unix seconds, as UTC.",
      'parse_datetime("2024-01-01 00:00", "%Y-%m-%d %H:%M")',
      native("parse_datetime", 2, ([s, fmt]) => {
        if (typeof s !== "string" || typeof fmt !== "string") {
          throw typeError("parse_datetime() requires (date_str: String, format: String)");
        }
        return parseResult(parseDateTime(s, fmt));
      }),
    ),
    make_time: declare(
      "make_time(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Result<Int, String>",
      "Unix seconds of a UTC date and time.",
      "make_time(1970, 1, 1, 0, 1, 0)  // Ok(60)",
      native("make_time", 6, (args) => {
        if (!args.every(isInt)) throw typeError("make_time() requires 6 integers: (year, month, day, hour, minute, second)");
        const [y, mo, d, h, mi, s] = args.map(Number) as [number, number, number, number, number, number];
        const ts = fromCivil(y, mo, d, h, mi, s);
        return ts === null ? Err("Invalid date/time components") : Ok(ts);
      }),
    ),
    make_date: declare(
      "make_date(year: Int, month: Int, day: Int) -> Result<Int, String>",
      "Unix seconds of midnight UTC on a date.",
      "make_date(1970, 1, 2)  // Ok(86400)",
      native("make_date", 3, (args) => {
        if (!args.every(isInt)) throw typeError("make_date() requires 3 integers: (year, month, day)");
        const [y, mo, d] = args.map(Number) as [number, number, number];
        const ts = fromCivil(y, mo, d);
        return ts === null ? Err("Invalid date components") : Ok(ts);
      }),
    ),
    add_seconds: declare("add_seconds(ts: Int, n: Int) -> Int", "ts plus n seconds.", "add_seconds(0, 30)  // 30", adder("add_seconds", "seconds", 1)),
    add_minutes: declare("add_minutes(ts: Int, n: Int) -> Int", "ts plus n minutes.", "add_minutes(0, 2)  // 120", adder("add_minutes", "minutes", 60)),
    add_hours: declare("add_hours(ts: Int, n: Int) -> Int", "ts plus n hours.", "add_hours(0, 1)  // 3600", adder("add_hours", "hours", 3600)),
    add_days: declare("add_days(ts: Int, n: Int) -> Int", "ts plus n days.", "add_days(0, 1)  // 86400", adder("add_days", "days", 86400)),
    add_weeks: declare("add_weeks(ts: Int, n: Int) -> Int", "ts plus n weeks.", "add_weeks(0, 1)  // 604800", adder("add_weeks", "weeks", 604800)),
    add_months: declare(
      "add_months(ts: Int, n: Int) -> Int",
      "ts plus n calendar months (day clamped to the month's length).",
      "add_months(0, 1)  // 2678400",
      shift("add_months", "months", 1),
    ),
    add_years: declare("add_years(ts: Int, n: Int) -> Int", "ts plus n calendar years.", "add_years(0, 1)  // 31536000", shift("add_years", "years", 12)),
    diff: declare(
      "diff(a: Int, b: Int) -> Map<String, Int>",
      "a − b in seconds, minutes, hours and days.",
      'diff(7200, 0)["hours"]  // 2',
      native("diff", 2, ([a, b]) => {
        if (!isInt(a) || !isInt(b)) throw typeError("diff() requires two timestamps");
        const d = BigInt(a) - BigInt(b);
        return NMap.fromObject({
          seconds: intValue(d),
          minutes: intValue(d / 60n),
          hours: intValue(d / 3600n),
          days: intValue(d / 86400n),
        });
      }),
    ),
    before: declare(
      "before(a: Int, b: Int) -> Bool",
      "True when a is earlier than b.",
      "before(0, 1)  // true",
      compare("before", (a, b) => a < b),
    ),
    after: declare(
      "after(a: Int, b: Int) -> Bool",
      "True when a is later than b.",
      "after(1, 0)  // true",
      compare("after", (a, b) => a > b),
    ),
    equal: declare(
      "equal(a: Int, b: Int) -> Bool",
      "True when both are the same instant.",
      "equal(5, 5)  // true",
      compare("equal", (a, b) => a === b),
    ),
    year: declare(
      "year(ts: Int) -> Int",
      "UTC year.",
      "year(0)  // 1970",
      field("year", (c) => c.year),
    ),
    month: declare(
      "month(ts: Int) -> Int",
      "UTC month, 1–12.",
      "month(0)  // 1",
      field("month", (c) => c.month),
    ),
    day: declare(
      "day(ts: Int) -> Int",
      "UTC day of the month, 1–31.",
      "day(0)  // 1",
      field("day", (c) => c.day),
    ),
    hour: declare(
      "hour(ts: Int) -> Int",
      "UTC hour, 0–23.",
      "hour(3600)  // 1",
      field("hour", (c) => c.hour),
    ),
    minute: declare(
      "minute(ts: Int) -> Int",
      "UTC minute, 0–59.",
      "minute(60)  // 1",
      field("minute", (c) => c.minute),
    ),
    second: declare(
      "second(ts: Int) -> Int",
      "UTC second, 0–59.",
      "second(5)  // 5",
      field("second", (c) => c.second),
    ),
    weekday: declare(
      "weekday(ts: Int) -> Int",
      "UTC day of the week, 0 = Sunday.",
      "weekday(0)  // 4",
      field("weekday", (c) => c.weekday),
    ),
    weekday_name: declare(
      "weekday_name(ts: Int) -> String",
      "English name of the UTC weekday.",
      'weekday_name(0)  // "Thursday"',
      field("weekday_name", (c) => WEEKDAYS[c.weekday]),
    ),
    month_name: declare(
      "month_name(ts: Int) -> String",
      "English name of the UTC month.",
      'month_name(0)  // "January"',
      field("month_name", (c) => MONTHS[c.month - 1]),
    ),
    day_of_year: declare(
      "day_of_year(ts: Int) -> Int",
      "UTC day of the year, 1–366.",
      "day_of_year(0)  // 1",
      field("day_of_year", (c) => c.yday),
    ),
    is_leap_year: declare(
      "is_leap_year(ts: Int) -> Bool",
      "True when the UTC year of ts is a leap year.",
      "is_leap_year(make_date(2024, 1, 1).unwrap())  // true",
      field("is_leap_year", (c) => isLeap(c.year)),
    ),
    sleep: declare(
      "sleep(ms: Int) -> ()",
      "Pause for ms milliseconds.",
      "sleep(100)",
      native(
        "sleep",
        1,
        ([ms]) => {
          if (!isInt(ms)) throw typeError("sleep() requires an integer (milliseconds)");
          if (ms < 0) throw runtimeError("sleep() requires non-negative milliseconds");
          return sleepFor(Number(ms));
        },
        { mayAsync: true },
      ),
    ),
    elapsed: declare(
      "elapsed(start_ms: Int) -> Int",
      "Milliseconds since start_ms (from now_millis()).",
      "elapsed(started)",
      native("elapsed", 1, ([start]) => {
        if (!isInt(start)) throw typeError("elapsed() requires a start timestamp");
        return intValue(BigInt(Date.now()) - BigInt(start));
      }),
    ),
    list_timezones: declare(
      "list_timezones() -> [String]",
      "Common IANA time zone names.",
      'list_timezones()[0]  // "UTC"',
      native("list_timezones", ANY, () => NArray.of([...TIMEZONES])),
    ),
    duration_secs: declare(
      "duration_secs(n: Int) -> Map<String, Int>",
      "A duration of n seconds as secs/millis/nanos.",
      'duration_secs(2)["millis"]  // 2000',
      native("duration_secs", 1, ([n]) => {
        if (!isInt(n)) throw typeError("duration_secs() requires an integer");
        const b = BigInt(n);
        return NMap.fromObject({ secs: intValue(b), millis: intValue(b * 1000n), nanos: intValue(b * 1_000_000_000n) });
      }),
    ),
    duration_millis: declare(
      "duration_millis(ms: Int) -> Map<String, Int>",
      "A duration of ms milliseconds as secs/millis/nanos.",
      'duration_millis(1500)["secs"]  // 1',
      native("duration_millis", 1, ([n]) => {
        if (!isInt(n)) throw typeError("duration_millis() requires an integer");
        const b = BigInt(n);
        return NMap.fromObject({ secs: intValue(b / 1000n), millis: intValue(b), nanos: intValue(b * 1_000_000n) });
      }),
    ),
    SECOND: 1,
    MINUTE: 60,
    HOUR: 3600,
    DAY: 86400,
    WEEK: 604800,
  },
  "Unix-seconds timestamps: formatting, parsing, calendar arithmetic, time zones",
);
