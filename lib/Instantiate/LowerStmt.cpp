//===- LowerStmt.cpp - Function bodies and statements ---------------------===//
//
// Every variable gets a slot (an alloca in the entry block); a parameter is
// stored into its slot on entry, so it can be assigned like any local. The
// receiver is the exception: it is passed by reference (language.md §4), so
// its parameter is already the address the method works on.
//
// Code after a terminator (`return`, `break`, `panic(...)`) goes to a fresh
// block that nothing branches to; ir::removeUnreachableBlocks drops it at the end.
//
//===----------------------------------------------------------------------===//
#include "LoweringImpl.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Twine.h"

using namespace stencil;

void Lowering::lowerBody(const Pending &p) {
  fn_ = p.fn;
  subst_ = p.subst.empty() ? nullptr : &p.subst;
  depth_ = p.depth;
  locals_.clear();
  loops_.clear();
  typeMemo_.clear();
  b_.startFunction(fn_);

  llvm::ArrayRef<ir::Param *> params = fn_->params();
  if (p.decl->isMethod) {
    locals_[p.decl->receiver.var] = params.front();
    params = params.drop_front();
  }
  for (size_t i = 0; i < p.decl->params.size(); ++i) {
    const VarDecl *var = p.decl->params[i];
    if (ir::Value *slot = declareLocal(var, (var->name.name + llvm::Twine(".addr")).str()))
      b_.createStore(slot, params[i]);
  }
  lowerBlock(p.decl->body);
  if (!b_.isTerminated()) {
    // Sema proved that a function with a result returns on every path.
    if (fn_->getResultType()->isVoid())
      b_.createRet();
    else
      b_.createUnreachable();
  }
  ir::removeUnreachableBlocks(*fn_);
}

ir::Value *Lowering::declareLocal(const VarDecl *var, llvm::StringRef slotName) {
  if (var->name.name == "_")
    return nullptr;
  ir::Value *slot = b_.createAlloca(lowerType(subst(var->type)),
                                    slotName.empty() ? var->name.name : slotName);
  locals_[var] = slot;
  return slot;
}


void Lowering::lowerBlock(const BlockStmt *block) {
  for (const Stmt *s : block->stmts)
    lowerStmt(s);
}

void Lowering::lowerStmt(const Stmt *s) {
  if (b_.isTerminated())
    b_.setInsertPoint(fn_->createBlock("dead"));
  switch (s->getKind()) {
  case Stmt::Kind::Block:
    lowerBlock(llvm::cast<BlockStmt>(s));
    return;
  case Stmt::Kind::ExprStmt:
    lowerExpr(llvm::cast<ExprStmt>(s)->expr);
    return;
  case Stmt::Kind::VarDeclStmt:
    lowerVarDecl(llvm::cast<VarDeclStmt>(s));
    return;
  case Stmt::Kind::Assign:
    lowerAssign(llvm::cast<AssignStmt>(s));
    return;
  case Stmt::Kind::If:
    lowerIf(llvm::cast<IfStmt>(s));
    return;
  case Stmt::Kind::While:
    lowerWhile(llvm::cast<WhileStmt>(s));
    return;
  case Stmt::Kind::ForRange:
    lowerForRange(llvm::cast<ForRangeStmt>(s));
    return;
  case Stmt::Kind::ForEach:
    lowerForEach(llvm::cast<ForEachStmt>(s));
    return;
  case Stmt::Kind::Break:
    b_.createBr(loops_.back().breakTo);
    return;
  case Stmt::Kind::Continue:
    b_.createBr(loops_.back().continueTo);
    return;
  case Stmt::Kind::Return: {
    auto *r = llvm::cast<ReturnStmt>(s);
    b_.createRet(r->value ? lowerExpr(r->value) : nullptr);
    return;
  }
  }
}

void Lowering::lowerVarDecl(const VarDeclStmt *s) {
  const VarDecl *var = s->var;
  // The initializer is evaluated before the name is bound: `x := x + 1`
  // reads the outer x.
  ir::Value *value = var->init ? lowerExpr(var->init) : m_.getZero(lowerType(subst(var->type)));
  if (ir::Value *slot = declareLocal(var))
    b_.createStore(slot, value);
}

void Lowering::lowerAssign(const AssignStmt *s) {
  // `_ = e` evaluates e and drops it.
  if (auto *id = llvm::dyn_cast<IdentExpr>(s->lhs); id && !id->decl && id->name == "_") {
    lowerExpr(s->rhs);
    return;
  }
  // Left to right (language.md §8): the target's address (with its index
  // checks), then the value.
  ir::Value *addr = lowerAddr(s->lhs);
  if (s->op == tok::equal) {
    b_.createStore(addr, lowerExpr(s->rhs));
    return;
  }
  ir::Value *old = b_.createLoad(addr);
  ir::Value *rhs = lowerExpr(s->rhs);
  tok::Kind op = tok::getCompoundAssignOp(s->op);
  assert(op != tok::NumTokens && "a compound assignment");
  b_.createStore(addr, emitBinaryOp(op, old, rhs, s->opLoc));
}

