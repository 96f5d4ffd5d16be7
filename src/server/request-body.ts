/**
 * A request's body and what is derived from it (docs/web.md): the text (`req.body`, lossy
 * UTF-8 of the exact bytes), and the fields computed on first read — `json`, `form`,
 * `files`, `body_bytes`. They stay readable on request maps that middleware derived with
 * `req.with(…)` (a map holding a RequestBody keeps serving them).
 */

import { JsonSyntaxError, parseJsonText } from "../runtime/json-value";
import { NArray, NMap, type Value } from "../runtime/values";
import type { MultipartBody, UploadedFile } from "./multipart";
import { BadRequest, decodeLoose } from "./request";

/** Fields computed from the body, readable but listed among the request's keys only for form requests. */
export const BODY_FIELDS = new Set(["json", "form", "files", "body_bytes"]);

const EMPTY = new NMap();
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;

/** The body of one request. */
export class RequestBody {
  private textCache: string | null;
  private jsonCache: { v: Value } | null = null;
  private formCache: NMap | null = null;
  private filesCache: NMap | null = null;

  constructor(
    private readonly raw: string | Uint8Array,
    private readonly contentType: string | null,
    readonly upload: MultipartBody | null = null,
  ) {
    this.textCache = typeof raw === "string" ? raw : null;
  }

  /** `req.body`: the body as lossy UTF-8 ("" for multipart). */
  get text(): string {
    return (this.textCache ??= this.upload ? "" : new TextDecoder().decode(this.raw as Uint8Array));
  }

  /** The exact bytes. */
  get bytes(): Uint8Array {
    return typeof this.raw === "string" ? new TextEncoder().encode(this.raw) : this.raw;
  }

  /** True when `form` and `files` belong among the request's keys. */
  get isForm(): boolean {
    return this.upload !== null || (this.contentType !== null && FORM_TYPE.test(this.contentType));
  }

  /** The value of one of BODY_FIELDS. */
  field(k: string): Value {
    switch (k) {
      case "json":
        return this.json();
      case "form":
        return (this.formCache ??= this.upload ? formMap(this.upload.fields) : this.isForm ? formMap(formPairs(this.text)) : EMPTY);
      case "files":
        return (this.filesCache ??= this.upload ? filesMap(this.upload.files) : EMPTY);
      case "body_bytes":
        return NArray.of(Array.from(this.bytes));
    }
    return undefined;
  }

  /** `req.json`: the body parsed as JSON; a malformed body answers 400. */
  private json(): Value {
    if (this.jsonCache) return this.jsonCache.v;
    const text = this.text;
    if (text.trim() === "") return (this.jsonCache = { v: undefined }).v;
    try {
      return (this.jsonCache = { v: parseJsonText(text) }).v;
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new BadRequest(`invalid JSON body: ${e.message}`);
      throw e;
    }
  }
}

/** `a=1&b=2` → pairs, decoded as in parse_form (`+` is a space, bad escapes kept). */
function formPairs(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const piece of text.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    out.push([decodeLoose(eq < 0 ? piece : piece.slice(0, eq), true), eq < 0 ? "" : decodeLoose(piece.slice(eq + 1), true)]);
  }
  return out;
}

/** Repeated keys, and keys written `name[]`, become arrays (under `name`). */
function grouped<T>(pairs: Array<[string, T]>, wrap: (v: T) => Value): NMap {
  const lists = new Map<string, { items: Value[]; array: boolean }>();
  for (const [rawKey, v] of pairs) {
    const array = rawKey.endsWith("[]");
    const key = array ? rawKey.slice(0, -2) : rawKey;
    const entry = lists.get(key);
    if (entry) {
      entry.items.push(wrap(v));
      entry.array = true;
    } else lists.set(key, { items: [wrap(v)], array });
  }
  const m = new Map<string, Value>();
  for (const [k, { items, array }] of lists) m.set(k, array ? NArray.of(items) : items[0]);
  return new NMap(m);
}

function formMap(pairs: Array<[string, string]>): NMap {
  return grouped(pairs, (v) => v);
}

function filesMap(files: UploadedFile[]): NMap {
  return grouped(
    files.map((f): [string, UploadedFile] => [f.field, f]),
    (f) =>
      new NMap(
        new Map<string, Value>([
          ["field", f.field],
          ["filename", f.filename],
          ["type", f.type],
          ["size", f.size],
          ["path", f.path],
        ]),
      ),
  );
}

/** The body behind a request map (also one derived by middleware), or null for a map built by hand. */
export function bodyOf(req: NMap): RequestBody | null {
  const b = (req.entries as { body?: unknown }).body;
  return b instanceof RequestBody ? b : null;
}

/**
 * A request map's storage after middleware derived it (`req.with(k, v)`): ordinary entries,
 * plus the body fields for keys it does not hold itself.
 */
export class DerivedRequestEntries extends Map<string, Value> {
  constructor(
    readonly body: RequestBody,
    from: Iterable<[string, Value]>,
  ) {
    super(from);
  }

  override get(k: string): Value {
    if (!super.has(k) && BODY_FIELDS.has(k)) return this.body.field(k);
    return super.get(k);
  }

  override has(k: string): boolean {
    return super.has(k) || BODY_FIELDS.has(k);
  }

  /** A copy with `k` set to `v` (NMap.with), still serving the body fields. */
  derive(k: string, v: Value): Map<string, Value> {
    const m = new DerivedRequestEntries(this.body, this);
    m.set(k, v);
    return m;
  }
}
