//===- Type.h - Interned semantic types -------------------------*- C++ -*-===//
//
// Every distinct type exists once in its TypeContext, so types compare by
// pointer. Each type has a dense id in creation order (deterministic for a given
// program), which later phases use for canonical encodings.
//
//   int float bool string      BasicType
//   (no value) / (error)       BasicType Void / Error
//   []T                        SliceType
//   fn(A, B) R                 FuncType (result Void for none)
//   Name, Name[A, B]           NamedType: a struct or defined type with its type arguments
//   T (a type parameter)       TypeParamType
//
// A struct is always a NamedType (there are no anonymous struct types); the
// "underlying type" of a struct is the struct NamedType itself.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_SEMA_TYPE_H
#define STENCIL_SEMA_TYPE_H

#include "stencil/AST/AST.h"
#include "stencil/Basic/Arena.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Allocator.h"
#include <memory>
#include <string>
#include <vector>

namespace stencil {

class Type {
public:
  enum class Kind : uint8_t { Int, Float, Bool, String, Void, Error, Slice, Func, Named, TypeParam };
  Kind getKind() const { return kind_; }
  uint32_t getId() const { return id_; }

  bool isInt() const { return kind_ == Kind::Int; }
  bool isFloat() const { return kind_ == Kind::Float; }
  bool isBool() const { return kind_ == Kind::Bool; }
  bool isString() const { return kind_ == Kind::String; }
  bool isVoid() const { return kind_ == Kind::Void; }
  bool isError() const { return kind_ == Kind::Error; }
  bool isBasic() const { return kind_ <= Kind::String; }
  /// True if a type parameter occurs anywhere in the type.
  bool hasTypeParams() const { return hasTypeParams_; }

protected:
  Type(Kind k, uint32_t id, bool hasTypeParams) : kind_(k), hasTypeParams_(hasTypeParams), id_(id) {}

private:
  Kind kind_;
  bool hasTypeParams_;
  uint32_t id_;
};

class BasicType : public Type {
public:
  BasicType(Kind k, uint32_t id) : Type(k, id, false) {}
  static bool classof(const Type *t) { return t->getKind() <= Kind::Error; }
};

class SliceType : public Type {
public:
  SliceType(uint32_t id, const Type *elem) : Type(Kind::Slice, id, elem->hasTypeParams()), elem(elem) {}
  const Type *elem;
  static bool classof(const Type *t) { return t->getKind() == Kind::Slice; }
};

class FuncType : public Type {
public:
  FuncType(uint32_t id, llvm::ArrayRef<const Type *> params, const Type *result, bool hasTP)
      : Type(Kind::Func, id, hasTP), params(params), result(result) {}
  llvm::ArrayRef<const Type *> params;
  const Type *result; ///< Void when the function has no result
  static bool classof(const Type *t) { return t->getKind() == Kind::Func; }
};

struct Field {
  llvm::StringRef name;
  const Type *type;
};

/// A struct or defined type, possibly an instance of a generic one.
class NamedType : public Type {
public:
  NamedType(uint32_t id, TypeDecl *decl, llvm::ArrayRef<const Type *> args, bool hasTP)
      : Type(Kind::Named, id, hasTP), decl(decl), args(args) {}
  TypeDecl *decl;
  llvm::ArrayRef<const Type *> args; ///< empty for a non-generic type

