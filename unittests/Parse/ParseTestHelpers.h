//===- ParseTestHelpers.h - Parsing a string in unit tests ------*- C++ -*-===//
#ifndef STENCIL_UNITTESTS_PARSE_PARSETESTHELPERS_H
#define STENCIL_UNITTESTS_PARSE_PARSETESTHELPERS_H

#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include <memory>
#include <string>
#include <vector>

namespace stencil {

/// Lexes and parses one in-memory file ("t.stn"), keeping the diagnostics.
struct Parsed {
  SourceManager sm;
  FileId file;
  std::string diagText;
  TokenBuffer tokens;
  std::unique_ptr<ModuleAST> module;
  unsigned numErrors = 0;

  explicit Parsed(std::string source, bool silent = false, unsigned errorLimit = 0) {
    file = sm.addBuffer(std::move(source), "t.stn");
    llvm::raw_string_ostream os(diagText);
    DiagnosticEngine diags(sm, os);
    diags.setSilent(silent);
    diags.setErrorLimit(errorLimit);
    tokens = lex(sm, file, diags);
    module = parse(tokens, "main", diags);
    numErrors = diags.getNumErrors();
  }

  /// The "LINE:COL: error: MESSAGE" lines, without the file name.
  std::vector<std::string> errors() const {
    std::vector<std::string> out;
    llvm::StringRef rest = diagText;
    while (!rest.empty()) {
      auto [line, tail] = rest.split('\n');
      rest = tail;
      if (line.consume_front("t.stn:"))
        out.push_back(line.str());
    }
    return out;
  }

  std::string dump() const {
    std::string out;
    llvm::raw_string_ostream os(out);
    dumpAST(*module, sm, os);
    return out;
  }
};

} // namespace stencil

#endif
