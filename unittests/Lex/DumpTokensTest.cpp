//===- DumpTokensTest.cpp - The --emit=tokens format ----------------------===//
#include "LexTestHelpers.h"
#include "gtest/gtest.h"

using namespace stencil;

namespace {

TEST(DumpTokensTest, OneLinePerToken) {
  Lexed l("fn main() {\n  x := 0x7f + 2.5e-3;\n  s := \"a\\n\"\n}\n");
  EXPECT_EQ(l.dump(), "1:1 kw_fn 'fn'\n"
                      "1:4 identifier 'main'\n"
                      "1:8 l_paren '('\n"
                      "1:9 r_paren ')'\n"
                      "1:11 l_brace '{'\n"
                      "2:3 identifier 'x'\n"
                      "2:5 colon_equal ':='\n"
                      "2:8 int_literal '0x7f' 127\n"
                      "2:13 plus '+'\n"
                      "2:15 float_literal '2.5e-3' 0.0025\n"
                      "2:21 semi ';'\n"
                      "3:3 identifier 's'\n"
                      "3:5 colon_equal ':='\n"
                      "3:8 string_literal '\"a\\n\"' \"a\\n\"\n"
                      "3:13 semi <implicit>\n"
                      "4:1 r_brace '}'\n"
                      "4:2 semi <implicit>\n"
                      "5:1 eof\n");
}

TEST(DumpTokensTest, LiteralValues) {
  Lexed l("9223372036854775808 1e9 1.0 0.1 1e-400 \"\\0\\x01\\xff\\t\\r\\\"\\\\ \xC3\xA9\"");
  EXPECT_EQ(l.dump(), "1:1 int_literal '9223372036854775808' 9223372036854775808\n"
                      "1:21 float_literal '1e9' 1e+09\n"
                      "1:25 float_literal '1.0' 1\n"
                      "1:29 float_literal '0.1' 0.1\n"
                      "1:33 float_literal '1e-400' 0\n"
                      "1:40 string_literal '\"\\0\\x01\\xff\\t\\r\\\"\\\\ \xC3\xA9\"' "
                      "\"\\0\\x01\\xFF\\t\\r\\\"\\\\ \\xC3\\xA9\"\n"
                      "1:63 semi <implicit>\n"
                      "1:63 eof\n");
}

TEST(DumpTokensTest, ErroneousTokensStillDump) {
  Lexed l("x := \"abc\n12abc 99999999999999999999\n", /*silent=*/true);
  EXPECT_EQ(l.dump(), "1:1 identifier 'x'\n"
                      "1:3 colon_equal ':='\n"
                      "1:6 string_literal '\"abc' \"abc\"\n"
                      "1:10 semi <implicit>\n"
                      "2:1 int_literal '12abc' 0\n"
                      "2:7 int_literal '99999999999999999999' 0\n"
                      "2:27 semi <implicit>\n"
                      "3:1 eof\n");
}

} // namespace
