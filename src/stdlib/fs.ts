/**
 * std/fs (stdlib §5): file system access, non-blocking (node:fs/promises).
 *
 * Relative paths resolve against the running script's directory (§0.4 Rec: by function
 * identity, so aliases keep it too). OS failures are `Err` values with Linux texts (§0.5).
 */

import type { Stats } from "node:fs";
import * as fsp from "node:fs/promises";
import { typeError } from "../runtime/errors";
import { Err, NArray, Ok, type NativeContext, type Value } from "../runtime/values";
import { bytesToArray } from "./shared/int-bytes";
import { osError, osErrorText } from "../runtime/os-error";
import { scriptPath } from "./shared/paths";
import { defineModule, native } from "./module";


function pathArg(name: string, v: Value): string {
  if (typeof v !== "string") throw typeError(`${name}() requires a string path`);
  return v;
}

/** Runs an fs operation and turns an OS failure into `Err(text)`. */
async function result(op: () => Promise<Value>): Promise<Value> {
  try {
    return Ok(await op());
  } catch (e) {
    return Err(osErrorText(e));
  }
}

/** Native taking one path; `op` gets the resolved path and the path as written. */
function onePath(name: string, op: (abs: string, given: string) => Promise<Value>) {
  return native(
    name,
    1,
    ([p], ctx) => {
      const abs = scriptPath(pathArg(name, p), ctx);
      return result(() => op(abs, p as string));
    },
    { mayAsync: true },
  );
}

/** Native taking one path and answering a Bool; any error → false. */
function test(name: string, pred: (s: Stats) => boolean) {
  return native(
    name,
    1,
    ([p], ctx) => {
      const abs = scriptPath(pathArg(name, p), ctx);
      return fsp.stat(abs).then(pred, () => false);
    },
    { mayAsync: true },
  );
}

function twoPaths(name: string, op: (from: string, to: string) => Promise<Value>) {
  return native(
    name,
    2,
    ([a, b], ctx) => {
      if (typeof a !== "string" || typeof b !== "string") throw typeError(`${name}() requires two string paths`);
      return result(() => op(scriptPath(a, ctx), scriptPath(b, ctx)));
    },
    { mayAsync: true },
  );
}

function pathAndContent(name: string, op: (abs: string, content: string) => Promise<void>) {
  return native(
    name,
    2,
    ([p, c], ctx) => {
      if (typeof p !== "string" || typeof c !== "string") throw typeError(`${name}() requires path and content strings`);
      return result(async () => {
        await op(scriptPath(p, ctx), c);
        return undefined;
      });
    },
    { mayAsync: true },
  );
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Rust `Path::join` of a listed name onto the directory argument as written. */
function joinListed(dir: string, name: string): string {
  return dir === "" ? name : dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

async function requireDir(abs: string): Promise<void> {
  const st = await fsp.lstat(abs);
  if (!st.isDirectory()) throw osError("ENOTDIR");
}

export default defineModule("std/fs", {
  read_file: onePath("read_file", async (abs) => {
    const bytes = await fsp.readFile(abs);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new Error("stream did not contain valid UTF-8");
    }
  }),
  read_bytes: onePath("read_bytes", async (abs) => bytesToArray(await fsp.readFile(abs))),
  write_file: pathAndContent("write_file", (abs, c) => fsp.writeFile(abs, c)),
  append_file: pathAndContent("append_file", (abs, c) => fsp.appendFile(abs, c)),
  exists: test("exists", () => true),
  is_file: test("is_file", (s) => s.isFile()),
  is_dir: test("is_dir", (s) => s.isDirectory()),
  mkdir: onePath("mkdir", async (abs) => {
    await fsp.mkdir(abs);
    return undefined;
  }),
  mkdir_all: onePath("mkdir_all", async (abs) => {
    await fsp.mkdir(abs, { recursive: true });
    return undefined;
  }),
  readdir: onePath("readdir", async (abs, given) => {
    const names = await fsp.readdir(abs);
    return NArray.of(names.map((n) => joinListed(given, n)).sort(byteOrder));
  }),
  remove: onePath("remove", async (abs) => {
    await fsp.unlink(abs);
    return undefined;
  }),
  remove_dir: onePath("remove_dir", async (abs) => {
    await fsp.rmdir(abs);
    return undefined;
  }),
  remove_dir_all: onePath("remove_dir_all", async (abs) => {
    await requireDir(abs);
    await fsp.rm(abs, { recursive: true });
    return undefined;
  }),
  rename: twoPaths("rename", async (from, to) => {
    await fsp.rename(from, to);
    return undefined;
  }),
  copy: twoPaths("copy", async (from, to) => {
    const st = await fsp.stat(from);
    if (!st.isFile()) throw new Error("the source path is neither a regular file nor a symlink to a regular file");
    await fsp.copyFile(from, to);
    await fsp.chmod(to, st.mode & 0o7777);
    return st.size;
  }),
  file_size: onePath("file_size", async (abs) => (await fsp.stat(abs)).size),
});
