//===- SemaStmt.cpp - Statements, assignment, missing return --------------===//
#include "SemaImpl.h"

using namespace stencil;

bool Sema::checkAssignable(const Type *from, const Type *to, SourceLoc loc,
                           const llvm::Twine &context) {
  if (from == to || from->isError() || to->isError())
    return true;
  if (from->isVoid())
    return false; // "has no value" was reported
  diag(loc, diag::err_cannot_use_as) << str(from) << str(to) << context.str();
  return false;
}

void Sema::checkBlock(BlockStmt *b, bool newScope) {
  if (newScope)
    pushScope();
  for (Stmt *s : b->stmts)
    checkStmt(s);
  if (newScope)
    popScope();
}

void Sema::checkCondition(Expr *cond) {
  const Type *t = checkExpr(cond, types_.getBool());
  if (!t->isError() && !hasCoreKind(t, Type::Kind::Bool))
    diag(cond->getBeginLoc(), diag::err_non_bool_condition) << str(t);
}

void Sema::checkStmt(Stmt *s) {
  switch (s->getKind()) {
  case Stmt::Kind::Block:
    checkBlock(llvm::cast<BlockStmt>(s));
    return;
  case Stmt::Kind::ExprStmt: {
    Expr *e = llvm::cast<ExprStmt>(s)->expr;
    const Expr *inner = e;
    while (auto *p = llvm::dyn_cast<ParenExpr>(inner))
      inner = p->inner;
    auto *call = llvm::dyn_cast<CallExpr>(inner);
    Operand o = checkOperand(e, nullptr);
    if (o.isInvalid())
      return;
    // Calls of functions, methods and function values, and the builtins that
    // act, may stand alone; a conversion or a pure builtin's value may not.
    bool used = call && (call->callKind == CallKind::Function || call->callKind == CallKind::Method ||
                         call->callKind == CallKind::FuncValue ||
                         (call->callKind == CallKind::Builtin &&
                          (call->builtin == Builtin::Print || call->builtin == Builtin::Println ||
                           call->builtin == Builtin::Panic || call->builtin == Builtin::Exit)));
    if (!used)
      diag(e->getBeginLoc(), diag::err_expr_not_used);
    else if (!o.isValue() && o.mode != Operand::Mode::NoValue)
      toValue(o, e);
    return;
  }
  case Stmt::Kind::VarDeclStmt:
    checkVarDeclStmt(llvm::cast<VarDeclStmt>(s));
    return;
  case Stmt::Kind::Assign:
    checkAssign(llvm::cast<AssignStmt>(s));
    return;
  case Stmt::Kind::If:
    checkIf(llvm::cast<IfStmt>(s));
    return;
  case Stmt::Kind::While: {
    auto *w = llvm::cast<WhileStmt>(s);
    checkCondition(w->cond);
    ++loopDepth_;
    checkBlock(w->body);
    --loopDepth_;
    return;
  }
  case Stmt::Kind::ForRange:
    checkForRange(llvm::cast<ForRangeStmt>(s));
    return;
  case Stmt::Kind::ForEach:
    checkForEach(llvm::cast<ForEachStmt>(s));
    return;
  case Stmt::Kind::Break:
    if (loopDepth_ == 0)
      diag(s->getBeginLoc(), diag::err_break_outside_loop) << "break";
    return;
  case Stmt::Kind::Continue:
    if (loopDepth_ == 0)
      diag(s->getBeginLoc(), diag::err_break_outside_loop) << "continue";
    return;
  case Stmt::Kind::Return:
    checkReturn(llvm::cast<ReturnStmt>(s));
    return;
  }
}

void Sema::checkVarDeclStmt(VarDeclStmt *s) {
  VarDecl *v = s->var;
  v->module = module_;
  const Type *declared = v->typeExpr ? resolveType(v->typeExpr) : nullptr;
  const Type *t = declared;
  if (v->init) {
    const Type *initType = checkExpr(v->init, declared);
    if (declared)
      checkAssignable(initType, declared, v->init->getBeginLoc(), "variable declaration");
    else
      t = initType;
  }
  v->type = t ? t : types_.getError();
  // Declared after its initializer: `x := x + 1` reads the outer x.
  declareLocal(v);
}

