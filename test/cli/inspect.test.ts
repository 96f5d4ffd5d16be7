/** `ntnt inspect` on fixture projects: the static project scan as JSON (cli.md §7.2). */

import { afterAll, describe, expect, test } from "bun:test";
import { ntnt, project } from "./project";

const APP = [
  'import { json, html as page } from "std/http/server"', // 1
  'import "std/math" as m', // 2
  "#[derive(Debug)]", // 3
  "struct User<T, U: Show> {", // 4
  "    pub id: Int,", // 5
  "    tags: Map< String,[T] >", // 6
  "}", // 7
  "enum Color { Red, Green(Int) }", // 8
  "#[test]", // 9
  "export fn divide(a: Int, b: Int = 1) -> Int", // 10
  '    requires b != 0 && a > -1 requires len(str(a)) < 10 requires name.starts_with("x")', // 11
  "    ensures result >= 0", // 12
  "{", // 13
  "    return a / b", // 14
  "}", // 15
  "fn get_user(req) { return json(req.params) }", // 16
  "use_middleware(logger)", // 17
  'get(r"/users/{id}", get_user)', // 18
  'post("/items/{id}/tags", make_handler(1))', // 19
  'put("/n/{id + 1}", get_user)', // 20
  'serve_static("/assets", "public")', // 21
  'serve_static("/files", dir)', // 22
  'routes("routes")', // 23
  "",
].join("\n");

const p = project({
  "site/app.tnt": APP,
  "site/routes/index.tnt": 'fn get(req) { return "home" }\nfn helper() { return 1 }\n',
  "site/routes/api/users/[id].tnt": "export fn get(req) { return req.params.id }\nfn delete(req) { return 1 }\n",
  "site/routes/api/users/index.tnt": "fn post(req) { return 1 }\n",
  "site/zz_broken.tnt": "fn (\n",
});
afterAll(p.remove);

describe("ntnt inspect", () => {
  test("compact JSON by default, --pretty / -p indents by 2; keys sorted", async () => {
    const compact = await ntnt(p.dir, "inspect", "site/app.tnt");
    expect(compact.code).toBe(0);
    expect(compact.stderr).toBe("");
    expect(compact.stdout.trim().split("\n")).toHaveLength(1);
    const doc = JSON.parse(compact.stdout);
    expect(Object.keys(doc)).toEqual(["enums", "files", "functions", "imports", "middleware", "routes", "static", "structs", "syntax_reference"]);
    for (const flag of ["--pretty", "-p"]) expect((await ntnt(p.dir, "inspect", "site/app.tnt", flag)).stdout).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(Object.keys(doc.syntax_reference)).toEqual(["builtin_functions", "common_imports", "critical_rules"]);
  });

  test("declarations: functions with contracts in source operators, structs, enums, imports", async () => {
    const doc = JSON.parse((await ntnt(p.dir, "inspect", "site/app.tnt")).stdout);
    expect(doc.files).toEqual(["app.tnt"]);
    expect(doc.functions).toEqual([
      {
        attributes: ["test"],
        contracts: { ensures: ["result >= 0"], requires: ["b != 0 && a > -1", "len(str(a)) < 10", 'name.starts_with("x")'] },
        file: "app.tnt",
        line: 10,
        name: "divide",
        params: [
          { has_default: false, name: "a", type: "Int" },
          { has_default: true, name: "b", type: "Int" },
        ],
        return_type: "Int",
      },
      {
        attributes: [],
        contracts: null,
        file: "app.tnt",
        line: 16,
        name: "get_user",
        params: [{ has_default: false, name: "req", type: null }],
        return_type: null,
      },
    ]);
    expect(doc.structs).toEqual([
      {
        fields: [
          { name: "id", public: true, type: "Int" },
          { name: "tags", public: false, type: "Map<String, [T]>" },
        ],
        file: "app.tnt",
        line: 4,
        name: "User",
        type_params: ["T", "U"],
      },
    ]);
    expect(doc.enums).toEqual([{ file: "app.tnt", line: 8, name: "Color", type_params: [], variants: ["Red", "Green"] }]);
    expect(doc.imports).toEqual([
      { alias: null, file: "app.tnt", items: ["json", "html"], source: "std/http/server" },
      { alias: "m", file: "app.tnt", items: [], source: "std/math" },
    ]);
  });

  test("registrations: inline routes, middleware, static directories", async () => {
    const doc = JSON.parse((await ntnt(p.dir, "inspect", "site/app.tnt")).stdout);
    expect(doc.routes).toEqual([
      { file: "app.tnt", handler: "get_user", line: 18, method: "GET", path: "/users/{id}" },
      { file: "app.tnt", handler: "<handler>", line: 19, method: "POST", path: "/items/{id}/tags" },
    ]);
    expect(doc.middleware).toEqual([{ file: "app.tnt", handler: "logger", line: 17 }]);
    expect(doc.static).toEqual([
      { directory: "public", file: "app.tnt", line: 21, prefix: "/assets" },
      { directory: "$dir", file: "app.tnt", line: 22, prefix: "/files" },
    ]);
  });

  test("a directory: file-based routes under routes/, parse failures warned and skipped", async () => {
    const r = await ntnt(p.dir, "inspect", "site");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Warning: Failed to parse site/zz_broken.tnt: Parser error at line 1, column 4: Expected function name\n");
    const doc = JSON.parse(r.stdout);
    expect(doc.files).toEqual([
      "site/app.tnt",
      "site/routes/api/users/[id].tnt",
      "site/routes/api/users/index.tnt",
      "site/routes/index.tnt",
      "site/zz_broken.tnt",
    ]);
    const fileBased = doc.routes.filter((route: { routing?: string }) => route.routing === "file-based");
    expect(fileBased).toEqual([
      { file: "site/routes/api/users/[id].tnt", line: 1, method: "GET", path: "/api/users/{id}", routing: "file-based" },
      { file: "site/routes/api/users/[id].tnt", line: 2, method: "DELETE", path: "/api/users/{id}", routing: "file-based" },
      { file: "site/routes/api/users/index.tnt", line: 1, method: "POST", path: "/api/users", routing: "file-based" },
      { file: "site/routes/index.tnt", line: 1, method: "GET", path: "/", routing: "file-based" },
    ]);
    expect(doc.functions.map((f: { name: string }) => f.name)).toEqual(["divide", "get_user", "get", "delete", "post", "get", "helper"]);
    const routesOnly = JSON.parse((await ntnt(`${p.dir}/site`, "inspect", "routes")).stdout);
    expect(routesOnly.routes.map((route: { path: string }) => route.path)).toEqual(["/api/users/{id}", "/api/users/{id}", "/api/users", "/"]);
  });

  test("a missing path gives empty lists; a missing argument is a usage error", async () => {
    const r = await ntnt(p.dir, "inspect", "nowhere");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    for (const key of ["files", "functions", "routes", "middleware", "static", "structs", "enums", "imports"]) expect(doc[key]).toEqual([]);
    expect((await ntnt(p.dir, "inspect")).code).toBe(2);
  });
});