  static bool classof(const Type *t) { return t->getKind() == Kind::Named; }

private:
  friend class TypeContext;
  // Computed on demand by TypeContext (substituted from the declaration).
  mutable bool membersComputed_ = false;
  mutable const Type *underlying_ = nullptr;
  mutable llvm::ArrayRef<Field> fields_;
};

class TypeParamType : public Type {
public:
  TypeParamType(uint32_t id, TypeParamDecl *decl) : Type(Kind::TypeParam, id, true), decl(decl) {}
  TypeParamDecl *decl;
  static bool classof(const Type *t) { return t->getKind() == Kind::TypeParam; }
};

/// Calls \p f on each type \p t is directly made of (a slice's element, a
/// function's parameters then result, a named type's arguments), stopping at
/// the first call that returns true; returns whether one did. Basic types and
/// type parameters have no parts.
template <typename F> bool anyPart(const Type *t, F &&f) {
  switch (t->getKind()) {
  case Type::Kind::Slice:
    return f(llvm::cast<SliceType>(t)->elem);
  case Type::Kind::Func: {
    auto *fn = llvm::cast<FuncType>(t);
    for (const Type *p : fn->params)
      if (f(p))
        return true;
    return f(fn->result);
  }
  case Type::Kind::Named:
    for (const Type *a : llvm::cast<NamedType>(t)->args)
      if (f(a))
        return true;
    return false;
  default:
    return false;
  }
}

/// A mapping of type parameters to types (small: linear lookup).
struct Substitution {
  llvm::SmallVector<const TypeParamType *, 4> from;
  llvm::SmallVector<const Type *, 4> to;
  void add(const TypeParamType *p, const Type *t) {
    from.push_back(p);
    to.push_back(t);
  }
  const Type *lookup(const TypeParamType *p) const {
    for (size_t i = 0; i < from.size(); ++i)
      if (from[i] == p)
        return to[i];
    return nullptr;
  }
  bool empty() const { return from.empty(); }
};

/// One term of a type set: `~T` (every type whose underlying type is T) or `T`.
struct TypeTerm {
  bool tilde;
  const Type *type;
};

struct ConstraintMethod {
  llvm::StringRef name;
  const FuncType *signature;
};

/// The resolved meaning of a constraint: a set of types, whether `comparable` is
/// required, and required methods. `allTypes` means no term restricts the set
/// (`any`, or an interface with only methods / comparable).
class TypeSet {
public:
  bool allTypes = true;
  llvm::SmallVector<TypeTerm, 4> terms; ///< when !allTypes; empty means no type at all
  bool comparable = false;
  /// An error was reported while resolving it: every type satisfies it and
  /// every operation on its type parameters is allowed, so nothing cascades.
  bool invalid = false;
  llvm::SmallVector<ConstraintMethod, 2> methods;
  /// The interface it comes from (with its type arguments), when it is one;
  /// diagnostics name it so: "Ordered", "Container[int]".
  const InterfaceDecl *iface = nullptr;
  llvm::SmallVector<const Type *, 2> ifaceArgs;
  /// The name when it is not an interface: "any", "comparable", or the terms.
  std::string name;
  /// The type terms written as in the source ("~int | ~float | ~string").
  std::string termsText;
};

class TypeContext {
public:
  TypeContext();
  TypeContext(const TypeContext &) = delete;

  const Type *getInt() const { return int_; }
  const Type *getFloat() const { return float_; }
  const Type *getBool() const { return bool_; }
  const Type *getString() const { return string_; }
  const Type *getVoid() const { return void_; }
  const Type *getError() const { return error_; }

  const SliceType *getSlice(const Type *elem);
  const FuncType *getFunc(llvm::ArrayRef<const Type *> params, const Type *result);
  const NamedType *getNamed(TypeDecl *decl, llvm::ArrayRef<const Type *> args);
  const TypeParamType *getTypeParam(TypeParamDecl *decl);

  /// Replaces the type parameters in \p t as \p s says.
  const Type *substitute(const Type *t, const Substitution &s);
  TypeSet *substitute(const TypeSet *set, const Substitution &s);

  /// The underlying type (language.md §2): itself for basic, slice, func,
  /// struct and type parameter types; the underlying type of the declared type
  /// for a defined type. Error for an invalid (recursive) definition.
  const Type *getUnderlying(const Type *t);
  /// The fields of a struct type (after substitution); empty for others.
  llvm::ArrayRef<Field> getFields(const NamedType *t);
  /// The struct whose fields \p t has: \p t's underlying type when it is a
  /// struct NamedType, else null.
  const NamedType *getStruct(const Type *t);

