//===- SemaImpl.h - The checker's private interface -------------*- C++ -*-===//
//
// One Sema object checks a whole program, module by module in dependency
// order. Its files, one feature each:
//   Sema.cpp       module scopes, declarations, methods, globals, the driver loop
//   SemaType.cpp   type expressions, constraints and type sets, satisfaction,
//                  recursive-type detection
//   SemaExpr.cpp   operands and expressions, operators, the literal rule
//   SemaCall.cpp   calls, type-argument inference, conversions, builtins
//   SemaStmt.cpp   statements, assignment, missing return
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_SEMA_SEMAIMPL_H
#define STENCIL_LIB_SEMA_SEMAIMPL_H

#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Sema/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"
#include <string>
#include <vector>

namespace stencil {

/// What an expression denotes (Go's "operand modes").
struct Operand {
  enum class Mode : uint8_t {
    Invalid,  ///< an error was reported (or must be suppressed)
    NoValue,  ///< a call of a function without result
    Value,    ///< a value that is not addressable
    Variable, ///< an addressable value
    Type,     ///< a type (int, Point, Pair[int, string], []int, T)
    Func,     ///< a function declaration, not yet called or instantiated
    Builtin,  ///< a builtin function
    Module,   ///< an imported module's name
    Method,   ///< `x.m` where m is a method: only callable
  };
  Mode mode = Mode::Invalid;
  const Type *type = nullptr; ///< Value/Variable/Type/NoValue; Method: its signature
  FuncDecl *func = nullptr;   ///< Func; Method (null for a constraint's method)
  Builtin builtin = Builtin::None;
  ImportDecl *import = nullptr;
  TypeDecl *genericType = nullptr; ///< Type: a generic type written without arguments
  /// Func with explicit type arguments `f[int]` (possibly partial), written
  /// in `typeArgsExpr`.
  llvm::ArrayRef<const Type *> typeArgs;
  IndexExpr *typeArgsExpr = nullptr;

  static Operand invalid() { return Operand(); }
  static Operand value(const Type *t, bool addressable = false) {
    Operand o;
    o.mode = addressable ? Mode::Variable : Mode::Value;
    o.type = t;
    return o;
  }
  bool isInvalid() const { return mode == Mode::Invalid; }
  bool isValue() const { return mode == Mode::Value || mode == Mode::Variable; }
};

/// A name as found in the scopes.
struct Lookup {
  Decl *decl = nullptr;
  Builtin builtin = Builtin::None;
  const Type *predeclaredType = nullptr;
  enum class Special : uint8_t { None, Any, Comparable } special = Special::None;
  bool found() const {
    return decl || builtin != Builtin::None || predeclaredType || special != Special::None;
  }
};

class Sema {
public:
  Sema(TypeContext &types, DiagnosticEngine &diags) : types_(types), diags_(diags) {}

  /// Checks one module (its imports already checked).
  void checkModule(ModuleAST *module, bool isMain);
  /// With \p deferBodies, checkModule leaves the bodies of non-generic
  /// functions for checkDeferredBodies (DeferredCheck).
  void setDeferBodies(bool defer) { deferBodies_ = defer; }
  void checkDeferredBodies(ModuleAST *module);
  /// After every module: reports instantiation cycles (SemaCycles.cpp).
  void checkInstantiationCycles();

  //===--- Sema.cpp: scopes and declarations -------------------------------===//
private:
  DiagBuilder diag(SourceLoc loc, diag::Kind kind) { return diags_.report(loc, kind); }
  std::string str(const Type *t) const { return typeToString(t, module_); }

  void collectModuleNames();
  void declareModuleName(Decl *d);
  void declareTypeParams(llvm::ArrayRef<TypeParamDecl *> params, bool quiet = false);
  void resolveTypeDeclHeader(TypeDecl *d);
  void resolveTypeDeclBody(TypeDecl *d);
  void resolveInterface(InterfaceDecl *d);
  void resolveFuncSignature(FuncDecl *f);
  void attachMethod(FuncDecl *f);
  void checkGlobal(VarDecl *v);
  void checkFuncBody(FuncDecl *f);
  void checkMain();

  Lookup lookup(llvm::StringRef name);
  /// A pub member of an imported module, or an error (reported at \p nameLoc).
  Decl *lookupModuleMember(ImportDecl *import, Ident name);

