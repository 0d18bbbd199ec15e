//===- SemaCycles.cpp - Instantiation cycles (language.md §7) -------------===//
//
// A program needs unboundedly many instances exactly when some type parameter
// is, around a cycle of instantiations, given an argument that contains it:
// f[T] requesting f[[]T], or f[T] -> g[[]T] -> f[U]. As Go's type checker
// does, the check runs on a graph over type parameters: every instantiation
// whose type argument A for parameter P mentions a type parameter Q adds an
// edge Q -> P, "growing" when A is more than Q itself. A growing edge whose two
// ends lie in one strongly connected component lies on such a cycle.
//
// Only code instantiates: calls of generic functions, their function values,
// and calls of methods of generic types (whose receiver parameters are the
// method's own). A type use such as `[]Shrink[Wrap[T]]` in a field needs no
// layout of its element, so type declarations add no edges; a layout that
// never ends is the recursive-type check's (SemaType.cpp).
//
//===----------------------------------------------------------------------===//
#include "SemaImpl.h"
#include "llvm/ADT/SCCIterator.h"

using namespace stencil;

static void collectTypeParams(const Type *t, llvm::SmallVectorImpl<const TypeParamDecl *> &out) {
  if (!t->hasTypeParams())
    return;
  if (auto *tp = llvm::dyn_cast<TypeParamType>(t)) {
    out.push_back(tp->decl);
    return;
  }
  anyPart(t, [&](const Type *part) {
    collectTypeParams(part, out);
    return false;
  });
}

void Sema::recordInstantiation(const Decl *owner, llvm::ArrayRef<TypeParamDecl *> params,
                               llvm::ArrayRef<const Type *> args, SourceLoc loc) {
  llvm::ArrayRef<const Type *> stored;
  for (size_t i = 0; i < params.size() && i < args.size(); ++i) {
    if (!args[i]->hasTypeParams())
      continue;
    llvm::SmallVector<const TypeParamDecl *, 4> mentioned;
    collectTypeParams(args[i], mentioned);
    if (stored.empty()) {
      stored = types_.copyArray(args);
      instRecords_.push_back({params, stored, loc, module_});
    }
    for (const TypeParamDecl *q : mentioned) {
      bool growing = !(llvm::isa<TypeParamType>(args[i]) &&
                       llvm::cast<TypeParamType>(args[i])->decl == q);
      instEdges_.push_back({q, params[i], growing, loc, owner, stored, module_});
    }
  }
}

namespace {
/// The graph in the shape llvm::scc_iterator walks.
struct InstGraph {
  struct Node {
    const TypeParamDecl *param = nullptr;
    std::vector<Node *> succs;
  };
  std::vector<std::unique_ptr<Node>> nodes;
  llvm::DenseMap<const TypeParamDecl *, Node *> byParam;
  Node root; // reaches every node, so one walk finds every component

  Node *get(const TypeParamDecl *p) {
    Node *&slot = byParam[p];
    if (!slot) {
      nodes.push_back(std::make_unique<Node>());
      slot = nodes.back().get();
      slot->param = p;
      root.succs.push_back(slot);
    }
    return slot;
  }
};
} // namespace

namespace llvm {
template <> struct GraphTraits<InstGraph *> {
  using NodeRef = InstGraph::Node *;
  using ChildIteratorType = std::vector<InstGraph::Node *>::iterator;
  static NodeRef getEntryNode(InstGraph *g) { return &g->root; }
  static ChildIteratorType child_begin(NodeRef n) { return n->succs.begin(); }
  static ChildIteratorType child_end(NodeRef n) { return n->succs.end(); }
};
} // namespace llvm

