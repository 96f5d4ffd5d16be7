#!/usr/bin/env bun
/** `ntnt` command-line entry. Kept tiny so start-up stays fast: each command module loads only when it runs. */

// In the single binary argv[1] is the embedded entry ("/$bunfs/root/ntnt"); a child started as
// `[execPath, argv[1], …]` (the server's worker supervisor) repeats it, so drop the repeat.
let args = process.argv.slice(2);
if (args[0] === process.argv[1] && args[0]?.startsWith("/$bunfs/")) args = args.slice(1);

const { main } = await import("./cli/main");
process.exit(await main(args));
