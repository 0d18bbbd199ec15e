//===- Incremental.h - The front end of a build with a build directory ------===//
//
// With a build record from an earlier build, only part of the program is
// checked, lowered and inlined again (docs/incremental.md, "The front end"):
// a module is re-checked when its source or the interface of a module it
// imports changed; a function is lowered again when its code can have
// changed, or when a unit that must be generated again holds it, or when a
// function that changed is its callee that it may inline; every other
// function is only declared, and its unit's object is reused by the key the
// record holds. Without a record (or with other options) the whole program
// is built, the same way.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_DRIVER_INCREMENTAL_H
#define STENCIL_LIB_DRIVER_INCREMENTAL_H

#include "stencil/Build/BuildRecord.h"
#include "stencil/Build/ObjectStore.h"
#include "stencil/Build/Units.h"
#include "stencil/Inline/Inline.h"
#include "stencil/Instantiate/Lower.h"
#include "stencil/Driver/ModuleLoader.h"
#include <memory>
#include <vector>

namespace stencil {

class DiagnosticEngine;
class SourceManager;
class TypeContext;

/// What checking an importer of \p m can depend on: its source without the
/// bodies of its functions. (Generic and `@inline` bodies reach importers'
/// code only through instances and inlining, which the build tracks function
/// by function; checking never reads them.)
Hash128 interfaceFingerprint(const ModuleAST &m, const SourceManager &sm);

struct FrontEndInput {
  LoadedProgram &program;
  SourceManager &sm;
  TypeContext &types;
  DiagnosticEngine &diags;
  const LowerOptions &lower;
  const InlineOptions &inliner;
  llvm::raw_ostream &remarks;
  /// The last build's record (null: build everything), with the same options.
  const BuildRecord *record;
  /// To find the units whose objects are gone (they are built again).
  ObjectStore &store;
};

struct FrontEndResult {
  std::unique_ptr<IRInstanceCache> cache;
  std::unique_ptr<ir::Module> ir;
  /// In link order: the entry, modules in dependency order, instances by
  /// name. Carried units have the record's key and no code.
  std::vector<CompileUnit> units;
  /// The record's functions for the next build (unit: into units).
  std::vector<BuildRecord::Function> functions;
  std::vector<Hash128> interfaces; ///< per module of the program, in order
  unsigned modulesInvalidated = 0; ///< source or an imported interface changed
  unsigned modulesChecked = 0;     ///< whose function bodies were checked
  unsigned functionsLowered = 0, functions_ = 0;
  unsigned rounds = 0;
  bool partial = false;
  InlineStats inlineStats;
  double checkSeconds = 0, irSeconds = 0, inlineSeconds = 0;
};

/// Checks, lowers and inlines what the build needs. False after errors were
/// reported (or an internal error: then \p internalError is set).
bool runFrontEnd(FrontEndInput &in, FrontEndResult &out, bool &internalError);

} // namespace stencil

#endif
