#include "stencil/IR/Builder.h"
#include "stencil/IR/IR.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <iterator>

using namespace stencil;
using namespace stencil::ir;

namespace {

class VerifierTest : public ::testing::Test {
protected:
  Module m;
  Builder b{m};
  const Type *voidT = m.types().getVoid();
  const Type *boolT = m.types().getBool();
  const Type *intT = m.types().getInt();
  const Type *floatT = m.types().getFloat();
  const Type *stringT = m.types().getString();
  /// Any valid location: the verifier only checks that there is one.
  SourceLoc loc = SourceLoc::fromRaw(1);
  std::string errors;

  /// A function with parameters named p0, p1, ... (no body yet).
  Function *function(llvm::StringRef name, llvm::ArrayRef<const Type *> params,
                     const Type *result) {
    Function *f = m.createFunction(name.str(), m.types().getFunc(params, result));
    for (unsigned k = 0; k < params.size(); ++k) {
      llvm::StringRef pname = m.copyString("p" + std::to_string(k));
      f->addParam(new (m.getArena().Allocate<Param>()) Param(params[k], k, pname));
    }
    return f;
  }
  /// `fn @name()` with the builder at its entry block.
  Function *start(llvm::StringRef name) {
    Function *f = function(name, {}, voidT);
    b.startFunction(f);
    return f;
  }
  /// `fn @name() { entry: ret }`.
  Function *trivial(llvm::StringRef name) {
    Function *f = start(name);
    b.createRet();
    return f;
  }

