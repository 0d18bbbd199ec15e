//===- AST.h - The abstract syntax tree -------------------------*- C++ -*-===//
//
// One ModuleAST per source file. Nodes live in the module's arena (no
// destructors run: nodes hold only StringRef / ArrayRef / pointers into the
// arena or the source buffer). Every node keeps the exact locations of its
// tokens. The parser fills the syntactic fields; Sema fills the fields marked
// "Sema:" and never changes the syntactic ones.
//
// Node kinds are listed once in ASTNodes.def; isa<>/cast<>/dyn_cast<> work on
// every class through classof().
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_AST_AST_H
#define STENCIL_AST_AST_H

#include "stencil/Basic/Arena.h"
#include "stencil/Basic/SourceLoc.h"
#include "stencil/Lex/Token.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace stencil {

class Type;      // Sema: an interned type
class TypeSet;   // Sema: a constraint's resolved type set
class ModuleAST;
class Decl;
class FuncDecl;
class VarDecl;
class TypeParamDecl;
class ImportDecl;

/// An identifier with its location.
struct Ident {
  llvm::StringRef name;
  SourceLoc loc;
  bool isValid() const { return loc.isValid(); }
};

/// The predeclared functions of language.md §6.
enum class Builtin : uint8_t {
  None,
  Len,
  Cap,
  Append,
  Make,
  Print,
  Println,
  Str,
  Hash,
  Panic,
  Exit,
};
llvm::StringRef getBuiltinName(Builtin b);

//===----------------------------------------------------------------------===//
// Type expressions (syntax for types)
//===----------------------------------------------------------------------===//

class TypeExpr {
public:
  enum class Kind : uint8_t {
#define TYPE_EXPR(ID) ID,
#include "stencil/AST/ASTNodes.def"
  };
  Kind getKind() const { return kind_; }
  SourceLoc getBeginLoc() const { return loc_; }

  /// Sema: the type this expression denotes (null until checked or on error).
  const Type *resolved = nullptr;

protected:
  TypeExpr(Kind k, SourceLoc loc) : kind_(k), loc_(loc) {}

private:
  Kind kind_;
  SourceLoc loc_;
};

/// `Name`, `module.Name`, `Name[A, B]`, `module.Name[A]`.
class NamedTypeExpr : public TypeExpr {
public:
  NamedTypeExpr(Ident qualifier, Ident name, llvm::ArrayRef<TypeExpr *> typeArgs,
                SourceLoc lSquare)
      : TypeExpr(Kind::NamedType, qualifier.isValid() ? qualifier.loc : name.loc),
        qualifier(qualifier), name(name), typeArgs(typeArgs), lSquareLoc(lSquare) {}
  Ident qualifier; ///< the module name; invalid when unqualified
  Ident name;
  llvm::ArrayRef<TypeExpr *> typeArgs; ///< empty when no [...] was written
  SourceLoc lSquareLoc;                ///< invalid when no [...] was written
  static bool classof(const TypeExpr *t) { return t->getKind() == Kind::NamedType; }
};

/// `[]Elem`
class SliceTypeExpr : public TypeExpr {
public:
  SliceTypeExpr(SourceLoc lSquare, TypeExpr *elem) : TypeExpr(Kind::SliceType, lSquare), elem(elem) {}
  TypeExpr *elem;
  static bool classof(const TypeExpr *t) { return t->getKind() == Kind::SliceType; }
};

/// `fn(A, B) R`; result is null for no result.
class FuncTypeExpr : public TypeExpr {
public:
  FuncTypeExpr(SourceLoc fnLoc, llvm::ArrayRef<TypeExpr *> params, TypeExpr *result)
      : TypeExpr(Kind::FuncType, fnLoc), params(params), result(result) {}
  llvm::ArrayRef<TypeExpr *> params;
  TypeExpr *result;
  static bool classof(const TypeExpr *t) { return t->getKind() == Kind::FuncType; }
};

/// One term of a constraint union: `~T` or `T` (T may name an interface,
/// `any` or `comparable`).
struct ConstraintTerm {
  SourceLoc tildeLoc; ///< valid when written with `~`
  TypeExpr *type = nullptr;
  bool hasTilde() const { return tildeLoc.isValid(); }
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind : uint8_t {
#define EXPR(ID) ID,
#include "stencil/AST/ASTNodes.def"
  };
  Kind getKind() const { return kind_; }
  /// The first token of the expression.
  SourceLoc getBeginLoc() const { return loc_; }
  /// Built only of literals, unary operators, parentheses and arithmetic
  /// (not comparisons): the operands the literal rule types from context.
  /// Computed when the node is made, so it costs nothing on long chains.
  bool isLiteralLike() const { return literalLike_; }

