//===- InstanceKey.cpp - Canonical 128-bit keys of generic instances ------===//
//
// The records hashed here are specified byte by byte in docs/instance-cache.md;
// a change to any of them changes every key (and the golden key of the tests).
//
//===----------------------------------------------------------------------===//
#include "stencil/Instantiate/InstanceKey.h"
#include "stencil/AST/AST.h"
#include "stencil/Sema/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/ErrorHandling.h"
#include <cassert>

#define XXH_STATIC_LINKING_ONLY
#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace stencil;

namespace {

/// The first byte of every record: what the record encodes. Values are part of
/// the key format (docs/instance-cache.md); never renumber them.
enum Tag : uint8_t {
  TagInt = 0x01,
  TagFloat = 0x02,
  TagBool = 0x03,
  TagString = 0x04,
  TagVoid = 0x05,
  TagSlice = 0x10,
  TagFunc = 0x11,
  TagNamed = 0x12,
  TagDeclFunc = 0x20,
  TagDeclMethod = 0x21,
  TagDeclType = 0x22,
};

/// The first word of every record: its tag in the low byte and a count (of
/// type arguments, parameters or names; 0 when the record has none) above it.
uint64_t header(Tag tag, size_t count) {
  assert(count < (uint64_t(1) << 56) && "count too large");
  return uint64_t(tag) | uint64_t(count) << 8;
}

/// Writes a record (64-bit little-endian words) into a stack buffer and hashes
/// it in one shot. Words, not bytes: XXH3 reads the buffer in aligned 8-byte
/// loads that the CPU forwards from the 8-byte stores that wrote it (a byte
/// layout made them straddle stores and stall). A record longer than the
/// buffer (a function type with more than 14 parameters,
/// an instance with more than 15 type arguments) streams through an XXH3
/// state on the stack, which gives the same hash as one shot over the same
/// bytes. Never allocates.
class RecordHasher {
public:
  void addWord(uint64_t v) {
    if (len_ == kWords)
      flush();
    words_[len_++] = llvm::support::endian::byte_swap(v, llvm::endianness::little);
  }
  void addHash(Hash128 h) {
    addWord(h.low);
    addWord(h.high);
  }
  Hash128 finish() {
    if (!streaming_) {
      XXH128_hash_t h = XXH3_128bits(words_, len_ * 8);
      return {h.low64, h.high64};
    }
    XXH3_128bits_update(&state_, words_, len_ * 8);
    XXH128_hash_t h = XXH3_128bits_digest(&state_);
    return {h.low64, h.high64};
  }

private:
  static constexpr size_t kWords = 32;
  void flush() {
    if (!streaming_) {
      XXH3_128bits_reset(&state_);
      streaming_ = true;
    }
    XXH3_128bits_update(&state_, words_, len_ * 8);
    len_ = 0;
  }

  uint64_t words_[kWords];
  size_t len_ = 0;
  bool streaming_ = false;
  XXH3_state_t state_; // initialized only when a record overflows words_ (> 14 components)
};

Tag basicTag(Type::Kind k) {
  switch (k) {
  case Type::Kind::Int:
    return TagInt;
  case Type::Kind::Float:
    return TagFloat;
  case Type::Kind::Bool:
    return TagBool;
  case Type::Kind::String:
    return TagString;
  case Type::Kind::Void:
    return TagVoid;
  case Type::Kind::Error:
  case Type::Kind::Slice:
  case Type::Kind::Func:
  case Type::Kind::Named:
  case Type::Kind::TypeParam:
    break;
  }
  llvm_unreachable("not a basic type with a key");
}

/// The types \p t is made of, whose hashes its record holds.
llvm::SmallVector<const Type *, 4> components(const Type *t) {
  assert(!t->isError() && !llvm::isa<TypeParamType>(t) &&
         "keys are for concrete, valid types: no type parameter, no error type");
  llvm::SmallVector<const Type *, 4> out;
  anyPart(t, [&](const Type *part) {
    out.push_back(part);
    return false;
  });
  return out;
}

} // namespace

