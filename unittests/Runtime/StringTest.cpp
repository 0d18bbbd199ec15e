//===- StringTest.cpp - Concatenation and comparison -----------------------===//
#include "RuntimeTestSupport.h"
#include "gtest/gtest.h"

using namespace stencil::runtime::test;

namespace {

int64_t compare(std::string_view a, std::string_view b) {
  return stencil_str_compare(bytes(a), int64_t(a.size()), bytes(b), int64_t(b.size()));
}

bool equal(std::string_view a, std::string_view b) {
  return stencil_str_equal(bytes(a), int64_t(a.size()), bytes(b), int64_t(b.size()));
}

TEST(StringTest, ConcatCopiesIntoNewMemory) {
  std::string a = "foo", b = "bar!";
  StencilString s;
  stencil_str_concat(&s, bytes(a), 3, bytes(b), 4);
  EXPECT_EQ(view(s), "foobar!");
  EXPECT_NE(s.data, bytes(a));
  a[0] = 'X'; // the result does not alias its operands
  EXPECT_EQ(view(s), "foobar!");
}

TEST(StringTest, ConcatWithEmptyReturnsTheOtherOperand) {
  std::string_view a = "abc";
  StencilString s;
  stencil_str_concat(&s, bytes(a), 3, nullptr, 0);
  EXPECT_EQ(s.data, bytes(a));
  EXPECT_EQ(s.len, 3);
  stencil_str_concat(&s, nullptr, 0, bytes(a), 3);
  EXPECT_EQ(s.data, bytes(a));
  EXPECT_EQ(s.len, 3);
  stencil_str_concat(&s, nullptr, 0, nullptr, 0);
  EXPECT_EQ(s.len, 0);
}

TEST(StringTest, CompareIsBytewiseThenByLength) {
  EXPECT_EQ(compare("", ""), 0);
  EXPECT_EQ(compare("", "a"), -1);
  EXPECT_EQ(compare("a", ""), 1);
  EXPECT_EQ(compare("abc", "abd"), -1);
  EXPECT_EQ(compare("abd", "abc"), 1);
  EXPECT_EQ(compare("ab", "abc"), -1);
  EXPECT_EQ(compare("abc", "ab"), 1);
  EXPECT_EQ(compare("abc", "abc"), 0);
  EXPECT_EQ(compare("B", "a"), -1);
  // Bytes compare unsigned: 0xff sorts after every ASCII byte.
  EXPECT_EQ(compare("\xff", "a"), 1);
  EXPECT_EQ(compare(std::string_view("a\0b", 3), std::string_view("a\0c", 3)), -1);
  EXPECT_EQ(stencil_str_compare(nullptr, 0, nullptr, 0), 0);
}

TEST(StringTest, Equal) {
  EXPECT_TRUE(equal("", ""));
  EXPECT_TRUE(equal("hello", "hello"));
  EXPECT_FALSE(equal("hello", "hellp"));
  EXPECT_FALSE(equal("hello", "hell"));
  EXPECT_TRUE(stencil_str_equal(nullptr, 0, bytes("x"), 0));
  std::string_view s = "same";
  EXPECT_TRUE(stencil_str_equal(bytes(s), 4, bytes(s), 4));
}

} // namespace