  /// Sema: the expression's type; null until checked. The error type after an
  /// error (so later checks stay quiet).
  const Type *type = nullptr;

protected:
  Expr(Kind k, SourceLoc loc, bool literalLike = false)
      : kind_(k), literalLike_(literalLike), loc_(loc) {}

private:
  Kind kind_;
  bool literalLike_;
  SourceLoc loc_;
};

/// A name used as an expression.
class IdentExpr : public Expr {
public:
  explicit IdentExpr(Ident id) : Expr(Kind::Ident, id.loc), name(id.name) {}
  llvm::StringRef name;

  /// Sema: what the name denotes. Exactly one of these is set after checking
  /// (none on error): a declaration (variable, function, type, interface,
  /// import), a builtin function, or a predeclared type (`int`, ...), in
  /// which case `denotedType` is it.
  Decl *decl = nullptr;
  Builtin builtin = Builtin::None;
  const Type *denotedType = nullptr;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Ident; }
};

class IntLitExpr : public Expr {
public:
  IntLitExpr(SourceLoc loc, uint64_t value, bool minIntMagnitude)
      : Expr(Kind::IntLit, loc, true), value(value), minIntMagnitude(minIntMagnitude) {}
  uint64_t value;
  /// The literal is 9223372036854775808 (valid only under unary minus).
  bool minIntMagnitude;
  static bool classof(const Expr *e) { return e->getKind() == Kind::IntLit; }
};

class FloatLitExpr : public Expr {
public:
  FloatLitExpr(SourceLoc loc, double value) : Expr(Kind::FloatLit, loc, true), value(value) {}
  double value;
  static bool classof(const Expr *e) { return e->getKind() == Kind::FloatLit; }
};

class StringLitExpr : public Expr {
public:
  StringLitExpr(SourceLoc loc, llvm::StringRef value)
      : Expr(Kind::StringLit, loc, true), value(value) {}
  llvm::StringRef value; ///< decoded bytes (escapes applied), in the arena
  static bool classof(const Expr *e) { return e->getKind() == Kind::StringLit; }
};

class BoolLitExpr : public Expr {
public:
  BoolLitExpr(SourceLoc loc, bool value) : Expr(Kind::BoolLit, loc, true), value(value) {}
  bool value;
  static bool classof(const Expr *e) { return e->getKind() == Kind::BoolLit; }
};

/// `-x`, `!x`, `^x`.
class UnaryExpr : public Expr {
public:
  UnaryExpr(tok::Kind op, SourceLoc opLoc, Expr *operand)
      : Expr(Kind::Unary, opLoc, operand->isLiteralLike()), op(op), operand(operand) {}
  tok::Kind op;
  Expr *operand;
  SourceLoc getOpLoc() const { return getBeginLoc(); }
  static bool classof(const Expr *e) { return e->getKind() == Kind::Unary; }
};

/// `a OP b` for every binary operator of §6 (op is the token kind).
class BinaryExpr : public Expr {
public:
  BinaryExpr(tok::Kind op, SourceLoc opLoc, Expr *lhs, Expr *rhs)
      : Expr(Kind::Binary, lhs->getBeginLoc(),
             !isComparison(op) && lhs->isLiteralLike() && rhs->isLiteralLike()),
        op(op), opLoc(opLoc), lhs(lhs), rhs(rhs) {}
  static bool isComparison(tok::Kind op) {
    return op == tok::equal_equal || op == tok::exclaim_equal || op == tok::less ||
           op == tok::less_equal || op == tok::greater || op == tok::greater_equal;
  }
  tok::Kind op;
  SourceLoc opLoc;
  Expr *lhs, *rhs;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Binary; }
};

class ParenExpr : public Expr {
public:
  ParenExpr(SourceLoc lParen, Expr *inner, SourceLoc rParen)
      : Expr(Kind::Paren, lParen, inner->isLiteralLike()), inner(inner), rParenLoc(rParen) {}
  Expr *inner;
  SourceLoc rParenLoc;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Paren; }
};

/// What a call does, decided by Sema.
enum class CallKind : uint8_t {
  Unresolved,
  Function,   ///< a direct call of a function (an instance if typeArgs is non-empty)
  Method,     ///< a method call `recv.m(args)`; callee is a SelectorExpr
  FuncValue,  ///< a call through a value of function type
  Builtin,    ///< a builtin function
  Conversion, ///< `T(x)`
};

