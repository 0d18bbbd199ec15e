//===- ASTDumper.cpp - The tree of `stencilc --emit=ast` ------------------===//
//
// One node per line, two spaces of indentation per level, ending with the
// LINE:COL of the node (the name of a declaration, the first token of anything
// else). A child that plays an optional role is prefixed with it (`result:`,
// `else:`, `lo:`, `hi:`); a constraint term written with `~` is prefixed with
// `~`. Only syntax is printed, never a Sema field. docs/ast.md is the reference.
//
//===----------------------------------------------------------------------===//
#include "stencil/AST/AST.h"
#include "stencil/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include <charconv>

using namespace stencil;
using llvm::StringRef;

namespace {

class Dumper {
public:
  Dumper(const SourceManager &sm, llvm::raw_ostream &os) : sm_(sm), os_(os) {}

  void dumpModule(const ModuleAST &m) {
    os_ << "Module " << m.modulePath << "\n";
    ++indent_;
    for (const ImportDecl *d : m.imports)
      dumpDecl(d);
    for (const Decl *d : m.decls)
      dumpDecl(d);
    --indent_;
  }

private:
  /// Starts a line: indentation and the role prefix.
  llvm::raw_ostream &start(StringRef role = "") {
    os_.indent(indent_ * 2);
    if (!role.empty())
      os_ << role << " ";
    return os_;
  }
  void end(SourceLoc loc) {
    if (loc.isValid()) {
      LineColumn lc = sm_.getLineColumn(loc);
      os_ << " " << lc.line << ":" << lc.column;
    }
    os_ << "\n";
  }
  struct Nested {
    Dumper &d;
    explicit Nested(Dumper &d) : d(d) { ++d.indent_; }
    ~Nested() { --d.indent_; }
  };

  void writeString(StringRef s) {
    os_ << '"';
    for (unsigned char c : s) {
      switch (c) {
      case '\n':
        os_ << "\\n";
        break;
      case '\t':
        os_ << "\\t";
        break;
      case '\r':
        os_ << "\\r";
        break;
      case '\0':
        os_ << "\\0";
        break;
      case '\\':
        os_ << "\\\\";
        break;
      case '"':
        os_ << "\\\"";
        break;
      default:
        if (c >= 0x20 && c < 0x7f)
          os_ << c;
        else
          os_ << "\\x" << llvm::hexdigit(c >> 4, /*LowerCase=*/true)
              << llvm::hexdigit(c & 15, /*LowerCase=*/true);
      }
    }
    os_ << '"';
  }

  //===--- Declarations ---------------------------------------------------===//

  void dumpDecl(const Decl *d) {
    switch (d->getKind()) {
    case Decl::Kind::Import: {
      auto *i = llvm::cast<ImportDecl>(d);
      start() << "ImportDecl " << i->name.name << " ";
      writeString(i->path);
      if (i->alias.isValid())
        os_ << " alias";
      end(i->name.loc);
      return;
    }
    case Decl::Kind::Func:
      return dumpFunc(llvm::cast<FuncDecl>(d));
    case Decl::Kind::TypeParam:
      return dumpTypeParam(llvm::cast<TypeParamDecl>(d));
    case Decl::Kind::Type:
      return dumpTypeDecl(llvm::cast<TypeDecl>(d));
    case Decl::Kind::Interface:
      return dumpInterface(llvm::cast<InterfaceDecl>(d));
    case Decl::Kind::Var:
      return dumpVar(llvm::cast<VarDecl>(d));
    }
  }

  static const char *pubText(const Decl *d) { return d->isPub ? "pub " : ""; }

