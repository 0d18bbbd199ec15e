//===- SemaType.cpp - Types, constraints, satisfaction, recursive types ---===//
#include "SemaImpl.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace stencil;

/// How deep declarations may refer through each other (interfaces embedding
/// interfaces, defined types over defined types) before it is an error: a
/// bound on the checker's recursion, far above any real program.
static constexpr unsigned kMaxDeclNesting = 1000;
/// How many nested instances of one generic type a layout may need
/// (`B[T]` containing `B[[]T]` containing ...) before it is an endless type.
static constexpr unsigned kMaxInstanceRepeats = 64;

//===----------------------------------------------------------------------===//
// Underlying types and fields, resolving this module's declarations on demand
//===----------------------------------------------------------------------===//

void Sema::ensureResolved(const Type *t, unsigned depth) {
  auto *n = llvm::dyn_cast<NamedType>(t);
  if (!n || depth > 64 || declarationsResolved_)
    return;
  TypeDecl *d = n->decl;
  if (!bodiesResolved_.count(d)) {
    if (bodiesInProgress_.count(d))
      return;
    resolveTypeDeclBody(d);
  }
  if (!d->isStruct && d->underlying && d->underlying->resolved)
    ensureResolved(d->underlying->resolved, depth + 1);
}

const Type *Sema::under(const Type *t) {
  ensureResolved(t);
  return types_.getUnderlying(t);
}

llvm::ArrayRef<Field> Sema::fieldsOf(const NamedType *t) {
  ensureResolved(t);
  return types_.getFields(t);
}

const NamedType *Sema::structOf(const Type *t) {
  ensureResolved(t);
  return types_.getStruct(t);
}

const TypeSet *Sema::typeSetOf(const Type *t) {
  auto *tp = llvm::dyn_cast<TypeParamType>(t);
  return tp ? tp->decl->typeSet : nullptr;
}

std::string Sema::termsToString(const TypeSet &set) {
  std::string out;
  for (size_t i = 0; i < set.terms.size(); ++i) {
    if (i)
      out += " | ";
    if (set.terms[i].tilde)
      out += "~";
    out += str(set.terms[i].type);
  }
  return out;
}

