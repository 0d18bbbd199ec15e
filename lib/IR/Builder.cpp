//===- Builder.cpp - Creating IR instructions -----------------------------===//
#include "stencil/IR/Builder.h"

using namespace stencil;
using namespace stencil::ir;

void Builder::startFunction(Function *f) {
  fn_ = f;
  if (!f->hasBody())
    f->createBlock("entry");
  block_ = f->getEntry();
  numAllocas_ = 0;
  for (Inst *i : block_->insts()) {
    if (i->getOpcode() != Opcode::Alloca)
      break;
    ++numAllocas_;
  }
}

Inst *Builder::make(Opcode op, const Type *type, llvm::ArrayRef<Value *> ops, SourceLoc loc) {
  Arena &a = m_.getArena();
  Value **mem = ops.empty() ? nullptr : a.Allocate<Value *>(ops.size());
  std::copy(ops.begin(), ops.end(), mem);
  return new (a.Allocate<Inst>()) Inst(op, type, llvm::MutableArrayRef<Value *>(mem, ops.size()), loc);
}

Inst *Builder::createAlloca(const Type *t, llvm::StringRef name) {
  Inst *i = make(Opcode::Alloca, types().getPtr(t), {});
  i->typeOperand_ = t;
  i->name_ = m_.copyString(name);
  Block *entry = fn_->getEntry();
  i->parent_ = entry;
  entry->insts().insert(entry->insts().begin() + numAllocas_, i);
  ++numAllocas_;
  return i;
}

Inst *Builder::createLoad(Value *ptr) {
  assert(ptr->getType()->isPtr() && "load of a non-pointer");
  return insert(make(Opcode::Load, ptr->getType()->getElement(), {ptr}));
}

Inst *Builder::createStore(Value *ptr, Value *v) {
  assert(ptr->getType()->isPtr() && ptr->getType()->getElement() == v->getType() &&
         "store of a value of another type");
  return insert(make(Opcode::Store, types().getVoid(), {ptr, v}));
}

Inst *Builder::createFieldAddr(Value *ptr, unsigned index) {
  const Type *s = ptr->getType()->getElement();
  assert(s->isStruct() && index < s->getLayout()->getFields().size());
  Inst *i = make(Opcode::FieldAddr, types().getPtr(s->getLayout()->getFields()[index].type), {ptr});
  i->index_ = index;
  return insert(i);
}

Inst *Builder::createElemAddr(Value *slice, Value *index, SourceLoc loc) {
  assert(slice->getType()->isSlice());
  return insert(
      make(Opcode::ElemAddr, types().getPtr(slice->getType()->getElement()), {slice, index}, loc));
}

Inst *Builder::createFieldGet(Value *v, unsigned index) {
  const Type *s = v->getType();
  assert(s->isStruct() && index < s->getLayout()->getFields().size());
  Inst *i = make(Opcode::FieldGet, s->getLayout()->getFields()[index].type, {v});
  i->index_ = index;
  return insert(i);
}

Inst *Builder::createStructNew(const Type *t, llvm::ArrayRef<Value *> fields) {
  assert(t->isStruct() && fields.size() == t->getLayout()->getFields().size());
  Inst *i = make(Opcode::StructNew, t, fields);
  i->typeOperand_ = t;
  return insert(i);
}

Inst *Builder::createBinary(Opcode op, Value *lhs, Value *rhs, SourceLoc loc) {
  const Type *result = isComparison(op) ? types().getBool() : lhs->getType();
  return insert(make(op, result, {lhs, rhs}, loc));
}

Inst *Builder::createUnary(Opcode op, Value *v) {
  const Type *result = v->getType();
  switch (op) {
  case Opcode::IntToFloat:
    result = types().getFloat();
    break;
  case Opcode::FloatToInt:
  case Opcode::StrLen:
  case Opcode::SliceLen:
  case Opcode::SliceCap:
  case Opcode::HashOf:
    result = types().getInt();
    break;
  case Opcode::ToStr:
    result = types().getString();
    break;
  default:
    break;
  }
  return insert(make(op, result, {v}));
}

