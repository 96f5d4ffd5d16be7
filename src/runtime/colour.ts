/** The one colour rule (cli.md §1): ANSI colours only when the stream is a terminal, never with NO_COLOR set. */

/** True when output to `stream` may be coloured. */
export function colourOn(stream: { isTTY?: boolean }): boolean {
  return Boolean(stream.isTTY) && process.env.NO_COLOR === undefined;
}
