//===- Sema.cpp - Module scopes, declarations and the checking order ------===//
//
// A module is checked in phases, each over all of its declarations, so that
// declarations may be used before they are written:
//   1. names into the module scope (duplicates, builtins)
//   2. type parameters of types, interfaces and functions get their types
//   3. type declarations: constraints of their parameters, then bodies
//   4. methods attach to their receiver types; function signatures
//   5. recursive types; interfaces; queued constraint checks of type uses
//   6. module-level variables, in declaration order
//   7. function bodies
//
//===----------------------------------------------------------------------===//
#include "SemaImpl.h"
#include "stencil/Sema/Sema.h"
#include "llvm/ADT/StringSwitch.h"

using namespace stencil;


static Lookup lookupUniverse(llvm::StringRef name, TypeContext &types) {
  Lookup r;
  Builtin b = llvm::StringSwitch<Builtin>(name)
                  .Case("len", Builtin::Len)
                  .Case("cap", Builtin::Cap)
                  .Case("append", Builtin::Append)
                  .Case("make", Builtin::Make)
                  .Case("print", Builtin::Print)
                  .Case("println", Builtin::Println)
                  .Case("str", Builtin::Str)
                  .Case("hash", Builtin::Hash)
                  .Case("panic", Builtin::Panic)
                  .Case("exit", Builtin::Exit)
                  .Default(Builtin::None);
  if (b != Builtin::None) {
    r.builtin = b;
    return r;
  }
  r.predeclaredType = llvm::StringSwitch<const Type *>(name)
                          .Case("int", types.getInt())
                          .Case("float", types.getFloat())
                          .Case("bool", types.getBool())
                          .Case("string", types.getString())
                          .Default(nullptr);
  if (r.predeclaredType)
    return r;
  r.special = llvm::StringSwitch<Lookup::Special>(name)
                  .Case("any", Lookup::Special::Any)
                  .Case("comparable", Lookup::Special::Comparable)
                  .Default(Lookup::Special::None);
  return r;
}

Lookup Sema::lookup(llvm::StringRef name) {
  // Innermost first. Most names differ in length or first byte, so test those
  // before comparing bytes.
  size_t size = name.size();
  char first = size ? name[0] : 0;
  for (auto it = locals_.rbegin(), e = locals_.rend(); it != e; ++it)
    if (it->first.size() == size && (size == 0 || it->first[0] == first) && it->first == name) {
      Lookup r;
      r.decl = it->second;
      return r;
    }
  auto &scope = moduleScopes_[module_];
  auto it = scope.find(name);
  if (it != scope.end()) {
    Lookup r;
    r.decl = it->second;
    return r;
  }
  return lookupUniverse(name, types_);
}

Decl *Sema::lookupModuleMember(ImportDecl *import, Ident name) {
  if (!import->target)
    return nullptr;
  auto &scope = moduleScopes_[import->target];
  auto it = scope.find(name.name);
  if (it == scope.end() || llvm::isa<ImportDecl>(it->second)) {
    diag(name.loc, diag::err_no_member_in_module) << import->name.name << name.name;
    return nullptr;
  }
  if (!it->second->isPub) {
    diag(name.loc, diag::err_not_public) << name.name << import->target->modulePath;
    return nullptr;
  }
  return it->second;
}

void Sema::declareLocal(Decl *d, bool quiet) {
  if (d->name.name == "_" || d->name.name.empty())
    return;
  size_t start = scopeStarts_.empty() ? 0 : scopeStarts_.back();
  for (size_t i = start; i < locals_.size(); ++i) {
    if (locals_[i].first != d->name.name)
      continue;
    if (quiet)
      return;
    const char *where = llvm::isa<TypeParamDecl>(d) ? "type parameter list"
                        : func_ && scopeStarts_.size() == 1 ? "function"
                                                            : "block";
    diag(d->name.loc, diag::err_redeclared) << d->name.name << where;
    diag(locals_[i].second->name.loc, diag::note_previous_declaration) << d->name.name;
    return;
  }
  locals_.push_back({d->name.name, d});
}

void Sema::declareModuleName(Decl *d) {
  llvm::StringRef name = d->name.name;
  if (name == "_" || name.empty())
    return;
  if (lookupUniverse(name, types_).found()) {
    diag(d->name.loc, diag::err_redeclare_builtin) << name;
    return;
  }
  auto [it, inserted] = moduleScopes_[module_].try_emplace(name, d);
  if (!inserted) {
    diag(d->name.loc, diag::err_redeclared) << name << "module";
    diag(it->second->name.loc, diag::note_previous_declaration) << name;
  }
}