// An end block is made detached and placed after the blocks of the branches
// or the body, so that the text reads top to bottom.

void Lowering::lowerIf(const IfStmt *s) {
  ir::Value *cond = lowerExpr(s->cond);
  ir::Block *thenBB = fn_->createBlock("if.then");
  std::unique_ptr<ir::Block> elseBB = s->elseStmt ? fn_->makeBlock("if.else") : nullptr;
  std::unique_ptr<ir::Block> endBB = fn_->makeBlock("if.end");
  b_.createCondBr(cond, thenBB, elseBB ? elseBB.get() : endBB.get());
  b_.setInsertPoint(thenBB);
  lowerBlock(s->thenBlock);
  if (!b_.isTerminated())
    b_.createBr(endBB.get());
  if (elseBB) {
    b_.setInsertPoint(fn_->appendBlock(std::move(elseBB)));
    lowerStmt(s->elseStmt);
    if (!b_.isTerminated())
      b_.createBr(endBB.get());
  }
  b_.setInsertPoint(fn_->appendBlock(std::move(endBB)));
}

void Lowering::lowerWhile(const WhileStmt *s) {
  ir::Block *condBB = fn_->createBlock("while.cond");
  b_.createBr(condBB);
  b_.setInsertPoint(condBB);
  ir::Value *cond = lowerExpr(s->cond);
  ir::Block *bodyBB = fn_->createBlock("while.body");
  std::unique_ptr<ir::Block> endBB = fn_->makeBlock("while.end");
  b_.createCondBr(cond, bodyBB, endBB.get());
  b_.setInsertPoint(bodyBB);
  loops_.push_back({endBB.get(), condBB});
  lowerBlock(s->body);
  loops_.pop_back();
  if (!b_.isTerminated())
    b_.createBr(condBB);
  b_.setInsertPoint(fn_->appendBlock(std::move(endBB)));
}

void Lowering::lowerCountedLoop(ir::Value *counter, ir::Value *end,
                                llvm::function_ref<void(ir::Value *)> setVars, const BlockStmt *body) {
  ir::Block *condBB = fn_->createBlock("for.cond");
  ir::Block *bodyBB = fn_->createBlock("for.body");
  std::unique_ptr<ir::Block> stepBB = fn_->makeBlock("for.step");
  std::unique_ptr<ir::Block> endBB = fn_->makeBlock("for.end");
  b_.createBr(condBB);
  b_.setInsertPoint(condBB);
  ir::Value *i = b_.createLoad(counter);
  b_.createCondBr(b_.createBinary(ir::Opcode::CmpLt, i, end), bodyBB, endBB.get());
  b_.setInsertPoint(bodyBB);
  setVars(i);
  loops_.push_back({endBB.get(), stepBB.get()});
  lowerBlock(body);
  loops_.pop_back();
  if (!b_.isTerminated())
    b_.createBr(stepBB.get());
  b_.setInsertPoint(fn_->appendBlock(std::move(stepBB)));
  ir::Value *cur = b_.createLoad(counter);
  b_.createStore(counter, b_.createBinary(ir::Opcode::Add, cur, m_.getInt(1)));
  b_.createBr(condBB);
  b_.setInsertPoint(fn_->appendBlock(std::move(endBB)));
}

// for i in lo..hi { body }: lo and hi are evaluated once; a hidden counter
// drives the loop, and i is set from it at the top of each iteration (so
// assigning i in the body does not change the number of iterations).
void Lowering::lowerForRange(const ForRangeStmt *s) {
  ir::Value *lo = lowerExpr(s->lo);
  ir::Value *hi = lowerExpr(s->hi);
  ir::Value *counter = b_.createAlloca(lo->getType(), "for.i");
  b_.createStore(counter, lo);
  ir::Value *var = declareLocal(s->var);
  lowerCountedLoop(counter, hi, [&](ir::Value *i) {
    if (var)
      b_.createStore(var, i);
  }, s->body);
}

// for [i,] x in xs { body }: xs and its length are evaluated once, as in Go.
void Lowering::lowerForEach(const ForEachStmt *s) {
  ir::Value *seq = lowerExpr(s->seq);
  needElements(s->seq->type);
  ir::Value *len = b_.createUnary(ir::Opcode::SliceLen, seq);
  ir::Value *counter = b_.createAlloca(b_.types().getInt(), "for.i");
  b_.createStore(counter, m_.getInt(0));
  ir::Value *indexVar = s->indexVar ? declareLocal(s->indexVar) : nullptr;
  ir::Value *elemVar = declareLocal(s->elemVar);
  lowerCountedLoop(counter, len, [&](ir::Value *i) {
    if (indexVar)
      b_.createStore(indexVar, i);
    if (elemVar)
      b_.createStore(elemVar, b_.createLoad(b_.createElemAddr(seq, i, s->inLoc)));
  }, s->body);
}
