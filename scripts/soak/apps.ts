/** The NTNT programs the soak runs against (written into a temp folder per run). */

/** Mixed routes: text, JSON, a short sleep, an echo, a template, a CPU loop, a SQLite write. */
export const MIXED_APP = `import { text, json } from "std/http/server"
import { sleep_ms } from "std/concurrent"
import "std/db/sqlite" as db

let conn = unwrap(db.connect("soak.db"))
unwrap(db.execute(conn, "CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, path TEXT)", []))

fn home(req) { return text("home") }
fn data(req) { return json(map { "n": [1, 2, 3], "s": "x" }) }
fn nap(req) {
    sleep_ms(20)
    return text("slept")
}
fn echo(req) { return text(req.body) }
fn page(req) {
    let items = [1, 2, 3, 4, 5]
    return text("""{{#for i in items}}<li>{{i}}</li>{{/for}}""")
}
fn spin(req) {
    let mut n = 0
    for i in 0..20000 { n += i }
    return text("{n}")
}
fn hit(req) {
    unwrap(db.execute(conn, "INSERT INTO hits (path) VALUES (?)", [req.path]))
    return text("ok")
}

get("/", home)
get("/json", data)
get("/sleep", nap)
post("/echo", echo)
get("/page", page)
get("/spin", spin)
post("/hit", hit)
routes("routes")
listen(8080)
`;

/** The route file edited while the server is under load (hot reload). */
export const versionRoute = (n: number) => `import { text } from "std/http/server"\nfn get(req) { return text("v${n}") }\n`;

/** SQLite writes acknowledged with the row id: after a SIGKILL every acknowledged row must be there. */
export const WRITER_APP = `import { text } from "std/http/server"
import { join } from "std/string"
import "std/db/sqlite" as db

let conn = unwrap(db.connect("durable.db"))
unwrap(db.execute(conn, "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, payload TEXT)", []))

fn write(req) {
    let rows = unwrap(db.query(conn, "INSERT INTO rows (payload) VALUES (?) RETURNING id", [req.body]))
    return text("{rows[0].id}")
}
fn count(req) {
    let rows = unwrap(db.query(conn, "SELECT COUNT(*) AS n FROM rows", []))
    return text("{rows[0].n}")
}
fn ids(req) {
    let rows = unwrap(db.query(conn, "SELECT id FROM rows", []))
    let mut out = []
    for r in rows { out = push(out, str(r.id)) }
    return text(join(out, ","))
}

post("/write", write)
get("/count", count)
get("/ids", ids)
listen(8080)
`;
