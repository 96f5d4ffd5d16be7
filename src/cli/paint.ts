/** ANSI colours for stderr progress lines: only on a terminal and never with NO_COLOR (cli.md §1). */

import { colourOn } from "../runtime/colour";

const enabled = (): boolean => colourOn(process.stderr);

const style =
  (code: string) =>
  (text: string): string =>
    enabled() ? `\x1b[${code}m${text}\x1b[0m` : text;

/** Status marks and summary labels, coloured as the reference colours them. */
export const paint = {
  green: style("32"),
  yellow: style("33"),
  red: style("31"),
  boldGreen: style("1;32"),
  boldYellow: style("1;33"),
  boldRed: style("1;31"),
  boldCyan: style("1;36"),
};

/** Write one line to stderr. */
export const note = (line = ""): void => void process.stderr.write(`${line}\n`);
