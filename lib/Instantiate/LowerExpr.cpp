//===- LowerExpr.cpp - Expressions, calls and builtins --------------------===//
//
// Operands are evaluated left to right (language.md §8). Which instruction an
// operator becomes is decided by its operands' concrete types after
// substitution: inside `max[T Ordered]`, `a > b` is `cmp.gt` on ints in
// `max[int]` and on strings in `max[string]`. A literal takes the concrete type
// its expression has (`1` in `sum[T ~int | ~float]`'s `total += 1` is never
// written; `var total T` is `zero float` in `sum[float]`).
//
//===----------------------------------------------------------------------===//
#include "LoweringImpl.h"

using namespace stencil;
using ir::Opcode;

//===----------------------------------------------------------------------===//
// Addresses
//===----------------------------------------------------------------------===//

bool Lowering::isAddressable(const Expr *e) {
  switch (e->getKind()) {
  case Expr::Kind::Ident: {
    auto *v = llvm::dyn_cast_or_null<VarDecl>(llvm::cast<IdentExpr>(e)->decl);
    return v != nullptr;
  }
  case Expr::Kind::Paren:
    return isAddressable(llvm::cast<ParenExpr>(e)->inner);
  case Expr::Kind::Selector: {
    auto *s = llvm::cast<SelectorExpr>(e);
    if (s->selectorKind == SelectorKind::ModuleMember)
      return llvm::isa<VarDecl>(s->member);
    return s->selectorKind == SelectorKind::Field && isAddressable(s->base);
  }
  case Expr::Kind::Index: {
    // Slice elements are always addressable (Go's rule); string bytes never.
    auto *ix = llvm::cast<IndexExpr>(e);
    return !ix->isInstantiation && lowerType(subst(ix->base->type))->isSlice();
  }
  default:
    return false;
  }
}

ir::Value *Lowering::lowerAddr(const Expr *e) {
  switch (e->getKind()) {
  case Expr::Kind::Ident: {
    auto *v = llvm::cast<VarDecl>(llvm::cast<IdentExpr>(e)->decl);
    if (v->varKind == VarDecl::VarKind::Global)
      return globals_.lookup(v)->getRef();
    ir::Value *slot = locals_.lookup(v);
    assert(slot && "a local is declared before it is used");
    return slot;
  }
  case Expr::Kind::Paren:
    return lowerAddr(llvm::cast<ParenExpr>(e)->inner);
  case Expr::Kind::Selector: {
    auto *s = llvm::cast<SelectorExpr>(e);
    if (s->selectorKind == SelectorKind::ModuleMember)
      return globals_.lookup(llvm::cast<VarDecl>(s->member))->getRef();
    return b_.createFieldAddr(lowerAddr(s->base), s->fieldIndex);
  }
  case Expr::Kind::Index: {
    auto *ix = llvm::cast<IndexExpr>(e);
    ir::Value *base = lowerExpr(ix->base);
    ir::Value *index = lowerExpr(ix->indices[0]);
    needElements(ix->base->type);
    return b_.createElemAddr(base, index, ix->lSquareLoc);
  }
  default:
    llvm_unreachable("Sema accepts only addressable assignment targets");
  }
}

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

ir::Value *Lowering::lowerExpr(const Expr *e) {
  switch (e->getKind()) {
  case Expr::Kind::Ident:
    return lowerIdent(llvm::cast<IdentExpr>(e));
  case Expr::Kind::IntLit:
  case Expr::Kind::FloatLit:
  case Expr::Kind::StringLit:
  case Expr::Kind::BoolLit:
    return lowerLiteral(e);
  case Expr::Kind::Unary:
    return lowerUnary(llvm::cast<UnaryExpr>(e));
  case Expr::Kind::Binary:
    return lowerBinary(llvm::cast<BinaryExpr>(e));
  case Expr::Kind::Paren:
    return lowerExpr(llvm::cast<ParenExpr>(e)->inner);
  case Expr::Kind::Call:
    return lowerCall(llvm::cast<CallExpr>(e));
  case Expr::Kind::Index:
    return lowerIndex(llvm::cast<IndexExpr>(e));
  case Expr::Kind::Slice:
    return lowerSlice(llvm::cast<SliceExpr>(e));
  case Expr::Kind::Selector:
    return lowerSelector(llvm::cast<SelectorExpr>(e));
  case Expr::Kind::CompositeLit:
    return lowerCompositeLit(llvm::cast<CompositeLitExpr>(e));
  case Expr::Kind::TypeInExpr:
    llvm_unreachable("a type is never evaluated");
  }
  llvm_unreachable("all expression kinds handled");
}

