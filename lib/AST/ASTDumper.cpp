//===- ASTDumper.cpp - The tree of `stencilc --emit=ast` ------------------===//
//
// One node per line, two spaces of indentation per level, ending with the
// LINE:COL of the node's own token: the name of a declaration, the operator of
// a binary expression or assignment, the `(` of a call, the `[` of an index or
// slice, the name of a selector, the `{` of a composite literal, and the first
// token of anything else. A child that plays an optional role is prefixed with
// it (`result:`, `else:`, `lo:`, `hi:`); a constraint term written with `~` is
// prefixed with `~`. Only syntax is printed, never a Sema field. docs/ast.md is
// the reference.
//
// The tree is walked with an explicit stack, not recursion: chains such as
// `a + b + c ...` or long else-if sequences nest as deep as they are long.
//
//===----------------------------------------------------------------------===//
#include "stencil/AST/AST.h"
#include "stencil/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <charconv>
#include <vector>

using namespace stencil;
using llvm::StringRef;

namespace {

/// One line still to print: a node, or a part of one that has its own line
/// (a receiver, a struct's field list, a field, an interface element, a
/// composite literal element).
struct Item {
  enum class Kind : uint8_t {
    Decl,
    TypeParam,
    Type,
    Stmt,
    Expr,
    Receiver, ///< node: the FuncDecl
    Struct,   ///< node: the TypeDecl
    Field,    ///< node: a FieldDecl
    Union,    ///< node: an InterfaceElem
    Method,   ///< node: an InterfaceElem
    Elem,     ///< node: a CompositeElement with a name
  };
  Kind kind;
  const void *node;
  unsigned depth;
  const char *role;
};
using K = Item::Kind;

class Dumper {
public:
  Dumper(const SourceManager &sm, llvm::raw_ostream &os) : sm_(sm), os_(os) {}

  void dumpModule(const ModuleAST &m) {
    os_ << "Module " << m.modulePath << "\n";
    depth_ = 0;
    for (const ImportDecl *d : m.imports)
      child(K::Decl, d);
    for (const Decl *d : m.decls)
      child(K::Decl, d);
    flushChildren();
    while (!stack_.empty()) {
      Item item = stack_.back();
      stack_.pop_back();
      depth_ = item.depth;
      print(item);
      flushChildren();
    }
  }

private:
  /// Queues a child of the line being printed (printed after it, in order).
  void child(K kind, const void *node, const char *role = "") {
    children_.push_back(Item{kind, node, depth_ + 1, role});
  }
  void flushChildren() {
    for (const Item &c : llvm::reverse(children_))
      stack_.push_back(c);
    children_.clear();
  }

