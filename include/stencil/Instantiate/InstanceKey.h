//===- InstanceKey.h - Canonical 128-bit keys of generic instances -*- C++ -*-===//
//
// The key of an instance (a generic function, a method of a generic type or a
// generic type, at concrete type arguments) is an XXH3-128 over a canonical
// byte encoding of the generic declaration's identity and of its type
// arguments. It depends only on module paths, names and type structure, never
// on pointers or type ids, so the same instance gets the same key from any
// module, in any order, in any build. docs/instance-cache.md gives the encoding
// byte by byte.
//
// Every type's canonical hash is computed once, from its components' hashes,
// and memoized in the KeyContext; an instance key is then one XXH3 over a small
// stack buffer: the declaration's 16-byte hash and one 16-byte hash per type
// argument.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_INSTANTIATE_INSTANCEKEY_H
#define STENCIL_INSTANTIATE_INSTANCEKEY_H

#include "stencil/Basic/Hashing.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <string>

namespace stencil {

class Decl;
class Type;

/// Hashes the memo tables' pointer keys with a multiply (LLVM's default,
/// `(p >> 4) ^ (p >> 9)`, clusters arena-allocated types into long probe
/// chains). Only the in-memory tables use pointers; no key ever does.
template <typename T> struct MixedPointerInfo : llvm::DenseMapInfo<T *> {
  static unsigned getHashValue(const T *p) {
    return static_cast<unsigned>((reinterpret_cast<uintptr_t>(p) * 0x9e3779b97f4a7c15ull) >> 32);
  }
  static bool isEqual(const T *a, const T *b) { return a == b; }
};

/// Memoized canonical hashes of types and generic declarations, and the keys
/// built from them. One per compilation (not global state); a KeyContext may
/// see types of several TypeContexts, since it keys its memo tables by object
/// and the hashes depend only on names and structure.
class KeyContext {
public:
  KeyContext() = default;
  KeyContext(const KeyContext &) = delete;
  KeyContext &operator=(const KeyContext &) = delete;

  /// The canonical hash of a concrete type (no type parameter, not the error
  /// type). Computed once per type, without recursion.
  LLVM_ATTRIBUTE_ALWAYS_INLINE Hash128 getTypeHash(const Type *t) {
    auto it = typeHashes_.find(t);
    if (it != typeHashes_.end())
      return it->second;
    return computeTypeHash(t);
  }

  /// The canonical identity hash of a generic declaration: a function
  /// (module path, name), a method (module path, type name, method name) or
  /// a type (module path, name). Memoized.
  Hash128 getDeclHash(const Decl *d);

  /// The key of the instance of the declaration whose identity hash is
  /// \p declHash at the concrete type arguments \p args (for a method of a
  /// generic type: the type's arguments). Allocates nothing.
  Hash128 getInstanceKey(Hash128 declHash, llvm::ArrayRef<const Type *> args);
  Hash128 getInstanceKey(const Decl *generic, llvm::ArrayRef<const Type *> args);

  unsigned getNumMemoizedTypes() const { return typeHashes_.size(); }

private:
  Hash128 computeTypeHash(const Type *t);
  /// A key whose record does not fit the stack array (streamed); kept out of
  /// line so that the common path has a small frame.
  LLVM_ATTRIBUTE_NOINLINE Hash128 getLongInstanceKey(Hash128 declHash,
                                                     llvm::ArrayRef<const Type *> args);

  llvm::DenseMap<const Type *, Hash128, MixedPointerInfo<const Type>> typeHashes_;
  llvm::DenseMap<const Decl *, Hash128, MixedPointerInfo<const Decl>> declHashes_;
};

/// The number of type parameters an instance of \p generic takes: a function's
/// own, a method's receiver type's, a type's.
unsigned getNumInstanceTypeParams(const Decl *generic);

/// The qualified name of a generic declaration, as its identity reads:
/// `containers.max`, `containers.Stack.push`, `main.Pair`.
std::string getGenericName(const Decl *generic);

} // namespace stencil

#endif
