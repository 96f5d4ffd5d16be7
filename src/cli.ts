#!/usr/bin/env bun
/**
 * `ntnt` command-line entry. Kept tiny so start-up stays fast: the colour decision is made
 * before citty loads (citty reads NO_COLOR once at import), and every command module is
 * imported only when that command runs.
 */

if (!process.stdout.isTTY && process.env.NO_COLOR === undefined) process.env.NO_COLOR = "1";

const { main } = await import("./cli/main");
process.exit(await main(process.argv.slice(2)));
