//===- InstanceKeyTest.cpp - Canonical instance keys ----------------------===//
//
// Equal instances get equal keys whatever route built their types (any module,
// an alias import, another TypeContext built in another order); different
// instances get different keys.
//
//===----------------------------------------------------------------------===//
#include "stencil/Instantiate/InstanceKey.h"
#include "TestProgram.h"
#include "gtest/gtest.h"

using namespace stencil;
using namespace stencil::test;

namespace {


const char *kModuleA = R"(
import "containers"
pub type T struct { v int }
pub fn id[X any](x X) X { return x }
pub fn a() int { return containers.max(1, 2) }
)";

const char *kModuleB = R"(
import c "containers"
pub type T struct { v int }
pub fn id[X any](x X) X { return x }
pub fn b() int { return c.max[int](3, 4) }
)";

const char *kMain = R"(
import "containers"
import cs "containers"
import "a"
import "b"

type Celsius float
type Pair[K, V any] struct { key K; value V }

var plain containers.Stack[int]
var aliased cs.Stack[int]
var nested containers.Stack[Pair[int, string]]

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

// The same program with main's declarations in another order and more types
// used before the ones the tests look at: its types get other ids.
const char *kMainReordered = R"(
import "b"
import "a"
import cs "containers"
import "containers"

type Extra struct { f fn([]string, bool) []float; g [][]bool }
type Pair[K, V any] struct { key K; value V }
var nested containers.Stack[Pair[int, string]]
var aliased cs.Stack[int]
type Celsius float
var plain containers.Stack[int]

fn main() {
    var e Extra
    var q Pair[string, []int]
    var s containers.Stack[Pair[int, string]]
    p := s.pop()
    s.push(Pair[int, string]{key: 1, value: "one"})
    f := containers.max(1.5, 2.5)
    t := containers.max(Celsius(1.5), Celsius(2.5))
    x := containers.max(5, 6)
    println(x, t, f, p.key, a.a(), b.b(), len(e.g), q.key)
}
)";

struct Checked {
  TypeContext types;
  TestProgram program;
  explicit Checked(const char *main = kMain)
      : program(types,
                {{"containers", kContainers}, {"a", kModuleA}, {"b", kModuleB}, {"main", main}}) {}
};

/// The single request of \p generic in \p requests (fails the test otherwise).
const Request *only(const std::vector<Request> &requests, const Decl *generic) {
  const Request *found = nullptr;
  for (const Request &r : requests) {
    if (r.generic != generic)
      continue;
    EXPECT_EQ(found, nullptr) << "more than one request";
    found = &r;
  }
  EXPECT_NE(found, nullptr) << "no request";
  return found;
}

} // namespace

TEST(InstanceKeyTest, ProgramChecks) {
  Checked c;
  EXPECT_EQ(c.program.errors, "");
  Checked r(kMainReordered);
  EXPECT_EQ(r.program.errors, "");
}

TEST(InstanceKeyTest, MaxIntFromThreeModulesIsOneKey) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  KeyContext keys;
  const Decl *max = c.program.func("containers", "max");
  std::vector<Request> reqA = c.program.requests("a"), reqB = c.program.requests("b");
  const Request *fromA = only(reqA, max);
  const Request *fromB = only(reqB, max);
  ASSERT_TRUE(fromA && fromB);
  std::vector<Request> fromMain = c.program.requests("main");
  ASSERT_GE(fromMain.size(), 1u);
  ASSERT_EQ(fromMain[0].generic, max);

  Hash128 ka = keys.getInstanceKey(fromA->generic, fromA->args); // inferred
  Hash128 kb = keys.getInstanceKey(fromB->generic, fromB->args); // explicit, alias import
  Hash128 km = keys.getInstanceKey(fromMain[0].generic, fromMain[0].args);
  EXPECT_EQ(ka, kb);
  EXPECT_EQ(ka, km);
  const Type *intArg[] = {c.types.getInt()};
  EXPECT_EQ(ka, keys.getInstanceKey(max, intArg));
  // A fresh KeyContext (nothing memoized) agrees.
  KeyContext fresh;
  EXPECT_EQ(fresh.getInstanceKey(max, intArg), ka);
}

