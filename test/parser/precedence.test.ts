/**
 * Binary expressions are read as a flat operand (operator operand)* list and built by
 * precedence climbing (src/parser/grammar/expressions.pegjs, rule Binary). These trees, positions and errors were
 * recorded from the previous grammar, which had one rule per precedence level; they must not
 * change. Each row: source, then its statements as s-expressions (`op@line:col`), or the error.
 */
import { describe, expect, test } from "bun:test";
import { parse } from "../../src/parser/index";

function sx(n: any): string {
  if (n === null) return "null";
  const at = n.loc ? `@${n.loc.line}:${n.loc.col}` : "";
  switch (n.type) {
    case "Binary":
    case "Logical":
      return `(${n.op}${at} ${sx(n.left)} ${sx(n.right)})`;
    case "Range":
      return `(${n.inclusive ? "..=" : ".."}${at} ${sx(n.start)} ${sx(n.end)})`;
    case "Unary":
      return `(${n.op}u${at} ${sx(n.operand)})`;
    case "Call":
      return `(call${at} ${[n.callee, ...n.args].map(sx).join(" ")})`;
    case "MethodCall":
      return `(.${n.method}${at} ${[n.object, ...n.args].map(sx).join(" ")})`;
    case "Field":
      return `(.${n.name}${at} ${sx(n.object)})`;
    case "Index":
      return `([]${at} ${sx(n.object)} ${sx(n.index)})`;
    case "Assign":
      return `(${n.op}${at} ${sx(n.target)} ${sx(n.value)})`;
    case "Ident":
      return `${n.name}${at}`;
    case "Literal":
      return `${JSON.stringify(String(n.value.value))}${at}`;
    case "ExprStmt":
      return sx(n.expr);
    default: {
      // Other nodes: their node-valued fields, in order (arms, bodies, parts, fields, …).
      const kids: string[] = [];
      const visit = (v: any) => {
        if (Array.isArray(v)) v.forEach(visit);
        else if (v !== null && typeof v === "object") {
          if (typeof v.type === "string") kids.push(sx(v));
          else for (const k in v) if (k !== "loc") visit(v[k]);
        }
      };
      for (const k in n) if (k !== "type" && k !== "loc") visit(n[k]);
      return `{${n.type}${at}${kids.length ? " " + kids.join(" ") : ""}}`;
    }
  }
}

function show(src: string): string {
  try {
    return parse(src, "t.tnt").body.map(sx).join("; ");
  } catch (e) {
    const x = e as { code: string; message: string; loc: { line: number; col: number } };
    return `${x.code} ${x.loc.line}:${x.loc.col} ${x.message}`;
  }
}

