//===- Incremental.cpp - The front end of a build with a build directory ---===//
//
// docs/incremental.md, "The front end", is the design; the invariant is that
// every unit that is generated again is lowered and inlined exactly as a
// build of the whole program would, and every unit that is not has the key a
// build of the whole program would give it.
//
// A round lowers the seeds (the functions that may have changed) with their
// bodies, and, of what they reach, the bodies the inliner may copy into
// them (judged by the size the record holds); everything else is declared.
// It inlines them, with recursion decided on the whole program's call graph
// (the fresh edges of what was lowered, the record's for the rest), and
// compares each lowered function with the record. A function whose body,
// size or hint changed makes every function that may inline it a seed;
// a unit that must be generated again makes all of its functions seeds. When
// a round needs nothing it did not lower, its IR is the build's.
//
//===----------------------------------------------------------------------===//
#include "Incremental.h"
#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Sema/Sema.h"
#include "stencil/Sema/Type.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/TimeProfiler.h"
#include <chrono>

using namespace stencil;

Hash128 stencil::interfaceFingerprint(const ModuleAST &m, const SourceManager &sm) {
  llvm::StringRef text = sm.getText(m.file);
  std::vector<std::pair<uint32_t, uint32_t>> cut;
  for (const Decl *d : m.decls)
    if (auto *f = llvm::dyn_cast<FuncDecl>(d); f && f->body)
      cut.push_back({sm.getFileOffset(f->body->getBeginLoc()),
                     sm.getFileOffset(f->body->rBraceLoc) + 1});
  llvm::sort(cut);
  Hasher h;
  uint32_t at = 0;
  for (auto [begin, end] : cut) {
    if (begin < at || end > text.size())
      continue;
    h.addString(text.slice(at, begin));
    at = end;
  }
  h.addString(text.substr(at));
  return h.finish();
}

/// A function's declaration as its code depends on it: its text from the
/// start of its first line to its closing brace, where it starts (panics
/// report lines and columns), and its inline hint.
static Hash128 declFingerprint(const FuncDecl &f, const SourceManager &sm) {
  if (!f.body)
    return Hash128();
  llvm::StringRef text = sm.getText(sm.getFileId(f.getLoc()));
  uint32_t begin = sm.getFileOffset(f.getLoc()), end = sm.getFileOffset(f.body->rBraceLoc) + 1;
  while (begin > 0 && text[begin - 1] != '\n')
    --begin;
  if (end > text.size() || begin > end)
    return Hash128();
  Hasher h;
  h.addU32(sm.getLineColumn(f.getLoc()).line).addU8(static_cast<uint8_t>(f.inlineHint));
  h.addString(text.slice(begin, end));
  return h.finish();
}