  void dumpFunc(const FuncDecl *f) {
    start() << "FuncDecl " << pubText(f);
    switch (f->inlineHint) {
    case InlineHint::None:
      break;
    case InlineHint::Inline:
      os_ << "@inline ";
      break;
    case InlineHint::NoInline:
      os_ << "@noinline ";
      break;
    }
    os_ << f->name.name;
    end(f->name.loc);
    Nested n(*this);
    if (f->isMethod) {
      const Receiver &r = f->receiver;
      start() << "Receiver " << (r.var ? r.var->name.name : StringRef("?")) << " "
              << r.typeName.name;
      end(r.var ? r.var->name.loc : r.typeName.loc);
      Nested rn(*this);
      for (const TypeParamDecl *p : r.typeParams)
        dumpTypeParam(p);
    }
    for (const TypeParamDecl *p : f->typeParams)
      dumpTypeParam(p);
    for (const VarDecl *p : f->params)
      dumpVar(p);
    if (f->result)
      dumpType(f->result, "result:");
    if (f->body)
      dumpStmt(f->body);
  }

  void dumpTypeParam(const TypeParamDecl *p) {
    start() << "TypeParam " << p->name.name;
    end(p->name.loc);
    Nested n(*this);
    dumpTerms(p->constraint);
  }

  void dumpTerms(llvm::ArrayRef<ConstraintTerm> terms) {
    for (const ConstraintTerm &t : terms)
      dumpType(t.type, t.hasTilde() ? "~" : "");
  }

  void dumpTypeDecl(const TypeDecl *d) {
    start() << "TypeDecl " << pubText(d) << d->name.name;
    end(d->name.loc);
    Nested n(*this);
    for (const TypeParamDecl *p : d->typeParams)
      dumpTypeParam(p);
    if (!d->isStruct) {
      if (d->underlying)
        dumpType(d->underlying);
      return;
    }
    start() << "Struct";
    end(d->structLoc);
    Nested sn(*this);
    for (const FieldDecl &f : d->fields) {
      start() << "Field " << f.name.name;
      end(f.name.loc);
      Nested fn(*this);
      dumpType(f.typeExpr);
    }
  }

  void dumpInterface(const InterfaceDecl *d) {
    start() << "InterfaceDecl " << pubText(d) << d->name.name;
    end(d->name.loc);
    Nested n(*this);
    for (const TypeParamDecl *p : d->typeParams)
      dumpTypeParam(p);
    for (const InterfaceElem &e : d->elements) {
      if (e.isMethod) {
        start() << "Method " << e.methodName.name;
        end(e.methodName.loc);
        Nested mn(*this);
        for (const VarDecl *p : e.params)
          dumpVar(p);
        if (e.result)
          dumpType(e.result, "result:");
        continue;
      }
      start() << "Union";
      SourceLoc loc;
      if (!e.terms.empty())
        loc = e.terms[0].hasTilde() ? e.terms[0].tildeLoc : e.terms[0].type->getBeginLoc();
      end(loc);
      Nested un(*this);
      dumpTerms(e.terms);
    }
  }

  void dumpVar(const VarDecl *v) {
    switch (v->varKind) {
    case VarDecl::VarKind::Global:
      start() << "VarDecl " << pubText(v);
      break;
    case VarDecl::VarKind::Local:
      start() << "VarDecl ";
      break;
    case VarDecl::VarKind::Param:
      start() << "Param ";
      break;
    case VarDecl::VarKind::Receiver:
      start() << "Receiver ";
      break;
    case VarDecl::VarKind::LoopVar:
      start() << "LoopVar ";
      break;
    }
    os_ << v->name.name;
    end(v->name.loc);
    Nested n(*this);
    if (v->typeExpr)
      dumpType(v->typeExpr);
    if (v->init)
      dumpExpr(v->init);
  }

  //===--- Types ----------------------------------------------------------===//

