// Statements: return, if/else, loops, for, defer, break/continue, expression statements.

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
  = &{ return state.push(true, state.inMap); } e:Expr? &{ return state.pop(); } &{ return e !== null; } { return [e, text().trim()]; }
