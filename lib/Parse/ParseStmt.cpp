//===- ParseStmt.cpp - Blocks and statements ------------------------------===//
#include "ParserImpl.h"
#include "llvm/ADT/STLExtras.h"

using namespace stencil;
using namespace stencil::parser;
using llvm::SmallVector;

BlockStmt *Parser::parseBlock() {
  if (!at(tok::l_brace)) {
    errorExpected("'{'");
    return nullptr;
  }
  SourceLoc lBrace = consume();
  size_t base = open_.size();
  SmallVector<Stmt *, 16> stmts;
  while (true) {
    if (consumeIf(tok::semi))
      continue;
    if (at(tok::r_brace))
      break;
    // A missing `}`: do not swallow the next function.
    if (at(tok::eof) || atLineStartDecl()) {
      errorExpected("'}'");
      return nullptr;
    }
    size_t before = pos_;
    Stmt *s = parseStmt();
    if (s) {
      stmts.push_back(s);
      if (!at(tok::semi) && !at(tok::r_brace)) {
        errorExpected("';' or newline");
        s = nullptr;
      }
    }
    if (!s)
      recoverStmt(base);
    if (pos_ == before && !at(tok::r_brace) && !at(tok::eof) && !atLineStartDecl())
      consume(); // cannot happen; never loop without progress
  }
  SourceLoc rBrace = consume();
  return make<BlockStmt>(lBrace, copy(stmts), rBrace);
}

Stmt *Parser::parseStmt() {
  NestingScope nesting(*this);
  if (!nesting.ok())
    return nullptr;
  noCompositeLit_ = false;
  switch (tok().kind) {
  case tok::l_brace:
    return parseBlock();
  case tok::kw_var: {
    SourceLoc varLoc = tok().loc;
    VarDecl *v = parseVarDecl(VarDecl::VarKind::Local);
    return v ? make<VarDeclStmt>(varLoc, v, false) : nullptr;
  }
  case tok::kw_if:
    return parseIfStmt();
  case tok::kw_while:
    return parseWhileStmt();
  case tok::kw_for:
    return parseForStmt();
  case tok::kw_break:
    return make<BreakStmt>(consume());
  case tok::kw_continue:
    return make<ContinueStmt>(consume());
  case tok::kw_return:
    return parseReturnStmt();
  case tok::kw_pub:
    error(tok().loc, diag::err_pub_not_allowed)
        << (peek(1).is(tok::kw_var) ? "a local variable" : "a statement");
    return nullptr;
  case tok::identifier:
  case tok::int_literal:
  case tok::float_literal:
  case tok::string_literal:
  case tok::kw_true:
  case tok::kw_false:
  case tok::l_paren:
  case tok::l_square:
  case tok::kw_fn:
  case tok::minus:
  case tok::exclaim:
  case tok::caret:
    return parseSimpleStmt();
  default:
    error(tok().loc, diag::err_expected_statement) << describe(tok());
    return nullptr;
  }
}

static bool isAssignOp(tok::Kind k) {
  switch (k) {
  case tok::equal:
  case tok::plus_equal:
  case tok::minus_equal:
  case tok::star_equal:
  case tok::slash_equal:
  case tok::percent_equal:
  case tok::amp_equal:
  case tok::pipe_equal:
  case tok::caret_equal:
  case tok::less_less_equal:
  case tok::greater_greater_equal:
    return true;
  default:
    return false;
  }
}

/// `x := e`, `lhs = e`, `lhs op= e` or an expression.
Stmt *Parser::parseSimpleStmt() {
  if (at(tok::identifier) && peek(1).is(tok::colon_equal)) {
    Ident name = identOf(tok());
    consume();
    consume(); // :=
    Expr *init = parseExpr();
    if (!init)
      return nullptr;
    auto *v = withModule(make<VarDecl>(VarDecl::VarKind::Local, name.loc, name, nullptr, init));
    return make<VarDeclStmt>(name.loc, v, true);
  }
  Expr *lhs = parseExpr();
  if (!lhs)
    return nullptr;
  if (isAssignOp(tok().kind)) {
    tok::Kind op = tok().kind;
    SourceLoc opLoc = consume();
    Expr *rhs = parseExpr();
    if (!rhs)
      return nullptr;
    return make<AssignStmt>(op, opLoc, lhs, rhs);
  }
  if (at(tok::colon_equal)) {
    error(lhs->getBeginLoc(), diag::err_short_var_decl_needs_name);
    return nullptr;
  }
  if (at(tok::comma)) {
    error(tok().loc, diag::err_multi_assign);
    return nullptr;
  }
  return make<ExprStmt>(lhs);
}

