//===- SemaExpr.cpp - Expressions, operators and the literal rule ---------===//
#include "SemaImpl.h"
#include <charconv>
#include <optional>

using namespace stencil;

/// Writes \p e compactly, as source (`makePoint().x`, `xs[i + 1]`), for messages.
static void printExpr(const Expr *e, std::string &out, unsigned depth) {
  if (depth > 8 || out.size() > 60) {
    out += "...";
    return;
  }
  switch (e->getKind()) {
  case Expr::Kind::Ident:
    out += llvm::cast<IdentExpr>(e)->name;
    return;
  case Expr::Kind::IntLit:
    if (llvm::cast<IntLitExpr>(e)->minIntMagnitude)
      out += "9223372036854775808";
    else
      out += std::to_string(llvm::cast<IntLitExpr>(e)->value);
    return;
  case Expr::Kind::FloatLit: {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof(buf), llvm::cast<FloatLitExpr>(e)->value);
    out.append(buf, r.ptr);
    return;
  }
  case Expr::Kind::StringLit:
    out += "\"";
    out += llvm::cast<StringLitExpr>(e)->value.take_front(20);
    out += llvm::cast<StringLitExpr>(e)->value.size() > 20 ? "...\"" : "\"";
    return;
  case Expr::Kind::BoolLit:
    out += llvm::cast<BoolLitExpr>(e)->value ? "true" : "false";
    return;
  case Expr::Kind::Unary:
    out += tok::getName(llvm::cast<UnaryExpr>(e)->op);
    printExpr(llvm::cast<UnaryExpr>(e)->operand, out, depth + 1);
    return;
  case Expr::Kind::Binary: {
    auto *b = llvm::cast<BinaryExpr>(e);
    printExpr(b->lhs, out, depth + 1);
    out += " ";
    out += tok::getName(b->op);
    out += " ";
    printExpr(b->rhs, out, depth + 1);
    return;
  }
  case Expr::Kind::Paren:
    out += "(";
    printExpr(llvm::cast<ParenExpr>(e)->inner, out, depth + 1);
    out += ")";
    return;
  case Expr::Kind::Call: {
    auto *c = llvm::cast<CallExpr>(e);
    printExpr(c->callee, out, depth + 1);
    out += c->args.empty() ? "()" : "(...)";
    return;
  }
  case Expr::Kind::Index: {
    auto *i = llvm::cast<IndexExpr>(e);
    printExpr(i->base, out, depth + 1);
    out += "[";
    for (size_t k = 0; k < i->indices.size(); ++k) {
      if (k)
        out += ", ";
      printExpr(i->indices[k], out, depth + 1);
    }
    out += "]";
    return;
  }
  case Expr::Kind::Slice: {
    auto *s = llvm::cast<SliceExpr>(e);
    printExpr(s->base, out, depth + 1);
    out += "[";
    if (s->lo)
      printExpr(s->lo, out, depth + 1);
    out += ":";
    if (s->hi)
      printExpr(s->hi, out, depth + 1);
    out += "]";
    return;
  }
  case Expr::Kind::Selector: {
    auto *s = llvm::cast<SelectorExpr>(e);
    printExpr(s->base, out, depth + 1);
    out += ".";
    out += s->name.name;
    return;
  }
  case Expr::Kind::CompositeLit:
    printExpr(llvm::cast<CompositeLitExpr>(e)->typeExpr, out, depth + 1);
    out += "{...}";
    return;
  case Expr::Kind::TypeInExpr: {
    const TypeExpr *t = llvm::cast<TypeInExpr>(e)->typeExpr;
    out += t->resolved ? typeToString(t->resolved, nullptr) : "type";
    return;
  }
  }
}

