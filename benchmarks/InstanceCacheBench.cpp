//===- InstanceCacheBench.cpp - The instance cache's hit and miss ---------===//
//
//   ninja -C build instance-cache-bench
//   build/bin/instance-cache-bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
//
// A checked two-module program (containers.Stack with push, main.Pair) gives
// real declarations and interned types. Every cache holds 1,025 instances of
// containers.Stack[T].push (T = main.Pair[A, B] over 32 x 32 argument types,
// plus the requested one) before timing.
//
//   BM_Hit            containers.Stack[main.Pair[int, string]].push, already in
//                     the cache: compute its key (memoized type hashes, the
//                     declaration's slot held by the caller) and look it up,
//                     counting the request. The goal of issue 3: <= 20 ns.
//   BM_Miss           insert new instances (keys of types not yet requested;
//                     type hashes memoized): key + insertion + counting. The
//                     cache is refilled every 65,472 insertions, untimed.
//   BM_KeyOnly        the key computation of BM_Hit alone (hashing a signature
//                     whose type arguments were hashed before: the usual case).
//   BM_KeyColdTypes   hashing a signature whose type argument was never hashed
//                     in this cache (Pair[A, B] over 65,472 distinct types; its
//                     components may have been): the first request of a type.
//                     A fresh cache every 65,472 keys, untimed.
//   BM_StringMapHit   the same hit in a std::unordered_map<std::string, V> keyed
//                     by the mangled instance name, building the name each time
//                     (from memoized per-type names: the analog of computing
//                     our key from memoized type hashes). The goal: BM_Hit at
//                     least 3x cheaper.
//   BM_StringMapHitPrebuiltName  only the string map's lookup, the name built
//                     once outside the loop (a floor for any string-keyed map).
//
//===----------------------------------------------------------------------===//
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Instantiate/InstanceCache.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "stencil/Sema/Sema.h"
#include "stencil/Sema/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/raw_ostream.h"
#include <benchmark/benchmark.h>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

using namespace stencil;

namespace {

const char *kContainers = R"(
pub type Stack[T any] struct { items []T }
pub fn (s Stack[T]) push(v T) { s.items = append(s.items, v) }
)";
const char *kMain = R"(
import "containers"
type Celsius float
type Id struct { n int }
type Pair[K, V any] struct { key K; value V }
fn main() {
    var s containers.Stack[Pair[int, string]]
    s.push(Pair[int, string]{key: 1, value: "one"})
}
)";

/// What the instance stands for (later: an IR function).
struct Instance {
  uint32_t symbol;
};

/// The checked program and its declarations, built once.
struct World {
  SourceManager sm;
  std::string errors;
  llvm::raw_string_ostream errStream{errors};
  DiagnosticEngine diags{sm, errStream};
  TypeContext types;
  std::unique_ptr<ModuleAST> containers, main;
  FuncDecl *push = nullptr;
  TypeDecl *pair = nullptr;
  const Type *target = nullptr;      ///< main.Pair[int, string]
  std::vector<const Type *> fillers; ///< 32 x 32 other Pair instances
  std::vector<const Type *> fresh;   ///< never requested before BM_Miss
  std::string pushPrefix = "containers.Stack[", pushSuffix = "].push";

  World() {
    containers = load("containers", kContainers);
    main = load("main", kMain);
    main->imports[0]->target = containers.get();
    checkProgram({containers.get(), main.get()}, main.get(), types, diags);
    if (!errors.empty()) {
      llvm::errs() << errors;
      std::abort();
    }
    for (Decl *d : containers->decls)
      if (auto *f = llvm::dyn_cast<FuncDecl>(d); f && f->name.name == "push")
        push = f;
    for (Decl *d : main->decls)
      if (auto *t = llvm::dyn_cast<TypeDecl>(d); t && t->name.name == "Pair")
        pair = t;
    const Type *pairArgs[] = {types.getInt(), types.getString()};
    target = types.getNamed(pair, pairArgs);

    // 32 argument types: basic, defined, slices, functions.
    std::vector<const Type *> leaves;
    for (TypeDecl *d : declsOf<TypeDecl>(*main))
      if (!d->isGeneric())
        leaves.push_back(types.getNamed(d, {}));
    const Type *basics[] = {types.getInt(), types.getFloat(), types.getBool(), types.getString()};
    for (const Type *b : basics) {
      leaves.push_back(b);
      leaves.push_back(types.getSlice(b));
      leaves.push_back(types.getSlice(types.getSlice(b)));
      const Type *one[] = {b};
      leaves.push_back(types.getFunc(one, b));
      leaves.push_back(types.getFunc(one, types.getVoid()));
      leaves.push_back(types.getFunc({}, b));
      leaves.push_back(types.getSlice(types.getFunc(one, b)));
    }
    while (leaves.size() < 32)
      leaves.push_back(types.getSlice(leaves.back()));
    leaves.resize(32);
    for (const Type *a : leaves)
      for (const Type *b : leaves) {
        const Type *args[] = {a, b};
        const Type *t = types.getNamed(pair, args);
        if (t != target)
          fillers.push_back(t);
      }
    // 65,472 more: Pair[filler, leaf] and Pair[leaf, filler].
    for (const Type *f : fillers)
      for (const Type *l : leaves) {
        const Type *args[] = {f, l}, *swapped[] = {l, f};
        fresh.push_back(types.getNamed(pair, args));
        fresh.push_back(types.getNamed(pair, swapped));
      }
    llvm::DenseSet<const Type *> distinct(fresh.begin(), fresh.end());
    if (distinct.size() != fresh.size())
      std::abort();
  }

