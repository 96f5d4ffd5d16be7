/**
 * Runs the hostile-HTTP corpus (corpus.ts) over raw sockets against a real `ntnt run` server,
 * in development and in production mode behind the front door, and in production mode on
 * Bun.serve alone. The cases run concurrently (a few at a time) before
 * the per-case tests read their results; after each case the server must still answer.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningApp, startApp } from "../support/ntnt-app";
import { CORPUS, type HostileCase, type Mode } from "./corpus";
import { type Exchange, exchange } from "./raw-client";

const APP_DIR = join(import.meta.dir, "app");
const PARALLEL = 8;

interface Outcome {
  result: Exchange;
  stillAnswers: boolean;
}

/** Methods of the requests in a case, in order, so HEAD responses parse without a body. */
function methodsOf(c: HostileCase): string[] {
  const text = c.send.map((p) => (typeof p === "string" ? p : p instanceof Uint8Array ? Buffer.from(p).toString("latin1") : "")).join("");
  return [...text.matchAll(/(?:^|\r?\n)([A-Za-z-]+) \S+ HTTP\/1\.[01]\r?\n/g)].map((m) => m[1]!);
}

async function runCase(port: number, c: HostileCase): Promise<Outcome> {
  const result = await exchange(port, c.send, {
    expectResponses: Math.max(c.expect.length, 1),
    methods: methodsOf(c),
    timeoutMs: c.timeoutMs ?? 3000,
    graceMs: 150,
  });
  let stillAnswers = false;
  try {
    const r = await fetch(`http://127.0.0.1:${port}/health`, { headers: { connection: "close" }, signal: AbortSignal.timeout(3000) });
    stillAnswers = r.status === 200 && (await r.text()) === "ok";
  } catch {
    stillAnswers = false;
  }
  return { result, stillAnswers };
}

/** What is wrong with an outcome, or null. */
export function complaint(c: HostileCase, o: Outcome, mode: Mode): string | null {
  if (!o.stillAnswers) return "the server stopped answering";
  const finals = o.result.responses.filter((r) => r.status >= 200);
  const interim = o.result.responses.filter((r) => r.status < 200).map((r) => r.status);
  const got = finals.map((r) => r.status);
  const fits = got.length === c.expect.length && c.expect.every((want, i) => (Array.isArray(want) ? want : [want]).includes(got[i]!));
  if (!fits) return `statuses ${JSON.stringify(got)}, want ${JSON.stringify(c.expect)}`;
  if (o.result.garbage.trim() !== "") return `unparsable bytes after the responses: ${JSON.stringify(o.result.garbage.slice(0, 60))}`;
  if (c.interim && JSON.stringify(interim) !== JSON.stringify(c.interim)) return `interim ${JSON.stringify(interim)}, want ${JSON.stringify(c.interim)}`;
  if (c.close !== undefined && o.result.closed !== c.close) return c.close ? "connection left open" : "connection closed";
  return c.check?.(finals, mode) ?? null;
}

/** Both modes behind the front door, where every case must pass; and production on Bun.serve alone. */
const CONFIGS: { mode: Mode; frontDoor: boolean }[] = [
  { mode: "development", frontDoor: true },
  { mode: "production", frontDoor: true },
  { mode: "production", frontDoor: false },
];

for (const { mode, frontDoor } of CONFIGS) {
  describe(`hostile HTTP (${mode}, ${frontDoor ? "front door" : "Bun.serve alone"})`, () => {
    let app: RunningApp | null = null;
    const outcomes = new Map<string, Outcome>();
    beforeAll(async () => {
      const env = { NTNT_ENV: mode, NTNT_MAX_BODY: "1000", NTNT_TIMEOUT: "5", NTNT_FRONT_DOOR: frontDoor ? "1" : "0" };
      app = await startApp("app.tnt", { cwd: APP_DIR, env });
      const queue = [...CORPUS];
      const worker = async () => {
        for (let c = queue.shift(); c; c = queue.shift()) outcomes.set(c.name, await runCase(app!.port, c));
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    }, 120_000);
    afterAll(async () => {
      await app?.stop();
    });

    for (const c of CORPUS) {
      const body = () => {
        const o = outcomes.get(c.name);
        expect(o).toBeDefined();
        expect(complaint(c, o!, mode)).toBeNull();
      };
      if (c.known && !frontDoor) test.failing(`${c.name} [known: ${c.known}]`, body);
      else test(c.name, body);
    }
    test("the server survived the whole corpus", async () => {
      const r = await fetch(`${app!.base}/health`);
      expect(r.status).toBe(200);
      expect(app!.proc.exitCode).toBeNull();
    });
  });
}
