//===- RuntimeTestSupport.h - Helpers for the runtime's unit tests -*- C++ -*-===//
#ifndef STENCIL_UNITTESTS_RUNTIME_RUNTIMETESTSUPPORT_H
#define STENCIL_UNITTESTS_RUNTIME_RUNTIMETESTSUPPORT_H

#include "Runtime.h"
#include <functional>
#include <string>
#include <string_view>

namespace stencil::runtime::test {

/// Everything `body` writes to standard output, through the runtime's stdio
/// buffer, flushed.
std::string captureStdout(const std::function<void()> &body);

/// The bytes of a runtime string.
inline std::string_view view(StencilString s) {
  return {reinterpret_cast<const char *>(s.data), static_cast<size_t>(s.len)};
}

inline const uint8_t *bytes(std::string_view s) {
  return reinterpret_cast<const uint8_t *>(s.data());
}

/// A regular expression (POSIX extended, as death tests use) matching
/// exactly `text`: anchored, every special character escaped.
std::string exactly(std::string_view text);

} // namespace stencil::runtime::test

#endif // STENCIL_UNITTESTS_RUNTIME_RUNTIMETESTSUPPORT_H
