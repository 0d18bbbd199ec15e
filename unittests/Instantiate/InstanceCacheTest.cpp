//===- InstanceCacheTest.cpp - Hits, misses and counters per declaration --===//
#include "stencil/Instantiate/InstanceCache.h"
#include "TestProgram.h"
#include "gtest/gtest.h"
#include <atomic>
#include <cstdlib>
#include <new>

using namespace stencil;
using namespace stencil::test;

// Counts the allocations of the whole test binary, to show that a hit makes
// none.
static std::atomic<uint64_t> gAllocations{0};

void *operator new(std::size_t size) {
  ++gAllocations;
  if (void *p = std::malloc(size ? size : 1))
    return p;
  std::abort();
}
void *operator new[](std::size_t size) { return operator new(size); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }

namespace {

const char *kA = "import \"containers\"\npub fn a() int { return containers.max(1, 2) }\n";
const char *kB = "import c \"containers\"\npub fn b() int { return c.max[int](3, 4) }\n";
const char *kMain = R"(
import "containers"
import "a"
import "b"
type Celsius float
type Pair[K, V any] struct { key K; value V }
fn main() {
    x := containers.max(5, 6)
    t := containers.max(Celsius(1.5), Celsius(2.5))
    f := containers.max(1.5, 2.5)
    var s containers.Stack[Pair[int, string]]
    s.push(Pair[int, string]{key: 1, value: "one"})
    p := s.pop()
    println(x, t, f, p.key, a.a(), b.b())
}
)";

struct Checked {
  TypeContext types;
  TestProgram program{types, {{"containers", kContainers}, {"a", kA}, {"b", kB}, {"main", kMain}}};
};

/// The readable instance name: `containers.max[main.Celsius]`,
/// `containers.Stack[main.Pair[int, string]].push`.
std::string instanceName(const Request &r) {
  std::string args;
  for (const Type *a : r.args)
    args += (args.empty() ? "" : ", ") + typeToQualifiedString(a);
  std::string name = getGenericName(r.generic);
  if (auto *f = llvm::dyn_cast<FuncDecl>(r.generic); f && f->isMethod) {
    size_t dot = name.rfind('.');
    return name.substr(0, dot) + "[" + args + "]" + name.substr(dot);
  }
  return name + "[" + args + "]";
}

/// A value that counts how often it is made.
struct Counted {
  static inline unsigned made = 0;
  std::string name;
  explicit Counted(std::string n) : name(std::move(n)) { ++made; }
};

} // namespace

