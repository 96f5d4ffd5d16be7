/** `ntnt run`'s arguments parsed without citty (src/cli/usage.ts plainRunArgs) are exactly what citty gives the command. */

import { expect, test } from "bun:test";
import { parseArgs } from "citty";
import run from "../../src/cli/run";
import { plainRunArgs } from "../../src/cli/usage";

const PLAIN = [
  ["app.tnt"],
  ["app.tnt", "--timeout", "5"],
  ["--timeout", "5", "app.tnt"],
  ["app.tnt", "--timeout=0.5", "--workers", "2"],
  ["--workers=3", "dir/app.tnt", "--timeout", "abc"],
];

const NOT_PLAIN = [
  [],
  ["app.tnt", "other.tnt"],
  ["app.tnt", "--help"],
  ["app.tnt", "-h"],
  ["app.tnt", "--timeout"],
  ["app.tnt", "--timeout", "-1"],
  ["app.tnt", "--timeout="],
  ["app.tnt", "--timeout", "1", "--timeout", "2"],
  ["app.tnt", "--verbose"],
  ["app.tnt", "--", "x"],
  ["-"],
];

test("plain forms parse as citty parses them", () => {
  for (const argv of PLAIN) {
    const mine = plainRunArgs(argv);
    expect(mine).not.toBeNull();
    const theirs = parseArgs(argv, run.args as never) as Record<string, unknown>;
    expect(mine).toEqual({
      file: theirs.file as string,
      ...(theirs.timeout !== undefined && { timeout: theirs.timeout as string }),
      ...(theirs.workers !== undefined && { workers: theirs.workers as string }),
    });
  }
});

test("anything else is left to citty", () => {
  for (const argv of NOT_PLAIN) expect(plainRunArgs(argv)).toBeNull();
});