  void dumpType(const TypeExpr *t, StringRef role = "") {
    switch (t->getKind()) {
    case TypeExpr::Kind::NamedType: {
      auto *nt = llvm::cast<NamedTypeExpr>(t);
      start(role) << "NamedType ";
      if (nt->qualifier.isValid())
        os_ << nt->qualifier.name << ".";
      os_ << nt->name.name;
      end(t->getBeginLoc());
      Nested n(*this);
      for (const TypeExpr *a : nt->typeArgs)
        dumpType(a);
      return;
    }
    case TypeExpr::Kind::SliceType: {
      start(role) << "SliceType";
      end(t->getBeginLoc());
      Nested n(*this);
      dumpType(llvm::cast<SliceTypeExpr>(t)->elem);
      return;
    }
    case TypeExpr::Kind::FuncType: {
      auto *ft = llvm::cast<FuncTypeExpr>(t);
      start(role) << "FuncType";
      end(t->getBeginLoc());
      Nested n(*this);
      for (const TypeExpr *p : ft->params)
        dumpType(p);
      if (ft->result)
        dumpType(ft->result, "result:");
      return;
    }
    }
  }

  //===--- Statements -----------------------------------------------------===//

  void dumpStmt(const Stmt *s, StringRef role = "") {
    switch (s->getKind()) {
    case Stmt::Kind::Block: {
      start(role) << "Block";
      end(s->getBeginLoc());
      Nested n(*this);
      for (const Stmt *c : llvm::cast<BlockStmt>(s)->stmts)
        dumpStmt(c);
      return;
    }
    case Stmt::Kind::ExprStmt:
      start(role) << "ExprStmt";
      end(s->getBeginLoc());
      {
        Nested n(*this);
        dumpExpr(llvm::cast<ExprStmt>(s)->expr);
      }
      return;
    case Stmt::Kind::VarDeclStmt: {
      auto *v = llvm::cast<VarDeclStmt>(s);
      start(role) << "VarDeclStmt" << (v->isShort ? " short" : "");
      end(s->getBeginLoc());
      Nested n(*this);
      dumpVar(v->var);
      return;
    }
    case Stmt::Kind::Assign: {
      auto *a = llvm::cast<AssignStmt>(s);
      start(role) << "Assign " << tok::getName(a->op);
      end(s->getBeginLoc());
      Nested n(*this);
      dumpExpr(a->lhs);
      dumpExpr(a->rhs);
      return;
    }
    case Stmt::Kind::If: {
      auto *i = llvm::cast<IfStmt>(s);
      start(role) << "If";
      end(s->getBeginLoc());
      Nested n(*this);
      dumpExpr(i->cond);
      dumpStmt(i->thenBlock);
      if (i->elseStmt)
        dumpStmt(i->elseStmt, "else:");
      return;
    }
    case Stmt::Kind::While: {
      auto *w = llvm::cast<WhileStmt>(s);
      start(role) << "While";
      end(s->getBeginLoc());
      Nested n(*this);
      dumpExpr(w->cond);
      dumpStmt(w->body);
      return;
    }
    case Stmt::Kind::ForRange: {
      auto *f = llvm::cast<ForRangeStmt>(s);
      start(role) << "ForRange";
      end(s->getBeginLoc());
      Nested n(*this);
      dumpVar(f->var);
      dumpExpr(f->lo);
      dumpExpr(f->hi);
      dumpStmt(f->body);
      return;
    }
    case Stmt::Kind::ForEach: {
      auto *f = llvm::cast<ForEachStmt>(s);
      start(role) << "ForEach";
      end(s->getBeginLoc());
      Nested n(*this);
      if (f->indexVar)
        dumpVar(f->indexVar);
      dumpVar(f->elemVar);
      dumpExpr(f->seq);
      dumpStmt(f->body);
      return;
    }
    case Stmt::Kind::Break:
      start(role) << "Break";
      end(s->getBeginLoc());
      return;
    case Stmt::Kind::Continue:
      start(role) << "Continue";
      end(s->getBeginLoc());
      return;
    case Stmt::Kind::Return: {
      start(role) << "Return";
      end(s->getBeginLoc());
      Nested n(*this);
      if (const Expr *v = llvm::cast<ReturnStmt>(s)->value)
        dumpExpr(v);
      return;
    }
    }
  }

