//===- LexerTest.cpp - Tokens, literal values, the semicolon rule ---------===//
#include "LexTestHelpers.h"
#include "gtest/gtest.h"
#include <cmath>
#include <limits>

using namespace stencil;

namespace {

TEST(LexerTest, EmptyFileIsOneEof) {
  Lexed l("");
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].kind, tok::eof);
  EXPECT_EQ(l.offset(0), 0u);
  EXPECT_EQ(l[0].length, 0u);
  EXPECT_EQ(l.numErrors, 0u);
}

TEST(LexerTest, WhitespaceAndCommentsOnly) {
  Lexed l(" \t\r\n// comment\n/* block\n */ \n");
  EXPECT_EQ(l.kinds(), "eof");
  EXPECT_EQ(l.offset(0), l.tokens.text.size());
  EXPECT_EQ(l.numErrors, 0u);
}

TEST(LexerTest, TokenNames) {
  EXPECT_EQ(tok::getEnumName(tok::kw_while), "kw_while");
  EXPECT_EQ(tok::getName(tok::kw_while), "while");
  EXPECT_EQ(tok::getEnumName(tok::l_paren), "l_paren");
  EXPECT_EQ(tok::getName(tok::l_paren), "(");
  EXPECT_EQ(tok::getEnumName(tok::eof), "eof");
  EXPECT_EQ(tok::getName(tok::eof), "end of file");
  EXPECT_EQ(tok::getEnumName(tok::greater_greater_equal), "greater_greater_equal");
  EXPECT_EQ(tok::getName(tok::greater_greater_equal), ">>=");
}

TEST(LexerTest, EveryKeyword) {
  Lexed l("break continue else fn for if import in interface pub return struct type var "
          "while true false");
  EXPECT_EQ(l.kinds(), "kw_break kw_continue kw_else kw_fn kw_for kw_if kw_import kw_in "
                       "kw_interface kw_pub kw_return kw_struct kw_type kw_var kw_while "
                       "kw_true kw_false <;> eof");
  // Every keyword's spelling is its getName.
  for (size_t i = 0; i + 2 < l.size(); ++i)
    EXPECT_EQ(l.spelling(i), tok::getName(l[i].kind));
}

TEST(LexerTest, NearKeywordsAreIdentifiers) {
  Lexed l("fn_ fnx f i ix in2 For _if types truex fals breaks continues interfaces _ _0 a_B9 "
          "returnx structs whilex imports pubs vars elses x");
  for (size_t i = 0; i + 2 < l.size(); ++i)
    EXPECT_EQ(l[i].kind, tok::identifier) << l.spelling(i).str();
  EXPECT_EQ(l.numErrors, 0u);
}

TEST(LexerTest, EveryPunctuatorWithMaximalMunch) {
  Lexed l("( ) [ ] { } , ; : := . .. @ ~ + - * / % & | ^ << >> && || ! = == != < <= > >= "
          "+= -= *= /= %= &= |= ^= <<= >>=");
  EXPECT_EQ(l.kinds(),
            "l_paren r_paren l_square r_square l_brace r_brace comma semi colon colon_equal "
            "period period_period at tilde plus minus star slash percent amp pipe caret "
            "less_less greater_greater amp_amp pipe_pipe exclaim equal equal_equal "
            "exclaim_equal less less_equal greater greater_equal plus_equal minus_equal "
            "star_equal slash_equal percent_equal amp_equal pipe_equal caret_equal "
            "less_less_equal greater_greater_equal eof");
  for (size_t i = 0; i + 1 < l.size(); ++i)
    EXPECT_EQ(l.spelling(i), tok::getName(l[i].kind));
}

