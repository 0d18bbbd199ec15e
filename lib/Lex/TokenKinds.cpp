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
