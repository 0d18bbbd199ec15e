//===- Type.cpp - Interned types, substitution, printing ------------------===//
#include "stencil/Sema/Type.h"
#include "llvm/Support/ErrorHandling.h"

using namespace stencil;

TypeContext::TypeContext() {
  int_ = makeBasic(Type::Kind::Int);
  float_ = makeBasic(Type::Kind::Float);
  bool_ = makeBasic(Type::Kind::Bool);
  string_ = makeBasic(Type::Kind::String);
  void_ = makeBasic(Type::Kind::Void);
  error_ = makeBasic(Type::Kind::Error);
}

const BasicType *TypeContext::makeBasic(Type::Kind k) {
  return new (arena_.Allocate<BasicType>()) BasicType(k, nextId_++);
}

const SliceType *TypeContext::getSlice(const Type *elem) {
  const SliceType *&slot = slices_[elem];
  if (!slot)
    slot = new (arena_.Allocate<SliceType>()) SliceType(nextId_++, elem);
  return slot;
}

const FuncType *TypeContext::getFunc(llvm::ArrayRef<const Type *> params, const Type *result) {
  auto it = funcs_.find_as(FuncKey{params, result});
  if (it != funcs_.end())
    return *it;
  bool hasTP = result->hasTypeParams();
  for (const Type *p : params)
    hasTP |= p->hasTypeParams();
  auto *t = new (arena_.Allocate<FuncType>()) FuncType(nextId_++, copyArray(params), result, hasTP);
  funcs_.insert(t);
  return t;
}

const NamedType *TypeContext::getNamed(TypeDecl *decl, llvm::ArrayRef<const Type *> args) {
  auto it = named_.find_as(NamedKey{decl, args});
  if (it != named_.end())
    return *it;
  bool hasTP = false;
  for (const Type *a : args)
    hasTP |= a->hasTypeParams();
  auto *t = new (arena_.Allocate<NamedType>()) NamedType(nextId_++, decl, copyArray(args), hasTP);
  named_.insert(t);
  return t;
}

const TypeParamType *TypeContext::getTypeParam(TypeParamDecl *decl) {
  const TypeParamType *&slot = typeParams_[decl];
  if (!slot)
    slot = new (arena_.Allocate<TypeParamType>()) TypeParamType(nextId_++, decl);
  return slot;
}

const Type *TypeContext::substitute(const Type *t, const Substitution &s) {
  if (!t || !t->hasTypeParams() || s.empty())
    return t;
  switch (t->getKind()) {
  case Type::Kind::Int:
  case Type::Kind::Float:
  case Type::Kind::Bool:
  case Type::Kind::String:
  case Type::Kind::Void:
  case Type::Kind::Error:
    return t;
  case Type::Kind::Slice:
    return getSlice(substitute(llvm::cast<SliceType>(t)->elem, s));
  case Type::Kind::Func: {
    auto *f = llvm::cast<FuncType>(t);
    llvm::SmallVector<const Type *, 4> params;
    for (const Type *p : f->params)
      params.push_back(substitute(p, s));
    return getFunc(params, substitute(f->result, s));
  }
  case Type::Kind::Named: {
    auto *n = llvm::cast<NamedType>(t);
    llvm::SmallVector<const Type *, 4> args;
    for (const Type *a : n->args)
      args.push_back(substitute(a, s));
    return getNamed(n->decl, args);
  }
  case Type::Kind::TypeParam: {
    const Type *r = s.lookup(llvm::cast<TypeParamType>(t));
    return r ? r : t;
  }
  }
  llvm_unreachable("unknown type kind");
}

TypeSet *TypeContext::substitute(const TypeSet *set, const Substitution &s) {
  TypeSet *out = createTypeSet();
  *out = *set;
  for (TypeTerm &term : out->terms)
    term.type = substitute(term.type, s);
  for (const Type *&a : out->ifaceArgs)
    a = substitute(a, s);
  for (ConstraintMethod &m : out->methods)
    m.signature = llvm::cast<FuncType>(substitute(m.signature, s));
  return out;
}

