//===- KeyPropertyTest.cpp - No key collision over random distinct types --===//
//
// Builds 200,000 distinct types at random (a fixed seed): trees of slices,
// function types and instances of a few generic types, over basic and
// non-generic named types of two modules, deduplicated by the interner. Their
// hashes, and the keys of two instances at each of them, are all distinct.
// The same sequence built in a second TypeContext (other declaration objects,
// other ids) gives the same hashes, type by type.
//
//===----------------------------------------------------------------------===//
#include "TestProgram.h"
#include "stencil/Instantiate/InstanceKey.h"
#include "llvm/ADT/DenseSet.h"
#include "gtest/gtest.h"
#include <algorithm>

using namespace stencil;
using namespace stencil::test;

namespace {

constexpr unsigned kNumTypes = 200000;
constexpr uint64_t kSeed = 0x5157e1c0ffee2024;

const char *kP = R"(
pub type Pair[K, V any] struct { key K; value V }
pub type Box[T any] struct { v T }
pub fn (b Box[T]) get() T { return b.v }
pub type Triple[A, B, C any] struct { a A; b B; c C }
pub type Celsius float
pub type Id struct { n int }
)";
const char *kQ = R"(
pub type Box[T any] struct { v T }
pub type Id struct { n int }
)";
const char *kMain = "import \"p\"\nimport \"q\"\nfn main() {}\n";

/// A deterministic random type generator (splitmix64: the same stream on
/// every platform).
class TypeGen {
public:
  TypeGen(TypeContext &t, const TestProgram &p) : t_(t) {
    leaves_ = {t.getInt(),
               t.getFloat(),
               t.getBool(),
               t.getString(),
               t.getNamed(p.type("p", "Celsius"), {}),
               t.getNamed(p.type("p", "Id"), {}),
               t.getNamed(p.type("q", "Id"), {})};
    generics_ = {p.type("p", "Pair"), p.type("p", "Box"), p.type("p", "Triple"),
                 p.type("q", "Box")};
  }

  const Type *gen(unsigned depth) {
    unsigned r = next() % 10;
    if (depth == 0 || r < 3)
      return leaves_[next() % leaves_.size()];
    if (r < 5)
      return t_.getSlice(gen(depth - 1));
    if (r < 7) {
      llvm::SmallVector<const Type *, 4> params;
      for (unsigned n = next() % 4; n; --n)
        params.push_back(gen(depth - 1));
      const Type *result = next() % 4 == 0 ? t_.getVoid() : gen(depth - 1);
      return t_.getFunc(params, result);
    }
    TypeDecl *d = generics_[next() % generics_.size()];
    llvm::SmallVector<const Type *, 4> args;
    for (size_t i = 0; i < d->typeParams.size(); ++i)
      args.push_back(gen(depth - 1));
    return t_.getNamed(d, args);
  }

  /// kNumTypes distinct types, in the order first generated.
  std::vector<const Type *> distinct() {
    std::vector<const Type *> out;
    llvm::DenseSet<const Type *> seen;
    while (out.size() < kNumTypes) {
      const Type *ty = gen(1 + next() % 5);
      if (seen.insert(ty).second)
        out.push_back(ty);
    }
    return out;
  }

private:
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }

  TypeContext &t_;
  uint64_t state_ = kSeed;
  std::vector<const Type *> leaves_;
  std::vector<TypeDecl *> generics_;
};

} // namespace

TEST(KeyPropertyTest, RandomDistinctTypesHaveDistinctKeys) {
  TypeContext types;
  TestProgram p(types, {{"p", kP}, {"q", kQ}, {"main", kMain}});
  ASSERT_EQ(p.errors, "");
  std::vector<const Type *> all = TypeGen(types, p).distinct();
  ASSERT_EQ(all.size(), kNumTypes);

  KeyContext keys;
  Hash128 box = keys.getDeclHash(p.type("p", "Box"));
  Hash128 get = keys.getDeclHash(p.method("p", "Box", "get"));
  std::vector<Hash128> hashes;
  hashes.reserve(3 * all.size());
  for (const Type *t : all) {
    const Type *args[] = {t};
    hashes.push_back(keys.getTypeHash(t));
    hashes.push_back(keys.getInstanceKey(box, args));
    hashes.push_back(keys.getInstanceKey(get, args));
  }
  std::sort(hashes.begin(), hashes.end());
  auto dup = std::adjacent_find(hashes.begin(), hashes.end());
  EXPECT_TRUE(dup == hashes.end()) << "collision: " << dup->toHex();

  // The same sequence in another context, whose ids are shifted by types made
  // first and whose declarations are other objects: the same hashes.
  TypeContext otherTypes;
  const Type *noise = otherTypes.getString();
  for (int i = 0; i < 1000; ++i)
    noise = otherTypes.getSlice(noise);
  TestProgram q(otherTypes, {{"p", kP}, {"q", kQ}, {"main", kMain}});
  ASSERT_EQ(q.errors, "");
  std::vector<const Type *> again = TypeGen(otherTypes, q).distinct();
  ASSERT_EQ(again.size(), all.size());
  KeyContext otherKeys;
  unsigned sameId = 0, mismatches = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    sameId += !all[i]->isBasic() && all[i]->getId() == again[i]->getId();
    mismatches += keys.getTypeHash(all[i]) != otherKeys.getTypeHash(again[i]);
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(sameId, 0u) << "the second context should number its composite types differently";
}
