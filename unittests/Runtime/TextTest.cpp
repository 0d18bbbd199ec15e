//===- TextTest.cpp - print and str(): the text of values ------------------===//
#include "RuntimeTestSupport.h"
#include "gtest/gtest.h"
#include <bit>
#include <cmath>
#include <limits>

using namespace stencil::runtime::test;

namespace {

std::string floatText(double value) {
  StencilString s;
  stencil_str_from_float(&s, value);
  return std::string(view(s));
}

std::string intText(int64_t value) {
  StencilString s;
  stencil_str_from_int(&s, value);
  return std::string(view(s));
}

struct FloatCase {
  double value;
  const char *text;
};

TEST(TextTest, FloatsAreShortestRoundTrip) {
  const FloatCase cases[] = {
      {0.1, "0.1"},
      {1.0, "1"},
      {1e100, "1e+100"},
      {1e-7, "1e-07"},
      {123456789.0, "123456789"},
      {0.0, "0"},
      {-0.0, "-0"},
      {-1.5, "-1.5"},
      {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {2.2250738585072014e-308, "2.2250738585072014e-308"},
      {0.30000000000000004, "0.30000000000000004"},
      {1e21, "1e+21"},
      {100.0, "100"},
  };
  for (const FloatCase &c : cases) {
    EXPECT_EQ(floatText(c.value), c.text) << c.text;
    EXPECT_EQ(captureStdout([&] { stencil_print_float(c.value); }), c.text) << c.text;
  }
}

TEST(TextTest, EveryNaNIsNan) {
  const double nans[] = {
      std::numeric_limits<double>::quiet_NaN(),
      -std::numeric_limits<double>::quiet_NaN(),
      std::bit_cast<double>(uint64_t(0xfff8000000000000)),
      std::bit_cast<double>(uint64_t(0x7ff0000000000001)), // signalling
      std::bit_cast<double>(uint64_t(0xffffffffffffffff)),
  };
  for (double nan : nans) {
    ASSERT_TRUE(std::isnan(nan));
    EXPECT_EQ(floatText(nan), "nan");
    EXPECT_EQ(captureStdout([&] { stencil_print_float(nan); }), "nan");
  }
}

TEST(TextTest, IntsAreDecimal) {
  EXPECT_EQ(intText(0), "0");
  EXPECT_EQ(intText(7), "7");
  EXPECT_EQ(intText(-42), "-42");
  EXPECT_EQ(intText(std::numeric_limits<int64_t>::max()), "9223372036854775807");
  EXPECT_EQ(intText(std::numeric_limits<int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(captureStdout([] { stencil_print_int(std::numeric_limits<int64_t>::min()); }),
            "-9223372036854775808");
}

TEST(TextTest, Bools) {
  StencilString s;
  stencil_str_from_bool(&s, true);
  EXPECT_EQ(view(s), "true");
  stencil_str_from_bool(&s, false);
  EXPECT_EQ(view(s), "false");
}

TEST(TextTest, PrintWritesEachKindAndSeparators) {
  std::string out = captureStdout([] {
    stencil_print_int(-3);
    stencil_print_space();
    stencil_print_float(2.5);
    stencil_print_space();
    stencil_print_bool(true);
    stencil_print_space();
    stencil_print_bool(false);
    stencil_print_space();
    stencil_print_string(bytes("a\0b"), 3);
    stencil_print_string(nullptr, 0);
    stencil_print_newline();
  });
  EXPECT_EQ(out, std::string("-3 2.5 true false a\0b\n", 22));
}

TEST(TextTest, LongStringsAreWrittenWhole) {
  std::string big(1 << 20, 'x');
  big[12345] = 'y';
  EXPECT_EQ(captureStdout([&] { stencil_print_string(bytes(big), int64_t(big.size())); }), big);
}

} // namespace