void Sema::collectModuleNames() {
  moduleScopes_[module_]; // the module's scope exists even when empty
  for (ImportDecl *imp : module_->imports) {
    imp->module = module_;
    declareModuleName(imp);
  }
  for (Decl *d : module_->decls) {
    d->module = module_;
    auto *f = llvm::dyn_cast<FuncDecl>(d);
    if (f && f->isMethod)
      continue; // methods live in their type, not in the module scope
    declareModuleName(d);
  }
}

void Sema::declareTypeParams(llvm::ArrayRef<TypeParamDecl *> params, bool quiet) {
  for (TypeParamDecl *tp : params) {
    tp->module = module_;
    if (!tp->type)
      tp->type = types_.getTypeParam(tp);
    declareLocal(tp, quiet);
  }
}

void Sema::resolveTypeDeclHeader(TypeDecl *d) {
  pushScope();
  declareTypeParams(d->typeParams);
  for (TypeParamDecl *tp : d->typeParams)
    tp->typeSet = resolveConstraint(tp->constraint);
  popScope();
}

void Sema::resolveTypeDeclBody(TypeDecl *d) {
  if (bodiesResolved_.count(d) || bodiesInProgress_.count(d))
    return;
  bodiesInProgress_.insert(d);
  ScopeReset reset(*this, d->module);
  pushScope();
  declareTypeParams(d->typeParams, /*quiet=*/true); // reported with the header
  if (d->isStruct) {
    llvm::StringMap<const FieldDecl *> seen;
    for (const FieldDecl &f : d->fields) {
      if (f.typeExpr)
        resolveType(f.typeExpr);
      if (f.name.name == "_")
        continue;
      auto [it, inserted] = seen.try_emplace(f.name.name, &f);
      if (inserted)
        continue;
      diag(f.name.loc, diag::err_duplicate_field) << f.name.name;
      diag(it->second->name.loc, diag::note_previous_declaration) << f.name.name;
      // Which field a use means is unknowable: both are the error type, so
      // uses report nothing more.
      if (f.typeExpr)
        f.typeExpr->resolved = types_.getError();
      if (it->second->typeExpr)
        it->second->typeExpr->resolved = types_.getError();
    }
  } else if (d->underlying) {
    const Type *u = resolveType(d->underlying);
    if (llvm::isa<TypeParamType>(u)) {
      diag(d->underlying->getBeginLoc(), diag::err_type_param_as_underlying) << d->name.name;
      d->underlying->resolved = types_.getError();
    }
  }
  popScope();
  bodiesInProgress_.erase(d);
  bodiesResolved_.insert(d);
}

void Sema::attachMethod(FuncDecl *f) {
  Receiver &recv = f->receiver;
  auto &scope = moduleScopes_[module_];
  auto it = scope.find(recv.typeName.name);
  auto *td = it == scope.end() ? nullptr : llvm::dyn_cast<TypeDecl>(it->second);
  if (!td) {
    if (it == scope.end() && !lookupUniverse(recv.typeName.name, types_).found())
      diag(recv.typeName.loc, diag::err_undeclared) << recv.typeName.name;
    else
      diag(recv.typeName.loc, diag::err_method_receiver_not_local) << recv.typeName.name;
    return;
  }
  if (!td->isGeneric() && !recv.typeParams.empty()) {
    diag(recv.typeParams.front()->name.loc, diag::err_not_generic) << recv.typeName.name;
    return;
  }
  if (td->isGeneric() && recv.typeParams.empty()) {
    std::string params;
    for (size_t i = 0; i < td->typeParams.size(); ++i)
      params += (i ? ", " : "") + td->typeParams[i]->name.name.str();
    diag(recv.typeName.loc, diag::err_receiver_needs_params) << recv.typeName.name << params;
    return;
  }
  if (recv.typeParams.size() != td->typeParams.size()) {
    diag(recv.typeParams.empty() ? recv.typeName.loc : recv.typeParams.front()->name.loc,
         diag::err_method_receiver_param_count)
        << recv.typeName.name << td->typeParams.size() << recv.typeParams.size();
    return;
  }
  f->receiverDecl = td;
  // The receiver's parameters stand for the type's: same constraints, with the
  // type's parameters replaced by the receiver's.
  Substitution s;
  llvm::SmallVector<const Type *, 4> args;
  for (size_t i = 0; i < recv.typeParams.size(); ++i) {
    TypeParamDecl *rp = recv.typeParams[i];
    rp->module = module_;
    rp->type = types_.getTypeParam(rp);
    args.push_back(rp->type);
    s.add(llvm::cast<TypeParamType>(td->typeParams[i]->type), rp->type);
  }
  for (size_t i = 0; i < recv.typeParams.size(); ++i)
    if (const TypeSet *ts = td->typeParams[i]->typeSet)
      recv.typeParams[i]->typeSet = types_.substitute(ts, s);
  if (recv.var) {
    recv.var->module = module_;
    recv.var->type = types_.getNamed(td, args);
  }
}

