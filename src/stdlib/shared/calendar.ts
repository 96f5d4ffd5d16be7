/**
 * Proleptic Gregorian calendar arithmetic on Unix seconds and IANA zone lookups (via Intl),
 * for std/time. Timestamps are plain JS numbers: chrono's range (±262 000 years) is far inside
 * the safe-integer range.
 */

/** chrono's NaiveDateTime range in Unix seconds (year -262143 … 262142). */
export const MIN_TS = -8334632851200;
export const MAX_TS = 8210298412799;

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A broken-down wall-clock time. */
export interface Civil {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
  yday: number; // 1–366
}

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const mod = (a: number, b: number) => ((a % b) + b) % b;

/** Gregorian leap year. */
export const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Length of month `m` (1–12) in year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = floorDiv(yy, 400);
  const yoe = yy - era * 400;
  const doy = floorDiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = floorDiv(zz, 146097);
  const doe = zz - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const d = doy - floorDiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Break down seconds (already shifted to local wall-clock time) into calendar fields. */
export function civil(ts: number): Civil {
  const days = floorDiv(ts, 86400);
  const secs = ts - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: floorDiv(secs, 3600),
    minute: floorDiv(secs % 3600, 60),
    second: secs % 60,
    weekday: mod(days + 4, 7),
    yday: days - daysFromCivil(year, 1, 1) + 1,
  };
}

/** Unix seconds of a civil date-time taken as UTC; null for out-of-range components. */
export function fromCivil(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return null;
  const ts = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return ts < MIN_TS || ts > MAX_TS ? null : ts;
}

/** ISO 8601 week-numbering year and week of a civil date. */
export function isoWeek(c: Civil): [number, number] {
  const wdMon = mod(c.weekday - 1, 7); // 0 = Monday
  const week = floorDiv(c.yday - wdMon + 9, 7);
  if (week < 1) {
    const prev = c.year - 1;
    const decDays = isLeap(prev) ? 366 : 365;
    return isoWeek({ ...c, year: prev, yday: c.yday + decDays });
  }
  const yearDays = isLeap(c.year) ? 366 : 365;
  if (week === 53 && c.yday - wdMon + 3 > yearDays) return [c.year + 1, 1];
  return [c.year, week];
}

// ---- Zones ----

interface ZoneFormats {
  offset: Intl.DateTimeFormat;
  name: Intl.DateTimeFormat;
}
const zones = new Map<string, ZoneFormats | null>();

/** tzdb abbreviations that Intl's en-US short names render as `GMT+n`, keyed by offset minutes. */
const ABBREVIATIONS: Record<string, Record<number, string>> = {
  "Europe/London": { 0: "GMT", 60: "BST" },
  "Europe/Dublin": { 0: "GMT", 60: "IST" },
  "Europe/Lisbon": { 0: "WET", 60: "WEST" },
  "Europe/Paris": { 60: "CET", 120: "CEST" },
  "Europe/Berlin": { 60: "CET", 120: "CEST" },
  "Europe/Madrid": { 60: "CET", 120: "CEST" },
  "Europe/Rome": { 60: "CET", 120: "CEST" },
  "Europe/Amsterdam": { 60: "CET", 120: "CEST" },
  "Europe/Brussels": { 60: "CET", 120: "CEST" },
  "Europe/Vienna": { 60: "CET", 120: "CEST" },
  "Europe/Zurich": { 60: "CET", 120: "CEST" },
  "Europe/Stockholm": { 60: "CET", 120: "CEST" },
  "Europe/Oslo": { 60: "CET", 120: "CEST" },
  "Europe/Copenhagen": { 60: "CET", 120: "CEST" },
  "Europe/Warsaw": { 60: "CET", 120: "CEST" },
  "Europe/Prague": { 60: "CET", 120: "CEST" },
  "Europe/Athens": { 120: "EET", 180: "EEST" },
  "Europe/Helsinki": { 120: "EET", 180: "EEST" },
  "Europe/Kiev": { 120: "EET", 180: "EEST" },
  "Europe/Kyiv": { 120: "EET", 180: "EEST" },
  "Europe/Moscow": { 180: "MSK" },
  "Africa/Cairo": { 120: "EET", 180: "EEST" },
  "Africa/Johannesburg": { 120: "SAST" },
  "Africa/Lagos": { 60: "WAT" },
  "Africa/Nairobi": { 180: "EAT" },
  "Asia/Tokyo": { 540: "JST" },
  "Asia/Seoul": { 540: "KST" },
  "Asia/Shanghai": { 480: "CST" },
  "Asia/Hong_Kong": { 480: "HKT" },
  "Asia/Kolkata": { 330: "IST" },
  "Asia/Calcutta": { 330: "IST" },
  "Asia/Karachi": { 300: "PKT" },
  "Asia/Jerusalem": { 120: "IST", 180: "IDT" },
  "Asia/Manila": { 480: "PST" },
  "Asia/Jakarta": { 420: "WIB" },
  "Australia/Sydney": { 600: "AEST", 660: "AEDT" },
  "Australia/Melbourne": { 600: "AEST", 660: "AEDT" },
  "Australia/Brisbane": { 600: "AEST" },
  "Australia/Adelaide": { 570: "ACST", 630: "ACDT" },
  "Australia/Perth": { 480: "AWST" },
  "Pacific/Auckland": { 720: "NZST", 780: "NZDT" },
};

function zoneFormats(tz: string): ZoneFormats | null {
  let z = zones.get(tz);
  if (z !== undefined) return z;
  z = null;
  // tz names are case-sensitive in chrono-tz; ICU would accept "america/new_york".
  if (/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/.test(tz)) {
    try {
      z = {
        offset: new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" }),
        name: new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "short" }),
      };
    } catch {
      z = null;
    }
  }
  zones.set(tz, z);
  return z;
}

/** True when `tz` names a known IANA zone (case-sensitive). */
export const isZone = (tz: string): boolean => zoneFormats(tz) !== null;

function zonePart(f: Intl.DateTimeFormat, ts: number): string {
  return f.formatToParts(new Date(ts * 1000)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
}

/** The zone's UTC offset in seconds at instant `ts` (DST-aware). */
export function zoneOffset(tz: string, ts: number): number {
  const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(zonePart(zoneFormats(tz)!.offset, ts));
  if (!m) return 0;
  const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -secs : secs;
}

/** tzdb-style abbreviation (`EST`, `CEST`, `JST`, or `+08` where tzdb has none). */
export function zoneAbbreviation(tz: string, ts: number, offset: number): string {
  if (tz === "UTC" || tz === "Etc/UTC" || tz === "Etc/Universal" || tz === "Zulu") return "UTC";
  const table = ABBREVIATIONS[tz]?.[offset / 60];
  if (table) return table;
  const short = zonePart(zoneFormats(tz)!.name, ts);
  if (/^[A-Z]{3,5}$/.test(short) && (short !== "GMT" || offset === 0)) return short;
  return numericAbbreviation(offset);
}

/** `+08`, `-03`, `+0530`: tzdb's numeric abbreviations. */
function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, "0");
  const mm = Math.floor((a % 3600) / 60);
  return sign + hh + (mm ? String(mm).padStart(2, "0") : "");
}