class CallExpr : public Expr {
public:
  CallExpr(Expr *callee, SourceLoc lParen, llvm::ArrayRef<Expr *> args, SourceLoc rParen)
      : Expr(Kind::Call, callee->getBeginLoc()), callee(callee), lParenLoc(lParen), args(args),
        rParenLoc(rParen) {}
  Expr *callee;
  SourceLoc lParenLoc;
  llvm::ArrayRef<Expr *> args;
  SourceLoc rParenLoc;

  /// Sema
  CallKind callKind = CallKind::Unresolved;
  FuncDecl *func = nullptr;                  ///< Function and Method calls
  llvm::ArrayRef<const Type *> typeArgs;     ///< explicit or inferred, for generic functions
  Builtin builtin = Builtin::None;           ///< Builtin calls
  const Type *conversionType = nullptr;      ///< Conversion: the target type
  static bool classof(const Expr *e) { return e->getKind() == Kind::Call; }
};

/// `base[a]` or `base[a, b]`. Sema decides whether it is an index of a slice or
/// string, or a list of type arguments of a generic function or type
/// (instantiation), in which case `typeArgs` holds the types.
class IndexExpr : public Expr {
public:
  IndexExpr(Expr *base, SourceLoc lSquare, llvm::ArrayRef<Expr *> indices, SourceLoc rSquare)
      : Expr(Kind::Index, base->getBeginLoc()), base(base), lSquareLoc(lSquare),
        indices(indices), rSquareLoc(rSquare) {}
  Expr *base;
  SourceLoc lSquareLoc;
  llvm::ArrayRef<Expr *> indices;
  SourceLoc rSquareLoc;

  /// Sema
  bool isInstantiation = false;
  llvm::ArrayRef<const Type *> typeArgs;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Index; }
};

/// `base[lo:hi]`; lo and hi may be null.
class SliceExpr : public Expr {
public:
  SliceExpr(Expr *base, SourceLoc lSquare, Expr *lo, SourceLoc colon, Expr *hi, SourceLoc rSquare)
      : Expr(Kind::Slice, base->getBeginLoc()), base(base), lSquareLoc(lSquare), lo(lo),
        colonLoc(colon), hi(hi), rSquareLoc(rSquare) {}
  Expr *base;
  SourceLoc lSquareLoc;
  Expr *lo;
  SourceLoc colonLoc;
  Expr *hi;
  SourceLoc rSquareLoc;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Slice; }
};

enum class SelectorKind : uint8_t {
  Unresolved,
  Field,        ///< a struct field: fieldIndex
  Method,       ///< a method of the base's type (or of a type parameter's constraint)
  ModuleMember, ///< `module.Name`: member
};

class SelectorExpr : public Expr {
public:
  SelectorExpr(Expr *base, SourceLoc dot, Ident name)
      : Expr(Kind::Selector, base->getBeginLoc()), base(base), dotLoc(dot), name(name) {}
  Expr *base;
  SourceLoc dotLoc;
  Ident name;

  /// Sema
  SelectorKind selectorKind = SelectorKind::Unresolved;
  unsigned fieldIndex = 0;
  FuncDecl *method = nullptr; ///< Method on a named type (null for a constraint method)
  Decl *member = nullptr;     ///< ModuleMember
  static bool classof(const Expr *e) { return e->getKind() == Kind::Selector; }
};

/// One element of a composite literal: `name: value` (struct) or `value` (slice).
struct CompositeElement {
  Ident name; ///< invalid for a slice element
  Expr *value = nullptr;
  unsigned fieldIndex = 0; ///< Sema: for struct literals
};

/// `T{...}`. The type is written as an expression (`Point`, `m.Pair[int, string]`)
/// or as a TypeInExpr (`[]int`).
class CompositeLitExpr : public Expr {
public:
  CompositeLitExpr(Expr *typeExpr, SourceLoc lBrace, llvm::ArrayRef<CompositeElement> elements,
                   SourceLoc rBrace)
      : Expr(Kind::CompositeLit, typeExpr->getBeginLoc()), typeExpr(typeExpr),
        lBraceLoc(lBrace), elements(elements), rBraceLoc(rBrace) {}
  Expr *typeExpr;
  SourceLoc lBraceLoc;
  llvm::ArrayRef<CompositeElement> elements;
  SourceLoc rBraceLoc;
  static bool classof(const Expr *e) { return e->getKind() == Kind::CompositeLit; }
};

