/** Writing to stdout from commands: ANSI colours only on a terminal and never with NO_COLOR (cli.md §1), synchronous writes. */

import { flushStdout, writeFully } from "../runtime/stdout";
import { colourOn } from "../runtime/colour";

/** Colour functions that return the text unchanged when colour is off. */
export function stdoutPaint() {
  const on = colourOn(process.stdout);
  const style = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { green: style("32"), red: style("31"), yellow: style("33"), cyan: style("36"), dim: style("2"), bold: style("1") };
}

/** Write to stdout synchronously: the CLI exits right after a command, which would cut off a pending asynchronous write to a pipe. */
export function printOut(text: string): void {
  flushStdout();
  writeFully(1, Buffer.from(text, "utf8"));
}
