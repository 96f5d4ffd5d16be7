/** Which `.tnt` files a tooling command looks at, and the names it reports them by (cli.md §4.3, §7). */

import { readdirSync, statSync, type Stats } from "node:fs";

/** `.tnt` files at PATH: the file itself, or all under a directory (recursive), in path order; none if missing. */
export function collectTntFiles(path: string): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const child = dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
      const st = stat(child);
      if (st?.isFile() && isTnt(name)) files.push(child);
      else if (st?.isDirectory()) visit(child);
    }
  };
  const st = stat(path);
  if (st?.isFile() && isTnt(path)) files.push(path);
  else if (st?.isDirectory()) visit(path);
  return files.sort(byComponents);
}

/** A file's name relative to PATH's parent, as the reference prints it (`proj/app.tnt`, `./app.tnt`). */
export function displayName(root: string, file: string): string {
  const parent = parentOf(root);
  if (!parent) return file;
  const prefix = parent.endsWith("/") ? parent : `${parent}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

function stat(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Has the extension `.tnt` (a file named just `.tnt` has none). */
function isTnt(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.endsWith(".tnt") && base !== ".tnt";
}

/** Paths compare component by component, like Rust's `PathBuf` ordering. */
function byComponents(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/** Rust's `Path::parent` on the text: "" for a lone relative component, null for `/`. */
function parentOf(path: string): string | null {
  const p = path.replace(/\/+$/, "");
  if (p === "") return null;
  const i = p.lastIndexOf("/");
  if (i < 0) return "";
  return i === 0 ? "/" : p.slice(0, i);
}