/// The value of an integer literal, possibly negated and parenthesized.
static std::optional<int64_t> constantInt(const Expr *e) {
  bool negate = false;
  while (true) {
    if (auto *p = llvm::dyn_cast<ParenExpr>(e)) {
      e = p->inner;
    } else if (auto *u = llvm::dyn_cast<UnaryExpr>(e); u && u->op == tok::minus) {
      negate = !negate;
      e = u->operand;
    } else {
      break;
    }
  }
  auto *lit = llvm::dyn_cast<IntLitExpr>(e);
  if (!lit)
    return std::nullopt;
  if (lit->minIntMagnitude)
    return negate ? std::optional<int64_t>(INT64_MIN) : std::nullopt;
  int64_t v = static_cast<int64_t>(lit->value);
  return negate ? -v : v;
}

void Sema::checkNotNegative(const Expr *e, llvm::StringRef what) {
  std::optional<int64_t> v = constantInt(e);
  if (v && *v < 0)
    diag(e->getBeginLoc(), diag::err_negative_const) << what << std::to_string(*v);
}

std::string Sema::describe(const Expr *e) const {
  std::string out;
  printExpr(e, out, 0);
  return out;
}

const Type *Sema::coreType(const Type *t) {
  const TypeSet *set = typeSetOf(t);
  if (!set)
    return under(t);
  if (set->allTypes || set->terms.empty())
    return nullptr;
  const Type *core = under(set->terms[0].type);
  for (const TypeTerm &term : set->terms)
    if (under(term.type) != core)
      return nullptr;
  return core;
}

bool Sema::literalFits(Type::Kind litKind, const Type *t) {
  if (const TypeSet *set = typeSetOf(t)) {
    if (set->allTypes || set->terms.empty())
      return false;
    for (const TypeTerm &term : set->terms)
      if (under(term.type)->getKind() != litKind)
        return false;
    return true;
  }
  return under(t)->getKind() == litKind;
}

const Type *Sema::checkLiteral(Expr *e, const Type *expected) {
  Type::Kind kind;
  const Type *deflt;
  switch (e->getKind()) {
  case Expr::Kind::IntLit:
    kind = Type::Kind::Int;
    deflt = types_.getInt();
    break;
  case Expr::Kind::FloatLit:
    kind = Type::Kind::Float;
    deflt = types_.getFloat();
    break;
  case Expr::Kind::StringLit:
    kind = Type::Kind::String;
    deflt = types_.getString();
    break;
  default:
    kind = Type::Kind::Bool;
    deflt = types_.getBool();
    break;
  }
  e->type = expected && !expected->isError() && literalFits(kind, expected) ? expected : deflt;
  return e->type;
}

bool Sema::supportsOperator(tok::Kind op, const Type *t) {
  if (t->isError())
    return true;
  if (const TypeSet *set = typeSetOf(t)) {
    if (set->allTypes || set->terms.empty())
      return false;
    for (const TypeTerm &term : set->terms)
      if (!supportsOperator(op, term.type))
        return false;
    return true;
  }
  const Type *u = under(t);
  switch (op) {
  case tok::plus:
  case tok::less:
  case tok::less_equal:
  case tok::greater:
  case tok::greater_equal:
    return u->isInt() || u->isFloat() || u->isString();
  case tok::minus:
  case tok::star:
  case tok::slash:
    return u->isInt() || u->isFloat();
  case tok::percent:
  case tok::amp:
  case tok::pipe:
  case tok::caret:
  case tok::less_less:
  case tok::greater_greater:
    return u->isInt();
  case tok::amp_amp:
  case tok::pipe_pipe:
  case tok::exclaim:
    return u->isBool();
  default:
    return false;
  }
}

