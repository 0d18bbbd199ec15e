//===- TestProgram.h - Multi-module programs checked in-process -*- C++ -*-===//
//
// Lexes, parses and checks a program of several modules (given in dependency
// order, the main module last), linking each import to its module by hand as
// the driver's loader would, and finds what the instance cache is asked for:
// every call of a generic function or of a method of a generic type outside
// generic bodies, with its concrete type arguments.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_UNITTESTS_INSTANTIATE_TESTPROGRAM_H
#define STENCIL_UNITTESTS_INSTANTIATE_TESTPROGRAM_H

#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "stencil/Sema/Sema.h"
#include "stencil/Sema/Type.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace stencil::test {

/// The `containers` module the tests request instances of: a generic
/// function, a generic type with methods, and a function named like a method.
inline const char *kContainers = R"(
pub interface Ordered { ~int | ~float | ~string }
pub fn max[T Ordered](a T, b T) T {
    if a > b {
        return a
    }
    return b
}
pub type Stack[T any] struct { items []T }
pub fn (s Stack[T]) push(v T) { s.items = append(s.items, v) }
pub fn (s Stack[T]) pop() T { return s.items[len(s.items) - 1] }
pub fn push[T any](xs []T, v T) []T { return append(xs, v) }
)";

struct ModuleSource {
  const char *path;
  const char *source;
};

/// One request of an instance: the generic declaration and its type arguments.
struct Request {
  const Decl *generic;
  llvm::SmallVector<const Type *, 2> args;
};

class TestProgram {
public:
  SourceManager sm;
  std::string errors;
  llvm::raw_string_ostream errStream{errors};
  DiagnosticEngine diags{sm, errStream};
  TypeContext &types;
  std::vector<std::unique_ptr<ModuleAST>> modules;

  /// Checks \p sources into \p types (which may already hold types).
  TestProgram(TypeContext &types, std::vector<ModuleSource> sources) : types(types) {
    diags.setErrorLimit(0);
    for (const ModuleSource &m : sources) {
      FileId f = sm.addBuffer(m.source, std::string(m.path) + ".stn");
      TokenBuffer tokens = lex(sm, f, diags);
      modules.push_back(parse(tokens, m.path, diags));
      for (ImportDecl *imp : modules.back()->imports)
        imp->target = module(imp->path);
    }
    std::vector<ModuleAST *> order;
    for (auto &m : modules)
      order.push_back(m.get());
    checkProgram(order, order.back(), types, diags);
  }

  ModuleAST *module(llvm::StringRef path) const {
    for (auto &m : modules)
      if (m->modulePath == path)
        return m.get();
    return nullptr;
  }
  /// A top-level function, type or variable (not a method).
  Decl *decl(llvm::StringRef path, llvm::StringRef name) const {
    for (Decl *d : module(path)->decls) {
      auto *f = llvm::dyn_cast<FuncDecl>(d);
      if (d->name.name == name && !(f && f->isMethod))
        return d;
    }
    return nullptr;
  }
  TypeDecl *type(llvm::StringRef path, llvm::StringRef name) const {
    return llvm::dyn_cast_or_null<TypeDecl>(decl(path, name));
  }
  FuncDecl *func(llvm::StringRef path, llvm::StringRef name) const {
    return llvm::dyn_cast_or_null<FuncDecl>(decl(path, name));
  }
  FuncDecl *method(llvm::StringRef path, llvm::StringRef typeName, llvm::StringRef name) const {
    for (Decl *d : module(path)->decls)
      if (auto *f = llvm::dyn_cast<FuncDecl>(d);
          f && f->isMethod && f->receiver.typeName.name == typeName && f->name.name == name)
        return f;
    return nullptr;
  }
  /// The declared type of a module-level variable.
  const Type *varType(llvm::StringRef path, llvm::StringRef name) const {
    auto *v = llvm::dyn_cast_or_null<VarDecl>(decl(path, name));
    return v ? v->type : nullptr;
  }

  /// The instance requests of module \p path in source order (generic bodies
  /// excluded: their requests are made per instance, after substitution).
  std::vector<Request> requests(llvm::StringRef path) const {
    std::vector<Request> out;
    for (Decl *d : module(path)->decls) {
      if (auto *f = llvm::dyn_cast<FuncDecl>(d); f && !f->isGeneric() && f->body)
        walk(f->body, out);
      if (auto *v = llvm::dyn_cast<VarDecl>(d); v && v->init)
        walk(v->init, out);
    }
    return out;
  }

private:
  static void walk(Stmt *s, std::vector<Request> &out) {
    if (!s)
      return;
    if (auto *b = llvm::dyn_cast<BlockStmt>(s)) {
      for (Stmt *c : b->stmts)
        walk(c, out);
    } else if (auto *e = llvm::dyn_cast<ExprStmt>(s)) {
      walk(e->expr, out);
    } else if (auto *v = llvm::dyn_cast<VarDeclStmt>(s)) {
      walk(v->var->init, out);
    } else if (auto *a = llvm::dyn_cast<AssignStmt>(s)) {
      walk(a->lhs, out);
      walk(a->rhs, out);
    } else if (auto *r = llvm::dyn_cast<ReturnStmt>(s)) {
      walk(r->value, out);
    } else if (auto *i = llvm::dyn_cast<IfStmt>(s)) {
      walk(i->cond, out);
      walk(i->thenBlock, out);
      walk(i->elseStmt, out);
    } else if (auto *w = llvm::dyn_cast<WhileStmt>(s)) {
      walk(w->cond, out);
      walk(w->body, out);
    }
  }
  static void walk(Expr *e, std::vector<Request> &out) {
    if (!e)
      return;
    if (auto *c = llvm::dyn_cast<CallExpr>(e)) {
      walk(c->callee, out);
      if (c->callKind == CallKind::Function && !c->typeArgs.empty())
        out.push_back({c->func, {c->typeArgs.begin(), c->typeArgs.end()}});
      if (c->callKind == CallKind::Method && c->func && c->func->isGeneric()) {
        const Type *recv = llvm::cast<SelectorExpr>(c->callee)->base->type;
        if (auto *n = llvm::dyn_cast_or_null<NamedType>(recv))
          out.push_back({c->func, {n->args.begin(), n->args.end()}});
      }
      for (Expr *a : c->args)
        walk(a, out);
    } else if (auto *s = llvm::dyn_cast<SelectorExpr>(e)) {
      walk(s->base, out);
    } else if (auto *b = llvm::dyn_cast<BinaryExpr>(e)) {
      walk(b->lhs, out);
      walk(b->rhs, out);
    } else if (auto *u = llvm::dyn_cast<UnaryExpr>(e)) {
      walk(u->operand, out);
    } else if (auto *p = llvm::dyn_cast<ParenExpr>(e)) {
      walk(p->inner, out);
    } else if (auto *x = llvm::dyn_cast<IndexExpr>(e)) {
      walk(x->base, out);
      for (Expr *i : x->indices)
        walk(i, out);
    } else if (auto *l = llvm::dyn_cast<CompositeLitExpr>(e)) {
      for (const CompositeElement &el : l->elements)
        walk(el.value, out);
    }
  }
};

} // namespace stencil::test

#endif
