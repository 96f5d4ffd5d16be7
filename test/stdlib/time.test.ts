import { describe, expect, test } from "bun:test";
import time from "../../src/stdlib/time";
import { parseDateTime } from "../../src/stdlib/shared/strftime";
import type { NArray, NMap } from "../../src/runtime/values";
import { call, err, ok } from "./native-call";

const TS = 1705321845; // 2024-01-15 12:30:45 UTC, a Monday
const fmt = (ts: number, f: string) => call(time, "format", [ts, f]);
const mapOf = (v: unknown) => Object.fromEntries((v as NMap).entries);

describe("std/time formatting", () => {
  test("common specifiers", async () => {
    expect(await fmt(TS, "%Y-%m-%d %H:%M:%S")).toBe("2024-01-15 12:30:45");
    expect(await fmt(TS, "%a %A %b %B %h %j %u %w")).toBe("Mon Monday Jan January Jan 015 1 1");
    expect(await fmt(TS, "%y %C %e %I %l %p %P %k")).toBe("24 20 15 12 12 PM pm 12");
    expect(await fmt(TS, "%F|%T|%D|%R|%r|%c|%x|%X")).toBe("2024-01-15|12:30:45|01/15/24|12:30|12:30:45 PM|Mon Jan 15 12:30:45 2024|01/15/24|12:30:45");
    expect(await fmt(TS, "%Z %z %:z %s %f %.3f|%.f|%%")).toBe("UTC +0000 +00:00 1705321845 000000000 .000||%");
    expect(await fmt(TS, "%U %W %G %V %g")).toBe("02 03 2024 03 24");
    expect(await fmt(0, "%-d/%-m %_H %0e %+")).toBe("1/1  0 01 1970-01-01T00:00:00+00:00");
    expect(await fmt(1704067200 - 86400, "%G-W%V")).toBe("2023-W52"); // Sunday 2023-12-31
    expect(await fmt(1735516800, "%G-W%V")).toBe("2025-W01"); // Monday 2024-12-30
  });

  test("years outside 0..9999 and negative timestamps", async () => {
    expect(await fmt(-62198755200, "%Y-%m-%d")).toBe("-0001-01-01");
    expect(await fmt(253402300800, "%Y")).toBe("+10000");
    expect(await fmt(-1, "%Y-%m-%d %H:%M:%S")).toBe("1969-12-31 23:59:59");
  });

  test("invalid format strings and timestamps raise", async () => {
    await expect(fmt(0, "%Q")).rejects.toThrow("Runtime error: Invalid format string: %Q");
    await expect(fmt(0, "abc %")).rejects.toThrow("Invalid format string: abc %");
    await expect(fmt(9e15, "%Y")).rejects.toThrow("Runtime error: Invalid timestamp");
    await expect(call(time, "format", ["0", "%Y"])).rejects.toThrow("Type error: format() requires (timestamp: Int, format: String)");
  });

  test("to_iso and aliases", async () => {
    expect(await call(time, "to_iso", [0])).toBe("1970-01-01T00:00:00+00:00");
    expect(await call(time, "format_timestamp", [TS, "%Y-%m-%d"])).toBe("2024-01-15");
  });
});

