//===- FuzzPipeline.h - The driver's phases on one in-memory module -*- C++ -*-===//
//
// What runPipeline in lib/Driver/Driver.cpp does for `stencilc -fsyntax-only`
// and `stencilc --emit=ir`, on the fuzzer's input as the main module:
//
//   load   lex + parse (ModuleLoader.cpp's parseFile), module path "main";
//   check  checkProgram on the one module;
//   ir     lowerProgram with the instance cache, then ir::verifyModule;
//   inline inlineModule with the default options, then ir::verifyModule.
//
// As the driver, it stops after a phase that reported errors. The input is
// in memory with no directory around it, so any `import` is a module the
// loader would not find (err_module_not_found, or the parser's error for a
// malformed path): the driver stops after loading, and so does this.
//
// Beyond the sanitizers, each phase's contract is checked, and a breach
// aborts (it is our bug, whatever the input): the IR verifier must accept
// the IR after IR build and after inlining (the driver's internal error,
// exit status 2), and a phase that fails must have reported an error (the
// driver would otherwise exit 0 without output or message).
//
// The instantiation depth limit is 64 (the driver's default is 1024; the
// language allows any limit of at least 64) so that no input makes a run
// slow by instantiating deep chains.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_FUZZ_FUZZPIPELINE_H
#define STENCIL_FUZZ_FUZZPIPELINE_H

#include "FuzzTarget.h"
#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Inline/Inline.h"
#include "stencil/IR/IR.h"
#include "stencil/Instantiate/Lower.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "stencil/Sema/Sema.h"
#include "stencil/Sema/Type.h"
#include <memory>
#include <string>

namespace stencil::fuzz {

/// One compilation of the input (the driver's `Compilation`, members in the
/// same order so that they are destroyed in the same order).
struct Pipeline {
  SourceManager sm;
  DiagnosticEngine diags{sm, llvm::nulls()};
  std::unique_ptr<ModuleAST> module;
  TypeContext types;
  IRInstanceCache cache;
  std::unique_ptr<ir::Module> ir;
  FileId file;

  Pipeline(const uint8_t *data, size_t size) {
    file = sm.addBuffer(inputText(data, size), kInputName);
  }

  /// Lexes, parses and checks; true when all of it succeeded.
  bool loadAndCheck() {
    TokenBuffer tokens = lex(sm, file, diags);
    module = parse(tokens, "main", diags);
    if (!module)
      fail("parse returned no module");
    if (diags.hasErrors() || !module->imports.empty())
      return false;
    ModuleAST *m = module.get();
    bool ok = checkProgram({m}, m, types, diags);
    if (!ok && !diags.hasErrors())
      fail("checkProgram failed without reporting an error");
    return ok && !diags.hasErrors();
  }

  /// Builds the IR, verifies it, inlines and verifies again; true when all
  /// of it succeeded.
  bool buildAndInlineIR() {
    LowerOptions lower;
    lower.maxDepth = 64;
    ModuleAST *m = module.get();
    ir = lowerProgram({m}, m, types, diags, cache, lower);
    if (!ir) {
      if (!diags.hasErrors())
        fail("lowerProgram returned no module without reporting an error");
      return false;
    }
    if (diags.hasErrors())
      return false;
    verify("the IR built for this program is invalid");
    InlineOptions inliner; // the default mode and threshold, no remarks
    inlineModule(*ir, inliner, sm, llvm::nulls());
    verify("the IR is invalid after inlining");
    return true;
  }

  /// The driver's verifyIR, with abort() for its internal error.
  void verify(llvm::StringRef what) {
    std::string problems;
    llvm::raw_string_ostream os(problems);
    if (ir::verifyModule(*ir, os))
      return;
    os.flush();
    // The problems first: printing broken IR might itself crash.
    llvm::errs() << "stencil fuzz target: " << what << ":\n" << problems << "\n--- the IR ---\n";
    llvm::errs().flush();
    ir->print(llvm::errs(), &sm);
    fail(what);
  }
};

} // namespace stencil::fuzz

#endif
