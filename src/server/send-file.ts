/**
 * `send_file(path, download_name?)` of `std/http/server` (docs/web.md): a response whose
 * body is a file, streamed from disk with its content type and length; with a name it is
 * a download (`content-disposition: attachment`).
 */

import { declare } from "../runtime/declaration";
import { existsSync, statSync } from "node:fs";
import { typeError } from "../runtime/errors";
import { NMap, type Value } from "../runtime/values";
import { scriptPath } from "../runtime/program-paths";
import { native } from "../runtime/natives";

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266). */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** The send_file native, merged into `std/http/server`. */
export const sendFileNatives: Record<string, Value> = {
  send_file: declare(
    "send_file(path: String, download_name?: String) -> Response",
    "A response streaming a file; with a name it is a download.",
    'send_file("reports/q1.pdf", "Q1 report.pdf")',
    native("send_file", [1, 2], ([path, name], ctx) => {
      if (typeof path !== "string") throw typeError("send_file() requires a file path string");
      if (name !== undefined && typeof name !== "string") throw typeError("send_file() download name must be a string");
      const abs = scriptPath(path, ctx);
      if (!existsSync(abs) || !statSync(abs).isFile())
        return NMap.fromObject({ status: 404, headers: NMap.fromObject({ "content-type": "text/plain; charset=utf-8" }), body: "Not Found" });
      const headers = new Map<string, Value>([["content-type", Bun.file(abs).type]]);
      if (name !== undefined) headers.set("content-disposition", attachmentHeader(name));
      return new NMap(
        new Map<string, Value>([
          ["status", 200],
          ["headers", new NMap(headers)],
          ["body", ""],
          ["file", abs],
        ]),
      );
    }),
  ),
};