describe("std/time zones", () => {
  test("to_timezone is DST-correct with tzdb abbreviations", async () => {
    const winter = mapOf(await call(time, "to_timezone", [TS, "America/New_York"]));
    expect(winter).toMatchObject({ year: 2024, month: 1, day: 15, hour: 7, offset: "EST", timezone: "America/New_York" });
    const summer = mapOf(await call(time, "to_timezone", [1720000000, "America/New_York"]));
    expect(summer).toMatchObject({ hour: 5, offset: "EDT" });
    expect(mapOf(await call(time, "to_timezone", [TS, "Asia/Tokyo"]))).toMatchObject({ hour: 21, offset: "JST" });
    expect(mapOf(await call(time, "to_timezone", [1720000000, "Europe/Paris"]))).toMatchObject({ offset: "CEST" });
    expect(mapOf(await call(time, "to_timezone", [TS, "Asia/Singapore"]))).toMatchObject({ offset: "+08" });
  });

  test("to_utc map shape", async () => {
    const m = (await call(time, "to_utc", [TS])) as NMap;
    expect([...m.entries.keys()]).toEqual([
      "year",
      "month",
      "day",
      "hour",
      "minute",
      "second",
      "nanosecond",
      "weekday",
      "day_of_year",
      "timestamp",
      "timezone",
      "offset",
    ]);
    expect(mapOf(m)).toMatchObject({ weekday: 1, day_of_year: 15, timestamp: TS, timezone: "UTC", offset: "UTC" });
  });

  test("format_in with offsets across the DST switch (2024-03-10, New York)", async () => {
    const f = (ts: number) => call(time, "format_in", [ts, "America/New_York", "%H:%M %Z %z"]);
    expect(await f(1710053999)).toBe("01:59 EST -0500");
    expect(await f(1710054000)).toBe("03:00 EDT -0400");
    expect(await call(time, "format_in", [0, "Asia/Kolkata", "%H:%M %:z %Z"])).toBe("05:30 +05:30 IST");
    expect(await call(time, "format_in", [0, "Etc/GMT+5", "%H %z"])).toBe("19 -0500");
  });

  test("unknown or mis-cased zones raise", async () => {
    for (const tz of ["Mars/Base", "america/new_york", ""]) {
      await expect(call(time, "to_timezone", [0, tz])).rejects.toThrow(`Runtime error: Invalid timezone: '${tz}'. Use IANA format like 'America/New_York'`);
    }
    expect(((await call(time, "list_timezones", [])) as NArray).length).toBe(26);
  });
});

describe("std/time parsing", () => {
  test("parse_iso", async () => {
    expect(ok(await call(time, "parse_iso", ["2024-01-15T12:30:45Z"]))).toBe(TS);
    expect(ok(await call(time, "parse_iso", ["2024-01-15t07:30:45.123-05:00"]))).toBe(TS);
    expect(ok(await call(time, "parse_iso", ["2024-01-15 12:30:45+00:00"]))).toBe(TS);
    expect(err(await call(time, "parse_iso", ["2024-01-15"]))).toBe("Parse error: premature end of input");
    expect(err(await call(time, "parse_iso", ["2024-01-15T12:30:45"]))).toBe("Parse error: premature end of input");
    expect(err(await call(time, "parse_iso", ["hello"]))).toBe("Parse error: input contains invalid characters");
    expect(err(await call(time, "parse_iso", ["2024-13-15T12:30:45Z"]))).toBe("Parse error: input is out of range");
    expect(err(await call(time, "parse_iso", ["2024-01-15T12:30:45Zx"]))).toBe("Parse error: trailing input");
  });

  test("parse_datetime (chrono rules, date-only → midnight)", async () => {
    expect(ok(await call(time, "parse_datetime", ["2024-01-15 12:30:45", "%Y-%m-%d %H:%M:%S"]))).toBe(TS);
    expect(ok(await call(time, "parse_datetime", ["2024-01-15", "%Y-%m-%d"]))).toBe(1705276800);
    expect(ok(await call(time, "parse_datetime", ["15 Jan 2024 12:30:45 PM", "%d %b %Y %I:%M:%S %p"]))).toBe(TS);
    expect(ok(await call(time, "parse_datetime", ["Monday, January 15 2024 12:30", "%A, %B %d %Y %H:%M"]))).toBe(TS - 45);
    expect(ok(await call(time, "parse_datetime", ["2024-01-15T12:30:45+0200", "%Y-%m-%dT%H:%M:%S%z"]))).toBe(TS);
    expect(err(await call(time, "parse_datetime", ["12:30", "%H:%M"]))).toBe("Parse error: input is not enough for unique date and time");
    expect(parseDateTime("2024-01-15 12", "%Y-%m-%d %H")).toBe("input is not enough for unique date and time");
    expect(parseDateTime("2024-01", "%Y-%m-%d")).toBe("premature end of input");
    expect(parseDateTime("2024-01-15x", "%Y-%m-%d")).toBe("trailing input");
    expect(parseDateTime("2024/01/15", "%Y-%m-%d")).toBe("input contains invalid characters");
    expect(parseDateTime("2024-02-30", "%Y-%m-%d")).toBe("input is out of range");
    expect(parseDateTime("2024-13-01", "%Y-%m-%d")).toBe("input is out of range");
    expect(parseDateTime("Tue 2024-01-15", "%a %Y-%m-%d")).toBe("no possible date and time matching input");
    expect(parseDateTime("2024", "%Q")).toBe("bad or unsupported format string");
  });
});

