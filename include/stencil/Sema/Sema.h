//===- Sema.h - The checker: name resolution and static semantics -*- C++ -*-===//
#ifndef STENCIL_SEMA_SEMA_H
#define STENCIL_SEMA_SEMA_H

#include "stencil/AST/AST.h"
#include "stencil/Sema/Type.h"

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

} // namespace stencil

#endif
