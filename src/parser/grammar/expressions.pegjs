// Expressions: assignment, binary and prefix operators, postfix calls/fields/indexes, primaries
// (literals, names, paths, arrays, maps, blocks, struct literals, match).

Expr = Assign

// `=` and compound assignment (#4); the target shape is validated by the compiler.
Assign
  = target:Binary r:(_ &[=+\-*/] op:AssignOp _ v:Assign { return [op, v]; })?
    { return r === null ? target : { type: "Assign", target, op: r[0], value: r[1], loc: target.loc }; }

AssignOp = "=" !("=" / ">") { return "="; } / "+=" / "-=" / "*=" / "/="

// Binary operators: an operand, then (operator operand)* read by GrammarState.binary() in one
// loop, the tree built by precedence. Same trees as one rule per precedence level would give, at
// a fraction of the rule calls (each level tried its operators after every operand).
Binary = h:Unary { return state.binary(h); }

Pos = "" { return offset(); }

// Iterative prefix operators: `--…--x` cannot overflow the stack.
Unary
  = ops:(&[-!] o:UnaryOp _ { return [o, L()]; })* e:Postfix { return prefixed(ops, e); }
UnaryOp = "-" !("=" / ">") { return "-"; } / "!" !"=" { return "!"; }

Postfix
  = h:Primary s:(&{ return h.type === "Ident" && input.charCodeAt(skipBlank(input, peg$currPos)) === 123; } s:StructTail { return s; })? t:PostOp*
    { return postfixed(h, s, t); }

PostOp
  = _ @(
      "(" args:CallArgs { return { k: "call", args }; }
    / "." !"." _ name:(AnyName / "" { fail("Expected property name after '.'"); })
      args:(_ "(" a:CallArgs { return a; })? { return { k: "member", name, args }; }
    / "[" &{ return state.push(false, state.inMap); } _ index:Expr? &{ return state.pop(); } _
      ("]" / "" { fail("Expected ']' after index"); }) { return { k: "index", index }; }
    )

// After "(": arguments with optional trailing comma (#28), then ")".
CallArgs
  = &{ return state.push(false, state.inMap); } a:ArgList? &{ return state.pop(); } _ (")" / "" { fail("Expected ')' after arguments"); })
    { return a ?? []; }

ArgList
  = _ !")" h:Expr t:(_ "," _ !")" e:Expr { return e; })* (_ ",")? { return [h, ...t]; }

// Struct literal `Name { field: e, … }`: only when `{` is followed by `}` or `name :`; in
// if/while/for/match heads only by `name :`, so `if ok {}` is a condition and a body (#27).
StructTail
  = _ "{" &(_ (&{ return !state.noStruct; } "}" / AnyName _ ":" !":")) &{ return state.push(false, state.inMap); } f:FieldInits? &{ return state.pop(); } _
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
  / "(" &{ return state.push(false, state.inMap); } _ e:Expr? &{ return state.pop(); } _ (")" / "" { fail("Expected ')' after expression"); })
    { return e; }

ArrayLit
  = "[" &{ return state.push(false, state.inMap); } items:ArrayItems? &{ return state.pop(); } _
    ("]" / "" { fail("Expected ']' after array elements"); })
    { return { type: "ArrayLit", items: items ?? [], loc: L() }; }

ArrayItems
  = _ !"]" h:Expr t:(_ "," _ !"]" e:Expr { return e; })* (_ ",")? { return [h, ...t]; }

// Inside a map literal, `{}` / `{ "k": …` / `{ k: …` is a nested map (spec §2.3); otherwise a block.
BraceExpr
  = "{" &{ return state.inMap; } &(_ ("}" / PlainString _ ":" / IDENT _ ":" !":")) m:MapBody { return { ...m, loc: L() }; }
  / "{" body:BlockRest { return { type: "Block", body, loc: L() }; }

MapLit
  = KW_map _ ("{" / "" { fail("Expected '\x7b' after 'map'"); }) m:MapBody { return { ...m, loc: L() }; }

MapBody
  = &{ return state.push(false, true); } entries:MapEntries? &{ return state.pop(); } _
    ("}" / "" { fail("Expected '\x7d' after map entries"); })
    { return { type: "MapLit", entries: entries ?? [] }; }

MapEntries
  = _ !"}" h:MapEntry t:(_ "," _ !"}" e:MapEntry { return e; })* (_ ",")? { return [h, ...t]; }

MapEntry
  = key:Expr _ (":" !":" / "" { fail("Expected ':' after map key"); }) _ value:Expr { return { key, value }; }

MatchExpr
  = KW_match _ s:HeadExpr _ ("{" / "" { fail("Expected '\x7b' after match expression"); })
    &{ return state.push(false, state.inMap); } arms:(_ !("}" / EOF) a:MatchArm { return a; })* &{ return state.pop(); } _
    ("}" / "" { fail("Expected '\x7d' after match arms"); })
    { return { type: "Match", subject: s[0], arms, loc: L() }; }

MatchArm
  = pattern:Pattern guard:(_ KW_if _ g:Expr { return g; })? _ ("=>" / "" { fail("Expected '=>' after pattern"); }) _
    body:Expr (_ ",")?
    { return { pattern, guard, body, loc: L() }; }