TEST(InstanceKeyTest, AliasImportNamesTheSameType) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  KeyContext keys;
  const Type *plain = c.program.varType("main", "plain");
  const Type *aliased = c.program.varType("main", "aliased");
  ASSERT_TRUE(plain && aliased);
  EXPECT_EQ(plain, aliased);
  EXPECT_EQ(keys.getTypeHash(plain), keys.getTypeHash(aliased));
  // ... and by hand, through the declaration.
  const Type *intArg[] = {c.types.getInt()};
  const Type *byHand = c.types.getNamed(c.program.type("containers", "Stack"), intArg);
  KeyContext other;
  EXPECT_EQ(other.getTypeHash(byHand), keys.getTypeHash(plain));
}

TEST(InstanceKeyTest, NestedInstances) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  TypeContext &t = c.types;
  KeyContext keys;
  const Type *pairArgs[] = {t.getInt(), t.getString()};
  const Type *pair = t.getNamed(c.program.type("main", "Pair"), pairArgs);
  const Type *stackArgs[] = {pair};
  const Type *stack = t.getNamed(c.program.type("containers", "Stack"), stackArgs);
  EXPECT_EQ(keys.getTypeHash(c.program.varType("main", "nested")), keys.getTypeHash(stack));

  // The method requests carry the receiver's arguments: [main.Pair[int, string]].
  FuncDecl *push = c.program.method("containers", "Stack", "push");
  FuncDecl *pop = c.program.method("containers", "Stack", "pop");
  std::vector<Request> main = c.program.requests("main");
  const Request *pushReq = only(main, push);
  const Request *popReq = only(main, pop);
  ASSERT_TRUE(pushReq && popReq);
  EXPECT_EQ(keys.getInstanceKey(push, pushReq->args), keys.getInstanceKey(push, stackArgs));
  EXPECT_EQ(keys.getInstanceKey(pop, popReq->args), keys.getInstanceKey(pop, stackArgs));
  EXPECT_EQ(getGenericName(push), "containers.Stack.push");
  EXPECT_EQ(getGenericName(c.program.func("containers", "max")), "containers.max");
}

// Two independent checks of the same program, the second with its types
// created in another order (other ids, other pointers, other declaration
// objects), give the same keys: keys depend on names and structure only.
TEST(InstanceKeyTest, IndependentChecksGiveIdenticalKeys) {
  Checked one;
  ASSERT_EQ(one.program.errors, "");
  // Types interned before the check shift every id of the second context.
  auto two = std::make_unique<TypeContext>();
  const Type *noise = two->getBool();
  for (int i = 0; i < 50; ++i)
    noise = two->getSlice(noise);
  TestProgram second(
      *two,
      {{"containers", kContainers}, {"a", kModuleA}, {"b", kModuleB}, {"main", kMainReordered}});
  ASSERT_EQ(second.errors, "");

  KeyContext k1, k2;
  const Type *n1 = one.program.varType("main", "nested");
  const Type *n2 = second.varType("main", "nested");
  ASSERT_TRUE(n1 && n2);
  EXPECT_NE(n1, n2);
  EXPECT_NE(n1->getId(), n2->getId()) << "the test needs types with different ids";
  EXPECT_EQ(k1.getTypeHash(n1), k2.getTypeHash(n2));
  EXPECT_EQ(k1.getTypeHash(one.program.varType("main", "plain")),
            k2.getTypeHash(second.varType("main", "plain")));

  // Every request of main, matched by generic name and argument text.
  std::vector<Request> r1 = one.program.requests("main");
  std::vector<Request> r2 = second.requests("main");
  ASSERT_EQ(r1.size(), 5u);
  ASSERT_EQ(r2.size(), 5u);
  unsigned matched = 0;
  for (const Request &a : r1) {
    for (const Request &b : r2) {
      if (getGenericName(a.generic) != getGenericName(b.generic) ||
          typeToQualifiedString(a.args[0]) != typeToQualifiedString(b.args[0]))
        continue;
      EXPECT_EQ(k1.getInstanceKey(a.generic, a.args), k2.getInstanceKey(b.generic, b.args))
          << getGenericName(a.generic) << "[" << typeToQualifiedString(a.args[0]) << "]";
      ++matched;
    }
  }
  EXPECT_EQ(matched, 5u);
}

