/** The plain failure report of a CLI command (cli.md §1). */

/** Print `Error: message` to stderr; returns exit code 1. */
export function fail(message: string): number {
  process.stderr.write(`Error: ${message}\n`);
  return 1;
}
