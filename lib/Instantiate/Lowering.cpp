//===- Lowering.cpp - The worklist, instance requests and types -----------===//
//
// Every function that lowering needs is requested here: a non-generic one is
// declared once (by declaration), an instance goes through the instance cache
// (by key). Either way the function is created at once, so the requesting call
// can refer to it, and its body is queued; run() drains the queue, so bodies
// are lowered one at a time, never recursively, whatever the depth of the
// instantiation chain. Struct layouts are created on first use, through the
// cache for instances of generic structs.
//
//===----------------------------------------------------------------------===//
#include "LoweringImpl.h"
#include "stencil/Basic/Diagnostics.h"

using namespace stencil;

std::unique_ptr<ir::Module> stencil::lowerProgram(llvm::ArrayRef<ModuleAST *> modules,
                                                  ModuleAST *mainModule, TypeContext &types,
                                                  DiagnosticEngine &diags, IRInstanceCache &cache,
                                                  const LowerOptions &opts,
                                                  const PartialLowering *partial,
                                                  FunctionOrigins *origins) {
  auto m = std::make_unique<ir::Module>();
  Lowering lowering(types, diags, cache, opts, *m, partial, origins);
  if (!lowering.run(modules, mainModule))
    return nullptr;
  return m;
}

bool Lowering::run(llvm::ArrayRef<ModuleAST *> modules, ModuleAST *mainModule) {
  for (ModuleAST *module : modules)
    createGlobals(module);
  if (partial_)
    for (const PartialLowering::Request &r : partial_->seeds)
      requestFunction(r.decl, r.typeArgs, r.decl->getLoc(), /*forceBody=*/true);
  for (ModuleAST *module : modules)
    lowerInitializer(module);

  FuncDecl *mainDecl = nullptr;
  for (Decl *d : mainModule->decls)
    if (auto *f = llvm::dyn_cast<FuncDecl>(d); f && !f->isMethod && f->name.name == "main")
      mainDecl = f;
  assert(mainDecl && "Sema checks that main exists");
  m_.setEntry(requestFunction(mainDecl, {}, mainDecl->getLoc()));

  while (!worklist_.empty() && !failed_) {
    Pending p = std::move(worklist_.front());
    worklist_.pop_front();
    if (partial_ && partial_->prepareModule && !p.decl->isGeneric() &&
        preparedModules_.insert(p.decl->module).second && !partial_->prepareModule(p.decl->module)) {
      failed_ = true;
      break;
    }
    lowerBody(p);
  }
  if (failed_)
    return false;
#ifndef NDEBUG
  if (!partial_)
    for (const auto &f : m_.functions())
      assert(f->hasBody() && "every requested function was lowered");
#endif
  return true;
}

//===----------------------------------------------------------------------===//
// Functions and instances
//===----------------------------------------------------------------------===//

std::string Lowering::instanceName(FuncDecl *decl, llvm::ArrayRef<const Type *> typeArgs) {
  std::string name = decl->module->modulePath + ".";
  auto appendArgs = [&] {
    name += "[";
    for (size_t i = 0; i < typeArgs.size(); ++i)
      name += (i ? ", " : "") + typeToQualifiedString(typeArgs[i]);
    name += "]";
  };
  if (decl->isMethod) {
    name += decl->receiver.typeName.name;
    if (!typeArgs.empty())
      appendArgs();
    name += ".";
    name += decl->name.name;
    return name;
  }
  name += decl->name.name;
  if (!typeArgs.empty())
    appendArgs();
  return name;
}

ir::Function *Lowering::declareFunction(FuncDecl *decl, std::string name, const Substitution &s) {
  const Substitution *saved = subst_;
  subst_ = &s;
  auto *sig = llvm::cast<FuncType>(decl->funcType);
  llvm::SmallVector<const ir::Type *, 8> params;
  if (decl->isMethod)
    params.push_back(b_.types().getPtr(lowerType(subst(decl->receiver.var->type))));
  for (const Type *p : sig->params)
    params.push_back(lowerType(subst(p)));
  const ir::Type *result = lowerType(subst(sig->result));
  subst_ = saved;

  ir::Function *fn = m_.createFunction(std::move(name), b_.types().getFunc(params, result));
  unsigned index = 0;
  auto addParam = [&](const VarDecl *var) {
    llvm::StringRef pname = var->name.name == "_" ? llvm::StringRef() : var->name.name;
    fn->addParam(new (m_.getArena().Allocate<ir::Param>())
                     ir::Param(params[index], index, m_.copyString(pname)));
    ++index;
  };
  if (decl->isMethod)
    addParam(decl->receiver.var);
  for (const VarDecl *p : decl->params)
    addParam(p);
  fn->setSourceModule(decl->module->modulePath);
  fn->setLoc(decl->getLoc());
  fn->setInlineHint(decl->inlineHint == InlineHint::Inline     ? ir::InlineHint::Inline
                    : decl->inlineHint == InlineHint::NoInline ? ir::InlineHint::NoInline
                                                               : ir::InlineHint::None);
  return fn;
}