TEST(LexerTest, MaximalMunchWithoutSpaces) {
  EXPECT_EQ(Lexed("a<<=b").kinds(), "identifier less_less_equal identifier <;> eof");
  EXPECT_EQ(Lexed("<<<=").kinds(), "less_less less_equal eof");
  EXPECT_EQ(Lexed(">>>=").kinds(), "greater_greater greater_equal eof");
  EXPECT_EQ(Lexed("&&=").kinds(), "amp_amp equal eof");
  EXPECT_EQ(Lexed("&&&").kinds(), "amp_amp amp eof");
  EXPECT_EQ(Lexed("|||=").kinds(), "pipe_pipe pipe_equal eof");
  EXPECT_EQ(Lexed("...").kinds(), "period_period period eof");
  EXPECT_EQ(Lexed("::=").kinds(), "colon colon_equal eof");
  EXPECT_EQ(Lexed("===").kinds(), "equal_equal equal eof");
  EXPECT_EQ(Lexed("!==").kinds(), "exclaim_equal equal eof");
  EXPECT_EQ(Lexed("x:=-1").kinds(), "identifier colon_equal minus int_literal <;> eof");
  EXPECT_EQ(Lexed("/ /= /").kinds(), "slash slash_equal slash eof");
  // A trailing operator at the very end of the file.
  EXPECT_EQ(Lexed("<").kinds(), "less eof");
  EXPECT_EQ(Lexed("<<").kinds(), "less_less eof");
}

TEST(LexerTest, LocationsAndLengths) {
  Lexed l("fn main() {\n  x := 10\n}");
  ASSERT_EQ(l.kinds(), "kw_fn identifier l_paren r_paren l_brace identifier colon_equal "
                       "int_literal <;> r_brace <;> eof");
  EXPECT_EQ(l.offset(1), 3u);
  EXPECT_EQ(l[1].length, 4u);
  EXPECT_EQ(l.spelling(1), "main");
  EXPECT_EQ(l.offset(5), 14u);
  EXPECT_EQ(l.offset(7), 19u);
  EXPECT_EQ(l.spelling(7), "10");
  EXPECT_EQ(l.offset(8), 21u); // the implicit ';' is at the newline
  EXPECT_EQ(l[8].length, 0u);
  EXPECT_EQ(l.offset(10), 23u); // at end of file
  EXPECT_EQ(l.offset(11), 23u);
  EXPECT_EQ(l[1].getEndLoc(), l[1].loc.getOffset(4));
  EXPECT_EQ(l.tokens.file, l.file);
}

//===----------------------------------------------------------------------===//
// Integer literals
//===----------------------------------------------------------------------===//

uint64_t intValue(const char *src) {
  Lexed l(src);
  EXPECT_EQ(l.numErrors, 0u) << src << "\n" << l.diagText;
  EXPECT_EQ(l[0].kind, tok::int_literal) << src;
  EXPECT_EQ(l.spelling(0), src);
  return l[0].intValue;
}

TEST(LexerTest, IntegerValues) {
  EXPECT_EQ(intValue("0"), 0u);
  EXPECT_EQ(intValue("123"), 123u);
  EXPECT_EQ(intValue("007"), 7u);
  EXPECT_EQ(intValue("00"), 0u);
  EXPECT_EQ(intValue("1_000"), 1000u);
  EXPECT_EQ(intValue("1_2_3"), 123u);
  EXPECT_EQ(intValue("0_1"), 1u);
  EXPECT_EQ(intValue("0x7f"), 127u);
  EXPECT_EQ(intValue("0X7F"), 127u);
  EXPECT_EQ(intValue("0xDead_Beef"), 0xDEADBEEFu);
  EXPECT_EQ(intValue("0x0"), 0u);
  EXPECT_EQ(intValue("0b101"), 5u);
  EXPECT_EQ(intValue("0B1_0"), 2u);
  EXPECT_EQ(intValue("0b0"), 0u);
  EXPECT_EQ(intValue("9223372036854775807"), 9223372036854775807u);
  EXPECT_EQ(intValue("0x7fffffffffffffff"), 9223372036854775807u);
  EXPECT_EQ(intValue("0x000000000000000000000001"), 1u);
}

TEST(LexerTest, MinIntMagnitudeInEveryBase) {
  for (const char *src : {"9223372036854775808", "9_223_372_036_854_775_808", "0x8000000000000000",
                          "0b1000000000000000000000000000000000000000000000000000000000000000"}) {
    Lexed l(src);
    EXPECT_EQ(l.numErrors, 0u) << src;
    EXPECT_EQ(l[0].kind, tok::int_literal);
    EXPECT_TRUE(l[0].minIntMagnitude) << src;
    EXPECT_EQ(l[0].intValue, uint64_t(1) << 63);
  }
  Lexed l("9223372036854775807");
  EXPECT_FALSE(l[0].minIntMagnitude);
}