  /// Starts a line: indentation and the role prefix.
  llvm::raw_ostream &start(const char *role) {
    os_.indent(depth_ * 2);
    if (*role)
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

  void print(const Item &item) {
    const char *role = item.role;
    switch (item.kind) {
    case K::Decl:
      return printDecl(static_cast<const Decl *>(item.node), role);
    case K::TypeParam:
      return printTypeParam(static_cast<const TypeParamDecl *>(item.node), role);
    case K::Type:
      return printType(static_cast<const TypeExpr *>(item.node), role);
    case K::Stmt:
      return printStmt(static_cast<const Stmt *>(item.node), role);
    case K::Expr:
      return printExpr(static_cast<const Expr *>(item.node), role);
    case K::Receiver: {
      const Receiver &r = static_cast<const FuncDecl *>(item.node)->receiver;
      start(role) << "Receiver " << (r.var ? r.var->name.name : StringRef("?")) << " "
                  << r.typeName.name;
      end(r.var ? r.var->name.loc : r.typeName.loc);
      for (const TypeParamDecl *p : r.typeParams)
        child(K::TypeParam, p);
      return;
    }
    case K::Struct: {
      auto *d = static_cast<const TypeDecl *>(item.node);
      start(role) << "Struct";
      end(d->structLoc);
      for (const FieldDecl &f : d->fields)
        child(K::Field, &f);
      return;
    }
    case K::Field: {
      auto *f = static_cast<const FieldDecl *>(item.node);
      start(role) << "Field " << f->name.name;
      end(f->name.loc);
      child(K::Type, f->typeExpr);
      return;
    }
    case K::Union: {
      auto *e = static_cast<const InterfaceElem *>(item.node);
      start(role) << "Union";
      SourceLoc loc;
      if (!e->terms.empty())
        loc = e->terms[0].hasTilde() ? e->terms[0].tildeLoc : e->terms[0].type->getBeginLoc();
      end(loc);
      terms(e->terms);
      return;
    }
    case K::Method: {
      auto *e = static_cast<const InterfaceElem *>(item.node);
      start(role) << "Method " << e->methodName.name;
      end(e->methodName.loc);
      for (const VarDecl *p : e->params)
        child(K::Decl, p);
      if (e->result)
        child(K::Type, e->result, "result:");
      return;
    }
    case K::Elem: {
      auto *el = static_cast<const CompositeElement *>(item.node);
      start(role) << "Elem " << el->name.name;
      end(el->name.loc);
      child(K::Expr, el->value);
      return;
    }
    }
  }

  void terms(llvm::ArrayRef<ConstraintTerm> ts) {
    for (const ConstraintTerm &t : ts)
      child(K::Type, t.type, t.hasTilde() ? "~" : "");
  }

  //===--- Declarations ---------------------------------------------------===//

  static const char *pubText(const Decl *d) { return d->isPub ? "pub " : ""; }

  void printDecl(const Decl *d, const char *role) {
    switch (d->getKind()) {
    case Decl::Kind::Import: {
      auto *i = llvm::cast<ImportDecl>(d);
      start(role) << "ImportDecl " << i->name.name << " ";
      writeString(i->path);
      if (i->alias.isValid())
        os_ << " alias";
      end(i->name.loc);
      return;
    }
    case Decl::Kind::Func:
      return printFunc(llvm::cast<FuncDecl>(d), role);
    case Decl::Kind::TypeParam:
      return printTypeParam(llvm::cast<TypeParamDecl>(d), role);
    case Decl::Kind::Type: {
      auto *t = llvm::cast<TypeDecl>(d);
      start(role) << "TypeDecl " << pubText(t) << t->name.name;
      end(t->name.loc);
      for (const TypeParamDecl *p : t->typeParams)
        child(K::TypeParam, p);
      if (t->isStruct)
        child(K::Struct, t);
      else if (t->underlying)
        child(K::Type, t->underlying);
      return;
    }
    case Decl::Kind::Interface: {
      auto *i = llvm::cast<InterfaceDecl>(d);
      start(role) << "InterfaceDecl " << pubText(i) << i->name.name;
      end(i->name.loc);
      for (const TypeParamDecl *p : i->typeParams)
        child(K::TypeParam, p);
      for (const InterfaceElem &e : i->elements)
        child(e.isMethod ? K::Method : K::Union, &e);
      return;
    }
    case Decl::Kind::Var:
      return printVar(llvm::cast<VarDecl>(d), role);
    }
  }

  void printFunc(const FuncDecl *f, const char *role) {
    start(role) << "FuncDecl " << pubText(f);
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
    if (f->isMethod)
      child(K::Receiver, f);
    for (const TypeParamDecl *p : f->typeParams)
      child(K::TypeParam, p);
    for (const VarDecl *p : f->params)
      child(K::Decl, p);
    if (f->result)
      child(K::Type, f->result, "result:");
    if (f->body)
      child(K::Stmt, f->body);
  }

  void printTypeParam(const TypeParamDecl *p, const char *role) {
    start(role) << "TypeParam " << p->name.name;
    end(p->name.loc);
    terms(p->constraint);
  }

  void printVar(const VarDecl *v, const char *role) {
    switch (v->varKind) {
    case VarDecl::VarKind::Global:
      start(role) << "VarDecl " << pubText(v);
      break;
    case VarDecl::VarKind::Local:
      start(role) << "VarDecl ";
      break;
    case VarDecl::VarKind::Param:
      start(role) << "Param ";
      break;
    case VarDecl::VarKind::Receiver:
      start(role) << "Receiver ";
      break;
    case VarDecl::VarKind::LoopVar:
      start(role) << "LoopVar ";
      break;
    }
    os_ << v->name.name;
    end(v->name.loc);
    if (v->typeExpr)
      child(K::Type, v->typeExpr);
    if (v->init)
      child(K::Expr, v->init);
  }

  //===--- Types ----------------------------------------------------------===//

  void printType(const TypeExpr *t, const char *role) {
    switch (t->getKind()) {
    case TypeExpr::Kind::NamedType: {
      auto *nt = llvm::cast<NamedTypeExpr>(t);
      start(role) << "NamedType ";
      if (nt->qualifier.isValid())
        os_ << nt->qualifier.name << ".";
      os_ << nt->name.name;
      end(t->getBeginLoc());
      for (const TypeExpr *a : nt->typeArgs)
        child(K::Type, a);
      return;
    }
    case TypeExpr::Kind::SliceType:
      start(role) << "SliceType";
      end(t->getBeginLoc());
      child(K::Type, llvm::cast<SliceTypeExpr>(t)->elem);
      return;
    case TypeExpr::Kind::FuncType: {
      auto *ft = llvm::cast<FuncTypeExpr>(t);
      start(role) << "FuncType";
      end(t->getBeginLoc());
      for (const TypeExpr *p : ft->params)
        child(K::Type, p);
      if (ft->result)
        child(K::Type, ft->result, "result:");
      return;
    }
    }
  }

  //===--- Statements -----------------------------------------------------===//

  void printStmt(const Stmt *s, const char *role) {
    switch (s->getKind()) {
    case Stmt::Kind::Block:
      start(role) << "Block";
      end(s->getBeginLoc());
      for (const Stmt *c : llvm::cast<BlockStmt>(s)->stmts)
        child(K::Stmt, c);
      return;
    case Stmt::Kind::ExprStmt:
      start(role) << "ExprStmt";
      end(s->getBeginLoc());
      child(K::Expr, llvm::cast<ExprStmt>(s)->expr);
      return;
    case Stmt::Kind::VarDeclStmt: {
      auto *v = llvm::cast<VarDeclStmt>(s);
      start(role) << "VarDeclStmt" << (v->isShort ? " short" : "");
      end(s->getBeginLoc());
      child(K::Decl, v->var);
      return;
    }
    case Stmt::Kind::Assign: {
      auto *a = llvm::cast<AssignStmt>(s);
      start(role) << "Assign " << tok::getName(a->op);
      end(a->opLoc);
      child(K::Expr, a->lhs);
      child(K::Expr, a->rhs);
      return;
    }
    case Stmt::Kind::If: {
      auto *i = llvm::cast<IfStmt>(s);
      start(role) << "If";
      end(s->getBeginLoc());
      child(K::Expr, i->cond);
      child(K::Stmt, i->thenBlock);
      if (i->elseStmt)
        child(K::Stmt, i->elseStmt, "else:");
      return;
    }
    case Stmt::Kind::While: {
      auto *w = llvm::cast<WhileStmt>(s);
      start(role) << "While";
      end(s->getBeginLoc());
      child(K::Expr, w->cond);
      child(K::Stmt, w->body);
      return;
    }
    case Stmt::Kind::ForRange: {
      auto *f = llvm::cast<ForRangeStmt>(s);
      start(role) << "ForRange";
      end(s->getBeginLoc());
      child(K::Decl, f->var);
      child(K::Expr, f->lo);
      child(K::Expr, f->hi);
      child(K::Stmt, f->body);
      return;
    }
    case Stmt::Kind::ForEach: {
      auto *f = llvm::cast<ForEachStmt>(s);
      start(role) << "ForEach";
      end(s->getBeginLoc());
      if (f->indexVar)
        child(K::Decl, f->indexVar);
      child(K::Decl, f->elemVar);
      child(K::Expr, f->seq);
      child(K::Stmt, f->body);
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
    case Stmt::Kind::Return:
      start(role) << "Return";
      end(s->getBeginLoc());
      if (const Expr *v = llvm::cast<ReturnStmt>(s)->value)
        child(K::Expr, v);
      return;
    }
  }

  //===--- Expressions ----------------------------------------------------===//

  void printExpr(const Expr *e, const char *role) {
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
      child(K::Expr, u->operand);
      return;
    }
    case Expr::Kind::Binary: {
      auto *b = llvm::cast<BinaryExpr>(e);
      start(role) << "Binary " << tok::getName(b->op);
      end(b->opLoc);
      child(K::Expr, b->lhs);
      child(K::Expr, b->rhs);
      return;
    }
    case Expr::Kind::Paren:
      start(role) << "Paren";
      end(e->getBeginLoc());
      child(K::Expr, llvm::cast<ParenExpr>(e)->inner);
      return;
    case Expr::Kind::Call: {
      auto *c = llvm::cast<CallExpr>(e);
      start(role) << "Call";
      end(c->lParenLoc);
      child(K::Expr, c->callee);
      for (const Expr *a : c->args)
        child(K::Expr, a);
      return;
    }
    case Expr::Kind::Index: {
      auto *i = llvm::cast<IndexExpr>(e);
      start(role) << "Index";
      end(i->lSquareLoc);
      child(K::Expr, i->base);
      for (const Expr *x : i->indices)
        child(K::Expr, x);
      return;
    }
    case Expr::Kind::Slice: {
      auto *s = llvm::cast<SliceExpr>(e);
      start(role) << "Slice";
      end(s->lSquareLoc);
      child(K::Expr, s->base);
      if (s->lo)
        child(K::Expr, s->lo, "lo:");
      if (s->hi)
        child(K::Expr, s->hi, "hi:");
      return;
    }
    case Expr::Kind::Selector: {
      auto *s = llvm::cast<SelectorExpr>(e);
      start(role) << "Selector " << s->name.name;
      end(s->name.loc);
      child(K::Expr, s->base);
      return;
    }
    case Expr::Kind::CompositeLit: {
      auto *c = llvm::cast<CompositeLitExpr>(e);
      start(role) << "CompositeLit";
      end(c->lBraceLoc);
      child(K::Expr, c->typeExpr);
      for (const CompositeElement &el : c->elements) {
        if (el.name.isValid())
          child(K::Elem, &el);
        else
          child(K::Expr, el.value);
      }
      return;
    }
    case Expr::Kind::TypeInExpr:
      start(role) << "TypeInExpr";
      end(e->getBeginLoc());
      child(K::Type, llvm::cast<TypeInExpr>(e)->typeExpr);
      return;
    }
  }

  const SourceManager &sm_;
  llvm::raw_ostream &os_;
  unsigned depth_ = 0;
  std::vector<Item> stack_;
  llvm::SmallVector<Item, 8> children_;
};

} // namespace

void stencil::dumpAST(const ModuleAST &module, const SourceManager &sm, llvm::raw_ostream &os) {
  Dumper(sm, os).dumpModule(module);
}
