//===- Units.cpp - The program cut into separately compiled units ---------===//
#include "stencil/Build/Units.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Inline/Inline.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>
#include <atomic>
#include <thread>

using namespace stencil;

llvm::StringRef CompileUnit::kindName() const {
  switch (kind) {
  case Kind::Entry:
    return "entry";
  case Kind::Module:
    return "module";
  case Kind::Instance:
    return "instance";
  }
  llvm_unreachable("all unit kinds handled");
}

std::vector<CompileUnit> stencil::partitionProgram(const ir::Module &m,
                                                   llvm::ArrayRef<std::string> moduleOrder) {
  std::vector<CompileUnit> units;
  CompileUnit entry{CompileUnit::Kind::Entry, "<entry>", {}, {}, {}, {}, {}, {}, {}, false};
  entry.code.name = "<entry>";
  entry.code.entry = true;
  units.push_back(std::move(entry));

  llvm::StringMap<CompileUnit> modules;
  std::vector<CompileUnit> instances;
  for (const auto &f : m.functions()) {
    if (f->isInstance()) {
      CompileUnit u{CompileUnit::Kind::Instance, f->getName().str(), {}, {}, {}, {}, {}, {}, {}, false};
      u.code.name = u.name;
      u.code.functions.push_back(f.get());
      instances.push_back(std::move(u));
      continue;
    }
    modules[f->getSourceModule()].code.functions.push_back(f.get());
  }
  for (const auto &g : m.globals())
    modules[g->getSourceModule()].code.globals.push_back(g.get());

  auto byName = [](const auto *a, const auto *b) { return a->getName() < b->getName(); };
  for (const std::string &name : moduleOrder) {
    auto it = modules.find(name);
    if (it == modules.end())
      continue; // no code reached in it
    CompileUnit &u = it->second;
    u.kind = CompileUnit::Kind::Module;
    u.name = name;
    u.code.name = name;
    llvm::sort(u.code.functions, byName);
    llvm::sort(u.code.globals, byName);
    units.push_back(std::move(u));
  }
  llvm::sort(instances, [](const CompileUnit &a, const CompileUnit &b) { return a.name < b.name; });
  for (CompileUnit &u : instances)
    units.push_back(std::move(u));
  return units;
}

namespace {

/// What one unit's code uses besides its own instructions: the struct layouts
/// and the other units' functions and variables.
class UseCollector {
public:
  explicit UseCollector(const CompileUnit &u) {
    for (const ir::Function *f : u.code.functions)
      own_.insert(f);
    for (const ir::Global *g : u.code.globals)
      ownGlobals_.insert(g);
  }

  /// Records the layouts in \p t. A struct the code holds by value (here or
  /// as a field of one it holds by value) counts with its fields, since the
  /// code depends on them; one only behind a slice or in a function type
  /// counts by name, since whether its fields are known depends on the rest of
  /// the program (an incremental build lowers part of it).
  void type(const ir::Type *t) {
    if (t->isScalar() || t->isVoid())
      return; // no layout in it (most types)
    // Types are interned: each is walked once each way.
    llvm::SmallVector<std::pair<const ir::Type *, bool>, 8> work{{t, true}};
    while (!work.empty()) {
      auto [cur, byValue] = work.pop_back_val();
      if (!cur || !(byValue ? typesByValue_ : typesBehind_).insert(cur).second)
        continue;
      if (cur->getElement())
        work.push_back({cur->getElement(), false});
      for (const ir::Type *p : cur->getParams())
        work.push_back({p, false});
      if (const ir::StructLayout *l = cur->getLayout()) {
        if (!byValue) {
          layoutsBehind_.insert(l);
          continue;
        }
        layouts_.insert(l);
        for (const ir::StructLayout::Field &fld : l->getFields())
          work.push_back({fld.type, true});
      }
    }
  }
  void function(const ir::Function *f) {
    if (!own_.contains(f) && funcRefs_.insert(f).second)
      type(f->getType());
  }
  void global(const ir::Global *g) {
    if (!ownGlobals_.contains(g) && globalRefs_.insert(g).second)
      type(g->getValueType());
  }

