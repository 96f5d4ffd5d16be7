/**
 * `ntnt run` serves HTTP/1.1 with NTNT's own transport unless NTNT_FRONT_DOOR=0: the cases
 * Bun.serve alone gets wrong (docs/decisions.md) are answered with no switch set.
 */

import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { exchange } from "../hostile-http/raw-client";
import { type RunningApp, startApp } from "../support/ntnt-app";

const APP_DIR = join(import.meta.dir, "..", "hostile-http", "app");
let app: RunningApp;

beforeAll(async () => {
  app = await startApp("app.tnt", { cwd: APP_DIR, env: { NTNT_ENV: "production", NTNT_FRONT_DOOR: "" } });
});
afterAll(() => app.stop());

test("a request pipelined behind a slow one is answered after it, in order", async () => {
  const get = (p: string) => `GET ${p} HTTP/1.1\r\nHost: t\r\n\r\n`;
  const r = await exchange(app.port, [get("/slow") + get("/health")], { expectResponses: 2 });
  expect(r.responses.map((x) => [x.status, x.body])).toEqual([
    [200, "slow"],
    [200, "ok"],
  ]);
});

test("a method the server does not know gets 501 instead of a closed connection", async () => {
  const r = await exchange(app.port, ["BREW /health HTTP/1.1\r\nHost: t\r\n\r\n"], { expectResponses: 1 });
  expect(r.responses.map((x) => x.status)).toEqual([501]);
  expect(await (await fetch(`${app.base}/health`)).text()).toBe("ok");
});
