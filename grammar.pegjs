// NTNT grammar (spec §1-§2 with the §11 recommendations). Scannerless: every rule starts at a
// non-blank character and sequences put `_` between tokens, so error positions land on tokens.
// Once a keyword or bracket has been consumed the rule commits: missing parts raise the exact
// reference messages through fail(). Primary fails hard ("Expected expression"), so callers
// guard every optional expression with a lookahead. Build: scripts/build-parser.mjs.

{{
const ESCAPES = { n: "\n", t: "\t", r: "\r" };
const I64_MAX = 9223372036854775807n;
/** Offset of the first non-blank, non-comment character at or after i. */
function skipBlank(s, i) {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) i++;
    else if (c === 47 && s.charCodeAt(i + 1) === 47) { const e = s.indexOf("\n", i); i = e < 0 ? s.length : e; }
    else if (c === 47 && s.charCodeAt(i + 1) === 42) { const e = s.indexOf("*/", i + 2); if (e < 0) return i; i = e + 2; }
    else return i;
  }
}

// Binary operator precedences, loosest first; all left-associative except ranges (at most one
// `..`/`..=` per operand of a comparison). `??`, `||`, `&&` make Logical nodes, `|>` calls.
const PIPE_PREC = 1, LOGICAL_PREC = 4, RANGE_PREC = 7;
const BINARY_PREC = {
  "|>": 1, "??": 2, "||": 3, "&&": 4, "==": 5, "!=": 5, "<=": 6, ">=": 6, "<": 6, ">": 6,
  "..=": 7, "..": 7, "+": 8, "-": 8, "*": 9, "/": 9, "%": 9,
};
/** The binary operator at offset i of s, or null (`+=`, `->`, `=>`, `.`, … are not binary operators). */
function binaryOp(s, i) {
  const c = s.charCodeAt(i), d = s.charCodeAt(i + 1);
  switch (c) {
    case 43: return d === 61 ? null : "+"; // + (not +=)
    case 45: return d === 61 || d === 62 ? null : "-"; // - (not -= ->)
    case 42: return d === 61 ? null : "*"; // * (not *=)
    case 47: return d === 61 ? null : "/"; // / (not /=)
    case 37: return "%";
    case 60: return d === 61 ? "<=" : "<";
    case 62: return d === 61 ? ">=" : ">";
    case 61: return d === 61 ? "==" : null;
    case 33: return d === 61 ? "!=" : null;
    case 38: return d === 38 ? "&&" : null;
    case 124: return d === 124 ? "||" : d === 62 ? "|>" : null;
    case 63: return d === 63 ? "??" : null;
    case 46: return d !== 46 ? null : s.charCodeAt(i + 2) === 61 ? "..=" : "..";
    default: return null;
  }
}

const IDENT_CONT_U = /^[\p{Alphabetic}\p{N}]/u;
/** End of the IdentCont characters (rule IdentCont: ASCII letters, digits, `_`, or a Unicode letter or number code point) from offset i. */
function identEnd(s, i) {
  for (;;) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) i++;
    else if (c > 127) {
      const ch = String.fromCodePoint(s.codePointAt(i));
      if (!IDENT_CONT_U.test(ch)) return i;
      i += ch.length;
    } else return i;
  }
}

/** Thrown by grammar actions; src/parser/index.ts turns it into an NtntError. */
class ParseFail extends Error {
  constructor(kind, msg, offset) {
    super(msg);
    this.ntntFail = true;
    this.kind = kind; // "parse" | "lex" | "expr" (message built from the token at offset)
    this.offset = offset;
  }
}
}}

