/**
 * Node built-ins the server needs only for some requests or settings (trusted-proxy lists,
 * brotli, signed cookies), loaded on first use: loading them costs every server start-up
 * several milliseconds that most programs never repay.
 */

type Net = typeof import("node:net");
type Zlib = typeof import("node:zlib");
type Crypto = typeof import("node:crypto");

// Process-wide on purpose: a loaded built-in module is the same for every program.
let net: Net | null = null;
let zlib: Zlib | null = null;
let crypto: Crypto | null = null;

/** `node:net`, loaded on first call. */
export function nodeNet(): Net {
  return (net ??= require("node:net") as Net);
}

/** `node:zlib`, loaded on first call. */
export function nodeZlib(): Zlib {
  return (zlib ??= require("node:zlib") as Zlib);
}

/** `node:crypto`, loaded on first call. */
export function nodeCrypto(): Crypto {
  return (crypto ??= require("node:crypto") as Crypto);
}