void Sema::resolveFuncSignature(FuncDecl *f) {
  pushScope();
  declareTypeParams(f->receiver.typeParams);
  declareTypeParams(f->typeParams);
  for (TypeParamDecl *tp : f->typeParams)
    tp->typeSet = resolveConstraint(tp->constraint);
  llvm::SmallVector<const Type *, 8> params;
  for (VarDecl *p : f->params) {
    p->module = module_;
    p->type = p->typeExpr ? resolveType(p->typeExpr) : types_.getError();
    params.push_back(p->type);
  }
  const Type *result = f->result ? resolveType(f->result) : types_.getVoid();
  f->funcType = types_.getFunc(params, result);
  popScope();
}

void Sema::checkGlobal(VarDecl *v) {
  global_ = v;
  const Type *declared = v->typeExpr ? resolveType(v->typeExpr) : nullptr;
  const Type *t = declared;
  if (v->init) {
    const Type *initType = checkExpr(v->init, declared);
    if (declared)
      checkAssignable(initType, declared, v->init->getBeginLoc(), "variable declaration");
    else
      t = initType;
  }
  v->type = t ? t : types_.getError();
  initializedGlobals_.insert(v);
  global_ = nullptr;
}

void Sema::checkFuncBody(FuncDecl *f) {
  func_ = f;
  result_ = f->funcType ? llvm::cast<FuncType>(f->funcType)->result : types_.getError();
  loopDepth_ = 0;
  pushScope();
  // Reported with the signature.
  declareTypeParams(f->receiver.typeParams, /*quiet=*/true);
  declareTypeParams(f->typeParams, /*quiet=*/true);
  if (f->isMethod && f->receiver.var) {
    // A receiver whose type was reported is still declared, as the error type.
    if (!f->receiver.var->type)
      f->receiver.var->type = types_.getError();
    declareLocal(f->receiver.var);
  }
  for (VarDecl *p : f->params)
    declareLocal(p);
  if (f->body) {
    // The body's outermost block is the parameters' scope (as in Go).
    checkBlock(f->body, /*newScope=*/false);
    if (!result_->isVoid() && !isTerminating(f->body))
      diag(f->body->rBraceLoc, diag::err_missing_return);
  }
  popScope();
  func_ = nullptr;
  result_ = nullptr;
}

void Sema::checkMain() {
  auto &scope = moduleScopes_[module_];
  auto it = scope.find("main");
  auto *f = it == scope.end() ? nullptr : llvm::dyn_cast<FuncDecl>(it->second);
  if (!f) {
    diag(it == scope.end() ? module_->startLoc : it->second->name.loc, diag::err_missing_main);
    return;
  }
  auto *ft = llvm::cast_or_null<FuncType>(f->funcType);
  if (!f->typeParams.empty() || !f->params.empty() || (ft && !ft->result->isVoid()))
    diag(f->name.loc, diag::err_bad_main);
}