{
  // Options from src/parser/index.ts: keywords (Set), subParse, template, lexOk, baseLine/baseCol.
  const opts = options;
  const keywords = opts.keywords;
  const baseLine = (opts.baseLine ?? 1) - 1;
  const baseCol = (opts.baseCol ?? 1) - 1;
  // Context flags (spec §2.3): no struct literals in if/while/for/match heads (#27); nested map
  // inference inside map literals. Saved on a stack around bracketed sub-expressions.
  let noStruct = false;
  let inMap = false;
  const stack = [];
  // Expected-token bookkeeping is only used for peggy's own error messages, which are never shown
  // (every failure goes through fail()); switching it off saves a tenth of the parse time.
  // scripts/build-parser.mjs also removes that bookkeeping from the generated code.
  peg$silentFails = 1;

  // Line starts for node positions (faster than location(), which is the hottest call otherwise).
  const lineStarts = [0];
  for (let i = input.indexOf("\n"); i >= 0; i = input.indexOf("\n", i + 1)) lineStarts.push(i + 1);

  function L() {
    const at = offset();
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid; else hi = mid - 1;
    }
    const col = at - lineStarts[lo] + 1;
    return lo === 0 ? { line: 1 + baseLine, col: col + baseCol } : { line: lo + 1 + baseLine, col };
  }
  /** IdentName at the current position: moves past it and returns true, or returns false. */
  function identAt() {
    const c = input.charCodeAt(peg$currPos);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64)) return false;
    peg$currPos = identEnd(input, peg$currPos + 1);
    return true;
  }
  function fail(msg) { throw new ParseFail("parse", msg, offset()); }
  function failLex(msg) { throw new ParseFail("lex", msg, offset()); }
  function failExpr() { throw new ParseFail("expr", "", offset()); }
  function push(ns, map) { stack.push(noStruct, inMap); noStruct = ns; inMap = map; return true; }
  function pop() { inMap = stack.pop(); noStruct = stack.pop(); return true; }

  // Binary expressions (rule Binary). Operands are Unary; `_` is skipBlank.
  let binOut = null;
  function binaryTail(head) {
    const operands = [head], ops = [], ats = [];
    let rangeOpen = false; // a range operand is being read: `a..b..c` stops before the second `..`
    for (;;) {
      const save = peg$currPos;
      const p = skipBlank(input, save);
      const op = binaryOp(input, p);
      if (op === null) break;
      const prec = BINARY_PREC[op];
      if (prec === RANGE_PREC) {
        if (rangeOpen) break;
        rangeOpen = true;
      } else if (prec < RANGE_PREC) rangeOpen = false;
      peg$currPos = skipBlank(input, p + op.length);
      const at = peg$currPos;
      const r = peg$parseUnary();
      if (r === peg$FAILED) { peg$currPos = save; break; }
      operands.push(r);
      ops.push(op);
      ats.push(at);
    }
    binOut = ops.length === 0 ? head : climb(operands, ops, ats);
    return true;
  }
  // Left-associative precedence climbing over the flat list (ranges never chain: see above).
  // Pipes are checked left to right once the whole expression has been read.
  function climb(operands, ops, ats) {
    const vals = [operands[0]], pending = [];
    for (let k = 0; k < ops.length; k++) {
      const p = BINARY_PREC[ops[k]];
      while (pending.length > 0 && BINARY_PREC[ops[pending[pending.length - 1]]] >= p) reduce(vals, pending.pop(), ops, ats);
      pending.push(k);
      vals.push(operands[k + 1]);
    }
    while (pending.length > 0) reduce(vals, pending.pop(), ops, ats);
    return vals[0];
  }
  function reduce(vals, k, ops, ats) {
    const right = vals.pop(), left = vals.pop(), op = ops[k], prec = BINARY_PREC[op];
    let node;
    if (prec === PIPE_PREC) {
      if (right.type === "Ident") node = { type: "Call", callee: right, args: [left], loc: right.loc };
      else if (right.type === "Call") node = { type: "Call", callee: right.callee, args: [left, ...right.args], loc: right.loc };
      else throw new ParseFail("parse", "Expected function name or function call after |>", ats[k]);
    } else if (prec === RANGE_PREC) node = { type: "Range", start: left, end: right, inclusive: op === "..=", loc: left.loc };
    else node = { type: prec <= LOGICAL_PREC ? "Logical" : "Binary", op, left, right, loc: left.loc };
    vals.push(node);
  }
  function intLit(text) {
    const clean = text.replace(/_/g, "").toLowerCase();
    const radix = clean.startsWith("0x") || clean.startsWith("0b");
    if (radix && clean.length === 2) failLex("Integer literal out of range");
    const big = BigInt(clean);
    if (big > I64_MAX) failLex("Integer literal out of range");
    return { kind: "int", value: big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big };
  }
  function floatLit(text) {
    const v = Number(text.replace(/_/g, ""));
    return { kind: "float", value: Number.isNaN(v) ? 0 : v };
  }
  function str(parts, loc) {
    const out = [];
    for (const p of parts) {
      if (typeof p === "string") {
        if (typeof out[out.length - 1] === "string") out[out.length - 1] += p;
        else out.push(p);
      } else {
        // #9 unescaping changes the text, so such interpolations take the separate parser.
        const inline = p.text.includes("\\") ? null : inlineExpr(p.at, p.at + p.text.length);
        out.push(inline ?? opts.subParse("interp", p.text, loc, p.loc));
      }
    }
    if (out.length === 0) return { type: "Literal", value: { kind: "string", value: "" }, loc };
    if (out.length === 1 && typeof out[0] === "string") return { type: "Literal", value: { kind: "string", value: out[0] }, loc };
    return { type: "Interp", parts: out, loc };
  }
  // Parse one expression found between input offsets start..end (an interpolation or template
  // tag) with this parser instead of a fresh one: a fresh peggy parser costs ~100µs of set-up.
  // Returns null whenever the result could differ from the separate sub-parse (lexical problems,
  // any error, or an expression running past `end`); the caller then does the sub-parse.
  function inlineExpr(start, end) {
    if (!opts.lexOk(input.slice(start, end))) return null;
    const savedPos = peg$currPos, savedSaved = peg$savedPos, depth = stack.length, ns = noStruct, im = inMap;
    noStruct = false;
    inMap = false;
    try {
      peg$currPos = start;
      peg$parse_();
      const e = peg$parseAssign(); // Expr is a proxy rule, which peggy compiles away
      return e !== peg$FAILED && peg$currPos <= end ? e : null;
    } catch (err) {
      if (err && err.ntntFail) return null;
      throw err;
    } finally {
      peg$currPos = savedPos;
      peg$savedPos = savedSaved;
      stack.length = depth;
      noStruct = ns;
      inMap = im;
    }
  }
  function fn(name, params, returnType, contract, body, loc, typeParams) {
    const requires = [], ensures = [], requiresText = [], ensuresText = [];
    for (const [kind, e, text] of contract) {
      if (kind === "requires") { requires.push(e); requiresText.push(text); }
      else { ensures.push(e); ensuresText.push(text); }
    }
    return { type: "FnDecl", name, params, returnType, requires, ensures, body, requiresText, ensuresText, typeParams: typeParams ?? [], loc };
  }
}