namespace {

//===----------------------------------------------------------------------===//
// Requests: how to ask the IR build for a function again
//===----------------------------------------------------------------------===//
//
// `f` or `m`, then length-prefixed fields (`4:core`): the module, for a method
// its receiver type's name, the name; then the number of type arguments and
// each type: `i f b s v`, `[` element, `F` count `:` parameters result, `N`
// module name count `:` arguments. An initializer is `init`.

void appendField(std::string &s, llvm::StringRef v) {
  s += std::to_string(v.size());
  s += ':';
  s += v;
}

void encodeType(const Type *t, std::string &s) {
  switch (t->getKind()) {
  case Type::Kind::Int:
    s += 'i';
    return;
  case Type::Kind::Float:
    s += 'f';
    return;
  case Type::Kind::Bool:
    s += 'b';
    return;
  case Type::Kind::String:
    s += 's';
    return;
  case Type::Kind::Void:
    s += 'v';
    return;
  case Type::Kind::Slice:
    s += '[';
    encodeType(llvm::cast<SliceType>(t)->elem, s);
    return;
  case Type::Kind::Func: {
    auto *f = llvm::cast<FuncType>(t);
    s += 'F' + std::to_string(f->params.size()) + ':';
    for (const Type *p : f->params)
      encodeType(p, s);
    encodeType(f->result, s);
    return;
  }
  case Type::Kind::Named: {
    auto *n = llvm::cast<NamedType>(t);
    s += 'N';
    appendField(s, n->decl->module->modulePath);
    appendField(s, n->decl->name.name);
    s += std::to_string(n->args.size()) + ':';
    for (const Type *a : n->args)
      encodeType(a, s);
    return;
  }
  case Type::Kind::TypeParam:
  case Type::Kind::Error:
    break;
  }
  llvm_unreachable("instances have concrete type arguments");
}

std::string encodeRequest(const FunctionOrigin &o) {
  if (!o.decl)
    return "init";
  std::string s = o.decl->isMethod ? "m" : "f";
  appendField(s, o.decl->module->modulePath);
  if (o.decl->isMethod)
    appendField(s, o.decl->receiver.typeName.name);
  appendField(s, o.decl->name.name);
  s += std::to_string(o.typeArgs.size()) + ':';
  for (const Type *t : o.typeArgs)
    encodeType(t, s);
  return s;
}

void typeModules(const Type *t, llvm::SmallVectorImpl<const ModuleAST *> &out) {
  if (auto *s = llvm::dyn_cast<SliceType>(t))
    return typeModules(s->elem, out);
  if (auto *f = llvm::dyn_cast<FuncType>(t)) {
    for (const Type *p : f->params)
      typeModules(p, out);
    return typeModules(f->result, out);
  }
  if (auto *n = llvm::dyn_cast<NamedType>(t)) {
    out.push_back(n->decl->module);
    for (const Type *a : n->args)
      typeModules(a, out);
  }
}

/// Reads requests back against this build's declarations. A request whose
/// declaration is gone or has changed shape reads as nothing.
class RequestDecoder {
public:
  RequestDecoder(llvm::ArrayRef<ModuleAST *> modules, TypeContext &types) : types_(types) {
    for (ModuleAST *m : modules)
      modules_[m->modulePath] = m;
  }

  bool decode(llvm::StringRef text, PartialLowering::Request &out) {
    in_ = text;
    if (in_.empty() || (in_.front() != 'f' && in_.front() != 'm'))
      return false;
    bool method = in_.front() == 'm';
    in_ = in_.drop_front();
    llvm::StringRef module, receiver, name;
    unsigned n;
    if (!field(module) || (method && !field(receiver)) || !field(name) || !count(n))
      return false;
    ModuleAST *m = modules_.lookup(module);
    if (!m)
      return false;
    FuncDecl *decl = nullptr;
    for (Decl *d : m->decls)
      if (auto *f = llvm::dyn_cast<FuncDecl>(d);
          f && f->isMethod == method && f->name.name == name &&
          (!method || f->receiver.typeName.name == receiver)) {
        decl = f;
        break;
      }
    if (!decl || !decl->body || !decl->funcType || (method && !decl->receiverDecl))
      return false;
    size_t params = method ? decl->receiver.typeParams.size() : decl->typeParams.size();
    if (params != n)
      return false;
    out.decl = decl;
    out.typeArgs.clear();
    return types(n, 0, out.typeArgs) && in_.empty();
  }

private:
  bool field(llvm::StringRef &out) {
    unsigned n;
    if (!count(n) || in_.size() < n)
      return false;
    out = in_.take_front(n);
    in_ = in_.drop_front(n);
    return true;
  }
  bool count(unsigned &n) {
    size_t colon = in_.find(':');
    if (colon == llvm::StringRef::npos || in_.take_front(colon).getAsInteger(10, n))
      return false;
    in_ = in_.drop_front(colon + 1);
    return true;
  }
  /// \p n types in a row (a request's type arguments, a function type's
  /// parameters, a named type's arguments).
  bool types(unsigned n, unsigned depth, llvm::SmallVectorImpl<const Type *> &out) {
    for (unsigned i = 0; i < n; ++i) {
      const Type *t = type(depth);
      if (!t)
        return false;
      out.push_back(t);
    }
    return true;
  }
  const Type *type(unsigned depth) {
    if (in_.empty() || depth > 256)
      return nullptr;
    char c = in_.front();
    in_ = in_.drop_front();
    switch (c) {
    case 'i':
      return types_.getInt();
    case 'f':
      return types_.getFloat();
    case 'b':
      return types_.getBool();
    case 's':
      return types_.getString();
    case 'v':
      return types_.getVoid();
    case '[': {
      const Type *elem = type(depth + 1);
      return elem ? types_.getSlice(elem) : nullptr;
    }
    case 'F': {
      unsigned n;
      if (!count(n) || n > in_.size())
        return nullptr;
      llvm::SmallVector<const Type *, 4> params;
      if (!types(n, depth + 1, params))
        return nullptr;
      const Type *result = type(depth + 1);
      return result ? types_.getFunc(params, result) : nullptr;
    }
    case 'N': {
      llvm::StringRef module, name;
      unsigned n;
      if (!field(module) || !field(name) || !count(n))
        return nullptr;
      ModuleAST *m = modules_.lookup(module);
      if (!m)
        return nullptr;
      TypeDecl *decl = nullptr;
      for (Decl *d : m->decls)
        if (auto *td = llvm::dyn_cast<TypeDecl>(d); td && td->name.name == name) {
          decl = td;
          break;
        }
      if (!decl || !decl->declaredType || decl->typeParams.size() != n)
        return nullptr;
      llvm::SmallVector<const Type *, 4> args;
      if (!types(n, depth + 1, args))
        return nullptr;
      return types_.getNamed(decl, args);
    }
    default:
      return nullptr;
    }
  }

