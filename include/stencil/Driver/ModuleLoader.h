//===- ModuleLoader.h - Find, read and parse every imported module -*- C++ -*-===//
#ifndef STENCIL_DRIVER_MODULELOADER_H
#define STENCIL_DRIVER_MODULELOADER_H

#include "stencil/AST/AST.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>
#include <vector>

namespace stencil {

class SourceManager;
class DiagnosticEngine;

/// Per-phase wall time of loading, for --time-report.
struct LoadTimes {
  double lexSeconds = 0, parseSeconds = 0;
  uint64_t lines = 0, bytes = 0;
};

/// Every module of a program, dependencies before the modules importing them
/// (the main module last). Owns the ASTs.
struct LoadedProgram {
  std::vector<std::unique_ptr<ModuleAST>> modules;
  ModuleAST *mainModule = nullptr;
  /// Files an import looked for and did not find before the one it found:
  /// if one appears, the program changes (the build directory checks them).
  std::vector<std::string> absentPaths;
  /// True when the main file could not be read (a usage error, exit status 2).
  bool mainUnreadable = false;
};

struct LoaderOptions {
  std::string mainFile;
  std::vector<std::string> includeDirs; ///< -I, searched after the main file's directory
};

/// Reads the main file and, through a worklist, every module it imports
/// (language.md §4): `import "a/b"` is the file a/b.stn under the main file's
/// directory or an -I directory, the first found. Reports missing modules and
/// import cycles (naming the cycle) at the import. Modules are identified by
/// their real path, so two routes to one file give one module.
LoadedProgram loadProgram(const LoaderOptions &opts, SourceManager &sm, DiagnosticEngine &diags,
                          LoadTimes *times = nullptr);

} // namespace stencil

#endif