/// A type where the parser expected an expression: `[]int` in `f[[]int]`,
/// `make([]int, 3)` or `[]int(v)`; `fn(int) int` in `g[fn(int) int]`.
class TypeInExpr : public Expr {
public:
  explicit TypeInExpr(TypeExpr *type) : Expr(Kind::TypeInExpr, type->getBeginLoc()), typeExpr(type) {}
  TypeExpr *typeExpr;
  static bool classof(const Expr *e) { return e->getKind() == Kind::TypeInExpr; }
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt {
public:
  enum class Kind : uint8_t {
#define STMT(ID) ID,
#include "stencil/AST/ASTNodes.def"
  };
  Kind getKind() const { return kind_; }
  SourceLoc getBeginLoc() const { return loc_; }

protected:
  Stmt(Kind k, SourceLoc loc) : kind_(k), loc_(loc) {}

private:
  Kind kind_;
  SourceLoc loc_;
};

class BlockStmt : public Stmt {
public:
  BlockStmt(SourceLoc lBrace, llvm::ArrayRef<Stmt *> stmts, SourceLoc rBrace)
      : Stmt(Kind::Block, lBrace), stmts(stmts), rBraceLoc(rBrace) {}
  llvm::ArrayRef<Stmt *> stmts;
  SourceLoc rBraceLoc;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Block; }
};

class ExprStmt : public Stmt {
public:
  explicit ExprStmt(Expr *e) : Stmt(Kind::ExprStmt, e->getBeginLoc()), expr(e) {}
  Expr *expr;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::ExprStmt; }
};

/// `var x T`, `var x T = e`, `var x = e`, or `x := e` (isShort).
class VarDeclStmt : public Stmt {
public:
  VarDeclStmt(SourceLoc loc, VarDecl *var, bool isShort)
      : Stmt(Kind::VarDeclStmt, loc), var(var), isShort(isShort) {}
  VarDecl *var;
  bool isShort;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::VarDeclStmt; }
};

/// `lhs = rhs` or `lhs OP= rhs` (op is tok::equal, tok::plus_equal, ...).
class AssignStmt : public Stmt {
public:
  AssignStmt(tok::Kind op, SourceLoc opLoc, Expr *lhs, Expr *rhs)
      : Stmt(Kind::Assign, lhs->getBeginLoc()), op(op), opLoc(opLoc), lhs(lhs), rhs(rhs) {}
  tok::Kind op;
  SourceLoc opLoc;
  Expr *lhs, *rhs;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Assign; }
};

/// `if cond { } else ...`; elseStmt is null, an IfStmt or a BlockStmt.
class IfStmt : public Stmt {
public:
  IfStmt(SourceLoc ifLoc, Expr *cond, BlockStmt *then, SourceLoc elseLoc, Stmt *elseStmt)
      : Stmt(Kind::If, ifLoc), cond(cond), thenBlock(then), elseLoc(elseLoc), elseStmt(elseStmt) {}
  Expr *cond;
  BlockStmt *thenBlock;
  SourceLoc elseLoc;
  Stmt *elseStmt;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::If; }
};

class WhileStmt : public Stmt {
public:
  WhileStmt(SourceLoc whileLoc, Expr *cond, BlockStmt *body)
      : Stmt(Kind::While, whileLoc), cond(cond), body(body) {}
  Expr *cond;
  BlockStmt *body;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::While; }
};

/// `for var in lo..hi { body }`
class ForRangeStmt : public Stmt {
public:
  ForRangeStmt(SourceLoc forLoc, VarDecl *var, SourceLoc inLoc, Expr *lo, SourceLoc dotDot,
               Expr *hi, BlockStmt *body)
      : Stmt(Kind::ForRange, forLoc), var(var), inLoc(inLoc), lo(lo), dotDotLoc(dotDot), hi(hi),
        body(body) {}
  VarDecl *var;
  SourceLoc inLoc;
  Expr *lo;
  SourceLoc dotDotLoc;
  Expr *hi;
  BlockStmt *body;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::ForRange; }
};

/// `for elem in seq { }` or `for index, elem in seq { }` (indexVar null in the first form).
class ForEachStmt : public Stmt {
public:
  ForEachStmt(SourceLoc forLoc, VarDecl *indexVar, VarDecl *elemVar, SourceLoc inLoc, Expr *seq,
              BlockStmt *body)
      : Stmt(Kind::ForEach, forLoc), indexVar(indexVar), elemVar(elemVar), inLoc(inLoc), seq(seq),
        body(body) {}
  VarDecl *indexVar;
  VarDecl *elemVar;
  SourceLoc inLoc;
  Expr *seq;
  BlockStmt *body;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::ForEach; }
};

