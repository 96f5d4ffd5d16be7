import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { callValue } from "../../src/engine/index";
import { state } from "../../src/runtime/state";
import type { Value } from "../../src/runtime/values";
import { load, runCli } from "./helpers";

/**
 * Run `calls` against a program in a separate Bun process with the engine's deadline armed
 * `ms` ahead before each call: a broken abort spins forever, so the child is killed after
 * `limitMs` and the test fails instead of hanging the suite.
 */
async function underDeadline(source: string, calls: Array<[string, Value[]]>, ms: number, limitMs: number) {
  const engine = join(import.meta.dir, "../../src/engine/index.ts");
  const errors = join(import.meta.dir, "../../src/runtime/errors.ts");
  const stateFile = join(import.meta.dir, "../../src/runtime/state.ts");
  const helpers = join(import.meta.dir, "helpers.ts");
  const script = `
import { callValue } from ${JSON.stringify(engine)};
import { DeadlineExceeded } from ${JSON.stringify(errors)};
import { state } from ${JSON.stringify(stateFile)};
import { load } from ${JSON.stringify(helpers)};
const env = await load(${JSON.stringify(source)});
const results = [];
for (const [name, args] of ${JSON.stringify(calls)}) {
  state.watch = true;
  const t0 = Date.now();
  state.deadline = t0 + ${ms};
  let outcome = "returned";
  try {
    callValue(env.get(name), args);
  } catch (e) {
    outcome = e instanceof DeadlineExceeded ? "DeadlineExceeded" : String(e);
  } finally {
    state.deadline = Number.POSITIVE_INFINITY;
  }
  results.push({ name, outcome, ms: Date.now() - t0, depth: state.depth });
}
console.log(JSON.stringify(results));
`;
  const proc = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
  const killer = setTimeout(() => proc.kill("SIGKILL"), limitMs);
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  clearTimeout(killer);
  const code = await proc.exited;
  expect({ code, err, killed: proc.signalCode }).toEqual({ code: 0, err: "", killed: null });
  return JSON.parse(out) as Array<{ name: string; outcome: string; ms: number; depth: number }>;
}

describe("deadline", () => {
  test("aborts `while true {}`, endless recursion and nested loops each too short to check on its own, at the deadline", async () => {
    // `nested`: no loop reaches 1024 iterations by itself; the checks come from the counts the inner loops add as they end.
    const source = `fn spin() { while true {} }\nfn fibr(n) { if n < 2 { return n } return fibr(n - 1) + fibr(n - 2) }
fn nested() { let mut n = 0\n for a in 0..1000 { for b in 0..1000 { let mut c = 0\n while c < 1000 { c = c + 1 } n = n + c } } return n }`;
    const results = await underDeadline(
      source,
      [
        ["spin", []],
        ["fibr", [60]],
        ["nested", []],
      ],
      100,
      15_000,
    );
    expect(results.map((r) => [r.name, r.outcome, r.depth])).toEqual([
      ["spin", "DeadlineExceeded", 0],
      ["fibr", "DeadlineExceeded", 0],
      ["nested", "DeadlineExceeded", 0],
    ]);
    for (const r of results) {
      expect(r.ms).toBeGreaterThanOrEqual(100);
      // Generous for a loaded machine, still under an abort 1 s late.
      expect(r.ms).toBeLessThan(700);
    }
  }, 20_000);
});

describe("values", () => {
  test("copy-on-write assignment keeps other versions intact", async () => {
    const { out } = await runCli(`
let m = map { "a": 1 }
let keep = m
m["b"] = 2
m.a = 5
let a = [1, 2, 3]
let b = a
a[0] = 9
a[-1] += 10
let nested = map { "xs": [1, 2], "p": map { "q": 1 } }
let before = nested
nested["xs"][1] = 20
nested.p.q = 7
print(keep); print(m); print(b); print(a); print(before); print(nested)
let big = []
for i in 0..50000 { big = push(big, i) }
for i in 0..50000 { big[i] = big[i] * 2 }
print(big[49999])
`);
    expect(out).toBe("{ a: 1 }\n{ a: 5, b: 2 }\n[1, 2, 3]\n[9, 2, 13]\n{ xs: [1, 2], p: { q: 1 } }\n{ xs: [1, 20], p: { q: 7 } }\n99998\n");
  });

  test("Int overflow is an error, bigints stay exact", async () => {
    const { out, err, code } = await runCli(`
let big = 9007199254740993
print(big + 1)
print(9223372036854775807 - 1)
print(9223372036854775807 + 1)
`);
    expect(out).toBe("9007199254740994\n9223372036854775806\n");
    expect(err).toContain("Runtime error: Integer overflow");
    expect(code).toBe(1);
  });
});

