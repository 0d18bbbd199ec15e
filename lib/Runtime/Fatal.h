//===- Fatal.h - Ending the program with an error -*- C++ -*-===//
//
// Every way the runtime stops a program early: a panic (spec §8) and running
// out of memory. Both flush standard output first, then write to standard
// error, then exit with status 2.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_RUNTIME_FATAL_H
#define STENCIL_LIB_RUNTIME_FATAL_H

#include "Runtime.h"
#include <string_view>

namespace stencil::runtime {

/// Writes `panic: MESSAGE` and `    at FILE:LINE:COL` to standard error and
/// exits with status 2.
[[noreturn]] void panicAt(std::string_view message, const StencilLoc *loc);

/// Writes `fatal error: out of memory` to standard error and exits with
/// status 2.
[[noreturn]] void fatalOutOfMemory();

} // namespace stencil::runtime

#endif // STENCIL_LIB_RUNTIME_FATAL_H