  void body(const ir::Function &f) {
    // Its own parameters and result are values of its code.
    type(f.getType());
    for (const ir::Param *p : f.params())
      type(p->getType());
    type(f.getResultType());
    for (const auto &b : f.blocks())
      for (const ir::Inst *i : b->insts()) {
        type(i->getType());
        if (const ir::Type *t = i->getTypeOperand())
          type(t);
        if (const ir::Function *callee = i->getCallee())
          function(callee);
        for (const ir::Value *v : i->operands()) {
          type(v->getType());
          if (auto *fr = llvm::dyn_cast<ir::FuncRef>(v))
            function(fr->func);
          else if (auto *gr = llvm::dyn_cast<ir::GlobalRef>(v))
            global(gr->global);
        }
      }
  }

  Hash128 layoutsHash() const {
    std::vector<const ir::StructLayout *> sorted(layouts_.begin(), layouts_.end());
    for (const ir::StructLayout *l : layoutsBehind_)
      if (!layouts_.contains(l))
        sorted.push_back(l);
    llvm::sort(sorted, [](auto *a, auto *b) { return a->getName() < b->getName(); });
    Hasher h;
    h.addU64(sorted.size());
    for (const ir::StructLayout *l : sorted) {
      h.addString(l->getName());
      if (!layouts_.contains(l)) {
        h.addU8(0);
        continue;
      }
      h.addU8(1).addU64(l->getFields().size());
      for (const ir::StructLayout::Field &f : l->getFields())
        h.addString(f.name).addHash(f.type->getHash());
    }
    return h.finish();
  }

  Hash128 refsHash() const {
    std::vector<std::pair<std::string, Hash128>> refs;
    for (const ir::Function *f : funcRefs_)
      refs.push_back({("f " + f->getName()).str(), f->getType()->getHash()});
    for (const ir::Global *g : globalRefs_)
      refs.push_back({("g " + g->getName()).str(), g->getValueType()->getHash()});
    llvm::sort(refs);
    Hasher h;
    h.addU64(refs.size());
    for (const auto &[name, type] : refs)
      h.addString(name).addHash(type);
    return h.finish();
  }

private:
  llvm::DenseSet<const ir::Function *> own_;
  llvm::DenseSet<const ir::Global *> ownGlobals_;
  llvm::DenseSet<const ir::Type *> typesByValue_, typesBehind_;
  llvm::DenseSet<const ir::StructLayout *> layouts_, layoutsBehind_;
  llvm::DenseSet<const ir::Function *> funcRefs_;
  llvm::DenseSet<const ir::Global *> globalRefs_;
};

} // namespace

static void computeUnitKey(CompileUnit &u, const ir::Module &m, const SourceManager &sm,
                           const Hash128 &codegenOptions) {
  {
    UseCollector uses(u);
    Hasher code, names;
    if (u.code.entry) {
      // The entry calls the initializers, then main.
      for (const ir::Function *init : m.initializers()) {
        code.addString(init->getName());
        uses.function(init);
      }
      if (const ir::Function *main = m.getEntry()) {
        code.addString("main").addString(main->getName());
        uses.function(main);
      }
    }
    for (const ir::Function *f : u.code.functions) {
      names.addString(f->getName());
      code.addHash(fingerprintBody(*f, sm));
      uses.body(*f);
      for (const ir::Function::InlinedBody &in : f->inlinedBodies())
        u.inlined.push_back({in.callee, in.fingerprint});
    }
    for (const ir::Global *g : u.code.globals) {
      names.addString(g->getName());
      code.addHash(g->getValueType()->getHash());
      uses.type(g->getValueType());
    }
    llvm::sort(u.inlined);
    u.inlined.erase(std::unique(u.inlined.begin(), u.inlined.end()), u.inlined.end());
    u.codeHash = code.finish();
    u.functionsHash = names.finish();
    u.layoutsHash = uses.layoutsHash();
    u.refsHash = uses.refsHash();
    Hasher key;
    key.addHash(codegenOptions)
        .addString(u.kindName())
        .addString(u.name)
        .addHash(u.codeHash)
        .addHash(u.functionsHash)
        .addHash(u.layoutsHash)
        .addHash(u.refsHash);
    u.key = key.finish();
  }
}

void stencil::computeUnitKeys(llvm::MutableArrayRef<CompileUnit> units, const ir::Module &m,
                              const SourceManager &sm, const Hash128 &codegenOptions,
                              unsigned jobs) {
  // Units are independent, and the IR and the source manager are only read.
  sm.computeLineTables();
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < units.size();)
      if (!units[i].carried)
        computeUnitKey(units[i], m, sm, codegenOptions);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<size_t>(jobs, units.size()); ++t)
    threads.emplace_back(worker);
  worker();
  for (std::thread &t : threads)
    t.join();
}