  bool verify() {
    errors.clear();
    llvm::raw_string_ostream os(errors);
    return verifyModule(m, os);
  }
};

//===----------------------------------------------------------------------===//
// Well-formed modules
//===----------------------------------------------------------------------===//

TEST_F(VerifierTest, EmptyModule) {
  EXPECT_TRUE(verify());
  EXPECT_EQ(errors, "");
}

TEST_F(VerifierTest, MaxWithCondBr) {
  Function *f = function("main.max", {intT, intT}, intT);
  b.startFunction(f);
  Block *ifTrue = f->createBlock("then");
  Block *ifFalse = f->createBlock("else");
  Inst *c = b.createBinary(Opcode::CmpGt, f->params()[0], f->params()[1]);
  b.createCondBr(c, ifTrue, ifFalse);
  b.setInsertPoint(ifTrue);
  b.createRet(f->params()[0]);
  b.setInsertPoint(ifFalse);
  b.createRet(f->params()[1]);
  EXPECT_TRUE(verify());
  EXPECT_EQ(errors, "");
}

TEST_F(VerifierTest, StructFields) {
  StructLayout *point = m.createStruct("main.Point", Hash128{});
  point->addField("x", intT);
  point->addField("y", floatT);
  point->setComplete();
  const Type *pointT = point->getType();

  Function *f = function("main.f", {}, floatT);
  b.startFunction(f);
  Inst *p = b.createAlloca(pointT, "p");
  b.createStore(p, b.createStructNew(pointT, {m.getInt(1), m.getFloat(2.0)}));
  Inst *y = b.createFieldAddr(p, 1);
  b.createStore(y, m.getFloat(1.5));
  Inst *x = b.createFieldGet(b.createLoad(p), 0);
  Inst *xf = b.createUnary(Opcode::IntToFloat, x);
  b.createRet(b.createBinary(Opcode::FAdd, b.createLoad(y), xf));
  EXPECT_TRUE(verify());
  EXPECT_EQ(errors, "");
}

TEST_F(VerifierTest, CallBetweenFunctions) {
  Function *twice = function("main.twice", {intT}, intT);
  b.startFunction(twice);
  b.createRet(b.createBinary(Opcode::Mul, twice->params()[0], m.getInt(2)));

  Function *main = start("main.main");
  m.setEntry(main);
  Inst *r = b.createCall(twice, {m.getInt(21)});
  b.createPrint(Opcode::Println, {r});
  b.createRet();
  EXPECT_TRUE(verify());
  EXPECT_EQ(errors, "");
}

TEST_F(VerifierTest, Loop) {
  // sum(n) = 0 + 1 + ... + (n - 1)
  Function *f = function("main.sum", {intT}, intT);
  b.startFunction(f);
  Block *loop = f->createBlock("loop");
  Block *body = f->createBlock("body");
  Block *done = f->createBlock("done");
  Inst *i = b.createAlloca(intT, "i");
  Inst *s = b.createAlloca(intT, "s");
  b.createStore(i, m.getInt(0));
  b.createStore(s, m.getInt(0));
  b.createBr(loop);
  b.setInsertPoint(loop);
  Inst *iv = b.createLoad(i);
  b.createCondBr(b.createBinary(Opcode::CmpLt, iv, f->params()[0]), body, done);
  b.setInsertPoint(body);
  // Allocas made here still go to the front of the entry block.
  Inst *t = b.createAlloca(intT, "t");
  b.createStore(t, b.createLoad(i));
  b.createStore(s, b.createBinary(Opcode::Add, b.createLoad(s), b.createLoad(t)));
  b.createStore(i, b.createBinary(Opcode::Add, b.createLoad(i), m.getInt(1)));
  b.createBr(loop);
  b.setInsertPoint(done);
  b.createRet(b.createLoad(s));
  EXPECT_TRUE(verify());
  EXPECT_EQ(errors, "");
}

TEST_F(VerifierTest, EveryKindOfInstruction) {
  const Type *ints = m.types().getSlice(intT);
  Global *count = m.createGlobal("main.count", intT);
  Function *init = start("main.init");
  init->setInitializer();
  m.addInitializer(init);
  b.createStore(count->getRef(), m.getInt(3));
  b.createRet();

  Function *inc = function("main.inc", {intT}, intT);
  b.startFunction(inc);
  b.createRet(b.createBinary(Opcode::Add, inc->params()[0], m.getInt(1)));

  Function *main = start("main.main");
  m.setEntry(main);
  Block *fail = main->createBlock("fail");
  Block *ok = main->createBlock("ok");
  Value *n = b.createLoad(count->getRef());
  Value *one = m.getInt(1);
  Value *two = m.getInt(2);
  for (Opcode op : {Opcode::Add, Opcode::Sub, Opcode::Mul, Opcode::And, Opcode::Or, Opcode::Xor,
                    Opcode::Shl, Opcode::Shr})
    b.createBinary(op, n, two);
  b.createBinary(Opcode::Div, n, two, loc);
  b.createBinary(Opcode::Rem, n, two, loc);
  b.createBinary(Opcode::And, m.getBool(true), m.getBool(false));
  b.createUnary(Opcode::Neg, n);
  b.createUnary(Opcode::BitNot, n);
  Value *f = b.createUnary(Opcode::IntToFloat, n);
  for (Opcode op : {Opcode::FAdd, Opcode::FSub, Opcode::FMul, Opcode::FDiv})
    b.createBinary(op, f, m.getFloat(0.5));
  b.createUnary(Opcode::FloatToInt, b.createUnary(Opcode::FNeg, f));
  b.createUnary(Opcode::Not, m.getBool(true));
  for (Opcode op :
       {Opcode::CmpEq, Opcode::CmpNe, Opcode::CmpLt, Opcode::CmpLe, Opcode::CmpGt, Opcode::CmpGe})
    b.createBinary(op, f, m.getFloat(1.0));
  b.createBinary(Opcode::CmpEq, m.getBool(true), m.getBool(false));
  Value *str = b.createBinary(Opcode::StrConcat, m.getString("a"), b.createUnary(Opcode::ToStr, n));
  b.createUnary(Opcode::StrLen, str);
  b.createStrIndex(str, one, loc);
  b.createSlice(str, one, two, loc);
  b.createBinary(Opcode::CmpLt, str, m.getString("b"));
  b.createUnary(Opcode::HashOf, str);
  Value *s = b.createSliceMake(ints, two, loc);
  s = b.createAppend(s, {one, two});
  s = b.createAppend(b.createSliceNew(ints, {one, n}), {});
  b.createUnary(Opcode::SliceLen, s);
  b.createUnary(Opcode::SliceCap, s);
  s = b.createSlice(s, one, two, loc);
  b.createStore(b.createElemAddr(s, one, loc), m.getInt(9));
  b.createStore(b.createElemAddr(m.getZero(ints), one, loc), m.getInt(9));
  Value *r = b.createCallValue(m.getFuncRef(inc), {n}, loc);
  b.createCallValue(m.getZero(inc->getType()), {r}, loc);
  b.createPrint(Opcode::Print, {str, r, f, m.getBool(true)});
  b.createPrint(Opcode::Println, {});
  b.createCondBr(b.createBinary(Opcode::CmpNe, r, m.getInt(4)), fail, ok);
  b.setInsertPoint(fail);
  b.createPanic(m.getString("bad"), loc);
  b.setInsertPoint(ok);
  b.createExit(m.getInt(0));

  Function *never = start("main.never");
  b.createUnreachable();
  (void)never;

  EXPECT_TRUE(verify());
  EXPECT_EQ(errors, "");
}

//===----------------------------------------------------------------------===//
// Blocks and terminators
//===----------------------------------------------------------------------===//

TEST_F(VerifierTest, MissingTerminator) {
  start("f");
  b.createPrint(Opcode::Println, {m.getString("hi")});
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors,
            "verifier: in function @f, block entry: the block does not end in a terminator\n");
}