class BreakStmt : public Stmt {
public:
  explicit BreakStmt(SourceLoc loc) : Stmt(Kind::Break, loc) {}
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Break; }
};

class ContinueStmt : public Stmt {
public:
  explicit ContinueStmt(SourceLoc loc) : Stmt(Kind::Continue, loc) {}
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Continue; }
};

class ReturnStmt : public Stmt {
public:
  ReturnStmt(SourceLoc loc, Expr *value) : Stmt(Kind::Return, loc), value(value) {}
  Expr *value; ///< null for a bare `return`
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Return; }
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

class Decl {
public:
  enum class Kind : uint8_t {
#define DECL(ID) ID,
#include "stencil/AST/ASTNodes.def"
  };
  Kind getKind() const { return kind_; }
  Ident name;
  bool isPub = false;
  ModuleAST *module = nullptr; ///< the module that declares it
  SourceLoc getLoc() const { return name.loc; }

protected:
  Decl(Kind k, Ident name) : name(name), kind_(k) {}

private:
  Kind kind_;
};

/// `import "path"` or `import alias "path"`. `name` is the bound name: the
/// alias, or the last component of the path (its loc is then the path's).
class ImportDecl : public Decl {
public:
  ImportDecl(SourceLoc importLoc, Ident boundName, Ident alias, llvm::StringRef path, SourceLoc pathLoc)
      : Decl(Kind::Import, boundName), importLoc(importLoc), alias(alias), path(path),
        pathLoc(pathLoc) {}
  SourceLoc importLoc;
  Ident alias; ///< invalid when no alias was written
  llvm::StringRef path;
  SourceLoc pathLoc;

  ModuleAST *target = nullptr; ///< Sema (the driver's module loader)
  static bool classof(const Decl *d) { return d->getKind() == Kind::Import; }
};

/// A type parameter `T C` of a generic function, type or interface, or a name in
/// the receiver `fn (s Stack[T])` (then `constraint` is empty and Sema takes the
/// constraint from the type's declaration).
class TypeParamDecl : public Decl {
public:
  TypeParamDecl(Ident name, unsigned index, llvm::ArrayRef<ConstraintTerm> constraint)
      : Decl(Kind::TypeParam, name), index(index), constraint(constraint) {}
  unsigned index;
  llvm::ArrayRef<ConstraintTerm> constraint; ///< a union of one or more terms

  const Type *type = nullptr;        ///< Sema: the type parameter type
  const TypeSet *typeSet = nullptr;  ///< Sema: its constraint's type set
  static bool classof(const Decl *d) { return d->getKind() == Kind::TypeParam; }
};

/// A variable: module-level (`isGlobal`), local, parameter, receiver or loop variable.
class VarDecl : public Decl {
public:
  enum class VarKind : uint8_t { Global, Local, Param, Receiver, LoopVar };
  VarDecl(VarKind varKind, SourceLoc varLoc, Ident name, TypeExpr *typeExpr, Expr *init)
      : Decl(Kind::Var, name), varKind(varKind), varLoc(varLoc), typeExpr(typeExpr), init(init) {}
  VarKind varKind;
  SourceLoc varLoc; ///< the `var` keyword, or the name when there is none
  TypeExpr *typeExpr; ///< null when inferred from init
  Expr *init;         ///< null when zero-initialized

  const Type *type = nullptr; ///< Sema
  static bool classof(const Decl *d) { return d->getKind() == Kind::Var; }
};

/// The receiver of a method: `(name TypeName)` or `(name TypeName[P1, P2])`.
struct Receiver {
  VarDecl *var = nullptr;   ///< the receiver variable (its typeExpr is null)
  Ident typeName;
  SourceLoc lSquareLoc;     ///< valid when type parameter names were written
  llvm::ArrayRef<TypeParamDecl *> typeParams; ///< the names, in order
};

enum class InlineHint : uint8_t { None, Inline, NoInline };

class FuncDecl : public Decl {
public:
  FuncDecl(SourceLoc fnLoc, Ident name) : Decl(Kind::Func, name), fnLoc(fnLoc) {}
  SourceLoc fnLoc;
  InlineHint inlineHint = InlineHint::None;
  SourceLoc hintLoc; ///< the `@`
  bool isMethod = false;
  Receiver receiver; ///< when isMethod
  llvm::ArrayRef<TypeParamDecl *> typeParams; ///< a function's own (never a method's)
  llvm::ArrayRef<VarDecl *> params;
  TypeExpr *result = nullptr; ///< null for no result
  BlockStmt *body = nullptr;

