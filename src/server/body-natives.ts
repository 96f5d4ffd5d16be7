/** `save_body(req, path)` of `std/http/server` (docs/web.md): the request body, byte for byte, to a file. */

import { declare } from "../runtime/declaration";
import { typeError } from "../runtime/errors";
import { Err, NMap, Ok, type Value } from "../runtime/values";
import { osErrorText } from "../runtime/os-error";
import { scriptPath } from "../runtime/program-paths";
import { native } from "../runtime/natives";
import { bodyOf } from "./request-body";
import { nodeFsPromises } from "./lazy-node";

/** The body natives, merged into `std/http/server`. */
export const bodyNatives: Record<string, Value> = {
  save_body: declare(
    "save_body(req: Request, path: String) -> Result<Int, String>",
    "Write the request body byte for byte to a file.",
    'save_body(req, "uploads/photo.jpg")',
    native(
      "save_body",
      2,
      async ([req, path], ctx) => {
        if (!(req instanceof NMap)) throw typeError("save_body() first argument must be the request");
        if (typeof path !== "string") throw typeError("save_body() requires a file path string");
        const body = bodyOf(req);
        const bytes = body ? body.bytes : new TextEncoder().encode(typeof req.get("body") === "string" ? (req.get("body") as string) : "");
        try {
          await nodeFsPromises().writeFile(scriptPath(path, ctx), bytes);
          return Ok(bytes.length);
        } catch (e) {
          return Err(`Failed to write file: ${osErrorText(e)}`);
        }
      },
      { mayAsync: true },
    ),
  ),
};