TEST_F(VerifierTest, TerminatorBeforeTheEnd) {
  start("f");
  b.createRet();
  b.createPrint(Opcode::Println, {});
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] ret: terminator before the end of the block\n");
}

TEST_F(VerifierTest, EmptyBlock) {
  Function *f = trivial("f");
  f->createBlock("dead");
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block dead: empty block\n");
}

TEST_F(VerifierTest, BranchToBlockOfAnotherFunction) {
  Function *g = trivial("g");
  start("f");
  b.createBr(g->getEntry());
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block entry: [0] br: successor 0 is a block of @g, "
                    "not of this function\n");
}

TEST_F(VerifierTest, NullSuccessor) {
  Function *f = start("f");
  Block *next = f->createBlock("next");
  b.createCondBr(m.getBool(true), next, nullptr);
  b.setInsertPoint(next);
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block entry: [0] condbr: successor 1 is null\n");
}

TEST_F(VerifierTest, InstructionWithAnotherParent) {
  Function *f = start("f");
  Block *other = f->createBlock("other");
  Inst *p = b.createPrint(Opcode::Println, {});
  b.createRet();
  b.setInsertPoint(other);
  b.createRet();
  // `p` stays in entry and is also listed, without reparenting, in `other`.
  other->insts().insert(other->insts().begin(), p);
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block other: [0] println: the instruction's parent "
                    "is not this block\n"
                    "verifier: in function @f, block other: [0] println: the instruction appears "
                    "more than once in "
                    "the function\n");
}

TEST_F(VerifierTest, AllocaOutsideTheEntryBlock) {
  Function *f = start("f");
  Block *next = f->createBlock("next");
  b.createBr(next);
  b.setInsertPoint(next);
  Inst *x = b.createAlloca(intT, "x"); // the builder puts it in the entry block
  Block *entry = f->getEntry();
  ASSERT_EQ(entry->insts().front(), x);
  entry->insts().erase(entry->insts().begin());
  next->append(x);
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block next: [0] alloca: not in the entry block\n");
}

TEST_F(VerifierTest, AllocaAfterOtherInstructions) {
  Function *f = start("f");
  b.createPrint(Opcode::Println, {});
  b.createAlloca(intT, "x");
  b.createRet();
  Block::InstList &insts = f->getEntry()->insts();
  std::swap(insts[0], insts[1]); // println, alloca, ret
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [1] alloca: not at the front of the entry block\n");
}

TEST_F(VerifierTest, BlockLabelsAreThePrintedOnes) {
  Function *f = start("f");
  Block *loop1 = f->createBlock("loop");
  Block *loop2 = f->createBlock("loop");
  b.createBr(loop1);
  b.setInsertPoint(loop1);
  b.createBr(loop2);
  (void)loop2; // left empty
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block loop.1: empty block\n");
}

//===----------------------------------------------------------------------===//
// Operands
//===----------------------------------------------------------------------===//

TEST_F(VerifierTest, UseOfAnInstructionOfAnotherFunction) {
  start("g");
  Inst *x = b.createAlloca(intT, "x");
  Inst *v = b.createLoad(x);
  b.createRet();
  start("f");
  b.createPrint(Opcode::Println, {v});
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] println: operand 0 is not an instruction of this "
      "function\n");
}

TEST_F(VerifierTest, UseBeforeDefinitionInABlock) {
  start("f");
  Inst *a = b.createBinary(Opcode::Add, m.getInt(1), m.getInt(2));
  Inst *c = b.createBinary(Opcode::Add, a, m.getInt(3));
  a->setOperand(0, c);
  b.createPrint(Opcode::Println, {c});
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] add: operand 0 is used before its definition\n");
}

TEST_F(VerifierTest, ParameterOfAnotherFunction) {
  Function *g = function("g", {intT}, voidT);
  b.startFunction(g);
  b.createRet();
  start("f");
  b.createPrint(Opcode::Println, {g->params()[0]});
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block entry: [0] println: operand 0 is not a "
                    "parameter of this function\n");
}

