/** Strict mode (cli.md §3): `NTNT_STRICT=1|true`, or `[lint] strict = true` in an `ntnt.toml` at or above the target. */

import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** True when the environment asks for strict mode. */
function strictFromEnv(): boolean {
  const v = process.env.NTNT_STRICT;
  return v === "1" || v === "true";
}

/** True when the nearest `ntnt.toml` at or above `path` (a file or directory) sets `[lint] strict = true`. */
function strictFromConfig(path: string): boolean {
  let dir = resolve(path);
  if (!isDirectory(dir)) dir = dirname(dir);
  for (;;) {
    const config = join(dir, "ntnt.toml");
    if (existsSync(config)) return readStrict(config);
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

/** Strict mode for a command working on `path`. */
export const isStrict = (path: string): boolean => strictFromEnv() || strictFromConfig(path);

function readStrict(config: string): boolean {
  try {
    const doc = Bun.TOML.parse(readFileSync(config, "utf8")) as { lint?: { strict?: unknown } };
    return doc.lint?.strict === true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
