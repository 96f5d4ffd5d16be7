/**
 * The same program served by NTNT's own transport (the default, whose answers to NTNT's
 * responses are written from a field block: front/prepared-response.ts) and by Bun.serve
 * alone (NTNT_FRONT_DOOR=0) answers each request with the same status, the same header fields
 * (but `date`, and `connection`, which the transport also sends when it closes) and the same
 * body, over real HTTP.
 */

import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { exchange, type RawResponse } from "../hostile-http/raw-client";
import { type RunningApp, startApp } from "../support/ntnt-app";

const APP_DIR = join(import.meta.dir, "..", "hostile-http", "app");
let own: RunningApp;
let bun: RunningApp;

beforeAll(async () => {
  [own, bun] = await Promise.all([
    startApp("app.tnt", { cwd: APP_DIR, env: { NTNT_ENV: "production", NTNT_FRONT_DOOR: "1" } }),
    startApp("app.tnt", { cwd: APP_DIR, env: { NTNT_ENV: "production", NTNT_FRONT_DOOR: "0" } }),
  ]);
});
afterAll(() => {
  own.stop();
  bun.stop();
});

/** One request's answer: status, fields but `date` and `connection` in name order, body. */
async function answer(port: number, request: string, method: string): Promise<[number, string[], string]> {
  const r = await exchange(port, [request], { expectResponses: 1, methods: [method] });
  const res = r.responses[0] as RawResponse;
  const fields = [...res.headers].filter(([k]) => k !== "date" && k !== "connection").map(([k, v]) => `${k}: ${v}`);
  return [res.status, fields.sort(), Buffer.from(res.body).toString("latin1")];
}

const CASES: Array<[string, string]> = [
  ["GET", "/"],
  ["GET", "/raw"],
  ["GET", "/query?a=1&b=x%20y"],
  ["GET", "/users/42"],
  ["GET", "/nowhere"],
  ["GET", "/crash"],
  ["HEAD", "/"],
  ["GET", "/big"],
];

for (const [method, path] of CASES) {
  test(`${method} ${path}: the same answer from both`, async () => {
    const request = `${method} ${path} HTTP/1.1\r\nHost: t\r\nX-Request-Id: fixed-1\r\nConnection: close\r\n\r\n`;
    const [a, b] = await Promise.all([answer(own.port, request, method), answer(bun.port, request, method)]);
    expect(a).toEqual(b);
  });
}
