#include "stencil/Basic/Hashing.h"
#include "gtest/gtest.h"
#include <set>

using namespace stencil;

TEST(HashingTest, KnownXXH3Value) {
  // XXH3-128 of the empty input (xxHash's reference value).
  Hash128 h = hash128("", 0);
  EXPECT_EQ(h.toHex(), "99aa06d3014798d86001c324468d497f");
}

TEST(HashingTest, StreamingEqualsOneShot) {
  Hasher a;
  a.addBytes("hello ", 6).addBytes("world", 5);
  EXPECT_EQ(a.finish(), hash128("hello world"));
}

TEST(HashingTest, StringsAreLengthPrefixed) {
  Hasher a, b;
  a.addString("ab").addString("c");
  b.addString("a").addString("bc");
  EXPECT_NE(a.finish(), b.finish());
}

TEST(HashingTest, HexRoundTrip) {
  Hash128 h = hash128("stencil");
  Hash128 back;
  ASSERT_TRUE(Hash128::fromHex(h.toHex(), back));
  EXPECT_EQ(h, back);
  EXPECT_FALSE(Hash128::fromHex("xyz", back));
}

TEST(HashingTest, IntegersAreFixedWidthLittleEndian) {
  Hasher a, b;
  a.addU64(1);
  uint8_t bytes[8] = {1, 0, 0, 0, 0, 0, 0, 0};
  b.addBytes(bytes, 8);
  EXPECT_EQ(a.finish(), b.finish());
}
