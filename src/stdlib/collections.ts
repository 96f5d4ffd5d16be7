/** std/collections (stdlib.md §3): pure array and map functions, plus `sort` and `flatten`. */

import { coreBuiltins } from "../runtime/core-builtins";
import { declare } from "../runtime/declaration";
import { drive } from "../runtime/callbacks";
import { runtimeError, typeError } from "../runtime/errors";
import { compareStrings } from "../runtime/ops";
import { NArray, NFloat, NMap, NONE, Some, type CallResult, type NativeContext, type Value, isInt, isNumber } from "../runtime/values";
import { defineModule, native, native1, native2, native3 } from "./module";

function mapArg(name: string, m: Value): NMap {
  if (m instanceof NMap) return m;
  throw typeError(`${name}() requires a map`);
}

/** first/last: Option without a default, the element or the default with one. */
function endElement(name: string, pick: (a: NArray) => Value) {
  return native(name, [0, -1], (args) => {
    if (args.length < 1 || args.length > 2) throw typeError(`${name}() requires 1 or 2 arguments`);
    const arr = args[0];
    if (!(arr instanceof NArray)) throw typeError(`${name}() requires an array as first argument`);
    if (arr.length > 0) return args.length === 2 ? pick(arr) : Some(pick(arr));
    return args.length === 2 ? args[1] : NONE;
  });
}

/** Index with negatives counting from the end (Rec §3), clamped to [0, len]. */
function sliceIndex(i: number | bigint, len: number): number {
  const n = Number(i);
  return n < 0 ? Math.max(0, n + len) : n;
}

/** Default ordering for `sort`: numbers numerically, strings by code point. */
function naturalOrder(items: readonly Value[]): (a: Value, b: Value) => number {
  if (items.every((x): boolean => isNumber(x))) {
    return (a, b) => {
      const x = a instanceof NFloat ? a.v : (a as number | bigint);
      const y = b instanceof NFloat ? b.v : (b as number | bigint);
      return x < y ? -1 : x > y ? 1 : 0;
    };
  }
  if (items.every((x) => typeof x === "string")) return (a, b) => compareStrings(a as string, b as string);
  throw typeError("sort() requires an array of numbers or strings");
}

/**
 * Sorted copy of an array of Ints that are all JS numbers (the common case), or null when some
 * element is anything else. Safe integers are exact doubles, so a Float64Array sorts them
 * natively in numeric order with no comparator calls; equal Ints are indistinguishable, so
 * stability does not matter.
 */
function sortSmallInts(arr: NArray): NArray | null {
  const n = arr.length;
  const items = arr.items;
  const buf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = items[i];
    if (typeof x !== "number") return null;
    buf[i] = x;
  }
  buf.sort();
  const out: Value[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = buf[i];
  return new NArray(out);
}

/** Numeric comparator result as an ordering sign. */
function orderingOf(r: Value): number {
  if (isInt(r)) return r < 0 ? -1 : r > 0 ? 1 : 0;
  if (r instanceof NFloat) return r.v < 0 ? -1 : r.v > 0 ? 1 : 0;
  throw typeError("sort() comparator must return a number or a boolean");
}

/**
 * Stable merge sort whose comparisons are user calls (possibly suspending). A comparator
 * may return a number (sign = order) or a Bool meaning "a comes before b"; for Bool
 * comparators the right element is taken only when it is strictly before the left one.
 */
function* mergeSort(items: Value[], ctx: NativeContext, cmp: Value, mode: { bool?: boolean } = {}): Generator<CallResult, Value[], Value> {
  if (items.length < 2) return items;
  const mid = items.length >> 1;
  const left = yield* mergeSort(items.slice(0, mid), ctx, cmp, mode);
  const right = yield* mergeSort(items.slice(mid), ctx, cmp, mode);
  const out: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    let takeRight: boolean;
    if (mode.bool) takeRight = (yield ctx.call(cmp, [right[j], left[i]])) === true;
    else {
      const r = yield ctx.call(cmp, [left[i], right[j]]);
      if (typeof r === "boolean") {
        mode.bool = true;
        takeRight = !r && (yield ctx.call(cmp, [right[j], left[i]])) === true;
      } else takeRight = orderingOf(r) > 0;
    }
    out.push(takeRight ? right[j++] : left[i++]);
  }
  while (i < left.length) out.push(left[i++]);
  while (j < right.length) out.push(right[j++]);
  return out;
}

