/** `ntnt intent init FILE [--output|-o OUT]` (cli.md §7.7): a program skeleton from the intent file, on stdout or into OUT. */

import { defineCommand } from "citty";
import { fail } from "./fail";
import { printOut, stdoutPaint } from "./stdout-paint";

export default defineCommand({
  meta: { name: "init", description: "Generate a program skeleton (handler stubs and routes) from an intent file" },
  args: {
    file: { type: "positional", description: "The intent file (or the program whose .intent file to use)", required: true },
    output: { type: "string", alias: "o", valueHint: "out", description: "Write the skeleton to this file instead of stdout" },
  },
  async run({ args }) {
    const { existsSync, writeFileSync } = await import("node:fs");
    const { resolvePair } = await import("../intent/pair");
    const pair = resolvePair(args.file);
    if (!pair.intent)
      return fail(
        existsSync(args.file) || !args.file.endsWith(".intent") ? `No intent file found. Create ${pair.stem}.intent first` : `File not found: ${args.file}`,
      );
    const { loadIntentFile } = await import("../intent/index");
    const loaded = loadIntentFile(pair.intent);
    if (!loaded.ok) return fail(`Failed to parse intent file: ${loaded.error}`);
    const { scaffold } = await import("../intent/scaffold");
    const program = scaffold(loaded.intent, pair.intent);
    if (args.output === undefined) {
      printOut(`${program}\n`);
      return 0;
    }
    try {
      writeFileSync(args.output, program);
    } catch (err) {
      const { osErrorText } = await import("../runtime/os-error");
      return fail(`Cannot write ${args.output}: ${osErrorText(err)}`);
    }
    const p = stdoutPaint();
    printOut(
      `${p.green(`Generated ${args.output} from intent file`)}\n\nNext steps:\n  1. Implement the TODO functions in ${args.output}\n  2. Run ${p.cyan(`ntnt intent check ${args.output}`)} to verify\n`,
    );
    return 0;
  },
});
