/** What a fuzz mode reports about one case, and how it tells a user-facing error from a leak. */

/** A defect found by one case: what went wrong and the input that shows it. */
export interface Finding {
  mode: string;
  index: number;
  problem: string;
  input: string;
}

/** JavaScript engine wording that must never reach a user, even inside an NTNT error. */
const JS_LEAK =
  /Maximum call stack|Out of memory|Invalid string length|Invalid array length|is not a function|is not an object|Cannot read propert|undefined is not|null is not|RangeError|TypeError:|SyntaxError|BigInt|Symbol\(|\[object /;

/** Why an error thrown for a case is a defect, or null when it is a proper NTNT error. */
export function leakOf(e: unknown): string | null {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code !== "string" || !/^E\d{3}$/.test(code))
    return `non-NTNT error: ${e instanceof Error ? e.constructor.name : typeof e}: ${message.slice(0, 200)}`;
  if (JS_LEAK.test(message)) return `JavaScript message in an NTNT error: ${message.slice(0, 200)}`;
  return null;
}
