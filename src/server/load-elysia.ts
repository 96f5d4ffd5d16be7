/**
 * Elysia for the server. Run from source, it is loaded from its bytecode bundle
 * (scripts/build-elysia.mjs writes `elysia.bytecode.js` and its `.jsc`): one module instead of
 * about 280 (Elysia, TypeBox, …), about 8 ms CPU of a server's start-up instead of 60. The
 * single binary has no such file beside it and bundles Elysia itself; so does a tree whose
 * bundle is missing.
 */

import { join } from "node:path";

type ElysiaModule = typeof import("elysia");

function fromBytecode(): ElysiaModule | null {
  try {
    return require(join(import.meta.dir, "elysia.bytecode.js"));
  } catch {
    return null;
  }
}

/** The Elysia class. */
export const Elysia: ElysiaModule["Elysia"] = (fromBytecode() ?? (await import("elysia"))).Elysia;
