//===- ParseDecl.cpp - Functions, types, interfaces, variables ------------===//
#include "ParserImpl.h"

using namespace stencil;
using namespace stencil::parser;
using llvm::SmallVector;
using llvm::SmallVectorImpl;
using llvm::StringRef;

Decl *Parser::parseTopLevelDecl() {
  // `pub` and one attribute, in either order.
  SourceLoc pubLoc, hintLoc;
  InlineHint hint = InlineHint::None;
  StringRef hintName;
  while (true) {
    if (at(tok::kw_pub)) {
      if (pubLoc.isValid()) {
        error(tok().loc, diag::err_expected_declaration) << describe(tok());
        return nullptr;
      }
      pubLoc = consume();
      continue;
    }
    if (at(tok::at)) {
      SourceLoc atLoc = consume();
      if (!at(tok::identifier)) {
        errorExpected("attribute name");
        return nullptr;
      }
      StringRef name = tokens_.getSpelling(tok());
      consume();
      // An attribute may stand on the line above its function.
      while (at(tok::semi) && tok().implicit)
        consume();
      InlineHint h = name == "inline"     ? InlineHint::Inline
                     : name == "noinline" ? InlineHint::NoInline
                                          : InlineHint::None;
      if (h == InlineHint::None) {
        error(atLoc, diag::err_unknown_attribute) << name;
        continue;
      }
      if (hint != InlineHint::None) {
        if (h != hint)
          error(atLoc, diag::err_conflicting_attributes);
        else
          error(atLoc, diag::err_duplicate_attribute) << name;
        continue;
      }
      hint = h;
      hintLoc = atLoc;
      hintName = name;
      continue;
    }
    break;
  }
  bool isPub = pubLoc.isValid();
  if (!at(tok::kw_import))
    seenDecl_ = true;
  if (hint != InlineHint::None &&
      (at(tok::kw_type) || at(tok::kw_interface) || at(tok::kw_var) || at(tok::kw_import)))
    error(hintLoc, diag::err_attribute_not_on_function) << hintName;
  switch (tok().kind) {
  case tok::kw_fn:
    return parseFuncDecl(isPub, hint, hintLoc);
  case tok::kw_type:
    return parseTypeDecl(isPub);
  case tok::kw_interface:
    return parseInterfaceDecl(isPub);
  case tok::kw_var: {
    VarDecl *v = parseVarDecl(VarDecl::VarKind::Global);
    if (v)
      v->isPub = isPub;
    return v;
  }
  case tok::kw_import: {
    if (isPub)
      error(pubLoc, diag::err_pub_not_allowed) << "an import";
    bool ok;
    ImportDecl *d = parseImport(ok);
    return ok ? d : nullptr;
  }
  default:
    error(tok().loc, diag::err_expected_declaration) << describe(tok());
    return nullptr;
  }
}

FuncDecl *Parser::parseFuncDecl(bool isPub, InlineHint hint, SourceLoc hintLoc) {
  SourceLoc fnLoc = consume();
  auto *f = withModule(make<FuncDecl>(fnLoc, Ident{}));
  f->isPub = isPub;
  f->inlineHint = hint;
  f->hintLoc = hintLoc;
  if (at(tok::l_paren) && !parseReceiver(f))
    return nullptr;
  if (!expectIdent(f->name, f->isMethod ? "method name" : "function name"))
    return nullptr;
  if (at(tok::l_square)) {
    SmallVector<TypeParamDecl *, 4> typeParams;
    SourceLoc lSquare = tok().loc;
    if (!parseTypeParams(typeParams))
      return nullptr;
    if (f->isMethod)
      error(lSquare, diag::err_method_type_params);
    else
      f->typeParams = copy(typeParams);
  }
  SmallVector<VarDecl *, 8> params;
  if (!parseParams(params))
    return nullptr;
  f->params = copy(params);
  if (startsType(tok().kind) && !(f->result = parseType()))
    return nullptr;
  if (!(f->body = parseBlock()))
    return nullptr;
  return f;
}

