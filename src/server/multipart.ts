/**
 * `multipart/form-data` request bodies (docs/web.md): fields are collected, files are
 * streamed into a temporary folder of the request (removed after the response), and the
 * whole body stays under the body limit (busboy parses; we count the bytes fed to it).
 */

import type busboy from "busboy";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { nodeFsPromises, nodeOs } from "./lazy-node";

/** One uploaded file. */
export interface UploadedFile {
  /** The form field's name. */
  field: string;
  /** The file name the client gave (no directories). */
  filename: string;
  type: string;
  size: number;
  /** Where the bytes are on disk, in the request's temporary folder. */
  path: string;
}

/** A parsed multipart body. */
export interface MultipartBody {
  fields: Array<[string, string]>;
  files: UploadedFile[];
  /** The request's temporary folder, or null when no file was sent. */
  dir: string | null;
}

/** The body passed the limit while streaming. */
export class BodyTooLarge extends Error {}

/** The body is not valid multipart. */
export class MalformedMultipart extends Error {}

/** Remove a request's temporary upload folder (after its response). */
export function removeUploads(dir: string | null): void {
  if (dir)
    nodeFsPromises()
      .rm(dir, { recursive: true, force: true })
      .catch(() => {});
}

/** Parse `body` (Content-Type `contentType`) streaming files to disk; rejects with BodyTooLarge or MalformedMultipart. */
export async function readMultipart(body: ReadableStream<Uint8Array>, contentType: string, maxBody: number): Promise<MultipartBody> {
  let bb: busboy.Busboy;
  try {
    // Loaded on the first multipart request: it pulls in node:stream, which start-up need not pay for.
    const parse = require("busboy") as typeof busboy;
    bb = parse({ headers: { "content-type": contentType }, defParamCharset: "utf8", limits: { fieldSize: maxBody } });
  } catch (e) {
    throw new MalformedMultipart((e as Error).message);
  }
  const out: MultipartBody = { fields: [], files: [], dir: null };
  const writes: Promise<void>[] = [];
  const tmp: { dir: Promise<string> | null } = { dir: null };
  let count = 0;
  let failure: Error | null = null;

  bb.on("field", (name, value) => out.fields.push([name, value]));
  bb.on("file", (field, stream, info) => {
    // A file input left empty arrives as a part with no file name and no bytes.
    if (!info.filename) {
      stream.resume();
      return;
    }
    const n = count++;
    const safe = info.filename.replace(/^.*[\\/]/, "");
    const file: UploadedFile = { field, filename: safe, type: info.mimeType || "application/octet-stream", size: 0, path: "" };
    out.files.push(file);
    stream.pause();
    writes.push(
      (async () => {
        const dir = await (tmp.dir ??= nodeFsPromises().mkdtemp(join(nodeOs().tmpdir(), "ntnt-upload-")));
        out.dir = dir;
        file.path = join(dir, `${n}-${safe.replace(/[^A-Za-z0-9._-]/g, "_") || "file"}`);
        await new Promise<void>((resolve, reject) => {
          const ws = createWriteStream(file.path);
          stream.on("data", (chunk: Buffer) => (file.size += chunk.length));
          stream.on("error", reject);
          ws.on("error", reject);
          ws.on("finish", resolve);
          stream.pipe(ws);
        });
      })(),
    );
  });
  const finished = new Promise<void>((resolve, reject) => {
    bb.on("close", resolve);
    bb.on("error", (e) => reject(new MalformedMultipart((e as Error).message)));
  });
  finished.catch(() => {});

  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBody) {
        reader.cancel().catch(() => {});
        throw new BodyTooLarge();
      }
      if (!bb.write(value)) await new Promise<void>((r) => bb.once("drain", r));
    }
    bb.end();
    await finished;
    await Promise.all(writes);
  } catch (e) {
    failure = e as Error;
  }
  if (failure) {
    bb.destroy();
    await Promise.allSettled(writes);
    if (tmp.dir) removeUploads(await tmp.dir.catch(() => null));
    throw failure instanceof BodyTooLarge || failure instanceof MalformedMultipart ? failure : new MalformedMultipart(failure.message);
  }
  return out;
}
