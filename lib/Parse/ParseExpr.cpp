//===- ParseExpr.cpp - Expressions ----------------------------------------===//
#include "ParserImpl.h"

using namespace stencil;
using namespace stencil::parser;
using llvm::SmallVector;

namespace {
/// Sets whether `Name{` may start a composite literal, for one bracketed part
/// of an expression (inside `( )`, `[ ]` and `{ }` literals are always allowed).
class CompositeLitScope {
public:
  CompositeLitScope(bool &flag, bool value) : flag_(flag), saved_(flag) { flag_ = value; }
  ~CompositeLitScope() { flag_ = saved_; }

private:
  bool &flag_;
  bool saved_;
};
} // namespace

/// Binary precedence of language.md §6, lowest 1; 0 for a non-operator.
static unsigned binaryPrec(tok::Kind k) {
  switch (k) {
  case tok::pipe_pipe:
    return 1;
  case tok::amp_amp:
    return 2;
  case tok::equal_equal:
  case tok::exclaim_equal:
  case tok::less:
  case tok::less_equal:
  case tok::greater:
  case tok::greater_equal:
    return 3;
  case tok::plus:
  case tok::minus:
  case tok::pipe:
  case tok::caret:
    return 4;
  case tok::star:
  case tok::slash:
  case tok::percent:
  case tok::less_less:
  case tok::greater_greater:
  case tok::amp:
    return 5;
  default:
    return 0;
  }
}

Expr *Parser::parseExpr() { return parseBinary(1); }

/// Precedence climbing; every operator is left-associative.
Expr *Parser::parseBinary(unsigned minPrec) {
  Expr *lhs = parseUnary();
  if (!lhs)
    return nullptr;
  // A chain `a + b + c ...` is a loop, not recursion: it may be of any length.
  while (true) {
    unsigned prec = binaryPrec(tok().kind);
    if (prec == 0 || prec < minPrec)
      break;
    tok::Kind op = tok().kind;
    SourceLoc opLoc = consume();
    Expr *rhs = parseBinary(prec + 1);
    if (!rhs)
      return nullptr;
    lhs = make<BinaryExpr>(op, opLoc, lhs, rhs);
  }
  return lhs;
}

Expr *Parser::parseUnary() {
  NestingScope nesting(*this);
  if (!nesting.ok())
    return nullptr;
  tok::Kind op = tok().kind;
  if (op != tok::minus && op != tok::exclaim && op != tok::caret) {
    Expr *e = parsePrimary();
    return e ? parsePostfix(e) : nullptr;
  }
  SourceLoc opLoc = consume();
  Expr *operand;
  // `-9223372036854775808`: the one place the literal 2^63 is valid.
  tok::Kind after = peek(1).kind;
  if (op == tok::minus && at(tok::int_literal) && after != tok::l_paren && after != tok::l_square &&
      after != tok::period)
    operand = parseIntLit(/*underMinus=*/true);
  else
    operand = parseUnary();
  if (!operand)
    return nullptr;
  return make<UnaryExpr>(op, opLoc, operand);
}

Expr *Parser::parseIntLit(bool underMinus) {
  const Token &t = tok();
  if (t.minIntMagnitude && !underMinus)
    error(t.loc, diag::err_min_int_literal_needs_minus) << tokens_.getSpelling(t);
  auto *e = make<IntLitExpr>(t.loc, t.intValue, t.minIntMagnitude);
  consume();
  return e;
}

Expr *Parser::parsePrimary() {
  const Token &t = tok();
  switch (t.kind) {
  case tok::identifier: {
    auto *e = make<IdentExpr>(identOf(t));
    consume();
    return e;
  }
  case tok::int_literal:
    return parseIntLit(/*underMinus=*/false);
  case tok::float_literal: {
    auto *e = make<FloatLitExpr>(t.loc, t.floatValue);
    consume();
    return e;
  }
  case tok::string_literal: {
    auto *e = make<StringLitExpr>(t.loc, module_.copyString(tokens_.getString(t)));
    consume();
    return e;
  }
  case tok::kw_true:
  case tok::kw_false: {
    auto *e = make<BoolLitExpr>(t.loc, t.is(tok::kw_true));
    consume();
    return e;
  }
  case tok::l_paren: {
    SourceLoc lParen = consume();
    CompositeLitScope scope(noCompositeLit_, false);
    Expr *inner = parseExpr();
    if (!inner)
      return nullptr;
    SourceLoc rParen = tok().loc;
    if (!expect(tok::r_paren))
      return nullptr;
    return make<ParenExpr>(lParen, inner, rParen);
  }
  case tok::kw_fn:
    if (atLineStart(t)) {
      // Surely the next function: an unclosed `(` or `{` before it.
      error(t.loc, diag::err_expected_expression) << describe(t);
      return nullptr;
    }
    [[fallthrough]];
  case tok::l_square: {
    // A type in expression position: `[]int{...}`, `make([]int, n)`, `f[fn(int) int]`.
    TypeExpr *type = parseType();
    return type ? make<TypeInExpr>(type) : nullptr;
  }
  default:
    error(t.loc, diag::err_expected_expression) << describe(t);
    return nullptr;
  }
}