Hash128 KeyContext::computeTypeHash(const Type *root) {
  assert(root && !root->hasTypeParams() && !root->isError() &&
         "keys are for concrete instances: no type parameter, no error type");
  // Post-order over the components not yet memoized: a type is hashed once
  // all of its components are, so deep types need no recursion.
  llvm::SmallVector<const Type *, 8> work{root};
  while (!work.empty()) {
    const Type *t = work.back();
    if (typeHashes_.count(t)) {
      work.pop_back();
      continue;
    }
    bool ready = true;
    for (const Type *c : components(t)) {
      if (!typeHashes_.count(c)) {
        work.push_back(c);
        ready = false;
      }
    }
    if (!ready)
      continue;
    work.pop_back();

    RecordHasher r;
    switch (t->getKind()) {
    case Type::Kind::Int:
    case Type::Kind::Float:
    case Type::Kind::Bool:
    case Type::Kind::String:
    case Type::Kind::Void:
      r.addWord(header(basicTag(t->getKind()), 0));
      break;
    case Type::Kind::Slice:
      r.addWord(header(TagSlice, 0));
      r.addHash(typeHashes_.lookup(llvm::cast<SliceType>(t)->elem));
      break;
    case Type::Kind::Func: {
      auto *f = llvm::cast<FuncType>(t);
      r.addWord(header(TagFunc, f->params.size()));
      for (const Type *p : f->params)
        r.addHash(typeHashes_.lookup(p));
      r.addHash(typeHashes_.lookup(f->result));
      break;
    }
    case Type::Kind::Named: {
      auto *n = llvm::cast<NamedType>(t);
      r.addWord(header(TagNamed, n->args.size()));
      r.addHash(getDeclHash(n->decl));
      for (const Type *a : n->args)
        r.addHash(typeHashes_.lookup(a));
      break;
    }
    case Type::Kind::Error:
    case Type::Kind::TypeParam:
      llvm_unreachable("keys are for concrete, valid types");
    }
    typeHashes_[t] = r.finish();
  }
  return typeHashes_.lookup(root);
}

Hash128 KeyContext::getDeclHash(const Decl *d) {
  auto it = declHashes_.find(d);
  if (it != declHashes_.end())
    return it->second;
  assert(d->module && "a generic declaration belongs to a checked module");
  Hasher h;
  if (auto *f = llvm::dyn_cast<FuncDecl>(d)) {
    if (f->isMethod) {
      assert(f->receiverDecl && "a method's receiver type is resolved by Sema");
      h.addU64(header(TagDeclMethod, 3)).addString(d->module->modulePath);
      h.addString(f->receiverDecl->name.name).addString(f->name.name);
    } else {
      h.addU64(header(TagDeclFunc, 2)).addString(d->module->modulePath).addString(f->name.name);
    }
  } else {
    assert(llvm::isa<TypeDecl>(d) && "only functions, methods and types have instances");
    h.addU64(header(TagDeclType, 2)).addString(d->module->modulePath).addString(d->name.name);
  }
  h.addU64(getNumInstanceTypeParams(d)); // so the hash fixes an instance record's length
  Hash128 result = h.finish();
  declHashes_[d] = result;
  return result;
}

// An instance record has no header: the declaration hash fixes the number of
// arguments (the declaration record holds it), and its length, 16 * (n + 1)
// bytes, is never a type record's (8 + 16 * k).
Hash128 KeyContext::getInstanceKey(Hash128 declHash, llvm::ArrayRef<const Type *> args) {
  // The hot path of every request: the record in one stack array, one XXH3.
  constexpr size_t kMaxArgs = 15;
  if (LLVM_UNLIKELY(args.size() > kMaxArgs))
    return getLongInstanceKey(declHash, args);
  using llvm::support::endian::byte_swap;
  constexpr auto LE = llvm::endianness::little;
  uint64_t words[2 + 2 * kMaxArgs];
  words[0] = byte_swap(declHash.low, LE);
  words[1] = byte_swap(declHash.high, LE);
  uint64_t *w = words + 2;
  for (const Type *a : args) {
    Hash128 h = getTypeHash(a);
    *w++ = byte_swap(h.low, LE);
    *w++ = byte_swap(h.high, LE);
  }
  XXH128_hash_t h = XXH3_128bits(words, (w - words) * sizeof(uint64_t));
  return {h.low64, h.high64};
}

Hash128 KeyContext::getLongInstanceKey(Hash128 declHash, llvm::ArrayRef<const Type *> args) {
  RecordHasher r;
  r.addHash(declHash);
  for (const Type *a : args)
    r.addHash(getTypeHash(a));
  return r.finish();
}

Hash128 KeyContext::getInstanceKey(const Decl *generic, llvm::ArrayRef<const Type *> args) {
  assert(args.size() == getNumInstanceTypeParams(generic) && "one type argument per parameter");
  return getInstanceKey(getDeclHash(generic), args);
}

unsigned stencil::getNumInstanceTypeParams(const Decl *generic) {
  if (auto *f = llvm::dyn_cast<FuncDecl>(generic)) {
    if (!f->isMethod)
      return f->typeParams.size();
    return f->receiverDecl ? f->receiverDecl->typeParams.size() : f->receiver.typeParams.size();
  }
  if (auto *t = llvm::dyn_cast<TypeDecl>(generic))
    return t->typeParams.size();
  llvm_unreachable("only functions, methods and types have instances");
}

std::string stencil::getGenericName(const Decl *generic) {
  std::string out = generic->module ? generic->module->modulePath : std::string("?");
  out += '.';
  if (auto *f = llvm::dyn_cast<FuncDecl>(generic); f && f->isMethod) {
    out += f->receiverDecl ? f->receiverDecl->name.name : f->receiver.typeName.name;
    out += '.';
  }
  out += generic->name.name;
  return out;
}
