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
  // By hand: a build record holds tens of thousands of these, and
  // getAsInteger is general (any radix, overflow checks per digit).
  uint64_t words[2] = {0, 0};
  for (size_t i = 0; i < 32; ++i) {
    char c = text[i];
    unsigned d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    words[i / 16] = words[i / 16] << 4 | d;
  }
  out = {words[1], words[0]};
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
