/** One access-log line: the bytes written straight into a buffer are exactly the JSON line's text, or the writer declines. */

import { describe, expect, test } from "bun:test";
import { type AccessEntry, jsonLine, jsonLineBound, jsonLineInto } from "../../src/server/access-line";
import { requestId } from "../../src/server/request-identity";

const base: AccessEntry = {
  at: Date.UTC(2026, 11, 3, 19, 50, 1, 7),
  id: "88407917-3c28-4659-91f4-000022b0fa00",
  ip: "127.0.0.1",
  method: "GET",
  path: "/echo/a%22b",
  url: "/echo/a%22b?x=1",
  status: 200,
  bytes: 13,
  ms: 0.56,
};

function encoded(e: AccessEntry): string | null {
  const b = new Uint8Array(jsonLineBound(e) + 8).fill(0x2a);
  const end = jsonLineInto(e, b, 4);
  if (end < 0) return null;
  expect(end).toBeLessThanOrEqual(4 + jsonLineBound(e));
  expect(b[3]).toBe(0x2a);
  return Buffer.from(b.subarray(4, end)).toString("latin1");
}

describe("access line written into bytes", () => {
  test("the same text as the JSON line, for durations, byte counts and statuses of every shape", () => {
    const cases: Partial<AccessEntry>[] = [
      {},
      { ms: 0 },
      { ms: 3 },
      { ms: 0.5 },
      { ms: 0.05 },
      { ms: 12.34 },
      { ms: 1234.5 },
      { ms: 100 },
      { bytes: 0 },
      { bytes: "-" },
      { bytes: 1048576 },
      { status: 404, path: "/", url: "/" },
      { status: 503, method: "OPTIONS", ip: "::1" },
      { id: "client-chosen_id.42~" },
    ];
    for (const c of cases) {
      const e = { ...base, ...c };
      expect(encoded(e)).toBe(jsonLine(e));
    }
  });

  test("declines fields JSON must escape or that are not ASCII; the JSON line carries them exactly", () => {
    const cases: Partial<AccessEntry>[] = [
      { id: 'a"b' },
      { id: "a\\b" },
      { path: "/caf\u00e9", url: "/caf\u00e9" },
      { url: "/x?q=\u{1f600}" },
      { method: "G\tET" },
    ];
    for (const c of cases) {
      const e = { ...base, ...c };
      expect(encoded(e)).toBeNull();
      expect(JSON.parse(jsonLine(e))).toMatchObject({ request_id: e.id, path: e.path, url: e.url, method: e.method });
    }
  });
});

describe("the time field", () => {
  test("follows the clock across second, minute, year boundaries and backwards (its per-second prefix is remade)", () => {
    const second = Date.UTC(2026, 11, 31, 23, 59, 59);
    const times = [second, second + 1, second + 999, second + 1000, second + 1001, second + 60_999, second - 1, second - 86_400_000, second + 7];
    for (const at of times) {
      const e = { ...base, at };
      expect(encoded(e)).toBe(jsonLine(e));
      expect(JSON.parse(encoded(e)!).time).toBe(new Date(at).toISOString());
    }
  });
});

describe("the URL after the path", () => {
  test("a URL that is the path with a query, the path alone, or neither, is written exactly", () => {
    const cases: Partial<AccessEntry>[] = [
      { path: "/a/b", url: "/a/b" },
      { path: "/a/b", url: "/a/b?" },
      { path: "/a/b", url: "/a/b?x=1&y=%22" },
      { path: "/a", url: "/ab" },
      { path: "/a/b", url: "/other" },
    ];
    for (const c of cases) {
      const e = { ...base, ...c };
      expect(encoded(e)).toBe(jsonLine(e));
    }
    expect(encoded({ ...base, path: "/a", url: '/a?q="' })).toBeNull();
  });
});

describe("the request id", () => {
  test("ids the server made are written as made: each right after it is made, across the counter's 256-id steps, and earlier ones logged later", () => {
    const made: string[] = [];
    for (let i = 0; i < 600; i++) {
      const id = requestId(null);
      made.push(id);
      const e = { ...base, id };
      expect(encoded(e)).toBe(jsonLine(e));
    }
    for (const id of [made[0]!, made[257]!, made[598]!]) {
      const e = { ...base, id };
      expect(encoded(e)).toBe(jsonLine(e));
    }
  });

  test("an adopted id is checked like any field, also one of a made id's length right after an id was made", () => {
    requestId(null);
    for (const id of [requestId("0123456789abcdef0123456789abcdef0123"), requestId('0123456789abcdef0123456789abcdef012"')]) {
      const e = { ...base, id };
      expect(id).toHaveLength(36);
      expect(encoded(e)).toBe(id.includes('"') ? null : jsonLine(e));
    }
  });
});
