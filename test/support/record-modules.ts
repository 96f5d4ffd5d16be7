/**
 * Preload (`bun --preload test/support/record-modules.ts src/cli.ts …`): when the process
 * exits, writes the path of every module it loaded (Bun lists ES modules in require.cache
 * too), one per line, to the file named by NTNT_TEST_MODULES_OUT.
 */

import { writeFileSync } from "node:fs";

const out = process.env.NTNT_TEST_MODULES_OUT;
if (out) process.on("exit", () => writeFileSync(out, Object.keys(require.cache).join("\n")));
