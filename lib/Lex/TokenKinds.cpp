//===- TokenKinds.cpp - Names of token kinds ------------------------------===//
#include "stencil/Lex/Token.h"

using namespace stencil;

namespace {
constexpr llvm::StringLiteral kNames[] = {
#define TOKEN(ID, NAME) NAME,
#include "stencil/Lex/TokenKinds.def"
};
constexpr llvm::StringLiteral kEnumNames[] = {
#define TOKEN(ID, NAME) #ID,
#include "stencil/Lex/TokenKinds.def"
};
static_assert(std::size(kNames) == tok::NumTokens);
static_assert(std::size(kEnumNames) == tok::NumTokens);
} // namespace

llvm::StringRef tok::getName(Kind k) { return kNames[k]; }
llvm::StringRef tok::getEnumName(Kind k) { return kEnumNames[k]; }

tok::Kind tok::getCompoundAssignOp(Kind k) {
  switch (k) {
  case plus_equal: return plus;
  case minus_equal: return minus;
  case star_equal: return star;
  case slash_equal: return slash;
  case percent_equal: return percent;
  case amp_equal: return amp;
  case pipe_equal: return pipe;
  case caret_equal: return caret;
  case less_less_equal: return less_less;
  case greater_greater_equal: return greater_greater;
  default: return NumTokens;
  }
}