ir::Value *Lowering::lowerIdent(const IdentExpr *e) {
  if (llvm::isa_and_nonnull<VarDecl>(e->decl))
    return b_.createLoad(lowerAddr(e));
  if (auto *f = llvm::dyn_cast_or_null<FuncDecl>(e->decl))
    return functionValue(f, {}, e->getBeginLoc());
  llvm_unreachable("Sema gives every value name a variable or a function");
}

ir::Value *Lowering::lowerLiteral(const Expr *e) {
  const ir::Type *t = typeOf(e);
  switch (e->getKind()) {
  case Expr::Kind::IntLit: {
    uint64_t v = llvm::cast<IntLitExpr>(e)->value;
    if (t->isFloat())
      return m_.getFloat(static_cast<double>(v));
    return m_.getInt(static_cast<int64_t>(v));
  }
  case Expr::Kind::FloatLit:
    return m_.getFloat(llvm::cast<FloatLitExpr>(e)->value);
  case Expr::Kind::StringLit:
    return m_.getString(llvm::cast<StringLitExpr>(e)->value);
  case Expr::Kind::BoolLit:
    return m_.getBool(llvm::cast<BoolLitExpr>(e)->value);
  default:
    llvm_unreachable("not a literal");
  }
}

ir::Value *Lowering::lowerUnary(const UnaryExpr *e) {
  // `-5` and `-9223372036854775808` are constants, not negations.
  if (e->op == tok::minus) {
    const Expr *inner = e->operand;
    if (auto *lit = llvm::dyn_cast<IntLitExpr>(inner)) {
      if (typeOf(e)->isFloat())
        return m_.getFloat(-static_cast<double>(lit->value));
      return m_.getInt(static_cast<int64_t>(0 - lit->value));
    }
    if (auto *lit = llvm::dyn_cast<FloatLitExpr>(inner))
      return m_.getFloat(-lit->value);
  }
  ir::Value *v = lowerExpr(e->operand);
  switch (e->op) {
  case tok::minus:
    return b_.createUnary(v->getType()->isFloat() ? Opcode::FNeg : Opcode::Neg, v);
  case tok::exclaim:
    return b_.createUnary(Opcode::Not, v);
  case tok::caret:
    return b_.createUnary(Opcode::BitNot, v);
  default:
    llvm_unreachable("not a unary operator");
  }
}

ir::Value *Lowering::lowerBinary(const BinaryExpr *e) {
  if (e->op == tok::amp_amp || e->op == tok::pipe_pipe)
    return lowerLogical(e);
  ir::Value *lhs = lowerExpr(e->lhs);
  ir::Value *rhs = lowerExpr(e->rhs);
  return emitBinaryOp(e->op, lhs, rhs, e->opLoc);
}

// a && b: b is evaluated only when a is true; the result goes through a slot.
ir::Value *Lowering::lowerLogical(const BinaryExpr *e) {
  bool isAnd = e->op == tok::amp_amp;
  ir::Value *result = b_.createAlloca(b_.types().getBool(), isAnd ? "and.result" : "or.result");
  ir::Value *lhs = lowerExpr(e->lhs);
  b_.createStore(result, lhs);
  ir::Block *rhsBB = fn_->createBlock(isAnd ? "and.rhs" : "or.rhs");
  std::unique_ptr<ir::Block> endBB = fn_->makeBlock(isAnd ? "and.end" : "or.end");
  if (isAnd)
    b_.createCondBr(lhs, rhsBB, endBB.get());
  else
    b_.createCondBr(lhs, endBB.get(), rhsBB);
  b_.setInsertPoint(rhsBB);
  b_.createStore(result, lowerExpr(e->rhs));
  b_.createBr(endBB.get());
  b_.setInsertPoint(fn_->appendBlock(std::move(endBB)));
  return b_.createLoad(result);
}

