//===- Hash.cpp - hash() ----------------------------------------------------===//
//
// XXH3-64 with seed 0 over a canonical byte encoding of the value, so a hash
// is the same in every run, build and machine:
//   int     its 8 bytes, little-endian
//   float   its IEEE-754 bits as an int, after -0.0 becomes +0.0 and every NaN
//           the quiet NaN 0x7ff8000000000000 (so x == y implies equal hashes)
//   bool    one byte, 0 or 1
//   string  its bytes
// The 64-bit result is returned as an int (two's complement).
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"
#include <bit>
#include <cmath>

#define XXH_INLINE_ALL
#include <xxhash.h>

static int64_t hashBytes(const void *data, size_t len) {
  return static_cast<int64_t>(XXH3_64bits(data, len));
}

static int64_t hashLittleEndian(uint64_t value) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i)
    bytes[i] = static_cast<unsigned char>(value >> (8 * i));
  return hashBytes(bytes, sizeof(bytes));
}

int64_t stencil_hash_int(int64_t value) { return hashLittleEndian(static_cast<uint64_t>(value)); }

int64_t stencil_hash_float(double value) {
  uint64_t bits = std::bit_cast<uint64_t>(value);
  if (value == 0.0)
    bits = 0;
  else if (std::isnan(value))
    bits = 0x7ff8000000000000;
  return hashLittleEndian(bits);
}

int64_t stencil_hash_bool(bool value) {
  unsigned char byte = value ? 1 : 0;
  return hashBytes(&byte, 1);
}

int64_t stencil_hash_string(const uint8_t *data, int64_t len) {
  // XXH3 reads nothing when the length is 0, so a null `data` is fine.
  return hashBytes(data, static_cast<size_t>(len));
}