TEST(LexerTest, IntegerTooLargeIsOneLiteralWithError) {
  for (const char *src : {"9223372036854775809", "18446744073709551615", "18446744073709551616",
                          "99999999999999999999999999", "0x8000000000000001", "0xffffffffffffffff",
                          "0x1_0000_0000_0000_0000"}) {
    Lexed l(std::string("x = ") + src);
    EXPECT_EQ(l.kinds(), "identifier equal int_literal <;> eof") << src;
    EXPECT_EQ(l[2].intValue, 0u);
    EXPECT_FALSE(l[2].minIntMagnitude);
    ASSERT_EQ(l.errors().size(), 1u) << src;
    EXPECT_EQ(l.errors()[0],
              std::string("1:5: error: integer literal '") + src + "' does not fit in 64-bit int");
  }
}

TEST(LexerTest, IntegerFollowedByPunctuation) {
  EXPECT_EQ(Lexed("xs[1:2]").kinds(),
            "identifier l_square int_literal colon int_literal r_square <;> eof");
  EXPECT_EQ(Lexed("0x1f.x").kinds(), "int_literal period identifier <;> eof");
  EXPECT_EQ(Lexed("0b1.5").kinds(), "int_literal period int_literal <;> eof");
  EXPECT_EQ(Lexed("f(1,2)").kinds(),
            "identifier l_paren int_literal comma int_literal r_paren <;> eof");
}

//===----------------------------------------------------------------------===//
// Float literals
//===----------------------------------------------------------------------===//

double floatValue(const char *src) {
  Lexed l(src);
  EXPECT_EQ(l.numErrors, 0u) << src << "\n" << l.diagText;
  EXPECT_EQ(l[0].kind, tok::float_literal) << src;
  EXPECT_EQ(l.spelling(0), src);
  return l[0].floatValue;
}

TEST(LexerTest, FloatValues) {
  EXPECT_EQ(floatValue("1.5"), 1.5);
  EXPECT_EQ(floatValue("1e9"), 1e9);
  EXPECT_EQ(floatValue("2.5e-3"), 2.5e-3);
  EXPECT_EQ(floatValue("1E+3"), 1000.0);
  EXPECT_EQ(floatValue("0.1"), 0.1);
  EXPECT_EQ(floatValue("00.5"), 0.5);
  EXPECT_EQ(floatValue("0e0"), 0.0);
  EXPECT_EQ(floatValue("3.14159265358979323846264338327950288"), 3.141592653589793);
  EXPECT_EQ(floatValue("1.7976931348623157e308"), std::numeric_limits<double>::max());
  // Exact round-to-nearest (this one is halfway-ish and needs more than 17 digits).
  EXPECT_EQ(floatValue("9007199254740993.0"), 9007199254740992.0);
  EXPECT_EQ(floatValue("0.30000000000000004"), 0.1 + 0.2);
}