Expr *Parser::parseHeaderExpr(const char *keyword) {
  bool savedNoLit = noCompositeLit_;
  const char *savedKeyword = headerKeyword_;
  noCompositeLit_ = true;
  headerKeyword_ = keyword;
  Expr *e = parseExpr();
  noCompositeLit_ = savedNoLit;
  headerKeyword_ = savedKeyword;
  return e;
}

/// `if c { } else if d { } ... else { }`. An else-if chain is parsed in a
/// loop (it may be of any length) and nests in the tree as IfStmt elseStmts.
Stmt *Parser::parseIfStmt() {
  struct Clause {
    SourceLoc ifLoc;
    Expr *cond;
    BlockStmt *then;
    SourceLoc elseLoc;
  };
  SmallVector<Clause, 4> clauses;
  Stmt *tail = nullptr;
  while (true) {
    Clause c;
    c.ifLoc = consume();
    if (!(c.cond = parseHeaderExpr("if")) || !(c.then = parseBlock()))
      return nullptr;
    if (!at(tok::kw_else)) {
      clauses.push_back(c);
      break;
    }
    c.elseLoc = consume();
    clauses.push_back(c);
    if (at(tok::kw_if))
      continue;
    if (!at(tok::l_brace)) {
      errorExpected("'if' or '{'");
      return nullptr;
    }
    if (!(tail = parseBlock()))
      return nullptr;
    break;
  }
  for (const Clause &c : llvm::reverse(clauses))
    tail = make<IfStmt>(c.ifLoc, c.cond, c.then, c.elseLoc, tail);
  return tail;
}

Stmt *Parser::parseWhileStmt() {
  SourceLoc whileLoc = consume();
  Expr *cond = parseHeaderExpr("while");
  if (!cond)
    return nullptr;
  BlockStmt *body = parseBlock();
  if (!body)
    return nullptr;
  return make<WhileStmt>(whileLoc, cond, body);
}

/// `for i in lo..hi { }`, `for x in xs { }`, `for i, x in xs { }`.
Stmt *Parser::parseForStmt() {
  SourceLoc forLoc = consume();
  Ident first, second;
  if (!expectIdent(first, "loop variable"))
    return nullptr;
  if (consumeIf(tok::comma) && !expectIdent(second, "loop variable"))
    return nullptr;
  if (!at(tok::kw_in)) {
    error(tok().loc, diag::err_range_needs_in) << describe(tok());
    return nullptr;
  }
  SourceLoc inLoc = consume();
  Expr *lo = parseHeaderExpr("for");
  if (!lo)
    return nullptr;
  auto loopVar = [&](Ident name) {
    return withModule(make<VarDecl>(VarDecl::VarKind::LoopVar, name.loc, name, nullptr, nullptr));
  };
  if (at(tok::period_period)) {
    SourceLoc dotDot = consume();
    if (second.isValid()) {
      error(second.loc, diag::err_for_range_two_vars);
      return nullptr;
    }
    Expr *hi = parseHeaderExpr("for");
    if (!hi)
      return nullptr;
    BlockStmt *body = parseBlock();
    if (!body)
      return nullptr;
    return make<ForRangeStmt>(forLoc, loopVar(first), inLoc, lo, dotDot, hi, body);
  }
  BlockStmt *body = parseBlock();
  if (!body)
    return nullptr;
  VarDecl *indexVar = second.isValid() ? loopVar(first) : nullptr;
  VarDecl *elemVar = loopVar(second.isValid() ? second : first);
  return make<ForEachStmt>(forLoc, indexVar, elemVar, inLoc, lo, body);
}

Stmt *Parser::parseReturnStmt() {
  SourceLoc returnLoc = consume();
  Expr *value = nullptr;
  if (!at(tok::semi) && !at(tok::r_brace) && !(value = parseExpr()))
    return nullptr;
  return make<ReturnStmt>(returnLoc, value);
}
