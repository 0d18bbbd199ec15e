//===- Text.h - The text of int, float and bool values -*- C++ -*-===//
//
// One definition of a value's text (spec §6), shared by print (Output.cpp)
// and str (Strings.cpp) so the two can never differ.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_RUNTIME_TEXT_H
#define STENCIL_LIB_RUNTIME_TEXT_H

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace stencil::runtime {

/// Room for any int's text: "-9223372036854775808" is 20 bytes.
constexpr size_t IntTextCapacity = 24;
/// Room for any float's text: the shortest round-trip form is at most 24
/// bytes ("-2.2250738585072014e-308").
constexpr size_t FloatTextCapacity = 32;

/// Writes `value` in decimal into `buf`; returns its length.
inline size_t formatInt(int64_t value, char (&buf)[IntTextCapacity]) {
  return static_cast<size_t>(std::to_chars(buf, buf + IntTextCapacity, value).ptr - buf);
}

/// Writes `value` as std::to_chars(double) with no format does (the shortest
/// text that reads back to the same value: `1`, `0.1`, `1e+100`, `-0`, `inf`,
/// `-inf`), except that every NaN is `nan`; returns its length.
inline size_t formatFloat(double value, char (&buf)[FloatTextCapacity]) {
  if (std::isnan(value)) {
    std::memcpy(buf, "nan", 3);
    return 3;
  }
  return static_cast<size_t>(std::to_chars(buf, buf + FloatTextCapacity, value).ptr - buf);
}

/// `true` or `false`.
inline std::string_view boolText(bool value) { return value ? "true" : "false"; }

} // namespace stencil::runtime

#endif // STENCIL_LIB_RUNTIME_TEXT_H