const Type *Sema::toValue(Operand &o, Expr *e) {
  const Type *t = types_.getError();
  switch (o.mode) {
  case Operand::Mode::Invalid:
    break;
  case Operand::Mode::Value:
  case Operand::Mode::Variable:
    t = o.type ? o.type : types_.getError();
    break;
  case Operand::Mode::NoValue:
    diag(e->getBeginLoc(), diag::err_no_value) << describe(e);
    break;
  case Operand::Mode::Type:
    if (o.genericType)
      diag(e->getBeginLoc(), diag::err_generic_needs_type_args) << o.genericType->name.name;
    else if (!o.type->isError())
      diag(e->getBeginLoc(), diag::err_not_a_value) << ("type " + str(o.type));
    break;
  case Operand::Mode::Func: {
    FuncDecl *f = o.func;
    if (global_ && f->module == module_) {
      diag(e->getBeginLoc(), diag::err_var_init_uses_same_module) << f->name.name;
      break;
    }
    if (f->typeParams.empty()) {
      t = f->funcType ? f->funcType : types_.getError();
      break;
    }
    if (o.typeArgs.size() != f->typeParams.size()) {
      diag(e->getBeginLoc(), diag::err_generic_func_value) << f->name.name;
      break;
    }
    recordInstantiation(f, f->typeParams, o.typeArgs, e->getBeginLoc());
    t = instantiateSignature(f, o.typeArgs);
    break;
  }
  case Operand::Mode::Builtin:
    diag(e->getBeginLoc(), diag::err_builtin_value) << getBuiltinName(o.builtin);
    break;
  case Operand::Mode::Module:
    diag(e->getBeginLoc(), diag::err_module_used_as_value) << o.import->name.name;
    break;
  case Operand::Mode::Method: {
    auto *sel = llvm::dyn_cast<SelectorExpr>(e);
    diag(sel ? sel->name.loc : e->getBeginLoc(), diag::err_method_value)
        << (sel ? sel->name.name : llvm::StringRef("method"));
    break;
  }
  }
  e->type = t;
  o.mode = t->isError() ? Operand::Mode::Invalid : o.mode;
  return t;
}

const Type *Sema::checkExpr(Expr *e, const Type *expected) {
  Operand o = checkOperand(e, expected);
  return toValue(o, e);
}

Operand Sema::checkOperand(Expr *e, const Type *expected) {
  Operand o;
  switch (e->getKind()) {
  case Expr::Kind::Ident:
    o = checkIdent(llvm::cast<IdentExpr>(e));
    break;
  case Expr::Kind::IntLit:
  case Expr::Kind::FloatLit:
  case Expr::Kind::StringLit:
  case Expr::Kind::BoolLit:
    o = Operand::value(checkLiteral(e, expected));
    break;
  case Expr::Kind::Paren: {
    auto *p = llvm::cast<ParenExpr>(e);
    o = checkOperand(p->inner, expected);
    if (o.isValue())
      p->inner->type = o.type;
    break;
  }
  case Expr::Kind::Unary:
    o = checkUnary(llvm::cast<UnaryExpr>(e), expected);
    break;
  case Expr::Kind::Binary:
    o = checkBinary(llvm::cast<BinaryExpr>(e), expected);
    break;
  case Expr::Kind::Call:
    o = checkCall(llvm::cast<CallExpr>(e), expected);
    break;
  case Expr::Kind::Index:
    o = checkIndex(llvm::cast<IndexExpr>(e));
    break;
  case Expr::Kind::Slice:
    o = checkSliceExpr(llvm::cast<SliceExpr>(e));
    break;
  case Expr::Kind::Selector:
    o = checkSelector(llvm::cast<SelectorExpr>(e));
    break;
  case Expr::Kind::CompositeLit:
    o = checkCompositeLit(llvm::cast<CompositeLitExpr>(e));
    break;
  case Expr::Kind::TypeInExpr: {
    const Type *t = resolveType(llvm::cast<TypeInExpr>(e)->typeExpr);
    if (t->isError())
      return Operand::invalid();
    o.mode = Operand::Mode::Type;
    o.type = t;
    break;
  }
  }
  if (o.isValue())
    e->type = o.type;
  else if (o.mode == Operand::Mode::NoValue)
    e->type = types_.getVoid();
  return o;
}

