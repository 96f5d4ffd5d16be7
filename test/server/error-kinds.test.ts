/** The server picks the status and body of a failed handler from the error's kind, not from its text. */

import { beforeAll, describe, expect, test } from "bun:test";
import { projectServer, type RunningApp } from "../support/ntnt-app";

const serve = projectServer();

const APP = `import { text } from "std/http/server"
fn create(req)
requires req.body != ""
{ return text("ok") }
fn quoted(req) { return text(unwrap(Err("Postcondition failed in 'x': y"))) }
fn deeper(req) { return text(create(map { "body": "" })) }
post("/create", create)
get("/quoted", quoted)
get("/deeper", deeper)
listen(8080)
`;

describe("error kinds decide the answer", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await serve({ "app.tnt": APP });
  });

  test("the handler's own failed requires is a precondition: 400 with its detail", async () => {
    const r = await fetch(`${app.base}/create`, { method: "POST", body: "" });
    expect(r.status).toBe(400);
    expect(await r.text()).toBe(`Bad Request: Precondition failed in 'create': req.body != ""`);
  });

  test("a precondition failing deeper than the handler is the app's bug: 500", async () => {
    const r = await fetch(`${app.base}/deeper`);
    expect(r.status).toBe(500);
    expect(await r.text()).toBe(`Contract violation: Precondition failed in 'create': req.body != ""`);
  });

  test("a runtime error whose text mentions a postcondition is still a runtime error", async () => {
    const r = await fetch(`${app.base}/quoted`);
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Runtime error: Called unwrap() on Err(Postcondition failed in 'x': y)");
  });
});
