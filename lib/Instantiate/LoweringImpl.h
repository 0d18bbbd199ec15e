//===- LoweringImpl.h - The state of one IR build (private) -----*- C++ -*-===//
//
// Lowering.cpp: the worklist, instance requests, types and layouts, globals.
// LowerStmt.cpp: function bodies and statements.
// LowerExpr.cpp: expressions, calls and builtins.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_INSTANTIATE_LOWERINGIMPL_H
#define STENCIL_LIB_INSTANTIATE_LOWERINGIMPL_H

#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/IR/Builder.h"
#include "stencil/Instantiate/Lower.h"
#include "llvm/ADT/DenseSet.h"
#include "stencil/Sema/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <deque>

namespace stencil {

class Lowering {
public:
  Lowering(TypeContext &types, DiagnosticEngine &diags, IRInstanceCache &cache,
           const LowerOptions &opts, ir::Module &m, const PartialLowering *partial,
           FunctionOrigins *origins)
      : types_(types), diags_(diags), cache_(cache), opts_(opts), m_(m), b_(m), partial_(partial),
        originsOut_(origins) {}

  /// Lowers everything \p mainModule's `main` and the initializers reach.
  /// False after an error.
  bool run(llvm::ArrayRef<ModuleAST *> modules, ModuleAST *mainModule);

private:
  //===--- Lowering.cpp: instances, types, the worklist ---===//

  /// A function body waiting on the worklist.
  struct Pending {
    FuncDecl *decl;
    ir::Function *fn;
    Substitution subst;
    unsigned depth;
  };
  /// Where an instance was first requested: by which function, at which source
  /// location (for the notes of an error inside it).
  struct Origin {
    ir::Function *requester;
    SourceLoc loc;
  };

  /// The IR function of \p decl at the concrete type arguments \p typeArgs (a
  /// generic function's own, or a generic type's for its method); requested at
  /// \p loc. Creates it and queues its body on a miss.
  ir::Function *requestFunction(FuncDecl *decl, llvm::ArrayRef<const Type *> typeArgs, SourceLoc loc,
                                bool forceBody = false);
  /// Queues \p fn's body unless a partial lowering only declares it.
  void queueBody(Pending p, bool forceBody);
  ir::Function *declareFunction(FuncDecl *decl, std::string name, const Substitution &subst);
  std::string instanceName(FuncDecl *decl, llvm::ArrayRef<const Type *> typeArgs);
  void reportTooDeep(ir::Function *fn, SourceLoc loc);
  /// The notes of the instantiation chain that lowering is in, innermost first.
  void noteInstantiationChain();

  /// The IR type of the concrete type \p t, with the layout of every struct
  /// it holds by value complete.
  const ir::Type *lowerType(const Type *t);
  /// The same for a type behind a slice or in a function type: a struct's
  /// layout is made but its fields wait until some code needs its values.
  const ir::Type *lowerIndirectType(const Type *t);
  /// Completes the element type of a slice type (the operand of an index,
  /// slice, make, append, literal or loop that reaches its elements).
  void needElements(const Type *sliceType);
  /// The layout of a struct (an instance through the cache), maybe incomplete.
  ir::StructLayout *lowerStruct(const NamedType *t);
  /// Lowers the fields of a layout made by lowerStruct.
  void completeStruct(ir::StructLayout *layout);
  /// \p t with the current instance's type arguments substituted.
  const Type *subst(const Type *t) {
    return t->hasTypeParams() && subst_ ? types_.substitute(t, *subst_) : t;
  }
  /// The IR type of an expression, after substitution.
  const ir::Type *typeOf(const Expr *e) { return lowerType(subst(e->type)); }

  void createGlobals(ModuleAST *module);
  void lowerInitializer(ModuleAST *module);

  //===--- LowerStmt.cpp ---===//