Operand Sema::checkIdent(IdentExpr *e) {
  if (e->name == "_") {
    diag(e->getBeginLoc(), diag::err_blank_as_value);
    return Operand::invalid();
  }
  Lookup l = lookup(e->name);
  Operand o;
  if (!l.found()) {
    diag(e->getBeginLoc(), diag::err_undeclared) << e->name;
    return o;
  }
  if (l.builtin != Builtin::None) {
    e->builtin = l.builtin;
    o.mode = Operand::Mode::Builtin;
    o.builtin = l.builtin;
    return o;
  }
  if (l.predeclaredType) {
    e->denotedType = l.predeclaredType;
    o.mode = Operand::Mode::Type;
    o.type = l.predeclaredType;
    return o;
  }
  if (l.special != Lookup::Special::None) {
    diag(e->getBeginLoc(), diag::err_constraint_keyword_as_type) << e->name;
    return o;
  }
  Decl *d = l.decl;
  e->decl = d;
  switch (d->getKind()) {
  case Decl::Kind::Var: {
    auto *v = llvm::cast<VarDecl>(d);
    if (global_ && v->varKind == VarDecl::VarKind::Global && v->module == module_ &&
        !initializedGlobals_.count(v)) {
      diag(e->getBeginLoc(), diag::err_var_init_order) << e->name;
      diag(v->name.loc, diag::note_declared_here) << e->name;
      return o;
    }
    if (!v->type || v->type->isError())
      return o;
    return Operand::value(v->type, /*addressable=*/true);
  }
  case Decl::Kind::Func:
    o.mode = Operand::Mode::Func;
    o.func = llvm::cast<FuncDecl>(d);
    return o;
  case Decl::Kind::Type: {
    auto *td = llvm::cast<TypeDecl>(d);
    o.mode = Operand::Mode::Type;
    if (td->isGeneric())
      o.genericType = td;
    o.type = td->isGeneric() ? nullptr : td->declaredType;
    e->denotedType = o.type;
    return o;
  }
  case Decl::Kind::TypeParam: {
    auto *tp = llvm::cast<TypeParamDecl>(d);
    if (!tp->type || (tp->typeSet && tp->typeSet->invalid))
      return o; // its constraint was reported
    o.mode = Operand::Mode::Type;
    o.type = tp->type;
    e->denotedType = o.type;
    return o;
  }
  case Decl::Kind::Interface:
    diag(e->getBeginLoc(), diag::err_interface_as_type) << e->name;
    return o;
  case Decl::Kind::Import:
    o.mode = Operand::Mode::Module;
    o.import = llvm::cast<ImportDecl>(d);
    if (!o.import->target)
      return Operand::invalid();
    return o;
  }
  return o;
}