bool Parser::parseReceiver(FuncDecl *f) {
  consume(); // (
  Ident var;
  Receiver &r = f->receiver;
  if (!expectIdent(var, "receiver name") || !expectIdent(r.typeName, "receiver type"))
    return false;
  r.var = withModule(make<VarDecl>(VarDecl::VarKind::Receiver, var.loc, var, nullptr, nullptr));
  if (at(tok::l_square)) {
    r.lSquareLoc = consume();
    SmallVector<TypeParamDecl *, 4> names;
    while (true) {
      Ident name;
      if (!expectIdent(name, "type parameter name"))
        return false;
      names.push_back(
          withModule(make<TypeParamDecl>(name, names.size(), llvm::ArrayRef<ConstraintTerm>())));
      if (consumeIf(tok::comma)) {
        if (at(tok::r_square))
          break;
        continue;
      }
      if (at(tok::r_square))
        break;
      errorExpected("',' or ']'");
      return false;
    }
    consume(); // ]
    r.typeParams = copy(names);
  }
  if (!expect(tok::r_paren))
    return false;
  f->isMethod = true;
  return true;
}

bool Parser::parseTypeParams(SmallVectorImpl<TypeParamDecl *> &out) {
  SourceLoc lSquare = consume();
  if (at(tok::r_square)) {
    error(lSquare, diag::err_empty_type_params);
    consume();
    return true;
  }
  // Go's rule: names separated by commas share the constraint that follows.
  SmallVector<Ident, 4> pending;
  while (true) {
    Ident name;
    if (!expectIdent(name, "type parameter name"))
      return false;
    pending.push_back(name);
    if (consumeIf(tok::comma)) {
      if (at(tok::r_square))
        break;
      continue;
    }
    if (at(tok::r_square))
      break;
    llvm::ArrayRef<ConstraintTerm> constraint;
    if (!parseConstraint(constraint))
      return false;
    for (Ident p : pending)
      out.push_back(withModule(make<TypeParamDecl>(p, out.size(), constraint)));
    pending.clear();
    if (consumeIf(tok::comma)) {
      if (at(tok::r_square))
        break;
      continue;
    }
    if (at(tok::r_square))
      break;
    errorExpected("',' or ']'");
    return false;
  }
  if (!pending.empty()) {
    error(pending.front().loc, diag::err_missing_constraint) << pending.front().name;
    for (Ident p : pending)
      out.push_back(
          withModule(make<TypeParamDecl>(p, out.size(), llvm::ArrayRef<ConstraintTerm>())));
  }
  consume(); // ]
  return true;
}

bool Parser::parseConstraint(llvm::ArrayRef<ConstraintTerm> &out) {
  SmallVector<ConstraintTerm, 4> terms;
  while (true) {
    ConstraintTerm term;
    if (at(tok::tilde)) {
      term.tildeLoc = consume();
      if (!startsType(tok().kind)) {
        error(tok().loc, diag::err_tilde_not_type);
        return false;
      }
    }
    if (!(term.type = parseType()))
      return false;
    terms.push_back(term);
    if (!consumeIf(tok::pipe))
      break;
  }
  out = copy(terms);
  return true;
}

bool Parser::parseParams(SmallVectorImpl<VarDecl *> &out) {
  if (!expect(tok::l_paren))
    return false;
  // `a, b int`: names accumulate until a type follows.
  SmallVector<Ident, 4> pending;
  while (!at(tok::r_paren)) {
    Ident name;
    if (!expectIdent(name, "parameter name"))
      return false;
    if (at(tok::comma) || at(tok::r_paren)) {
      pending.push_back(name);
      consumeIf(tok::comma);
      continue;
    }
    TypeExpr *type = parseType();
    if (!type)
      return false;
    pending.push_back(name);
    for (Ident p : pending)
      out.push_back(withModule(make<VarDecl>(VarDecl::VarKind::Param, p.loc, p, type, nullptr)));
    pending.clear();
    if (consumeIf(tok::comma))
      continue;
    if (!at(tok::r_paren)) {
      errorExpected("',' or ')'");
      return false;
    }
  }
  if (!pending.empty()) {
    error(pending.back().loc, diag::err_missing_param_type) << pending.back().name;
    return false;
  }
  consume(); // )
  return true;
}

TypeDecl *Parser::parseTypeDecl(bool isPub) {
  SourceLoc typeLoc = consume();
  Ident name;
  if (!expectIdent(name, "type name"))
    return nullptr;
  auto *d = withModule(make<TypeDecl>(typeLoc, name));
  d->isPub = isPub;
  // `type V[T any] ...` has type parameters; `type V []int` is a slice type.
  if (at(tok::l_square) && peek(1).isNot(tok::r_square)) {
    SmallVector<TypeParamDecl *, 4> typeParams;
    if (!parseTypeParams(typeParams))
      return nullptr;
    d->typeParams = copy(typeParams);
  }
  if (at(tok::kw_struct)) {
    d->isStruct = true;
    d->structLoc = consume();
    SmallVector<FieldDecl, 8> fields;
    if (!parseStructFields(fields))
      return nullptr;
    d->fields = copy(fields);
    return d;
  }
  if (!(d->underlying = parseType()))
    return nullptr;
  return d;
}