// The key format is part of the build directory's contents: a change of the
// encoding changes these values (update them, and docs/instance-cache.md, on
// purpose only).
TEST(InstanceKeyTest, GoldenKeys) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  TypeContext &t = c.types;
  KeyContext keys;
  EXPECT_EQ(keys.getTypeHash(t.getInt()).toHex(), "bdc94bce2eda264dbc08dc21994df8a2");
  const Type *intArg[] = {t.getInt()};
  EXPECT_EQ(keys.getInstanceKey(c.program.func("containers", "max"), intArg).toHex(),
            "1a9ae0c83cb33f2e3091e4c93c542abe");
  const Type *pairArgs[] = {t.getInt(), t.getString()};
  const Type *stackArgs[] = {t.getNamed(c.program.type("main", "Pair"), pairArgs)};
  EXPECT_EQ(keys.getInstanceKey(c.program.method("containers", "Stack", "push"), stackArgs).toHex(),
            "3975de4d7a5b003a52d1f3764837256e");
}

TEST(InstanceKeyTest, DefinedTypeIsNotItsUnderlyingType) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  KeyContext keys;
  const Decl *max = c.program.func("containers", "max");
  std::vector<Request> main = c.program.requests("main");
  ASSERT_EQ(main.size(), 5u);
  // x := max(5, 6); t := max(Celsius, Celsius); f := max(1.5, 2.5)
  Hash128 maxInt = keys.getInstanceKey(max, main[0].args);
  Hash128 maxCelsius = keys.getInstanceKey(max, main[1].args);
  Hash128 maxFloat = keys.getInstanceKey(max, main[2].args);
  EXPECT_EQ(typeToQualifiedString(main[1].args[0]), "main.Celsius");
  EXPECT_EQ(main[2].args[0], c.types.getFloat());
  EXPECT_NE(maxCelsius, maxFloat);
  EXPECT_NE(maxCelsius, maxInt);
  EXPECT_NE(maxInt, maxFloat);
  EXPECT_NE(keys.getTypeHash(main[1].args[0]), keys.getTypeHash(c.types.getFloat()));
}

TEST(InstanceKeyTest, DifferentTypesGiveDifferentHashes) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  TypeContext &t = c.types;
  KeyContext keys;
  auto h = [&](const Type *ty) { return keys.getTypeHash(ty); };
  const Type *i = t.getInt(), *s = t.getString(), *f = t.getFloat(), *b = t.getBool();
  TypeDecl *pair = c.program.type("main", "Pair");

  // Pair[int, string] vs Pair[string, int]
  const Type *is[] = {i, s}, *si[] = {s, i};
  EXPECT_NE(h(t.getNamed(pair, is)), h(t.getNamed(pair, si)));
  // fn(int) int vs fn(int) vs fn(int, int) vs fn() int
  const Type *one[] = {i}, *two[] = {i, i};
  EXPECT_NE(h(t.getFunc(one, i)), h(t.getFunc(one, t.getVoid())));
  EXPECT_NE(h(t.getFunc(one, i)), h(t.getFunc(two, t.getVoid())));
  EXPECT_NE(h(t.getFunc(one, i)), h(t.getFunc({}, i)));
  EXPECT_NE(h(t.getFunc(two, t.getVoid())), h(t.getFunc({}, t.getVoid())));
  // fn(int) string vs fn(string) int
  const Type *oneS[] = {s};
  EXPECT_NE(h(t.getFunc(one, s)), h(t.getFunc(oneS, i)));
  // []int vs [][]int vs int
  EXPECT_NE(h(t.getSlice(i)), h(t.getSlice(t.getSlice(i))));
  EXPECT_NE(h(t.getSlice(i)), h(i));
  // The basic types.
  const Type *basics[] = {i, f, b, s, t.getVoid()};
  for (const Type *x : basics)
    for (const Type *y : basics)
      if (x != y)
        EXPECT_NE(h(x), h(y));
  // a.T vs b.T: one name in two modules.
  EXPECT_NE(h(t.getNamed(c.program.type("a", "T"), {})),
            h(t.getNamed(c.program.type("b", "T"), {})));
}

