//===- SemaCall.cpp - Calls, type-argument inference, conversions, builtins ===//
#include "SemaImpl.h"
#include <functional>

using namespace stencil;

const FuncType *Sema::instantiateSignature(FuncDecl *f, llvm::ArrayRef<const Type *> typeArgs) {
  if (!f->funcType)
    return nullptr;
  Substitution s;
  for (size_t i = 0; i < f->typeParams.size() && i < typeArgs.size(); ++i)
    s.add(llvm::cast<TypeParamType>(f->typeParams[i]->type), typeArgs[i]);
  return llvm::cast<FuncType>(types_.substitute(f->funcType, s));
}

bool Sema::isPrintable(const Type *t) {
  if (t->isError())
    return true;
  if (const TypeSet *set = typeSetOf(t)) {
    if (set->allTypes || set->terms.empty())
      return false;
    for (const TypeTerm &term : set->terms)
      if (!isPrintable(term.type))
        return false;
    return true;
  }
  return under(t)->isBasic();
}

const Type *Sema::methodRunningTypeArg(llvm::ArrayRef<TypeParamDecl *> params,
                                       llvm::ArrayRef<const Type *> args) {
  // Does \p t hold (by value or as an element) a type of this module with methods?
  std::function<bool(const Type *)> hasLocalMethods = [&](const Type *t) {
    if (auto *s = llvm::dyn_cast<SliceType>(t))
      return hasLocalMethods(s->elem);
    auto *n = llvm::dyn_cast<NamedType>(t);
    if (!n)
      return false;
    if (n->decl->module == module_ && !n->decl->methods.empty())
      return true;
    return llvm::any_of(n->args, hasLocalMethods);
  };
  for (size_t i = 0; i < params.size() && i < args.size(); ++i) {
    const TypeSet *set = params[i]->typeSet;
    if (set && !set->methods.empty() && hasLocalMethods(args[i]))
      return args[i];
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Arguments
//===----------------------------------------------------------------------===//

void Sema::checkRemainingArgs(CallExpr *e) {
  // Operands, not values: make's type argument is no "not a value" error.
  for (Expr *a : e->args)
    if (!a->type)
      checkOperand(a, nullptr);
}

void Sema::checkArgs(CallExpr *e, llvm::ArrayRef<const Type *> params, llvm::StringRef calleeName) {
  size_t n = e->args.size();
  if (n != params.size()) {
    checkRemainingArgs(e);
    bool few = n < params.size();
    diag(few ? e->rParenLoc : e->args[params.size()]->getBeginLoc(), diag::err_arg_count)
        << (few ? "not enough" : "too many") << calleeName << n << params.size();
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    Expr *a = e->args[i];
    const Type *t = a->type ? a->type : checkExpr(a, params[i]);
    checkAssignable(t, params[i], a->getBeginLoc(), "argument to " + calleeName);
  }
}

//===----------------------------------------------------------------------===//
// Inference (language.md §7)
//===----------------------------------------------------------------------===//

/// Whether a parameter of \p tparams for which \p pick(index) holds occurs in \p t.
template <typename Pred>
static bool mentionsParams(const Type *t, llvm::ArrayRef<TypeParamDecl *> tparams, Pred pick) {
  if (!t->hasTypeParams())
    return false;
  if (auto *tp = llvm::dyn_cast<TypeParamType>(t)) {
    auto *it = llvm::find(tparams, tp->decl);
    return it != tparams.end() && pick(size_t(it - tparams.begin()));
  }
  return anyPart(t, [&](const Type *part) { return mentionsParams(part, tparams, pick); });
}

/// The index of \p t among \p tparams when it is one of them.
static int paramIndex(const Type *t, llvm::ArrayRef<TypeParamDecl *> tparams) {
  auto *tp = llvm::dyn_cast<TypeParamType>(t);
  if (!tp)
    return -1;
  for (size_t i = 0; i < tparams.size(); ++i)
    if (tparams[i] == tp->decl)
      return static_cast<int>(i);
  return -1;
}

bool Sema::unify(const Type *param, const Type *arg, llvm::ArrayRef<TypeParamDecl *> tparams,
                 llvm::SmallVectorImpl<const Type *> &bound) {
  if (arg->isError())
    return true;
  int idx = paramIndex(param, tparams);
  if (idx >= 0) {
    if (!bound[idx]) {
      bound[idx] = arg;
      return true;
    }
    return bound[idx] == arg;
  }
  if (!param->hasTypeParams())
    return true; // checked for assignability afterwards
  switch (param->getKind()) {
  case Type::Kind::Slice: {
    auto *as = llvm::dyn_cast<SliceType>(arg);
    return as && unify(llvm::cast<SliceType>(param)->elem, as->elem, tparams, bound);
  }
  case Type::Kind::Func: {
    auto *pf = llvm::cast<FuncType>(param);
    auto *af = llvm::dyn_cast<FuncType>(arg);
    if (!af || af->params.size() != pf->params.size())
      return false;
    for (size_t i = 0; i < pf->params.size(); ++i)
      if (!unify(pf->params[i], af->params[i], tparams, bound))
        return false;
    return unify(pf->result, af->result, tparams, bound);
  }
  case Type::Kind::Named: {
    auto *pn = llvm::cast<NamedType>(param);
    auto *an = llvm::dyn_cast<NamedType>(arg);
    if (!an || an->decl != pn->decl)
      return false;
    for (size_t i = 0; i < pn->args.size(); ++i)
      if (!unify(pn->args[i], an->args[i], tparams, bound))
        return false;
    return true;
  }
  default:
    return true; // another function's type parameter: an identity check later
  }
}

bool Sema::inferTypeArgs(CallExpr *e, FuncDecl *f, llvm::ArrayRef<const Type *> explicitArgs,
                         llvm::SmallVectorImpl<const Type *> &bound) {
  llvm::ArrayRef<TypeParamDecl *> tparams = f->typeParams;
  bound.assign(tparams.size(), nullptr);
  for (size_t i = 0; i < explicitArgs.size(); ++i)
    bound[i] = explicitArgs[i];
  // A parameter whose constraint was reported is fixed to the error type.
  for (size_t i = 0; i < tparams.size(); ++i)
    if (!bound[i] && tparams[i]->typeSet && tparams[i]->typeSet->invalid)
      bound[i] = types_.getError();
  auto *ft = llvm::cast<FuncType>(f->funcType);
  llvm::ArrayRef<const Type *> params = ft->params;
  if (e->args.size() != params.size()) {
    checkArgs(e, params, f->name.name); // reports the count
    return false;
  }
  auto substituted = [&](const Type *t) {
    Substitution s;
    for (size_t i = 0; i < tparams.size(); ++i)
      if (bound[i])
        s.add(llvm::cast<TypeParamType>(tparams[i]->type), bound[i]);
    return types_.substitute(t, s);
  };
  // A parameter type is fixed once every one of the callee's parameters in it
  // is bound (to anything: inside a generic body the caller's type parameters
  // are ordinary types, and a recursive call binds T to the caller's T).
  auto fullyBound = [&](const Type *t) {
    return !mentionsParams(t, tparams, [&](size_t i) { return bound[i] == nullptr; });
  };
  auto mismatch = [&](Expr *arg, const Type *argType, const Type *param) {
    int idx = paramIndex(param, tparams);
    if (idx >= 0 && bound[idx])
      diag(arg->getBeginLoc(), diag::err_infer_mismatch)
          << str(argType) << describe(arg) << str(param) << str(bound[idx]);
    else
      diag(arg->getBeginLoc(), diag::err_infer_conflict) << str(argType) << describe(arg) << str(param);
  };

  // A parameter type fixed by explicit type arguments alone is not unified:
  // its argument is checked for assignability like any other.
  auto fixedExplicitly = [&](const Type *t) {
    return !mentionsParams(t, tparams, [&](size_t i) { return i >= explicitArgs.size(); });
  };
  bool argError = false; // reported: a parameter it would fix is not "cannot infer"

  // 1. Arguments that are not literals, left to right.
  for (size_t i = 0; i < params.size(); ++i) {
    Expr *arg = e->args[i];
    if (arg->isLiteralLike())
      continue;
    const Type *expected = fullyBound(params[i]) ? substituted(params[i]) : nullptr;
    const Type *t = checkExpr(arg, expected);
    argError |= t->isError();
    if (t->isError() || fixedExplicitly(params[i]))
      continue;
    if (!unify(params[i], t, tparams, bound)) {
      mismatch(arg, t, params[i]);
      return false;
    }
  }
  // 2. Literals. One whose parameter type is fixed takes it when the literal
  // rule allows; a parameter fixed only by literals takes the type of the
  // first (there are no implicit conversions: `max(1, 2.5)` is a mismatch).
  for (size_t i = 0; i < params.size(); ++i) {
    Expr *arg = e->args[i];
    if (!arg->isLiteralLike())
      continue;
    const Type *expected = fullyBound(params[i]) ? substituted(params[i]) : nullptr;
    const Type *t = checkExpr(arg, expected);
    argError |= t->isError();
    if (t->isError() || fixedExplicitly(params[i]))
      continue;
    if (!unify(params[i], t, tparams, bound)) {
      mismatch(arg, t, params[i]);
      return false;
    }
  }
  // 3. Every parameter must be fixed now (after an argument's error, the
  // parameters it would have fixed are the error type, silently).
  for (size_t i = 0; i < tparams.size(); ++i)
    if (!bound[i] && argError)
      bound[i] = types_.getError();
  for (size_t i = 0; i < tparams.size(); ++i)
    if (!bound[i]) {
      diag(e->callee->getBeginLoc(), diag::err_cannot_infer) << tparams[i]->name.name;
      return false;
    }
  return true;
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

Operand Sema::checkCall(CallExpr *e, const Type *expected) {
  Operand callee = checkOperand(e->callee, nullptr);
  auto result = [&](const FuncType *sig) {
    if (!sig)
      return Operand::invalid();
    if (sig->result->isVoid()) {
      Operand o;
      o.mode = Operand::Mode::NoValue;
      o.type = types_.getVoid();
      return o;
    }
    return Operand::value(sig->result);
  };

  switch (callee.mode) {
  case Operand::Mode::Invalid:
    checkRemainingArgs(e);
    return Operand::invalid();
  case Operand::Mode::Builtin:
    return checkBuiltinCall(e, callee.builtin);
  case Operand::Mode::Type:
    if (callee.genericType) {
      diag(e->callee->getBeginLoc(), diag::err_generic_needs_type_args)
          << callee.genericType->name.name;
      checkRemainingArgs(e);
      return Operand::invalid();
    }
    return checkConversion(e, callee.type);
  case Operand::Mode::Func: {
    FuncDecl *f = callee.func;
    if (global_ && f->module == module_) {
      diag(e->callee->getBeginLoc(), diag::err_var_init_calls_same_module) << f->name.name;
      checkRemainingArgs(e);
      return Operand::invalid();
    }
    if (!f->funcType) {
      checkRemainingArgs(e);
      return Operand::invalid();
    }
    e->callKind = CallKind::Function;
    e->func = f;
    if (f->typeParams.empty()) {
      auto *sig = llvm::cast<FuncType>(f->funcType);
      checkArgs(e, sig->params, f->name.name);
      return result(sig);
    }
    llvm::SmallVector<const Type *, 4> typeArgs;
    if (!inferTypeArgs(e, f, callee.typeArgs, typeArgs)) {
      checkRemainingArgs(e);
      return Operand::invalid();
    }
    // Explicit arguments were checked at the index when complete; check the rest.
    if (callee.typeArgs.size() != typeArgs.size()) {
      llvm::SmallVector<SourceLoc, 4> locs;
      if (callee.typeArgsExpr)
        for (Expr *idx : callee.typeArgsExpr->indices)
          locs.push_back(idx->getBeginLoc());
      locs.resize(typeArgs.size(), e->callee->getBeginLoc());
      if (!checkTypeArgs(f->typeParams, typeArgs, locs, e->callee->getBeginLoc())) {
        checkRemainingArgs(e);
        return Operand::invalid();
      }
    }
    if (global_)
      if (const Type *arg = methodRunningTypeArg(f->typeParams, typeArgs)) {
        diag(e->callee->getBeginLoc(), diag::err_var_init_runs_method) << f->name.name << str(arg);
        checkRemainingArgs(e);
        return Operand::invalid();
      }
    e->typeArgs = types_.copyArray<const Type *>(typeArgs);
    recordInstantiation(f, f->typeParams, e->typeArgs, e->callee->getBeginLoc());
    const FuncType *sig = instantiateSignature(f, typeArgs);
    checkArgs(e, sig->params, f->name.name);
    return result(sig);
  }
  case Operand::Mode::Method: {
    FuncDecl *m = callee.func;
    auto *sel = llvm::cast<SelectorExpr>(e->callee);
    if (global_ && m && m->module == module_) {
      diag(sel->name.loc, diag::err_var_init_calls_same_module) << m->name.name;
      checkRemainingArgs(e);
      return Operand::invalid();
    }
    // A method of another module's generic type may run, through its
    // constraint, a method of a type argument from this module.
    auto *recv = sel->base->type ? llvm::dyn_cast<NamedType>(sel->base->type) : nullptr;
    if (global_ && m && recv)
      if (const Type *arg = methodRunningTypeArg(m->receiver.typeParams, recv->args)) {
        diag(sel->name.loc, diag::err_var_init_runs_method) << m->name.name << str(arg);
        checkRemainingArgs(e);
        return Operand::invalid();
      }
    e->callKind = CallKind::Method;
    e->func = m;
    if (m && recv && !recv->args.empty())
      recordInstantiation(recv->decl, m->receiver.typeParams, recv->args, sel->name.loc);
    auto *sig = llvm::cast<FuncType>(callee.type);
    checkArgs(e, sig->params, sel->name.name);
    return result(sig);
  }
  case Operand::Mode::Value:
  case Operand::Mode::Variable: {
    const Type *core = coreType(callee.type);
    auto *sig = llvm::dyn_cast_or_null<FuncType>(core);
    if (!sig) {
      diag(e->lParenLoc, diag::err_call_non_function) << str(callee.type);
      checkRemainingArgs(e);
      return Operand::invalid();
    }
    e->callKind = CallKind::FuncValue;
    checkArgs(e, sig->params, describe(e->callee));
    return result(sig);
  }
  case Operand::Mode::NoValue:
  case Operand::Mode::Module:
    toValue(callee, e->callee);
    checkRemainingArgs(e);
    return Operand::invalid();
  }
  return Operand::invalid();
}

//===----------------------------------------------------------------------===//
// Conversions
//===----------------------------------------------------------------------===//

bool Sema::convertible(const Type *from, const Type *to) {
  if (from == to || from->isError() || to->isError())
    return true;
  // With a type parameter on either side, the conversion must be valid for
  // every type of its set.
  const TypeSet *fs = typeSetOf(from), *ts = typeSetOf(to);
  if (fs || ts) {
    llvm::SmallVector<const Type *, 4> froms, tos;
    if (fs) {
      if (fs->allTypes || fs->terms.empty())
        return false;
      for (const TypeTerm &t : fs->terms)
        froms.push_back(t.type);
    } else {
      froms.push_back(from);
    }
    if (ts) {
      if (ts->allTypes || ts->terms.empty())
        return false;
      for (const TypeTerm &t : ts->terms)
        tos.push_back(t.type);
    } else {
      tos.push_back(to);
    }
    for (const Type *a : froms)
      for (const Type *b : tos)
        if (!convertible(a, b))
          return false;
    return true;
  }
  const Type *uf = under(from), *ut = under(to);
  if (uf == ut)
    return true;
  bool numericFrom = uf->isInt() || uf->isFloat(), numericTo = ut->isInt() || ut->isFloat();
  return numericFrom && numericTo;
}

Operand Sema::checkConversion(CallExpr *e, const Type *target) {
  if (e->args.size() != 1) {
    for (Expr *a : e->args)
      checkExpr(a);
    diag(e->lParenLoc, diag::err_conversion_arg_count) << str(target) << e->args.size();
    return Operand::invalid();
  }
  const Type *t = checkExpr(e->args[0], target);
  if (t->isError())
    return Operand::invalid();
  if (!convertible(t, target)) {
    diag(e->args[0]->getBeginLoc(), diag::err_conversion) << str(t) << str(target);
    return Operand::invalid();
  }
  e->callKind = CallKind::Conversion;
  e->conversionType = target;
  return Operand::value(target);
}

//===----------------------------------------------------------------------===//
// Builtins (language.md §6)
//===----------------------------------------------------------------------===//

Operand Sema::checkBuiltinCall(CallExpr *e, Builtin b) {
  llvm::StringRef name = getBuiltinName(b);
  e->callKind = CallKind::Builtin;
  e->builtin = b;
  size_t n = e->args.size();
  auto count = [&](size_t min, size_t max) {
    if (n >= min && n <= max)
      return true;
    checkRemainingArgs(e);
    bool few = n < min;
    diag(few ? e->rParenLoc : e->args[max]->getBeginLoc(), diag::err_builtin_arg_count)
        << (few ? "not enough" : "too many") << name << n << (few ? min : max);
    return false;
  };
  auto bad = [&](Expr *arg, const std::string &why) {
    diag(arg->getBeginLoc(), diag::err_builtin_arg) << name << why;
    return Operand::invalid();
  };
  auto noValue = [&] {
    Operand o;
    o.mode = Operand::Mode::NoValue;
    o.type = types_.getVoid();
    return o;
  };

  switch (b) {
  case Builtin::None:
    break;
  case Builtin::Len:
  case Builtin::Cap: {
    if (!count(1, 1))
      return Operand::invalid();
    const Type *t = checkExpr(e->args[0]);
    if (t->isError())
      return Operand::invalid();
    // len: every type of the set must have a length (strings and slices).
    auto ok = [&](const Type *x) {
      const Type *u = under(x);
      return llvm::isa<SliceType>(u) || (b == Builtin::Len && u->isString());
    };
    bool valid;
    if (const TypeSet *set = typeSetOf(t)) {
      valid = !set->allTypes && !set->terms.empty();
      for (const TypeTerm &term : set->terms)
        valid &= ok(term.type);
    } else {
      valid = ok(t);
    }
    if (!valid)
      return bad(e->args[0], str(t) + (b == Builtin::Len ? " has no length" : " has no capacity"));
    return Operand::value(types_.getInt());
  }
  case Builtin::Append: {
    if (!count(1, SIZE_MAX))
      return Operand::invalid();
    const Type *t = checkExpr(e->args[0]);
    const Type *core = t->isError() ? nullptr : coreType(t);
    auto *slice = llvm::dyn_cast_or_null<SliceType>(core);
    if (!t->isError() && !slice)
      bad(e->args[0], "first argument must be a slice, found " + str(t));
    for (size_t i = 1; i < n; ++i) {
      const Type *vt = checkExpr(e->args[i], slice ? slice->elem : nullptr);
      if (slice)
        checkAssignable(vt, slice->elem, e->args[i]->getBeginLoc(), "argument to append");
    }
    if (!slice)
      return Operand::invalid();
    return Operand::value(t);
  }
  case Builtin::Make: {
    if (!count(2, 2))
      return Operand::invalid();
    const Type *t = resolveTypeOperand(e->args[0]);
    const Type *nt = checkExpr(e->args[1], types_.getInt());
    if (!nt->isError() && !hasCoreKind(nt, Type::Kind::Int))
      bad(e->args[1], "length must be an int, found " + str(nt));
    else
      checkNotNegative(e->args[1], "length");
    if (!t)
      return Operand::invalid();
    if (!llvm::isa_and_nonnull<SliceType>(coreType(t)))
      return bad(e->args[0], "first argument must be a slice type, found " + str(t));
    return Operand::value(t);
  }
  case Builtin::Print:
  case Builtin::Println: {
    for (Expr *a : e->args) {
      const Type *t = checkExpr(a);
      if (!isPrintable(t))
        diag(a->getBeginLoc(), diag::err_cannot_print) << name << str(t);
    }
    return noValue();
  }
  case Builtin::Str:
  case Builtin::Hash: {
    if (!count(1, 1))
      return Operand::invalid();
    const Type *t = checkExpr(e->args[0]);
    if (!isPrintable(t)) {
      diag(e->args[0]->getBeginLoc(), diag::err_cannot_print)
          << (b == Builtin::Str ? "convert with 'str'" : "hash with 'hash'") << str(t);
      return Operand::invalid();
    }
    return Operand::value(b == Builtin::Str ? types_.getString() : types_.getInt());
  }
  case Builtin::Panic:
  case Builtin::Exit: {
    if (!count(1, 1))
      return noValue();
    const Type *want = b == Builtin::Panic ? types_.getString() : types_.getInt();
    const Type *t = checkExpr(e->args[0], want);
    if (!t->isError() && !hasCoreKind(t, want->getKind()))
      bad(e->args[0], "want " + str(want) + ", found " + str(t));
    return noValue();
  }
  }
  return Operand::invalid();
}
