/**
 * A response NTNT's builders make for a request that came through NTNT's own transport: its
 * status and body are the Response's own, its header fields a block of lines checked and
 * lower-cased when it was made, which the transport writes as they are — no `Headers` object
 * is built per request and none is read back. Anyone who asks for `headers` (Elysia merging
 * its own, a hook adding a field) gets a real `Headers` made from the block, and from then
 * on the transport writes the response from that object like any other, so what was changed
 * is what is sent (and what `clone()` copies).
 */

/** `name: value\r\n` lines: names lower-case tokens, values printable ASCII without surrounding spaces. */
export type FieldBlock = string;

export class PreparedResponse extends Response {
  readonly #block: FieldBlock;
  readonly #payload: string | null;
  #headers: Headers | null = null;

  constructor(payload: string | null, status: number, block: FieldBlock) {
    super(payload, status === 200 ? undefined : { status });
    this.#block = block;
    this.#payload = payload;
  }

  /** The header fields as a `Headers` object, made from the block on first use. */
  override get headers(): Headers {
    let h = this.#headers;
    if (h === null) {
      // The Response's own Headers (what `clone()` copies): made without fields, Bun adds its default content-type only when Bun.serve sends it.
      h = super.headers;
      const block = this.#block;
      for (let at = 0; at < block.length; ) {
        const colon = block.indexOf(": ", at);
        const end = block.indexOf("\r\n", colon);
        h.append(block.slice(at, colon), block.slice(colon + 2, end));
        at = end + 2;
      }
      this.#headers = h;
    }
    return h;
  }

  /** A copy with the same fields (the native copy takes the Headers object, so it is made first). */
  override clone() {
    void this.headers;
    return super.clone();
  }

  /** The field block to write, or null once `headers` was handed out (its fields may have changed). */
  get fieldBlock(): FieldBlock | null {
    return this.#headers === null ? this.#block : null;
  }

  /** The body it was made with (null: none). */
  get payload(): string | null {
    return this.#payload;
  }
}

const NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const VALUE = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

/**
 * The block of `fields` (name, value pairs in order), or null when one would not be sent as
 * given — a name that is not a token, a value a `Headers` object would trim, reject or keep
 * as bytes, a name given twice — so that such responses take the generic path and behave
 * exactly as before.
 */
export function fieldBlock(fields: Iterable<readonly [string, string]>): FieldBlock | null {
  let block = "";
  const seen = new Set<string>();
  for (const [name, value] of fields) {
    const lower = name.toLowerCase();
    if (!NAME.test(lower) || !VALUE.test(value) || seen.has(lower)) return null;
    seen.add(lower);
    block += `${lower}: ${value}\r\n`;
  }
  return block;
}
