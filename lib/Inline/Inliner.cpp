//===- Inliner.cpp - The inliner policy on the Stencil IR -----------------===//
//
// Bottom-up over the call graph's strongly connected components (callees
// before callers, as LLVM's CGSCC inliner), so a body is inlined after its own
// calls were decided. In each caller, a worklist of call sites: the caller's
// own, then those that inlining copied in (each remembers which bodies it was
// copied through, so recursion through them is never unrolled), then those
// that devirtualization made direct. docs/inliner.md is the cost model.
//
//===----------------------------------------------------------------------===//
#include "stencil/Inline/Inline.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/IR/Builder.h"
#include "stencil/IR/Dominators.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SCCIterator.h"
#include <cstring>
#include <deque>

using namespace stencil;
using namespace stencil::ir;

// The cost model (docs/inliner.md).
namespace {
constexpr int kDefaultThreshold = 40;
constexpr int kAggressiveThreshold = 200;
constexpr int kConstantArgBonus = 10;  ///< per constant argument
constexpr int kFuncValueArgBonus = 20; ///< more per known function value (devirtualization)
constexpr int kSmallInstanceSize = 16; ///< an instance this small ...
constexpr int kSmallInstanceBonus = 15; ///< ... costs this much less
/// A caller may grow to factor x its size before inlining + slack.
constexpr unsigned kBudgetFactor = 2, kBudgetSlack = 100;
constexpr unsigned kAggressiveBudgetFactor = 8, kAggressiveBudgetSlack = 1000;
} // namespace

int stencil::getDefaultThreshold(InlineMode mode) {
  return mode == InlineMode::Aggressive ? kAggressiveThreshold : kDefaultThreshold;
}

// A structural XXH3-128 over everything the body's code depends on: its
// module and name, its type, the bodies it inlined (with their
// fingerprints), and every instruction with its operands (by position, never
// by address), successors and panic location. Types are hashed by their
// canonical text (Type::getHash).
Hash128 stencil::fingerprintBody(const Function &f, const SourceManager &sm) {
  auto typeHash = [](const Type *t) { return t->getHash(); };
  llvm::DenseMap<const Value *, uint32_t> numbers;
  llvm::DenseMap<const Block *, uint32_t> blockNumbers;
  for (const Param *p : f.params())
    numbers[p] = numbers.size();
  for (const auto &b : f.blocks()) {
    blockNumbers[b.get()] = blockNumbers.size();
    for (const Inst *i : b->insts())
      numbers[i] = numbers.size();
  }
  Hasher h;
  h.addString(f.getSourceModule()).addString(f.getName()).addHash(typeHash(f.getType()));
  h.addU64(f.inlinedBodies().size());
  for (const Function::InlinedBody &in : f.inlinedBodies())
    h.addString(in.callee).addHash(in.fingerprint);
  h.addU64(f.blocks().size());
  for (const auto &b : f.blocks()) {
    h.addU64(b->insts().size());
    for (const Inst *i : b->insts()) {
      h.addU8(static_cast<uint8_t>(i->getOpcode())).addHash(typeHash(i->getType()));
      if (const Type *t = i->getTypeOperand())
        h.addHash(typeHash(t));
      h.addU32(i->getFieldIndex());
      if (const Function *callee = i->getCallee())
        h.addString(callee->getName());
      h.addU64(i->getNumOperands());
      for (const Value *v : i->operands()) {
        h.addU8(static_cast<uint8_t>(v->getValueKind()));
        switch (v->getValueKind()) {
        case Value::Kind::Inst:
        case Value::Kind::Param:
          h.addU32(numbers.lookup(v));
          break;
        case Value::Kind::ConstInt:
          h.addU64(static_cast<uint64_t>(llvm::cast<ConstInt>(v)->value));
          break;
        case Value::Kind::ConstFloat: {
          double d = llvm::cast<ConstFloat>(v)->value;
          uint64_t bits;
          std::memcpy(&bits, &d, sizeof(bits));
          h.addU64(bits);
          break;
        }
        case Value::Kind::ConstBool:
          h.addU8(llvm::cast<ConstBool>(v)->value);
          break;
        case Value::Kind::ConstString:
          h.addString(llvm::cast<ConstString>(v)->value);
          break;
        case Value::Kind::Zero:
          h.addHash(typeHash(v->getType()));
          break;
        case Value::Kind::FuncRef:
          h.addString(llvm::cast<FuncRef>(v)->func->getName());
          break;
        case Value::Kind::GlobalRef:
          h.addString(llvm::cast<GlobalRef>(v)->global->getName());
          break;
        }
      }
      h.addU64(i->successors().size());
      for (const Block *s : i->successors())
        h.addU32(blockNumbers.lookup(s));
      if (mayPanic(i->getOpcode()) && i->getLoc().isValid()) {
        LineColumn lc = sm.getLineColumn(i->getLoc());
        h.addString(sm.getDisplayName(sm.getFileId(i->getLoc()))).addU32(lc.line).addU32(lc.column);
      }
    }
  }
  return h.finish();
}