// ------------------------------------------------------------------ entry points

Program
  = body:Body _ (EOF / "" { failExpr(); }) { return { type: "Program", body }; }

// Sub-parse of an interpolation / template expression: one expression, trailing text ignored.
ExprRoot
  = _ e:Expr .* { return e; }

// ------------------------------------------------------------------ lexical

// Blanks and comments, skipped by moving the parse position directly: this rule runs between
// every pair of tokens and is the parser's hottest path. (Unterminated block comments were
// already reported by the lexical pre-pass.)
_ = &{ peg$currPos = skipBlank(input, peg$currPos); return true; }
EOF = !.

IdentCont = [a-zA-Z0-9_] / [\p{Alphabetic}\p{N}]u
// [a-zA-Z_@] IdentCont*, scanned by identEnd() instead of one rule call per character.
IdentName = &{ return identAt(); } { return text(); }
IDENT = n:IdentName !{ return keywords.has(n); } { return n; }
// After `.` and in a few name positions any word is accepted, keywords included (#8).
AnyName = IdentName

KW_let = "let" !IdentCont
KW_mut = "mut" !IdentCont
KW_fn = "fn" !IdentCont
KW_return = "return" !IdentCont
KW_if = "if" !IdentCont
KW_else = "else" !IdentCont
KW_while = "while" !IdentCont
KW_loop = "loop" !IdentCont
KW_break = "break" !IdentCont
KW_continue = "continue" !IdentCont
KW_match = "match" !IdentCont
KW_struct = "struct" !IdentCont
KW_enum = "enum" !IdentCont
KW_impl = "impl" !IdentCont
KW_type = "type" !IdentCont
KW_mod = "mod" !IdentCont
KW_use = "use" !IdentCont
KW_pub = "pub" !IdentCont
KW_import = "import" !IdentCont
KW_export = "export" !IdentCont
KW_from = "from" !IdentCont
KW_as = "as" !IdentCont
KW_trait = "trait" !IdentCont
KW_for = "for" !IdentCont
KW_in = "in" !IdentCont
KW_defer = "defer" !IdentCont
KW_map = "map" !IdentCont
KW_requires = "requires" !IdentCont
KW_ensures = "ensures" !IdentCont
KW_invariant = "invariant" !IdentCont
KW_protocol = "protocol" !IdentCont
KW_true = "true" !IdentCont
KW_false = "false" !IdentCont

Semi = (_ ";")?

// ------------------------------------------------------------------ declarations

// Statements up to a closing brace or the end of input; stray `;` are accepted (#28).
Body
  = items:(_ !("}" / EOF) d:Declaration { return d; })* { return items.filter((d) => d !== null); }

BlockRest
  = &{ return push(false, inMap); } b:Body &{ return pop(); } _ ("}" / "" { fail("Expected '\x7d' after block"); }) { return b; }

Declaration
  = ";" { return null; }
  / &"#" (Attribute _)+ d:DeclCore { return d; }
  / DeclCore

// Each keyword-led alternative is guarded by its keyword's first letters: the parser then
// calls (and JavaScriptCore compiles, on first use) only the rules a program can use, which
// is most of the cost of the first parse in a process.
DeclCore
  = &"let" @LetDecl / &"fn" @FnDecl / &"type" @TypeAlias / &"struct" @StructDecl / &"enum" @EnumDecl
  / &"trait" @TraitDecl / &"impl" @ImplDecl / &"mod" @ModDecl / &"use" @UseDecl / &"import" @ImportDecl
  / &("export" / "pub") @ExportDecl / &"protocol" @ProtocolDecl / Statement

Attribute
  = "#" _ ("[" / "" { fail("Expected '[' after '#'"); }) _ (IDENT / "" { fail("Expected attribute name"); })
    (_ "(" CallArgs)? _ ("]" / "" { fail("Expected ']' after attribute"); })

LetDecl
  = KW_let _ m:(KW_mut _)? target:LetTarget t:(_ ":" !":" _ t:Type { return t; })?
    v:(_ "=" !("=" / ">") _ e:Expr { return e; })? Semi
    { return { type: "Let", mutable: m !== null, target, typeAnn: t, value: v, loc: L() }; }

