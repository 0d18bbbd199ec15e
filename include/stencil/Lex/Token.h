//===- Token.h - Tokens and the token buffer --------------------*- C++ -*-===//
#ifndef STENCIL_LEX_TOKEN_H
#define STENCIL_LEX_TOKEN_H

#include "stencil/Basic/Arena.h"
#include "stencil/Basic/SourceLoc.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <string>
#include <vector>

namespace stencil {

namespace tok {
enum Kind : uint8_t {
#define TOKEN(ID, NAME) ID,
#include "stencil/Lex/TokenKinds.def"
  NumTokens
};
/// "identifier", "(", "while", ... as used in diagnostics.
llvm::StringRef getName(Kind k);
/// The enum spelling used by --emit=tokens ("l_paren", "kw_while", ...).
llvm::StringRef getEnumName(Kind k);
/// The binary operator of a compound assignment (`+=` gives `+`), or
/// `NumTokens` when \p k is not one.
Kind getCompoundAssignOp(Kind k);
} // namespace tok

struct Token {
  tok::Kind kind = tok::eof;
  /// Set on a `;` the lexer inserted at a newline or end of file (Go's rule);
  /// its location is the newline (or EOF) and its length is 0.
  bool implicit = false;
  /// Set on an int_literal whose value is exactly 2^63: valid only as the operand
  /// of unary minus, which the parser checks.
  bool minIntMagnitude = false;
  uint32_t length = 0;
  SourceLoc loc;
  union {
    uint64_t intValue;   ///< int_literal (2^63 when minIntMagnitude)
    double floatValue;   ///< float_literal
    uint32_t stringIndex; ///< string_literal: index into TokenBuffer::strings
  };
  Token() : intValue(0) {}

  bool is(tok::Kind k) const { return kind == k; }
  bool isNot(tok::Kind k) const { return kind != k; }
  SourceLoc getEndLoc() const { return loc.getOffset(length); }
};

/// The output of lexing one file: tokens (ending with one eof), the decoded
/// contents of string literals, and the file.
struct TokenBuffer {
  FileId file;
  llvm::StringRef text; ///< the file's text, owned by the SourceManager
  uint32_t fileBase = 0; ///< raw SourceLoc of the file's first byte
  /// Large for large files: allocated so that it can use huge pages.
  std::vector<Token, HugePageStdAllocator<Token>> tokens;
  std::vector<std::string> strings;

  /// The exact source spelling of \p t (empty for an implicit `;` and eof).
  llvm::StringRef getSpelling(const Token &t) const {
    return text.substr(t.loc.raw() - fileBase, t.length);
  }
  llvm::StringRef getString(const Token &t) const { return strings[t.stringIndex]; }
};

} // namespace stencil

#endif
