//===- LexTestHelpers.h - Lexing a string in unit tests ---------*- C++ -*-===//
#ifndef STENCIL_UNITTESTS_LEX_LEXTESTHELPERS_H
#define STENCIL_UNITTESTS_LEX_LEXTESTHELPERS_H

#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include <memory>
#include <string>
#include <vector>

namespace stencil {

/// Lexes one in-memory file and keeps what the tests look at.
struct Lexed {
  SourceManager sm;
  FileId file;
  std::string diagText;
  TokenBuffer tokens;

  explicit Lexed(std::string source, bool silent = false) {
    file = sm.addBuffer(std::move(source), "t.stn");
    llvm::raw_string_ostream os(diagText);
    DiagnosticEngine diags(sm, os);
    diags.setSilent(silent);
    tokens = lex(sm, file, diags);
    numErrors = diags.getNumErrors();
  }

  unsigned numErrors = 0;

  /// The "LINE:COL: error: MESSAGE" lines of the diagnostics, without the file name.
  std::vector<std::string> errors() const {
    std::vector<std::string> out;
    llvm::StringRef rest = diagText;
    while (!rest.empty()) {
      auto [line, tail] = rest.split('\n');
      rest = tail;
      if (line.consume_front("t.stn:"))
        out.push_back(line.str());
      else if (line.starts_with("stencilc: "))
        out.push_back(line.str());
    }
    return out;
  }

  size_t size() const { return tokens.tokens.size(); }
  const Token &operator[](size_t i) const { return tokens.tokens[i]; }
  llvm::StringRef spelling(size_t i) const { return tokens.getSpelling(tokens.tokens[i]); }
  uint32_t offset(size_t i) const { return sm.getFileOffset(tokens.tokens[i].loc); }

  /// The kinds of every token, as enum names, with implicit semicolons as "<;>":
  /// "kw_fn identifier l_paren r_paren <;> eof".
  std::string kinds() const {
    std::string out;
    for (const Token &t : tokens.tokens) {
      if (!out.empty())
        out += ' ';
      out += t.implicit ? std::string("<;>") : tok::getEnumName(t.kind).str();
    }
    return out;
  }

  std::string dump() const {
    std::string out;
    llvm::raw_string_ostream os(out);
    dumpTokens(sm, tokens, os);
    return out;
  }
};

} // namespace stencil

#endif