LetTarget
  = name:IDENT { return { type: "BindPat", name, loc: L() }; }
  / &("(" / "[") p:Pattern { return p; }
  / "" { fail("Expected variable name"); }

FnDecl
  = KW_fn _ name:(IDENT / "" { fail("Expected function name"); }) tp:(_ @TypeParams)? _
    ("(" / "" { fail("Expected '(' after function name"); }) _ params:Params _
    (")" / "" { fail("Expected ')' after parameters"); })
    rt:(_ "->" _ t:Type { return t; })? c:Contract _
    ("{" / "" { fail("Expected '\x7b' before function body"); }) body:BlockRest
    { return fn(name, params, rt, c, body, L(), tp); }

Params
  = &")" { return []; }
  / h:Param t:(_ "," _ !")" p:Param { return p; })* (_ ",")? { return [h, ...t]; }

Param
  = (KW_mut _)? name:(IDENT / "" { fail("Expected parameter name"); })
    t:(_ ":" !":" _ t:Type { return t; })? d:(_ "=" !("=" / ">") _ e:Expr { return e; })?
    { return { name, typeAnn: t, defaultValue: d }; }

Contract
  = (_ c:ContractClause { return c; })*

ContractClause
  = KW_requires _ e:HeadExpr { return ["requires", e[0], e[1]]; }
  / KW_ensures _ e:HeadExpr { return ["ensures", e[0], e[1]]; }

TypeParams
  = "<" _ h:TypeParam t:(_ "," _ p:TypeParam { return p; })* (_ ",")? _ (">" / "" { fail("Expected '>' after type parameters"); })
    { return [h, ...t]; }
TypeParam
  = name:(IDENT / "" { fail("Expected type name"); }) (_ ":" !":" _ Type (_ "+" _ Type)*)? { return name; }

// #7: `type` is a declaration keyword only when followed by a name; `type(x)` is a call.
TypeAlias
  = KW_type _ &IDENT name:IDENT tp:(_ @TypeParams)? _ ("=" / "" { fail("Expected '=' after type name"); }) _ target:Type Semi
    { return { type: "TypeAlias", name, target, typeParams: tp ?? [], loc: L() }; }

StructDecl
  = KW_struct _ name:(IDENT / "" { fail("Expected struct name"); }) tp:(_ @TypeParams)? _
    ("{" / "" { fail("Expected '\x7b' after struct name"); }) _ fields:StructFields _
    ("}" / "" { fail("Expected '\x7d' after struct fields"); })
    { return { type: "StructDecl", name, fields, typeParams: tp ?? [], loc: L() }; }

StructFields
  = &"}" { return []; }
  / h:StructField t:(_ "," _ !"}" f:StructField { return f; })* (_ ",")? { return [h, ...t]; }

StructField
  = (Attribute _)* (KW_pub _)? name:(AnyName / "" { fail("Expected field name"); }) _
    (":" / "" { fail("Expected ':' after field name"); }) _ typeAnn:Type
    { return { name, typeAnn }; }

EnumDecl
  = KW_enum _ name:(IDENT / "" { fail("Expected enum name"); }) tp:(_ @TypeParams)? _
    ("{" / "" { fail("Expected '\x7b' after enum name"); }) _ variants:Variants _
    ("}" / "" { fail("Expected '\x7d' after enum variants"); })
    { return { type: "EnumDecl", name, variants, typeParams: tp ?? [], loc: L() }; }

Variants
  = &"}" { return []; }
  / h:Variant t:(_ "," _ !"}" v:Variant { return v; })* (_ ",")? { return [h, ...t]; }

Variant
  = (Attribute _)* name:(IDENT / "" { fail("Expected variant name"); })
    a:(_ "(" _ ts:(!")" t:TypeTexts { return t; })? _ (")" / "" { fail("Expected ')' after variant fields"); }) { return ts ?? []; })?
    { return { name, arity: a === null ? 0 : a.length, types: a }; }

TraitDecl
  = KW_trait _ name:(IDENT / "" { fail("Expected trait name"); }) (_ TypeParams)?
    (_ ":" !":" _ Type (_ "+" _ Type)*)? _ ("{" / "" { fail("Expected '\x7b' after trait declaration"); })
    items:(_ m:TraitItem { return m; })* _ ("}" / "" { fail("Expected '\x7d' after trait body"); })
    { return { type: "TraitDecl", name, methods: items.filter((m) => m !== null), loc: L() }; }

// #29: anything else in a trait body is a parse error (the reference loops forever).
TraitItem
  = ";" { return null; }
  / (Attribute _)* KW_fn _ name:(AnyName / "" { fail("Expected method name"); }) tp:(_ @TypeParams)? _
    ("(" / "" { fail("Expected '(' after method name"); }) _ params:Params _
    (")" / "" { fail("Expected ')' after parameters"); })
    rt:(_ "->" _ t:Type { return t; })? c:Contract
    body:(_ "{" b:BlockRest { return b; } / Semi { return null; })
    { return body === null ? null : fn(name, params, rt, c, body, L(), tp); }