bool Parser::parseStructFields(SmallVectorImpl<FieldDecl> &out) {
  if (!expect(tok::l_brace))
    return false;
  size_t base = open_.size();
  while (true) {
    if (consumeIf(tok::semi))
      continue;
    if (at(tok::r_brace))
      break;
    if (at(tok::eof) || atLineStartDecl()) {
      errorExpected("'}'");
      return false;
    }
    size_t before = pos_;
    // `x, y T`
    SmallVector<Ident, 4> names;
    bool ok = true;
    while (true) {
      Ident name;
      if (!expectIdent(name, "field name")) {
        ok = false;
        break;
      }
      names.push_back(name);
      if (!consumeIf(tok::comma))
        break;
    }
    TypeExpr *type = ok ? parseType() : nullptr;
    if (type) {
      for (Ident n : names)
        out.push_back(FieldDecl{n, type});
      if (!at(tok::semi) && !at(tok::r_brace)) {
        errorExpected("';' or newline");
        type = nullptr;
      }
    }
    if (!type)
      recoverStmt(base);
    if (pos_ == before && !at(tok::r_brace) && !at(tok::eof) && !atLineStartDecl())
      consume();
  }
  consume(); // }
  return true;
}

InterfaceDecl *Parser::parseInterfaceDecl(bool isPub) {
  SourceLoc interfaceLoc = consume();
  Ident name;
  if (!expectIdent(name, "interface name"))
    return nullptr;
  auto *d = withModule(make<InterfaceDecl>(interfaceLoc, name));
  d->isPub = isPub;
  if (at(tok::l_square)) {
    SmallVector<TypeParamDecl *, 4> typeParams;
    if (!parseTypeParams(typeParams))
      return nullptr;
    d->typeParams = copy(typeParams);
  }
  if (!expect(tok::l_brace))
    return nullptr;
  size_t base = open_.size();
  SmallVector<InterfaceElem, 8> elems;
  while (true) {
    if (consumeIf(tok::semi))
      continue;
    if (at(tok::r_brace))
      break;
    if (at(tok::eof) || atLineStartDecl()) {
      errorExpected("'}'");
      return nullptr;
    }
    size_t before = pos_;
    InterfaceElem elem;
    bool ok = parseInterfaceElem(elem);
    if (ok) {
      elems.push_back(elem);
      if (!at(tok::semi) && !at(tok::r_brace)) {
        errorExpected("';' or newline");
        ok = false;
      }
    }
    if (!ok)
      recoverStmt(base);
    if (pos_ == before && !at(tok::r_brace) && !at(tok::eof) && !atLineStartDecl())
      consume();
  }
  consume(); // }
  d->elements = copy(elems);
  return d;
}

bool Parser::parseInterfaceElem(InterfaceElem &out) {
  if (!at(tok::kw_fn))
    return parseConstraint(out.terms);
  out.isMethod = true;
  out.fnLoc = consume();
  if (!expectIdent(out.methodName, "method name"))
    return false;
  if (at(tok::l_square)) {
    SourceLoc lSquare = tok().loc;
    SmallVector<TypeParamDecl *, 2> ignored;
    if (!parseTypeParams(ignored))
      return false;
    error(lSquare, diag::err_method_type_params);
  }
  SmallVector<VarDecl *, 4> params;
  if (!parseParams(params))
    return false;
  out.params = copy(params);
  if (startsType(tok().kind) && !(out.result = parseType()))
    return false;
  return true;
}

VarDecl *Parser::parseVarDecl(VarDecl::VarKind kind) {
  SourceLoc varLoc = consume();
  Ident name;
  if (!expectIdent(name, "variable name"))
    return nullptr;
  TypeExpr *type = nullptr;
  Expr *init = nullptr;
  if (!at(tok::equal) && !(type = parseType()))
    return nullptr;
  if (consumeIf(tok::equal) && !(init = parseExpr()))
    return nullptr;
  return withModule(make<VarDecl>(kind, varLoc, name, type, init));
}
