//===- Builder.h - Creating IR instructions ---------------------*- C++ -*-===//
//
// Appends instructions to an insertion block and computes their result types
// (docs/ir.md). Allocas go to the front of the function's entry block,
// whatever the insertion point, so that every local has one slot.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_IR_BUILDER_H
#define STENCIL_IR_BUILDER_H

#include "stencil/IR/IR.h"

namespace stencil::ir {

class Builder {
public:
  explicit Builder(Module &m) : m_(m) {}

  Module &getModule() { return m_; }
  TypeTable &types() { return m_.types(); }

  /// Starts building \p f: its entry block is created when it has none.
  void startFunction(Function *f);
  void setInsertPoint(Block *b) { block_ = b; }
  Block *getInsertBlock() const { return block_; }
  Function *getFunction() const { return fn_; }
  /// The insertion block already ends in a terminator: what follows is dead.
  bool isTerminated() const { return block_->getTerminator() != nullptr; }

  Inst *createAlloca(const Type *t, llvm::StringRef name);
  Inst *createLoad(Value *ptr);
  Inst *createStore(Value *ptr, Value *v);
  Inst *createFieldAddr(Value *ptr, unsigned index);
  Inst *createElemAddr(Value *slice, Value *index, SourceLoc loc);
  Inst *createFieldGet(Value *v, unsigned index);
  Inst *createStructNew(const Type *t, llvm::ArrayRef<Value *> fields);

  /// Arithmetic, bitwise, comparison and string-concatenation instructions
  /// with two operands; div and rem take the location of their panic.
  Inst *createBinary(Opcode op, Value *lhs, Value *rhs, SourceLoc loc = SourceLoc());
  /// neg, bitnot, fneg, not, itof, ftoi, str.len, slice.len, slice.cap, str, hash.
  Inst *createUnary(Opcode op, Value *v);

  Inst *createStrIndex(Value *s, Value *index, SourceLoc loc);
  /// str.slice or slice.slice.
  Inst *createSlice(Value *s, Value *lo, Value *hi, SourceLoc loc);
  Inst *createSliceMake(const Type *sliceType, Value *n, SourceLoc loc);
  Inst *createSliceNew(const Type *sliceType, llvm::ArrayRef<Value *> elems);
  Inst *createAppend(Value *s, llvm::ArrayRef<Value *> elems);
  /// print or println.
  Inst *createPrint(Opcode op, llvm::ArrayRef<Value *> args);

  /// \p loc: the call site (the inliner's remarks name it).
  Inst *createCall(Function *callee, llvm::ArrayRef<Value *> args, SourceLoc loc = SourceLoc());
  Inst *createCallValue(Value *fn, llvm::ArrayRef<Value *> args, SourceLoc loc);

  Inst *createBr(Block *dest);
  Inst *createCondBr(Value *cond, Block *ifTrue, Block *ifFalse);
  Inst *createRet(Value *v = nullptr);
  Inst *createPanic(Value *msg, SourceLoc loc);
  Inst *createExit(Value *code);
  Inst *createUnreachable();

  /// A copy of \p i (opcode, type, location, type operand, field index,
  /// callee, name) with other operands and successors, not inserted anywhere.
  Inst *clone(const Inst &i, llvm::ArrayRef<Value *> operands, llvm::ArrayRef<Block *> successors);

private:
  Inst *make(Opcode op, const Type *type, llvm::ArrayRef<Value *> ops, SourceLoc loc = SourceLoc());
  Inst *insert(Inst *i) {
    block_->append(i);
    return i;
  }

  Module &m_;
  Function *fn_ = nullptr;
  Block *block_ = nullptr;
  unsigned numAllocas_ = 0; // allocas at the front of fn_'s entry block
};

} // namespace stencil::ir

#endif