// `u.m()` on a value of type parameter U instantiates, once U is a generic
// type's instance N[B1, ..., Bn], N's method m at B1 ... Bn: for every
// instantiation giving U an argument N[B...] that mentions type parameters,
// the edges of that method instantiation are added, as for a written call
// `N[B...].m`. An argument that is another type parameter Q passes the call
// on: Q's instantiations are looked at in turn (a fixpoint over (Q, m)).
void Sema::addConstraintMethodEdges() {
  std::vector<std::pair<const TypeParamDecl *, llvm::StringRef>> calls;
  llvm::DenseSet<std::pair<const TypeParamDecl *, llvm::StringRef>> seen;
  for (const auto &c : constraintCalls_)
    if (seen.insert(c).second)
      calls.push_back(c);
  // Each (record, method) is expanded once; a new record's arguments are
  // parts of an older record's, so this ends.
  llvm::DenseSet<std::pair<size_t, const FuncDecl *>> expanded;
  for (bool changed = !calls.empty(); changed;) {
    changed = false;
    for (size_t c = 0; c < calls.size(); ++c) {
      auto [u, name] = calls[c];
      for (size_t r = 0; r < instRecords_.size(); ++r) {
        const InstRecord rec = instRecords_[r]; // a copy: recording appends
        for (size_t i = 0; i < rec.params.size() && i < rec.args.size(); ++i) {
          if (rec.params[i] != u)
            continue;
          if (auto *q = llvm::dyn_cast<TypeParamType>(rec.args[i])) {
            if (seen.insert({q->decl, name}).second) {
              calls.push_back({q->decl, name});
              changed = true;
            }
            continue;
          }
          auto *named = llvm::dyn_cast<NamedType>(rec.args[i]);
          if (!named || named->args.empty() || !named->hasTypeParams())
            continue;
          for (FuncDecl *m : named->decl->methods) {
            if (m->name.name != name || !expanded.insert({r, m}).second)
              continue;
            ModuleAST *saved = module_;
            module_ = const_cast<ModuleAST *>(rec.module);
            recordInstantiation(named->decl, m->receiver.typeParams, named->args, rec.loc);
            module_ = saved;
            changed = true;
          }
        }
      }
    }
  }
}

void Sema::checkInstantiationCycles() {
  addConstraintMethodEdges();
  if (instEdges_.empty())
    return;
  InstGraph graph;
  for (const InstEdge &e : instEdges_)
    graph.get(e.from)->succs.push_back(graph.get(e.to));
  llvm::DenseMap<const TypeParamDecl *, unsigned> component;
  unsigned index = 0;
  for (auto it = llvm::scc_begin(&graph); !it.isAtEnd(); ++it, ++index)
    for (InstGraph::Node *n : *it)
      if (n->param)
        component[n->param] = index;

  // Qualified, as the notes of IR build name instances: 'main.f[[]T]'.
  auto instanceText = [&](const InstEdge &e) {
    std::string text = e.owner->module->modulePath + "." + e.owner->name.name.str() + "[";
    for (size_t i = 0; i < e.args.size(); ++i)
      text += (i ? ", " : "") + typeToQualifiedString(e.args[i]);
    return text + "]";
  };
  llvm::DenseSet<unsigned> reported; // one error per component
  for (const InstEdge &e : instEdges_) {
    unsigned c = component[e.from];
    if (!e.growing || component[e.to] != c || !reported.insert(c).second)
      continue;
    // The rest of the cycle: a shortest path back from e.to to e.from, inside
    // the component, by breadth-first search over the recorded edges.
    llvm::DenseMap<const TypeParamDecl *, const InstEdge *> via;
    std::vector<const TypeParamDecl *> queue{e.to};
    via[e.to] = nullptr;
    for (size_t k = 0; k < queue.size() && !via.count(e.from); ++k)
      for (const InstEdge &next : instEdges_)
        if (next.from == queue[k] && component[next.to] == c && !via.count(next.to)) {
          via[next.to] = &next;
          queue.push_back(next.to);
        }
    llvm::SmallVector<const InstEdge *, 8> path;
    for (const TypeParamDecl *p = e.from; p != e.to && via.count(p) && via[p]; p = via[p]->from)
      path.push_back(via[p]);
    // The error is in the body that makes the growing request; the notes walk
    // the cycle back from there, innermost first (language.md §9): who
    // requested that body, who requested the requester, ... up to the request
    // of the error's own instance, which closes the cycle.
    diag(e.loc, diag::err_instantiation_cycle) << instanceText(e);
    for (const InstEdge *step : path)
      diag(step->loc, diag::note_in_instantiation_of) << instanceText(*step);
  }
}
