//===- Hashing.h - XXH3-128 fingerprints and keys ---------------*- C++ -*-===//
//
// Every fingerprint and cache key in Stencil is an XXH3-128 hash. Hash128 is the
// value; Hasher builds one from a canonical byte encoding, feeding fixed-width
// little-endian integers and length-prefixed strings, so that no two different
// sequences of fields give the same byte stream.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BASIC_HASHING_H
#define STENCIL_BASIC_HASHING_H

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <cstring>
#include <cstdint>
#include <string>
#include <utility>

namespace stencil {

struct Hash128 {
  uint64_t low = 0;
  uint64_t high = 0;

  friend bool operator==(const Hash128 &a, const Hash128 &b) {
    return a.low == b.low && a.high == b.high;
  }
  friend bool operator!=(const Hash128 &a, const Hash128 &b) { return !(a == b); }
  friend bool operator<(const Hash128 &a, const Hash128 &b) {
    return a.high != b.high ? a.high < b.high : a.low < b.low;
  }
  /// 32 lower-case hex digits, high half first (as XXH128's canonical form).
  std::string toHex() const;
  /// Parses toHex()'s form; false on malformed text.
  static bool fromHex(llvm::StringRef text, Hash128 &out);

  /// Abseil hashing: the key is already a uniform hash, so its low half is enough.
  template <typename H> friend H AbslHashValue(H h, const Hash128 &k) {
    return H::combine(std::move(h), k.low);
  }
};

/// XXH3-128 of a byte range, in one shot.
Hash128 hash128(const void *data, size_t size);
inline Hash128 hash128(llvm::StringRef bytes) { return hash128(bytes.data(), bytes.size()); }

/// An incremental XXH3-128 over a canonical encoding. Small fields gather in
/// a buffer that goes to XXH3 in blocks (the hash of a byte stream does not
/// depend on how it was cut), so hashing a field costs a copy, not a call.
class Hasher {
public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher &) = delete;
  Hasher &operator=(const Hasher &) = delete;

  Hasher &addBytes(const void *data, size_t size) {
    if (size == 0)
      return *this; // data may be null (an empty StringRef), which memcpy must not see
    if (size <= kBufferSize - len_) {
      std::memcpy(buf_ + len_, data, size);
      len_ += size;
      return *this;
    }
    return addLarge(data, size);
  }
  Hasher &addU8(uint8_t v) { return addBytes(&v, 1); }
  Hasher &addU32(uint32_t v) {
    uint8_t b[4] = {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)};
    return addBytes(b, 4);
  }
  Hasher &addU64(uint64_t v) { return addU32(uint32_t(v)).addU32(uint32_t(v >> 32)); }
  /// Length-prefixed, so ("ab","c") and ("a","bc") differ.
  Hasher &addString(llvm::StringRef s) { return addU64(s.size()).addBytes(s.data(), s.size()); }
  Hasher &addHash(const Hash128 &h) { return addU64(h.low).addU64(h.high); }
  Hash128 finish() const;

private:
  static constexpr size_t kBufferSize = 512;
  Hasher &addLarge(const void *data, size_t size);
  void flush() const;

  void *state_; // XXH3_state_t, allocated aligned by xxHash
  mutable size_t len_ = 0;
  mutable uint8_t buf_[kBufferSize];
};

} // namespace stencil

#endif
