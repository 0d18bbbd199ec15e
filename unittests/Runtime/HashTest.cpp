//===- HashTest.cpp - hash(): pinned values and normalization --------------===//
#include "RuntimeTestSupport.h"
#include "gtest/gtest.h"
#include <bit>
#include <limits>

using namespace stencil::runtime::test;

namespace {

// Golden values: XXH3_64bits (seed 0) of the canonical bytes, computed with
// libxxhash's own XXH3_64bits. They must never change: hash() is stable
// across runs, builds and machines.
TEST(HashTest, PinnedInts) {
  EXPECT_EQ(stencil_hash_int(0), -4072596861322023719);
  EXPECT_EQ(stencil_hash_int(1), 3439722301264460078);
  EXPECT_EQ(stencil_hash_int(-1), 5841669975847748627);
  EXPECT_EQ(stencil_hash_int(42), -3051478158665635896);
  EXPECT_EQ(stencil_hash_int(std::numeric_limits<int64_t>::min()), -9038965835861193121);
}

TEST(HashTest, PinnedFloats) {
  EXPECT_EQ(stencil_hash_float(0.0), -4072596861322023719);
  EXPECT_EQ(stencil_hash_float(1.5), 2693614958850487384);
  EXPECT_EQ(stencil_hash_float(-2.25), -34314269636910214);
  EXPECT_EQ(stencil_hash_float(std::numeric_limits<double>::quiet_NaN()), 767333564151873895);
}

TEST(HashTest, PinnedBoolsAndStrings) {
  EXPECT_EQ(stencil_hash_bool(false), -4302098779834749733);
  EXPECT_EQ(stencil_hash_bool(true), -2220562881957146901);
  EXPECT_EQ(stencil_hash_string(nullptr, 0), 3244421341483603138);
  EXPECT_EQ(stencil_hash_string(bytes("hello"), 5), -7685981735718036227);
}

TEST(HashTest, EqualFloatsHashEqual) {
  EXPECT_EQ(stencil_hash_float(-0.0), stencil_hash_float(0.0));
  int64_t nan = stencil_hash_float(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(stencil_hash_float(-std::numeric_limits<double>::quiet_NaN()), nan);
  EXPECT_EQ(stencil_hash_float(std::bit_cast<double>(uint64_t(0x7ff0000000000001))), nan);
  EXPECT_EQ(stencil_hash_float(std::bit_cast<double>(uint64_t(0xfff8000000000123))), nan);
  EXPECT_NE(stencil_hash_float(1.0), stencil_hash_float(-1.0));
  EXPECT_NE(stencil_hash_float(std::numeric_limits<double>::infinity()), nan);
}

TEST(HashTest, StringsHashTheirBytesOnly) {
  std::string a = "stencil", b = "stencil";
  EXPECT_EQ(stencil_hash_string(bytes(a), 7), stencil_hash_string(bytes(b), 7));
  EXPECT_NE(stencil_hash_string(bytes(a), 7), stencil_hash_string(bytes(a), 6));
  EXPECT_EQ(stencil_hash_string(bytes("xyz"), 0), stencil_hash_string(nullptr, 0));
}

} // namespace
