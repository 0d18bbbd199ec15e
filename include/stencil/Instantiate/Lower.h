//===- Lower.h - Building the IR, instantiating as it goes ------*- C++ -*-===//
//
// lowerProgram turns a checked program into an ir::Module. It starts from
// `main` and the module initializers and lowers only what they reach. A call, a
// function value or a type use with concrete type arguments (after
// substituting the enclosing instance's own) asks the instance cache: a hit
// returns the IR function or struct layout made before; a miss creates it now
// and, for a function, queues its body on a worklist, to be lowered under the
// substitution. No type parameter survives into the IR.
//
// Errors found here point at the requesting call and carry one note per level
// of the instantiation chain (`in instantiation of 'm.f[int]' requested here`).
// Instantiation cycles are rejected earlier, by Sema; the depth limit is the
// backstop.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_INSTANTIATE_LOWER_H
#define STENCIL_INSTANTIATE_LOWER_H

#include "stencil/Instantiate/InstanceCache.h"
#include "stencil/IR/IR.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <memory>
#include <vector>

namespace stencil {

class DiagnosticEngine;
class ModuleAST;
class TypeContext;

/// What the instance cache holds for an instance: an IR function (a generic
/// function's or a generic type's method's instance) or a struct layout (a
/// generic struct's instance), and how deep in the instantiation chain it was
/// first requested (1 when requested from non-generic code).
struct IRInstance {
  ir::Function *func = nullptr;
  ir::StructLayout *layout = nullptr;
  unsigned depth = 0;
};
using IRInstanceCache = InstanceCache<IRInstance>;

struct LowerOptions {
  /// The deepest instantiation chain allowed (clang's -ftemplate-depth).
  unsigned maxDepth = 1024;
  /// How many notes of an instantiation chain to print: the innermost half and
  /// the outermost half, with the skipped count between (0: all).
  unsigned backtraceLimit = 10;
};

class FuncDecl;
class Type;

/// An incremental build lowers only part of the program (docs/incremental.md):
/// the functions it names, what they need the bodies of, and declarations of
/// everything else they reach.
struct PartialLowering {
  struct Request {
    FuncDecl *decl;
    llvm::SmallVector<const Type *, 2> typeArgs; ///< an instance's (or its type's)
  };
  /// Lowered with their bodies, first.
  std::vector<Request> seeds;
  /// Whether a requested function (by IR name) needs its body; the others
  /// are only declared (their signature, for calls and references).
  std::function<bool(const ir::Function &)> needsBody;
  /// Called before the first body of a non-generic function of a module is
  /// lowered (to check the module's deferred bodies); false stops lowering.
  std::function<bool(ModuleAST *)> prepareModule;
};

/// What an IR function was made from, for the build record.
struct FunctionOrigin {
  FuncDecl *decl = nullptr; ///< null for a module's initializer
  llvm::SmallVector<const Type *, 2> typeArgs;
  bool bodyLowered = false;
};
using FunctionOrigins = llvm::DenseMap<const ir::Function *, FunctionOrigin>;

/// Lowers the checked program (\p modules in dependency order, \p mainModule
/// among them) into a new module, filling \p cache. Returns null after
/// reporting an error to \p diags.
std::unique_ptr<ir::Module> lowerProgram(llvm::ArrayRef<ModuleAST *> modules, ModuleAST *mainModule,
                                         TypeContext &types, DiagnosticEngine &diags,
                                         IRInstanceCache &cache, const LowerOptions &opts = {},
                                         const PartialLowering *partial = nullptr,
                                         FunctionOrigins *origins = nullptr);

/// `--stats`: the instance cache's counters per generic declaration and the
/// sizes of the IR, for people (docs/instance-cache.md).
void printInstanceStats(const IRInstanceCache &cache, const ir::Module &m, llvm::raw_ostream &os);
/// `--stats=json`: the same as one JSON object, for scripts (fields documented
/// in docs/instance-cache.md).
/// \p extra adds fields of its own (the build directory's).
void printInstanceStatsJSON(const IRInstanceCache &cache, const ir::Module &m, llvm::raw_ostream &os,
                            llvm::function_ref<void(llvm::json::OStream &)> extra = {});

} // namespace stencil

#endif
