//===- Dominators.cpp - The dominator tree of an IR function --------------===//
#include "stencil/IR/Dominators.h"
#include "llvm/ADT/SmallVector.h"

using namespace stencil;
using namespace stencil::ir;

DominatorTree::DominatorTree(const Function &f) {
  if (!f.hasBody())
    return;
  // Post-order by an explicit stack (no recursion, whatever the CFG's depth).
  std::vector<const Block *> post;
  llvm::DenseMap<const Block *, bool> visited;
  struct Frame {
    const Block *block;
    unsigned next;
  };
  llvm::SmallVector<Frame, 32> stack{{f.getEntry(), 0}};
  visited[f.getEntry()] = true;
  while (!stack.empty()) {
    Frame &top = stack.back();
    const Inst *term = top.block->getTerminator();
    llvm::ArrayRef<Block *> succs = term ? term->successors() : llvm::ArrayRef<Block *>();
    if (top.next < succs.size()) {
      const Block *s = succs[top.next++];
      if (!visited[s]) {
        visited[s] = true;
        stack.push_back({s, 0});
      }
      continue;
    }
    post.push_back(top.block);
    stack.pop_back();
  }
  std::vector<const Block *> rpo(post.rbegin(), post.rend());
  for (unsigned i = 0; i < rpo.size(); ++i)
    order_[rpo[i]] = i;
  std::vector<std::vector<unsigned>> preds(rpo.size());
  for (unsigned i = 0; i < rpo.size(); ++i)
    if (const Inst *term = rpo[i]->getTerminator())
      for (const Block *s : term->successors())
        preds[order_.lookup(s)].push_back(i);

  constexpr unsigned None = ~0u;
  idom_.assign(rpo.size(), None);
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
    for (unsigned i = 1; i < rpo.size(); ++i) {
      unsigned next = None;
      for (unsigned p : preds[i]) {
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
