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

import * as ops from "./ops";
import { indexError } from "./errors";
import { NArray, NMap, type Value } from "./values";

interface Undo<T> {
  next: T;
  key: string;
  had: boolean;
  old: Value;
}

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
      if (u.had) copy.set(u.key, u.old);
      else copy.delete(u.key);
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

/** Map storage that makes its own copies (the server's request maps, which keep lazy fields). */
const derives = (entries: Map<string, Value>): boolean => typeof (entries as { derive?: unknown }).derive === "function";

function mapSet(m: NMap, k: string, v: Value): NMap {
  const entries = m.entries;
  if (derives(entries)) return m.with(k, v);
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

/** Write in place into `buf` for this value only (never for buffers shared with push views). */
const bufferOwner = new WeakMap<Value[], NArray>();
/** Newest undo record of a buffer, so older records can be linked to newer ones. */
const NEWEST = Symbol("newest");

interface ArrayUndo {
  i: number;
  old: Value;
  newer: ArrayUndo | null;
  buf: Value[];
  length: number;
}

/** The buffer of an array about to be iterated: no longer written in place (the loop reads it). */
export function iterationBuffer(a: NArray): readonly Value[] {
  bufferOwner.delete(a.items);
  // Appending (own 1) leaves the slots the loop reads alone; writing them (own 2) does not.
  if (a.own === 2) a.own = 1;
  return a.items;
}

/**
 * Arrays and maps held only by one never-shared variable (analysis.ts `exclusive`) carry an
 * `own` mark (values.ts), set here when such a variable's first write or push mints a fresh
 * value; marked values are then updated in place, with no new version at all.
 */

/** An array or map literal stored in a never-shared variable: written in place from the start. */
export function mint<T extends NArray | NMap>(v: T): T {
  if (v instanceof NArray) v.own = 2;
  else v.own = true;
  return v;
}

/** `return v` of a never-shared variable: the value is shared from now on. */
export function release(v: Value): Value {
  if (v instanceof NArray) v.own = 0;
  else if (v instanceof NMap) v.own = false;
  return v;
}

/** `v[i] = x` for a variable whose value is never shared. */
export function setIndexExclusive(root: Value, idx: Value, v: Value): Value {
  if (root instanceof NMap && (typeof idx === "string" || typeof idx === "number")) {
    const k = typeof idx === "string" ? idx : String(idx);
    if (root.own) {
      root.entries.set(k, v);
      return root;
    }
    let fresh: NMap;
    if (derives(root.entries)) fresh = root.with(k, v);
    else {
      const copy = new Map(root.entries);
      copy.set(k, v);
      fresh = new NMap(copy);
    }
    fresh.own = true;
    return fresh;
  }
  if (root instanceof NArray && typeof idx === "number") {
    const i = idx < 0 ? idx + root.length : idx;
    if (i < 0 || i >= root.length) throw indexError(idx, root.length);
    if (root.own === 2) {
      root.items[i] = v;
      return root;
    }
    const fresh = root.with(i, v);
    fresh.own = 2;
    return fresh;
  }
  return setIndex(root, idx, v);
}

/** `v = push(v, x)` for a variable whose value is never shared: appends in place once minted. */
export function pushExclusive(root: NArray, v: Value): NArray {
  const items = root.items;
  if (root.own !== 0 && root.length === items.length) {
    items.push(v);
    root.length++;
    return root;
  }
  const next = root.push(v);
  // A copied buffer belongs to `next` alone; a shared one may hold other views' slots.
  next.own = next.items === items ? 1 : 2;
  return next;
}

function arraySet(a: NArray, i: number, v: Value): NArray {
  const items = a.items;
  if (bufferOwner.get(items) !== a || items.length !== a.length) {
    const fresh = a.with(i, v);
    bufferOwner.set(fresh.items, fresh);
    return fresh;
  }
  const u: ArrayUndo = { i, old: items[i], newer: null, buf: items, length: a.length };
  const tagged = items as Value[] & { [NEWEST]?: ArrayUndo };
  if (tagged[NEWEST]) tagged[NEWEST].newer = u;
  tagged[NEWEST] = u;
  items[i] = v;
  const fresh = new NArray(items, a.length);
  bufferOwner.set(items, fresh);
  Object.defineProperty(a, "items", { configurable: true, get: () => materializeArray(a, u) });
  return fresh;
}

/** Rebuild a superseded version: the buffer's current contents with newer writes undone. */
function materializeArray(a: NArray, u: ArrayUndo): Value[] {
  const chain: ArrayUndo[] = [];
  for (let x: ArrayUndo | null = u; x; x = x.newer) chain.push(x);
  const copy = u.buf.slice(0, u.length);
  for (let k = chain.length - 1; k >= 0; k--) copy[chain[k]!.i] = chain[k]!.old;
  Object.defineProperty(a, "items", { configurable: true, writable: false, value: copy });
  return copy;
}
