//===- Invocation.h - The key of a command line, without LLVM ---*- C++ -*-===//
//
// The launcher (tools/stencilc/Launcher.cpp) answers "up to date" for a build
// directory before the compiler, and LLVM with it, is loaded: it needs the
// same key of the command line as the compiler writes into the build record.
// Both compute it here, from the standard library and xxHash alone.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_DRIVER_INVOCATION_H
#define STENCIL_DRIVER_INVOCATION_H

#include <cstdint>
#include <string>
#include <unistd.h>
#include <vector>

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

namespace stencil {

/// XXH3-128 of the compiler's version, the working directory and the
/// arguments (each length-prefixed), as {low, high}; false when the working
/// directory cannot be read (then no build can be known to be up to date).
inline bool invocationKey(const char *version, const std::vector<std::string> &args,
                          uint64_t &low, uint64_t &high) {
  std::string bytes;
  auto add = [&](const std::string &s) {
    uint64_t n = s.size();
    for (int i = 0; i < 8; ++i)
      bytes += static_cast<char>((n >> (8 * i)) & 0xff);
    bytes += s;
  };
  add("stencilc-invocation 1");
  add(version);
  std::vector<char> cwd(4096);
  while (!getcwd(cwd.data(), cwd.size())) {
    if (cwd.size() > (1u << 20))
      return false;
    cwd.resize(cwd.size() * 2);
  }
  add(cwd.data());
  for (const std::string &a : args)
    add(a);
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  low = h.low64;
  high = h.high64;
  return true;
}

} // namespace stencil

#endif
