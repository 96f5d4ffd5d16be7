/**
 * The `Request` NTNT's own transport hands to the app: URL, method and body are the
 * Request's own; the header fields stay the parsed head's list (name, value, …) and become a
 * `Headers` object only when someone asks for `headers`. The server's own per-request reads
 * (the request id, the content length, forwarding fields) go through `requestField`, which
 * looks the name up in that list, so a request whose handler never reads its headers builds
 * none. It also carries the client's socket address, known once per connection.
 */

export class TransportRequest extends Request {
  readonly #fields: readonly string[];
  #headers: Headers | null = null;
  /** The client's socket address. */
  readonly peer: string;

  /** `fields`: the head's fields in order, flat (name, value, name, value, …), names tokens and values without control characters (request-head.ts). */
  constructor(url: string, init: RequestInit | undefined, fields: readonly string[], peer: string) {
    super(url, init);
    this.#fields = fields;
    this.peer = peer;
  }

  /** The header fields as a `Headers` object, made from the head's fields on first use. */
  override get headers(): Headers {
    let h = this.#headers;
    if (h === null) {
      h = super.headers;
      const f = this.#fields;
      for (let i = 0; i < f.length; i += 2) h.append(f[i]!, f[i + 1]!);
      this.#headers = h;
    }
    return h;
  }

  /** A copy with the same fields (the native copy takes the Headers object, so it is made first). */
  override clone() {
    void this.headers;
    return super.clone();
  }

  /** The value of field `lower` (a lower-case name) as `headers.get` gives it, without making the Headers object when the name occurs at most once. */
  field(lower: string): string | null {
    if (this.#headers !== null) return this.#headers.get(lower);
    const f = this.#fields;
    let found: string | null = null;
    for (let i = 0; i < f.length; i += 2) {
      if (!sameName(f[i]!, lower)) continue;
      // Repeated fields are combined by the Headers object's rules.
      if (found !== null) return this.headers.get(lower);
      found = f[i + 1]!;
    }
    return found;
  }
}

/** Whether `name` is `lower` in any case (`lower` is lower-case). */
function sameName(name: string, lower: string): boolean {
  if (name.length !== lower.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c !== lower.charCodeAt(i) && (c < 65 || c > 90 || (c | 0x20) !== lower.charCodeAt(i))) return false;
  }
  return true;
}

/** The value of header field `lower` (a lower-case name) of `req`, as `req.headers.get(lower)`. */
export function requestField(req: Request, lower: string): string | null {
  return req instanceof TransportRequest ? req.field(lower) : req.headers.get(lower);
}

/** Whether `req` was made by NTNT's own transport (which writes a `PreparedResponse` without reading its headers). */
export function cameThroughTransport(req: Request): boolean {
  return req instanceof TransportRequest;
}

/** The client's socket address when `req` came through NTNT's own transport, else undefined. */
export function peerAddress(req: Request): string | undefined {
  return req instanceof TransportRequest ? req.peer : undefined;
}