TEST(InstanceKeyTest, DifferentDeclarationsGiveDifferentKeys) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  KeyContext keys;
  const Type *intArg[] = {c.types.getInt()};
  Hash128 push = keys.getInstanceKey(c.program.method("containers", "Stack", "push"), intArg);
  Hash128 pop = keys.getInstanceKey(c.program.method("containers", "Stack", "pop"), intArg);
  Hash128 pushFn = keys.getInstanceKey(c.program.func("containers", "push"), intArg);
  Hash128 stack = keys.getInstanceKey(c.program.type("containers", "Stack"), intArg);
  EXPECT_NE(push, pop);
  EXPECT_NE(push, pushFn);
  EXPECT_NE(pop, pushFn);
  EXPECT_NE(stack, push);
  EXPECT_NE(stack, pushFn);
  // a.id[int] vs b.id[int]
  EXPECT_NE(keys.getInstanceKey(c.program.func("a", "id"), intArg),
            keys.getInstanceKey(c.program.func("b", "id"), intArg));
  // An instance key is not the hash of the type instance it names.
  const Type *stackInt = c.types.getNamed(c.program.type("containers", "Stack"), intArg);
  EXPECT_NE(stack, keys.getTypeHash(stackInt));
}

// Length-prefixed names: module "xy" type "Z" is not module "x" type "yZ".
TEST(InstanceKeyTest, NamesAreLengthPrefixed) {
  TypeContext types;
  TestProgram p(types, {{"xy", "pub type Z struct { v int }\n"},
                        {"x", "pub type yZ struct { v int }\n"},
                        {"main", "import \"xy\"\nimport \"x\"\nfn main() {}\n"}});
  ASSERT_EQ(p.errors, "");
  KeyContext keys;
  EXPECT_NE(keys.getTypeHash(types.getNamed(p.type("xy", "Z"), {})),
            keys.getTypeHash(types.getNamed(p.type("x", "yZ"), {})));
}

// Records longer than the one-shot buffer stream through an XXH3 state: the
// key still depends on every argument.
TEST(InstanceKeyTest, ManyParameters) {
  TypeContext t;
  KeyContext keys;
  std::vector<const Type *> params(40, t.getInt());
  Hash128 base = keys.getTypeHash(t.getFunc(params, t.getVoid()));
  for (size_t i = 0; i < params.size(); ++i) {
    std::vector<const Type *> changed = params;
    changed[i] = t.getFloat();
    EXPECT_NE(keys.getTypeHash(t.getFunc(changed, t.getVoid())), base) << i;
  }
  KeyContext fresh;
  EXPECT_EQ(fresh.getTypeHash(t.getFunc(params, t.getVoid())), base);
}

TEST(InstanceKeyTest, DeepTypesNeedNoRecursion) {
  TypeContext t;
  KeyContext keys;
  const Type *deep = t.getInt();
  for (int i = 0; i < 100000; ++i)
    deep = t.getSlice(deep);
  Hash128 h = keys.getTypeHash(deep);
  EXPECT_EQ(keys.getNumMemoizedTypes(), 100001u);
  EXPECT_NE(h, keys.getTypeHash(t.getSlice(deep)));
}