  void lowerBody(const Pending &p);
  void lowerBlock(const BlockStmt *block);
  void lowerStmt(const Stmt *s);
  void lowerVarDecl(const VarDeclStmt *s);
  void lowerAssign(const AssignStmt *s);
  void lowerIf(const IfStmt *s);
  void lowerWhile(const WhileStmt *s);
  void lowerForRange(const ForRangeStmt *s);
  void lowerForEach(const ForEachStmt *s);
  /// `for` loops: while *counter < end { setVars(*counter); body; ++*counter }.
  void lowerCountedLoop(ir::Value *counter, ir::Value *end,
                        llvm::function_ref<void(ir::Value *)> setVars, const BlockStmt *body);
  /// Makes a slot for a local variable (none for `_`), named after it or
  /// \p slotName (a parameter's slot is `x.addr`, the parameter `x`).
  ir::Value *declareLocal(const VarDecl *var, llvm::StringRef slotName = {});

  //===--- LowerExpr.cpp ---===//

  /// The value of \p e; null for a call with no result.
  ir::Value *lowerExpr(const Expr *e);
  /// The address of the addressable expression \p e.
  ir::Value *lowerAddr(const Expr *e);
  bool isAddressable(const Expr *e);
  ir::Value *lowerIdent(const IdentExpr *e);
  ir::Value *lowerLiteral(const Expr *e);
  ir::Value *lowerUnary(const UnaryExpr *e);
  ir::Value *lowerBinary(const BinaryExpr *e);
  ir::Value *lowerLogical(const BinaryExpr *e);
  /// `lhs OP rhs` on lowered operands (also for compound assignments).
  ir::Value *emitBinaryOp(tok::Kind op, ir::Value *lhs, ir::Value *rhs, SourceLoc opLoc);
  ir::Value *emitEqual(ir::Value *lhs, ir::Value *rhs);
  ir::Value *lowerIndex(const IndexExpr *e);
  ir::Value *lowerSlice(const SliceExpr *e);
  ir::Value *lowerSelector(const SelectorExpr *e);
  ir::Value *lowerCompositeLit(const CompositeLitExpr *e);
  ir::Value *lowerCall(const CallExpr *e);
  ir::Value *lowerMethodCall(const CallExpr *e);
  ir::Value *lowerBuiltin(const CallExpr *e);
  ir::Value *lowerConversion(const CallExpr *e);
  /// The function a name, a module member or an instantiation denotes, as a value.
  ir::Value *functionValue(FuncDecl *f, llvm::ArrayRef<const Type *> typeArgs, SourceLoc loc);
  void lowerArgs(llvm::ArrayRef<Expr *> args, llvm::SmallVectorImpl<ir::Value *> &out);

  TypeContext &types_;
  DiagnosticEngine &diags_;
  IRInstanceCache &cache_;
  const LowerOptions &opts_;
  ir::Module &m_;
  ir::Builder b_;
  bool failed_ = false;
  const PartialLowering *partial_;
  FunctionOrigins *originsOut_;
  llvm::DenseSet<const ModuleAST *> preparedModules_;

  std::deque<Pending> worklist_;
  llvm::DenseMap<const FuncDecl *, ir::Function *> plainFunctions_;
  llvm::DenseMap<const ir::Function *, Origin> origins_;
  llvm::DenseMap<const Type *, const ir::Type *> typeMemo_;
  llvm::DenseMap<const NamedType *, ir::StructLayout *> plainStructs_;
  llvm::DenseMap<const ir::StructLayout *, const NamedType *> layoutTypes_;
  llvm::DenseMap<const VarDecl *, ir::Global *> globals_;

  // The function being lowered.
  ir::Function *fn_ = nullptr;
  const Substitution *subst_ = nullptr;
  unsigned depth_ = 0;
  llvm::DenseMap<const VarDecl *, ir::Value *> locals_; ///< variable -> its slot
  struct Loop {
    ir::Block *breakTo;
    ir::Block *continueTo;
  };
  llvm::SmallVector<Loop, 8> loops_;
};

} // namespace stencil

#endif
