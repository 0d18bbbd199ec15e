//===- Parser.h - Tokens to AST ---------------------------------*- C++ -*-===//
#ifndef STENCIL_PARSE_PARSER_H
#define STENCIL_PARSE_PARSER_H

#include "stencil/AST/AST.h"
#include <memory>

namespace stencil {

class DiagnosticEngine;

/// Parses one module. Always returns a module: syntax errors are reported to
/// \p diags and the parser recovers at the next statement or declaration, so
/// one error does not hide the next. \p modulePath becomes
/// ModuleAST::modulePath. Literal values and decoded strings are copied into the
/// module's arena.
std::unique_ptr<ModuleAST> parse(const TokenBuffer &tokens, llvm::StringRef modulePath,
                                 DiagnosticEngine &diags);

} // namespace stencil

#endif