const CASES: [string, string][] = [
  ["a + b * c - d", "(-@1:1 (+@1:1 a@1:1 (*@1:5 b@1:5 c@1:9)) d@1:13)"],
  ["a - b - c", "(-@1:1 (-@1:1 a@1:1 b@1:5) c@1:9)"],
  ["a * b / c % d", "(%@1:1 (/@1:1 (*@1:1 a@1:1 b@1:5) c@1:9) d@1:13)"],
  ["a % b * c", "(*@1:1 (%@1:1 a@1:1 b@1:5) c@1:9)"],
  ["-a * -b + !c", "(+@1:1 (*@1:1 (-u@1:1 a@1:2) (-u@1:6 b@1:7)) (!u@1:11 c@1:12))"],
  ["- a - - b", "(-@1:1 (-u@1:1 a@1:3) (-u@1:7 b@1:9))"],
  ["!a && !b || c", "(||@1:1 (&&@1:1 (!u@1:1 a@1:2) (!u@1:7 b@1:8)) c@1:13)"],
  ["a || b && c || d", "(||@1:1 (||@1:1 a@1:1 (&&@1:6 b@1:6 c@1:11)) d@1:16)"],
  ["a ?? b || c ?? d", "(??@1:1 (??@1:1 a@1:1 (||@1:6 b@1:6 c@1:11)) d@1:16)"],
  ["a ?? b ?? c", "(??@1:1 (??@1:1 a@1:1 b@1:6) c@1:11)"],
  ["a == b != c", "(!=@1:1 (==@1:1 a@1:1 b@1:6) c@1:11)"],
  ["a < b <= c > d >= e", "(>=@1:1 (>@1:1 (<=@1:1 (<@1:1 a@1:1 b@1:5) c@1:10) d@1:14) e@1:19)"],
  ["a == b < c && d", "(&&@1:1 (==@1:1 a@1:1 (<@1:6 b@1:6 c@1:10)) d@1:15)"],
  ["a && b == c", "(&&@1:1 a@1:1 (==@1:6 b@1:6 c@1:11))"],
  ["1..10", '(..@1:1 "1"@1:1 "10"@1:4)'],
  ["a + 1..b * 2", '(..@1:1 (+@1:1 a@1:1 "1"@1:5) (*@1:8 b@1:8 "2"@1:12))'],
  ["a..b < c..d", "(<@1:1 (..@1:1 a@1:1 b@1:4) (..@1:8 c@1:8 d@1:11))"],
  ["a..=b == c", "(==@1:1 (..=@1:1 a@1:1 b@1:5) c@1:10)"],
  ["a < b..c", "(<@1:1 a@1:1 (..@1:5 b@1:5 c@1:8))"],
  ["x |> f", "(call@1:6 f@1:6 x@1:1)"],
  ["x |> f(1) |> g", '(call@1:14 g@1:14 (call@1:6 f@1:6 x@1:1 "1"@1:8))'],
  ["x + 1 |> f |> g(2, 3)", '(call@1:15 g@1:15 (call@1:10 f@1:10 (+@1:1 x@1:1 "1"@1:5)) "2"@1:17 "3"@1:20)'],
  ["a ?? b |> f", "(call@1:11 f@1:11 (??@1:1 a@1:1 b@1:6))"],
  ["x |> f ?? g", "E002 1:6 Parser error at line 1, column 6: Expected function name or function call after |>"],
  ["x |> 1", "E002 1:6 Parser error at line 1, column 6: Expected function name or function call after |>"],
  ["x |> f |> g.h", "E002 1:11 Parser error at line 1, column 11: Expected function name or function call after |>"],
  ["x |> f |> (g)", "(call@1:12 g@1:12 (call@1:6 f@1:6 x@1:1))"],
  ["a..b..c", "E002 1:5 Parser error at line 1, column 5: Expected expression, but found '..' at line 1"],
  ["a..b + c..d", "E002 1:9 Parser error at line 1, column 9: Expected expression, but found '..' at line 1"],
  ["a ..= b ..= c", "E002 1:9 Parser error at line 1, column 9: Expected expression, but found '..=' at line 1"],
  ["a...b", "E002 1:4 Parser error at line 1, column 4: Expected expression, but found '.' at line 1"],
  ["a = b = c + d", "(=@1:1 a@1:1 (=@1:5 b@1:5 (+@1:9 c@1:9 d@1:13)))"],
  ["a += b |> f", "(+=@1:1 a@1:1 (call@1:11 f@1:11 b@1:6))"],
  ["a -= b..c", "(-=@1:1 a@1:1 (..@1:6 b@1:6 c@1:9))"],
  ["x.y(1)[2] + -z.w", '(+@1:1 ([]@1:1 (.y@1:1 x@1:1 "1"@1:5) "2"@1:8) (-u@1:13 (.w@1:14 z@1:14)))'],
  ["(a + b) * c", "(*@1:2 (+@1:2 a@1:2 b@1:6) c@1:11)"],
  ["a\n+ b\n* c", "(+@1:1 a@1:1 (*@2:3 b@2:3 c@3:3))"],
  ["a /* k */ + // c\n b", "(+@1:1 a@1:1 b@2:2)"],
  ["a -> b", "E002 1:3 Parser error at line 1, column 3: Expected expression, but found '->' at line 1"],
  ["a => b", "E002 1:3 Parser error at line 1, column 3: Expected expression, but found '=>' at line 1"],
  ["a !== b", "E002 1:5 Parser error at line 1, column 5: Expected expression, but found '=' at line 1"],
  ["a ==> b", "E002 1:5 Parser error at line 1, column 5: Expected expression, but found '>' at line 1"],
  ["a <== b", "E002 1:5 Parser error at line 1, column 5: Expected expression, but found '=' at line 1"],
  ["a %= b", "E002 1:4 Parser error at line 1, column 4: Expected expression, but found '=' at line 1"],
  ["a + ", "E002 1:4 Parser error at line 1, column 4: Expected expression, but reached end of file"],
  ["a + * b", "E002 1:5 Parser error at line 1, column 5: Expected expression, but found '*' at line 1"],
  ["a |>", "E002 1:5 Parser error at line 1, column 5: Expected expression, but reached end of file"],
  ["f(a |> g, b..c, d ?? e)", "(call@1:1 f@1:1 (call@1:8 g@1:8 a@1:3) (..@1:11 b@1:11 c@1:14) (??@1:17 d@1:17 e@1:22))"],
  ["[a + b, c..d]", "{ArrayLit@1:1 (+@1:2 a@1:2 b@1:6) (..@1:9 c@1:9 d@1:12)}"],
  ["if a < b + 1 { a } else { b }", '{If@1:1 (<@1:4 a@1:4 (+@1:8 b@1:8 "1"@1:12)) a@1:16 b@1:27}'],
  ["let v = if a { 1 } else { 2 } + 3", '{Let@1:1 {BindPat@1:5} (+@1:9 {IfExpr@1:9 a@1:12 "1"@1:16 "2"@1:27} "3"@1:33)}'],
  ["match x { 1 => a + b, _ => c |> f }", "{Match@1:1 x@1:7 {LiteralPat@1:11} (+@1:16 a@1:16 b@1:20) {WildcardPat@1:23} (call@1:33 f@1:33 c@1:28)}"],
  ['print("{a + b * c}")', "(call@1:1 print@1:1 {Interp@1:7 (+@1:9 a@1:9 (*@1:13 b@1:13 c@1:17))})"],
  ['print("{a |> f} and {b..c}")', "(call@1:1 print@1:1 {Interp@1:7 (call@1:14 f@1:14 a@1:9) (..@1:22 b@1:22 c@1:25)})"],
  [
    "let r = 0..n - 1\nfor i in 0..len(xs) { s = s + xs[i] * 2 }",
    '{Let@1:1 {BindPat@1:5} (..@1:9 "0"@1:9 (-@1:12 n@1:12 "1"@1:16))}; {For@2:1 (..@2:10 "0"@2:10 (call@2:13 len@2:13 xs@2:17)) (=@2:23 s@2:23 (+@2:27 s@2:27 (*@2:31 ([]@2:31 xs@2:31 i@2:34) "2"@2:39)))}',
  ],
  [
    "while i < n && j < m || k { i = i + 1 }",
    '{While@1:1 (||@1:7 (&&@1:7 (<@1:7 i@1:7 n@1:11) (<@1:16 j@1:16 m@1:20)) k@1:25) (=@1:29 i@1:29 (+@1:33 i@1:33 "1"@1:37))}',
  ],
  ["x = a |> f |> b", "(=@1:1 x@1:1 (call@1:15 b@1:15 (call@1:10 f@1:10 a@1:5)))"],
  ["x = (a |> f) + 1", '(=@1:1 x@1:1 (+@1:11 (call@1:11 f@1:11 a@1:6) "1"@1:16))'],
  ["a == b == c", "(==@1:1 (==@1:1 a@1:1 b@1:6) c@1:11)"],
  ["1 - 2 - 3 * 4 / 5 % 6 + 7", '(+@1:1 (-@1:1 (-@1:1 "1"@1:1 "2"@1:5) (%@1:9 (/@1:9 (*@1:9 "3"@1:9 "4"@1:13) "5"@1:17) "6"@1:21)) "7"@1:25)'],
  ["a && b && c || d || e ?? f ?? g", "(??@1:1 (??@1:1 (||@1:1 (||@1:1 (&&@1:1 (&&@1:1 a@1:1 b@1:6) c@1:11) d@1:16) e@1:21) f@1:26) g@1:31)"],
  ["a < b == c < d && e", "(&&@1:1 (==@1:1 (<@1:1 a@1:1 b@1:5) (<@1:10 c@1:10 d@1:14)) e@1:19)"],
  ["-x..-y", "(..@1:1 (-u@1:1 x@1:2) (-u@1:5 y@1:6))"],
  ["!a == !b", "(==@1:1 (!u@1:1 a@1:2) (!u@1:7 b@1:8))"],
  ["a ?? b..c", "(??@1:1 a@1:1 (..@1:6 b@1:6 c@1:9))"],
  ["true || false && none", '(||@1:1 "true"@1:1 (&&@1:9 "false"@1:9 none@1:18))'],
  ["S { x: 1 + 2 }.x * 3", '(*@1:1 (.x@1:1 {StructLit@1:1 (+@1:8 "1"@1:8 "2"@1:12)}) "3"@1:20)'],
  ["E::V(1 + 2) |> f", '(call@1:16 f@1:16 {Path@1:1 (+@1:6 "1"@1:6 "2"@1:10)})'],
  ["x |> E::V", "E002 1:6 Parser error at line 1, column 6: Expected function name or function call after |>"],
  ["x |> y.z(1)", "E002 1:6 Parser error at line 1, column 6: Expected function name or function call after |>"],
  ["a |> b |> c + d", "E002 1:11 Parser error at line 1, column 11: Expected function name or function call after |>"],
];

describe("binary expressions: same trees as the precedence-level grammar", () => {
  for (const [src, want] of CASES) {
    test(JSON.stringify(src), () => {
      expect(show(src)).toBe(want);
    });
  }
});
