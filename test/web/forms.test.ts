/** Forms, uploads, binary bodies and file downloads through a real server (docs/web.md). */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { project, startApp, type RunningApp } from "../support/ntnt-app";

const dir = project({
  "app.tnt": `import { json, text, send_file, save_body } from "std/http/server"
import { copy, read_file } from "std/fs"
fn form(req) {
    return json(map { "form": req.form })
}
fn upload(req) {
    let f = req.files["doc"]
    unwrap(copy(f.path, "saved-" + f.filename))
    return json(map { "title": req.form["title"], "tags": req.form["tags"], "filename": f.filename, "type": f.type, "size": f.size, "kept": unwrap(read_file("saved-" + f.filename)), "tmp": f.path })
}
fn binary(req) {
    let n = unwrap(save_body(req, "body.bin"))
    return json(map { "saved": n, "first": req.body_bytes[0], "count": len(req.body_bytes) })
}
fn report(req) {
    return send_file("files/report ü.txt", "Report ü.txt")
}
fn inline(req) {
    return send_file("files/page.html")
}
fn missing(req) {
    return send_file("files/nope.txt")
}
post("/form", form)
post("/upload", upload)
post("/binary", binary)
get("/report", report)
get("/inline", inline)
get("/missing", missing)
listen(8080)
`,
  "files/report ü.txt": "quarterly numbers\n",
  "files/page.html": "<h1>hi</h1>",
});
// The app's own temp folder, so uploads of other tests' servers do not change the counts.
const tmp = join(dir, "tmp");
let app: RunningApp;
beforeAll(async () => {
  mkdirSync(tmp);
  app = await startApp(join(dir, "app.tnt"), { env: { NTNT_MAX_BODY: "4096", TMPDIR: tmp } });
});
afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const uploadsLeft = () => readdirSync(tmp).filter((n) => n.startsWith("ntnt-upload-")).length;

/** Upload folders left once the server's asynchronous clean-up has had up to a second. */
async function uploadsLeftAfterCleanUp(): Promise<number> {
  for (let i = 0; i < 50 && uploadsLeft() > 0; i++) await Bun.sleep(20);
  return uploadsLeft();
}

describe("forms and uploads", () => {
  test("urlencoded: repeated keys and name[] become arrays in req.form", async () => {
    const r = await fetch(app.base + "/form", {
      method: "POST",
      body: "a=1&tag=x&tag=y&one[]=only&q=a+b%21",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await r.json()).toEqual({ form: { a: "1", tag: ["x", "y"], one: ["only"], q: "a b!" } });
  });

  test("multipart: fields and a file streamed to a temp folder that is removed after the response", async () => {
    const fd = new FormData();
    fd.append("title", "Notes");
    fd.append("tags", "a");
    fd.append("tags", "b");
    fd.append("doc", new File(["hello upload"], "notes.txt", { type: "text/plain" }));
    fd.append("empty", new File([], ""));
    const r = await fetch(app.base + "/upload", { method: "POST", body: fd });
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ title: "Notes", tags: ["a", "b"], filename: "notes.txt", type: "text/plain", size: 12, kept: "hello upload" });
    expect(readFileSync(join(dir, "saved-notes.txt"), "utf8")).toBe("hello upload");
    expect((body.tmp as string).startsWith(tmp)).toBe(true);
    expect(await uploadsLeftAfterCleanUp()).toBe(0);
    expect(existsSync(body.tmp as string)).toBe(false);
  });

  test("an upload over the body limit is a 413 and leaves no temp files", async () => {
    const fd = new FormData();
    fd.append("doc", new File([new Uint8Array(10_000)], "big.bin"));
    const r = await fetch(app.base + "/upload", { method: "POST", body: fd });
    expect(r.status).toBe(413);
    expect(await uploadsLeftAfterCleanUp()).toBe(0);
  });

  test("a malformed multipart body is a 400", async () => {
    const r = await fetch(app.base + "/upload", { method: "POST", body: "garbage", headers: { "content-type": "multipart/form-data; boundary=zzz" } });
    expect(r.status).toBe(400);
  });

  test("binary bodies keep their bytes: save_body and req.body_bytes", async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80, 0x41]);
    const r = await fetch(app.base + "/binary", { method: "POST", body: bytes, headers: { "content-type": "application/octet-stream" } });
    expect(await r.json()).toEqual({ saved: 5, first: 255, count: 5 });
    expect([...readFileSync(join(dir, "body.bin"))]).toEqual([...bytes]);
  });

  test("send_file: a download with its type, length and a UTF-8 file name; inline without a name; 404 when missing", async () => {
    const r = await fetch(app.base + "/report");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toStartWith("text/plain");
    expect(r.headers.get("content-length")).toBe("18");
    expect(r.headers.get("content-disposition")).toBe(`attachment; filename="Report _.txt"; filename*=UTF-8''Report%20%C3%BC.txt`);
    expect(await r.text()).toBe("quarterly numbers\n");
    const page = await fetch(app.base + "/inline");
    expect(page.headers.get("content-type")).toStartWith("text/html");
    expect(page.headers.get("content-disposition")).toBeNull();
    expect((await fetch(app.base + "/missing")).status).toBe(404);
  });
});
