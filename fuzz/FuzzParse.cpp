//===- FuzzParse.cpp - libFuzzer target: lexer and parser ------------------===//
//
// stencil-fuzz-parse: lexes and parses the input as the main module, then
// dumps the tree as `stencilc --emit=ast` does (into a null stream): the
// dumper walks every node, so a required field left unset is found too.
//
//===----------------------------------------------------------------------===//
#include "FuzzTarget.h"
#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"

using namespace stencil;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz::runOnCompilerStack([&] {
    SourceManager sm;
    DiagnosticEngine diags(sm, llvm::nulls());
    FileId file = sm.addBuffer(fuzz::inputText(data, size), fuzz::kInputName);
    TokenBuffer tokens = lex(sm, file, diags);
    std::unique_ptr<ModuleAST> module = parse(tokens, "main", diags);
    if (!module)
      fuzz::fail("parse returned no module");
    dumpAST(*module, sm, llvm::nulls());
  });
  return 0;
}
