//===- InstanceCache.h - The signature-hashed instance cache ----*- C++ -*-===//
//
// Maps an instance key (InstanceKey.h) to the instance (later: an IR function
// or struct layout) and counts, per generic declaration, requests, hits,
// misses and unique instances.
//
//   InstanceCache<IRFunction *> cache;
//   GenericSlot &max = cache.getGeneric(maxDecl);     // once per declaration
//   ...
//   Hash128 key = cache.getKey(max, typeArgs);         // per request
//   auto r = cache.lookupOrInsert(max, key);
//   if (!r.hit)
//     r.entry->value = createInstance(...);             // a miss: make it now
//
// The per-declaration record (a GenericSlot) holds the declaration's identity
// hash and its counters. The caller fetches it once per generic declaration
// (one map lookup) and keeps the reference, so a request touches no map but
// the key index: computing the key costs one memoized hash lookup per type
// argument plus one XXH3 over a stack buffer, and counting is an increment
// through the slot. A hit allocates nothing.
//
// Entries live in a vector in first-request order, indexed by an
// absl::flat_hash_map from key to position: iteration (for --stats and for
// printing) is deterministic, and an entry's index (InstanceId) stays valid
// forever, while an Entry pointer is valid only until the next insertion.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_INSTANTIATE_INSTANCECACHE_H
#define STENCIL_INSTANTIATE_INSTANCECACHE_H

#include "absl/container/flat_hash_map.h"
#include "stencil/Basic/Hashing.h"
#include "stencil/Instantiate/InstanceKey.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/raw_ostream.h"
#include <cassert>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

namespace stencil {

class Decl;
class Type;

/// The counters of one generic declaration (or of a whole cache).
/// requests == hits + misses; every miss inserts one instance, so unique ==
/// misses in one cache (both are kept: they are what --stats reports).
struct InstanceStats {
  uint64_t requests = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t unique = 0;

  InstanceStats &operator+=(const InstanceStats &o) {
    requests += o.requests;
    hits += o.hits;
    misses += o.misses;
    unique += o.unique;
    return *this;
  }
  friend bool operator==(const InstanceStats &, const InstanceStats &) = default;
};

/// One generic declaration's record in a cache: its identity hash (computed
/// once) and its counters. Owned by the cache; its address is stable.
class GenericSlot {
public:
  GenericSlot(const Decl *decl, Hash128 declHash, unsigned numTypeParams)
      : decl_(decl), declHash_(declHash), numTypeParams_(numTypeParams) {}
  GenericSlot(const GenericSlot &) = delete;
  GenericSlot &operator=(const GenericSlot &) = delete;

  const Decl *getDecl() const { return decl_; }
  Hash128 getDeclHash() const { return declHash_; }
  unsigned getNumTypeParams() const { return numTypeParams_; }
  const InstanceStats &getStats() const { return stats_; }

private:
  template <typename V> friend class InstanceCache;
  const Decl *decl_;
  Hash128 declHash_;
  unsigned numTypeParams_;
  InstanceStats stats_;
};

/// The position of an entry in its cache, in first-request order.
using InstanceId = uint32_t;

/// The part of a cache that does not depend on the value type: keys and the
/// per-declaration slots.
class InstanceCacheBase {
public:
  InstanceCacheBase() = default;
  InstanceCacheBase(const InstanceCacheBase &) = delete;
  InstanceCacheBase &operator=(const InstanceCacheBase &) = delete;

  KeyContext &getKeys() { return keys_; }

  /// The slot of \p generic, made on first use. Fetch it once per declaration
  /// and keep the reference.
  GenericSlot &getGeneric(const Decl *generic);
  /// The slot of \p generic, or null when it was never requested.
  const GenericSlot *findGeneric(const Decl *generic) const { return slotOf_.lookup(generic); }

  /// The key of the instance of \p g at \p args (concrete types).
  Hash128 getKey(const GenericSlot &g, llvm::ArrayRef<const Type *> args) {
    assert(args.size() == g.getNumTypeParams() && "one type argument per parameter");
    return keys_.getInstanceKey(g.getDeclHash(), args);
  }

  /// Every slot, in first-request order (deterministic for a given program and
  /// request order).
  const std::deque<GenericSlot> &generics() const { return slots_; }
  /// The sum over every declaration.
  InstanceStats getTotals() const;

  /// One line per declaration in first-request order, then the totals:
  ///   containers.Stack.push: requests 3, hits 2, misses 1, unique 1
  void printStats(llvm::raw_ostream &os) const;
  void dumpStats() const;

private:
  KeyContext keys_;
  std::deque<GenericSlot> slots_; // stable addresses
  llvm::DenseMap<const Decl *, GenericSlot *> slotOf_;
};

template <typename V> class InstanceCache : public InstanceCacheBase {
public:
  struct Entry {
    Hash128 key;
    GenericSlot *generic;
    V value;
  };
  struct LookupResult {
    Entry *entry; ///< valid until the next insertion
    InstanceId id;
    bool hit;
  };

  /// Counts a request for the instance of \p g with key \p key. A hit returns
  /// the existing entry and allocates nothing; a miss inserts an entry whose
  /// value is constructed from \p args (only then) and counts a new instance.
  template <typename... Args>
  LookupResult lookupOrInsert(GenericSlot &g, Hash128 key, Args &&...args) {
    ++g.stats_.requests;
    auto it = index_.find(key);
    if (LLVM_LIKELY(it != index_.end())) {
      ++g.stats_.hits;
      Entry &e = entries_[it->second];
      assert(e.generic == &g && "one key for instances of two declarations");
      return {&e, it->second, true};
    }
    ++g.stats_.misses;
    ++g.stats_.unique;
    auto id = static_cast<InstanceId>(entries_.size());
    index_.emplace(key, id);
    entries_.push_back(Entry{key, &g, V(std::forward<Args>(args)...)});
    return {&entries_.back(), id, false};
  }
  /// The same through the declaration (one more map lookup, for the slot).
  template <typename... Args>
  LookupResult lookupOrInsert(const Decl *generic, Hash128 key, Args &&...args) {
    return lookupOrInsert(getGeneric(generic), key, std::forward<Args>(args)...);
  }

  /// The entry with \p key, without counting a request; null when absent.
  const Entry *find(Hash128 key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second];
  }
  Entry &operator[](InstanceId id) { return entries_[id]; }
  const Entry &operator[](InstanceId id) const { return entries_[id]; }

  /// Every entry, in first-request order.
  llvm::ArrayRef<Entry> entries() const { return entries_; }
  size_t size() const { return entries_.size(); }

private:
  /// A key is already a uniform hash: its low half is the table's hash as is
  /// (absl's default would mix it once more).
  struct KeyHash {
    size_t operator()(const Hash128 &k) const { return static_cast<size_t>(k.low); }
  };
  absl::flat_hash_map<Hash128, InstanceId, KeyHash> index_;
  std::vector<Entry> entries_;
};

} // namespace stencil

#endif
