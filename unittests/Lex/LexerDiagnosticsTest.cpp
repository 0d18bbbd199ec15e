//===- LexerDiagnosticsTest.cpp - Every lexer error, its text and column --===//
#include "LexTestHelpers.h"
#include "gtest/gtest.h"

using namespace stencil;

namespace {

struct Case {
  const char *source;
  const char *error; ///< "LINE:COL: error: MESSAGE"
  const char *kinds; ///< the tokens after recovery
};

class LexerDiagnosticsTest : public ::testing::TestWithParam<Case> {};

TEST_P(LexerDiagnosticsTest, ReportsOneErrorAndRecovers) {
  const Case &c = GetParam();
  Lexed l(c.source);
  EXPECT_EQ(l.errors(), std::vector<std::string>{c.error}) << c.source;
  EXPECT_EQ(l.kinds(), c.kinds) << c.source;
}

const Case kCases[] = {
    // Integer literals.
    {"x = 0x", "1:5: error: hexadecimal literal needs at least one digit",
     "identifier equal int_literal <;> eof"},
    {"0X", "1:1: error: hexadecimal literal needs at least one digit", "int_literal <;> eof"},
    {"0xg", "1:1: error: hexadecimal literal needs at least one digit", "int_literal <;> eof"},
    {"0b", "1:1: error: binary literal needs at least one digit", "int_literal <;> eof"},
    {"0b;", "1:1: error: binary literal needs at least one digit", "int_literal semi eof"},
    {"0b102", "1:5: error: invalid digit '2' in binary literal", "int_literal <;> eof"},
    {"0b19_1", "1:4: error: invalid digit '9' in binary literal", "int_literal <;> eof"},
    {"12a", "1:3: error: invalid suffix 'a' on integer literal", "int_literal <;> eof"},
    {"12abc+1", "1:3: error: invalid suffix 'abc' on integer literal",
     "int_literal plus int_literal <;> eof"},
    {"0x1fg2", "1:5: error: invalid suffix 'g2' on integer literal", "int_literal <;> eof"},
    {"0b1a", "1:4: error: invalid suffix 'a' on integer literal", "int_literal <;> eof"},
    {"0o17", "1:2: error: invalid suffix 'o17' on integer literal", "int_literal <;> eof"},
    {"0x_ff", "1:3: error: '_' must separate digits", "int_literal <;> eof"},
    {"0b_1", "1:3: error: '_' must separate digits", "int_literal <;> eof"},
    {"0x_", "1:3: error: '_' must separate digits", "int_literal <;> eof"},
    {"1_", "1:2: error: '_' must separate digits", "int_literal <;> eof"},
    {"1__000", "1:2: error: '_' must separate digits", "int_literal <;> eof"},
    {"0xff_", "1:5: error: '_' must separate digits", "int_literal <;> eof"},
    {"1_a", "1:2: error: '_' must separate digits", "int_literal <;> eof"},
    {"1_000_000_000_000_000_000_000",
     "1:1: error: integer literal '1_000_000_000_000_000_000_000' does not fit in 64-bit int",
     "int_literal <;> eof"},
    // Float literals.
    {"1_000.5", "1:2: error: '_' separators are not allowed in float literals",
     "float_literal <;> eof"},
    {"1.5_0", "1:4: error: '_' separators are not allowed in float literals",
     "float_literal <;> eof"},
    {"1e1_0", "1:4: error: '_' separators are not allowed in float literals",
     "float_literal <;> eof"},
    {"1_e5", "1:2: error: '_' separators are not allowed in float literals",
     "float_literal <;> eof"},
    {"1e", "1:2: error: exponent needs at least one digit", "float_literal <;> eof"},
    {"x = 1e+", "1:6: error: exponent needs at least one digit",
     "identifier equal float_literal <;> eof"},
    {"2.5E-", "1:4: error: exponent needs at least one digit", "float_literal <;> eof"},
    {"1ex", "1:2: error: exponent needs at least one digit", "float_literal <;> eof"},
    {"1.5x", "1:4: error: invalid suffix 'x' on float literal", "float_literal <;> eof"},
    {"1e5x9", "1:4: error: invalid suffix 'x9' on float literal", "float_literal <;> eof"},
    {"1e400", "1:1: error: float literal '1e400' is out of range", "float_literal <;> eof"},
    // Strings.
    {"x := \"abc", "1:6: error: unterminated string literal",
     "identifier colon_equal string_literal <;> eof"},
    {"\"a\\qb\"", "1:3: error: unknown escape sequence '\\q'", "string_literal <;> eof"},
    {"\"\\'\"", "1:2: error: unknown escape sequence '\\''", "string_literal <;> eof"},
    {"\"\\\xC3\xA9\"", "1:2: error: unknown escape sequence '\\\xC3\xA9'",
     "string_literal <;> eof"},
    {"\"\\\t\"", "1:2: error: unknown escape sequence: '\\' followed by byte 0x09",
     "string_literal <;> eof"},
    {"\"\\\xFF\"", "1:2: error: unknown escape sequence: '\\' followed by byte 0xFF",
     "string_literal <;> eof"},
    {"\"\\x4\"", "1:2: error: \\x escape needs two hexadecimal digits", "string_literal <;> eof"},
    {"\"\\xg0\"", "1:2: error: \\x escape needs two hexadecimal digits", "string_literal <;> eof"},
    {"\"\\x", "1:1: error: unterminated string literal", "string_literal <;> eof"},
    // Comments and characters.
    {"x /* y", "1:3: error: unterminated block comment", "identifier <;> eof"},
    {"a $ b", "1:3: error: invalid character '$' in source", "identifier identifier <;> eof"},
    {"a ? b", "1:3: error: invalid character '?' in source", "identifier identifier <;> eof"},
    {"a ` b", "1:3: error: invalid character '`' in source", "identifier identifier <;> eof"},
    {"x\n  \xC3\xA9", "2:3: error: invalid character U+00E9 in source", "identifier <;> eof"},
    {"\xFF", "1:1: error: invalid UTF-8 byte 0xFF in source", "eof"},
};

INSTANTIATE_TEST_SUITE_P(All, LexerDiagnosticsTest, ::testing::ValuesIn(kCases));

TEST(LexerDiagnosticsFormatTest, SourceLineAndCaret) {
  Lexed l("fn f() {\n\tx := 0b12\n}\n");
  EXPECT_EQ(l.diagText, "t.stn:2:10: error: invalid digit '2' in binary literal\n"
                        "\tx := 0b12\n"
                        "\t        ^\n");
}

TEST(LexerDiagnosticsFormatTest, SeveralErrorsInOneString) {
  Lexed l(R"(s := "\q\x1\w" + "ok")");
  EXPECT_EQ(l.errors(), (std::vector<std::string>{
                            "1:7: error: unknown escape sequence '\\q'",
                            "1:9: error: \\x escape needs two hexadecimal digits",
                            "1:12: error: unknown escape sequence '\\w'",
                        }));
  EXPECT_EQ(l.kinds(), "identifier colon_equal string_literal plus string_literal <;> eof");
  EXPECT_EQ(l.tokens.getString(l[2]), "");
  EXPECT_EQ(l.tokens.getString(l[4]), "ok");
}

} // namespace