std::string Sema::constraintName(const TypeSet &set) {
  if (!set.iface)
    return set.name;
  std::string out;
  if (set.iface->module != module_)
    out += set.iface->module->modulePath + ".";
  out += set.iface->name.name;
  if (!set.ifaceArgs.empty()) {
    out += "[";
    for (size_t i = 0; i < set.ifaceArgs.size(); ++i)
      out += (i ? ", " : "") + str(set.ifaceArgs[i]);
    out += "]";
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Type expressions
//===----------------------------------------------------------------------===//

Lookup Sema::lookupTypeName(NamedTypeExpr *t) {
  if (!t->qualifier.isValid())
    return lookup(t->name.name);
  Lookup q = lookup(t->qualifier.name);
  auto *imp = llvm::dyn_cast_or_null<ImportDecl>(q.decl);
  if (!imp) {
    if (q.found())
      diag(t->qualifier.loc, diag::err_not_a_module) << t->qualifier.name;
    else
      diag(t->qualifier.loc, diag::err_undeclared) << t->qualifier.name;
    Lookup none;
    none.decl = nullptr;
    return none;
  }
  Lookup r;
  r.decl = lookupModuleMember(imp, t->name);
  if (!r.decl) // reported; make the caller stay quiet
    r.predeclaredType = types_.getError();
  return r;
}

const Type *Sema::typeFromLookup(const Lookup &l, Ident name, bool hasArgs,
                                 llvm::ArrayRef<const Type *> args,
                                 llvm::ArrayRef<SourceLoc> argLocs) {
  if (!l.found()) {
    diag(name.loc, diag::err_undeclared) << name.name;
    return types_.getError();
  }
  if (l.predeclaredType) {
    if (hasArgs && !l.predeclaredType->isError()) {
      diag(name.loc, diag::err_not_generic) << name.name;
      return types_.getError();
    }
    return l.predeclaredType;
  }
  if (l.special != Lookup::Special::None) {
    diag(name.loc, diag::err_constraint_keyword_as_type) << name.name;
    return types_.getError();
  }
  if (l.builtin != Builtin::None) {
    diag(name.loc, diag::err_not_a_type) << name.name;
    return types_.getError();
  }
  Decl *d = l.decl;
  if (auto *tp = llvm::dyn_cast<TypeParamDecl>(d)) {
    if (hasArgs) {
      diag(name.loc, diag::err_not_generic) << name.name;
      return types_.getError();
    }
    // A parameter whose constraint failed is the error type: nothing cascades.
    if (!tp->type || (tp->typeSet && tp->typeSet->invalid))
      return types_.getError();
    return tp->type;
  }
  if (auto *td = llvm::dyn_cast<TypeDecl>(d)) {
    if (!td->isGeneric()) {
      if (hasArgs) {
        diag(name.loc, diag::err_not_generic) << name.name;
        return types_.getError();
      }
      return td->declaredType ? td->declaredType : types_.getError();
    }
    if (!hasArgs) {
      diag(name.loc, diag::err_generic_needs_type_args) << name.name;
      return types_.getError();
    }
    if (args.size() != td->typeParams.size()) {
      diag(name.loc, diag::err_type_arg_count) << name.name << args.size() << td->typeParams.size();
      return types_.getError();
    }
    return instantiateType(td, args, argLocs, name.loc);
  }
  if (llvm::isa<InterfaceDecl>(d)) {
    diag(name.loc, diag::err_interface_as_type) << name.name;
    return types_.getError();
  }
  diag(name.loc, diag::err_not_a_type) << name.name;
  return types_.getError();
}

const Type *Sema::resolveType(TypeExpr *t) {
  if (t->resolved)
    return t->resolved;
  const Type *r = types_.getError();
  switch (t->getKind()) {
  case TypeExpr::Kind::NamedType: {
    auto *n = llvm::cast<NamedTypeExpr>(t);
    llvm::SmallVector<const Type *, 4> args;
    llvm::SmallVector<SourceLoc, 4> argLocs;
    bool argError = false;
    for (TypeExpr *a : n->typeArgs) {
      args.push_back(resolveType(a));
      argLocs.push_back(a->getBeginLoc());
      argError |= args.back()->isError();
    }
    Lookup l = lookupTypeName(n);
    if (n->qualifier.isValid() && !l.decl && !l.predeclaredType)
      break; // the qualifier was reported
    r = typeFromLookup(l, n->name, n->lSquareLoc.isValid(), args, argLocs);
    if (argError)
      r = types_.getError();
    break;
  }
  case TypeExpr::Kind::SliceType: {
    const Type *elem = resolveType(llvm::cast<SliceTypeExpr>(t)->elem);
    r = elem->isError() ? elem : types_.getSlice(elem);
    break;
  }
  case TypeExpr::Kind::FuncType: {
    auto *f = llvm::cast<FuncTypeExpr>(t);
    llvm::SmallVector<const Type *, 4> params;
    bool error = false;
    for (TypeExpr *p : f->params) {
      params.push_back(resolveType(p));
      error |= params.back()->isError();
    }
    const Type *result = f->result ? resolveType(f->result) : types_.getVoid();
    error |= result->isError();
    r = error ? types_.getError() : types_.getFunc(params, result);
    break;
  }
  }
  t->resolved = r;
  return r;
}

const Type *Sema::resolveTypeOperand(Expr *e) {
  Operand o = checkOperand(e, nullptr);
  if (o.isInvalid())
    return nullptr;
  if (o.mode == Operand::Mode::Type) {
    if (o.genericType) {
      diag(e->getBeginLoc(), diag::err_generic_needs_type_args) << o.genericType->name.name;
      return nullptr;
    }
    return o.type;
  }
  diag(e->getBeginLoc(), diag::err_not_a_type) << describe(e);
  return nullptr;
}

const Type *Sema::instantiateType(TypeDecl *decl, llvm::ArrayRef<const Type *> args,
                                  llvm::ArrayRef<SourceLoc> argLocs, SourceLoc useLoc) {
  for (const Type *a : args)
    if (a->isError())
      return types_.getError();
  const Type *t = types_.getNamed(decl, args);
  requireTypeArgs(decl->typeParams, args, argLocs, useLoc);
  return t;
}

void Sema::requireTypeArgs(llvm::ArrayRef<TypeParamDecl *> params,
                           llvm::ArrayRef<const Type *> args, llvm::ArrayRef<SourceLoc> argLocs,
                           SourceLoc useLoc) {
  if (!deferConstraintChecks_) {
    checkTypeArgs(params, args, argLocs, useLoc);
    return;
  }
  PendingCheck p{params, {args.begin(), args.end()}, {argLocs.begin(), argLocs.end()}, useLoc,
                 module_};
  pendingChecks_.push_back(std::move(p));
}

void Sema::runPendingConstraintChecks() {
  std::vector<PendingCheck> checks;
  checks.swap(pendingChecks_);
  ModuleAST *saved = module_;
  for (PendingCheck &p : checks) {
    module_ = p.module;
    checkTypeArgs(p.params, p.args, p.argLocs, p.useLoc);
  }
  module_ = saved;
}

//===----------------------------------------------------------------------===//
// Constraints and type sets
//===----------------------------------------------------------------------===//

TypeSet *Sema::invalidTypeSet() {
  TypeSet *set = types_.createTypeSet();
  set->invalid = true;
  set->name = "any";
  return set;
}

const TypeSet *Sema::termAsConstraint(TypeExpr *t) {
  auto *n = llvm::dyn_cast<NamedTypeExpr>(t);
  if (!n)
    return nullptr;
  Lookup l = n->qualifier.isValid() ? Lookup() : lookup(n->name.name);
  if (n->qualifier.isValid()) {
    // Only look through the import when the member is an interface, so that
    // a type's errors are reported once, by resolveType.
    Lookup q = lookup(n->qualifier.name);
    auto *imp = llvm::dyn_cast_or_null<ImportDecl>(q.decl);
    if (!imp || !imp->target)
      return nullptr;
    auto &scope = moduleScopes_[imp->target];
    auto it = scope.find(n->name.name);
    if (it == scope.end() || !llvm::isa<InterfaceDecl>(it->second))
      return nullptr;
    l = lookupTypeName(n);
    if (!l.decl)
      return invalidTypeSet();
  }
  if (l.special == Lookup::Special::Any || l.special == Lookup::Special::Comparable) {
    if (!n->typeArgs.empty())
      diag(n->name.loc, diag::err_not_generic) << n->name.name;
    TypeSet *set = types_.createTypeSet();
    set->comparable = l.special == Lookup::Special::Comparable;
    set->name = set->comparable ? "comparable" : "any";
    return set;
  }
  auto *iface = llvm::dyn_cast_or_null<InterfaceDecl>(l.decl);
  if (!iface)
    return nullptr;
  llvm::SmallVector<const Type *, 4> args;
  for (TypeExpr *a : n->typeArgs)
    args.push_back(resolveType(a));
  if (args.size() != iface->typeParams.size()) {
    if (iface->isGeneric() && n->typeArgs.empty())
      diag(n->name.loc, diag::err_generic_needs_type_args) << n->name.name;
    else if (!iface->isGeneric())
      diag(n->name.loc, diag::err_not_generic) << n->name.name;
    else
      diag(n->name.loc, diag::err_type_arg_count)
          << n->name.name << args.size() << iface->typeParams.size();
    return invalidTypeSet();
  }
  for (const Type *a : args)
    if (a->isError())
      return invalidTypeSet();
  const TypeSet *set = interfaceTypeSet(iface, args);
  // The interface's own parameters constrain its arguments, as a type's do.
  if (!args.empty()) {
    llvm::SmallVector<SourceLoc, 4> argLocs;
    for (TypeExpr *a : n->typeArgs)
      argLocs.push_back(a->getBeginLoc());
    requireTypeArgs(iface->typeParams, args, argLocs, n->name.loc);
  }
  return set;
}

/// Union of \p set with one more term (a type, `~T`, or an interface without methods).
void Sema::addTermsOf(TypeSet &set, const ConstraintTerm &term, bool inUnion) {
  if (const TypeSet *c = termAsConstraint(term.type)) {
    auto *n = llvm::cast<NamedTypeExpr>(term.type);
    if (c->invalid) {
      set.invalid = true;
      return;
    }
    if (term.hasTilde()) {
      diag(term.tildeLoc, diag::err_tilde_on_interface) << n->name.name;
      set.invalid = true;
      return;
    }
    if (inUnion && c->comparable && c->allTypes && c->methods.empty()) {
      diag(n->getBeginLoc(), diag::err_comparable_in_union);
      set.invalid = true;
      return;
    }
    if (inUnion && !c->methods.empty()) {
      diag(n->getBeginLoc(), diag::err_interface_with_methods_in_union) << n->name.name;
      set.invalid = true;
      return;
    }
    if (c->allTypes) {
      set.allTypes = true;
      set.terms.clear();
      return;
    }
    if (!set.allTypes)
      set.terms.append(c->terms.begin(), c->terms.end());
    return;
  }
  const Type *t = resolveType(term.type);
  if (t->isError()) {
    set.invalid = true;
    return;
  }
  if (llvm::isa<TypeParamType>(t)) {
    diag(term.type->getBeginLoc(), diag::err_not_a_constraint) << str(t);
    set.invalid = true;
    return;
  }
  if (term.hasTilde() && under(t) != t) {
    diag(term.tildeLoc, diag::err_tilde_needs_underlying) << str(t);
    set.invalid = true;
    return;
  }
  if (!set.allTypes)
    set.terms.push_back({term.hasTilde(), t});
}

const TypeSet *Sema::resolveConstraint(llvm::ArrayRef<ConstraintTerm> terms) {
  if (terms.size() == 1 && !terms[0].hasTilde())
    if (const TypeSet *c = termAsConstraint(terms[0].type))
      return c;
  TypeSet *set = types_.createTypeSet();
  set->allTypes = false;
  for (const ConstraintTerm &term : terms)
    addTermsOf(*set, term, terms.size() > 1);
  set->name = set->allTypes ? "any" : termsToString(*set);
  return set;
}

/// Narrows \p into's types to those also in \p other (methods are the caller's).
void Sema::intersect(TypeSet &into, const TypeSet &other) {
  into.comparable |= other.comparable;
  into.invalid |= other.invalid;
  if (other.allTypes)
    return;
  if (into.allTypes) {
    into.allTypes = false;
    into.terms = other.terms;
    return;
  }
  llvm::SmallVector<TypeTerm, 4> result;
  for (const TypeTerm &a : into.terms)
    for (const TypeTerm &b : other.terms) {
      // ~A ∩ ~B, ~A ∩ B, A ∩ ~B, A ∩ B.
      if (a.tilde && b.tilde) {
        if (a.type == b.type)
          result.push_back(a);
      } else if (a.tilde) {
        if (under(b.type) == a.type)
          result.push_back(b);
      } else if (b.tilde) {
        if (under(a.type) == b.type)
          result.push_back(a);
      } else if (a.type == b.type) {
        result.push_back(a);
      }
    }
  into.terms = std::move(result);
}

void Sema::computeInterfaceTypeSet(InterfaceDecl *d) {
  if (interfaceSets_.count(d))
    return;
  if (interfacesInProgress_.count(d)) {
    diag(d->name.loc, diag::err_recursive_interface) << d->name.name;
    recursiveInterfaces_.insert(d); // the outer computation ends invalid too
    interfaceSets_[d] = invalidTypeSet();
    return;
  }
  if (interfacesInProgress_.size() >= kMaxDeclNesting) {
    diag(d->name.loc, diag::err_nesting_too_deep) << kMaxDeclNesting;
    interfaceSets_[d] = invalidTypeSet();
    return;
  }
  interfacesInProgress_.insert(d);
  // Resolve in the interface's own module, with only its parameters in scope.
  ScopeReset reset(*this, d->module);

  pushScope();
  declareTypeParams(d->typeParams);
  for (TypeParamDecl *tp : d->typeParams)
    tp->typeSet = resolveConstraint(tp->constraint);

  TypeSet *set = types_.createTypeSet();
  set->iface = d;
  for (TypeParamDecl *tp : d->typeParams)
    set->ifaceArgs.push_back(tp->type);
  // A method written twice is an error; one that comes again through an
  // embedded interface is fine when its signature is the same (as in Go).
  llvm::SmallVector<bool, 4> written; // parallel to set->methods
  auto addMethod = [&](const ConstraintMethod &m, SourceLoc loc, bool isWritten) {
    for (size_t i = 0; i < set->methods.size(); ++i) {
      if (set->methods[i].name != m.name)
        continue;
      if (isWritten && written[i])
        diag(loc, diag::err_duplicate_method_in_interface) << m.name;
      else if (set->methods[i].signature != m.signature)
        diag(loc, diag::err_conflicting_interface_method)
            << m.name << str(set->methods[i].signature) << str(m.signature);
      written[i] = written[i] || isWritten;
      return;
    }
    set->methods.push_back(m);
    written.push_back(isWritten);
  };
  for (const InterfaceElem &elem : d->elements) {
    if (elem.isMethod) {
      llvm::SmallVector<const Type *, 4> params;
      for (VarDecl *p : elem.params) {
        p->module = module_;
        p->type = p->typeExpr ? resolveType(p->typeExpr) : types_.getError();
        params.push_back(p->type);
      }
      const Type *result = elem.result ? resolveType(elem.result) : types_.getVoid();
      addMethod({elem.methodName.name, types_.getFunc(params, result)}, elem.methodName.loc,
                /*isWritten=*/true);
      continue;
    }
    // A union element (a single term may be an embedded interface).
    if (elem.terms.size() == 1 && !elem.terms[0].hasTilde()) {
      if (const TypeSet *c = termAsConstraint(elem.terms[0].type)) {
        intersect(*set, *c);
        for (const ConstraintMethod &m : c->methods)
          addMethod(m, elem.terms[0].type->getBeginLoc(), /*isWritten=*/false);
        continue;
      }
    }
    TypeSet element;
    element.allTypes = false;
    for (const ConstraintTerm &term : elem.terms)
      addTermsOf(element, term, elem.terms.size() > 1);
    intersect(*set, element);
  }
  popScope();
  if (recursiveInterfaces_.count(d))
    set->invalid = true;
  if (!set->allTypes && set->terms.empty() && !set->invalid) {
    diag(d->name.loc, diag::err_empty_type_set) << d->name.name;
    set->invalid = true;
  }

  interfacesInProgress_.erase(d);
  interfaceSets_[d] = set;
}

const TypeSet *Sema::interfaceTypeSet(InterfaceDecl *d, llvm::ArrayRef<const Type *> args) {
  computeInterfaceTypeSet(d);
  const TypeSet *generic = interfaceSets_[d];
  if (args.empty() || !d->isGeneric())
    return generic;
  Substitution s;
  for (size_t i = 0; i < d->typeParams.size() && i < args.size(); ++i)
    s.add(llvm::cast<TypeParamType>(d->typeParams[i]->type), args[i]);
  return types_.substitute(generic, s);
}

//===----------------------------------------------------------------------===//
// Satisfaction
//===----------------------------------------------------------------------===//

bool Sema::isComparable(const Type *t) {
  // Every type reachable by value, each visited once (so recursive types,
  // reported elsewhere, cannot loop, and nesting depth does not matter).
  std::vector<const Type *> work{t};
  llvm::SmallPtrSet<const Type *, 16> seen;
  while (!work.empty()) {
    const Type *cur = work.back();
    work.pop_back();
    if (!seen.insert(cur).second)
      continue;
    if (auto *tp = llvm::dyn_cast<TypeParamType>(cur)) {
      const TypeSet *set = tp->decl->typeSet;
      if (!set || set->comparable)
        continue;
      if (set->allTypes)
        return false;
      for (const TypeTerm &term : set->terms)
        work.push_back(term.type);
      continue;
    }
    const Type *u = under(cur);
    switch (u->getKind()) {
    case Type::Kind::Slice:
    case Type::Kind::Func:
      return false;
    case Type::Kind::Named:
      for (const Field &f : fieldsOf(llvm::cast<NamedType>(u)))
        work.push_back(f.type);
      break;
    default:
      break;
    }
  }
  return true;
}

bool Sema::inTypeSet(const Type *t, const TypeSet &set) {
  if (set.allTypes)
    return true;
  for (const TypeTerm &term : set.terms)
    if (term.tilde ? under(t) == term.type : t == term.type)
      return true;
  return false;
}

bool Sema::findMethod(const Type *t, llvm::StringRef name, FuncDecl *&decl, const FuncType *&sig) {
  decl = nullptr;
  sig = nullptr;
  if (const TypeSet *set = typeSetOf(t)) {
    for (const ConstraintMethod &m : set->methods)
      if (m.name == name) {
        sig = m.signature;
        return true;
      }
    return false;
  }
  auto *n = llvm::dyn_cast<NamedType>(t);
  if (!n)
    return false;
  for (FuncDecl *m : n->decl->methods) {
    if (m->name.name != name)
      continue;
    decl = m;
    if (!m->funcType)
      return true;
    Substitution s;
    for (size_t i = 0; i < m->receiver.typeParams.size() && i < n->args.size(); ++i)
      s.add(llvm::cast<TypeParamType>(m->receiver.typeParams[i]->type), n->args[i]);
    sig = llvm::cast<FuncType>(types_.substitute(m->funcType, s));
    return true;
  }
  return false;
}

bool Sema::satisfies(const Type *t, const TypeSet &set, std::string &reason) {
  if (t->isError() || set.invalid)
    return true;
  if (const TypeSet *own = typeSetOf(t)) {
    if (own->invalid)
      return true;
    // A type parameter satisfies a constraint when every type of its own set
    // does and its constraint has the required methods.
    if (!set.allTypes) {
      bool ok = !own->allTypes;
      for (const TypeTerm &term : own->terms) {
        if (!ok)
          break;
        bool found = false;
        for (const TypeTerm &want : set.terms)
          found |= want.tilde ? under(term.type) == want.type : (!term.tilde && term.type == want.type);
        ok = found;
      }
      if (!ok) {
        reason = set.iface ? " (" + str(t) + " missing in " + termsToString(set) + ")" : "";
        return false;
      }
    }
    if (set.comparable && !isComparable(t)) {
      reason = set.iface || set.name != "comparable" ? " (" + str(t) + " is not comparable)" : "";
      return false;
    }
  } else {
    if (!inTypeSet(t, set)) {
      reason = set.iface ? " (" + str(t) + " missing in " + termsToString(set) + ")" : "";
      return false;
    }
    if (set.comparable && !isComparable(t)) {
      reason = set.iface || set.name != "comparable" ? " (" + str(t) + " is not comparable)" : "";
      return false;
    }
  }
  for (const ConstraintMethod &m : set.methods) {
    FuncDecl *decl;
    const FuncType *sig;
    if (!findMethod(t, m.name, decl, sig)) {
      reason = " (missing method " + m.name.str() + ")";
      return false;
    }
    if (sig && sig != m.signature) {
      reason = " (wrong type for method " + m.name.str() + ": have " + str(sig) + ", want " +
               str(m.signature) + ")";
      return false;
    }
  }
  return true;
}

bool Sema::checkTypeArgs(llvm::ArrayRef<TypeParamDecl *> params, llvm::ArrayRef<const Type *> args,
                         llvm::ArrayRef<SourceLoc> argLocs, SourceLoc useLoc) {
  Substitution s;
  for (size_t i = 0; i < params.size() && i < args.size(); ++i)
    if (params[i]->type)
      s.add(llvm::cast<TypeParamType>(params[i]->type), args[i]);
  bool ok = true;
  for (size_t i = 0; i < params.size() && i < args.size(); ++i) {
    const TypeSet *generic = params[i]->typeSet;
    if (!generic)
      continue;
    // Most constraints (Ordered, any, Shape) mention no type parameter: use
    // them as they are, and remember what satisfied them.
    bool dependent = false;
    for (const TypeTerm &t : generic->terms)
      dependent |= t.type->hasTypeParams();
    for (const ConstraintMethod &m : generic->methods)
      dependent |= m.signature->hasTypeParams();
    for (const Type *a : generic->ifaceArgs)
      dependent |= a->hasTypeParams();
    const TypeSet *set = dependent ? types_.substitute(generic, s) : generic;
    bool cacheable = !dependent && !args[i]->hasTypeParams();
    if (cacheable) {
      auto it = satisfiedCache_.find({args[i], set});
      if (it != satisfiedCache_.end() && it->second)
        continue;
    }
    std::string reason;
    if (satisfies(args[i], *set, reason)) {
      if (cacheable)
        satisfiedCache_[{args[i], set}] = true;
      continue;
    }
    SourceLoc loc = i < argLocs.size() && argLocs[i].isValid() ? argLocs[i] : useLoc;
    diag(loc, diag::err_does_not_satisfy) << str(args[i]) << constraintName(*set) << reason;
    ok = false;
  }
  return ok;
}

//===----------------------------------------------------------------------===//
// Recursive types
//===----------------------------------------------------------------------===//

/// The named types \p t contains by value (not through slices or functions).
static void collectContained(const Type *t, llvm::SmallVectorImpl<const NamedType *> &out) {
  if (auto *n = llvm::dyn_cast<NamedType>(t))
    out.push_back(n);
}

void Sema::checkRecursiveTypes() {
  // One depth-first search over the instances the module's type layouts need,
  // with global colours, so each instance is explored once (linear in the
  // size of the graph): a grey instance met again closes a cycle.
  enum Color : uint8_t { White, Grey, Black };
  llvm::DenseMap<const NamedType *, Color> color;
  llvm::DenseSet<const TypeDecl *> reported;
  struct Frame {
    const NamedType *type;
    llvm::SmallVector<const NamedType *, 4> children;
    size_t next = 0;
  };
  auto childrenOf = [&](const NamedType *n) {
    llvm::SmallVector<const NamedType *, 4> children;
    TypeDecl *decl = n->decl;
    Substitution s;
    for (size_t i = 0; i < decl->typeParams.size() && i < n->args.size(); ++i)
      s.add(llvm::cast<TypeParamType>(decl->typeParams[i]->type), n->args[i]);
    if (decl->isStruct) {
      for (const FieldDecl &f : decl->fields)
        if (f.typeExpr && f.typeExpr->resolved)
          collectContained(types_.substitute(f.typeExpr->resolved, s), children);
    } else if (decl->underlying && decl->underlying->resolved) {
      collectContained(types_.substitute(decl->underlying->resolved, s), children);
    }
    return children;
  };
  // An instance whose arguments are distinct type parameters (G1[T] met
  // from G0[T]) has the layout of the declaration itself: one colour for both,
  // or every generic declaration would start its own copy of the chain.
  auto key = [&](const NamedType *t) -> const NamedType * {
    llvm::SmallPtrSet<const Type *, 4> seen;
    for (const Type *a : t->args)
      if (!llvm::isa<TypeParamType>(a) || !seen.insert(a).second)
        return t;
    return t->args.empty() ? t : llvm::cast<NamedType>(t->decl->declaredType);
  };
  // How many frames on the path are instances of each declaration.
  llvm::DenseMap<const TypeDecl *, unsigned> onPath;
  std::vector<Frame> stack;
  auto push = [&](const NamedType *t) {
    color[key(t)] = Grey;
    ++onPath[t->decl];
    stack.push_back({t, childrenOf(t)});
  };

  for (Decl *d : module_->decls) {
    auto *td = llvm::dyn_cast<TypeDecl>(d);
    if (!td || !td->declaredType)
      continue;
    auto *root = llvm::cast<NamedType>(td->declaredType);
    if (color[key(root)] != White)
      continue;
    push(root);
    while (!stack.empty()) {
      Frame &top = stack.back();
      if (top.next == top.children.size()) {
        color[key(top.type)] = Black;
        --onPath[top.type->decl];
        stack.pop_back();
        continue;
      }
      const NamedType *child = top.children[top.next++];
      Color c = color[key(child)];
      if (c == Black)
        continue;
      if (c == Grey) {
        // The path from child's frame to the top, back to child, is a cycle.
        size_t start = 0;
        while (key(stack[start].type) != key(child))
          ++start;
        TypeDecl *first = child->decl;
        if (first->module == module_ && !reported.count(first)) {
          diag(first->name.loc, diag::err_recursive_type) << first->name.name;
          for (size_t i = start; i < stack.size(); ++i) {
            const NamedType *from = stack[i].type;
            const NamedType *to = i + 1 < stack.size() ? stack[i + 1].type : child;
            diag(from->decl->name.loc, diag::note_recursive_type_refers)
                << typeToString(from, module_) << typeToString(to, module_);
          }
        }
        for (size_t i = start; i < stack.size(); ++i)
          reported.insert(stack[i].type->decl);
        continue;
      }
      // A chain of distinct types is fine however long; the same generic
      // declaration over and over with new arguments never ends.
      if (onPath[child->decl] >= kMaxInstanceRepeats) {
        if (!reported.count(child->decl) && child->decl->module == module_)
          diag(child->decl->name.loc, diag::err_recursive_type_depth)
              << child->decl->name.name << kMaxInstanceRepeats;
        reported.insert(child->decl);
        color[key(child)] = Black;
        continue;
      }
      push(child);
    }
  }
}