  //===--- Expressions ----------------------------------------------------===//

  void dumpExpr(const Expr *e, StringRef role = "") {
    switch (e->getKind()) {
    case Expr::Kind::Ident:
      start(role) << "Ident " << llvm::cast<IdentExpr>(e)->name;
      end(e->getBeginLoc());
      return;
    case Expr::Kind::IntLit:
      start(role) << "IntLit " << llvm::cast<IntLitExpr>(e)->value;
      end(e->getBeginLoc());
      return;
    case Expr::Kind::FloatLit: {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof(buf), llvm::cast<FloatLitExpr>(e)->value);
      start(role) << "FloatLit " << StringRef(buf, r.ptr - buf);
      end(e->getBeginLoc());
      return;
    }
    case Expr::Kind::StringLit:
      start(role) << "StringLit ";
      writeString(llvm::cast<StringLitExpr>(e)->value);
      end(e->getBeginLoc());
      return;
    case Expr::Kind::BoolLit:
      start(role) << "BoolLit " << (llvm::cast<BoolLitExpr>(e)->value ? "true" : "false");
      end(e->getBeginLoc());
      return;
    case Expr::Kind::Unary: {
      auto *u = llvm::cast<UnaryExpr>(e);
      start(role) << "Unary " << tok::getName(u->op);
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(u->operand);
      return;
    }
    case Expr::Kind::Binary: {
      auto *b = llvm::cast<BinaryExpr>(e);
      start(role) << "Binary " << tok::getName(b->op);
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(b->lhs);
      dumpExpr(b->rhs);
      return;
    }
    case Expr::Kind::Paren: {
      start(role) << "Paren";
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(llvm::cast<ParenExpr>(e)->inner);
      return;
    }
    case Expr::Kind::Call: {
      auto *c = llvm::cast<CallExpr>(e);
      start(role) << "Call";
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(c->callee);
      for (const Expr *a : c->args)
        dumpExpr(a);
      return;
    }
    case Expr::Kind::Index: {
      auto *i = llvm::cast<IndexExpr>(e);
      start(role) << "Index";
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(i->base);
      for (const Expr *x : i->indices)
        dumpExpr(x);
      return;
    }
    case Expr::Kind::Slice: {
      auto *s = llvm::cast<SliceExpr>(e);
      start(role) << "Slice";
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(s->base);
      if (s->lo)
        dumpExpr(s->lo, "lo:");
      if (s->hi)
        dumpExpr(s->hi, "hi:");
      return;
    }
    case Expr::Kind::Selector: {
      auto *s = llvm::cast<SelectorExpr>(e);
      start(role) << "Selector " << s->name.name;
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(s->base);
      return;
    }
    case Expr::Kind::CompositeLit: {
      auto *c = llvm::cast<CompositeLitExpr>(e);
      start(role) << "CompositeLit";
      end(e->getBeginLoc());
      Nested n(*this);
      dumpExpr(c->typeExpr);
      for (const CompositeElement &el : c->elements) {
        if (!el.name.isValid()) {
          dumpExpr(el.value);
          continue;
        }
        start() << "Elem " << el.name.name;
        end(el.name.loc);
        Nested en(*this);
        dumpExpr(el.value);
      }
      return;
    }
    case Expr::Kind::TypeInExpr: {
      start(role) << "TypeInExpr";
      end(e->getBeginLoc());
      Nested n(*this);
      dumpType(llvm::cast<TypeInExpr>(e)->typeExpr);
      return;
    }
    }
  }

  const SourceManager &sm_;
  llvm::raw_ostream &os_;
  unsigned indent_ = 0;
};

} // namespace

void stencil::dumpAST(const ModuleAST &module, const SourceManager &sm, llvm::raw_ostream &os) {
  Dumper(sm, os).dumpModule(module);
}
