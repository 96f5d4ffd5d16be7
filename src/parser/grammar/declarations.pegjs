// Declarations: statement lists and blocks, attributes, let, fn (with contracts), type aliases,
// structs, enums, traits and impls.

// Statements up to a closing brace or the end of input; stray `;` are accepted (#28).
Body
  = items:(_ !("}" / EOF) d:Declaration { return d; })* { return items.filter((d) => d !== null); }

BlockRest
  = &{ return state.push(false, state.inMap); } b:Body &{ return state.pop(); } _ ("}" / "" { fail("Expected '\x7d' after block"); }) { return b; }

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
    { return fnDecl(name, params, rt, c, body, L(), tp); }

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
    { return body === null ? null : fnDecl(name, params, rt, c, body, L(), tp); }

ImplDecl
  = KW_impl (_ TypeParams)? _ a:(IDENT / "" { fail("Expected type name"); }) (_ TypeArgs)?
    b:(_ KW_for _ n:(IDENT / "" { fail("Expected type name"); }) (_ TypeArgs)? { return n; })? _
    ("{" / "" { fail("Expected '\x7b' after impl"); })
    items:(_ i:ImplItem { return i; })* _ ("}" / "" { fail("Expected '\x7d' after impl body"); })
    { return implDecl(a, b, items, L()); }

ImplItem
  = ";" { return null; }
  / KW_invariant _ e:HeadExpr Semi { return { type: "invariant", expr: e[0], text: e[1] }; }
  / (Attribute _)* KW_pub? _ f:FnDecl { return f; }

TypeArgs
  = "<" _ TypeList _ (">" / "" { fail("Expected '>' after type parameters"); })
