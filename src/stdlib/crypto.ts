/** std/crypto (stdlib §11): hashes, HMAC, random values and hex, on node:crypto. */

import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { declare } from "../runtime/declaration";
import { runtimeError, typeError } from "../runtime/errors";
import { Err, NArray, Ok, type Value } from "../runtime/values";
import { arrayToBytes, bytesToArray } from "./shared/int-bytes";
import { defineModule, native } from "./module";

const MAX_RANDOM = 1_048_576;

/** A String's UTF-8 bytes or an Array<Int>'s bytes (mod 256); null for other values. */
function dataBytes(name: string, v: Value): Uint8Array | null {
  if (typeof v === "string") return Buffer.from(v, "utf8");
  if (v instanceof NArray) {
    const b = arrayToBytes(v);
    if (!b) throw typeError(`${name}() array must contain integers`);
    return b;
  }
  return null;
}

function randomSize(name: string, v: Value): number {
  if (typeof v !== "number" && typeof v !== "bigint") throw typeError(`${name}() requires an integer`);
  if (v < 0 || v > MAX_RANDOM) throw runtimeError(`${name}() size must be 0-${MAX_RANDOM}`);
  return Number(v);
}

const hmacSha256 = declare(
  "hmac_sha256(key: String, data: String) -> String",
  "HMAC-SHA256 of data with key, as hex (also imported as hmac).",
  'hmac_sha256("secret", "msg")',
  native("hmac_sha256", 2, ([key, data]) => {
    if (typeof key !== "string" || typeof data !== "string") throw typeError("hmac_sha256() requires two strings (key, data)");
    return createHmac("sha256", key).update(data, "utf8").digest("hex");
  }),
);

/** Rust `hex` crate decoding, with its error texts. */
function hexDecode(s: string): Value {
  const chars = Array.from(s);
  if (chars.length % 2 !== 0) return Err("Odd number of digits");
  const out: number[] = [];
  for (let i = 0; i < chars.length; i += 2) {
    for (const j of [i, i + 1]) {
      if (!/^[0-9a-fA-F]$/.test(chars[j]!)) return Err(`Invalid character '${chars[j]}' at position ${j}`);
    }
    out.push(parseInt(chars[i]! + chars[i + 1]!, 16));
  }
  return Ok(NArray.of(out));
}

export default defineModule(
  "std/crypto",
  {
    sha256: declare(
      "sha256(data: String | [Int]) -> String",
      "SHA-256 digest as lower-case hex.",
      'sha256("abc")  // "ba7816bf…"',
      native("sha256", 1, ([data]) => {
        const bytes = dataBytes("sha256", data);
        if (!bytes) throw typeError("sha256() requires a string or byte array");
        return createHash("sha256").update(bytes).digest("hex");
      }),
    ),
    sha256_bytes: declare(
      "sha256_bytes(s: String) -> [Int]",
      "SHA-256 digest as bytes.",
      'len(sha256_bytes("abc"))  // 32',
      native("sha256_bytes", 1, ([s]) => {
        if (typeof s !== "string") throw typeError("sha256_bytes() requires a string");
        return bytesToArray(createHash("sha256").update(s, "utf8").digest());
      }),
    ),
    hmac_sha256: hmacSha256,
    hmac: hmacSha256,
    uuid: declare(
      "uuid() -> String",
      "A random (version 4) UUID.",
      'uuid()  // "3f2b…"',
      native("uuid", [0, -1], () => randomUUID()),
    ),
    random_bytes: declare(
      "random_bytes(n: Int) -> [Int]",
      "n cryptographically random bytes.",
      "len(random_bytes(16))  // 16",
      native("random_bytes", 1, ([n]) => bytesToArray(randomBytes(randomSize("random_bytes", n)))),
    ),
    random_hex: declare(
      "random_hex(n: Int) -> String",
      "n random bytes as hex (2n characters).",
      "len(random_hex(8))  // 16",
      native("random_hex", 1, ([n]) => randomBytes(randomSize("random_hex", n)).toString("hex")),
    ),
    hex_encode: declare(
      "hex_encode(data: String | [Int]) -> String",
      "Bytes (or a string's UTF-8 bytes) as hex.",
      'hex_encode("hi")  // "6869"',
      native("hex_encode", 1, ([x]) => {
        const bytes = dataBytes("hex_encode", x);
        if (!bytes) throw typeError("hex_encode() requires array or string");
        return Buffer.from(bytes).toString("hex");
      }),
    ),
    hex_decode: declare(
      "hex_decode(hex: String) -> Result<[Int], String>",
      "Hex text back to bytes.",
      'hex_decode("6869")  // Ok([104, 105])',
      native("hex_decode", 1, ([s]) => {
        if (typeof s !== "string") throw typeError("hex_decode() requires a string");
        return hexDecode(s);
      }),
    ),
  },
  "SHA-256, HMAC, UUIDs, random bytes, hex encoding",
);