ir::Value *Lowering::emitBinaryOp(tok::Kind op, ir::Value *lhs, ir::Value *rhs, SourceLoc opLoc) {
  const ir::Type *t = lhs->getType();
  bool isFloat = t->isFloat();
  switch (op) {
  case tok::plus:
    if (t->isString())
      return b_.createBinary(Opcode::StrConcat, lhs, rhs);
    return b_.createBinary(isFloat ? Opcode::FAdd : Opcode::Add, lhs, rhs);
  case tok::minus:
    return b_.createBinary(isFloat ? Opcode::FSub : Opcode::Sub, lhs, rhs);
  case tok::star:
    return b_.createBinary(isFloat ? Opcode::FMul : Opcode::Mul, lhs, rhs);
  case tok::slash:
    if (isFloat)
      return b_.createBinary(Opcode::FDiv, lhs, rhs);
    return b_.createBinary(Opcode::Div, lhs, rhs, opLoc);
  case tok::percent:
    return b_.createBinary(Opcode::Rem, lhs, rhs, opLoc);
  case tok::amp:
    return b_.createBinary(Opcode::And, lhs, rhs);
  case tok::pipe:
    return b_.createBinary(Opcode::Or, lhs, rhs);
  case tok::caret:
    return b_.createBinary(Opcode::Xor, lhs, rhs);
  case tok::less_less:
    return b_.createBinary(Opcode::Shl, lhs, rhs);
  case tok::greater_greater:
    return b_.createBinary(Opcode::Shr, lhs, rhs);
  case tok::equal_equal:
    return emitEqual(lhs, rhs);
  case tok::exclaim_equal:
    if (t->isStruct())
      return b_.createUnary(Opcode::Not, emitEqual(lhs, rhs));
    return b_.createBinary(Opcode::CmpNe, lhs, rhs);
  case tok::less:
    return b_.createBinary(Opcode::CmpLt, lhs, rhs);
  case tok::less_equal:
    return b_.createBinary(Opcode::CmpLe, lhs, rhs);
  case tok::greater:
    return b_.createBinary(Opcode::CmpGt, lhs, rhs);
  case tok::greater_equal:
    return b_.createBinary(Opcode::CmpGe, lhs, rhs);
  default:
    llvm_unreachable("not a binary operator");
  }
}

// Structs compare field by field (language.md §6); every field of a
// comparable struct is itself comparable.
ir::Value *Lowering::emitEqual(ir::Value *lhs, ir::Value *rhs) {
  const ir::Type *t = lhs->getType();
  if (!t->isStruct())
    return b_.createBinary(Opcode::CmpEq, lhs, rhs);
  ir::Value *all = nullptr;
  for (unsigned i = 0; i < t->getLayout()->getFields().size(); ++i) {
    ir::Value *eq = emitEqual(b_.createFieldGet(lhs, i), b_.createFieldGet(rhs, i));
    all = all ? b_.createBinary(Opcode::And, all, eq) : eq;
  }
  return all ? all : m_.getBool(true);
}

ir::Value *Lowering::lowerIndex(const IndexExpr *e) {
  if (e->isInstantiation) {
    // `f[int]` or `m.f[int]` as a value (a call of it is lowerCall's).
    FuncDecl *f = nullptr;
    if (auto *id = llvm::dyn_cast<IdentExpr>(e->base))
      f = llvm::cast<FuncDecl>(id->decl);
    else
      f = llvm::cast<FuncDecl>(llvm::cast<SelectorExpr>(e->base)->member);
    llvm::SmallVector<const Type *, 4> args;
    for (const Type *t : e->typeArgs)
      args.push_back(subst(t));
    return functionValue(f, args, e->getBeginLoc());
  }
  if (isAddressable(e))
    return b_.createLoad(lowerAddr(e));
  ir::Value *base = lowerExpr(e->base);
  ir::Value *index = lowerExpr(e->indices[0]);
  return b_.createStrIndex(base, index, e->lSquareLoc);
}