export default defineModule(
  "std/collections",
  {
    push: coreBuiltins.push!,
    filter: coreBuiltins.filter!,
    transform: coreBuiltins.transform!,

    pop: declare(
      "pop(items: [T]) -> [Any]",
      "[the array without its last element, Some(last) or None].",
      "pop([1, 2, 3])  // [[1, 2], Some(3)]",
      native1("pop", (arr) => {
        if (!(arr instanceof NArray)) throw typeError("pop() requires an array");
        if (arr.length === 0) return NArray.of([arr, NONE]);
        return NArray.of([new NArray(arr.items, arr.length - 1), Some(arr.items[arr.length - 1])]);
      }),
    ),

    first: declare(
      "first(items: [T], default?: T) -> Any",
      "Some(first element) or None; with a default, the element itself or the default.",
      "first([1, 2], 0)  // 1",
      endElement("first", (a) => a.items[0]),
    ),
    last: declare(
      "last(items: [T], default?: T) -> Any",
      "Some(last element) or None; with a default, the element itself or the default.",
      "last([1, 2])  // Some(2)",
      endElement("last", (a) => a.items[a.length - 1]),
    ),

    reverse: declare(
      "reverse(items: [T]) -> [T]",
      "The elements in reverse order.",
      "reverse([1, 2, 3])  // [3, 2, 1]",
      native1("reverse", (arr) => {
        if (!(arr instanceof NArray)) throw typeError("reverse() requires an array");
        return new NArray(arr.toArray().reverse());
      }),
    ),

    slice: declare(
      "slice(items: [T], start: Int, end: Int) -> [T]",
      "Elements from start up to (not including) end; negative indexes count from the end.",
      "slice([1, 2, 3, 4], 1, 3)  // [2, 3]",
      native3("slice", (arr, a, b) => {
        if (!(arr instanceof NArray) || !isInt(a) || !isInt(b)) throw typeError("slice() requires array, int, int");
        const start = sliceIndex(a, arr.length);
        const end = Math.min(sliceIndex(b, arr.length), arr.length);
        if (start > arr.length || start > end) throw runtimeError("Invalid slice range");
        return new NArray(arr.items.slice(start, end));
      }),
    ),

    concat: declare(
      "concat(a: [T], b: [T]) -> [T]",
      "The elements of a followed by those of b.",
      "concat([1], [2, 3])  // [1, 2, 3]",
      native2("concat", (a, b) => {
        if (!(a instanceof NArray) || !(b instanceof NArray)) throw typeError("concat() requires two arrays");
        return new NArray([...a.elements(), ...b.elements()]);
      }),
    ),

    is_empty: declare(
      "is_empty(value: [Any] | String) -> Bool",
      "True for an empty array or string.",
      "is_empty([])  // true",
      native1("is_empty", (x) => {
        if (x instanceof NArray) return x.length === 0;
        if (typeof x === "string") return x === "";
        throw typeError("is_empty() requires array or string");
      }),
    ),

    keys: declare(
      "keys(map: Map<K, V>) -> [K]",
      "The map's keys in insertion order.",
      'keys(map { "a": 1 })  // ["a"]',
      native1("keys", (m) => new NArray([...mapArg("keys", m).entries.keys()])),
    ),
    values: declare(
      "values(map: Map<K, V>) -> [V]",
      "The map's values in insertion order.",
      'values(map { "a": 1 })  // [1]',
      native1("values", (m) => new NArray([...mapArg("values", m).entries.values()])),
    ),
    entries: declare(
      "entries(map: Map<K, V>) -> [[Any]]",
      "[key, value] pairs in insertion order.",
      'entries(map { "a": 1 })  // [["a", 1]]',
      native1("entries", (m) => new NArray([...mapArg("entries", m).entries].map(([k, v]) => NArray.of([k, v])))),
    ),

    has_key: declare(
      "has_key(map: Map<String, Any>, key: String) -> Bool",
      "True when the map has the key.",
      'has_key(map { "a": 1 }, "a")  // true',
      native2("has_key", (m, k) => {
        if (!(m instanceof NMap) || typeof k !== "string") throw typeError("has_key() requires a map and string key");
        return m.has(k);
      }),
    ),

    get_key: declare(
      "get_key(map: Map<String, V>, key: String, default?: V) -> Any",
      "Some(value) or None; with a default, the value itself or the default.",
      'get_key(map { "a": 1 }, "b", 0)  // 0',
      native("get_key", [0, -1], (args) => {
        if (args.length < 2 || args.length > 3) {
          throw typeError("get_key() requires 2 or 3 arguments: get_key(map, key) or get_key(map, key, default)");
        }
        const [m, k] = args;
        if (!(m instanceof NMap) || typeof k !== "string") throw typeError("get_key() requires a map and string key");
        if (m.has(k)) return args.length === 3 ? m.get(k) : Some(m.get(k));
        return args.length === 3 ? args[2] : NONE;
      }),
    ),

    sort: declare(
      "sort(items: [T], compare?: (T, T) -> Any) -> [T]",
      "Sorted copy: numbers and strings in natural order, or by a comparator (negative/true = before).",
      "sort([3, 1, 2])  // [1, 2, 3]",
      native(
        "sort",
        [1, 2],
        ([arr, cmp], ctx) => {
          if (!(arr instanceof NArray)) throw typeError("sort() requires an array");
          if (cmp === undefined) return sortSmallInts(arr) ?? new NArray(arr.toArray().sort(naturalOrder(arr.elements())));
          const sorted = drive(mergeSort(arr.toArray(), ctx, cmp));
          return sorted instanceof Promise ? sorted.then((xs) => new NArray(xs)) : new NArray(sorted);
        },
        { mayAsync: true },
      ),
    ),

    flatten: declare(
      "flatten(items: [Any]) -> [Any]",
      "Nested arrays flattened one level.",
      "flatten([[1, 2], [3]])  // [1, 2, 3]",
      native1("flatten", (arr) => {
        if (!(arr instanceof NArray)) throw typeError("flatten() requires an array");
        const out: Value[] = [];
        for (const x of arr.elements()) {
          if (x instanceof NArray) out.push(...x.elements());
          else out.push(x);
        }
        return new NArray(out);
      }),
    ),
  },
  "Array and map helpers: first/last, pop, slice, sort, keys/values/entries, get_key, …",
);