Operand Sema::checkSelector(SelectorExpr *e) {
  Operand base = checkOperand(e->base, nullptr);
  Operand o;
  if (base.mode == Operand::Mode::Module) {
    Decl *m = lookupModuleMember(base.import, e->name);
    if (!m)
      return o;
    e->selectorKind = SelectorKind::ModuleMember;
    e->member = m;
    switch (m->getKind()) {
    case Decl::Kind::Var: {
      auto *v = llvm::cast<VarDecl>(m);
      if (!v->type || v->type->isError())
        return o;
      return Operand::value(v->type, true);
    }
    case Decl::Kind::Func:
      o.mode = Operand::Mode::Func;
      o.func = llvm::cast<FuncDecl>(m);
      return o;
    case Decl::Kind::Type: {
      auto *td = llvm::cast<TypeDecl>(m);
      o.mode = Operand::Mode::Type;
      if (td->isGeneric())
        o.genericType = td;
      o.type = td->isGeneric() ? nullptr : td->declaredType;
      return o;
    }
    case Decl::Kind::Interface:
      diag(e->name.loc, diag::err_interface_as_type) << e->name.name;
      return o;
    case Decl::Kind::TypeParam:
    case Decl::Kind::Import:
      return o;
    }
    return o;
  }
  if (base.mode == Operand::Mode::Type && !base.genericType && base.type) {
    diag(e->getBeginLoc(), diag::err_not_a_value) << ("type " + str(base.type));
    return o;
  }
  const Type *t = toValue(base, e->base);
  if (t->isError())
    return o;

  // A struct field (through a defined type over a struct, too).
  if (!llvm::isa<TypeParamType>(t)) {
    if (const NamedType *st = structOf(t)) {
      llvm::ArrayRef<Field> fields = fieldsOf(st);
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name != e->name.name)
          continue;
        if (st->decl->module != module_ && !st->decl->isPub) {
          diag(e->name.loc, diag::err_field_not_accessible) << e->name.name << str(st);
          return o;
        }
        e->selectorKind = SelectorKind::Field;
        e->fieldIndex = i;
        return Operand::value(fields[i].type, base.mode == Operand::Mode::Variable);
      }
    }
  }
  FuncDecl *method;
  const FuncType *sig;
  if (findMethod(t, e->name.name, method, sig)) {
    if (method && method->module != module_ && !method->isPub) {
      diag(e->name.loc, diag::err_method_not_public) << e->name.name << str(t);
      return o;
    }
    if (!sig)
      return o;
    e->selectorKind = SelectorKind::Method;
    e->method = method;
    if (auto *tp = llvm::dyn_cast<TypeParamType>(t); tp && !method)
      constraintCalls_.push_back({tp->decl, e->name.name});
    o.mode = Operand::Mode::Method;
    o.func = method;
    o.type = sig;
    return o;
  }
  if (llvm::isa<TypeParamType>(t))
    diag(e->name.loc, diag::err_field_on_tparam) << str(t);
  else
    diag(e->name.loc, diag::err_no_field_or_method) << str(t) << e->name.name;
  return o;
}

Operand Sema::checkIndex(IndexExpr *e) {
  Operand base = checkOperand(e->base, nullptr);
  Operand o;
  // Type arguments: a generic function or a generic type.
  if (base.mode == Operand::Mode::Func && base.func->typeParams.empty()) {
    diag(e->getBeginLoc(), diag::err_not_generic) << base.func->name.name;
    return o;
  }
  if (base.mode == Operand::Mode::Type && !base.genericType) {
    diag(e->getBeginLoc(), diag::err_not_generic) << str(base.type);
    return o;
  }
  if (base.mode == Operand::Mode::Func || base.mode == Operand::Mode::Type) {
    llvm::SmallVector<const Type *, 4> args;
    llvm::SmallVector<SourceLoc, 4> argLocs;
    bool error = false;
    for (Expr *idx : e->indices) {
      const Type *t = resolveTypeOperand(idx);
      error |= !t || t->isError();
      args.push_back(t ? t : types_.getError());
      argLocs.push_back(idx->getBeginLoc());
    }
    if (base.mode == Operand::Mode::Type) {
      if (!base.genericType) {
        diag(e->getBeginLoc(), diag::err_not_generic) << str(base.type);
        return o;
      }
      TypeDecl *td = base.genericType;
      if (args.size() != td->typeParams.size()) {
        diag(e->lSquareLoc, diag::err_type_arg_count)
            << td->name.name << args.size() << td->typeParams.size();
        return o;
      }
      if (error)
        return o;
      e->isInstantiation = true;
      e->typeArgs = types_.copyArray<const Type *>(args);
      o.mode = Operand::Mode::Type;
      o.type = instantiateType(td, args, argLocs, e->getBeginLoc());
      return o;
    }
    FuncDecl *f = base.func;
    if (f->typeParams.empty()) {
      diag(e->getBeginLoc(), diag::err_not_generic) << f->name.name;
      return o;
    }
    if (args.size() > f->typeParams.size()) {
      diag(argLocs[f->typeParams.size()], diag::err_too_many_type_args)
          << f->name.name << args.size() << f->typeParams.size();
      return o;
    }
    if (error)
      return o;
    e->isInstantiation = true;
    e->typeArgs = types_.copyArray<const Type *>(args);
    if (args.size() == f->typeParams.size())
      checkTypeArgs(f->typeParams, args, argLocs, e->getBeginLoc());
    o = base;
    o.typeArgs = e->typeArgs;
    o.typeArgsExpr = e;
    return o;
  }

  const Type *t = toValue(base, e->base);
  if (e->indices.size() != 1) {
    for (Expr *idx : e->indices)
      checkExpr(idx);
    if (!t->isError())
      diag(e->lSquareLoc, diag::err_index_type_args_on_value) << str(t) << e->indices.size();
    return o;
  }
  const Type *it = checkExpr(e->indices[0], types_.getInt());
  if (!it->isError() && !hasCoreKind(it, Type::Kind::Int))
    diag(e->indices[0]->getBeginLoc(), diag::err_index_not_int) << str(it);
  else
    checkNotNegative(e->indices[0], "index");
  if (t->isError())
    return o;
  const Type *core = coreType(t);
  if (core && core->isString())
    return Operand::value(types_.getInt());
  if (auto *s = llvm::dyn_cast_or_null<SliceType>(core))
    return Operand::value(s->elem, /*addressable=*/true);
  diag(e->lSquareLoc, diag::err_not_indexable) << str(t);
  return o;
}