void Sema::checkModule(ModuleAST *module, bool isMain) {
  module_ = module;
  declarationsResolved_ = false;
  collectModuleNames();

  llvm::SmallVector<TypeDecl *, 16> typeDecls;
  llvm::SmallVector<InterfaceDecl *, 8> interfaces;
  llvm::SmallVector<FuncDecl *, 32> funcs;
  llvm::SmallVector<VarDecl *, 8> globals;
  for (Decl *d : module->decls) {
    if (auto *td = llvm::dyn_cast<TypeDecl>(d))
      typeDecls.push_back(td);
    else if (auto *id = llvm::dyn_cast<InterfaceDecl>(d))
      interfaces.push_back(id);
    else if (auto *fd = llvm::dyn_cast<FuncDecl>(d))
      funcs.push_back(fd);
    else if (auto *vd = llvm::dyn_cast<VarDecl>(d))
      globals.push_back(vd);
  }

  // Types first get their parameters and their declared (named) type, so any
  // declaration may refer to any type of the module.
  for (TypeDecl *td : typeDecls) {
    llvm::SmallVector<const Type *, 4> params;
    for (TypeParamDecl *tp : td->typeParams) {
      tp->module = module;
      tp->type = types_.getTypeParam(tp);
      params.push_back(tp->type);
    }
    td->declaredType = types_.getNamed(td, params);
  }
  for (InterfaceDecl *id : interfaces)
    for (TypeParamDecl *tp : id->typeParams) {
      tp->module = module;
      tp->type = types_.getTypeParam(tp);
    }

  deferConstraintChecks_ = true;
  for (TypeDecl *td : typeDecls)
    resolveTypeDeclHeader(td);
  for (TypeDecl *td : typeDecls)
    resolveTypeDeclBody(td);
  declarationsResolved_ = true;

  // Methods: attach each to its type, check names against the type's fields
  // and other methods, then resolve every signature.
  llvm::DenseMap<TypeDecl *, llvm::SmallVector<FuncDecl *, 8>> methods;
  for (FuncDecl *f : funcs) {
    if (!f->isMethod)
      continue;
    attachMethod(f);
    TypeDecl *td = f->receiverDecl;
    if (!td)
      continue;
    auto &list = methods[td];
    bool duplicate = false;
    for (FuncDecl *other : list)
      if (other->name.name == f->name.name) {
        diag(f->name.loc, diag::err_method_redeclared) << f->name.name << td->name.name;
        diag(other->name.loc, diag::note_previous_declaration) << f->name.name;
        duplicate = true;
        break;
      }
    if (duplicate)
      continue;
    if (const NamedType *st = structOf(td->declaredType))
      for (const Field &field : fieldsOf(st))
        if (field.name == f->name.name) {
          diag(f->name.loc, diag::err_field_and_method) << td->name.name << f->name.name;
          duplicate = true;
          break;
        }
    if (!duplicate)
      list.push_back(f);
  }
  for (TypeDecl *td : typeDecls) {
    auto it = methods.find(td);
    if (it != methods.end())
      td->methods = module->copyArray<FuncDecl *>(it->second);
  }
  for (FuncDecl *f : funcs)
    resolveFuncSignature(f);

  checkRecursiveTypes();
  for (InterfaceDecl *id : interfaces)
    interfaceTypeSet(id, {});
  runPendingConstraintChecks();
  deferConstraintChecks_ = false;

  for (VarDecl *v : globals)
    checkGlobal(v);
  for (FuncDecl *f : funcs)
    if (!deferBodies_ || f->isGeneric())
      checkFuncBody(f);
  if (isMain)
    checkMain();
}

bool stencil::checkProgram(llvm::ArrayRef<ModuleAST *> modules, ModuleAST *mainModule,
                           TypeContext &types, DiagnosticEngine &diags) {
  unsigned errorsBefore = diags.getNumErrors();
  Sema sema(types, diags);
  for (ModuleAST *m : modules) {
    sema.checkModule(m, m == mainModule);
    if (diags.limitReached())
      break;
  }
  if (!diags.limitReached())
    sema.checkInstantiationCycles();
  return diags.getNumErrors() == errorsBefore && !diags.limitReached();
}

void Sema::checkDeferredBodies(ModuleAST *module) {
  module_ = module;
  declarationsResolved_ = true;
  deferConstraintChecks_ = false;
  for (Decl *d : module->decls)
    if (auto *f = llvm::dyn_cast<FuncDecl>(d); f && !f->isGeneric())
      checkFuncBody(f);
  module_ = nullptr;
}

DeferredCheck::DeferredCheck(TypeContext &types, DiagnosticEngine &diags)
    : sema_(std::make_unique<Sema>(types, diags)), diags_(diags) {}

DeferredCheck::~DeferredCheck() = default;

bool DeferredCheck::run(llvm::ArrayRef<ModuleAST *> modules, ModuleAST *mainModule,
                        llvm::function_ref<bool(const ModuleAST *)> checkBodies) {
  unsigned errorsBefore = diags_.getNumErrors();
  for (ModuleAST *m : modules) {
    bool now = checkBodies(m);
    sema_->setDeferBodies(!now);
    sema_->checkModule(m, m == mainModule);
    if (now)
      checked_.push_back(m);
    else
      deferred_.insert(m);
    if (diags_.limitReached())
      break;
  }
  sema_->setDeferBodies(false);
  if (!diags_.limitReached())
    sema_->checkInstantiationCycles();
  return diags_.getNumErrors() == errorsBefore && !diags_.limitReached();
}

bool DeferredCheck::checkBodiesOf(ModuleAST *module) {
  if (!deferred_.erase(module))
    return true;
  unsigned errorsBefore = diags_.getNumErrors();
  sema_->checkDeferredBodies(module);
  checked_.push_back(module);
  return diags_.getNumErrors() == errorsBefore;
}