// a, b, then main twice: max[int] three times per pass plus once from a and
// once from b, max[Celsius], max[float], Stack[Pair[int, string]].push and .pop.
TEST(InstanceCacheTest, CountsPerDeclaration) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  std::vector<Request> sequence = c.program.requests("a");
  for (const char *m : {"b", "main", "main"})
    for (const Request &r : c.program.requests(m))
      sequence.push_back(r);
  ASSERT_EQ(sequence.size(), 12u);

  InstanceCache<std::string> cache;
  std::vector<bool> hits;
  for (const Request &r : sequence) {
    GenericSlot &g = cache.getGeneric(r.generic);
    auto result = cache.lookupOrInsert(g, cache.getKey(g, r.args), instanceName(r));
    hits.push_back(result.hit);
    EXPECT_EQ(result.entry->value, instanceName(r));
    EXPECT_EQ(result.entry->generic, &g);
  }
  EXPECT_EQ(hits, (std::vector<bool>{false, true, true, false, false, false, false, true, true,
                                     true, true, true}));

  // Entries in first-request order, with stable ids.
  ASSERT_EQ(cache.size(), 5u);
  std::vector<std::string> names;
  for (const auto &e : cache.entries())
    names.push_back(e.value);
  EXPECT_EQ(names, (std::vector<std::string>{"containers.max[int]", "containers.max[main.Celsius]",
                                             "containers.max[float]",
                                             "containers.Stack[main.Pair[int, string]].push",
                                             "containers.Stack[main.Pair[int, string]].pop"}));

  const GenericSlot *max = cache.findGeneric(c.program.func("containers", "max"));
  const GenericSlot *push = cache.findGeneric(c.program.method("containers", "Stack", "push"));
  const GenericSlot *pop = cache.findGeneric(c.program.method("containers", "Stack", "pop"));
  ASSERT_TRUE(max && push && pop);
  EXPECT_EQ(max->getStats(), (InstanceStats{8, 5, 3, 3}));
  EXPECT_EQ(push->getStats(), (InstanceStats{2, 1, 1, 1}));
  EXPECT_EQ(pop->getStats(), (InstanceStats{2, 1, 1, 1}));
  EXPECT_EQ(cache.getTotals(), (InstanceStats{12, 7, 5, 5}));
  ASSERT_EQ(cache.generics().size(), 3u);
  EXPECT_EQ(&cache.generics()[0], max);
  EXPECT_EQ(&cache.generics()[1], push);
  EXPECT_EQ(&cache.generics()[2], pop);

  std::string text;
  llvm::raw_string_ostream os(text);
  cache.printStats(os);
  EXPECT_EQ(text, "containers.max: requests 8, hits 5, misses 3, unique 3\n"
                  "containers.Stack.push: requests 2, hits 1, misses 1, unique 1\n"
                  "containers.Stack.pop: requests 2, hits 1, misses 1, unique 1\n"
                  "total: requests 12, hits 7, misses 5, unique 5\n");
}

TEST(InstanceCacheTest, ValueIsMadeOnlyOnAMiss) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  InstanceCache<Counted> cache;
  const Decl *max = c.program.func("containers", "max");
  const Type *intArg[] = {c.types.getInt()};
  Hash128 key = cache.getKeys().getInstanceKey(max, intArg);
  Counted::made = 0;
  auto first = cache.lookupOrInsert(max, key, "max[int]"); // through the declaration
  EXPECT_FALSE(first.hit);
  EXPECT_EQ(Counted::made, 1u);
  auto second = cache.lookupOrInsert(max, key, "ignored");
  EXPECT_TRUE(second.hit);
  EXPECT_EQ(Counted::made, 1u);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(cache[second.id].value.name, "max[int]");

  // find() looks without counting a request.
  ASSERT_NE(cache.find(key), nullptr);
  EXPECT_EQ(cache.find(key)->value.name, "max[int]");
  const Type *floatArg[] = {c.types.getFloat()};
  EXPECT_EQ(cache.find(cache.getKeys().getInstanceKey(max, floatArg)), nullptr);
  EXPECT_EQ(cache.findGeneric(max)->getStats(), (InstanceStats{2, 1, 1, 1}));
}

TEST(InstanceCacheTest, HitAllocatesNothing) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  InstanceCache<int> cache;
  FuncDecl *push = c.program.method("containers", "Stack", "push");
  std::vector<Request> main = c.program.requests("main");
  const Request &r = main[3];
  ASSERT_EQ(r.generic, push);
  GenericSlot &g = cache.getGeneric(push);
  // Fill the cache with other instances first, so the table is not trivial.
  for (int i = 0; i < 1000; ++i) {
    const Type *t = c.types.getInt();
    for (int j = 0; j < i; ++j)
      t = c.types.getSlice(t);
    const Type *args[] = {t};
    cache.lookupOrInsert(g, cache.getKey(g, args), i);
  }
  cache.lookupOrInsert(g, cache.getKey(g, r.args), -1); // the miss
  uint64_t before = gAllocations.load();
  for (int i = 0; i < 1000; ++i) {
    auto result = cache.lookupOrInsert(g, cache.getKey(g, r.args), 0);
    ASSERT_TRUE(result.hit);
    ASSERT_EQ(result.entry->value, -1);
  }
  EXPECT_EQ(gAllocations.load(), before);
  EXPECT_EQ(g.getStats(), (InstanceStats{2001, 1000, 1001, 1001}));
}
