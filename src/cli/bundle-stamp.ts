/**
 * Whether src/cli.bundle.js (scripts/build-cli-bundle.ts) still matches the source: every input
 * of the bundle has the size and modification time it had when the bundle was built, and the
 * running Bun built it. Read by src/cli.ts on every run from source, so it stays this small.
 */

import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** What src/cli.bundle.json records: the Bun that built the bundle and each input (path from the repository root) with its [mtimeMs, size]. */
export interface BundleStamp {
  bun: string;
  files: Record<string, [number, number]>;
}

/** True when the bundle under `root` (the repository) was built by this Bun from the files as they are now. */
export function bundleIsFresh(root: string): boolean {
  let stamp: BundleStamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, "src", "cli.bundle.json"), "utf8"));
  } catch {
    return false;
  }
  if (stamp.bun !== Bun.version) return false;
  for (const path in stamp.files) {
    const s = statSync(join(root, path), { throwIfNoEntry: false });
    const [mtimeMs, size] = stamp.files[path]!;
    if (s?.mtimeMs !== mtimeMs || s.size !== size) return false;
  }
  return true;
}