Inst *Builder::createStrIndex(Value *s, Value *index, SourceLoc loc) {
  return insert(make(Opcode::StrIndex, types().getInt(), {s, index}, loc));
}

Inst *Builder::createSlice(Value *s, Value *lo, Value *hi, SourceLoc loc) {
  Opcode op = s->getType()->isString() ? Opcode::StrSlice : Opcode::SliceSlice;
  return insert(make(op, s->getType(), {s, lo, hi}, loc));
}

Inst *Builder::createSliceMake(const Type *sliceType, Value *n, SourceLoc loc) {
  Inst *i = make(Opcode::SliceMake, sliceType, {n}, loc);
  i->typeOperand_ = sliceType;
  return insert(i);
}

Inst *Builder::createSliceNew(const Type *sliceType, llvm::ArrayRef<Value *> elems) {
  Inst *i = make(Opcode::SliceNew, sliceType, elems);
  i->typeOperand_ = sliceType;
  return insert(i);
}

Inst *Builder::createAppend(Value *s, llvm::ArrayRef<Value *> elems) {
  llvm::SmallVector<Value *, 4> ops{s};
  ops.append(elems.begin(), elems.end());
  return insert(make(Opcode::Append, s->getType(), ops));
}

Inst *Builder::createPrint(Opcode op, llvm::ArrayRef<Value *> args) {
  assert(op == Opcode::Print || op == Opcode::Println);
  return insert(make(op, types().getVoid(), args));
}

Inst *Builder::createCall(Function *callee, llvm::ArrayRef<Value *> args, SourceLoc loc) {
  Inst *i = make(Opcode::Call, callee->getResultType(), args, loc);
  i->callee_ = callee;
  return insert(i);
}

Inst *Builder::createCallValue(Value *fn, llvm::ArrayRef<Value *> args, SourceLoc loc) {
  assert(fn->getType()->isFunc());
  llvm::SmallVector<Value *, 4> ops{fn};
  ops.append(args.begin(), args.end());
  return insert(make(Opcode::CallValue, fn->getType()->getResult(), ops, loc));
}

Inst *Builder::createBr(Block *dest) {
  Inst *i = make(Opcode::Br, types().getVoid(), {});
  Block **succ = m_.getArena().Allocate<Block *>(1);
  succ[0] = dest;
  i->succs_ = llvm::MutableArrayRef<Block *>(succ, 1);
  return insert(i);
}

Inst *Builder::createCondBr(Value *cond, Block *ifTrue, Block *ifFalse) {
  Inst *i = make(Opcode::CondBr, types().getVoid(), {cond});
  Block **succ = m_.getArena().Allocate<Block *>(2);
  succ[0] = ifTrue;
  succ[1] = ifFalse;
  i->succs_ = llvm::MutableArrayRef<Block *>(succ, 2);
  return insert(i);
}

Inst *Builder::createRet(Value *v) {
  if (!v)
    return insert(make(Opcode::Ret, types().getVoid(), {}));
  return insert(make(Opcode::Ret, types().getVoid(), {v}));
}

Inst *Builder::createPanic(Value *msg, SourceLoc loc) {
  return insert(make(Opcode::Panic, types().getVoid(), {msg}, loc));
}

Inst *Builder::createExit(Value *code) { return insert(make(Opcode::Exit, types().getVoid(), {code})); }

Inst *Builder::createUnreachable() { return insert(make(Opcode::Unreachable, types().getVoid(), {})); }

Inst *Builder::clone(const Inst &i, llvm::ArrayRef<Value *> operands,
                     llvm::ArrayRef<Block *> successors) {
  Inst *c = make(i.getOpcode(), i.getType(), operands, i.getLoc());
  c->typeOperand_ = i.typeOperand_;
  c->index_ = i.index_;
  c->callee_ = i.callee_;
  c->name_ = i.name_;
  if (!successors.empty()) {
    Block **succ = m_.getArena().Allocate<Block *>(successors.size());
    std::copy(successors.begin(), successors.end(), succ);
    c->succs_ = llvm::MutableArrayRef<Block *>(succ, successors.size());
  }
  return c;
}