  void pushScope() { scopeStarts_.push_back(locals_.size()); }
  void popScope() {
    locals_.resize(scopeStarts_.back());
    scopeStarts_.pop_back();
  }
  /// Declares a local (variable or type parameter) in the innermost scope;
  /// \p quiet when a redeclaration was already reported in an earlier pass.
  void declareLocal(Decl *d, bool quiet = false);

  //===--- SemaType.cpp: types, constraints, satisfaction ------------------===//
  const Type *resolveType(TypeExpr *t);
  /// Resolves an expression that should denote a type (`Point`, `m.T[int]`,
  /// `[]int`); null (after a diagnostic) when it does not.
  const Type *resolveTypeOperand(Expr *e);
  /// Instantiates generic type \p decl with \p args; constraint checks are
  /// queued (they need every method of the module).
  const Type *instantiateType(TypeDecl *decl, llvm::ArrayRef<const Type *> args,
                              llvm::ArrayRef<SourceLoc> argLocs, SourceLoc useLoc);
  const TypeSet *resolveConstraint(llvm::ArrayRef<ConstraintTerm> terms);
  TypeSet *invalidTypeSet();
  const TypeSet *interfaceTypeSet(InterfaceDecl *d, llvm::ArrayRef<const Type *> args);
  void computeInterfaceTypeSet(InterfaceDecl *d);
  void addTermsOf(TypeSet &set, const ConstraintTerm &term, bool inUnion);
  void intersect(TypeSet &into, const TypeSet &other);
  /// Whether \p t satisfies \p set; on failure \p reason gets the text after
  /// "does not satisfy NAME" (" (missing method area)", "").
  bool satisfies(const Type *t, const TypeSet &set, std::string &reason);
  bool inTypeSet(const Type *t, const TypeSet &set);
  bool isComparable(const Type *t);
  /// Checks \p args against the constraints of \p params, reporting at argLocs
  /// (or \p useLoc when an argument has no location of its own).
  bool checkTypeArgs(llvm::ArrayRef<TypeParamDecl *> params, llvm::ArrayRef<const Type *> args,
                     llvm::ArrayRef<SourceLoc> argLocs, SourceLoc useLoc);
  /// checkTypeArgs now, or once every method of the module is known (while
  /// declarations are being resolved).
  void requireTypeArgs(llvm::ArrayRef<TypeParamDecl *> params, llvm::ArrayRef<const Type *> args,
                       llvm::ArrayRef<SourceLoc> argLocs, SourceLoc useLoc);
  void runPendingConstraintChecks();
  void checkRecursiveTypes();
  /// The underlying type, resolving type declarations of this module on demand.
  const Type *under(const Type *t);
  llvm::ArrayRef<Field> fieldsOf(const NamedType *t);
  const NamedType *structOf(const Type *t);
  void ensureResolved(const Type *t, unsigned depth = 0);
  /// How diagnostics name a constraint.
  std::string constraintName(const TypeSet &set);
  std::string termsToString(const TypeSet &set);
  /// A type from what a type name denotes; reports misuse at \p name.
  const Type *typeFromLookup(const Lookup &l, Ident name, bool hasArgs,
                             llvm::ArrayRef<const Type *> args, llvm::ArrayRef<SourceLoc> argLocs);
  /// Non-null when \p t names a constraint (an interface, any, comparable).
  const TypeSet *termAsConstraint(TypeExpr *t);
  Lookup lookupTypeName(NamedTypeExpr *t);
  /// The set of a type parameter's constraint (or null for a non-parameter).
  const TypeSet *typeSetOf(const Type *t);
  /// Finds method \p name of \p t: on a named type (instantiated signature), or
  /// in a type parameter's constraint.
  bool findMethod(const Type *t, llvm::StringRef name, FuncDecl *&decl, const FuncType *&sig);