namespace {

/// The call graph in the shape llvm::scc_iterator walks: a root reaching
/// every function in module order, so the walk is deterministic.
struct CallGraph {
  struct Node {
    Function *fn = nullptr;
    std::vector<Node *> callees;
  };
  std::vector<Node> nodes;
  Node root;
  explicit CallGraph(Module &m) {
    nodes.resize(m.functions().size());
    llvm::DenseMap<const Function *, Node *> byFn;
    for (size_t i = 0; i < nodes.size(); ++i) {
      nodes[i].fn = m.functions()[i].get();
      byFn[nodes[i].fn] = &nodes[i];
      root.callees.push_back(&nodes[i]);
    }
    // A call is an edge, and so is a function used as a value: once known,
    // a call through it is devirtualized and may be inlined, so the function
    // must be decided (and fingerprinted) before its users are.
    for (Node &n : nodes)
      for (const auto &b : n.fn->blocks())
        for (const Inst *i : b->insts()) {
          if (i->getOpcode() == Opcode::Call)
            if (Node *callee = byFn.lookup(i->getCallee()))
              n.callees.push_back(callee);
          for (const Value *v : i->operands())
            if (auto *ref = llvm::dyn_cast<FuncRef>(v))
              if (Node *target = byFn.lookup(ref->func))
                n.callees.push_back(target);
        }
  }
};

} // namespace

namespace llvm {
template <> struct GraphTraits<CallGraph *> {
  using NodeRef = CallGraph::Node *;
  using ChildIteratorType = std::vector<CallGraph::Node *>::iterator;
  static NodeRef getEntryNode(CallGraph *g) { return &g->root; }
  static ChildIteratorType child_begin(NodeRef n) { return n->callees.begin(); }
  static ChildIteratorType child_end(NodeRef n) { return n->callees.end(); }
};
} // namespace llvm

namespace {

/// The chain of bodies a copied call site came through (a linked list shared
/// by the call sites of one copy).
struct History {
  const Function *fn;
  const History *parent;
  bool contains(const Function *f) const {
    for (const History *h = this; h; h = h->parent)
      if (h->fn == f)
        return true;
    return false;
  }
};

class Inliner {
public:
  Inliner(Module &m, const InlineOptions &opts, const SourceManager &sm, llvm::raw_ostream &remarks)
      : m_(m), opts_(opts), sm_(sm), remarks_(remarks), b_(m) {
    threshold_ = opts.threshold >= 0 ? opts.threshold : getDefaultThreshold(opts.mode);
    bool aggressive = opts.mode == InlineMode::Aggressive;
    budgetFactor_ = aggressive ? kAggressiveBudgetFactor : kBudgetFactor;
    budgetSlack_ = aggressive ? kAggressiveBudgetSlack : kBudgetSlack;
  }

