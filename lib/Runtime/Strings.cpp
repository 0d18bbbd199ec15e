//===- Strings.cpp - Concatenation, comparison and str() -------------------===//
//
// Strings are immutable, so a result may share bytes with an operand or with
// constant data: concatenation with "" returns the other operand, and
// str(bool) points at a constant. New bytes are pointer-free GC memory.
//
//===----------------------------------------------------------------------===//
#include "Memory.h"
#include "Runtime.h"
#include "Text.h"
#include <algorithm>
#include <cstring>

using namespace stencil::runtime;

/// A new GC string holding a copy of `len` (> 0) bytes of `text`.
static StencilString copyText(const char *text, size_t len) {
  auto *data = static_cast<uint8_t *>(allocateText(len));
  std::memcpy(data, text, len);
  return {data, static_cast<int64_t>(len)};
}

void stencil_str_concat(StencilString *out, const uint8_t *a, int64_t aLen, const uint8_t *b,
                        int64_t bLen) {
  if (aLen == 0) {
    *out = {b, bLen};
    return;
  }
  if (bLen == 0) {
    *out = {a, aLen};
    return;
  }
  uint64_t len = static_cast<uint64_t>(aLen) + static_cast<uint64_t>(bLen);
  auto *data = static_cast<uint8_t *>(allocateText(len));
  std::memcpy(data, a, static_cast<size_t>(aLen));
  std::memcpy(data + aLen, b, static_cast<size_t>(bLen));
  *out = {data, static_cast<int64_t>(len)};
}

int64_t stencil_str_compare(const uint8_t *a, int64_t aLen, const uint8_t *b, int64_t bLen) {
  int64_t common = std::min(aLen, bLen);
  if (common > 0 && a != b) {
    int c = std::memcmp(a, b, static_cast<size_t>(common));
    if (c != 0)
      return c < 0 ? -1 : 1;
  }
  if (aLen == bLen)
    return 0;
  return aLen < bLen ? -1 : 1;
}

bool stencil_str_equal(const uint8_t *a, int64_t aLen, const uint8_t *b, int64_t bLen) {
  if (aLen != bLen)
    return false;
  return aLen == 0 || a == b || std::memcmp(a, b, static_cast<size_t>(aLen)) == 0;
}

void stencil_str_from_int(StencilString *out, int64_t value) {
  char buf[IntTextCapacity];
  *out = copyText(buf, formatInt(value, buf));
}

void stencil_str_from_float(StencilString *out, double value) {
  char buf[FloatTextCapacity];
  *out = copyText(buf, formatFloat(value, buf));
}

void stencil_str_from_bool(StencilString *out, bool value) {
  std::string_view text = boolText(value);
  *out = {reinterpret_cast<const uint8_t *>(text.data()), static_cast<int64_t>(text.size())};
}