  //===--- SemaExpr.cpp: expressions ---------------------------------------===//
public:
  /// Checks \p e as a value, with \p expected the type the literal rule may
  /// give it (or null). Returns its type (Error after a diagnostic).
  const Type *checkExpr(Expr *e, const Type *expected = nullptr);

private:
  Operand checkOperand(Expr *e, const Type *expected);
  Operand checkIdent(IdentExpr *e);
  Operand checkSelector(SelectorExpr *e);
  Operand checkIndex(IndexExpr *e);
  Operand checkSliceExpr(SliceExpr *e);
  Operand checkCompositeLit(CompositeLitExpr *e);
  Operand checkUnary(UnaryExpr *e, const Type *expected);
  Operand checkBinary(BinaryExpr *e, const Type *expected);
  const Type *checkLiteral(Expr *e, const Type *expected);
  /// Turns an operand into a value (reporting misuse of types, functions,
  /// builtins, modules, methods). Returns its type, Error when invalid.
  const Type *toValue(Operand &o, Expr *e);
  /// The type of applying arithmetic/logic operator \p op to operands of type
  /// \p t, or null when \p t does not support it.
  bool supportsOperator(tok::Kind op, const Type *t);
  /// Reports a constant negative index, bound or length (`xs[-1]`), as Go does.
  void checkNotNegative(const Expr *e, llvm::StringRef what);
  std::string describe(const Expr *e) const;
  /// Whether a literal of kind \p litKind (Int/Float/String/Bool) may take type \p t.
  bool literalFits(Type::Kind litKind, const Type *t);
  const Type *coreType(const Type *t);
  /// Whether \p t is int-based (bool-based, ...): its underlying type, or for a
  /// type parameter that of every type in its constraint, is of \p kind.
  bool hasCoreKind(const Type *t, Type::Kind kind) {
    const Type *c = coreType(t);
    return c && c->getKind() == kind;
  }

  //===--- SemaCall.cpp: calls ---------------------------------------------===//
  Operand checkCall(CallExpr *e, const Type *expected);
  Operand checkBuiltinCall(CallExpr *e, Builtin b);
  Operand checkConversion(CallExpr *e, const Type *target);
  bool convertible(const Type *from, const Type *to);
  /// After a call was found wrong: checks the arguments not checked yet, for
  /// their own errors only.
  void checkRemainingArgs(CallExpr *e);
  /// Checks the arguments of a call against \p params (assignability, literal rule).
  void checkArgs(CallExpr *e, llvm::ArrayRef<const Type *> params, llvm::StringRef calleeName);
  /// Infers the type arguments of generic \p f for call \p e; returns false
  /// after a diagnostic.
  bool inferTypeArgs(CallExpr *e, FuncDecl *f, llvm::ArrayRef<const Type *> explicitArgs,
                     llvm::SmallVectorImpl<const Type *> &out);
  bool unify(const Type *param, const Type *arg, llvm::ArrayRef<TypeParamDecl *> tparams,
             llvm::SmallVectorImpl<const Type *> &bound);
  const FuncType *instantiateSignature(FuncDecl *f, llvm::ArrayRef<const Type *> typeArgs);
  bool isPrintable(const Type *t);
  /// In a module-level initializer: the type argument (of \p params) through
  /// which a constraint method could run a method of this module, or null.
  const Type *methodRunningTypeArg(llvm::ArrayRef<TypeParamDecl *> params,
                                   llvm::ArrayRef<const Type *> args);

  //===--- SemaStmt.cpp: statements ----------------------------------------===//
  void checkBlock(BlockStmt *b, bool newScope = true);
  void checkStmt(Stmt *s);
  void checkAssign(AssignStmt *s);
  void checkVarDeclStmt(VarDeclStmt *s);
  void checkIf(IfStmt *s);
  void checkCondition(Expr *cond);
  void checkForRange(ForRangeStmt *s);
  void checkForEach(ForEachStmt *s);
  void checkReturn(ReturnStmt *s);
  bool isTerminating(const Stmt *s);
  bool hasBreak(const Stmt *s);
  /// Checks that a value of type \p from can be assigned to \p to; reports
  /// "cannot use ... in CONTEXT" at \p loc otherwise.
  /// (\p context is only rendered when there is an error.)
  bool checkAssignable(const Type *from, const Type *to, SourceLoc loc, const llvm::Twine &context);

  //===--- SemaCycles.cpp: instantiation cycles ---------------------------===//
  /// Records that \p params are instantiated with \p args at \p loc (by
  /// \p name), when the arguments mention type parameters.
  void addConstraintMethodEdges();
  void recordInstantiation(const Decl *owner, llvm::ArrayRef<TypeParamDecl *> params,
                           llvm::ArrayRef<const Type *> args, SourceLoc loc);

