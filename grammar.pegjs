// NTNT grammar (spec §1-§2 with the §11 recommendations). This file holds the set-up and the
// entry points; the rules of each part of the language are in src/parser/grammar/*.pegjs, and
// scripts/build-parser.mjs hands all of them to peggy together.
// Scannerless: every rule starts at a non-blank character and sequences put `_` between tokens,
// so error positions land on tokens. Once a keyword or bracket has been consumed the rule
// commits: missing parts raise the exact reference messages through fail(). Primary fails hard
// ("Expected expression"), so callers guard every optional expression with a lookahead.
// The helpers the actions call are typed, in src/parser/grammar-helpers.ts.

{{
import {
  GrammarState, ParseFail, fnDecl, floatLiteral, identEnd, implDecl, intLiteral, isKeyword, postfixed, prefixed, skipBlank,
  unescapeChar,
} from "./grammar-helpers";
}}

{
  // Expected-token bookkeeping only feeds peggy's own error messages, which are never shown
  // (every failure goes through fail()); switching it off saves a tenth of the parse time.
  // scripts/build-parser.mjs also removes that bookkeeping from the generated code.
  peg$silentFails = 1;

  // `options` are the GrammarOptions from src/parser/index.ts; the cursor is all the helpers
  // see of peggy's own state.
  const state = new GrammarState(input, options, {
    get pos() { return peg$currPos; },
    set pos(at) { peg$currPos = at; },
    get savedPos() { return peg$savedPos; },
    set savedPos(at) { peg$savedPos = at; },
    unary() { const e = peg$parseUnary(); return e === peg$FAILED ? null : e; },
    // Rule Assign, as Expr is a proxy rule, which peggy compiles away.
    expression() { peg$parse_(); const e = peg$parseAssign(); return e === peg$FAILED ? null : e; },
  });
  /** Position of the current match. */
  const L = () => state.loc(offset());
  const fail = (message) => { throw new ParseFail("parse", message, offset()); };
  const failLex = (message) => { throw new ParseFail("lex", message, offset()); };
  const failExpr = () => { throw new ParseFail("expr", "", offset()); };
}

Program
  = body:Body _ (EOF / "" { failExpr(); }) { return { type: "Program", body }; }

// Sub-parse of an interpolation / template expression: one expression, trailing text ignored.
ExprRoot
  = _ e:Expr .* { return e; }
