//===- Driver.h - The stencilc command line ---------------------*- C++ -*-===//
#ifndef STENCIL_DRIVER_DRIVER_H
#define STENCIL_DRIVER_DRIVER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace stencil {

/// Exit statuses of stencilc (design.md: the driver).
enum ExitStatus : int {
  ExitSuccess = 0,
  ExitCompileError = 1, ///< the program has errors
  ExitUsage = 2,        ///< bad command line, unreadable input, internal failure
};

/// Runs stencilc with \p args (without the program name). Output goes to \p out
/// (dumps) and \p err (diagnostics). Never calls exit().
int runCompiler(llvm::ArrayRef<std::string> args, llvm::raw_ostream &out, llvm::raw_ostream &err);

} // namespace stencil

#endif