  llvm::StringMap<ModuleAST *> modules_;
  TypeContext &types_;
  llvm::StringRef in_;
};

/// Strongly connected components, numbered (Tarjan's, without recursion: a
/// call chain may be as long as the program).
std::vector<unsigned> components(const std::vector<llvm::SmallVector<unsigned, 4>> &adj) {
  size_t n = adj.size();
  constexpr unsigned kNone = ~0u;
  std::vector<unsigned> index(n, kNone), low(n, 0), comp(n, kNone);
  std::vector<unsigned> stack;
  std::vector<bool> onStack(n, false);
  std::vector<std::pair<unsigned, unsigned>> frames; // node, next edge
  unsigned next = 0, count = 0;
  for (unsigned root = 0; root < n; ++root) {
    if (index[root] != kNone)
      continue;
    frames.push_back({root, 0});
    index[root] = low[root] = next++;
    stack.push_back(root);
    onStack[root] = true;
    while (!frames.empty()) {
      auto &[v, e] = frames.back();
      if (e < adj[v].size()) {
        unsigned w = adj[v][e++];
        if (index[w] == kNone) {
          index[w] = low[w] = next++;
          stack.push_back(w);
          onStack[w] = true;
          frames.push_back({w, 0});
        } else if (onStack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      unsigned done = v;
      frames.pop_back();
      if (!frames.empty())
        low[frames.back().first] = std::min(low[frames.back().first], low[done]);
      if (low[done] == index[done]) {
        for (;;) {
          unsigned w = stack.back();
          stack.pop_back();
          onStack[w] = false;
          comp[w] = count;
          if (w == done)
            break;
        }
        ++count;
      }
    }
  }
  return comp;
}

CompileUnit::Kind kindFromName(llvm::StringRef kind) {
  return kind == "instance" ? CompileUnit::Kind::Instance
         : kind == "entry"  ? CompileUnit::Kind::Entry
                            : CompileUnit::Kind::Module;
}

} // namespace

bool stencil::runFrontEnd(FrontEndInput &in, FrontEndResult &out, bool &internalError) {
  using Clock = std::chrono::steady_clock;
  auto since = [](Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
  };
  std::vector<ModuleAST *> modules;
  for (auto &m : in.program.modules)
    modules.push_back(m.get());
  const BuildRecord *rec = in.record && !in.record->functions.empty() ? in.record : nullptr;
  size_t nm = modules.size();
  llvm::StringMap<unsigned> moduleIndex;
  for (unsigned i = 0; i < nm; ++i)
    moduleIndex[modules[i]->modulePath] = i;

  // Which modules must be checked again: the source changed, or a module
  // they import (directly or not) shows importers something else.
  out.interfaces.resize(nm);
  std::vector<bool> invalid(nm, true);
  // The module's interface or one it imports changed (not only its source).
  std::vector<bool> seesChange(nm, true);
  {
    llvm::TimeTraceScope scope("interfaces");
    llvm::StringMap<const BuildRecord::Module *> old;
    if (rec)
      for (const BuildRecord::Module &m : rec->modules)
        old[m.name] = &m;
    std::vector<bool> ifaceChanged(nm, true), reaches(nm, false);
    for (unsigned i = 0; i < nm; ++i) {
      out.interfaces[i] = interfaceFingerprint(*modules[i], in.sm);
      if (!rec)
        continue;
      const BuildRecord::Module *o = old.lookup(modules[i]->modulePath);
      invalid[i] = !o || o->source != hash128(in.sm.getText(modules[i]->file));
      ifaceChanged[i] = !o || o->interface != out.interfaces[i];
    }
    if (rec)
      for (unsigned i = 0; i < nm; ++i) { // dependencies first
        for (const ImportDecl *imp : modules[i]->imports) {
          if (!imp->target)
            continue;
          unsigned j = moduleIndex.lookup(imp->target->modulePath);
          if (ifaceChanged[j] || reaches[j])
            reaches[i] = true;
        }
        invalid[i] = invalid[i] || reaches[i];
        seesChange[i] = ifaceChanged[i] || reaches[i];
      }
  }
  out.modulesInvalidated = llvm::count(invalid, true);
  out.partial = rec != nullptr;

  DeferredCheck check(in.types, in.diags);
  {
    llvm::TimeTraceScope scope("check");
    auto t0 = Clock::now();
    bool ok = check.run(modules, in.program.mainModule, [&](const ModuleAST *m) {
      return bool(invalid[moduleIndex.lookup(m->modulePath)]);
    });
    out.checkSeconds = since(t0);
    if (!ok)
      return false;
  }

  RequestDecoder decoder(modules, in.types);
  // The record's functions: which may have changed (their code comes from a
  // module checked again), their units, and who may inline whom.
  size_t nr = rec ? rec->functions.size() : 0;
  llvm::StringMap<unsigned> recIndex;
  std::vector<bool> recRedPre(nr, false);
  std::vector<std::string> recUnit(nr);
  std::vector<std::vector<unsigned>> considerers(nr), inliners(nr);
  llvm::StringMap<std::vector<unsigned>> recUnitFns;
  llvm::StringMap<const BuildRecord::Unit *> recUnits;
  llvm::StringSet<> badUnits;
  if (rec) {
    for (const BuildRecord::Unit &u : rec->units) {
      recUnits[u.kind + " " + u.name] = &u;
      // An object gone from the store is built again, so its unit is lowered.
      std::string problem;
      if (u.kind != "entry" && in.store.check(u.key, &problem) != ObjectStore::Status::Valid)
        badUnits.insert(u.kind + " " + u.name);
    }
    for (unsigned i = 0; i < nr; ++i) {
      const BuildRecord::Function &f = rec->functions[i];
      recIndex[f.name] = i;
      // Its code comes from its declaration (the first module) and its type
      // arguments' modules. In a module whose source changed but whose
      // interface did not, a declaration with the same text in the same
      // place lowers the same.
      for (size_t k = 0; k < f.deps.size(); ++k) {
        auto it = moduleIndex.find(rec->modules[f.deps[k]].name);
        if (it == moduleIndex.end() || (invalid[it->second] && (k > 0 || seesChange[it->second])))
          recRedPre[i] = true;
        else if (k == 0 && invalid[it->second]) {
          PartialLowering::Request r;
          if (f.request == "init" || !decoder.decode(f.request, r) ||
              declFingerprint(*r.decl, in.sm) != f.decl)
            recRedPre[i] = true;
        }
      }
      const BuildRecord::Unit &u = rec->units[f.unit];
      recUnit[i] = u.kind + " " + u.name;
      recUnitFns[recUnit[i]].push_back(i);
    }
    // f may inline what it calls, and what the bodies it inlined call.
    llvm::DenseSet<unsigned> seen;
    std::vector<unsigned> work;
    for (unsigned i = 0; i < nr; ++i) {
      seen.clear();
      work.assign(1, i);
      llvm::DenseSet<unsigned> considered;
      while (!work.empty()) {
        unsigned g = work.back();
        work.pop_back();
        if (!seen.insert(g).second)
          continue;
        if (g != i)
          inliners[g].push_back(i);
        for (unsigned c : rec->functions[g].callees)
          considered.insert(c);
        for (unsigned c : rec->functions[g].inlined)
          work.push_back(c);
      }
      for (unsigned c : considered)
        considerers[c].push_back(i);
    }
  }

  bool everything = rec == nullptr;
  llvm::StringSet<> seedNames;
  for (unsigned i = 0; i < nr; ++i)
    if (recRedPre[i] || badUnits.contains(recUnit[i]))
      seedNames.insert(rec->functions[i].name);
  std::string mainName = in.program.mainModule->modulePath + ".main";
  int threshold =
      in.inliner.threshold >= 0 ? in.inliner.threshold : getDefaultThreshold(in.inliner.mode);
  // Whether a call of \p fn, of \p size, can be inlined anywhere.
  auto mayInline = [&](const ir::Function &fn, unsigned size) {
    if (in.inliner.mode == InlineMode::None || fn.getInlineHint() == ir::InlineHint::NoInline)
      return false;
    if (fn.getInlineHint() == ir::InlineHint::Inline)
      return true;
    // The most a call site can take off the cost (docs/inliner.md):
    // constant and function-value arguments, a small instance.
    int bonus = 30 * static_cast<int>(fn.params().size()) + 15;
    return static_cast<int>(size) - bonus <= threshold;
  };

  // The state of the round that needed nothing more.
  std::unique_ptr<ir::Module> ir;
  std::unique_ptr<IRInstanceCache> cache;
  FunctionOrigins origins;
  llvm::DenseMap<const ir::Function *, llvm::SmallVector<const ir::Function *, 8>> pre;
  llvm::StringMap<ir::Function *> irByName;
  llvm::StringMap<unsigned> newIndex;
  std::vector<llvm::StringRef> newNames; ///< of nodes nr and on
  struct Facts {
    unsigned size;
    Hash128 fingerprint;
  };
  llvm::DenseMap<const ir::Function *, Facts> facts;
  std::vector<bool> reachable;
  std::vector<Hash128> cycles;
  std::vector<std::string> nodeUnit;
  llvm::StringMap<std::vector<unsigned>> unitFns;
  llvm::StringSet<> dirty;
  std::string remarks;
  auto nameOf = [&](unsigned v) -> llvm::StringRef {
    if (v < nr)
      return rec->functions[v].name;
    return newNames[v - nr];
  };

  for (unsigned round = 1;; ++round) {
    out.rounds = round;
    llvm::TimeTraceScope roundScope("front-end round");
    cache = std::make_unique<IRInstanceCache>();
    origins.clear();
    pre.clear();
    irByName.clear();
    newIndex.clear();
    newNames.clear();
    facts.clear();
    PartialLowering partial;
    if (!everything) {
      std::vector<llvm::StringRef> names;
      for (const auto &e : seedNames)
        names.push_back(e.getKey());
      llvm::sort(names);
      for (llvm::StringRef name : names) {
        PartialLowering::Request r;
        if (decoder.decode(rec->functions[recIndex.lookup(name)].request, r))
          partial.seeds.push_back(std::move(r));
      }
      // Every function of a module checked again (those no longer reached
      // drop out below).
      for (unsigned i = 0; i < nm; ++i)
        if (invalid[i])
          for (Decl *d : modules[i]->decls)
            if (auto *f = llvm::dyn_cast<FuncDecl>(d);
                f && !f->isGeneric() && f->body && f->funcType && (!f->isMethod || f->receiverDecl))
              partial.seeds.push_back({f, {}});
      partial.needsBody = [&](const ir::Function &fn) {
        auto it = recIndex.find(fn.getName());
        if (it == recIndex.end() || seedNames.contains(fn.getName()))
          return true; // new, or may have changed
        if (fn.getName() == mainName)
          return false; // nothing calls main: its body is never copied
        const BuildRecord::Function &rf = rec->functions[it->second];
        return mayInline(fn, rf.size) || (rf.inlineHint && in.inliner.mode != InlineMode::None);
      };
      partial.prepareModule = [&](ModuleAST *m) { return check.checkBodiesOf(m); };
    }
    {
      llvm::TimeTraceScope scope("ir");
      auto t0 = Clock::now();
      ir = lowerProgram(modules, in.program.mainModule, in.types, in.diags, *cache, in.lower,
                        everything ? nullptr : &partial, &origins);
      out.irSeconds += since(t0);
    }
    if (!ir)
      return false;

    std::vector<ir::Function *> lowered;
    for (const auto &f : ir->functions()) {
      irByName[f->getName()] = f.get();
      if (f->hasBody()) {
        lowered.push_back(f.get());
        collectCallees(*f, pre[f.get()]);
      }
    }
    // The whole program's call graph: the record's functions, then new ones.
    unsigned nodes = nr;
    for (const auto &f : ir->functions())
      if (!recIndex.count(f->getName())) {
        newIndex[f->getName()] = nodes++;
        newNames.push_back(f->getName());
      }
    auto idOf = [&](llvm::StringRef name) -> unsigned {
      auto it = recIndex.find(name);
      if (it != recIndex.end())
        return it->second;
      return newIndex.lookup(name);
    };
    std::vector<llvm::SmallVector<unsigned, 4>> adj(nodes);
    for (unsigned v = 0; v < nr; ++v) {
      ir::Function *f = irByName.lookup(rec->functions[v].name);
      if (f && f->hasBody())
        continue;
      adj[v].assign(rec->functions[v].callees.begin(), rec->functions[v].callees.end());
    }
    for (ir::Function *f : lowered) {
      auto &edges = adj[idOf(f->getName())];
      for (const ir::Function *c : pre[f])
        edges.push_back(idOf(c->getName()));
    }
    reachable.assign(nodes, false);
    {
      std::vector<unsigned> work;
      for (const ir::Function *init : ir->initializers())
        work.push_back(idOf(init->getName()));
      if (ir->getEntry())
        work.push_back(idOf(ir->getEntry()->getName()));
      while (!work.empty()) {
        unsigned v = work.back();
        work.pop_back();
        if (reachable[v])
          continue;
        reachable[v] = true;
        for (unsigned w : adj[v])
          work.push_back(w);
      }
    }

    {
      llvm::TimeTraceScope scope("inline");
      auto t0 = Clock::now();
      llvm::StringMap<unsigned> comps;
      std::vector<unsigned> comp = components(adj);
      if (!everything)
        for (const auto &f : ir->functions())
          comps[f->getName()] = comp[idOf(f->getName())];
      // Each cycle by the names in it: whether a call is recursive changes
      // when a cycle does.
      cycles.assign(nodes, Hash128());
      std::vector<std::vector<unsigned>> members;
      for (unsigned v = 0; v < nodes; ++v) {
        if (comp[v] >= members.size())
          members.resize(comp[v] + 1);
        members[comp[v]].push_back(v);
      }
      for (auto &m : members) {
        if (m.size() < 2)
          continue;
        std::vector<llvm::StringRef> names;
        for (unsigned v : m)
          names.push_back(nameOf(v));
        llvm::sort(names);
        Hasher h;
        for (llvm::StringRef n : names)
          h.addString(n);
        Hash128 cycle = h.finish();
        for (unsigned v : m)
          cycles[v] = cycle;
      }
      remarks.clear();
      llvm::raw_string_ostream rs(remarks);
      out.inlineStats = inlineModule(*ir, in.inliner, in.sm, rs, everything ? nullptr : &comps);
      out.inlineSeconds += since(t0);
    }

    // What changed, and which units must be generated again.
    llvm::DenseSet<unsigned> changed;
    for (ir::Function *f : lowered) {
      Facts &fx = facts[f];
      fx.size = inlineSize(*f);
      fx.fingerprint = fingerprintBody(*f, in.sm);
      auto it = recIndex.find(f->getName());
      if (it == recIndex.end()) {
        changed.insert(newIndex.lookup(f->getName()));
        continue;
      }
      const BuildRecord::Function &rf = rec->functions[it->second];
      if (rf.size != fx.size || rf.inlineHint != (f->getInlineHint() == ir::InlineHint::Inline) ||
          rf.fingerprint != fx.fingerprint)
        changed.insert(it->second);
    }
    nodeUnit.assign(nodes, "");
    unitFns.clear();
    for (unsigned v = 0; v < nodes; ++v) {
      if (!reachable[v])
        continue;
      if (ir::Function *f = irByName.lookup(nameOf(v)))
        nodeUnit[v] = f->isInstance() ? ("instance " + f->getName()).str()
                                      : ("module " + f->getSourceModule()).str();
      else
        nodeUnit[v] = recUnit[v];
      unitFns[nodeUnit[v]].push_back(v);
    }
    dirty.clear();
    for (const auto &[unit, fns] : unitFns) {
      bool d = everything || !recUnits.count(unit) || badUnits.contains(unit);
      if (!d) {
        const std::vector<unsigned> &old = recUnitFns.lookup(unit);
        d = old.size() != fns.size();
        for (unsigned v : fns)
          d = d || v >= nr || recUnit[v] != unit || recRedPre[v] || changed.contains(v);
      }
      if (d)
        dirty.insert(unit);
    }
    if (everything)
      break;
    // Every function of a dirty unit, and every function that may inline one
    // that changed, must be lowered with its body.
    std::vector<unsigned> need;
    for (const auto &[unit, fns] : unitFns)
      if (dirty.contains(unit))
        need.insert(need.end(), fns.begin(), fns.end());
    for (unsigned c : changed) {
      if (c >= nr)
        continue;
      // A caller that copied it changes; one that did not may now copy it.
      ir::Function *cf = irByName.lookup(nameOf(c));
      bool copyable = cf && mayInline(*cf, facts.lookup(cf).size);
      for (unsigned f : copyable ? considerers[c] : inliners[c])
        if (reachable[f])
          need.push_back(f);
    }
    // A function in a cycle that appeared, went or changed decides anew.
    for (unsigned v = 0; v < nr; ++v)
      if (reachable[v] && cycles[v] != rec->functions[v].cycle)
        need.push_back(v);
    bool missing = false, progress = false;
    for (unsigned v : need) {
      ir::Function *f = irByName.lookup(nameOf(v));
      if (f && f->hasBody())
        continue;
      missing = true;
      if (v < nr && seedNames.insert(rec->functions[v].name).second)
        progress = true;
    }
    if (!missing)
      break;
    if (!progress || round >= 16) {
      // A function the record names can no longer be asked for: build it all.
      everything = true;
      for (ModuleAST *m : modules)
        if (!check.checkBodiesOf(m))
          return false;
    }
  }
  in.remarks << remarks;
  out.modulesChecked = check.checkedModules().size();

  // The units, in link order.
  auto byName = [](const auto *a, const auto *b) { return a->getName() < b->getName(); };
  llvm::StringMap<std::vector<const ir::Global *>> moduleGlobals;
  for (const auto &g : ir->globals())
    moduleGlobals[g->getSourceModule()].push_back(g.get());
  std::vector<std::pair<std::string, std::vector<unsigned>>> unitList; // name, nodes
  {
    CompileUnit entry;
    entry.kind = CompileUnit::Kind::Entry;
    entry.name = entry.code.name = "<entry>";
    entry.code.entry = true;
    out.units.push_back(std::move(entry));
    unitList.push_back({"entry <entry>", {}});
  }
  auto addUnit = [&](const std::string &key, CompileUnit::Kind kind, llvm::StringRef name,
                     llvm::StringRef module) {
    std::vector<unsigned> fns = unitFns.lookup(key);
    llvm::sort(fns, [&](unsigned a, unsigned b) { return nameOf(a) < nameOf(b); });
    CompileUnit u;
    u.kind = kind;
    u.name = u.code.name = name.str();
    const BuildRecord::Unit *old = recUnits.lookup(key);
    bool globalsOnly = fns.empty();
    if (!dirty.contains(key) && old && !(globalsOnly && invalid[moduleIndex.lookup(module)]) &&
        !badUnits.contains(key)) {
      u.carried = true;
      u.key = old->key;
      u.codeHash = old->code;
      u.functionsHash = old->functions;
      u.layoutsHash = old->layouts;
      u.refsHash = old->refs;
      u.inlined = old->inlined;
    } else {
      for (unsigned v : fns) {
        ir::Function *f = irByName.lookup(nameOf(v));
        assert(f && f->hasBody() && "a unit built again was lowered whole");
        u.code.functions.push_back(f);
      }
      if (kind == CompileUnit::Kind::Module) {
        u.code.globals = moduleGlobals.lookup(module);
        llvm::sort(u.code.globals, byName);
      }
    }
    out.units.push_back(std::move(u));
    unitList.push_back({key, std::move(fns)});
  };
  for (ModuleAST *m : modules) {
    std::string key = "module " + m->modulePath;
    if (unitFns.count(key) || moduleGlobals.count(m->modulePath))
      addUnit(key, CompileUnit::Kind::Module, m->modulePath, m->modulePath);
  }
  std::vector<llvm::StringRef> instances;
  for (const auto &e : unitFns)
    if (e.getKey().starts_with("instance "))
      instances.push_back(e.getKey());
  llvm::sort(instances);
  for (llvm::StringRef key : instances)
    addUnit(key.str(), CompileUnit::Kind::Instance, key.drop_front(9), "");
  (void)kindFromName;

  // The record's functions for the next build.
  llvm::StringMap<unsigned> finalIndex;
  for (const auto &[key, fns] : unitList)
    for (unsigned v : fns)
      finalIndex[nameOf(v)] = finalIndex.size();
  out.functions.resize(finalIndex.size());
  out.functions_ = finalIndex.size();
  for (unsigned ui = 0; ui < unitList.size(); ++ui)
    for (unsigned v : unitList[ui].second) {
      llvm::StringRef name = nameOf(v);
      BuildRecord::Function &rf = out.functions[finalIndex.lookup(name)];
      rf.name = name.str();
      rf.unit = ui;
      rf.cycle = cycles[v];
      ir::Function *f = irByName.lookup(name);
      if (f && f->hasBody()) {
        ++out.functionsLowered;
        rf.inlineHint = f->getInlineHint() == ir::InlineHint::Inline;
        rf.size = facts.lookup(f).size;
        rf.fingerprint = facts.lookup(f).fingerprint;
        llvm::DenseSet<unsigned> seen;
        for (const ir::Function *c : pre.lookup(f)) {
          auto it = finalIndex.find(c->getName());
          if (it != finalIndex.end() && seen.insert(it->second).second)
            rf.callees.push_back(it->second);
        }
        seen.clear();
        for (const ir::Function::InlinedBody &b : f->inlinedBodies()) {
          auto it = finalIndex.find(b.callee);
          if (it != finalIndex.end() && seen.insert(it->second).second)
            rf.inlined.push_back(it->second);
        }
        const FunctionOrigin &o = origins.lookup(f);
        llvm::SmallVector<const ModuleAST *, 4> deps;
        deps.push_back(o.decl ? o.decl->module : nullptr);
        for (const Type *t : o.typeArgs)
          typeModules(t, deps);
        llvm::DenseSet<unsigned> seenModules;
        for (const ModuleAST *m : deps) {
          unsigned i = moduleIndex.lookup(m ? llvm::StringRef(m->modulePath) : f->getSourceModule());
          if (seenModules.insert(i).second)
            rf.deps.push_back(i);
        }
        rf.request = encodeRequest(o);
        if (o.decl)
          rf.decl = declFingerprint(*o.decl, in.sm);
        continue;
      }
      // Not lowered: the record's, renumbered.
      assert(v < nr && "a function not lowered is the record's");
      const BuildRecord::Function &old = rec->functions[v];
      rf.inlineHint = old.inlineHint;
      rf.size = old.size;
      rf.fingerprint = old.fingerprint;
      rf.request = old.request;
      rf.decl = old.decl;
      for (unsigned c : old.callees) {
        auto it = finalIndex.find(rec->functions[c].name);
        if (it != finalIndex.end())
          rf.callees.push_back(it->second);
      }
      for (unsigned c : old.inlined) {
        auto it = finalIndex.find(rec->functions[c].name);
        if (it != finalIndex.end())
          rf.inlined.push_back(it->second);
      }
      for (unsigned d : old.deps) {
        auto it = moduleIndex.find(rec->modules[d].name);
        if (it != moduleIndex.end())
          rf.deps.push_back(it->second);
      }
    }
  out.ir = std::move(ir);
  out.cache = std::move(cache);
  (void)internalError;
  return true;
}