TEST_F(VerifierTest, NullOperand) {
  start("f");
  Inst *x = b.createAlloca(intT, "x");
  Inst *st = b.createStore(x, m.getInt(1));
  b.createRet();
  st->setOperand(1, nullptr);
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: in function @f, block entry: [1] store: operand 1 is null\n");
}

TEST_F(VerifierTest, VoidOperand) {
  start("f");
  Inst *p = b.createPrint(Opcode::Println, {});
  b.createPrint(Opcode::Println, {p});
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [1] println: operand 0 has type void\n"
      "verifier: in function @f, block entry: [1] println: operand 0 must be int, float, bool or "
      "string, not void\n");
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

TEST_F(VerifierTest, StoreOfTheWrongType) {
  start("f");
  Inst *x = b.createAlloca(stringT, "x");
  Inst *st = b.createStore(x, m.getString("s"));
  b.createRet();
  st->setOperand(1, m.getInt(1));
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [1] store: operand 1 must be string, not int\n");
}

TEST_F(VerifierTest, LoadOfANonPointer) {
  start("f");
  Inst *x = b.createAlloca(intT, "x");
  Inst *ld = b.createLoad(x);
  b.createRet();
  ld->setOperand(0, m.getInt(1));
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [1] load: operand 0 must be a pointer, not int\n");
}

TEST_F(VerifierTest, FieldOfTheWrongStruct) {
  StructLayout *one = m.createStruct("main.One", Hash128{});
  one->addField("a", intT);
  one->setComplete();
  StructLayout *two = m.createStruct("main.Two", Hash128{});
  two->addField("a", stringT);
  two->addField("b", intT);
  two->setComplete();
  start("f");
  Inst *p = b.createAlloca(two->getType(), "p");
  Inst *q = b.createAlloca(one->getType(), "q");
  Inst *fa = b.createFieldAddr(p, 1);
  Inst *fg = b.createFieldGet(b.createLoad(p), 0);
  b.createRet();
  fa->setOperand(0, q);               // field 1 of a one-field struct
  fg->setOperand(0, m.getZero(intT)); // not a struct
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors,
            "verifier: in function @f, block entry: [2] field.addr: field index 1 out of range for "
            "main.One (1 fields)\n"
            "verifier: in function @f, block entry: [4] field.get: operand 0 must be a struct, not "
            "int\n");
}

TEST_F(VerifierTest, ArithmeticOnTheWrongTypes) {
  start("f");
  b.createBinary(Opcode::Add, m.getInt(1), m.getFloat(1.5));
  b.createBinary(Opcode::FAdd, m.getFloat(1.5), m.getInt(1));
  b.createBinary(Opcode::Xor, m.getBool(true), m.getInt(1));
  b.createUnary(Opcode::Not, m.getInt(1));
  b.createBinary(Opcode::StrConcat, m.getString("a"), m.getInt(1));
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] add: operand 1 must be int, not float\n"
      "verifier: in function @f, block entry: [1] fadd: operand 1 must be float, not int\n"
      "verifier: in function @f, block entry: [2] xor: operands have different types bool and int\n"
      "verifier: in function @f, block entry: [3] not: operand 0 must be bool, not int\n"
      "verifier: in function @f, block entry: [3] not: result type is int, expected bool\n"
      "verifier: in function @f, block entry: [4] str.concat: operand 1 must be string, not int\n");
}

TEST_F(VerifierTest, OrderedComparisonOfBools) {
  start("f");
  b.createBinary(Opcode::CmpLt, m.getBool(true), m.getBool(false));
  b.createBinary(Opcode::CmpEq, m.getBool(true), m.getBool(false)); // fine
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] cmp.lt: operand 0 must be int, float or string, "
      "not bool\n"
      "verifier: in function @f, block entry: [0] cmp.lt: operand 1 must be int, float or string, "
      "not bool\n");
}

TEST_F(VerifierTest, SlicesAndAppend) {
  const Type *ints = m.types().getSlice(intT);
  start("f");
  Inst *s = b.createSliceNew(ints, {m.getInt(1)});
  b.createAppend(s, {m.getString("x")});
  b.createSliceMake(m.types().getSlice(intT), m.getFloat(2.0), loc);
  b.createUnary(Opcode::SliceLen, m.getString("abc"));
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [1] append: operand 1 must be int, not string\n"
      "verifier: in function @f, block entry: [2] slice.make: operand 0 must be int, not float\n"
      "verifier: in function @f, block entry: [3] slice.len: operand 0 must be a slice, not "
      "string\n");
}