void TypeContext::computeMembers(const NamedType *t) {
  if (t->membersComputed_)
    return;
  // Mark first: a definition that reaches itself sees the error type, never loops.
  t->membersComputed_ = true;
  t->underlying_ = error_;
  TypeDecl *decl = t->decl;
  Substitution s;
  for (size_t i = 0; i < decl->typeParams.size() && i < t->args.size(); ++i)
    if (decl->typeParams[i]->type)
      s.add(llvm::cast<TypeParamType>(decl->typeParams[i]->type), t->args[i]);
  if (decl->isStruct) {
    t->underlying_ = t;
    llvm::SmallVector<Field, 8> fields;
    for (const FieldDecl &f : decl->fields) {
      const Type *ft = f.typeExpr && f.typeExpr->resolved ? f.typeExpr->resolved : error_;
      fields.push_back({f.name.name, substitute(ft, s)});
    }
    t->fields_ = copyArray<Field>(fields);
    return;
  }
  const Type *u = decl->underlying && decl->underlying->resolved ? decl->underlying->resolved : error_;
  u = getUnderlying(substitute(u, s));
  t->underlying_ = u;
  if (const NamedType *st = getStruct(u))
    t->fields_ = getFields(st);
}

const Type *TypeContext::getUnderlying(const Type *t) {
  auto *n = llvm::dyn_cast<NamedType>(t);
  if (!n)
    return t;
  computeMembers(n);
  return n->underlying_;
}

llvm::ArrayRef<Field> TypeContext::getFields(const NamedType *t) {
  computeMembers(t);
  return t->fields_;
}

const NamedType *TypeContext::getStruct(const Type *t) {
  auto *n = llvm::dyn_cast<NamedType>(getUnderlying(t));
  return n && n->decl->isStruct ? n : nullptr;
}

static void printType(const Type *t, const ModuleAST *from, bool qualifyAll, std::string &out) {
  switch (t->getKind()) {
  case Type::Kind::Int:
    out += "int";
    return;
  case Type::Kind::Float:
    out += "float";
    return;
  case Type::Kind::Bool:
    out += "bool";
    return;
  case Type::Kind::String:
    out += "string";
    return;
  case Type::Kind::Void:
    out += "(no value)";
    return;
  case Type::Kind::Error:
    out += "(invalid type)";
    return;
  case Type::Kind::Slice:
    out += "[]";
    printType(llvm::cast<SliceType>(t)->elem, from, qualifyAll, out);
    return;
  case Type::Kind::Func: {
    auto *f = llvm::cast<FuncType>(t);
    out += "fn(";
    for (size_t i = 0; i < f->params.size(); ++i) {
      if (i)
        out += ", ";
      printType(f->params[i], from, qualifyAll, out);
    }
    out += ")";
    if (!f->result->isVoid()) {
      out += " ";
      printType(f->result, from, qualifyAll, out);
    }
    return;
  }
  case Type::Kind::Named: {
    auto *n = llvm::cast<NamedType>(t);
    if (qualifyAll || n->decl->module != from) {
      out += n->decl->module->modulePath;
      out += ".";
    }
    out += n->decl->name.name;
    if (!n->args.empty()) {
      out += "[";
      for (size_t i = 0; i < n->args.size(); ++i) {
        if (i)
          out += ", ";
        printType(n->args[i], from, qualifyAll, out);
      }
      out += "]";
    }
    return;
  }
  case Type::Kind::TypeParam:
    out += llvm::cast<TypeParamType>(t)->decl->name.name;
    return;
  }
  llvm_unreachable("unknown type kind");
}

std::string stencil::typeToString(const Type *t, const ModuleAST *from) {
  std::string out;
  printType(t, from, false, out);
  return out;
}

std::string stencil::typeToQualifiedString(const Type *t) {
  std::string out;
  printType(t, nullptr, true, out);
  return out;
}
