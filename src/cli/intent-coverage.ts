/** `ntnt intent coverage FILE [--intent PATH]` (cli.md §7.6): `@implements` coverage of the features; exit 1 when none is covered. */

import { defineCommand } from "citty";
import { fail } from "./fail";
import { printOut, stdoutPaint } from "./stdout-paint";

export default defineCommand({
  meta: { name: "coverage", description: "Show which features of the .intent file have @implements annotations in the code" },
  args: {
    file: { type: "positional", description: "The program (.tnt) or its intent file (.intent)", required: true },
    intent: { type: "string", alias: "i", valueHint: "path", description: "Intent file (default: FILE with the extension .intent)" },
  },
  async run({ args }) {
    const { existsSync } = await import("node:fs");
    if (!existsSync(args.file)) return fail(`File not found: ${args.file}`);
    const { resolvePair } = await import("../intent/pair");
    const pair = resolvePair(args.file, args.intent);
    if (!pair.intent) return fail(`No intent file found. Create ${pair.stem}.intent or specify with --intent`);
    if (!pair.program) return fail(`No .tnt file found. Create ${pair.stem}.tnt to check coverage`);
    const { loadIntentFile } = await import("../intent/index");
    const loaded = loadIntentFile(pair.intent);
    if (!loaded.ok) return fail(`Failed to parse intent file: ${loaded.error}`);
    const { coverageReport, coverageText } = await import("../intent/coverage");
    const report = await coverageReport(loaded.intent, pair.intent, pair.program);
    printOut(coverageText(report, stdoutPaint()));
    return report.features.length > 0 && report.covered === 0 ? 1 : 0;
  },
});