TEST(LexerTest, FloatUnderflowIsFine) {
  EXPECT_EQ(floatValue("1e-400"), 0.0);
  EXPECT_EQ(floatValue("0.0000000000000000000000000000001e-300"), 0.0);
  EXPECT_EQ(floatValue("4e-320"), 4e-320); // denormal
  EXPECT_EQ(floatValue("5e-324"), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(floatValue("1e-99999999999999999999999"), 0.0);
  EXPECT_EQ(floatValue("0e99999999999999999999999"), 0.0);
}

TEST(LexerTest, FloatOverflowIsAnError) {
  for (const char *src :
       {"1e400", "1.8e308", "100000000000000000000.0e300", "1e99999999999999999"}) {
    Lexed l(src);
    EXPECT_EQ(l.kinds(), "float_literal <;> eof");
    ASSERT_EQ(l.errors().size(), 1u) << src;
    EXPECT_EQ(l.errors()[0],
              std::string("1:1: error: float literal '") + src + "' is out of range");
  }
}

TEST(LexerTest, WhatIsNotAFloat) {
  EXPECT_EQ(Lexed("1.").kinds(), "int_literal period eof");
  EXPECT_EQ(Lexed("1..5").kinds(), "int_literal period_period int_literal <;> eof");
  EXPECT_EQ(Lexed(".5").kinds(), "period int_literal <;> eof");
  EXPECT_EQ(Lexed("1.e5").kinds(), "int_literal period identifier <;> eof");
  EXPECT_EQ(Lexed("1.5.5").kinds(), "float_literal period int_literal <;> eof");
  EXPECT_EQ(Lexed("x.0.1").kinds(), "identifier period float_literal <;> eof");
  EXPECT_EQ(Lexed("0x1e5").kinds(), "int_literal <;> eof"); // hex digits, not an exponent
  EXPECT_EQ(Lexed("1e5").kinds(), "float_literal <;> eof");
  Lexed range("for i in 0..n {");
  EXPECT_EQ(range.kinds(),
            "kw_for identifier kw_in int_literal period_period identifier l_brace eof");
  EXPECT_EQ(range.numErrors, 0u);
}

//===----------------------------------------------------------------------===//
// String literals
//===----------------------------------------------------------------------===//

std::string stringValue(const std::string &src) {
  Lexed l(src);
  EXPECT_EQ(l.numErrors, 0u) << src << "\n" << l.diagText;
  EXPECT_EQ(l[0].kind, tok::string_literal) << src;
  EXPECT_EQ(l.spelling(0), src);
  return l.tokens.getString(l[0]).str();
}

TEST(LexerTest, StringValues) {
  EXPECT_EQ(stringValue("\"\""), "");
  EXPECT_EQ(stringValue("\"abc\""), "abc");
  EXPECT_EQ(stringValue(R"("a\nb\tc\rd\\e\"f\0g")"), std::string("a\nb\tc\rd\\e\"f\0g", 13));
  EXPECT_EQ(stringValue(R"("\x41\x7a\xFF\x00")"), std::string("Az\xFF\0", 4));
  EXPECT_EQ(stringValue("\"caf\xC3\xA9 \xFF\x01 // not a comment /* */\""),
            "caf\xC3\xA9 \xFF\x01 // not a comment /* */");
  EXPECT_EQ(stringValue("\"\t\r\""), "\t\r");
  EXPECT_EQ(stringValue(std::string("\"a\0b\"", 5)), std::string("a\0b", 3));
}

TEST(LexerTest, StringIndicesAreInOrder) {
  Lexed l(R"(f("a", "b\n", ""))");
  ASSERT_EQ(l.kinds(), "identifier l_paren string_literal comma string_literal comma "
                       "string_literal r_paren <;> eof");
  EXPECT_EQ(l.tokens.strings.size(), 3u);
  EXPECT_EQ(l.tokens.getString(l[2]), "a");
  EXPECT_EQ(l.tokens.getString(l[4]), "b\n");
  EXPECT_EQ(l.tokens.getString(l[6]), "");
}

TEST(LexerTest, UnterminatedStringEndsAtEndOfLine) {
  Lexed l("x := \"abc\ny := 1\n");
  EXPECT_EQ(l.kinds(), "identifier colon_equal string_literal <;> identifier colon_equal "
                       "int_literal <;> eof");
  EXPECT_EQ(l.spelling(2), "\"abc");
  EXPECT_EQ(l.tokens.getString(l[2]), "abc");
  EXPECT_EQ(l.errors(), std::vector<std::string>{"1:6: error: unterminated string literal"});

  Lexed crlf("x := \"ab\\n\r\ny\r\n");
  EXPECT_EQ(crlf.kinds(), "identifier colon_equal string_literal <;> identifier <;> eof");
  EXPECT_EQ(crlf.spelling(2), "\"ab\\n");
  EXPECT_EQ(crlf.tokens.getString(crlf[2]), "ab\n");
  EXPECT_EQ(crlf.numErrors, 1u);

  Lexed eof("\"abc");
  EXPECT_EQ(eof.kinds(), "string_literal <;> eof");
  EXPECT_EQ(eof.spelling(0), "\"abc");
  EXPECT_EQ(eof.numErrors, 1u);

  // A backslash at the end of the line does not continue the string.
  Lexed backslash("\"abc\\\nx");
  EXPECT_EQ(backslash.kinds(), "string_literal <;> identifier <;> eof");
  EXPECT_EQ(backslash.tokens.getString(backslash[0]), "abc");
  EXPECT_EQ(backslash.errors(),
            std::vector<std::string>{"1:1: error: unterminated string literal"});
}

