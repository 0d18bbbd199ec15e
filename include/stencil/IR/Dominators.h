//===- Dominators.h - The dominator tree of an IR function ------*- C++ -*-===//
//
// Cooper, Harvey and Kennedy's iterative algorithm ("A Simple, Fast Dominance
// Algorithm") over the blocks in reverse post-order. Built once per question
// set; the IR changes invalidate it.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_IR_DOMINATORS_H
#define STENCIL_IR_DOMINATORS_H

#include "stencil/IR/IR.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace stencil::ir {

class DominatorTree {
public:
  explicit DominatorTree(const Function &f);

  /// Every path from the entry to \p b passes through \p a (a block dominates
  /// itself). False when either block is unreachable.
  bool dominates(const Block *a, const Block *b) const;
  /// The instruction \p a comes before \p b on every path to \p b.
  bool dominates(const Inst *a, const Inst *b) const;

private:
  llvm::DenseMap<const Block *, unsigned> order_; ///< reverse post-order number
  std::vector<unsigned> idom_;                    ///< by reverse post-order number
};

} // namespace stencil::ir

#endif
