/**
 * std/fs (stdlib §5): file system access, non-blocking (node:fs/promises).
 *
 * Relative paths resolve against the running script's directory (§0.4 Rec: by function
 * identity, so aliases keep it too). OS failures are `Err` values with Linux texts (§0.5).
 */

import type { Stats } from "node:fs";
import { declare } from "../runtime/declaration";
import * as fsp from "node:fs/promises";
import { typeError } from "../runtime/errors";
import { Err, NArray, Ok, type Value } from "../runtime/values";
import { bytesToArray } from "./shared/int-bytes";
import { osError, osErrorText } from "../runtime/os-error";
import { scriptPath } from "../runtime/program-paths";
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

export default defineModule(
  "std/fs",
  {
    read_file: declare(
      "read_file(path: String) -> Result<String, String>",
      "The whole file as UTF-8 text.",
      'read_file("notes.txt")  // Ok("…")',
      onePath("read_file", async (abs) => {
        const bytes = await fsp.readFile(abs);
        try {
          return utf8.decode(bytes);
        } catch {
          throw new Error("stream did not contain valid UTF-8");
        }
      }),
    ),
    read_bytes: declare(
      "read_bytes(path: String) -> Result<[Int], String>",
      "The file's bytes (0–255).",
      'read_bytes("logo.png")',
      onePath("read_bytes", async (abs) => bytesToArray(await fsp.readFile(abs))),
    ),
    write_file: declare(
      "write_file(path: String, content: String) -> Result<(), String>",
      "Create or overwrite a file with text.",
      'write_file("out.txt", "hi")  // Ok(())',
      pathAndContent("write_file", (abs, c) => fsp.writeFile(abs, c)),
    ),
    append_file: declare(
      "append_file(path: String, content: String) -> Result<(), String>",
      "Append text to a file, creating it when missing.",
      'append_file("log.txt", "line\\n")',
      pathAndContent("append_file", (abs, c) => fsp.appendFile(abs, c)),
    ),
    exists: declare(
      "exists(path: String) -> Bool",
      "True when the path exists.",
      'exists("data")  // true',
      test("exists", () => true),
    ),
    is_file: declare(
      "is_file(path: String) -> Bool",
      "True for an existing regular file.",
      'is_file("app.tnt")  // true',
      test("is_file", (s) => s.isFile()),
    ),
    is_dir: declare(
      "is_dir(path: String) -> Bool",
      "True for an existing directory.",
      'is_dir("data")  // true',
      test("is_dir", (s) => s.isDirectory()),
    ),
    mkdir: declare(
      "mkdir(path: String) -> Result<(), String>",
      "Create one directory (its parent must exist).",
      'mkdir("data")',
      onePath("mkdir", async (abs) => {
        await fsp.mkdir(abs);
        return undefined;
      }),
    ),
    mkdir_all: declare(
      "mkdir_all(path: String) -> Result<(), String>",
      "Create a directory and any missing parents.",
      'mkdir_all("data/a/b")',
      onePath("mkdir_all", async (abs) => {
        await fsp.mkdir(abs, { recursive: true });
        return undefined;
      }),
    ),
    readdir: declare(
      "readdir(path: String) -> Result<[String], String>",
      "The entries of a directory, as paths joined with the argument.",
      'readdir("data")  // Ok(["data/a.csv"])',
      onePath("readdir", async (abs, given) => {
        const names = await fsp.readdir(abs);
        return NArray.of(names.map((n) => joinListed(given, n)).sort(byteOrder));
      }),
    ),
    remove: declare(
      "remove(path: String) -> Result<(), String>",
      "Delete a file.",
      'remove("old.txt")',
      onePath("remove", async (abs) => {
        await fsp.unlink(abs);
        return undefined;
      }),
    ),
    remove_dir: declare(
      "remove_dir(path: String) -> Result<(), String>",
      "Delete an empty directory.",
      'remove_dir("tmp")',
      onePath("remove_dir", async (abs) => {
        await fsp.rmdir(abs);
        return undefined;
      }),
    ),
    remove_dir_all: declare(
      "remove_dir_all(path: String) -> Result<(), String>",
      "Delete a directory and everything in it.",
      'remove_dir_all("build")',
      onePath("remove_dir_all", async (abs) => {
        await requireDir(abs);
        await fsp.rm(abs, { recursive: true });
        return undefined;
      }),
    ),
    rename: declare(
      "rename(from: String, to: String) -> Result<(), String>",
      "Rename or move a file or directory.",
      'rename("a.txt", "b.txt")',
      twoPaths("rename", async (from, to) => {
        await fsp.rename(from, to);
        return undefined;
      }),
    ),
    copy: declare(
      "copy(from: String, to: String) -> Result<Int, String>",
      "Copy a file; the number of bytes copied.",
      'copy("a.txt", "b.txt")  // Ok(12)',
      twoPaths("copy", async (from, to) => {
        const st = await fsp.stat(from);
        if (!st.isFile()) throw new Error("the source path is neither a regular file nor a symlink to a regular file");
        await fsp.copyFile(from, to);
        await fsp.chmod(to, st.mode & 0o7777);
        return st.size;
      }),
    ),
    file_size: declare(
      "file_size(path: String) -> Result<Int, String>",
      "Size in bytes.",
      'file_size("a.txt")  // Ok(12)',
      onePath("file_size", async (abs) => (await fsp.stat(abs)).size),
    ),
  },
  "Files and directories; relative paths start at the script's folder, OS failures are Err",
);