//===----------------------------------------------------------------------===//
// Go's semicolon rule
//===----------------------------------------------------------------------===//

TEST(LexerTest, SemicolonAfterEveryTriggerToken) {
  for (const char *src : {"x\n", "1\n", "1.5\n", "\"s\"\n", "true\n", "false\n", "break\n",
                          "continue\n", "return\n", "f()\n", "xs[i]\n", "{}\n"}) {
    Lexed l(src);
    ASSERT_GE(l.size(), 3u);
    const Token &semi = l[l.size() - 2];
    EXPECT_TRUE(semi.is(tok::semi) && semi.implicit) << src;
    EXPECT_EQ(l.offset(l.size() - 2), l.tokens.text.size() - 1) << src; // at the newline
    EXPECT_EQ(l.offset(l.size() - 1), l.tokens.text.size());
  }
}

TEST(LexerTest, NoSemicolonAfterOtherTokens) {
  for (const char *src :
       {"x +\n", "x,\n",   "(\n",      "[\n",      "{\n",  "fn\n",       "if\n", "else\n",
        "var\n", "x :=\n", "x.\n",     "x ..\n",   "&&\n", "@\n",        "~\n",  "pub\n",
        "x;\n",  "type\n", "struct\n", "import\n", "in\n", "interface\n"}) {
    Lexed l(src);
    for (size_t i = 0; i < l.size(); ++i)
      EXPECT_FALSE(l[i].implicit) << src;
  }
}

TEST(LexerTest, SemicolonRuleCases) {
  // Blank lines and comment lines do not add more.
  EXPECT_EQ(Lexed("x\n\n\n// c\ny").kinds(), "identifier <;> identifier <;> eof");
  // End of file without a newline.
  EXPECT_EQ(Lexed("return").kinds(), "kw_return <;> eof");
  // A trailing line comment.
  Lexed comment("x // c\n");
  EXPECT_EQ(comment.kinds(), "identifier <;> eof");
  EXPECT_EQ(comment.offset(1), 6u);
  Lexed commentAtEof("x // c");
  EXPECT_EQ(commentAtEof.kinds(), "identifier <;> eof");
  EXPECT_EQ(commentAtEof.offset(1), 6u);
  // A block comment with a newline acts as a newline: the ';' is at its first newline.
  Lexed block("x /* a\nb\n */ y");
  EXPECT_EQ(block.kinds(), "identifier <;> identifier <;> eof");
  EXPECT_EQ(block.offset(1), 6u);
  // ... one without a newline does not.
  EXPECT_EQ(Lexed("x /* a */ y\n").kinds(), "identifier identifier <;> eof");
  EXPECT_EQ(Lexed("x /* a */\n").kinds(), "identifier <;> eof");
  // Explicit ';' is an ordinary token, and a newline after it adds nothing.
  Lexed explicitSemi("x; y;\n");
  EXPECT_EQ(explicitSemi.kinds(), "identifier semi identifier semi eof");
  EXPECT_FALSE(explicitSemi[1].implicit);
  EXPECT_EQ(explicitSemi[1].length, 1u);
  // \r\n line endings: the ';' is at the \n.
  Lexed crlf("x\r\ny\r\n");
  EXPECT_EQ(crlf.kinds(), "identifier <;> identifier <;> eof");
  EXPECT_EQ(crlf.offset(1), 2u);
  EXPECT_EQ(crlf.offset(3), 5u);
  // The classic case: a line ending in '{' continues.
  EXPECT_EQ(Lexed("if x {\n  return 1\n}\n").kinds(),
            "kw_if identifier l_brace kw_return int_literal <;> r_brace <;> eof");
  // An unterminated block comment still ends the line at EOF.
  Lexed open("x /* never closed");
  EXPECT_EQ(open.kinds(), "identifier <;> eof");
  EXPECT_EQ(open.offset(1), open.tokens.text.size());
}

TEST(LexerTest, SemicolonAfterErroneousTokens) {
  // A bad literal is still a literal; a bad character does not change the rule.
  EXPECT_EQ(Lexed("12abc\nx", true).kinds(), "int_literal <;> identifier <;> eof");
  EXPECT_EQ(Lexed("x $\ny", true).kinds(), "identifier <;> identifier <;> eof");
  EXPECT_EQ(Lexed("x + $\ny", true).kinds(), "identifier plus identifier <;> eof");
}