  std::unique_ptr<ModuleAST> load(const char *path, const char *source) {
    FileId f = sm.addBuffer(source, std::string(path) + ".stn");
    TokenBuffer tokens = lex(sm, f, diags);
    return parse(tokens, path, diags);
  }
  template <typename T> static std::vector<T *> declsOf(ModuleAST &m) {
    std::vector<T *> out;
    for (Decl *d : m.decls)
      if (auto *t = llvm::dyn_cast<T>(d))
        out.push_back(t);
    return out;
  }
};

World &world() {
  static World w;
  return w;
}

/// A cache holding the fillers and the target, every type hash memoized.
struct FilledCache {
  InstanceCache<Instance> cache;
  GenericSlot *push;
  explicit FilledCache(World &w) {
    push = &cache.getGeneric(w.push);
    uint32_t n = 0;
    for (const Type *t : w.fillers) {
      const Type *args[] = {t};
      cache.lookupOrInsert(*push, cache.getKey(*push, args), Instance{n++});
    }
    const Type *args[] = {w.target};
    cache.lookupOrInsert(*push, cache.getKey(*push, args), Instance{n++});
  }
};

void BM_Hit(benchmark::State &state) {
  World &w = world();
  FilledCache f(w);
  const Type *args[] = {w.target};
  for (auto _ : state) {
    Hash128 key = f.cache.getKey(*f.push, args);
    auto r = f.cache.lookupOrInsert(*f.push, key, Instance{0});
    benchmark::DoNotOptimize(r.entry->value.symbol);
  }
  if (f.push->getStats().hits != static_cast<uint64_t>(state.iterations()))
    state.SkipWithError("a request missed");
}
BENCHMARK(BM_Hit);

void BM_KeyOnly(benchmark::State &state) {
  World &w = world();
  FilledCache f(w);
  const Type *args[] = {w.target};
  for (auto _ : state) {
    Hash128 key = f.cache.getKey(*f.push, args);
    benchmark::DoNotOptimize(key);
  }
}
BENCHMARK(BM_KeyOnly);

void BM_KeyColdTypes(benchmark::State &state) {
  World &w = world();
  auto cache = std::make_unique<InstanceCache<Instance>>();
  GenericSlot *push = &cache->getGeneric(w.push);
  size_t next = 0;
  for (auto _ : state) {
    if (next == w.fresh.size()) {
      state.PauseTiming();
      cache = std::make_unique<InstanceCache<Instance>>();
      push = &cache->getGeneric(w.push);
      next = 0;
      state.ResumeTiming();
    }
    const Type *args[] = {w.fresh[next++]};
    Hash128 key = cache->getKey(*push, args);
    benchmark::DoNotOptimize(key);
  }
}
BENCHMARK(BM_KeyColdTypes);

void BM_Miss(benchmark::State &state) {
  World &w = world();
  auto f = std::make_unique<FilledCache>(w);
  for (const Type *t : w.fresh) // memoize the type hashes once
    f->cache.getKeys().getTypeHash(t);
  size_t next = 0;
  for (auto _ : state) {
    if (next == w.fresh.size()) {
      state.PauseTiming();
      f = std::make_unique<FilledCache>(w);
      for (const Type *t : w.fresh)
        f->cache.getKeys().getTypeHash(t);
      next = 0;
      state.ResumeTiming();
    }
    const Type *args[] = {w.fresh[next++]};
    auto r = f->cache.lookupOrInsert(*f->push, f->cache.getKey(*f->push, args), Instance{0});
    benchmark::DoNotOptimize(r.entry);
  }
}
BENCHMARK(BM_Miss);

/// The string-keyed analog: the mangled name of each type memoized, the name
/// of the instance built from them on every request.
struct StringCache {
  std::unordered_map<std::string, Instance> map;
  llvm::DenseMap<const Type *, std::string> typeNames;

  const std::string &typeName(const Type *t) {
    auto it = typeNames.find(t);
    if (it != typeNames.end())
      return it->second;
    return typeNames[t] = typeToQualifiedString(t);
  }
  std::string mangle(World &w, const Type *arg) {
    std::string name = w.pushPrefix;
    name += typeName(arg);
    name += w.pushSuffix;
    return name;
  }
  explicit StringCache(World &w) {
    uint32_t n = 0;
    for (const Type *t : w.fillers)
      map.try_emplace(mangle(w, t), Instance{n++});
    map.try_emplace(mangle(w, w.target), Instance{n++});
  }
};

void BM_StringMapHit(benchmark::State &state) {
  World &w = world();
  StringCache s(w);
  for (auto _ : state) {
    std::string name = s.mangle(w, w.target);
    auto it = s.map.find(name);
    benchmark::DoNotOptimize(it->second.symbol);
  }
  if (s.map.find(s.mangle(w, w.target)) == s.map.end())
    state.SkipWithError("the instance is missing");
}
BENCHMARK(BM_StringMapHit);

void BM_StringMapHitPrebuiltName(benchmark::State &state) {
  World &w = world();
  StringCache s(w);
  std::string name = s.mangle(w, w.target);
  for (auto _ : state) {
    auto it = s.map.find(name);
    benchmark::DoNotOptimize(it->second.symbol);
  }
}
BENCHMARK(BM_StringMapHitPrebuiltName);

} // namespace

BENCHMARK_MAIN();
