//===- LexerRobustnessTest.cpp - Random bytes never crash or hang ---------===//
//
// Lexes thousands of random byte strings and random mutations of a valid
// program, and checks the invariants every consumer of a TokenBuffer relies on.
//
//===----------------------------------------------------------------------===//
#include "LexTestHelpers.h"
#include "gtest/gtest.h"
#include <random>

using namespace stencil;

namespace {

const char kProgram[] = R"(import "containers"

interface Ordered { ~int | ~float | ~string }
type Celsius float

/* a block
   comment */
fn max[T Ordered](a T, b T) T {
    if a > b { return a }
    return b
}

fn main() {
    var s containers.Stack[string]
    s.push("a\n\t\x41\"")
    x := 0x7f_ff + 0b1010 - 1_000 * 2.5e-3 / 1e9 % 7
    x <<= 3; x >>= 1; x &= 1; x |= 2; x ^= 3
    for i in 0..10 { if !(i == 3 || i != 4 && i <= 5 >= 6) { continue } }
    @inline fn f() {}
    println(max(3, 7), max("x", "y"))  // 7 y
    return
}
)";

/// Every invariant of a lexed buffer.
void checkInvariants(const Lexed &l, const std::string &src) {
  const auto &tokens = l.tokens.tokens;
  ASSERT_FALSE(tokens.empty());
  ASSERT_EQ(tokens.back().kind, tok::eof);
  EXPECT_EQ(l.offset(tokens.size() - 1), src.size());
  uint32_t prevEnd = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token &t = tokens[i];
    if (i + 1 != tokens.size())
      ASSERT_NE(t.kind, tok::eof) << "eof before the end";
    uint32_t offset = l.offset(i);
    ASSERT_GE(offset, prevEnd) << "tokens overlap or are out of order";
    ASSERT_LE(offset + t.length, src.size());
    prevEnd = offset + t.length;
    if (t.implicit) {
      EXPECT_EQ(t.kind, tok::semi);
      EXPECT_EQ(t.length, 0u);
      EXPECT_TRUE(offset == src.size() || src[offset] == '\n');
      ASSERT_GT(i, 0u);
      EXPECT_FALSE(tokens[i - 1].implicit) << "two implicit semicolons in a row";
    }
    if (t.is(tok::string_literal))
      ASSERT_LT(t.stringIndex, l.tokens.strings.size());
    if (t.kind != tok::eof && !t.implicit)
      EXPECT_GT(t.length, 0u);
  }
  // Dumping must work on anything too.
  EXPECT_FALSE(l.dump().empty());
}

TEST(LexerRobustnessTest, ValidProgramHasNoErrors) {
  Lexed l(kProgram);
  EXPECT_EQ(l.numErrors, 0u) << l.diagText;
  checkInvariants(l, kProgram);
}

TEST(LexerRobustnessTest, RandomBytes) {
  std::mt19937 rng(12345);
  for (int iter = 0; iter < 3000; ++iter) {
    size_t len = rng() % 64;
    std::string src(len, '\0');
    // Half the inputs use any byte; the rest bytes that the lexer cares about.
    static constexpr char kInteresting[] = "0123456789abexXbB_.+-eE\"\\/*\n\r\t ;:=<>&|!${}()[]";
    for (char &c : src)
      c = iter % 2 ? static_cast<char>(rng()) : kInteresting[rng() % (sizeof(kInteresting) - 1)];
    Lexed l(src, /*silent=*/true);
    checkInvariants(l, src);
    if (HasFatalFailure()) {
      ADD_FAILURE() << "input: " << testing::PrintToString(src);
      return;
    }
  }
}

TEST(LexerRobustnessTest, MutationsOfAValidProgram) {
  std::mt19937 rng(6789);
  const std::string base = kProgram;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string src = base;
    int edits = 1 + rng() % 4;
    for (int e = 0; e < edits && !src.empty(); ++e) {
      size_t pos = rng() % src.size();
      switch (rng() % 4) {
      case 0:
        src[pos] = static_cast<char>(rng());
        break; // replace
      case 1:
        src.erase(pos, 1 + rng() % 8);
        break; // delete
      case 2:
        src.insert(pos, 1, static_cast<char>(rng()));
        break; // insert
      case 3:
        src.resize(pos);
        break; // truncate
      }
    }
    Lexed l(src, /*silent=*/true);
    checkInvariants(l, src);
    if (HasFatalFailure()) {
      ADD_FAILURE() << "input: " << testing::PrintToString(src);
      return;
    }
  }
}

TEST(LexerRobustnessTest, PathologicalInputs) {
  std::vector<std::string> inputs = {
      std::string(10000, '\0'),
      std::string(10000, '"'),
      std::string(10000, '\\'),
      std::string(10000, '/'),
      std::string(10000, '*'),
      "/*" + std::string(10000, '*'),
      std::string(10000, '9'),
      "0x" + std::string(10000, 'f'),
      "1." + std::string(10000, '0') + "1e-99999",
      "\"" + std::string(10000, '\\'),
      std::string(10000, '\xFF'),
      std::string(10000, '_'),
      std::string(10000, '\n'),
  };
  for (const std::string &src : inputs) {
    Lexed l(src, /*silent=*/true);
    checkInvariants(l, src);
  }
}

} // namespace
