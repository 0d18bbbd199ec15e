//===- stencilc.cpp - The Stencil compiler driver's entry point -----------===//
//
// A thin tool: everything happens in the Driver library.
//
//===----------------------------------------------------------------------===//
#include "stencil/Driver/Driver.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  int status = stencil::runCompiler(args, llvm::outs(), llvm::errs());
  llvm::outs().flush();
  return status;
}
