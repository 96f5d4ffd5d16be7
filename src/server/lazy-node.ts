/**
 * Built-ins the server needs only for some requests or settings (trusted-proxy lists,
 * brotli, signed cookies, static files, uploads, SQLite sessions), loaded on first use:
 * loading them costs every server start-up several milliseconds that most programs never
 * repay (node:fs/promises alone about 3 ms CPU).
 */

type Net = typeof import("node:net");
type Zlib = typeof import("node:zlib");
type Crypto = typeof import("node:crypto");
type FsPromises = typeof import("node:fs/promises");
type Os = typeof import("node:os");
type Sqlite = typeof import("bun:sqlite");

// Process-wide on purpose: a loaded built-in module is the same for every program.
let net: Net | null = null;
let zlib: Zlib | null = null;
let crypto: Crypto | null = null;
let fsPromises: FsPromises | null = null;
let os: Os | null = null;
let sqlite: Sqlite | null = null;

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

/** `node:fs/promises`, loaded on first call. */
export function nodeFsPromises(): FsPromises {
  return (fsPromises ??= require("node:fs/promises") as FsPromises);
}

/** `node:os`, loaded on first call. */
export function nodeOs(): Os {
  return (os ??= require("node:os") as Os);
}

/** `bun:sqlite`, loaded on first call. */
export function bunSqlite(): Sqlite {
  return (sqlite ??= require("bun:sqlite") as Sqlite);
}
