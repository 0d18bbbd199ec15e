//===- Lexer.h - Source text to tokens --------------------------*- C++ -*-===//
#ifndef STENCIL_LEX_LEXER_H
#define STENCIL_LEX_LEXER_H

#include "stencil/Lex/Token.h"

namespace stencil {

class SourceManager;
class DiagnosticEngine;

/// Lexes the whole of \p file. Errors are reported to \p diags and lexing goes
/// on (a bad character is skipped, an unterminated string ends at the end of its
/// line), so the buffer always ends with one eof token. Applies Go's semicolon
/// rule (language.md §1).
TokenBuffer lex(const SourceManager &sm, FileId file, DiagnosticEngine &diags);

/// Writes one line per token: `LINE:COL kind 'spelling'` (plus the value of
/// literals), the format of `stencilc --emit=tokens`.
void dumpTokens(const SourceManager &sm, const TokenBuffer &tokens, llvm::raw_ostream &os);

} // namespace stencil

#endif