describe("call depth", () => {
  test("deep recursion raises E005 and does not leak depth", async () => {
    const env = await load(`fn down(n) { if n == 0 { return 0 } return 1 + down(n - 1) }\nfn inf(n) { return inf(n + 1) }`);
    expect(callValue(env.get("down")!, [5000])).toBe(5000);
    expect(() => callValue(env.get("inf")!, [0])).toThrow("Maximum call depth exceeded");
    expect(state.depth).toBe(0);
    expect(callValue(env.get("down")!, [100])).toBe(100);
  });
});

describe("defer", () => {
  test("block-scoped LIFO, top-level defers run at the end and while an error unwinds", async () => {
    const ok = await runCli(`
fn f() {
    defer print("d1"); defer print("d2")
    if true { defer print("in-if"); print("if-body") }
    return "ret"
}
print(f()); defer print("top-level"); print("end")
`);
    expect(ok.out).toBe("if-body\nin-if\nd2\nd1\nret\nend\ntop-level\n");
    const bad = await runCli(`fn g() { defer print("cleanup"); return 1 / 0 }\ng()`);
    expect(bad.out).toBe("cleanup\n");
    expect(bad.err).toContain("Division by zero");
  });
});

describe("contracts", () => {
  test("requires / ensures / old / invariants", async () => {
    const pre = await runCli(`fn safe_div(a, b) requires b != 0 && a >= 0 { return a / b }\nprint(safe_div(7, 2)); print(safe_div(7, 0))`);
    expect(pre.out).toBe("3\n");
    expect(pre.err).toContain("Contract violation: Precondition failed in 'safe_div': b != 0 && a >= 0");
    const post = await runCli(`
fn push_twice(xs, v) ensures len(result) == len(old(xs)) + 2 { xs = push(xs, v); return push(xs, v) }
fn bad(x) ensures result == old(x) + 2 { x = x + 5; return x }
print(push_twice([1], 2)); print(bad(1))`);
    expect(post.out).toBe("[1, 2, 2]\n");
    expect(post.err).toContain("Postcondition failed in 'bad': result == old(x) + 2");
    const inv = await runCli(`
struct Acc { bal: Int }
impl Acc { invariant bal >= 0 }
impl Acc { invariant self.bal < 100 }
let a = Acc { bal: 5 }
a.bal = 50
print(a.bal)
a.bal = 500`);
    expect(inv.out).toBe("50\n");
    expect(inv.err).toContain("Invariant violated for 'Acc': self.bal < 100");
  });
});

describe("modules", () => {
  test("executed once, namespaces, circular imports", async () => {
    const r = await runCli(`import { helper, SECRET } from "./lib/util"\nimport "./lib/util" as u\nprint(helper(2)); print(u.SECRET); print(u.helper(5))`, {
      "lib/util.tnt": `print("loading util")\nlet SECRET = 42\nfn helper(x) { return x * 2 }`,
    });
    expect(r.out).toBe("loading util\n4\n42\n10\n");
    const c = await runCli(`import { a } from "./a"\nprint(a)`, {
      "a.tnt": `import { b } from "./b"\nlet a = 1`,
      "b.tnt": `import { a } from "./a"\nlet b = 2`,
    });
    expect(c.err).toContain("Circular import:");
    expect(c.code).toBe(1);
    const s = await runCli(`import { nope } from "std/nope"`);
    expect(s.err).toContain("Unknown standard library module: std/nope");
  });
});