describe("std/time arithmetic", () => {
  test("make_time / make_date", async () => {
    expect(ok(await call(time, "make_time", [2024, 1, 15, 12, 30, 45]))).toBe(TS);
    expect(ok(await call(time, "make_date", [2024, 1, 15]))).toBe(1705276800);
    expect(err(await call(time, "make_date", [2023, 2, 29]))).toBe("Invalid date components");
    expect(err(await call(time, "make_time", [2024, 1, 15, 24, 0, 0]))).toBe("Invalid date/time components");
    expect(err(await call(time, "make_time", [2024, -1, 15, 0, 0, 0]))).toBe("Invalid date/time components");
  });

  test("add_* and calendar-aware months/years", async () => {
    expect(await call(time, "add_days", [TS, -1])).toBe(TS - 86400);
    expect(await call(time, "add_weeks", [0, 2])).toBe(1209600);
    const jan31 = ok(await call(time, "make_time", [2024, 1, 31, 10, 0, 0])) as number;
    expect(await fmt((await call(time, "add_months", [jan31, 1])) as number, "%F %T")).toBe("2024-02-29 10:00:00");
    expect(await fmt((await call(time, "add_months", [jan31, -2])) as number, "%F")).toBe("2023-11-30");
    const feb29 = ok(await call(time, "make_date", [2024, 2, 29])) as number;
    expect(await fmt((await call(time, "add_years", [feb29, 1])) as number, "%F")).toBe("2025-02-28");
    expect(await call(time, "add_seconds", [9007199254740991, 1])).toBe(9007199254740992n);
  });

  test("diff, comparisons and fields", async () => {
    expect(mapOf(await call(time, "diff", [0, 90061]))).toEqual({ seconds: -90061, minutes: -1501, hours: -25, days: -1 });
    expect(await call(time, "before", [1, 2])).toBe(true);
    expect(await call(time, "after", [1, 2])).toBe(false);
    expect(await call(time, "equal", [2, 2])).toBe(true);
    expect(await call(time, "weekday_name", [TS])).toBe("Monday");
    expect(await call(time, "month_name", [TS])).toBe("January");
    expect(await call(time, "day_of_year", [1735603200])).toBe(366); // 2024-12-31
    expect(await call(time, "is_leap_year", [TS])).toBe(true);
    expect(await call(time, "hour", [TS])).toBe(12);
  });

  test("durations and constants", async () => {
    expect(mapOf(await call(time, "duration_secs", [5]))).toEqual({ secs: 5, millis: 5000, nanos: 5000000000 });
    expect(mapOf(await call(time, "duration_millis", [1500]))).toEqual({ secs: 1, millis: 1500, nanos: 1500000000 });
    expect(time.members.DAY).toBe(86400);
  });
});

describe("std/time clock", () => {
  test("now values and sleep suspends without blocking", async () => {
    expect((await call(time, "now", [])) as number).toBeGreaterThan(1.7e9);
    expect((await call(time, "now_millis", [])) as number).toBeGreaterThan(1.7e12);
    expect(typeof (await call(time, "now_nanos", []))).toBe("bigint");
    const start = Date.now();
    let ticked = false;
    setTimeout(() => (ticked = true), 5);
    const p = call(time, "sleep", [40]);
    await p;
    expect(ticked).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(35);
    expect((await call(time, "elapsed", [start])) as number).toBeGreaterThanOrEqual(35);
    await expect(call(time, "sleep", [-1])).rejects.toThrow("Runtime error: sleep() requires non-negative milliseconds");
  });
});
