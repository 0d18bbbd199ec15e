//===- Link.h - Linking executables and running them (private) --*- C++ -*-===//
#ifndef STENCIL_LIB_DRIVER_LINK_H
#define STENCIL_LIB_DRIVER_LINK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace stencil {

class DiagnosticEngine;

/// Links \p objects with the runtime (lib/Runtime) into the executable
/// \p output, through the compiler driver found at configure time (clang-19
/// with lld). The executable appears atomically: it is linked under a
/// temporary name beside \p output, then renamed; a failed link leaves
/// nothing. Reports failures to \p diags.
/// Many objects go to the linker in a response file.
bool linkExecutable(llvm::ArrayRef<std::string> objects, llvm::StringRef output,
                    DiagnosticEngine &diags);

/// Runs \p exe with \p args, standard streams inherited, and returns its exit
/// status (128 + N when it was killed by signal N, as a shell reports it), or
/// -1 after reporting that it could not be started.
int runProgram(llvm::StringRef exe, llvm::ArrayRef<std::string> args, DiagnosticEngine &diags);

/// Writes \p text to \p path atomically (temporary file, then rename); a path
/// that exists and is not a regular file (/dev/null) is written in place.
bool writeFileAtomically(llvm::StringRef path, llvm::StringRef text, DiagnosticEngine &diags);

} // namespace stencil

#endif