ImplDecl
  = KW_impl (_ TypeParams)? _ a:(IDENT / "" { fail("Expected type name"); }) (_ TypeArgs)?
    b:(_ KW_for _ n:(IDENT / "" { fail("Expected type name"); }) (_ TypeArgs)? { return n; })? _
    ("{" / "" { fail("Expected '\x7b' after impl"); })
    items:(_ i:ImplItem { return i; })* _ ("}" / "" { fail("Expected '\x7d' after impl body"); })
    {
      const methods = [], invariants = [], invariantsText = [];
      for (const i of items) {
        if (i === null) continue;
        if (i.type === "FnDecl") methods.push(i);
        else { invariants.push(i.expr); invariantsText.push(i.text); }
      }
      return { type: "ImplDecl", typeName: b ?? a, traitName: b === null ? null : a, methods, invariants, invariantsText, loc: L() };
    }

ImplItem
  = ";" { return null; }
  / KW_invariant _ e:HeadExpr Semi { return { type: "invariant", expr: e[0], text: e[1] }; }
  / (Attribute _)* KW_pub? _ f:FnDecl { return f; }

TypeArgs
  = "<" _ TypeList _ (">" / "" { fail("Expected '>' after type parameters"); })

ModDecl
  = KW_mod _ name:(IDENT / "" { fail("Expected module name"); }) _
    ("{" / "" { fail("Expected '\x7b' after module name"); }) body:BlockRest
    { return { type: "Mod", name, body, loc: L() }; }

// #30: `use a::b` (and `use a::{b, c}`, `use a::*`) is accepted and ignored.
UseDecl
  = KW_use _ (IDENT / "" { fail("Expected module name"); }) (_ "::" _ UseTail)* Semi
    { return { type: "Noop", loc: L() }; }
UseTail
  = AnyName / "*" / "{" _ (UseTail (_ "," _ UseTail)* (_ ",")?)? _ "}" / "" { fail("Expected name after '::'"); }

ImportDecl
  = KW_import _ d:ImportBody Semi { return { ...d, type: "Import", loc: L() }; }

ImportBody
  = "{" _ items:ImportItems _ ("}" / "" { fail("Expected '\x7d' after import items"); }) _
    (KW_from / "" { fail("Expected 'from' after import items"); }) _ source:ModPath
    { return { source, items, alias: null }; }
  / source:PlainString alias:(_ KW_as _ n:(IDENT / "" { fail("Expected import name"); }) { return n; })?
    { return { source, items: null, alias }; }
  / name:IDENT alias:(_ KW_as _ n:(IDENT / "" { fail("Expected import name"); }) { return n; })?
    from:(_ KW_from _ p:ModPath { return p; })?
    {
      // `import x from "path"` keeps the module's own binding name (the alias is dropped) [REF].
      return from === null ? { source: name, items: null, alias } : { source: from, items: null, alias: null };
    }
  / "" { fail("Expected import specifier"); }

ImportItems
  = &"}" { return []; }
  / h:ImportItem t:(_ "," _ !"}" i:ImportItem { return i; })* (_ ",")? { return [h, ...t]; }

ImportItem
  = name:(AnyName / "" { fail("Expected import name"); })
    alias:(_ KW_as _ n:(IDENT / "" { fail("Expected import name"); }) { return n; })?
    { return { name, alias }; }

ModPath
  = PlainString
  / h:IDENT t:(_ "/" _ n:AnyName { return n; })* { return [h, ...t].join("/"); }
  / "" { fail("Expected module path string"); }

PlainString
  = s:QString &{ return s.type === "Literal"; } { return s.value.value; }
  / r:RawString { return r.value.value; }

ExportDecl
  = (KW_export / KW_pub) _ d:ExportBody { return d; }

ExportBody
  = "{" _ (AnyName (_ "," _ !"}" AnyName)* (_ ",")?)? _ ("}" / "" { fail("Expected '\x7d' after export list"); }) Semi
    { return { type: "Noop", loc: L() }; }
  / FnDecl / StructDecl / EnumDecl / TypeAlias / LetDecl / ImplDecl / TraitDecl / ModDecl
  / "" { fail("Expected declaration after 'export'"); }

ProtocolDecl
  = KW_protocol _ (IDENT / "" { fail("Expected protocol name"); }) _
    ("{" / "" { fail("Expected '\x7b' after protocol name"); }) (!"}" (StringToken / .))* "}"
    { return { type: "Noop", loc: L() }; }

StringToken = Template / RawString / QString

// ------------------------------------------------------------------ statements

Statement
  = &"return" @ReturnStmt / &"if" @IfStmt / &"while" @WhileStmt / &"loop" @LoopStmt / &"for" @ForStmt
  / &"defer" @DeferStmt / &"break" @BreakStmt / &"continue" @ContinueStmt / ExprStmt

