/**
 * The Request NTNT's own transport makes (src/server/front/transport-request.ts): its header
 * fields stay the parsed list until someone asks for `headers`, and `requestField` reads one
 * field from that list exactly as `headers.get` would answer it.
 */

import { expect, test } from "bun:test";
import { TransportRequest, peerAddress, requestField } from "../../src/server/front/transport-request";

const FIELDS = ["Host", "t", "X-Request-Id", "abc", "Accept", "a/b", "X-Forwarded-For", "1.2.3.4", "x-forwarded-for", "5.6.7.8", "Cookie", "a=1"];
const NAMES = ["host", "x-request-id", "accept", "x-forwarded-for", "cookie", "content-length", "x-request-i", "x-request-idd"];

test("a field read from the list is what the Headers object gives, repeated fields combined", () => {
  const plain = new Request("http://t/");
  for (let i = 0; i < FIELDS.length; i += 2) plain.headers.append(FIELDS[i]!, FIELDS[i + 1]!);
  for (const name of NAMES) {
    const fresh = new TransportRequest("http://t/", undefined, FIELDS, "10.0.0.1");
    expect(requestField(fresh, name)).toBe(plain.headers.get(name));
  }
  expect(requestField(new TransportRequest("http://t/", undefined, FIELDS, "p"), "x-forwarded-for")).toBe("1.2.3.4, 5.6.7.8");
});

test("the Headers object holds every field in order, and once made it is what fields are read from", () => {
  const req = new TransportRequest("http://t/a?b=1", { method: "POST", body: "xy" }, FIELDS, "10.0.0.1");
  expect([...req.headers]).toEqual([
    ...new Headers(Array.from({ length: FIELDS.length / 2 }, (_, i) => [FIELDS[2 * i]!, FIELDS[2 * i + 1]!] as [string, string])),
  ]);
  req.headers.set("x-request-id", "changed");
  expect(requestField(req, "x-request-id")).toBe("changed");
  expect(req.method).toBe("POST");
  expect(req.url).toBe("http://t/a?b=1");
  expect(peerAddress(req)).toBe("10.0.0.1");
  expect(peerAddress(new Request("http://t/"))).toBeUndefined();
});

test("a plain Request's fields are read from its Headers", () => {
  expect(requestField(new Request("http://t/", { headers: { "X-A": "1" } }), "x-a")).toBe("1");
});

test("a copy made with clone() has the fields", async () => {
  const req = new TransportRequest("http://t/", { method: "POST", body: "abc" }, ["X-A", "1"], "p");
  const copy = req.clone();
  expect(copy.headers.get("x-a")).toBe("1");
  expect(await copy.text()).toBe("abc");
});