/// A chain `x.f[0](a).g ...` is a loop, not recursion: it may be of any length.
Expr *Parser::parsePostfix(Expr *e) {
  while (true) {
    tok::Kind k = tok().kind;
    if (k != tok::l_paren && k != tok::l_square && k != tok::period &&
        !(k == tok::l_brace && startsCompositeLit(e)))
      break;
    switch (k) {
    case tok::l_paren:
      e = parseCallArgs(e);
      break;
    case tok::l_square:
      e = parseIndexOrSlice(e);
      break;
    case tok::period: {
      SourceLoc dot = consume();
      Ident name;
      e = expectIdent(name, "name after '.'") ? make<SelectorExpr>(e, dot, name) : nullptr;
      break;
    }
    default:
      e = parseCompositeLit(e);
      break;
    }
    if (!e)
      return nullptr;
  }
  return e;
}

bool Parser::startsCompositeLit(Expr *e) {
  // Only what can denote a type: `T`, `m.T`, `T[A]`, `m.T[A]`, `[]T`.
  auto isName = [](Expr *x) {
    if (llvm::isa<IdentExpr>(x))
      return true;
    auto *sel = llvm::dyn_cast<SelectorExpr>(x);
    return sel && llvm::isa<IdentExpr>(sel->base);
  };
  if (auto *t = llvm::dyn_cast<TypeInExpr>(e))
    return llvm::isa<SliceTypeExpr>(t->typeExpr); // allowed in headers too
  auto *index = llvm::dyn_cast<IndexExpr>(e);
  if (!isName(e) && !(index && isName(index->base)))
    return false;
  if (!noCompositeLit_)
    return true;
  // In the header of if/while/for the `{` opens the block (Go's rule). A block
  // cannot start with `name:`, and a header's block is never followed at once
  // by another `{`: `Name{...} {` was a literal that needed parentheses. Say
  // so and parse it as a literal, so the rest of the statement makes sense.
  const Token &a = peek(1), &b = peek(2);
  if ((a.is(tok::identifier) && b.is(tok::colon)) || bracedThenBrace()) {
    error(e->getBeginLoc(), diag::err_composite_lit_needs_parens) << headerKeyword_;
    return true;
  }
  return false;
}

bool Parser::bracedThenBrace() const {
  // From the current `{` to its match, looking a bounded distance ahead.
  constexpr size_t kMaxLookahead = 4096;
  size_t depth = 0;
  for (size_t i = pos_ + 1; i < numToks_ && i <= pos_ + kMaxLookahead; ++i) {
    switch (toks_[i].kind) {
    case tok::l_brace:
      ++depth;
      break;
    case tok::r_brace:
      if (depth == 0)
        return i + 1 < numToks_ && toks_[i + 1].is(tok::l_brace);
      --depth;
      break;
    case tok::eof:
      return false;
    default:
      break;
    }
  }
  return false;
}

Expr *Parser::parseCallArgs(Expr *callee) {
  SourceLoc lParen = consume();
  CompositeLitScope scope(noCompositeLit_, false);
  SmallVector<Expr *, 4> args;
  while (!at(tok::r_paren)) {
    Expr *arg = parseExpr();
    if (!arg)
      return nullptr;
    args.push_back(arg);
    if (consumeIf(tok::comma))
      continue;
    if (!at(tok::r_paren)) {
      errorExpected("',' or ')'");
      return nullptr;
    }
  }
  SourceLoc rParen = consume();
  return make<CallExpr>(callee, lParen, copy(args), rParen);
}

/// `base[i]`, `base[A, B]` (elements may be types), `base[lo:hi]` with either
/// bound optional.
Expr *Parser::parseIndexOrSlice(Expr *base) {
  SourceLoc lSquare = consume();
  CompositeLitScope scope(noCompositeLit_, false);
  Expr *first = nullptr;
  if (!at(tok::colon) && !(first = parseExpr()))
    return nullptr;
  if (at(tok::colon)) {
    SourceLoc colon = consume();
    Expr *hi = nullptr;
    if (!at(tok::r_square) && !(hi = parseExpr()))
      return nullptr;
    SourceLoc rSquare = tok().loc;
    if (!expect(tok::r_square))
      return nullptr;
    return make<SliceExpr>(base, lSquare, first, colon, hi, rSquare);
  }
  SmallVector<Expr *, 4> indices{first};
  while (consumeIf(tok::comma) && !at(tok::r_square)) {
    Expr *index = parseExpr();
    if (!index)
      return nullptr;
    indices.push_back(index);
  }
  if (!at(tok::r_square)) {
    errorExpected(indices.size() == 1 ? "',', ':' or ']'" : "',' or ']'");
    return nullptr;
  }
  SourceLoc rSquare = consume();
  return make<IndexExpr>(base, lSquare, copy(indices), rSquare);
}

/// `T{name: v, ...}` or `[]T{v, ...}`; a trailing comma is allowed, and needed
/// before a newline.
Expr *Parser::parseCompositeLit(Expr *type) {
  SourceLoc lBrace = consume();
  CompositeLitScope scope(noCompositeLit_, false);
  SmallVector<CompositeElement, 8> elements;
  while (!at(tok::r_brace)) {
    CompositeElement element;
    if (at(tok::identifier) && peek(1).is(tok::colon)) {
      element.name = identOf(tok());
      consume();
      consume(); // :
    }
    if (!(element.value = parseExpr()))
      return nullptr;
    elements.push_back(element);
    if (consumeIf(tok::comma))
      continue;
    if (!at(tok::r_brace)) {
      errorExpected("',' or '}'");
      return nullptr;
    }
  }
  SourceLoc rBrace = consume();
  return make<CompositeLitExpr>(type, lBrace, copy(elements), rBrace);
}
