/** Small value conversions shared by the I/O modules (bytes, integers). */

import { NArray } from "../../runtime/values";

/** An Int value from a JS bigint or integral number (number when it is safe). */
export function intValue(n: bigint | number): number | bigint {
  if (typeof n === "number") return n;
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

/** Bytes as an NTNT Array<Int>. */
export function bytesToArray(b: Uint8Array): NArray {
  return NArray.of(Array.from(b));
}

/** An Array<Int> as bytes (each Int taken mod 256), or null when an element is not an Int. */
export function arrayToBytes(a: NArray): Uint8Array | null {
  const items = a.elements();
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (typeof v === "number") out[i] = ((v % 256) + 256) % 256;
    else if (typeof v === "bigint") out[i] = Number(((v % 256n) + 256n) % 256n);
    else return null;
  }
  return out;
}
