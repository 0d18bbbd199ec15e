//===- ParseType.cpp - Type expressions -----------------------------------===//
#include "ParserImpl.h"

using namespace stencil;
using namespace stencil::parser;
using llvm::SmallVector;

TypeExpr *Parser::parseType() {
  NestingScope nesting(*this);
  if (!nesting.ok())
    return nullptr;
  switch (tok().kind) {
  case tok::identifier:
    return parseNamedType();
  case tok::l_square:
    return parseSliceType();
  case tok::kw_fn:
    return parseFuncType();
  default:
    error(tok().loc, diag::err_expected_type) << describe(tok());
    return nullptr;
  }
}

/// `Name`, `mod.Name`, `Name[A, B]`, `mod.Name[A]`.
TypeExpr *Parser::parseNamedType() {
  Ident qualifier, name = identOf(tok());
  consume();
  if (consumeIf(tok::period)) {
    qualifier = name;
    if (!expectIdent(name, "type name"))
      return nullptr;
  }
  SmallVector<TypeExpr *, 4> args;
  SourceLoc lSquare;
  if (at(tok::l_square)) {
    lSquare = consume();
    do {
      if (at(tok::r_square) && !args.empty())
        break; // trailing comma
      TypeExpr *arg = parseType();
      if (!arg)
        return nullptr;
      args.push_back(arg);
    } while (consumeIf(tok::comma));
    if (!expect(tok::r_square))
      return nullptr;
  }
  return make<NamedTypeExpr>(qualifier, name, copy(args), lSquare);
}

/// `[]Elem`
TypeExpr *Parser::parseSliceType() {
  SourceLoc lSquare = consume();
  if (!expect(tok::r_square))
    return nullptr;
  TypeExpr *elem = parseType();
  if (!elem)
    return nullptr;
  return make<SliceTypeExpr>(lSquare, elem);
}

/// `fn(A, B) R`; the result is parsed when a type follows on the same line.
TypeExpr *Parser::parseFuncType() {
  SourceLoc fnLoc = consume();
  if (!expect(tok::l_paren))
    return nullptr;
  SmallVector<TypeExpr *, 4> params;
  while (!at(tok::r_paren)) {
    TypeExpr *param = parseType();
    if (!param)
      return nullptr;
    params.push_back(param);
    if (consumeIf(tok::comma))
      continue;
    if (!at(tok::r_paren)) {
      errorExpected("',' or ')'");
      return nullptr;
    }
  }
  consume(); // )
  TypeExpr *result = nullptr;
  if (startsType(tok().kind) && !(result = parseType()))
    return nullptr;
  return make<FuncTypeExpr>(fnLoc, copy(params), result);
}