ir::Value *Lowering::lowerSlice(const SliceExpr *e) {
  ir::Value *base = lowerExpr(e->base);
  ir::Value *lo = e->lo ? lowerExpr(e->lo) : m_.getInt(0);
  ir::Value *hi = e->hi ? lowerExpr(e->hi)
                        : b_.createUnary(base->getType()->isString() ? Opcode::StrLen : Opcode::SliceLen, base);
  needElements(e->base->type);
  return b_.createSlice(base, lo, hi, e->lSquareLoc);
}

ir::Value *Lowering::lowerSelector(const SelectorExpr *e) {
  switch (e->selectorKind) {
  case SelectorKind::ModuleMember:
    if (auto *f = llvm::dyn_cast<FuncDecl>(e->member))
      return functionValue(f, {}, e->name.loc);
    return b_.createLoad(lowerAddr(e));
  case SelectorKind::Field:
    // Read through the address when there is one: no copy of the whole struct.
    if (isAddressable(e->base))
      return b_.createLoad(b_.createFieldAddr(lowerAddr(e->base), e->fieldIndex));
    return b_.createFieldGet(lowerExpr(e->base), e->fieldIndex);
  case SelectorKind::Method:
  case SelectorKind::Unresolved:
    break;
  }
  llvm_unreachable("methods are only called (no method values)");
}