ExprStmt
  = expr:Expr Semi { return { type: "ExprStmt", expr, loc: expr.loc }; }

ReturnStmt
  = KW_return value:(_ !(";" / "}") e:Expr { return e; })? Semi { return { type: "Return", value, loc: L() }; }

BreakStmt = KW_break Semi { return { type: "Break", loc: L() }; }
ContinueStmt = KW_continue Semi { return { type: "Continue", loc: L() }; }
DeferStmt = KW_defer _ expr:Expr Semi { return { type: "Defer", expr, loc: L() }; }

IfStmt
  = KW_if _ c:HeadExpr _ ("{" / "" { fail("Expected '\x7b' after if condition"); }) then:BlockRest
    otherwise:(_ KW_else _ e:ElseRest { return e; })?
    { return { type: "If", cond: c[0], then, otherwise, loc: L() }; }

ElseRest
  = i:IfStmt { return [i]; }
  / "{" b:BlockRest { return b; }
  / "" { fail("Expected '\x7b' after else"); }

WhileStmt
  = KW_while _ c:HeadExpr _ ("{" / "" { fail("Expected '\x7b' after while condition"); }) body:BlockRest
    { return { type: "While", cond: c[0], body, loc: L() }; }

LoopStmt
  = KW_loop _ ("{" / "" { fail("Expected '\x7b' after loop"); }) body:BlockRest { return { type: "Loop", body, loc: L() }; }

ForStmt
  = KW_for _ variable:(IDENT / "" { fail("Expected variable name after 'for'"); }) _
    (KW_in / "" { fail("Expected 'in' after for variable"); }) _ it:HeadExpr _
    ("{" / "" { fail("Expected '\x7b' after for iterable"); }) body:BlockRest
    { return { type: "For", variable, iterable: it[0], body, loc: L() }; }

// Expression in an if/while/for/match head or contract clause: `IDENT {}` is not a struct
// literal there (#27). Returns [expr, trimmed source text].
HeadExpr
  = &{ return push(true, inMap); } e:Expr? &{ return pop(); } &{ return e !== null; } { return [e, text().trim()]; }

// ------------------------------------------------------------------ expressions

Expr = Assign

// `=` and compound assignment (#4); the target shape is validated by the compiler.
Assign
  = target:Binary r:(_ &[=+\-*/] op:AssignOp _ v:Assign { return [op, v]; })?
    { return r === null ? target : { type: "Assign", target, op: r[0], value: r[1], loc: target.loc }; }

AssignOp = "=" !("=" / ">") { return "="; } / "+=" / "-=" / "*=" / "/="

// Binary operators: an operand, then (operator operand)* read by binaryTail() in one loop, the
// tree built by precedence (BINARY_PREC). Same trees as one rule per precedence level would
// give, at a fraction of the rule calls (each level tried its operators after every operand).
Binary = h:Unary &{ return binaryTail(h); } { return binOut; }

Pos = "" { return offset(); }

// Iterative prefix operators: `--…--x` cannot overflow the stack.
Unary
  = ops:(&[-!] o:UnaryOp _ { return [o, L()]; })* e:Postfix
    {
      let acc = e;
      for (let i = ops.length - 1; i >= 0; i--) acc = { type: "Unary", op: ops[i][0], operand: acc, loc: ops[i][1] };
      return acc;
    }
UnaryOp = "-" !("=" / ">") { return "-"; } / "!" !"=" { return "!"; }

Postfix
  = h:Primary s:(&{ return h.type === "Ident" && input.charCodeAt(skipBlank(input, peg$currPos)) === 123; } s:StructTail { return s; })? t:PostOp*
    {
      let acc = s === null ? h : { type: "StructLit", name: h.name, fields: s, loc: h.loc };
      for (const op of t) {
        if (op.k === "call") acc = { type: "Call", callee: acc, args: op.args, loc: acc.loc };
        else if (op.k === "index") acc = { type: "Index", object: acc, index: op.index, loc: acc.loc };
        else if (op.args === null) acc = { type: "Field", object: acc, name: op.name, loc: acc.loc };
        else acc = { type: "MethodCall", object: acc, method: op.name, args: op.args, loc: acc.loc };
      }
      return acc;
    }

PostOp
  = _ @(
      "(" args:CallArgs { return { k: "call", args }; }
    / "." !"." _ name:(AnyName / "" { fail("Expected property name after '.'"); })
      args:(_ "(" a:CallArgs { return a; })? { return { k: "member", name, args }; }
    / "[" &{ return push(false, inMap); } _ index:Expr? &{ return pop(); } _
      ("]" / "" { fail("Expected ']' after index"); }) { return { k: "index", index }; }
    )

// After "(": arguments with optional trailing comma (#28), then ")".
CallArgs
  = &{ return push(false, inMap); } a:ArgList? &{ return pop(); } _ (")" / "" { fail("Expected ')' after arguments"); })
    { return a ?? []; }

ArgList
  = _ !")" h:Expr t:(_ "," _ !")" e:Expr { return e; })* (_ ",")? { return [h, ...t]; }

