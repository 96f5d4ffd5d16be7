/**
 * Storage of the response maps the helpers (`text`, `json`, `html`, `status`, …) return:
 * `status`, `headers` and `body` stay plain fields until the map is used as a map in some
 * other way than reading a key — iterated, copied, written — when they become its entries,
 * in that order. `toResponse` reads the fields directly while they are still the map's whole
 * content, so a helper's response costs no Map entries and no lookups.
 */

import type { NMap, Value } from "../runtime/values";

const KEYS = ["status", "headers", "body"] as const;

export class ResponseEntries extends Map<string, Value> {
  /** True while the three fields are the map's content (nothing has been written or iterated). */
  pending = true;

  constructor(
    readonly status: Value,
    readonly headers: NMap,
    readonly body: Value,
  ) {
    super();
  }

  private field(k: string): Value {
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

  override set(k: string, v: Value): this {
    this.materialize();
    return super.set(k, v);
  }

  override delete(k: string): boolean {
    this.materialize();
    return super.delete(k);
  }

  override clear(): void {
    this.materialize();
    super.clear();
  }

  /** Make the fields the map's entries, in the helpers' key order. */
  private materialize(): void {
    if (!this.pending) return;
    this.pending = false;
    for (const k of KEYS) super.set(k, this.field(k));
  }

  override entries(): MapIterator<[string, Value]> {
    this.materialize();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.materialize();
    return super.keys();
  }
  override values(): MapIterator<Value> {
    this.materialize();
    return super.values();
  }
  override forEach(cb: (v: Value, k: string, m: Map<string, Value>) => void, thisArg?: unknown): void {
    this.materialize();
    super.forEach(cb, thisArg);
  }
  override [Symbol.iterator](): MapIterator<[string, Value]> {
    this.materialize();
    return super.entries();
  }
}
