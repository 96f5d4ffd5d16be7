/** The time of buffered log lines: the wall clock is read when a batch of lines begins, so a clock change shows from the next batch on. */

import { afterEach, expect, setSystemTime, test } from "bun:test";
import { setStdoutCapture } from "../../src/runtime/stdout";
import { ServerContext } from "../../src/server/context";
import { appLog, flushAccessLog } from "../../src/server/log";
import { testConfig } from "./helpers";

afterEach(() => {
  setStdoutCapture(null);
  setSystemTime();
  flushAccessLog();
});

test("each batch of lines takes the wall clock anew; lines within a batch never go back in time", () => {
  const out: string[] = [];
  setStdoutCapture((s) => out.push(s));
  const sc = new ServerContext();
  sc.config = testConfig({ production: true });
  const time = () => JSON.parse(out.at(-1)!).time as string;

  flushAccessLog();
  setSystemTime(new Date("2030-01-02T03:04:05.678Z"));
  appLog(sc, "info", "first", [], null);
  expect(time()).toBe("2030-01-02T03:04:05.678Z");
  appLog(sc, "info", "same batch", [], null);
  expect(time() >= "2030-01-02T03:04:05.678Z" && time() < "2030-01-02T03:04:06").toBe(true);

  flushAccessLog();
  setSystemTime(new Date("2031-06-07T08:09:10.011Z"));
  appLog(sc, "info", "next batch", [], null);
  expect(time()).toBe("2031-06-07T08:09:10.011Z");
});