void Lowering::queueBody(Pending p, bool forceBody) {
  bool body = forceBody || !partial_ || !partial_->needsBody || partial_->needsBody(*p.fn);
  if (originsOut_) {
    FunctionOrigin &o = (*originsOut_)[p.fn];
    o.decl = p.decl;
    o.bodyLowered = body;
  }
  if (body)
    worklist_.push_back(std::move(p));
}

ir::Function *Lowering::requestFunction(FuncDecl *decl, llvm::ArrayRef<const Type *> typeArgs,
                                        SourceLoc loc, bool forceBody) {
  if (!decl->isGeneric()) {
    if (ir::Function *fn = plainFunctions_.lookup(decl))
      return fn;
    ir::Function *fn = declareFunction(decl, instanceName(decl, {}), Substitution());
    plainFunctions_[decl] = fn;
    queueBody({decl, fn, Substitution(), 0}, forceBody);
    return fn;
  }

  GenericSlot &slot = cache_.getGeneric(decl);
  Hash128 key = cache_.getKey(slot, typeArgs);
  auto r = cache_.lookupOrInsert(slot, key);
  if (r.hit)
    return r.entry->value.func;

  // A miss: make the instance's symbol now, lower its body later.
  InstanceId id = r.id;
  Substitution s;
  llvm::ArrayRef<TypeParamDecl *> params = decl->isMethod ? decl->receiver.typeParams : decl->typeParams;
  assert(params.size() == typeArgs.size());
  for (size_t i = 0; i < params.size(); ++i) {
    assert(!typeArgs[i]->hasTypeParams() && "instances have concrete type arguments");
    s.add(llvm::cast<TypeParamType>(params[i]->type), typeArgs[i]);
  }
  ir::Function *fn = declareFunction(decl, instanceName(decl, typeArgs), s);
  fn->setInstance(key);
  unsigned depth = depth_ + 1;
  cache_[id].value = IRInstance{fn, nullptr, depth};
  origins_[fn] = Origin{fn_, loc};
  if (depth > opts_.maxDepth) {
    reportTooDeep(fn, loc);
    return fn;
  }
  if (originsOut_)
    (*originsOut_)[fn].typeArgs.assign(typeArgs.begin(), typeArgs.end());
  queueBody({decl, fn, std::move(s), depth}, forceBody);
  return fn;
}

void Lowering::reportTooDeep(ir::Function *fn, SourceLoc loc) {
  failed_ = true;
  worklist_.clear();
  diags_.report(loc, diag::err_instantiation_too_deep) << fn->getName() << opts_.maxDepth;
  noteInstantiationChain();
  diags_.report(SourceLoc(), diag::note_instantiation_depth_option);
}