  /// While it lives, the checker resolves a declaration of another place (an
  /// interface, a type's body) on demand: no local scopes, that module.
  class ScopeReset {
  public:
    ScopeReset(Sema &sema, ModuleAST *module) : sema_(sema), savedModule_(sema.module_) {
      savedLocals_.swap(sema.locals_);
      savedStarts_.swap(sema.scopeStarts_);
      sema.module_ = module;
    }
    ~ScopeReset() {
      sema_.locals_.swap(savedLocals_);
      sema_.scopeStarts_.swap(savedStarts_);
      sema_.module_ = savedModule_;
    }

  private:
    Sema &sema_;
    ModuleAST *savedModule_;
    std::vector<std::pair<llvm::StringRef, Decl *>> savedLocals_;
    std::vector<size_t> savedStarts_;
  };

  //===--- State ------------------------------------------------------------===//
  TypeContext &types_;
  DiagnosticEngine &diags_;
  ModuleAST *module_ = nullptr;

  llvm::DenseMap<const ModuleAST *, llvm::StringMap<Decl *>> moduleScopes_;
  std::vector<std::pair<llvm::StringRef, Decl *>> locals_;
  std::vector<size_t> scopeStarts_;

  // The function being checked.
  FuncDecl *func_ = nullptr;
  const Type *result_ = nullptr;
  unsigned loopDepth_ = 0;
  // The module-level variable whose initializer is being checked.
  VarDecl *global_ = nullptr;
  llvm::DenseSet<const VarDecl *> initializedGlobals_;

  // Interfaces: type sets over their own parameters, with cycle detection.
  llvm::DenseMap<const InterfaceDecl *, const TypeSet *> interfaceSets_;
  llvm::DenseSet<const InterfaceDecl *> interfacesInProgress_;
  // Type declarations resolved so far (headers, bodies), for use before declaration.
  llvm::DenseSet<const TypeDecl *> bodiesResolved_;
  llvm::DenseSet<const TypeDecl *> bodiesInProgress_;

  struct PendingCheck {
    llvm::ArrayRef<TypeParamDecl *> params; ///< in the AST's arena

    llvm::SmallVector<const Type *, 2> args;
    llvm::SmallVector<SourceLoc, 2> argLocs;
    SourceLoc useLoc;
    ModuleAST *module;
  };
  std::vector<PendingCheck> pendingChecks_;

  /// The instantiation graph over type parameters (Go's "mono" check): an
  /// edge Q -> P when P is instantiated with an argument mentioning Q, growing
  /// when the argument is more than Q itself.
  struct InstEdge {
    const TypeParamDecl *from, *to;
    bool growing;
    SourceLoc loc;
    const Decl *owner;                     ///< the generic function or type
    llvm::ArrayRef<const Type *> args;     ///< all its type arguments (arena)
    const ModuleAST *module;               ///< where the request is written
  };
  std::vector<InstEdge> instEdges_;
  /// Every instantiation whose arguments mention type parameters, whole: the
  /// constraint-method calls below turn some of them into more edges.
  struct InstRecord {
    llvm::ArrayRef<TypeParamDecl *> params;
    llvm::ArrayRef<const Type *> args; ///< arena
    SourceLoc loc;
    const ModuleAST *module;
  };
  std::vector<InstRecord> instRecords_;
  /// Calls of a constraint's method on a value of a type parameter (`u.grow()`
  /// in `f[U Grower]`): once U is a generic type's instance N[B], the call
  /// instantiates N's method at B.
  std::vector<std::pair<const TypeParamDecl *, llvm::StringRef>> constraintCalls_;
  /// Interfaces reported as recursive: their type sets are invalid.
  llvm::DenseSet<const InterfaceDecl *> recursiveInterfaces_;
  bool deferConstraintChecks_ = true;
  bool deferBodies_ = false;
  /// Every type declaration of the current module has its body resolved, so
  /// under() needs no on-demand resolution.
  bool declarationsResolved_ = false;
  /// Satisfaction of constraints that mention no type parameter, by
  /// (type, constraint): generic calls repeat the same checks many times.
  llvm::DenseMap<std::pair<const Type *, const TypeSet *>, bool> satisfiedCache_;
};

} // namespace stencil

#endif