//===----------------------------------------------------------------------===//
// Bad characters and recovery
//===----------------------------------------------------------------------===//

TEST(LexerTest, ByteOrderMarkIsSkippedAtStartOnly) {
  Lexed l("\xEF\xBB\xBFx");
  EXPECT_EQ(l.kinds(), "identifier <;> eof");
  EXPECT_EQ(l.offset(0), 3u);
  EXPECT_EQ(l.numErrors, 0u);
  Lexed middle("x\xEF\xBB\xBF");
  EXPECT_EQ(middle.errors(),
            std::vector<std::string>{"1:2: error: invalid character U+FEFF in source"});
}

TEST(LexerTest, BadCharactersAreSkipped) {
  Lexed l(std::string("a $ b\0c #\xC3\xA9\xFF d", 14));
  EXPECT_EQ(l.kinds(), "identifier identifier identifier identifier <;> eof");
  EXPECT_EQ(l.spelling(2), "c");
  EXPECT_EQ(l.spelling(3), "d");
  EXPECT_EQ(l.errors(), (std::vector<std::string>{
                            "1:3: error: invalid character '$' in source",
                            "1:6: error: invalid character U+0000 in source",
                            "1:9: error: invalid character '#' in source",
                            "1:10: error: invalid character U+00E9 in source",
                            "1:12: error: invalid UTF-8 byte 0xFF in source",
                        }));
}

TEST(LexerTest, Utf8Decoding) {
  auto firstError = [](const std::string &src) {
    Lexed l(src);
    return l.errors().empty() ? std::string() : l.errors()[0];
  };
  EXPECT_EQ(firstError("\xF0\x9F\x98\x80"), "1:1: error: invalid character U+1F600 in source");
  EXPECT_EQ(firstError("\xE2\x82\xAC"), "1:1: error: invalid character U+20AC in source");
  EXPECT_EQ(firstError("\x7F"), "1:1: error: invalid character U+007F in source");
  EXPECT_EQ(firstError("\x0C"), "1:1: error: invalid character U+000C in source");
  EXPECT_EQ(firstError("'"), "1:1: error: invalid character '\\'' in source");
  EXPECT_EQ(firstError("\\"), "1:1: error: invalid character '\\\\' in source");
  // Overlong, surrogate, too large, truncated: every byte is reported.
  EXPECT_EQ(Lexed("\xC0\x80").errors(),
            (std::vector<std::string>{"1:1: error: invalid UTF-8 byte 0xC0 in source",
                                      "1:2: error: invalid UTF-8 byte 0x80 in source"}));
  EXPECT_EQ(Lexed("\xED\xA0\x80").numErrors, 3u);
  EXPECT_EQ(Lexed("\xF4\x90\x80\x80").numErrors, 4u);
  EXPECT_EQ(Lexed("\xE2\x82").numErrors, 2u);
  EXPECT_EQ(Lexed("\xE0\x9F\x80").numErrors, 3u);
}

TEST(LexerTest, ErrorLimitStillLexesEverything) {
  std::string src;
  for (int i = 0; i < 100; ++i)
    src += "$ x ";
  Lexed l(src);
  EXPECT_EQ(l.numErrors, 20u);
  EXPECT_EQ(l.size(), 100u + 2);
  EXPECT_EQ(l.errors().back(), "stencilc: error: too many errors emitted, stopping now");
}

TEST(LexerTest, UnterminatedBlockCommentRunsToEndOfFile) {
  Lexed l("a /* b\nc");
  EXPECT_EQ(l.kinds(), "identifier <;> eof");
  EXPECT_EQ(l.errors(), std::vector<std::string>{"1:3: error: unterminated block comment"});
  EXPECT_EQ(Lexed("/*/").numErrors, 1u);
  EXPECT_EQ(Lexed("/**/").numErrors, 0u);
  EXPECT_EQ(Lexed("/* * / ** */x").kinds(), "identifier <;> eof");
  EXPECT_EQ(Lexed("/* /* */ x */").kinds(), "identifier star slash eof"); // not nested
}

} // namespace
