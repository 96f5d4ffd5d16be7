/**
 * Amortised O(1) element assignment (`m[k] = v`, `a[i] = v`, `m.k = v`) on immutable values.
 *
 * The first assignment copies the container; the copy is "owned" (its backing store is
 * referenced by that one value only). Assigning into an owned value updates the store in
 * place and hands it to the new value; the old value turns into an undo record
 * (shallow binding, "rerooting"): if anyone still reads the old value, its store is rebuilt
 * from the newest one by undoing the recorded changes. Old versions are usually garbage,
 * so the common case never copies.
 */

import * as ops from "../runtime/ops";
import { indexError } from "../runtime/errors";
import { NArray, NMap, type Value } from "../runtime/values";

interface Undo<T> {
  next: T;
  key: string | number;
  had: boolean;
  old: Value;
}

const ownedArrays = new WeakSet<NArray>();
/**
 * Undo records live on the stale object itself: a WeakMap keyed by stale versions would make
 * the version chain ephemerons, which the garbage collector walks in quadratic time.
 */
const UNDO = Symbol("undo");
type Stale<T> = T & { [UNDO]?: Undo<T> };
const undoOf = <T>(x: T): Undo<T> | undefined => (x as Stale<T>)[UNDO];
const setUndo = <T>(x: T, u: Undo<T> | undefined): void => {
  (x as Stale<T>)[UNDO] = u;
};

/** `root[idx] = v` as a new value. */
export function setIndex(root: Value, idx: Value, v: Value): Value {
  if (root instanceof NMap && (typeof idx === "string" || typeof idx === "number")) return mapSet(root, String(idx), v);
  if (root instanceof NArray && typeof idx === "number") {
    const i = idx < 0 ? idx + root.length : idx;
    if (i < 0 || i >= root.length) throw indexError(idx, root.length);
    return arraySet(root, i, v);
  }
  return ops.setIndex(root, idx, v);
}

/** `root.name = v` as a new value. */
export function setField(root: Value, name: string, v: Value): Value {
  if (root instanceof NMap) return mapSet(root, name, v);
  return ops.setField(root, name, v);
}

/** The backing Map of a map value nobody else references (created by `mapSet`). */
class OwnedMap extends Map<string, Value> {}

/**
 * The entries of a superseded map version: rebuilt on first use from the newest version by
 * undoing the recorded changes. It replaces the old value's `entries` with a plain field
 * store, so the old object keeps its shape.
 */
class StaleMap extends Map<string, Value> {
  private undo: Undo<NMap> | null;
  constructor(undo: Undo<NMap>) {
    super();
    this.undo = undo;
  }
  private fill(): void {
    const first = this.undo;
    if (!first) return;
    this.undo = null;
    const path: Undo<NMap>[] = [first];
    let cur = first.next;
    while (cur.entries instanceof StaleMap && cur.entries.undo) {
      path.push(cur.entries.undo);
      cur = cur.entries.undo.next;
    }
    const copy = new Map(cur.entries);
    for (let i = path.length - 1; i >= 0; i--) {
      const u = path[i]!;
      if (u.had) copy.set(u.key as string, u.old);
      else copy.delete(u.key as string);
    }
    for (const [k, v] of copy) super.set(k, v);
  }
  override get(k: string) {
    this.fill();
    return super.get(k);
  }
  override has(k: string) {
    this.fill();
    return super.has(k);
  }
  override get size() {
    this.fill();
    return super.size;
  }
  override keys() {
    this.fill();
    return super.keys();
  }
  override values() {
    this.fill();
    return super.values();
  }
  override entries() {
    this.fill();
    return super.entries();
  }
  override [Symbol.iterator]() {
    this.fill();
    return super[Symbol.iterator]();
  }
  override forEach(f: (v: Value, k: string, m: Map<string, Value>) => void) {
    this.fill();
    super.forEach(f);
  }
  override set(k: string, v: Value) {
    this.fill();
    return super.set(k, v);
  }
  override delete(k: string) {
    this.fill();
    return super.delete(k);
  }
}

function mapSet(m: NMap, k: string, v: Value): NMap {
  const entries = m.entries;
  if (!(entries instanceof OwnedMap)) {
    const copy = new OwnedMap(entries);
    copy.set(k, v);
    return new NMap(copy);
  }
  const had = entries.has(k);
  const old = had ? entries.get(k) : undefined;
  entries.set(k, v);
  const fresh = new NMap(entries);
  (m as { entries: Map<string, Value> }).entries = new StaleMap({ next: fresh, key: k, had, old });
  return fresh;
}

function arraySet(a: NArray, i: number, v: Value): NArray {
  if (!ownedArrays.has(a) || a.items.length !== a.length) {
    const fresh = a.with(i, v);
    ownedArrays.add(fresh);
    return fresh;
  }
  const items = a.items;
  const old = items[i];
  items[i] = v;
  const fresh = new NArray(items, a.length);
  ownedArrays.delete(a);
  ownedArrays.add(fresh);
  setUndo(a, { next: fresh, key: i, had: true, old });
  Object.defineProperty(a, "items", { configurable: true, get: () => materializeArray(a) });
  return fresh;
}

function materializeArray(a: NArray): Value[] {
  const path: Undo<NArray>[] = [];
  let cur = a;
  for (let u = undoOf(cur); u; u = undoOf(cur)) {
    path.push(u);
    cur = u.next;
  }
  const copy = cur.items.slice(0, a.length);
  for (let i = path.length - 1; i >= 0; i--) copy[path[i]!.key as number] = path[i]!.old;
  setUndo(a, undefined);
  Object.defineProperty(a, "items", { configurable: true, writable: false, value: copy });
  return copy;
}
