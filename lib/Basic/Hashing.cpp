//===- Hashing.cpp - XXH3-128 through libxxhash ---------------------------===//
#include "stencil/Basic/Hashing.h"
#include "llvm/Support/Endian.h"
#include <cassert>
#include <cstdio>

#define XXH_STATIC_LINKING_ONLY
#define XXH_INLINE_ALL
#include <xxhash.h>

using namespace stencil;

static XXH3_state_t *state(void *p) { return static_cast<XXH3_state_t *>(p); }

std::string Hash128::toHex() const {
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low));
  return std::string(buf, 32);
}

bool Hash128::fromHex(llvm::StringRef text, Hash128 &out) {
  if (text.size() != 32)
    return false;
  uint64_t hi, lo;
  if (text.substr(0, 16).getAsInteger(16, hi) || text.substr(16).getAsInteger(16, lo))
    return false;
  out = {lo, hi};
  return true;
}

Hash128 stencil::hash128(const void *data, size_t size) {
  XXH128_hash_t h = XXH3_128bits(data, size);
  return {h.low64, h.high64};
}

Hasher::Hasher() : state_(XXH3_createState()) {
  assert(state_ && "out of memory");
  XXH3_128bits_reset(state(state_));
}

Hasher::~Hasher() { XXH3_freeState(state(state_)); }

void Hasher::flush() const {
  XXH3_128bits_update(state(state_), buf_, len_);
  len_ = 0;
}

Hasher &Hasher::addLarge(const void *data, size_t size) {
  flush();
  if (size >= kBufferSize) {
    XXH3_128bits_update(state(state_), data, size);
    return *this;
  }
  std::memcpy(buf_, data, size);
  len_ = size;
  return *this;
}

Hash128 Hasher::finish() const {
  flush();
  XXH128_hash_t h = XXH3_128bits_digest(state(state_));
  return {h.low64, h.high64};
}
