//===- CodeGen.h - Stencil IR to native code through LLVM -------*- C++ -*-===//
//
// Three steps, each a free function: lowerToLLVM (Stencil IR to an LLVM module
// with IRBuilder, calling lib/Runtime through RuntimeFunctions.def),
// optimizeModule (LLVM's new pass manager at -O0 ... -O3) and emitCode (an
// object file or assembly through a TargetMachine for the host). docs/codegen.md
// explains the mapping of every IR type and instruction.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_CODEGEN_CODEGEN_H
#define STENCIL_CODEGEN_CODEGEN_H

#include "stencil/IR/IR.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace stencil {

class SourceManager;

/// The LLVM module of the whole program, for \p tm's target: every IR
/// function (internal linkage) and `stencil_program_main`, the entry the
/// runtime's `main` calls (the module initializers, then the program's main).
std::unique_ptr<llvm::Module> lowerToLLVM(const ir::Module &m, const SourceManager &sm,
                                          llvm::LLVMContext &ctx, const llvm::TargetMachine &tm);

/// One separately compiled piece of the program (docs/incremental.md): the
/// functions and globals it defines, with external linkage, so the pieces
/// link together; what else it uses is declared. `entry` adds
/// `stencil_program_main`.
struct CodeGenUnit {
  std::string name; ///< the LLVM module's name: deterministic, no paths
  std::vector<const ir::Function *> functions;
  std::vector<const ir::Global *> globals;
  bool entry = false;
};

/// The LLVM module of \p unit alone.
std::unique_ptr<llvm::Module> lowerUnitToLLVM(const ir::Module &m, const CodeGenUnit &unit,
                                              const SourceManager &sm, llvm::LLVMContext &ctx,
                                              const llvm::TargetMachine &tm);

/// A TargetMachine for the host's triple with a generic CPU (the same code on
/// every machine of one architecture: builds are reproducible and cacheable).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createTargetMachine(unsigned optLevel);

/// Runs LLVM's default pipeline for \p optLevel (0 to 3).
void optimizeModule(llvm::Module &m, llvm::TargetMachine &tm, unsigned optLevel);

enum class CodeFileKind { Object, Assembly };
/// Emits \p m as an object file or assembly into \p os.
llvm::Error emitCode(llvm::Module &m, llvm::TargetMachine &tm, CodeFileKind kind,
                     llvm::raw_pwrite_stream &os);

} // namespace stencil

#endif
