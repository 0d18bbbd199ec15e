//===- Inline.h - The inliner policy on the Stencil IR ----------*- C++ -*-===//
//
// Runs after IR build, before LLVM: decides per call site from a cost model
// (docs/inliner.md), honours @inline and @noinline, never inlines recursion,
// turns calls through function values that became known into direct calls
// (and considers those for inlining too), and records in every caller the
// fingerprint of each body it copied.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_INLINE_INLINE_H
#define STENCIL_INLINE_INLINE_H

#include "stencil/Basic/Hashing.h"
#include "stencil/IR/IR.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

namespace stencil {

class SourceManager;

enum class InlineMode { None, Default, Aggressive };

struct InlineOptions {
  InlineMode mode = InlineMode::Default;
  /// The cost threshold; negative for the mode's own (40 default, 200 aggressive).
  int threshold = -1;
  /// Print one remark per decision (`--remarks=inline`).
  bool remarks = false;
};

struct InlineStats {
  unsigned inlined = 0;
  unsigned notInlined = 0;
  unsigned devirtualized = 0;
};

/// The cost threshold of \p mode.
int getDefaultThreshold(InlineMode mode);

/// Inlines in \p m as \p opts says; remarks go to \p remarks, located with
/// \p sm. With InlineMode::None nothing changes.
/// \p components, when given, numbers the strongly connected components of
/// the whole program's call graph by function name: an incremental build
/// inlines in part of the program (docs/incremental.md), and a call is
/// recursive when it closes a cycle through functions it did not lower.
InlineStats inlineModule(ir::Module &m, const InlineOptions &opts, const SourceManager &sm,
                         llvm::raw_ostream &remarks,
                         const llvm::StringMap<unsigned> *components = nullptr);

/// The size the cost model gives \p f (its instructions but allocas).
unsigned inlineSize(const ir::Function &f);

/// The functions \p f calls or uses as values, as the inliner's call graph
/// has them (before inlining, this is what its decisions consider).
void collectCallees(const ir::Function &f, llvm::SmallVectorImpl<const ir::Function *> &out);

/// The fingerprint of a function's body: a structural XXH3-128 over its
/// module, name, type, the bodies it inlined, and every instruction (operands
/// by position, constants, callees and globals by name, panic locations). A
/// caller that inlined the function records it (ir::Function::inlinedBodies).
Hash128 fingerprintBody(const ir::Function &f, const SourceManager &sm);

} // namespace stencil

#endif
