//===- FuzzIR.cpp - libFuzzer target: up to the inliner --------------------===//
//
// stencil-fuzz-ir: lexes, parses and checks the input as the main module of
// a one-module program, builds its IR (instantiating through the instance
// cache), verifies it, inlines with the default options and verifies again,
// as `stencilc --emit=ir` does (FuzzPipeline.h). A verifier failure aborts:
// it is a bug of the compiler, whatever the input.
//
//===----------------------------------------------------------------------===//
#include "FuzzPipeline.h"

using namespace stencil;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz::runOnCompilerStack([&] {
    fuzz::Pipeline p(data, size);
    if (p.loadAndCheck())
      p.buildAndInlineIR();
  });
  return 0;
}
