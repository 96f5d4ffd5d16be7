/** Types for the Peggy-generated parser (src/parser/generated.js). */
export const StartRules: string[];
export class SyntaxError extends Error {
  location: { start: { offset: number; line: number; column: number } };
  expected: unknown[] | null;
  found: string | null;
}
export function parse(input: string, options?: Record<string, unknown>): unknown;