  InlineStats run(const llvm::StringMap<unsigned> *components);
  static unsigned sizeOf(const Function &f);

private:
  struct Site {
    Inst *call;
    const History *history;
  };

  void processFunction(Function &f);
  /// Decides one call site; inlines it when the decision is yes.
  void decide(Function &f, const Site &site, std::deque<Site> &work);
  void inlineCall(Function &f, const Site &site, Function &callee, std::deque<Site> &work);
  /// Calls through function values whose value is known become direct calls
  /// (appended to \p work). Returns how many.
  unsigned devirtualize(Function &f, std::deque<Site> &work);
  void promoteSingleStoreSlots(Function &f);
  void remark(const Inst *at, const Function &f, const llvm::Twine &text);
  Hash128 fingerprint(const Function &f);

  Module &m_;
  const InlineOptions &opts_;
  const SourceManager &sm_;
  llvm::raw_ostream &remarks_;
  Builder b_;
  int threshold_;
  unsigned budgetFactor_, budgetSlack_;
  InlineStats stats_;
  llvm::DenseMap<const Function *, unsigned> scc_; ///< component number
  llvm::DenseMap<const Function *, Hash128> fingerprints_;
  std::deque<History> histories_;
  /// The bodies a copied call or call through a function value came through
  /// (none for the caller's own): a devirtualized call inherits it.
  llvm::DenseMap<const Inst *, const History *> historyOf_;
  /// (caller, callee) pairs already in the caller's inlined bodies.
  llvm::DenseSet<std::pair<const Function *, const Function *>> recorded_;
  // The caller being processed.
  unsigned size_ = 0, budget_ = 0;
};

unsigned Inliner::sizeOf(const Function &f) {
  unsigned n = 0;
  for (const auto &b : f.blocks())
    for (const Inst *i : b->insts())
      n += i->getOpcode() != Opcode::Alloca;
  return n;
}

Hash128 Inliner::fingerprint(const Function &f) {
  auto it = fingerprints_.find(&f);
  if (it != fingerprints_.end())
    return it->second;
  Hash128 h = fingerprintBody(f, sm_);
  fingerprints_[&f] = h;
  return h;
}

void Inliner::remark(const Inst *at, const Function &f, const llvm::Twine &text) {
  if (!opts_.remarks)
    return;
  SourceLoc loc = at && at->getLoc().isValid() ? at->getLoc() : f.getLoc();
  if (loc.isValid()) {
    LineColumn lc = sm_.getLineColumn(loc);
    remarks_ << sm_.getDisplayName(sm_.getFileId(loc)) << ":" << lc.line << ":" << lc.column << ": ";
  }
  remarks_ << "remark: " << text << "\n";
}

InlineStats Inliner::run(const llvm::StringMap<unsigned> *components) {
  if (opts_.mode == InlineMode::None)
    return stats_;
  CallGraph graph(m_);
  std::vector<std::vector<Function *>> order;
  for (auto it = llvm::scc_begin(&graph); !it.isAtEnd(); ++it) {
    std::vector<Function *> component;
    for (CallGraph::Node *n : *it)
      if (n->fn)
        component.push_back(n->fn);
    if (component.empty())
      continue;
    // scc_iterator lists a component's nodes in an order of its own; sorting
    // by name keeps the remarks deterministic.
    std::sort(component.begin(), component.end(), [&](Function *a, Function *b) {
      return a->getName() < b->getName();
    });
    for (Function *f : component)
      scc_[f] = order.size();
    order.push_back(std::move(component));
  }
  // The order above is bottom-up in this module, which is all that the
  // decisions need; whether a call is recursive is the whole program's.
  if (components)
    for (const auto &f : m_.functions()) {
      auto it = components->find(f->getName());
      assert(it != components->end() && "every function has a component");
      scc_[f.get()] = it->second;
    }
  for (const auto &component : order)
    for (Function *f : component)
      if (f->hasBody())
        processFunction(*f);
  return stats_;
}

void Inliner::processFunction(Function &f) {
  size_ = sizeOf(f);
  budget_ = size_ * budgetFactor_ + budgetSlack_;
  std::deque<Site> work;
  for (const auto &b : f.blocks())
    for (Inst *i : b->insts())
      if (i->getOpcode() == Opcode::Call)
        work.push_back({i, nullptr});
  devirtualize(f, work);
  unsigned promotedAt = stats_.inlined;
  for (;;) {
    while (!work.empty()) {
      Site site = work.front();
      work.pop_front();
      decide(f, site, work);
    }
    if (devirtualize(f, work))
      continue;
    if (stats_.inlined == promotedAt)
      break;
    // Promotion forwards function values through slots (`h := dbl; k := h`),
    // which may make more calls direct.
    promotedAt = stats_.inlined;
    removeUnreachableBlocks(f); // after a callee that never returns
    promoteSingleStoreSlots(f);
    if (!devirtualize(f, work))
      break;
  }
}

// Inlining copies the callee's prologue (`store %a.addr, ARG` then loads of
// %a.addr): a slot stored exactly once, by a store that dominates every load
// of it, and used for nothing else, holds that one value; its loads become
// the value and the slot goes. (LLVM's mem2reg does this and more at -O1 and
// above; at -O0 nothing else would, and the copied slots are most of an
// inlined body.)
void Inliner::promoteSingleStoreSlots(Function &f) {
  struct Uses {
    llvm::SmallVector<Inst *, 2> stores;
    llvm::SmallVector<Inst *, 4> loads;
    /// field.addr of the slot, each only loaded from (a struct slot).
    llvm::SmallVector<Inst *, 4> fields;
    bool escaped = false;
  };
  llvm::DenseMap<const Inst *, Uses> slots;
  llvm::DenseMap<const Inst *, llvm::SmallVector<Inst *, 2>> fieldLoads;
  auto slotOf = [](Value *v) -> Inst * {
    auto *i = llvm::dyn_cast<Inst>(v);
    return i && i->getOpcode() == Opcode::Alloca ? i : nullptr;
  };
  for (const auto &b : f.blocks())
    for (Inst *i : b->insts()) {
      if (i->getOpcode() == Opcode::Alloca) {
        slots[i];
        continue;
      }
      for (unsigned k = 0; k < i->getNumOperands(); ++k) {
        Value *v = i->getOperand(k);
        if (Inst *slot = slotOf(v)) {
          Uses &u = slots[slot];
          if (i->getOpcode() == Opcode::Store && k == 0)
            u.stores.push_back(i);
          else if (i->getOpcode() == Opcode::Load)
            u.loads.push_back(i);
          else if (i->getOpcode() == Opcode::FieldAddr)
            u.fields.push_back(i);
          else
            u.escaped = true;
          continue;
        }
        // A use of a field's address: only a load keeps the slot promotable.
        auto *fa = llvm::dyn_cast<Inst>(v);
        if (!fa || fa->getOpcode() != Opcode::FieldAddr)
          continue;
        if (Inst *slot = slotOf(fa->getOperand(0))) {
          if (i->getOpcode() == Opcode::Load)
            fieldLoads[fa].push_back(i);
          else
            slots[slot].escaped = true;
        }
      }
    }
  DominatorTree dom(f);
  llvm::DenseMap<const Value *, Value *> replace;
  llvm::DenseMap<const Inst *, Inst *> inPlace; ///< a field load -> its field.get
  llvm::DenseSet<const Inst *> dead;
  for (auto &[slot, u] : slots) {
    if (u.escaped || u.stores.size() != 1)
      continue;
    Inst *store = u.stores.front();
    bool dominatesAll = true;
    for (Inst *load : u.loads)
      dominatesAll &= dom.dominates(store, load);
    for (Inst *fa : u.fields)
      for (Inst *load : fieldLoads.lookup(fa))
        dominatesAll &= dom.dominates(store, load);
    if (!dominatesAll)
      continue;
    Value *value = store->getOperand(1);
    for (Inst *load : u.loads) {
      replace[load] = value;
      dead.insert(load);
    }
    for (Inst *fa : u.fields) {
      for (Inst *load : fieldLoads.lookup(fa)) {
        // load (field.addr slot, k) is field.get of the one stored value.
        b_.setInsertPoint(load->getParent());
        Inst *get = b_.createFieldGet(value, fa->getFieldIndex());
        load->getParent()->insts().pop_back(); // placed where the load is, below
        inPlace[load] = get;
        replace[load] = get;
      }
      dead.insert(fa);
    }
    dead.insert(store);
    dead.insert(slot);
  }
  if (dead.empty())
    return;
  // A replaced load may feed a store into another promoted slot: follow the
  // chain to a value that stays.
  auto resolve = [&](Value *v) {
    for (auto it = replace.find(v); it != replace.end(); it = replace.find(v)) {
      if (it->second == v)
        break;
      v = it->second;
    }
    return v;
  };
  for (const auto &b : f.blocks()) {
    auto &insts = b->insts();
    for (Inst *&i : insts)
      if (Inst *get = inPlace.lookup(i))
        i = get;
    insts.erase(std::remove_if(insts.begin(), insts.end(), [&](Inst *i) { return dead.count(i); }),
                insts.end());
    for (Inst *i : insts)
      for (unsigned k = 0; k < i->getNumOperands(); ++k)
        i->setOperand(k, resolve(i->getOperand(k)));
  }
}

void Inliner::decide(Function &f, const Site &site, std::deque<Site> &work) {
  Function *callee = site.call->getCallee();
  llvm::StringRef cname = callee->getName(), fname = f.getName();
  auto no = [&](const llvm::Twine &why) {
    ++stats_.notInlined;
    remark(site.call, f, "not inlined '" + cname + "' into '" + fname + "': " + why);
  };
  if (!callee->hasBody())
    return no("it has no body");
  if (callee == &f || scc_.lookup(callee) == scc_.lookup(&f) ||
      (site.history && site.history->contains(callee)))
    return no("recursive");
  if (callee->getInlineHint() == InlineHint::NoInline)
    return no("marked @noinline");
  unsigned calleeSize = sizeOf(*callee);
  if (callee->getInlineHint() == InlineHint::Inline) {
    remark(site.call, f, "inlined '" + cname + "' into '" + fname + "' (@inline, size " +
                             llvm::Twine(calleeSize) + ")");
    inlineCall(f, site, *callee, work);
    return;
  }
  int cost = static_cast<int>(calleeSize);
  for (const Value *arg : site.call->operands()) {
    if (arg->isConstant() && !llvm::isa<GlobalRef>(arg)) // a global's address is no value
      cost -= kConstantArgBonus;
    if (llvm::isa<FuncRef>(arg))
      cost -= kFuncValueArgBonus;
  }
  if (callee->isInstance() && calleeSize <= static_cast<unsigned>(kSmallInstanceSize))
    cost -= kSmallInstanceBonus;
  if (cost > threshold_)
    return no("cost " + llvm::Twine(cost) + " exceeds the threshold " + llvm::Twine(threshold_));
  if (size_ + calleeSize > budget_)
    return no("the growth budget of '" + fname + "' is exhausted (size " + llvm::Twine(size_) +
              " + " + llvm::Twine(calleeSize) + " > budget " + llvm::Twine(budget_) + ")");
  remark(site.call, f,
         "inlined '" + cname + "' into '" + fname + "' (cost " + llvm::Twine(cost) +
             ", threshold " + llvm::Twine(threshold_) + ")");
  inlineCall(f, site, *callee, work);
}

void Inliner::inlineCall(Function &f, const Site &site, Function &callee,
                         std::deque<Site> &work) {
  ++stats_.inlined;
  Inst *call = site.call;
  Block *block = call->getParent();
  auto &insts = block->insts();
  size_t pos = std::find(insts.begin(), insts.end(), call) - insts.begin();
  assert(pos < insts.size() && "the call is in its block");

  // The instructions after the call move to a continuation block.
  std::unique_ptr<Block> cont = f.makeBlock("inline.cont");
  for (size_t k = pos + 1; k < insts.size(); ++k)
    cont->append(insts[k]);
  insts.resize(pos);

  b_.startFunction(&f);
  Inst *resultSlot = nullptr;
  if (!callee.getResultType()->isVoid())
    resultSlot = b_.createAlloca(callee.getResultType(), "inline.result");

  histories_.push_back({&callee, site.history});
  const History *history = &histories_.back();
  llvm::DenseMap<const Value *, Value *> values;
  for (size_t i = 0; i < callee.params().size(); ++i)
    values[callee.params()[i]] = call->getOperand(i);
  llvm::DenseMap<const Block *, Block *> blocks;
  std::vector<std::unique_ptr<Block>> copies;
  for (const auto &cb : callee.blocks()) {
    copies.push_back(f.makeBlock(cb->getName()));
    blocks[cb.get()] = copies.back().get();
  }
  auto map = [&](Value *v) -> Value * {
    if (v->isConstant())
      return v;
    Value *r = values.lookup(v);
    assert(r && "a value is copied before its uses");
    return r;
  };
  for (const auto &cb : callee.blocks()) {
    Block *copy = blocks.lookup(cb.get());
    for (const Inst *ci : cb->insts()) {
      switch (ci->getOpcode()) {
      case Opcode::Alloca:
        // Slots go to the caller's entry, as every slot does.
        values[ci] = b_.createAlloca(ci->getTypeOperand(), ci->getName());
        continue;
      case Opcode::Ret: {
        b_.setInsertPoint(copy);
        if (ci->getNumOperands())
          b_.createStore(resultSlot, map(ci->getOperand(0)));
        b_.createBr(cont.get());
        continue;
      }
      default:
        break;
      }
      llvm::SmallVector<Value *, 8> ops;
      for (Value *v : ci->operands())
        ops.push_back(map(v));
      llvm::SmallVector<Block *, 2> succs;
      for (Block *s : ci->successors())
        succs.push_back(blocks.lookup(s));
      Inst *c = b_.clone(*ci, ops, succs);
      copy->append(c);
      values[ci] = c;
      if (c->getOpcode() == Opcode::Call)
        work.push_back({c, history});
      if (c->getOpcode() == Opcode::Call || c->getOpcode() == Opcode::CallValue)
        historyOf_[c] = history;
    }
  }
  b_.setInsertPoint(block);
  b_.createBr(copies.front().get());

  // The copies, then the continuation, right after the call's block.
  // From the end: calls are processed in order, so the call is most often
  // in the continuation of the last one.
  size_t at = f.blocks().size() - 1;
  while (f.blocks()[at].get() != block)
    --at;
  Block *contBlock = cont.get();
  copies.push_back(std::move(cont));
  f.insertBlocks(at + 1, std::move(copies));

  // The call's result is the slot's value, read at the continuation: the
  // call itself becomes that load, so its users need no change.
  if (resultSlot) {
    call->becomeLoad(resultSlot);
    contBlock->prepend(call);
  }
  size_ += sizeOf(callee);
  if (recorded_.insert({&f, &callee}).second)
    f.addInlinedBody(callee.getName().str(), fingerprint(callee));
}

unsigned Inliner::devirtualize(Function &f, std::deque<Site> &work) {
  bool any = false;
  for (const auto &b : f.blocks())
    for (const Inst *i : b->insts())
      any |= i->getOpcode() == Opcode::CallValue;
  if (!any)
    return 0;
  // The slots whose every use is a load from it or a store to it, with their
  // stores.
  std::vector<Inst *> indirect;
  for (const auto &b : f.blocks())
    for (Inst *i : b->insts())
      if (i->getOpcode() == Opcode::CallValue)
        indirect.push_back(i);
  if (indirect.empty())
    return 0; // most functions: no slot analysis
  llvm::DenseMap<const Inst *, llvm::SmallVector<Inst *, 2>> stores;
  llvm::DenseSet<const Inst *> escaped;
  for (const auto &b : f.blocks())
    for (Inst *i : b->insts()) {
      for (unsigned k = 0; k < i->getNumOperands(); ++k) {
        auto *slot = llvm::dyn_cast<Inst>(i->getOperand(k));
        if (!slot || slot->getOpcode() != Opcode::Alloca)
          continue;
        if (i->getOpcode() == Opcode::Store && k == 0)
          stores[slot].push_back(i);
        else if (i->getOpcode() != Opcode::Load)
          escaped.insert(slot);
      }
    }
  std::optional<DominatorTree> dom;
  unsigned n = 0;
  for (Inst *cv : indirect) {
    Value *fv = cv->getOperand(0);
    Function *target = nullptr;
    if (auto *ref = llvm::dyn_cast<FuncRef>(fv)) {
      target = ref->func;
    } else if (auto *load = llvm::dyn_cast<Inst>(fv); load && load->getOpcode() == Opcode::Load) {
      auto *slot = llvm::dyn_cast<Inst>(load->getOperand(0));
      if (!slot || slot->getOpcode() != Opcode::Alloca || escaped.count(slot))
        continue;
      auto it = stores.find(slot);
      if (it == stores.end() || it->second.size() != 1)
        continue;
      Inst *store = it->second.front();
      auto *ref = llvm::dyn_cast<FuncRef>(store->getOperand(1));
      if (!ref)
        continue;
      if (!dom)
        dom.emplace(f);
      if (!dom->dominates(store, load))
        continue;
      target = ref->func;
    }
    if (!target)
      continue;
    // The direct call in place of the indirect one.
    Block *block = cv->getParent();
    auto &insts = block->insts();
    size_t pos = std::find(insts.begin(), insts.end(), cv) - insts.begin();
    b_.setInsertPoint(block);
    llvm::SmallVector<Value *, 8> args(cv->operands().begin() + 1, cv->operands().end());
    Inst *call = b_.createCall(target, args, cv->getLoc());
    insts.pop_back(); // createCall appended it (and may have moved the list)
    insts[pos] = call;
    for (const auto &b : f.blocks())
      for (Inst *i : b->insts())
        for (unsigned k = 0; k < i->getNumOperands(); ++k)
          if (i->getOperand(k) == cv)
            i->setOperand(k, call);
    ++n;
    ++stats_.devirtualized;
    remark(call, f, "devirtualized a call through a function value in '" + f.getName() +
                        "': it calls '" + target->getName() + "'");
    const History *history = historyOf_.lookup(cv);
    historyOf_[call] = history;
    work.push_back({call, history});
  }
  return n;
}

} // namespace

InlineStats stencil::inlineModule(Module &m, const InlineOptions &opts, const SourceManager &sm,
                                  llvm::raw_ostream &remarks,
                                  const llvm::StringMap<unsigned> *components) {
  return Inliner(m, opts, sm, remarks).run(components);
}

unsigned stencil::inlineSize(const Function &f) { return Inliner::sizeOf(f); }

void stencil::collectCallees(const Function &f, llvm::SmallVectorImpl<const Function *> &out) {
  for (const auto &b : f.blocks())
    for (const Inst *i : b->insts()) {
      if (i->getOpcode() == Opcode::Call)
        if (const Function *callee = i->getCallee())
          out.push_back(callee);
      for (const Value *v : i->operands())
        if (auto *ref = llvm::dyn_cast<FuncRef>(v))
          out.push_back(ref->func);
    }
}
