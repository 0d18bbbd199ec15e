//===- Sema.h - The checker: name resolution and static semantics -*- C++ -*-===//
#ifndef STENCIL_SEMA_SEMA_H
#define STENCIL_SEMA_SEMA_H

#include "stencil/AST/AST.h"
#include "stencil/Sema/Type.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <vector>

namespace stencil {

class DiagnosticEngine;

/// Checks every module of a program against language.md: \p modules in
/// dependency order (each after the modules it imports), \p mainModule among
/// them. Fills the Sema fields of the AST (types of expressions, what names
/// denote, call kinds, inferred type arguments) and interns every type in
/// \p types. Generic bodies are checked once, against their constraints.
/// Returns true when no error was reported.
bool checkProgram(llvm::ArrayRef<ModuleAST *> modules, ModuleAST *mainModule, TypeContext &types,
                  DiagnosticEngine &diags);

class Sema;

/// A check that may leave the bodies of some modules' non-generic functions
/// for later (an incremental build, docs/incremental.md): every declaration,
/// every module-level variable and every generic body is checked at once (so
/// instantiation cycles are found as in a full check), the other bodies only
/// of the modules \p checkBodies selects, and of others when checkBodiesOf()
/// asks. A module whose source and imported interfaces are what a successful
/// build checked before checks the same way again, so nothing is lost by
/// checking it only when its code is needed.
class DeferredCheck {
public:
  DeferredCheck(TypeContext &types, DiagnosticEngine &diags);
  ~DeferredCheck();
  /// Returns true when no error was reported.
  bool run(llvm::ArrayRef<ModuleAST *> modules, ModuleAST *mainModule,
           llvm::function_ref<bool(const ModuleAST *)> checkBodies);
  /// Checks \p module's remaining function bodies, once. Returns true when
  /// no error was reported.
  bool checkBodiesOf(ModuleAST *module);
  /// The modules whose bodies were checked, in the order they were.
  llvm::ArrayRef<const ModuleAST *> checkedModules() const { return checked_; }

private:
  std::unique_ptr<Sema> sema_;
  DiagnosticEngine &diags_;
  llvm::DenseSet<const ModuleAST *> deferred_;
  std::vector<const ModuleAST *> checked_;
};

} // namespace stencil

#endif