Operand Sema::checkSliceExpr(SliceExpr *e) {
  const Type *t = checkExpr(e->base);
  for (Expr *bound : {e->lo, e->hi}) {
    if (!bound)
      continue;
    const Type *bt = checkExpr(bound, types_.getInt());
    if (!bt->isError() && !hasCoreKind(bt, Type::Kind::Int))
      diag(bound->getBeginLoc(), diag::err_index_not_int) << str(bt);
    else
      checkNotNegative(bound, "slice bound");
  }
  if (t->isError())
    return Operand::invalid();
  const Type *core = coreType(t);
  if (core && (core->isString() || llvm::isa<SliceType>(core)))
    return Operand::value(t);
  diag(e->lSquareLoc, diag::err_not_sliceable) << str(t);
  return Operand::invalid();
}

Operand Sema::checkCompositeLit(CompositeLitExpr *e) {
  const Type *t = resolveTypeOperand(e->typeExpr);
  if (!t || t->isError()) {
    for (const CompositeElement &el : e->elements)
      checkExpr(el.value);
    return Operand::invalid();
  }
  const Type *core = coreType(t);
  if (const NamedType *st = llvm::dyn_cast_or_null<NamedType>(core)) {
    if (st->decl->isStruct) {
      llvm::ArrayRef<Field> fields = fieldsOf(st);
      bool foreign = st->decl->module != module_ && !st->decl->isPub;
      llvm::SmallVector<bool, 8> seen(fields.size(), false);
      auto *elems = const_cast<CompositeElement *>(e->elements.data());
      for (size_t k = 0; k < e->elements.size(); ++k) {
        CompositeElement &el = elems[k];
        if (!el.name.isValid()) {
          diag(el.value->getBeginLoc(), diag::err_struct_lit_needs_names);
          checkExpr(el.value);
          continue;
        }
        size_t index = fields.size();
        for (size_t i = 0; i < fields.size(); ++i)
          if (fields[i].name == el.name.name)
            index = i;
        if (index == fields.size()) {
          diag(el.name.loc, diag::err_unknown_field) << el.name.name << str(t);
          checkExpr(el.value);
          continue;
        }
        if (foreign) {
          diag(el.name.loc, diag::err_field_not_accessible) << el.name.name << str(st);
          checkExpr(el.value);
          continue;
        }
        if (seen[index]) {
          diag(el.name.loc, diag::err_duplicate_field_init) << el.name.name;
          checkExpr(el.value);
          continue;
        }
        seen[index] = true;
        el.fieldIndex = index;
        const Type *vt = checkExpr(el.value, fields[index].type);
        checkAssignable(vt, fields[index].type, el.value->getBeginLoc(), "struct literal");
      }
      return Operand::value(t);
    }
  }
  if (auto *slice = llvm::dyn_cast_or_null<SliceType>(core)) {
    for (const CompositeElement &el : e->elements) {
      if (el.name.isValid()) {
        diag(el.name.loc, diag::err_slice_lit_needs_values);
        checkExpr(el.value);
        continue;
      }
      const Type *vt = checkExpr(el.value, slice->elem);
      checkAssignable(vt, slice->elem, el.value->getBeginLoc(), "slice literal");
    }
    return Operand::value(t);
  }
  diag(e->typeExpr->getBeginLoc(), diag::err_not_a_struct_type) << str(t);
  for (const CompositeElement &el : e->elements)
    checkExpr(el.value);
  return Operand::invalid();
}

