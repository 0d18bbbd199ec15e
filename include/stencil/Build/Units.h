//===- Units.h - The program cut into separately compiled units -*- C++ -*-===//
//
// A build directory compiles the program as units (docs/incremental.md): one
// per module (its non-generic functions, methods and variables), one per
// instance of a generic, and the program's entry. Each gets a content key: the
// fingerprint of everything its object code depends on, so a unit whose key
// is in the store is reused without lowering, optimizing or generating it.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BUILD_UNITS_H
#define STENCIL_BUILD_UNITS_H

#include "stencil/Basic/Hashing.h"
#include "stencil/CodeGen/CodeGen.h"
#include "stencil/IR/IR.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <utility>
#include <vector>

namespace stencil {

class SourceManager;

struct CompileUnit {
  enum class Kind { Entry, Module, Instance };
  Kind kind;
  std::string name; ///< the module path, the instance's name, or `<entry>`
  CodeGenUnit code;

  // The content key and what it is made of (the build record keeps them all,
  // so --explain can say which part changed).
  Hash128 key;
  Hash128 codeHash;      ///< the functions' body fingerprints (inlined bodies included)
  Hash128 functionsHash; ///< the names of the unit's functions and variables
  Hash128 layoutsHash;   ///< every struct layout the unit's code uses, field by field
  Hash128 refsHash;      ///< names and types of the other units' functions and variables it uses
  std::vector<std::pair<std::string, Hash128>> inlined; ///< sorted by callee
  /// Not lowered in this build: its key and the rest are the build record's
  /// (an incremental build found nothing in it that changed).
  bool carried = false;

  llvm::StringRef kindName() const;
};

/// Cuts \p m into units: the entry first, then the modules in \p moduleOrder
/// (those with code), then the instances by name. Functions and variables of
/// a module unit are sorted by name, so a unit does not depend on the order
/// in which lowering reached its functions.
std::vector<CompileUnit> partitionProgram(const ir::Module &m, llvm::ArrayRef<std::string> moduleOrder);

/// Fills the keys of \p units, on \p jobs threads. \p codegenOptions is the
/// fingerprint of the compiler version and the code generation options.
void computeUnitKeys(llvm::MutableArrayRef<CompileUnit> units, const ir::Module &m,
                     const SourceManager &sm, const Hash128 &codegenOptions, unsigned jobs = 1);

} // namespace stencil

#endif
