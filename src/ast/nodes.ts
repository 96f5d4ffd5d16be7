/** AST produced by the grammar (grammar.pegjs, src/parser/grammar/). Every node carries `loc` (1-based line/col of its first token). */

export interface Loc {
  line: number;
  col: number;
}

interface Base {
  loc: Loc;
}

// ---------------------------------------------------------------- types (annotations, ignored at run time)

/** Type annotations are kept only as source text; the checker/linter may parse them further. */
export type TypeAnn = string;

// ---------------------------------------------------------------- patterns

export type Pattern =
  | { type: "WildcardPat"; loc: Loc }
  | { type: "LiteralPat"; loc: Loc; value: LiteralValue }
  | { type: "ArrayPat"; loc: Loc; items: Pattern[] } // also `( … )` tuple patterns
  | { type: "VariantPat"; loc: Loc; enumName: string | null; variant: string; args: Pattern[] | null } // args null: unit variant / `None`
  | { type: "StructPat"; loc: Loc; name: string; fields: { name: string; pattern: Pattern }[] }
  | { type: "BindPat"; loc: Loc; name: string };

/** Literal values: an Int literal is a `bigint` only outside the JS safe-integer range, else a number; Float literals are their own kind. */
export type LiteralValue =
  | { kind: "int"; value: number | bigint }
  | { kind: "float"; value: number }
  | { kind: "string"; value: string }
  | { kind: "bool"; value: boolean };

// ---------------------------------------------------------------- template strings ("""…""")

export type TemplatePart =
  | { type: "TText"; text: string }
  | { type: "TExpr"; loc: Loc; expr: Expr | null; filters: TemplateFilter[]; source: string }
  | { type: "TFor"; loc: Loc; variable: string; iterable: Expr; body: TemplatePart[]; empty: TemplatePart[] | null }
  | { type: "TIf"; loc: Loc; branches: { cond: Expr; body: TemplatePart[] }[]; otherwise: TemplatePart[] | null };

export interface TemplateFilter {
  name: string;
  args: Expr[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | (Base & { type: "Literal"; value: LiteralValue })
  | (Base & { type: "Unit" })
  | (Base & { type: "Ident"; name: string })
  | (Base & { type: "Interp"; parts: (string | Expr)[] }) // "a {x} b"
  | (Base & { type: "Template"; parts: TemplatePart[] })
  | (Base & { type: "ArrayLit"; items: Expr[] })
  | (Base & { type: "MapLit"; entries: { key: Expr; value: Expr }[] })
  | (Base & { type: "StructLit"; name: string; fields: { name: string; value: Expr }[] })
  | (Base & { type: "Block"; body: Stmt[] })
  | (Base & { type: "Binary"; op: BinaryOp; left: Expr; right: Expr })
  | (Base & { type: "Logical"; op: "&&" | "||" | "??"; left: Expr; right: Expr })
  | (Base & { type: "Unary"; op: "-" | "!"; operand: Expr })
  | (Base & { type: "Range"; start: Expr; end: Expr; inclusive: boolean })
  | (Base & { type: "Call"; callee: Expr; args: Expr[] })
  | (Base & { type: "MethodCall"; object: Expr; method: string; args: Expr[] })
  | (Base & { type: "Field"; object: Expr; name: string })
  | (Base & { type: "Index"; object: Expr; index: Expr })
  | (Base & { type: "Path"; enumName: string; variant: string; args: Expr[] | null }) // A::B or A::B(args)
  | (Base & { type: "Match"; subject: Expr; arms: MatchArm[] })
  | (Base & { type: "IfExpr"; cond: Expr; then: Stmt[]; otherwise: Stmt[] | null }) // `if` in expression position (language.md §11)
  | (Base & { type: "Assign"; target: Expr; op: "=" | "+=" | "-=" | "*=" | "/="; value: Expr });

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">=";

export interface MatchArm {
  loc: Loc;
  pattern: Pattern;
  guard: Expr | null;
  body: Expr;
}

// ---------------------------------------------------------------- statements and declarations

export interface Param {
  name: string;
  typeAnn: TypeAnn | null;
  defaultValue: Expr | null;
}

export interface FnDecl extends Base {
  type: "FnDecl";
  name: string;
  params: Param[];
  returnType: TypeAnn | null;
  requires: Expr[];
  ensures: Expr[];
  body: Stmt[];
  /** Source text of each requires/ensures clause, for contract messages. */
  requiresText: string[];
  ensuresText: string[];
  /** Names of the declared type parameters (`fn f<T>(…)` → `["T"]`). */
  typeParams: string[];
}

export interface ImplDecl extends Base {
  type: "ImplDecl";
  typeName: string;
  traitName: string | null;
  methods: FnDecl[];
  invariants: Expr[];
  invariantsText: string[];
}

export interface TraitDecl extends Base {
  type: "TraitDecl";
  name: string;
  /** Only methods with a default body are kept. */
  methods: FnDecl[];
}

export type Stmt =
  | (Base & { type: "ExprStmt"; expr: Expr })
  | (Base & { type: "Let"; mutable: boolean; target: Pattern; typeAnn: TypeAnn | null; value: Expr | null })
  | FnDecl
  | ImplDecl
  | TraitDecl
  | (Base & { type: "StructDecl"; name: string; fields: { name: string; typeAnn: TypeAnn }[]; typeParams: string[] })
  | (Base & { type: "EnumDecl"; name: string; variants: { name: string; arity: number; types: TypeAnn[] | null }[]; typeParams: string[] }) // types null: unit variant
  | (Base & { type: "TypeAlias"; name: string; target: TypeAnn; typeParams: string[] })
  | (Base & { type: "If"; cond: Expr; then: Stmt[]; otherwise: Stmt[] | null }) // else-if chains: otherwise = [If]
  | (Base & { type: "While"; cond: Expr; body: Stmt[] })
  | (Base & { type: "Loop"; body: Stmt[] })
  | (Base & { type: "For"; variable: string; iterable: Expr; body: Stmt[] })
  | (Base & { type: "Return"; value: Expr | null })
  | (Base & { type: "Break" })
  | (Base & { type: "Continue" })
  | (Base & { type: "Defer"; expr: Expr })
  | (Base & { type: "Import"; source: string; items: { name: string; alias: string | null }[] | null; alias: string | null })
  | (Base & { type: "Mod"; name: string; body: Stmt[] })
  | (Base & { type: "Noop" }); // `use`, protocols, exports of names, attributes-only

export interface Program {
  type: "Program";
  body: Stmt[];
}
