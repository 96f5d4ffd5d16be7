/**
 * The request map handed to handlers (spec §3). Only `method`, `params`, `body` and `id` are
 * set up front; `path`, `url`, `query`, `query_params`, `headers`, `cookies`, `ip` and
 * `protocol` are built the first time they are read, so a handler that only looks at
 * `req.params` pays for nothing else (not even for reading the URL).
 */

import { NtntError } from "../runtime/errors";
import { NMap, type Value } from "../runtime/values";
import { peerOf } from "./request-identity";
import { clientAddress, forwardedProtocol, type ClientAddress } from "./proxy";
import type { ServerContext } from "./context";
import { BODY_FIELDS, DerivedRequestEntries, type RequestBody } from "./request-body";
import { PendingEntriesMap } from "./pending-entries";

/** A client error detected while reading the request (answered 400 with this message). */
export class BadRequest extends NtntError {
  constructor(detail: string) {
    super("E005", "bad-request", detail, `Bad Request: ${detail}`);
  }
}

/** What the lazy fields are computed from: the URL is split only when something reads it. */
export class RequestSource {
  private rawPath: string | null = null;
  private qIndex = -1;

  constructor(
    readonly request: Request,
    readonly server: ServerContext,
  ) {}

  /** The raw path (no query string). */
  get path(): string {
    if (this.rawPath === null) this.split();
    return this.rawPath!;
  }

  /** The raw path and query (`req.url`). */
  get url(): string {
    const qi = this.qi;
    return qi < 0 ? this.path : this.path + this.request.url.slice(qi);
  }

  /** The query string without its `?` ("" when there is none). */
  get query(): string {
    const qi = this.qi;
    return qi < 0 ? "" : this.request.url.slice(qi + 1);
  }

  /** Index of the `?` in request.url, or -1. */
  get qi(): number {
    if (this.rawPath === null) this.split();
    return this.qIndex;
  }

  private split(): void {
    const url = this.request.url;
    const s = url.indexOf("/", url.indexOf("//") + 2);
    if (s < 0) {
      this.rawPath = "/";
      return;
    }
    const qi = url.indexOf("?", s);
    this.qIndex = qi;
    this.rawPath = qi < 0 ? url.slice(s) : url.slice(s, qi);
  }

  private clientCache: ClientAddress | null = null;

  /** Client address after proxy trust; the socket peer is looked up (a system call) once, when first needed. */
  get ip(): string {
    return this.client().ip;
  }

  /** The scheme: what a trusted proxy reports, else "http" (read only when asked: the access log needs just the address). */
  get protocol(): string {
    return this.client().trusted ? forwardedProtocol(this.request) : "http";
  }

  private client(): ClientAddress {
    return (this.clientCache ??= clientAddress(this.server, this.request, () => peerOf(this.server.live, this.request)));
  }
}

const KEY_ORDER = ["method", "path", "url", "query", "query_params", "params", "headers", "body", "id", "ip", "protocol", "cookies"];
const FORM_KEY_ORDER = [...KEY_ORDER, "form", "files"];
const KEYS = new Set(KEY_ORDER);
const LAZY = new Set(["url", "query", "query_params", "headers", "cookies", "ip", "protocol"]);
const EMPTY_MAP = new NMap();

/**
 * Map storage for the request. Until something iterates or copies it, fields live in plain
 * properties (a Map subclass pays dearly for each `set`), and the derived ones are computed
 * on first read.
 */
class RequestEntries extends PendingEntriesMap {
  private cache: Record<string, Value> | null = null;

  constructor(
    private readonly src: RequestSource,
    private readonly method: string,
    private readonly params: NMap,
    /** The body and its derived fields (save_body reads the bytes from here). */
    readonly body: RequestBody,
    private readonly id: string,
  ) {
    super();
  }

  /** The keys listed when the map is iterated: `form` and `files` only for form requests. */
  protected override get fieldOrder(): readonly string[] {
    return this.body.isForm ? FORM_KEY_ORDER : KEY_ORDER;
  }

  protected override field(k: string): Value {
    switch (k) {
      case "method":
        return this.method;
      case "path":
        return this.src.path;
      case "params":
        return this.params;
      case "body":
        return this.body.text;
      case "id":
        return this.id;
    }
    if (BODY_FIELDS.has(k)) return this.body.field(k);
    if (!LAZY.has(k)) return undefined;
    const c = (this.cache ??= {});
    if (k in c) return c[k];
    return (c[k] = computeField(this.src, k));
  }

  override get(k: string): Value {
    if (this.pending || (BODY_FIELDS.has(k) && !super.has(k))) return this.field(k);
    return super.get(k);
  }

  /** A copy with `k` set to `v` (NMap.with, e.g. middleware adding a key): keeps serving the body fields. */
  derive(k: string, v: Value): Map<string, Value> {
    const m = new DerivedRequestEntries(this.body, this);
    m.set(k, v);
    return m;
  }

  override has(k: string): boolean {
    return BODY_FIELDS.has(k) || (this.pending ? KEYS.has(k) : super.has(k));
  }

  override get size(): number {
    return this.pending ? this.fieldOrder.length : super.size;
  }
}

function computeField(src: RequestSource, k: string): Value {
  switch (k) {
    case "url":
      return src.url;
    case "query":
      return src.query;
    case "query_params":
      return src.qi < 0 ? EMPTY_MAP : parseQuery(src.query);
    case "headers":
      return headersMap(src.request.headers);
    case "cookies":
      return parseCookies(src.request.headers.get("cookie"));
    case "ip":
      return src.ip;
    case "protocol":
      return src.protocol;
  }
  return undefined;
}

/** Percent-decode, keeping the raw text when an escape is invalid. */
export function decodeLoose(s: string, plusIsSpace: boolean): string {
  if (plusIsSpace && s.includes("+")) s = s.replace(/\+/g, " ");
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}

/** Query/form decoding (spec §3, §5.3): `+` → space, pieces without `=` map to "", last wins. */
export function parseQuery(q: string): NMap {
  const m = new Map<string, Value>();
  if (q === "") return new NMap(m);
  for (const piece of q.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const k = decodeLoose(eq < 0 ? piece : piece.slice(0, eq), true);
    const v = eq < 0 ? "" : decodeLoose(piece.slice(eq + 1), true);
    m.delete(k);
    m.set(k, v);
  }
  return new NMap(m);
}

/** Lower-cased header names; repeated headers are already joined by the platform. */
function headersMap(h: Headers): NMap {
  const m = new Map<string, Value>();
  h.forEach((v, k) => m.set(k, v));
  return new NMap(m);
}

/** `cookie` header → map; the first occurrence of a name wins; surrounding quotes removed. */
export function parseCookies(header: string | null): NMap {
  const m = new Map<string, Value>();
  if (!header) return new NMap(m);
  for (const part of header.split(/;\s*|,\s*(?=[^;=,\s]+=)/)) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    let v = part.slice(eq + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    if (!m.has(k)) m.set(k, v);
  }
  return new NMap(m);
}

/** Build the handler's request map. */
export function makeRequest(src: RequestSource, method: string, params: NMap, body: RequestBody, id: string): NMap {
  return new NMap(new RequestEntries(src, method, params, body, id));
}