// Struct literal `Name { field: e, … }`: only when `{` is followed by `}` or `name :`; in
// if/while/for/match heads only by `name :`, so `if ok {}` is a condition and a body (#27).
StructTail
  = _ "{" &(_ (&{ return !noStruct; } "}" / AnyName _ ":" !":")) &{ return push(false, inMap); } f:FieldInits? &{ return pop(); } _
    ("}" / "" { fail("Expected '\x7d' after struct fields"); }) { return f ?? []; }

FieldInits
  = _ !"}" h:FieldInit t:(_ "," _ !"}" f:FieldInit { return f; })* (_ ",")? { return [h, ...t]; }

FieldInit
  = name:(AnyName / "" { fail("Expected field name"); }) _ (":" / "" { fail("Expected ':' after field name"); }) _ value:Expr
    { return { name, value }; }

// Alternatives guarded by their first characters, as in DeclCore.
Primary
  = &[0-9] @Number
  / &'"""' @Template
  / &"r" @RawString
  / &["'] @QString
  / &[a-zA-Z_@] @WordExpr
  / ParenExpr
  / ArrayLit
  / BraceExpr
  / "" { failExpr(); }

// Primaries that start with a word. Keywords are never IDENTs, so the order only matters
// between the keyword alternatives.
WordExpr
  = &"t" KW_true { return { type: "Literal", value: { kind: "bool", value: true }, loc: L() }; }
  / &"f" KW_false { return { type: "Literal", value: { kind: "bool", value: false }, loc: L() }; }
  / &"if" i:IfStmt { return { ...i, type: "IfExpr" }; }
  / &"match" @MatchExpr
  / &"map" @MapLit
  / &"t" KW_type { return { type: "Ident", name: "type", loc: L() }; }
  / name:IDENT path:(_ "::" _ v:(AnyName / "" { fail("Expected variant name after '::'"); })
      a:(_ "(" a:CallArgs { return a; })? { return [v, a]; })?
    {
      return path === null
        ? { type: "Ident", name, loc: L() }
        : { type: "Path", enumName: name, variant: path[0], args: path[1], loc: L() };
    }

ParenExpr
  = "(" _ ")" { return { type: "Unit", loc: L() }; }
  / "(" &{ return push(false, inMap); } _ e:Expr? &{ return pop(); } _ (")" / "" { fail("Expected ')' after expression"); })
    { return e; }

ArrayLit
  = "[" &{ return push(false, inMap); } items:ArrayItems? &{ return pop(); } _
    ("]" / "" { fail("Expected ']' after array elements"); })
    { return { type: "ArrayLit", items: items ?? [], loc: L() }; }

ArrayItems
  = _ !"]" h:Expr t:(_ "," _ !"]" e:Expr { return e; })* (_ ",")? { return [h, ...t]; }

// Inside a map literal, `{}` / `{ "k": …` / `{ k: …` is a nested map (spec §2.3); otherwise a block.
BraceExpr
  = "{" &{ return inMap; } &(_ ("}" / PlainString _ ":" / IDENT _ ":" !":")) m:MapBody { return { ...m, loc: L() }; }
  / "{" body:BlockRest { return { type: "Block", body, loc: L() }; }

MapLit
  = KW_map _ ("{" / "" { fail("Expected '\x7b' after 'map'"); }) m:MapBody { return { ...m, loc: L() }; }

MapBody
  = &{ return push(false, true); } entries:MapEntries? &{ return pop(); } _
    ("}" / "" { fail("Expected '\x7d' after map entries"); })
    { return { type: "MapLit", entries: entries ?? [] }; }

MapEntries
  = _ !"}" h:MapEntry t:(_ "," _ !"}" e:MapEntry { return e; })* (_ ",")? { return [h, ...t]; }

MapEntry
  = key:Expr _ (":" !":" / "" { fail("Expected ':' after map key"); }) _ value:Expr { return { key, value }; }

MatchExpr
  = KW_match _ s:HeadExpr _ ("{" / "" { fail("Expected '\x7b' after match expression"); })
    &{ return push(false, inMap); } arms:(_ !("}" / EOF) a:MatchArm { return a; })* &{ return pop(); } _
    ("}" / "" { fail("Expected '\x7d' after match arms"); })
    { return { type: "Match", subject: s[0], arms, loc: L() }; }

MatchArm
  = pattern:Pattern guard:(_ KW_if _ g:Expr { return g; })? _ ("=>" / "" { fail("Expected '=>' after pattern"); }) _
    body:Expr (_ ",")?
    { return { pattern, guard, body, loc: L() }; }

// ------------------------------------------------------------------ patterns

Pattern
  = "_" !IdentCont { return { type: "WildcardPat", loc: L() }; }
  / n:Number { return { type: "LiteralPat", value: n.value, loc: L() }; }
  / s:PlainString { return { type: "LiteralPat", value: { kind: "string", value: s }, loc: L() }; }
  / KW_true { return { type: "LiteralPat", value: { kind: "bool", value: true }, loc: L() }; }
  / KW_false { return { type: "LiteralPat", value: { kind: "bool", value: false }, loc: L() }; }
  / "[" _ items:PatternList _ ("]" / "" { fail("Expected ']' after array pattern"); })
    { return { type: "ArrayPat", items, loc: L() }; }
  / "(" _ items:PatternList _ (")" / "" { fail("Expected ')' after tuple pattern"); })
    { return { type: "ArrayPat", items, loc: L() }; }
  / enumName:IDENT _ "::" _ variant:(AnyName / "" { fail("Expected variant name after '::'"); }) args:PatternArgs?
    { return { type: "VariantPat", enumName, variant, args, loc: L() }; }
  / variant:IDENT args:PatternArgs { return { type: "VariantPat", enumName: null, variant, args, loc: L() }; }
  / name:IDENT _ "{" _ fields:FieldPatterns _ ("}" / "" { fail("Expected '\x7d' after struct pattern"); })
    { return { type: "StructPat", name, fields, loc: L() }; }
  / name:IDENT
    {
      return /^[A-Z]/.test(name)
        ? { type: "VariantPat", enumName: null, variant: name, args: null, loc: L() }
        : { type: "BindPat", name, loc: L() };
    }
  / "" { fail("Expected pattern"); }

PatternArgs
  = _ "(" _ items:PatternList _ (")" / "" { fail("Expected ')' after pattern arguments"); }) { return items; }

PatternList
  = &[)\]] { return []; }
  / h:Pattern t:(_ "," _ !([)\]]) p:Pattern { return p; })* (_ ",")? { return [h, ...t]; }

