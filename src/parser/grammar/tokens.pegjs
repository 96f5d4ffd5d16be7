// Tokens: blanks and comments, names, keywords.

// Blanks and comments, skipped by moving the parse position directly: this rule runs between
// every pair of tokens and is the parser's hottest path. (Unterminated block comments were
// already reported by the lexical pre-pass.)
_ = &{ peg$currPos = skipBlank(input, peg$currPos); return true; }
EOF = !.

IdentCont = [a-zA-Z0-9_] / [\p{Alphabetic}\p{N}]u
// [a-zA-Z_@] IdentCont*, scanned by identEnd() instead of one rule call per character.
IdentName = &{ const end = identEnd(input, peg$currPos); if (end < 0) return false; peg$currPos = end; return true; } { return text(); }
IDENT = n:IdentName !{ return isKeyword(n); } { return n; }
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