Operand Sema::checkUnary(UnaryExpr *e, const Type *expected) {
  const Type *t = checkExpr(e->operand, expected);
  if (t->isError())
    return Operand::invalid();
  tok::Kind op = e->op;
  bool ok = op == tok::minus ? supportsOperator(tok::minus, t)
            : op == tok::exclaim ? supportsOperator(tok::exclaim, t)
                                 : supportsOperator(tok::percent, t); // ^x: int only
  if (!ok) {
    diag(e->getOpLoc(), diag::err_operator_not_defined) << tok::getName(op) << str(t);
    return Operand::invalid();
  }
  return Operand::value(t);
}

Operand Sema::checkBinary(BinaryExpr *e, const Type *expected) {
  tok::Kind op = e->op;
  bool comparison = BinaryExpr::isComparison(op);
  bool shift = op == tok::less_less || op == tok::greater_greater;

  const Type *lt, *rt;
  if (shift) {
    lt = checkExpr(e->lhs, expected);
    rt = checkExpr(e->rhs, types_.getInt());
    if (!rt->isError() && !hasCoreKind(rt, Type::Kind::Int)) {
      diag(e->rhs->getBeginLoc(), diag::err_shift_count_type) << str(rt);
      return Operand::invalid();
    }
  } else {
    // The literal rule: a literal operand takes the other operand's type.
    bool lhsLit = e->lhs->isLiteralLike(), rhsLit = e->rhs->isLiteralLike();
    const Type *ctx = comparison ? nullptr : expected;
    if (lhsLit && !rhsLit) {
      rt = checkExpr(e->rhs, nullptr);
      lt = checkExpr(e->lhs, rt);
    } else if (lhsLit && rhsLit) {
      lt = checkExpr(e->lhs, ctx);
      rt = checkExpr(e->rhs, lt);
    } else {
      lt = checkExpr(e->lhs, nullptr);
      rt = checkExpr(e->rhs, lt);
    }
    if (lt->isError() || rt->isError())
      return Operand::invalid();
    if (lt != rt) {
      diag(e->opLoc, diag::err_type_mismatch_binary) << str(lt) << str(rt) << tok::getName(op);
      return Operand::invalid();
    }
  }
  if (lt->isError())
    return Operand::invalid();

  if (op == tok::equal_equal || op == tok::exclaim_equal) {
    if (!isComparable(lt)) {
      diag(e->opLoc, diag::err_not_comparable) << str(lt);
      return Operand::invalid();
    }
    return Operand::value(types_.getBool());
  }
  if (!supportsOperator(op, lt)) {
    if (const TypeSet *set = typeSetOf(lt))
      diag(e->opLoc, diag::err_operator_not_defined_tparam)
          << tok::getName(op) << str(lt) << constraintName(*set);
    else
      diag(e->opLoc, diag::err_operator_not_defined) << tok::getName(op) << str(lt);
    return Operand::invalid();
  }
  if (comparison)
    return Operand::value(types_.getBool());
  return Operand::value(lt);
}