FieldPatterns
  = &"}" { return []; }
  / h:FieldPattern t:(_ "," _ !"}" f:FieldPattern { return f; })* (_ ",")? { return [h, ...t]; }

FieldPattern
  = name:(AnyName / "" { fail("Expected field name"); }) _ (":" / "" { fail("Expected ':' after field name"); }) _ pattern:Pattern
    { return { name, pattern }; }

// ------------------------------------------------------------------ types (kept as source text)

Type = $TypeUnion

TypeUnion = SingleType (_ "|" !("|" / ">") _ SingleType)*

SingleType
  = (
      "[" _ TypeUnion _ ("]" / "" { fail("Expected ']' for array type"); })
    / KW_fn _ "(" _ (!")" TypeList)? _ (")" / "" { fail("Expected ')' after parameter types"); }) (_ "->" _ TypeUnion)?
    / "(" _ (!")" TypeList)? _ (")" / "" { fail("Expected ')' after tuple type"); })
    / IdentName (_ "::" _ IdentName)* (_ "<" _ TypeList _ (">" / "" { fail("Expected '>' after type parameters"); }))? (_ "[" _ "]")?
    / "" { fail("Expected type name"); }
    ) (_ "?")?

TypeTexts = h:Type t:(_ "," _ !([)>\]]) u:Type { return u; })* (_ ",")? { return [h, ...t]; }

TypeList = h:TypeUnion t:(_ "," _ !([)>\]]) u:TypeUnion { return u; })* (_ ",")? { return [h, ...t]; }

// ------------------------------------------------------------------ literals

Number
  = t:$("0" [xX] [0-9a-fA-F_]* / "0" [bB] [01_]*) { return { type: "Literal", value: intLit(t), loc: L() }; }
  / t:$([0-9] [0-9_]* ("." [0-9] [0-9_]*)? ([eE] [+-]? [0-9]*)?)
    { return { type: "Literal", value: /[.eE]/.test(t) ? floatLit(t) : intLit(t), loc: L() }; }

QString
  = '"' parts:DQPart* ('"' / "" { failLex("Unterminated string"); }) { return str(parts, L()); }
  / "'" parts:SQPart* ("'" / "" { failLex("Unterminated string"); }) { return str(parts, L()); }

DQPart = $[^"\\{]+ / Escape / Interpolation
SQPart = $[^'\\{]+ / Escape / Interpolation

Escape
  = "\\" c:. { return ESCAPES[c] ?? c; }

Interpolation
  = "{" at:Pos text:$InterpBody "}" { return { text, loc: L(), at }; }

// Raw text up to the matching brace; quotes are not special here (spec §1.6).
InterpBody = ([^{}] / "{" InterpBody "}")*

RawString
  = "r" n:HashCount '"' body:$(!('"' "#"|n|) .)* ('"' "#"|n| / "" { failLex("Unterminated raw string"); })
    { return { type: "Literal", value: { kind: "string", value: body }, loc: L() }; }

HashCount = h:$"#"* { return h.length; }

Template
  = '"""' body:$(!'"""' .)* ('"""' / "" { failLex("Unterminated template string"); })
    {
      const loc = L();
      const bodyStart = offset() + 3;
      const inline = (from, to) => inlineExpr(bodyStart + from, bodyStart + to);
      return { type: "Template", parts: opts.template(body, loc, inline), loc };
    }
