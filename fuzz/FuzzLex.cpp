//===- FuzzLex.cpp - libFuzzer target: the lexer ---------------------------===//
//
// stencil-fuzz-lex: lexes the input as one file, then prints its tokens as
// `stencilc --emit=tokens` does (into a null stream). The lexer never fails:
// the buffer must end with exactly one eof token.
//
//===----------------------------------------------------------------------===//
#include "FuzzTarget.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"

using namespace stencil;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz::runOnCompilerStack([&] {
    SourceManager sm;
    DiagnosticEngine diags(sm, llvm::nulls());
    FileId file = sm.addBuffer(fuzz::inputText(data, size), fuzz::kInputName);
    TokenBuffer tokens = lex(sm, file, diags);
    if (tokens.tokens.empty() || tokens.tokens.back().isNot(tok::eof))
      fuzz::fail("the token buffer does not end with an eof token");
    for (size_t i = 0; i + 1 < tokens.tokens.size(); ++i)
      if (tokens.tokens[i].is(tok::eof))
        fuzz::fail("an eof token before the end of the token buffer");
    dumpTokens(sm, tokens, llvm::nulls());
  });
  return 0;
}