  /// Sema
  const Type *funcType = nullptr;       ///< the signature (without the receiver)
  class TypeDecl *receiverDecl = nullptr; ///< the type a method belongs to
  bool isGeneric() const { return !typeParams.empty() || !receiver.typeParams.empty(); }
  static bool classof(const Decl *d) { return d->getKind() == Kind::Func; }
};

struct FieldDecl {
  Ident name;
  TypeExpr *typeExpr = nullptr;
};

/// `type Name[params] struct { fields }` or `type Name[params] Underlying`.
class TypeDecl : public Decl {
public:
  TypeDecl(SourceLoc typeLoc, Ident name) : Decl(Kind::Type, name), typeLoc(typeLoc) {}
  SourceLoc typeLoc;
  llvm::ArrayRef<TypeParamDecl *> typeParams;
  bool isStruct = false;
  SourceLoc structLoc;
  llvm::ArrayRef<FieldDecl> fields;  ///< when isStruct
  TypeExpr *underlying = nullptr;    ///< when !isStruct

  /// Sema: the declared type (for a generic type, its instance over its own
  /// parameters) and the methods declared on it, in source order.
  const Type *declaredType = nullptr;
  llvm::ArrayRef<FuncDecl *> methods;
  bool isGeneric() const { return !typeParams.empty(); }
  static bool classof(const Decl *d) { return d->getKind() == Kind::Type; }
};

/// One element of an interface: a union of terms, or a method `fn name(params) result`.
struct InterfaceElem {
  bool isMethod = false;
  llvm::ArrayRef<ConstraintTerm> terms; ///< !isMethod
  Ident methodName;                     ///< isMethod
  SourceLoc fnLoc;
  llvm::ArrayRef<VarDecl *> params;
  TypeExpr *result = nullptr;
};

class InterfaceDecl : public Decl {
public:
  InterfaceDecl(SourceLoc interfaceLoc, Ident name) : Decl(Kind::Interface, name), interfaceLoc(interfaceLoc) {}
  SourceLoc interfaceLoc;
  llvm::ArrayRef<TypeParamDecl *> typeParams;
  llvm::ArrayRef<InterfaceElem> elements;
  bool isGeneric() const { return !typeParams.empty(); }
  static bool classof(const Decl *d) { return d->getKind() == Kind::Interface; }
};

//===----------------------------------------------------------------------===//
// Module
//===----------------------------------------------------------------------===//

class ModuleAST {
public:
  ModuleAST(FileId file, llvm::StringRef modulePath) : file(file), modulePath(modulePath.str()) {}
  ModuleAST(const ModuleAST &) = delete;

  FileId file;
  /// The location of the file's first byte (set by the parser), for
  /// diagnostics about the module as a whole.
  SourceLoc startLoc;
  /// The module's name in qualified names: "main" for the main file, the import
  /// path ("containers", "geometry/shapes") for imported modules.
  std::string modulePath;
  llvm::ArrayRef<ImportDecl *> imports;
  /// Every other top-level declaration (functions, methods, types, interfaces,
  /// module-level variables) in source order.
  llvm::ArrayRef<Decl *> decls;

  Arena &getAllocator() { return arena_; }
  template <typename T, typename... Args> T *create(Args &&...args) {
    return new (arena_.Allocate<T>()) T(std::forward<Args>(args)...);
  }
  template <typename T> llvm::ArrayRef<T> copyArray(llvm::ArrayRef<T> items) {
    if (items.empty())
      return {};
    T *mem = arena_.Allocate<T>(items.size());
    std::uninitialized_copy(items.begin(), items.end(), mem);
    return llvm::ArrayRef<T>(mem, items.size());
  }
  llvm::StringRef copyString(llvm::StringRef s) {
    if (s.empty())
      return {};
    char *mem = arena_.Allocate<char>(s.size());
    std::memcpy(mem, s.data(), s.size());
    return llvm::StringRef(mem, s.size());
  }

private:
  Arena arena_;
};

/// Writes the readable, stable tree of `stencilc --emit=ast` (see docs/ast.md).
void dumpAST(const ModuleAST &module, const class SourceManager &sm, llvm::raw_ostream &os);

} // namespace stencil

#endif
