//===- ObjectStore.h - Content-addressed compiled code ----------*- C++ -*-===//
//
// The store behind a build directory (docs/incremental.md): get/put of an
// object file by its 128-bit content key, nothing else. Each artifact is the
// object file followed by a trailer (magic, key, XXH3-128 of the object), so
// it is self-contained, checkable without any index, and still a valid input
// for the linker. Written as a temporary file, then renamed; a reader never
// sees half an artifact, and one that is truncated, corrupt or foreign is
// reported and rebuilt, never trusted.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BUILD_OBJECTSTORE_H
#define STENCIL_BUILD_OBJECTSTORE_H

#include "stencil/Basic/Hashing.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace stencil {

/// Hash128 in DenseSet/DenseMap.
struct Hash128Info {
  static Hash128 getEmptyKey() { return {~0ull, ~0ull}; }
  static Hash128 getTombstoneKey() { return {~0ull - 1, ~0ull}; }
  static unsigned getHashValue(const Hash128 &h) { return static_cast<unsigned>(h.low); }
  static bool isEqual(const Hash128 &a, const Hash128 &b) { return a == b; }
};
using Hash128Set = llvm::DenseSet<Hash128, Hash128Info>;

class ObjectStore {
public:
  /// The store in directory \p dir (created by put when missing).
  explicit ObjectStore(std::string dir) : dir_(std::move(dir)) {}

  /// Where the artifact of \p key lives: DIR/ab/<32 hex digits>.o.
  std::string pathFor(const Hash128 &key) const;

  /// Stores \p object under \p key, atomically.
  llvm::Error put(const Hash128 &key, llvm::StringRef object) const;

  enum class Status { Valid, Missing, Corrupt };
  /// Whether the artifact of \p key is there and intact; for Corrupt,
  /// \p problem says what is wrong. A valid artifact is marked used now
  /// (its modification time: the least recently used go first).
  Status check(const Hash128 &key, std::string *problem) const;

  struct Entry {
    Hash128 key;
    uint64_t size;
    llvm::sys::TimePoint<> lastUse;
  };
  /// Every artifact of the store (files that are not artifacts are skipped).
  std::vector<Entry> list() const;

  struct Eviction {
    uint64_t entriesBefore = 0, bytesBefore = 0;
    uint64_t entries = 0, bytes = 0; ///< after
    uint64_t evicted = 0;
  };
  /// Removes the least recently used artifacts that are not in \p inUse until
  /// the store holds at most \p maxBytes (in use ones are never removed, so it
  /// may stay over).
  Eviction evict(uint64_t maxBytes, const Hash128Set &inUse) const;

  /// Removes temporaries that an interrupted build left (call under the lock).
  void removeTemporaries() const;

  /// The trailer's size, in bytes.
  static constexpr size_t kTrailerSize = 8 + 16 + 16;

private:
  std::string dir_;
};

} // namespace stencil

#endif