void Lowering::noteInstantiationChain() {
  struct Level {
    llvm::StringRef name;
    SourceLoc loc;
  };
  llvm::SmallVector<Level, 16> levels;
  for (ir::Function *f = fn_; f;) {
    auto it = origins_.find(f);
    if (it == origins_.end())
      break;
    levels.push_back({f->getName(), it->second.loc});
    f = it->second.requester;
  }
  size_t limit = opts_.backtraceLimit;
  size_t head = levels.size(), tail = 0;
  if (limit && levels.size() > limit) {
    head = (limit + 1) / 2;
    tail = limit - head;
  }
  for (size_t i = 0; i < head; ++i)
    diags_.report(levels[i].loc, diag::note_in_instantiation_of) << levels[i].name;
  if (head == levels.size())
    return;
  size_t skipped = levels.size() - head - tail;
  diags_.report(levels[head].loc, diag::note_instantiation_skipped)
      << skipped << (skipped == 1 ? "level" : "levels");
  for (size_t i = levels.size() - tail; i < levels.size(); ++i)
    diags_.report(levels[i].loc, diag::note_in_instantiation_of) << levels[i].name;
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

const ir::Type *Lowering::lowerType(const Type *t) {
  assert(!t->hasTypeParams() && !t->isError() && "lowering a type that is not concrete");
  // Memoized per function body: a struct instance is requested from the cache
  // once by each function whose lowering uses it.
  if (const ir::Type *memo = typeMemo_.lookup(t)) {
    if (memo->isStruct() && !memo->getLayout()->isComplete())
      completeStruct(memo->getLayout());
    return memo;
  }
  ir::TypeTable &tt = b_.types();
  const ir::Type *result = nullptr;
  switch (t->getKind()) {
  case Type::Kind::Named: {
    auto *named = llvm::cast<NamedType>(t);
    if (!named->decl->isStruct) {
      result = lowerType(types_.getUnderlying(t)); // a defined type is its underlying type
      break;
    }
    ir::StructLayout *layout = lowerStruct(named);
    // Memoized before the fields are lowered: a field may reach the struct
    // again through a slice (`type Node struct { kids []Node }`).
    typeMemo_[t] = layout->getType();
    if (!layout->isComplete())
      completeStruct(layout);
    return layout->getType();
  }
  case Type::Kind::Int:
    result = tt.getInt();
    break;
  case Type::Kind::Float:
    result = tt.getFloat();
    break;
  case Type::Kind::Bool:
    result = tt.getBool();
    break;
  case Type::Kind::String:
    result = tt.getString();
    break;
  case Type::Kind::Void:
    result = tt.getVoid();
    break;
  case Type::Kind::Slice:
    result = tt.getSlice(lowerIndirectType(llvm::cast<SliceType>(t)->elem));
    break;
  case Type::Kind::Func: {
    auto *f = llvm::cast<FuncType>(t);
    llvm::SmallVector<const ir::Type *, 8> params;
    for (const Type *p : f->params)
      params.push_back(lowerIndirectType(p));
    result = tt.getFunc(params, lowerIndirectType(f->result));
    break;
  }
  case Type::Kind::TypeParam:
  case Type::Kind::Error:
    llvm_unreachable("substituted, or rejected by Sema");
  }
  typeMemo_[t] = result;
  return result;
}

// Behind a slice or in a function type, a struct needs no layout yet: its
// values are not made here. `type S[T any] struct { x []S[[]T] }` names a new
// instance at every level, and only those that code uses get their fields.
const ir::Type *Lowering::lowerIndirectType(const Type *t) {
  const Type *u = t;
  if (auto *named = llvm::dyn_cast<NamedType>(t); named && !named->decl->isStruct)
    u = types_.getUnderlying(t);
  auto *named = llvm::dyn_cast<NamedType>(u);
  if (!named)
    return lowerType(u);
  if (const ir::Type *memo = typeMemo_.lookup(u))
    return memo;
  const ir::Type *result = lowerStruct(named)->getType();
  typeMemo_[u] = result;
  return result;
}

void Lowering::needElements(const Type *sliceType) {
  if (auto *s = llvm::dyn_cast<SliceType>(types_.getUnderlying(subst(sliceType))))
    lowerType(s->elem);
}

ir::StructLayout *Lowering::lowerStruct(const NamedType *t) {
  if (t->args.empty()) {
    if (ir::StructLayout *s = plainStructs_.lookup(t))
      return s;
    ir::StructLayout *layout =
        m_.createStruct(typeToQualifiedString(t), cache_.getKeys().getDeclHash(t->decl));
    plainStructs_[t] = layout;
    layoutTypes_[layout] = t;
    return layout;
  }
  // A type use of a generic struct's instance: ask the cache.
  GenericSlot &slot = cache_.getGeneric(t->decl);
  Hash128 key = cache_.getKey(slot, t->args);
  auto r = cache_.lookupOrInsert(slot, key);
  if (r.hit)
    return r.entry->value.layout;
  ir::StructLayout *layout = m_.createStruct(typeToQualifiedString(t), key);
  layout->setInstance(true);
  layoutTypes_[layout] = t;
  cache_[r.id].value = IRInstance{nullptr, layout, depth_ + 1};
  return layout;
}

void Lowering::completeStruct(ir::StructLayout *layout) {
  // A struct holds no struct of its own type by value (Sema's recursive-type
  // check), so lowering the fields never comes back here for this layout.
  for (const Field &f : types_.getFields(layoutTypes_.lookup(layout)))
    layout->addField(f.name.str(), lowerType(f.type));
  layout->setComplete();
}

//===----------------------------------------------------------------------===//
// Module-level variables
//===----------------------------------------------------------------------===//

void Lowering::createGlobals(ModuleAST *module) {
  for (Decl *d : module->decls)
    if (auto *v = llvm::dyn_cast<VarDecl>(d)) {
      ir::Global *g = m_.createGlobal(module->modulePath + "." + v->name.name.str(), lowerType(v->type));
      g->setSourceModule(module->modulePath);
      globals_[v] = g;
    }
}

void Lowering::lowerInitializer(ModuleAST *module) {
  llvm::SmallVector<VarDecl *, 8> initialized;
  for (Decl *d : module->decls)
    if (auto *v = llvm::dyn_cast<VarDecl>(d); v && v->init)
      initialized.push_back(v);
  if (initialized.empty())
    return;
  ir::Function *fn = m_.createFunction(module->modulePath + ".<init>",
                                       b_.types().getFunc({}, b_.types().getVoid()));
  fn->setInitializer();
  if (originsOut_)
    (*originsOut_)[fn].bodyLowered = true;
  fn->setSourceModule(module->modulePath);
  fn->setLoc(module->startLoc);
  m_.addInitializer(fn);

  fn_ = fn;
  subst_ = nullptr;
  depth_ = 0;
  locals_.clear();
  typeMemo_.clear();
  b_.startFunction(fn);
  for (VarDecl *v : initialized) {
    ir::Value *value = lowerExpr(v->init);
    b_.createStore(globals_.lookup(v)->getRef(), value);
  }
  b_.createRet();
}