void Sema::checkAssign(AssignStmt *s) {
  // `_ = e` evaluates e and discards it.
  if (auto *id = llvm::dyn_cast<IdentExpr>(s->lhs); id && id->name == "_" && s->op == tok::equal) {
    checkExpr(s->rhs);
    return;
  }
  Operand lhs = checkOperand(s->lhs, nullptr);
  if (lhs.isInvalid()) {
    checkExpr(s->rhs);
    return;
  }
  const Type *lt = lhs.isValue() ? lhs.type : nullptr;
  if (lhs.mode != Operand::Mode::Variable) {
    const Expr *inner = s->lhs;
    while (auto *p = llvm::dyn_cast<ParenExpr>(inner))
      inner = p->inner;
    auto *index = llvm::dyn_cast<IndexExpr>(inner);
    if (index && index->base->type && lt) {
      const Type *core = coreType(index->base->type);
      if (core && core->isString()) {
        diag(index->lSquareLoc, diag::err_string_byte_assign);
        checkExpr(s->rhs);
        return;
      }
    }
    // A value, a function, a type, a builtin: none of them can be assigned.
    if (lhs.mode == Operand::Mode::NoValue || lhs.mode == Operand::Mode::Module ||
        lhs.mode == Operand::Mode::Method)
      toValue(lhs, s->lhs);
    else
      diag(s->lhs->getBeginLoc(), diag::err_not_assignable) << describe(s->lhs);
    checkExpr(s->rhs);
    return;
  }
  if (s->op == tok::equal) {
    const Type *rt = checkExpr(s->rhs, lt);
    checkAssignable(rt, lt, s->rhs->getBeginLoc(), "assignment");
    return;
  }
  // x OP= e: as x = x OP e.
  tok::Kind op = tok::getCompoundAssignOp(s->op);
  if (op == tok::less_less || op == tok::greater_greater) {
    const Type *rt = checkExpr(s->rhs, types_.getInt());
    if (!rt->isError() && !hasCoreKind(rt, Type::Kind::Int)) {
      diag(s->rhs->getBeginLoc(), diag::err_shift_count_type) << str(rt);
      return;
    }
  } else {
    const Type *rt = checkExpr(s->rhs, lt);
    if (rt->isError())
      return;
    if (rt != lt) {
      diag(s->opLoc, diag::err_type_mismatch_binary) << str(lt) << str(rt) << tok::getName(s->op);
      return;
    }
  }
  if (!supportsOperator(op, lt)) {
    if (const TypeSet *set = typeSetOf(lt))
      diag(s->opLoc, diag::err_operator_not_defined_tparam)
          << tok::getName(s->op) << str(lt) << constraintName(*set);
    else
      diag(s->opLoc, diag::err_operator_not_defined) << tok::getName(s->op) << str(lt);
  }
}

void Sema::checkIf(IfStmt *s) {
  checkCondition(s->cond);
  checkBlock(s->thenBlock);
  if (s->elseStmt)
    checkStmt(s->elseStmt);
}

void Sema::checkForRange(ForRangeStmt *s) {
  const Type *lo, *hi;
  if (s->lo->isLiteralLike() && !s->hi->isLiteralLike()) {
    hi = checkExpr(s->hi, nullptr);
    lo = checkExpr(s->lo, hi);
  } else {
    lo = checkExpr(s->lo, nullptr);
    hi = checkExpr(s->hi, lo);
  }
  const Type *t = types_.getError();
  if (!lo->isError() && !hi->isError()) {
    if (!hasCoreKind(lo, Type::Kind::Int))
      diag(s->lo->getBeginLoc(), diag::err_range_bounds_type) << str(lo);
    else if (lo != hi)
      diag(s->dotDotLoc, diag::err_type_mismatch_binary) << str(lo) << str(hi) << "..";
    else
      t = lo;
  }
  pushScope();
  s->var->module = module_;
  s->var->type = t;
  declareLocal(s->var);
  ++loopDepth_;
  checkBlock(s->body);
  --loopDepth_;
  popScope();
}