TEST_F(VerifierTest, CallWithTheWrongNumberOfArguments) {
  Function *g = function("g", {intT, intT}, intT);
  b.startFunction(g);
  b.createRet(g->params()[0]);
  start("f");
  b.createCall(g, {m.getInt(1)});
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] call: calls @g with 1 argument, expected 2\n");
}

TEST_F(VerifierTest, CallOfAFunctionOfAnotherModule) {
  Module other;
  Function *g = other.createFunction("g", other.types().getFunc({}, other.types().getVoid()));
  start("f");
  b.createCall(g, {});
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] call: calls @g, which is not in the module\n");
}

TEST_F(VerifierTest, CallValueWithAnArgumentOfTheWrongType) {
  Function *g = function("g", {intT}, intT);
  b.startFunction(g);
  b.createRet(g->params()[0]);
  start("f");
  b.createCallValue(m.getFuncRef(g), {m.getString("s")}, loc);
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] call.value: operand 1 must be int, not string\n");
}

TEST_F(VerifierTest, ConditionIsNotBool) {
  Function *f = start("f");
  Block *next = f->createBlock("next");
  b.createCondBr(m.getInt(1), next, next);
  b.setInsertPoint(next);
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors,
            "verifier: in function @f, block entry: [0] condbr: operand 0 must be bool, not int\n");
}

TEST_F(VerifierTest, ReturnValueFromAVoidFunction) {
  start("f");
  b.createRet(m.getInt(1));
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] ret: returns a value from a function without a "
      "result\n");
}

TEST_F(VerifierTest, ReturnWithoutAValue) {
  Function *f = function("f", {}, intT);
  b.startFunction(f);
  b.createRet();
  Function *g = function("g", {}, intT);
  b.startFunction(g);
  b.createRet(m.getString("s"));
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] ret: returns no value from a function returning "
      "int\n"
      "verifier: in function @g, block entry: [0] ret: operand 0 must be int, not string\n");
}

TEST_F(VerifierTest, PanicWithoutALocation) {
  start("f");
  b.createBinary(Opcode::Div, m.getInt(1), m.getInt(0));
  b.createPanic(m.getString("boom"), SourceLoc());
  EXPECT_FALSE(verify());
  EXPECT_EQ(
      errors,
      "verifier: in function @f, block entry: [0] div: may panic but has no source location\n"
      "verifier: in function @f, block entry: [1] panic: may panic but has no source location\n");
}

TEST_F(VerifierTest, PanicAndExitOperands) {
  Function *f = start("f");
  Block *next = f->createBlock("next");
  b.createPanic(m.getInt(1), loc);
  b.setInsertPoint(next);
  b.createExit(m.getString("1"));
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors,
            "verifier: in function @f, block entry: [0] panic: operand 0 must be string, not int\n"
            "verifier: in function @f, block next: [0] exit: operand 0 must be int, not string\n");
}

//===----------------------------------------------------------------------===//
// The module
//===----------------------------------------------------------------------===//

TEST_F(VerifierTest, DuplicateFunctionNames) {
  trivial("main.f");
  trivial("main.f");
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: duplicate function name @main.f\n");
}

TEST_F(VerifierTest, IncompleteStruct) {
  StructLayout *s = m.createStruct("main.Node", Hash128{});
  s->addField("next", m.types().getSlice(s->getType()));
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: struct main.Node is incomplete but has fields\n");
  s->setComplete();
  EXPECT_TRUE(verify());
}

// An opaque layout (named only behind a slice) is fine until a value of it
// exists, or an element of a slice of it is reached.
TEST_F(VerifierTest, OpaqueStructHasNoValues) {
  StructLayout *opaque = m.createStruct("main.S[[]int]", Hash128{});
  StructLayout *outer = m.createStruct("main.S[int]", Hash128{});
  outer->addField("x", m.types().getSlice(opaque->getType()));
  outer->setComplete();
  EXPECT_TRUE(verify());
  EXPECT_EQ(errors, "");

  StructLayout *holder = m.createStruct("main.H", Hash128{});
  holder->addField("s", opaque->getType());
  holder->setComplete();
  start("f");
  Inst *slot = b.createAlloca(outer->getType(), "s");
  Inst *x = b.createLoad(b.createFieldAddr(slot, 0));
  b.createElemAddr(x, m.getInt(0), loc);
  b.createRet();
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors,
            "verifier: field s of struct main.H has the incomplete type main.S[[]int]\n"
            "verifier: in function @f, block entry: [3] elem.addr: the result has the incomplete "
            "type main.S[[]int]\n"
            "verifier: in function @f, block entry: [3] elem.addr: the element has the incomplete "
            "type main.S[[]int]\n");
}

