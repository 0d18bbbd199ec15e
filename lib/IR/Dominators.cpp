//===- Dominators.cpp - The dominator tree of an IR function --------------===//
#include "stencil/IR/Dominators.h"
#include "llvm/ADT/SmallVector.h"

using namespace stencil;
using namespace stencil::ir;

DominatorTree::DominatorTree(const Function &f) {
  if (!f.hasBody())
    return;
  // Post-order by an explicit stack (no recursion, whatever the CFG's depth).
  // order_ doubles as the visited set while it holds post-order numbers.
  std::vector<const Block *> post;
  post.reserve(f.blocks().size());
  order_.reserve(f.blocks().size());
  struct Frame {
    const Block *block;
    unsigned next;
  };
  llvm::SmallVector<Frame, 32> stack{{f.getEntry(), 0}};
  order_[f.getEntry()] = 0;
  while (!stack.empty()) {
    Frame &top = stack.back();
    const Inst *term = top.block->getTerminator();
    llvm::ArrayRef<Block *> succs = term ? term->successors() : llvm::ArrayRef<Block *>();
    if (top.next < succs.size()) {
      const Block *s = succs[top.next++];
      if (order_.try_emplace(s, 0).second)
        stack.push_back({s, 0});
      continue;
    }
    post.push_back(top.block);
    stack.pop_back();
  }
  unsigned n = post.size();
  for (unsigned i = 0; i < n; ++i)
    order_[post[i]] = n - 1 - i; // reverse post-order
  // Predecessors by reverse post-order number, in one array (CSR).
  std::vector<unsigned> predStart(n + 1, 0), preds;
  for (const Block *b : post)
    if (const Inst *term = b->getTerminator())
      for (const Block *s : term->successors())
        ++predStart[order_.lookup(s) + 1];
  for (unsigned i = 0; i < n; ++i)
    predStart[i + 1] += predStart[i];
  preds.resize(predStart[n]);
  std::vector<unsigned> fill(predStart.begin(), predStart.end() - 1);
  for (unsigned i = 0; i < n; ++i) {
    const Block *b = post[n - 1 - i];
    if (const Inst *term = b->getTerminator())
      for (const Block *s : term->successors())
        preds[fill[order_.lookup(s)]++] = i;
  }

  constexpr unsigned None = ~0u;
  idom_.assign(n, None);
  idom_[0] = 0;
  auto intersect = [&](unsigned a, unsigned b) {
    while (a != b) {
      while (a > b)
        a = idom_[a];
      while (b > a)
        b = idom_[b];
    }
    return a;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (unsigned i = 1; i < n; ++i) {
      unsigned next = None;
      for (unsigned k = predStart[i]; k < predStart[i + 1]; ++k) {
        unsigned p = preds[k];
        if (idom_[p] == None)
          continue;
        next = next == None ? p : intersect(p, next);
      }
      if (next != None && idom_[i] != next) {
        idom_[i] = next;
        changed = true;
      }
    }
  }
}

bool DominatorTree::dominates(const Block *a, const Block *b) const {
  auto ia = order_.find(a), ib = order_.find(b);
  if (ia == order_.end() || ib == order_.end())
    return false;
  unsigned x = ib->second, target = ia->second;
  while (x > target)
    x = idom_[x];
  return x == target;
}

bool DominatorTree::dominates(const Inst *a, const Inst *b) const {
  if (a->getParent() != b->getParent() || !order_.count(a->getParent()))
    return dominates(a->getParent(), b->getParent()); // false when unreachable
  for (const Inst *i : a->getParent()->insts()) {
    if (i == a)
      return i != b;
    if (i == b)
      return false;
  }
  return false;
}