void Sema::checkForEach(ForEachStmt *s) {
  const Type *t = checkExpr(s->seq);
  const Type *elem = types_.getError();
  if (!t->isError()) {
    auto *slice = llvm::dyn_cast_or_null<SliceType>(coreType(t));
    if (slice)
      elem = slice->elem;
    else
      diag(s->seq->getBeginLoc(), diag::err_cannot_range) << str(t);
  }
  pushScope();
  if (s->indexVar) {
    s->indexVar->module = module_;
    s->indexVar->type = types_.getInt();
    declareLocal(s->indexVar);
  }
  s->elemVar->module = module_;
  s->elemVar->type = elem;
  declareLocal(s->elemVar);
  ++loopDepth_;
  checkBlock(s->body);
  --loopDepth_;
  popScope();
}

void Sema::checkReturn(ReturnStmt *s) {
  if (!result_)
    return;
  if (result_->isVoid()) {
    if (s->value) {
      // Checked for its own errors only: `return v()` with v() of no value is
      // one error (this one), not two.
      checkOperand(s->value, nullptr);
      diag(s->value->getBeginLoc(), diag::err_return_value_in_void);
    }
    return;
  }
  if (!s->value) {
    if (!result_->isError())
      diag(s->getBeginLoc(), diag::err_return_missing_value) << str(result_);
    return;
  }
  const Type *t = checkExpr(s->value, result_);
  checkAssignable(t, result_, s->value->getBeginLoc(), "return statement");
}

//===----------------------------------------------------------------------===//
// Terminating statements (Go's rules, with `while true` as Go's `for {}`)
//===----------------------------------------------------------------------===//

bool Sema::hasBreak(const Stmt *s) {
  // Iterative, so that deeply nested blocks cannot overflow the stack.
  std::vector<const Stmt *> work{s};
  while (!work.empty()) {
    const Stmt *cur = work.back();
    work.pop_back();
    switch (cur->getKind()) {
    case Stmt::Kind::Break:
      return true;
    case Stmt::Kind::Block:
      for (const Stmt *c : llvm::cast<BlockStmt>(cur)->stmts)
        work.push_back(c);
      break;
    case Stmt::Kind::If: {
      auto *i = llvm::cast<IfStmt>(cur);
      work.push_back(i->thenBlock);
      if (i->elseStmt)
        work.push_back(i->elseStmt);
      break;
    }
    default:
      break; // a break inside a nested loop leaves that loop only
    }
  }
  return false;
}

bool Sema::isTerminating(const Stmt *s) {
  switch (s->getKind()) {
  case Stmt::Kind::Return:
    return true;
  case Stmt::Kind::Block: {
    auto *b = llvm::cast<BlockStmt>(s);
    return !b->stmts.empty() && isTerminating(b->stmts.back());
  }
  case Stmt::Kind::If: {
    auto *i = llvm::cast<IfStmt>(s);
    return i->elseStmt && isTerminating(i->thenBlock) && isTerminating(i->elseStmt);
  }
  case Stmt::Kind::While: {
    auto *w = llvm::cast<WhileStmt>(s);
    const Expr *c = w->cond;
    while (auto *p = llvm::dyn_cast<ParenExpr>(c))
      c = p->inner;
    auto *lit = llvm::dyn_cast<BoolLitExpr>(c);
    return lit && lit->value && !hasBreak(w->body);
  }
  case Stmt::Kind::ExprStmt: {
    const Expr *e = llvm::cast<ExprStmt>(s)->expr;
    while (auto *p = llvm::dyn_cast<ParenExpr>(e))
      e = p->inner;
    auto *call = llvm::dyn_cast<CallExpr>(e);
    return call && call->callKind == CallKind::Builtin &&
           (call->builtin == Builtin::Panic || call->builtin == Builtin::Exit);
  }
  default:
    return false;
  }
}
