/**
 * Storage of the response maps the helpers (`text`, `json`, `html`, `status`, …) return:
 * `status`, `headers` and `body` stay plain fields until the map is used as a map in some
 * other way than reading a key — iterated, copied, written — when they become its entries,
 * in that order. `toResponse` reads the fields directly while they are still the map's whole
 * content, so a helper's response costs no Map entries and no lookups.
 */

import type { NMap, Value } from "../runtime/values";
import { PendingEntriesMap } from "./pending-entries";

const KEYS = ["status", "headers", "body"] as const;

export class ResponseEntries extends PendingEntriesMap {
  constructor(
    readonly status: Value,
    readonly headers: NMap,
    readonly body: Value,
  ) {
    super();
  }

  protected override get fieldOrder(): readonly string[] {
    return KEYS;
  }

  protected override field(k: string): Value {
    switch (k) {
      case "status":
        return this.status;
      case "headers":
        return this.headers;
      case "body":
        return this.body;
    }
    return undefined;
  }

  override get(k: string): Value {
    return this.pending ? this.field(k) : super.get(k);
  }

  override has(k: string): boolean {
    return this.pending ? k === "status" || k === "headers" || k === "body" : super.has(k);
  }

  override get size(): number {
    return this.pending ? KEYS.length : super.size;
  }
}
