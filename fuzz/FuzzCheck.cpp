//===- FuzzCheck.cpp - libFuzzer target: up to the checker -----------------===//
//
// stencil-fuzz-check: lexes, parses and checks the input as the main module
// of a one-module program, as `stencilc -fsyntax-only` does (FuzzPipeline.h).
//
//===----------------------------------------------------------------------===//
#include "FuzzPipeline.h"

using namespace stencil;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz::runOnCompilerStack([&] {
    fuzz::Pipeline p(data, size);
    p.loadAndCheck();
  });
  return 0;
}
