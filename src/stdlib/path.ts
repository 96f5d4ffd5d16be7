/** std/path (stdlib.md §6): lexical Unix path functions with Rust `std::path` semantics. */

import { realpathSync } from "node:fs";
import { declare } from "../runtime/declaration";
import { posix } from "node:path";
import { typeError } from "../runtime/errors";
import { Err, NArray, NONE, Ok, Some, type Value } from "../runtime/values";
import { osErrorText } from "../runtime/os-error";
import { defineModule, native } from "./module";

interface Comp {
  text: string;
  end: number; // offset just past the component in the original string
}

/** Rust `Path::components` (without the root): empty and interior `.` parts are skipped. */
function components(p: string): Comp[] {
  const out: Comp[] = [];
  let i = 0;
  while (i <= p.length) {
    let j = p.indexOf("/", i);
    if (j < 0) j = p.length;
    const text = p.slice(i, j);
    if (text !== "" && (text !== "." || i === 0)) out.push({ text, end: j });
    i = j + 1;
  }
  return out;
}

/** Rust `Path::parent`. */
function parent(p: string): string | null {
  const cs = components(p);
  if (cs.length === 0) return null;
  if (cs.length === 1) return p.startsWith("/") ? "/" : "";
  return p.slice(0, cs[cs.length - 2]!.end);
}

/** Rust `Path::file_name`: the last component unless it is `..` (or `.`, or absent). */
function fileName(p: string): Comp | null {
  const cs = components(p);
  const last = cs[cs.length - 1];
  if (!last || last.text === ".." || last.text === ".") return null;
  return last;
}

/** Split a file name into stem and extension (Rust rules: a leading dot alone is not one). */
function splitExt(name: string): [string, string | null] {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return [name, null];
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/** Rust `PathBuf::push` of each part. */
function joinParts(parts: readonly string[]): string {
  let buf = "";
  for (const part of parts) {
    if (part.startsWith("/")) buf = part;
    else if (buf === "" || buf.endsWith("/")) buf += part;
    else buf += "/" + part;
  }
  return buf;
}

/** Lexical normalisation; `..` pops a previous normal component but never another `..`. */
function normalize(p: string): string {
  const abs = p.startsWith("/");
  const parts: string[] = [];
  for (const c of p.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(c);
  }
  return (abs ? "/" : "") + parts.join("/");
}

/** Native taking one path string. */
function onePath(name: string, fn: (p: string) => Value) {
  return native(name, 1, ([p]) => {
    if (typeof p !== "string") throw typeError(`${name}() requires a string path`);
    return fn(p);
  });
}

const opt = (s: string | null): Value => (s === null ? NONE : Some(s));

export default defineModule(
  "std/path",
  {
    join: declare(
      "join(parts: [String]) -> String",
      "Path parts joined with /; an absolute part restarts the path.",
      'join(["a", "b.txt"])  // "a/b.txt"',
      native("join", 1, ([parts]) => {
        if (!(parts instanceof NArray)) throw typeError("join() requires an array of path parts");
        const items = parts.elements();
        if (!items.every((x) => typeof x === "string")) throw typeError("join() requires array of strings");
        return joinParts(items as string[]);
      }),
    ),
    dirname: declare(
      "dirname(path: String) -> String?",
      'The parent path, or None for / and "".',
      'dirname("src/main.tnt")  // Some("src")',
      onePath("dirname", (p) => opt(parent(p))),
    ),
    basename: declare(
      "basename(path: String) -> String?",
      "The last path component.",
      'basename("a/b.txt")  // Some("b.txt")',
      onePath("basename", (p) => opt(fileName(p)?.text ?? null)),
    ),
    extension: declare(
      "extension(path: String) -> String?",
      "The file name's extension without the dot.",
      'extension("x.tar.gz")  // Some("gz")',
      onePath("extension", (p) => {
        const f = fileName(p);
        return opt(f ? splitExt(f.text)[1] : null);
      }),
    ),
    stem: declare(
      "stem(path: String) -> String?",
      "The file name without its extension.",
      'stem("x.tar.gz")  // Some("x.tar")',
      onePath("stem", (p) => {
        const f = fileName(p);
        return opt(f ? splitExt(f.text)[0] : null);
      }),
    ),
    extname: declare(
      "extname(path: String) -> String",
      'The extension with its dot, or "".',
      'extname("a.txt")  // ".txt"',
      onePath("extname", (p) => posix.extname(p)),
    ),
    with_extension: declare(
      "with_extension(path: String, ext: String) -> String",
      'The path with its extension replaced ("" removes it).',
      'with_extension("a/b.txt", "md")  // "a/b.md"',
      native("with_extension", 2, ([p, ext]) => {
        if (typeof p !== "string" || typeof ext !== "string") throw typeError("with_extension() requires two strings");
        const f = fileName(p);
        if (!f) return p;
        const stem = splitExt(f.text)[0];
        const base = p.slice(0, f.end - f.text.length) + stem;
        return ext === "" ? base : base + "." + ext;
      }),
    ),
    is_absolute: declare(
      "is_absolute(path: String) -> Bool",
      "True when the path starts with /.",
      'is_absolute("/etc")  // true',
      onePath("is_absolute", (p) => p.startsWith("/")),
    ),
    is_relative: declare(
      "is_relative(path: String) -> Bool",
      "True when the path does not start with /.",
      'is_relative("etc")  // true',
      onePath("is_relative", (p) => !p.startsWith("/")),
    ),
    normalize: declare(
      "normalize(path: String) -> String",
      "Lexically simplified: . and .. resolved, repeated slashes collapsed.",
      'normalize("a/./b/../c/")  // "a/c"',
      onePath("normalize", normalize),
    ),
    resolve: declare(
      "resolve(path: String) -> Result<String, String>",
      "The real absolute path of an existing file.",
      'resolve(".")  // Ok("/home/me/app")',
      onePath("resolve", (p) => {
        try {
          return Ok(realpathSync(p));
        } catch (e) {
          return Err(osErrorText(e));
        }
      }),
    ),
  },
  "Unix path manipulation (nothing touches the disk except resolve)",
);
