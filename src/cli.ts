#!/usr/bin/env bun
/** `ntnt` command-line entry. Kept tiny so start-up stays fast: each command module loads only when it runs. */

import { statSync } from "node:fs";
import { join } from "node:path";
import { bundleIsFresh } from "./cli/bundle-stamp";
import { plainRunArgs } from "./cli/usage";

// In the single binary argv[1] is the embedded entry ("/$bunfs/root/ntnt"); a child started as
// `[execPath, argv[1], …]` (the server's worker supervisor) repeats it, so drop the repeat.
let args = process.argv.slice(2);
const inBinary = process.argv[1]?.startsWith("/$bunfs/") ?? false;
if (inBinary && args[0] === process.argv[1]) args = args.slice(1);

/**
 * From source the CLI runs from its bytecode bundles (scripts/build-cli-bundle.ts) while they
 * match the source: one module instead of about a hundred to transpile and compile; the plain
 * forms of `ntnt run` from a bundle of `run` alone. NTNT_NO_BUNDLE=1 runs the modules
 * themselves; the single binary is bundled already. Loading a bundle names it as the build.
 */
function fromBundle<T>(name: string): T | null {
  if (inBinary || process.env.NTNT_NO_BUNDLE === "1") return null;
  const root = join(import.meta.dir, "..");
  fresh ??= bundleIsFresh(root);
  if (!fresh) return null;
  const path = join(root, "src", name);
  build = fileIdentity(path);
  return require(path);
}

/** A build's file as its identity for the compile cache (src/engine/compile-cache.ts): path, inode, size, modification time. */
function fileIdentity(path: string): string | null {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? `${path}:${s.ino}:${s.size}:${s.mtimeMs}` : null;
}

let fresh: boolean | null = null;
// The single binary and the CLI bundles are builds the compile cache can name; the modules run from source are not.
let build: string | null = inBinary ? fileIdentity(process.execPath) : null;
if (args[0] === "run" && plainRunArgs(args.slice(1)) !== null) {
  const running = fromBundle<typeof import("./cli/run-only")>("cli-run.bundle.js")?.runPlain(args, build);
  if (running) process.exit(await running);
}
const { main } = fromBundle<typeof import("./cli/main")>("cli.bundle.js") ?? (await import("./cli/main"));
process.exit(await main(args, build));