TEST_F(VerifierTest, EntryAndInitializers) {
  Function *main = function("main.main", {intT}, intT);
  b.startFunction(main);
  b.createRet(main->params()[0]);
  m.setEntry(main);
  Function *init = function("main.init", {}, intT);
  b.startFunction(init);
  b.createRet(m.getInt(0));
  init->setInitializer();
  m.addInitializer(init);
  Module other;
  Function *stray =
      other.createFunction("x.init", other.types().getFunc({}, other.types().getVoid()));
  m.addInitializer(stray);
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors, "verifier: entry function @main.main must have no parameters\n"
                    "verifier: entry function @main.main must return void, not int\n"
                    "verifier: initializer @main.init must return void, not int\n"
                    "verifier: initializer @x.init is not in the module\n");
}

TEST_F(VerifierTest, ParametersMatchTheFunctionType) {
  Function *f = m.createFunction("f", m.types().getFunc({intT}, voidT));
  f->addParam(new (m.getArena().Allocate<Param>()) Param(floatT, 0, "a"));
  f->addParam(new (m.getArena().Allocate<Param>()) Param(floatT, 0, "b"));
  EXPECT_FALSE(verify());
  EXPECT_EQ(errors,
            "verifier: in function @f: has 2 parameters, but its type fn(int) has 1\n"
            "verifier: in function @f: parameter 0 has type float, but the function type says int\n"
            "verifier: in function @f: parameter 1 has index 0\n");
}

TEST_F(VerifierTest, ReportsEveryProblem) {
  trivial("f");
  trivial("f");
  start("g");
  b.createPrint(Opcode::Println, {m.getInt(1)});
  m.createStruct("main.S", Hash128{})->addField("x", intT);
  EXPECT_FALSE(verify());
  EXPECT_THAT(errors, ::testing::HasSubstr("verifier: duplicate function name @f\n"));
  EXPECT_THAT(errors, ::testing::HasSubstr("verifier: struct main.S is incomplete but has fields\n"));
  EXPECT_THAT(
      errors,
      ::testing::HasSubstr(
          "verifier: in function @g, block entry: the block does not end in a terminator\n"));
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 3);
}

//===----------------------------------------------------------------------===//
// Malformed instructions never crash the verifier
//===----------------------------------------------------------------------===//

TEST_F(VerifierTest, AnyOpcodeWithAnyOperands) {
  StructLayout *s = m.createStruct("main.S", Hash128{});
  s->addField("a", intT);
  s->setComplete();
  Function *g = trivial("g");
  Value *values[] = {m.getInt(1),
                     m.getFloat(1.0),
                     m.getBool(true),
                     m.getString("s"),
                     m.getZero(s->getType()),
                     m.getZero(m.types().getSlice(intT)),
                     m.getFuncRef(g),
                     m.getZero(m.types().getPtr(intT)),
                     nullptr};
  const Type *resultTypes[] = {nullptr, voidT, intT, m.types().getPtr(intT)};
  unsigned numValues = std::size(values);
  for (unsigned op = 0; op < kNumOpcodes; ++op) {
    for (unsigned numOps = 0; numOps <= 3; ++numOps) {
      for (unsigned pick = 0; pick < numValues; ++pick) {
        for (const Type *result : resultTypes) {
          Value **ops = m.getArena().Allocate<Value *>(3);
          for (unsigned k = 0; k < numOps; ++k)
            ops[k] = values[(pick + k) % numValues];
          Function *f = start("f" + std::to_string(m.functions().size()));
          auto *i = new (m.getArena().Allocate<Inst>())
              Inst(static_cast<Opcode>(op), result, llvm::MutableArrayRef<Value *>(ops, numOps),
                   SourceLoc());
          f->getEntry()->append(i);
        }
      }
    }
  }
  // Unreachable, br-less and zero-operand instructions may be fine alone;
  // most are not. What matters is that checking them all does not crash.
  EXPECT_FALSE(verify());
  EXPECT_THAT(errors, ::testing::HasSubstr("operand 0 is null"));
  EXPECT_THAT(errors, ::testing::HasSubstr("the instruction has no type"));
}

} // namespace