  /// A TypeSet owned by the context.
  TypeSet *createTypeSet() {
    sets_.push_back(std::make_unique<TypeSet>());
    return sets_.back().get();
  }

  Arena &getAllocator() { return arena_; }
  template <typename T> llvm::ArrayRef<T> copyArray(llvm::ArrayRef<T> items) {
    if (items.empty())
      return {};
    T *mem = arena_.Allocate<T>(items.size());
    std::uninitialized_copy(items.begin(), items.end(), mem);
    return llvm::ArrayRef<T>(mem, items.size());
  }
  unsigned getNumTypes() const { return nextId_; }

private:
  const BasicType *makeBasic(Type::Kind k);
  void computeMembers(const NamedType *t);

  Arena arena_;
  uint32_t nextId_ = 0;
  const BasicType *int_, *float_, *bool_, *string_, *void_, *error_;
  /// Interning tables: a type is found by the pointers it is made of.
  struct FuncKey {
    llvm::ArrayRef<const Type *> params;
    const Type *result;
  };
  struct NamedKey {
    const TypeDecl *decl;
    llvm::ArrayRef<const Type *> args;
  };
  struct FuncInfo;
  struct NamedInfo;
  llvm::DenseMap<const Type *, const SliceType *> slices_;
  llvm::DenseSet<FuncType *, FuncInfo> funcs_;
  llvm::DenseSet<NamedType *, NamedInfo> named_;
  llvm::DenseMap<const TypeParamDecl *, const TypeParamType *> typeParams_;
  std::vector<std::unique_ptr<TypeSet>> sets_;
};

struct TypeContext::FuncInfo {
  static FuncType *getEmptyKey() { return llvm::DenseMapInfo<FuncType *>::getEmptyKey(); }
  static FuncType *getTombstoneKey() { return llvm::DenseMapInfo<FuncType *>::getTombstoneKey(); }
  static unsigned getHashValue(const FuncKey &k) {
    return static_cast<unsigned>(
        llvm::hash_combine(llvm::hash_combine_range(k.params.begin(), k.params.end()), k.result));
  }
  static unsigned getHashValue(const FuncType *t) { return getHashValue(FuncKey{t->params, t->result}); }
  static bool isEqual(const FuncKey &k, const FuncType *t) {
    if (t == getEmptyKey() || t == getTombstoneKey())
      return false;
    return k.result == t->result && k.params == t->params;
  }
  static bool isEqual(const FuncType *a, const FuncType *b) { return a == b; }
};

struct TypeContext::NamedInfo {
  static NamedType *getEmptyKey() { return llvm::DenseMapInfo<NamedType *>::getEmptyKey(); }
  static NamedType *getTombstoneKey() { return llvm::DenseMapInfo<NamedType *>::getTombstoneKey(); }
  static unsigned getHashValue(const NamedKey &k) {
    return static_cast<unsigned>(
        llvm::hash_combine(k.decl, llvm::hash_combine_range(k.args.begin(), k.args.end())));
  }
  static unsigned getHashValue(const NamedType *t) { return getHashValue(NamedKey{t->decl, t->args}); }
  static bool isEqual(const NamedKey &k, const NamedType *t) {
    if (t == getEmptyKey() || t == getTombstoneKey())
      return false;
    return k.decl == t->decl && k.args == t->args;
  }
  static bool isEqual(const NamedType *a, const NamedType *b) { return a == b; }
};

/// Text of a type for diagnostics: named types of module \p from unqualified,
/// others qualified with their module path (`containers.Stack[int]`).
std::string typeToString(const Type *t, const ModuleAST *from);
/// The fully qualified, canonical text (`main.Pair[int, containers.Stack[string]]`).
std::string typeToQualifiedString(const Type *t);

} // namespace stencil

#endif