ir::Value *Lowering::lowerCompositeLit(const CompositeLitExpr *e) {
  const ir::Type *t = typeOf(e);
  llvm::SmallVector<ir::Value *, 8> values;
  for (const CompositeElement &el : e->elements)
    values.push_back(lowerExpr(el.value));
  if (t->isSlice()) {
    needElements(e->type);
    return b_.createSliceNew(t, values);
  }
  // Fields in declaration order, the omitted ones zero.
  llvm::ArrayRef<ir::StructLayout::Field> fields = t->getLayout()->getFields();
  llvm::SmallVector<ir::Value *, 8> ops(fields.size(), nullptr);
  for (size_t i = 0; i < e->elements.size(); ++i)
    ops[e->elements[i].fieldIndex] = values[i];
  for (size_t i = 0; i < ops.size(); ++i)
    if (!ops[i])
      ops[i] = m_.getZero(fields[i].type);
  return b_.createStructNew(t, ops);
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

ir::Value *Lowering::functionValue(FuncDecl *f, llvm::ArrayRef<const Type *> typeArgs, SourceLoc loc) {
  return m_.getFuncRef(requestFunction(f, typeArgs, loc));
}

void Lowering::lowerArgs(llvm::ArrayRef<Expr *> args, llvm::SmallVectorImpl<ir::Value *> &out) {
  for (Expr *a : args)
    out.push_back(lowerExpr(a));
}

ir::Value *Lowering::lowerCall(const CallExpr *e) {
  switch (e->callKind) {
  case CallKind::Function: {
    llvm::SmallVector<const Type *, 4> typeArgs;
    for (const Type *t : e->typeArgs)
      typeArgs.push_back(subst(t));
    llvm::SmallVector<ir::Value *, 8> args;
    lowerArgs(e->args, args);
    ir::Function *callee = requestFunction(e->func, typeArgs, e->callee->getBeginLoc());
    ir::Inst *call = b_.createCall(callee, args, e->callee->getBeginLoc());
    return call->getType()->isVoid() ? nullptr : call;
  }
  case CallKind::Method:
    return lowerMethodCall(e);
  case CallKind::FuncValue: {
    ir::Value *fn = lowerExpr(e->callee);
    llvm::SmallVector<ir::Value *, 8> args;
    lowerArgs(e->args, args);
    ir::Inst *call = b_.createCallValue(fn, args, e->lParenLoc);
    return call->getType()->isVoid() ? nullptr : call;
  }
  case CallKind::Builtin:
    return lowerBuiltin(e);
  case CallKind::Conversion:
    return lowerConversion(e);
  case CallKind::Unresolved:
    break;
  }
  llvm_unreachable("Sema resolves every call of a checked program");
}

// recv.m(args): the receiver is passed by reference when it is addressable,
// else as the address of a temporary copy (language.md §4).
ir::Value *Lowering::lowerMethodCall(const CallExpr *e) {
  auto *sel = llvm::cast<SelectorExpr>(e->callee);
  auto *recvType = llvm::cast<NamedType>(subst(sel->base->type));
  FuncDecl *method = e->func;
  if (!method) {
    // A method of a type parameter's constraint: the concrete type has it.
    for (FuncDecl *m : recvType->decl->methods)
      if (m->name.name == sel->name.name)
        method = m;
    assert(method && "a type argument has its constraint's methods");
  }
  ir::Value *recv;
  if (isAddressable(sel->base)) {
    recv = lowerAddr(sel->base);
  } else {
    ir::Value *copy = lowerExpr(sel->base);
    recv = b_.createAlloca(copy->getType(), "recv.tmp");
    b_.createStore(recv, copy);
  }
  llvm::SmallVector<ir::Value *, 8> args{recv};
  lowerArgs(e->args, args);
  ir::Function *callee = requestFunction(method, recvType->args, sel->name.loc);
  ir::Inst *call = b_.createCall(callee, args, sel->name.loc);
  return call->getType()->isVoid() ? nullptr : call;
}

ir::Value *Lowering::lowerConversion(const CallExpr *e) {
  ir::Value *v = lowerExpr(e->args[0]);
  const ir::Type *to = lowerType(subst(e->conversionType));
  const ir::Type *from = v->getType();
  if (from == to)
    return v; // between a defined type and its underlying type, or two over one type
  if (from->isInt() && to->isFloat())
    return b_.createUnary(Opcode::IntToFloat, v);
  if (from->isFloat() && to->isInt())
    return b_.createUnary(Opcode::FloatToInt, v);
  llvm_unreachable("Sema allows only numeric conversions between different types");
}

ir::Value *Lowering::lowerBuiltin(const CallExpr *e) {
  SourceLoc nameLoc = e->callee->getBeginLoc();
  switch (e->builtin) {
  case Builtin::Len: {
    ir::Value *v = lowerExpr(e->args[0]);
    return b_.createUnary(v->getType()->isString() ? Opcode::StrLen : Opcode::SliceLen, v);
  }
  case Builtin::Cap:
    return b_.createUnary(Opcode::SliceCap, lowerExpr(e->args[0]));
  case Builtin::Append: {
    ir::Value *s = lowerExpr(e->args[0]);
    llvm::SmallVector<ir::Value *, 8> elems;
    lowerArgs(e->args.drop_front(), elems);
    needElements(e->type);
    return b_.createAppend(s, elems);
  }
  case Builtin::Make:
    needElements(e->type);
    return b_.createSliceMake(typeOf(e), lowerExpr(e->args[1]), nameLoc);
  case Builtin::Print:
  case Builtin::Println: {
    llvm::SmallVector<ir::Value *, 8> args;
    lowerArgs(e->args, args);
    b_.createPrint(e->builtin == Builtin::Print ? Opcode::Print : Opcode::Println, args);
    return nullptr;
  }
  case Builtin::Str:
    return b_.createUnary(Opcode::ToStr, lowerExpr(e->args[0]));
  case Builtin::Hash:
    return b_.createUnary(Opcode::HashOf, lowerExpr(e->args[0]));
  case Builtin::Panic:
    b_.createPanic(lowerExpr(e->args[0]), nameLoc);
    return nullptr;
  case Builtin::Exit:
    b_.createExit(lowerExpr(e->args[0]));
    return nullptr;
  case Builtin::None:
    break;
  }
  llvm_unreachable("not a builtin call");
}