namespace {
/// The byte records of docs/instance-cache.md, written out independently.
struct Bytes {
  std::string b;
  Bytes &u8(uint8_t v) {
    b.push_back(static_cast<char>(v));
    return *this;
  }
  Bytes &u32(uint32_t v) {
    for (int i = 0; i < 4; ++i)
      u8(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  Bytes &u64(uint64_t v) {
    for (int i = 0; i < 8; ++i)
      u8(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  Bytes &str(llvm::StringRef s) {
    u64(s.size());
    b += s.str();
    return *this;
  }
  Bytes &hash(Hash128 h) { return u64(h.low).u64(h.high); }
  Bytes &head(uint8_t tag, uint64_t count) { return u64(tag | count << 8); }
  Hash128 xxh3() const { return hash128(b); }
};
} // namespace

TEST(InstanceKeyTest, EncodingIsTheDocumentedOne) {
  Checked c;
  ASSERT_EQ(c.program.errors, "");
  TypeContext &t = c.types;
  KeyContext keys;
  Hash128 hInt = Bytes().head(0x01, 0).xxh3();
  Hash128 hFloat = Bytes().head(0x02, 0).xxh3();
  Hash128 hBool = Bytes().head(0x03, 0).xxh3();
  Hash128 hString = Bytes().head(0x04, 0).xxh3();
  Hash128 hVoid = Bytes().head(0x05, 0).xxh3();
  EXPECT_EQ(keys.getTypeHash(t.getInt()), hInt);
  EXPECT_EQ(keys.getTypeHash(t.getFloat()), hFloat);
  EXPECT_EQ(keys.getTypeHash(t.getBool()), hBool);
  EXPECT_EQ(keys.getTypeHash(t.getString()), hString);
  EXPECT_EQ(keys.getTypeHash(t.getVoid()), hVoid);

  // []int, fn(int, bool) string, fn()
  EXPECT_EQ(keys.getTypeHash(t.getSlice(t.getInt())), Bytes().head(0x10, 0).hash(hInt).xxh3());
  const Type *params[] = {t.getInt(), t.getBool()};
  EXPECT_EQ(keys.getTypeHash(t.getFunc(params, t.getString())),
            Bytes().head(0x11, 2).hash(hInt).hash(hBool).hash(hString).xxh3());
  EXPECT_EQ(keys.getTypeHash(t.getFunc({}, t.getVoid())), Bytes().head(0x11, 0).hash(hVoid).xxh3());

  // main.Celsius, main.Pair[int, string]
  Hash128 celsiusDecl = Bytes().head(0x22, 2).str("main").str("Celsius").u64(0).xxh3();
  Hash128 pairDecl = Bytes().head(0x22, 2).str("main").str("Pair").u64(2).xxh3();
  EXPECT_EQ(keys.getDeclHash(c.program.type("main", "Celsius")), celsiusDecl);
  EXPECT_EQ(keys.getTypeHash(t.getNamed(c.program.type("main", "Celsius"), {})),
            Bytes().head(0x12, 0).hash(celsiusDecl).xxh3());
  const Type *pairArgs[] = {t.getInt(), t.getString()};
  const Type *pair = t.getNamed(c.program.type("main", "Pair"), pairArgs);
  Hash128 hPair = Bytes().head(0x12, 2).hash(pairDecl).hash(hInt).hash(hString).xxh3();
  EXPECT_EQ(keys.getTypeHash(pair), hPair);

  // containers.max[int], containers.Stack[main.Pair[int, string]].push, containers.Stack[int]
  Hash128 maxDecl = Bytes().head(0x20, 2).str("containers").str("max").u64(1).xxh3();
  Hash128 pushDecl = Bytes().head(0x21, 3).str("containers").str("Stack").str("push").u64(1).xxh3();
  Hash128 stackDecl = Bytes().head(0x22, 2).str("containers").str("Stack").u64(1).xxh3();
  const Type *intArg[] = {t.getInt()};
  const Type *pairArg[] = {pair};
  EXPECT_EQ(keys.getInstanceKey(c.program.func("containers", "max"), intArg),
            Bytes().hash(maxDecl).hash(hInt).xxh3());
  EXPECT_EQ(keys.getInstanceKey(c.program.method("containers", "Stack", "push"), pairArg),
            Bytes().hash(pushDecl).hash(hPair).xxh3());
  EXPECT_EQ(keys.getInstanceKey(c.program.type("containers", "Stack"), intArg),
            Bytes().hash(stackDecl).hash(hInt).xxh3());

  // A record longer than the one-shot buffer (streamed) is the same function
  // of its bytes: fn(int x 20) (8 + 21 * 16 = 344 bytes).
  std::vector<const Type *> many(20, t.getInt());
  Bytes manyRecord;
  manyRecord.head(0x11, 20);
  for (int i = 0; i < 20; ++i)
    manyRecord.hash(hInt);
  manyRecord.hash(hVoid);
  EXPECT_EQ(keys.getTypeHash(t.getFunc(many, t.getVoid())), manyRecord.xxh3());
}
