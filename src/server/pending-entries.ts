/**
 * A Map whose entries start out as fields of the subclass: until the map is written, iterated
 * or copied, the subclass answers `get`, `has` and `size` from its fields and the Map holds no
 * entry (a Map subclass pays dearly for each `set` on the request path); the first such use
 * makes the fields its entries, in the subclass's key order.
 */

import type { Value } from "../runtime/values";

export abstract class PendingEntriesMap extends Map<string, Value> {
  /** True while the fields are the map's content (nothing has been written or iterated). */
  pending = true;

  /** The value of field `k` while the map is pending. */
  protected abstract field(k: string): Value;

  /** The keys the fields become, in order. */
  protected abstract get fieldOrder(): readonly string[];

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

  /** Build every field into the map itself, in the subclass's key order. */
  protected materialize(): void {
    if (!this.pending) return;
    const order = this.fieldOrder;
    const vals = order.map((k) => this.field(k));
    this.pending = false;
    order.forEach((k, i) => super.set(k, vals[i]));
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
