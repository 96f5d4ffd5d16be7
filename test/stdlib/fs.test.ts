import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fs from "../../src/stdlib/fs";
import type { NArray } from "../../src/runtime/values";
import { call, err, makeCtx, ok } from "./native-call";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ntnt-fs-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("std/fs", () => {
  test("write, append, read text and bytes", async () => {
    const p = join(dir, "a.txt");
    expect(ok(await call(fs, "write_file", [p, "héllo"]))).toBeUndefined();
    ok(await call(fs, "append_file", [p, "!\n"]));
    expect(ok(await call(fs, "read_file", [p]))).toBe("héllo!\n");
    const bytes = ok(await call(fs, "read_bytes", [p])) as NArray;
    expect(bytes.elements()).toEqual([104, 195, 169, 108, 108, 111, 33, 10]);
    expect(ok(await call(fs, "file_size", [p]))).toBe(8);
  });

  test("relative paths resolve against the script directory", async () => {
    const ctx = makeCtx(dir);
    ok(await call(fs, "write_file", ["rel.txt", "x"], ctx));
    expect(await call(fs, "exists", [join(dir, "rel.txt")])).toBe(true);
    expect(ok(await call(fs, "read_file", ["rel.txt"], ctx))).toBe("x");
  });

  test("invalid UTF-8 and missing files are Err with OS texts", async () => {
    const p = join(dir, "bin.dat");
    await Bun.write(p, new Uint8Array([0xff, 0xfe, 0x41]));
    expect(err(await call(fs, "read_file", [p]))).toBe("stream did not contain valid UTF-8");
    expect(err(await call(fs, "read_file", [join(dir, "nope")]))).toBe("No such file or directory (os error 2)");
    expect(err(await call(fs, "write_file", [join(dir, "no/such/x"), ""]))).toBe("No such file or directory (os error 2)");
  });

  test("exists / is_file / is_dir never fail", async () => {
    expect(await call(fs, "exists", [dir])).toBe(true);
    expect(await call(fs, "is_dir", [dir])).toBe(true);
    expect(await call(fs, "is_file", [dir])).toBe(false);
    expect(await call(fs, "exists", [join(dir, "missing")])).toBe(false);
    await symlink(join(dir, "missing"), join(dir, "dangling"));
    expect(await call(fs, "exists", [join(dir, "dangling")])).toBe(false);
  });

  test("mkdir is not recursive; mkdir_all is and tolerates existing", async () => {
    const d = join(dir, "d1");
    ok(await call(fs, "mkdir", [d]));
    expect(err(await call(fs, "mkdir", [d]))).toBe("File exists (os error 17)");
    expect(err(await call(fs, "mkdir", [join(dir, "x/y")]))).toBe("No such file or directory (os error 2)");
    ok(await call(fs, "mkdir_all", [join(dir, "x/y/z")]));
    ok(await call(fs, "mkdir_all", [join(dir, "x/y/z")]));
    expect(await call(fs, "is_dir", [join(dir, "x/y/z")])).toBe(true);
  });

  test("readdir returns sorted paths joined with the argument", async () => {
    const ctx = makeCtx(dir);
    ok(await call(fs, "mkdir_all", ["list"], ctx));
    for (const n of ["b.csv", "a.csv", "C.txt"]) ok(await call(fs, "write_file", [`list/${n}`, n], ctx));
    const r = ok(await call(fs, "readdir", ["list"], ctx)) as NArray;
    expect(r.elements()).toEqual(["list/C.txt", "list/a.csv", "list/b.csv"]);
    const r2 = ok(await call(fs, "readdir", ["list/"], ctx)) as NArray;
    expect(r2.elements()[0]).toBe("list/C.txt");
    expect(err(await call(fs, "readdir", ["list/a.csv"], ctx))).toBe("Not a directory (os error 20)");
  });

  test("remove, remove_dir, remove_dir_all", async () => {
    const ctx = makeCtx(dir);
    ok(await call(fs, "mkdir_all", ["rm/sub"], ctx));
    ok(await call(fs, "write_file", ["rm/sub/f", "1"], ctx));
    expect(err(await call(fs, "remove", ["rm/sub"], ctx))).toBe("Is a directory (os error 21)");
    expect(err(await call(fs, "remove_dir", ["rm/sub"], ctx))).toBe("Directory not empty (os error 39)");
    expect(err(await call(fs, "remove_dir_all", ["rm/sub/f"], ctx))).toBe("Not a directory (os error 20)");
    ok(await call(fs, "remove", ["rm/sub/f"], ctx));
    ok(await call(fs, "remove_dir", ["rm/sub"], ctx));
    ok(await call(fs, "mkdir_all", ["rm/a/b"], ctx));
    ok(await call(fs, "remove_dir_all", ["rm"], ctx));
    expect(await call(fs, "exists", ["rm"], ctx)).toBe(false);
    expect(err(await call(fs, "remove", ["rm"], ctx))).toBe("No such file or directory (os error 2)");
  });

  test("rename replaces, copy returns the byte count", async () => {
    const ctx = makeCtx(dir);
    ok(await call(fs, "write_file", ["r1", "one"], ctx));
    ok(await call(fs, "write_file", ["r2", "two!"], ctx));
    ok(await call(fs, "rename", ["r1", "r2"], ctx));
    expect(ok(await call(fs, "read_file", ["r2"], ctx))).toBe("one");
    expect(ok(await call(fs, "copy", ["r2", "r3"], ctx))).toBe(3);
    expect(ok(await call(fs, "read_file", ["r3"], ctx))).toBe("one");
    expect(err(await call(fs, "copy", ["nope", "r4"], ctx))).toBe("No such file or directory (os error 2)");
    expect(err(await call(fs, "rename", ["nope", "r4"], ctx))).toBe("No such file or directory (os error 2)");
  });

  test("type errors for non-string paths", async () => {
    await expect(call(fs, "read_file", [1])).rejects.toThrow("Type error: read_file() requires a string path");
    await expect(call(fs, "write_file", ["a", 1])).rejects.toThrow("Type error: write_file() requires path and content strings");
    await expect(call(fs, "exists", [true])).rejects.toThrow("Type error: exists() requires a string path");
    await expect(call(fs, "rename", ["a", 1])).rejects.toThrow("Type error: rename() requires two string paths");
  });
});
