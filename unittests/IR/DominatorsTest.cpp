//===- DominatorsTest.cpp - ir::DominatorTree on hand-built CFGs ----------===//
//
// Each CFG is built with ir::Builder and verified first, so the questions are
// asked of IR the inliner could meet. Blocks dominate themselves; an
// instruction dominates another when it comes before it on every path (so
// not itself); unreachable blocks dominate nothing and are dominated by
// nothing.
//
//===----------------------------------------------------------------------===//
#include "stencil/IR/Dominators.h"
#include "stencil/IR/Builder.h"
#include "stencil/IR/IR.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace stencil;
using namespace stencil::ir;

namespace {

class DominatorsTest : public ::testing::Test {
protected:
  Module m;
  Builder b{m};
  const Type *voidT = m.types().getVoid();
  const Type *boolT = m.types().getBool();
  const Type *intT = m.types().getInt();

  /// `fn @name(%p0 bool, %p1 bool, %p2 int)` with the builder at its entry.
  Function *start(llvm::StringRef name) {
    std::vector<const Type *> params{boolT, boolT, intT};
    Function *f = m.createFunction(name.str(), m.types().getFunc(params, voidT));
    for (unsigned k = 0; k < params.size(); ++k) {
      llvm::StringRef pname = m.copyString("p" + std::to_string(k));
      f->addParam(new (m.getArena().Allocate<Param>()) Param(params[k], k, pname));
    }
    b.startFunction(f);
    return f;
  }
  Value *cond(Function *f, unsigned k = 0) { return f->params()[k]; }
  Value *num(Function *f) { return f->params()[2]; }

  void expectValid() {
    std::string errors;
    llvm::raw_string_ostream os(errors);
    EXPECT_TRUE(verifyModule(m, os)) << errors;
  }
};

/// The relation over \p blocks as a matrix of 0/1, row a, column b: 1 when a
/// dominates b (a failure then prints the whole relation).
std::vector<std::string> relation(const DominatorTree &dt, llvm::ArrayRef<Block *> blocks) {
  std::vector<std::string> rows;
  for (Block *a : blocks) {
    std::string row;
    for (Block *x : blocks)
      row += dt.dominates(a, x) ? '1' : '0';
    rows.push_back(a->getName().str() + " " + row);
  }
  return rows;
}

// entry -> then, else -> merge.
TEST_F(DominatorsTest, Diamond) {
  Function *f = start("main.diamond");
  Block *entry = f->getEntry();
  Block *thenB = f->createBlock("then");
  Block *elseB = f->createBlock("else");
  Block *merge = f->createBlock("merge");
  b.createCondBr(cond(f), thenB, elseB);
  b.setInsertPoint(thenB);
  b.createBr(merge);
  b.setInsertPoint(elseB);
  b.createBr(merge);
  b.setInsertPoint(merge);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, thenB, elseB, merge}),
            (std::vector<std::string>{"entry 1111", "then 0100", "else 0010", "merge 0001"}));
}

// The same diamond with the merge block created (and listed) before the
// branches: the tree follows the edges, not the block order.
TEST_F(DominatorsTest, BlockOrderDoesNotMatter) {
  Function *f = start("main.order");
  Block *entry = f->getEntry();
  Block *merge = f->createBlock("merge");
  Block *elseB = f->createBlock("else");
  Block *thenB = f->createBlock("then");
  b.createCondBr(cond(f), thenB, elseB);
  b.setInsertPoint(merge);
  b.createRet();
  b.setInsertPoint(elseB);
  b.createBr(merge);
  b.setInsertPoint(thenB);
  b.createBr(merge);
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, thenB, elseB, merge}),
            (std::vector<std::string>{"entry 1111", "then 0100", "else 0010", "merge 0001"}));
}

// A one-sided if: entry -> then -> end and entry -> end. `then` does not
// dominate `end`.
TEST_F(DominatorsTest, IfWithoutElse) {
  Function *f = start("main.if");
  Block *entry = f->getEntry();
  Block *thenB = f->createBlock("then");
  Block *end = f->createBlock("end");
  b.createCondBr(cond(f), thenB, end);
  b.setInsertPoint(thenB);
  b.createBr(end);
  b.setInsertPoint(end);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, thenB, end}),
            (std::vector<std::string>{"entry 111", "then 010", "end 001"}));
}

// A while loop: entry -> cond; cond -> body, exit; body -> cond (the back
// edge). The header dominates the body and the exit; the body dominates
// neither, although it precedes the header's later visits.
TEST_F(DominatorsTest, Loop) {
  Function *f = start("main.loop");
  Block *entry = f->getEntry();
  Block *header = f->createBlock("while.cond");
  Block *body = f->createBlock("while.body");
  Block *exit = f->createBlock("while.end");
  b.createBr(header);
  b.setInsertPoint(header);
  b.createCondBr(cond(f), body, exit);
  b.setInsertPoint(body);
  b.createBr(header);
  b.setInsertPoint(exit);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, header, body, exit}),
            (std::vector<std::string>{"entry 1111", "while.cond 0111", "while.body 0010",
                                      "while.end 0001"}));
}

// A loop whose body has an if with a `continue`-like edge straight back to
// the header and a `break`-like edge to the exit: body.then reaches both,
// dominates neither.
TEST_F(DominatorsTest, LoopWithBreakAndContinue) {
  Function *f = start("main.loop2");
  Block *entry = f->getEntry();
  Block *header = f->createBlock("for.cond");
  Block *body = f->createBlock("for.body");
  Block *brk = f->createBlock("if.then");
  Block *step = f->createBlock("for.step");
  Block *exit = f->createBlock("for.end");
  b.createBr(header);
  b.setInsertPoint(header);
  b.createCondBr(cond(f), body, exit);
  b.setInsertPoint(body);
  b.createCondBr(cond(f, 1), brk, step);
  b.setInsertPoint(brk);
  b.createBr(exit);
  b.setInsertPoint(step);
  b.createBr(header);
  b.setInsertPoint(exit);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, header, body, brk, step, exit}),
            (std::vector<std::string>{"entry 111111", "for.cond 011111", "for.body 001110",
                                      "if.then 000100", "for.step 000010", "for.end 000001"}));
}

// if c1 { if c2 { A } B } C, as lowering makes it:
// entry -> if.then, if.end; if.then -> if.then.1, if.end.1;
// if.then.1 -> if.end.1; if.end.1 -> if.end.
TEST_F(DominatorsTest, NestedIfs) {
  Function *f = start("main.nested");
  Block *entry = f->getEntry();
  Block *outerThen = f->createBlock("if.then");
  Block *innerThen = f->createBlock("if.then.1");
  Block *innerEnd = f->createBlock("if.end.1");
  Block *outerEnd = f->createBlock("if.end");
  b.createCondBr(cond(f), outerThen, outerEnd);
  b.setInsertPoint(outerThen);
  b.createCondBr(cond(f, 1), innerThen, innerEnd);
  b.setInsertPoint(innerThen);
  b.createBr(innerEnd);
  b.setInsertPoint(innerEnd);
  b.createBr(outerEnd);
  b.setInsertPoint(outerEnd);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, outerThen, innerThen, innerEnd, outerEnd}),
            (std::vector<std::string>{"entry 11111", "if.then 01110", "if.then.1 00100",
                                      "if.end.1 00010", "if.end 00001"}));
}

// An irreducible cycle: entry -> a, entry -> b, a <-> b, both -> exit.
// Neither a nor b dominates the other (each is reached from entry without
// the other), nor the exit.
TEST_F(DominatorsTest, IrreducibleCycle) {
  Function *f = start("main.irreducible");
  Block *entry = f->getEntry();
  Block *a = f->createBlock("a");
  Block *bb = f->createBlock("b");
  Block *exit = f->createBlock("exit");
  b.createCondBr(cond(f), a, bb);
  b.setInsertPoint(a);
  b.createCondBr(cond(f, 1), bb, exit);
  b.setInsertPoint(bb);
  b.createCondBr(cond(f, 1), a, exit);
  b.setInsertPoint(exit);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, a, bb, exit}),
            (std::vector<std::string>{"entry 1111", "a 0100", "b 0010", "exit 0001"}));
}

// A block no edge reaches (what `return` leaves behind before dead-code
// removal) dominates nothing, not even itself, and is dominated by nothing.
// Its edge into a reachable block changes nothing there: `then` still
// dominates `merge`, whose only reachable predecessor it is.
TEST_F(DominatorsTest, UnreachableBlock) {
  Function *f = start("main.dead");
  Block *entry = f->getEntry();
  Block *thenB = f->createBlock("then");
  Block *dead = f->createBlock("dead");
  Block *merge = f->createBlock("merge");
  Block *other = f->createBlock("other");
  b.createCondBr(cond(f), thenB, other);
  b.setInsertPoint(thenB);
  b.createBr(merge);
  b.setInsertPoint(dead);
  b.createBr(merge);
  b.setInsertPoint(merge);
  b.createRet();
  b.setInsertPoint(other);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_EQ(relation(dt, {entry, thenB, dead, merge, other}),
            (std::vector<std::string>{"entry 11011", "then 01010", "dead 00000", "merge 00010",
                                      "other 00001"}));
}

// Instructions: in one block, the earlier dominates the later, not the
// reverse, and none dominates itself; across blocks, the blocks decide.
TEST_F(DominatorsTest, Instructions) {
  Function *f = start("main.insts");
  Block *thenB = f->createBlock("then");
  Block *elseB = f->createBlock("else");
  Block *merge = f->createBlock("merge");
  Inst *slot = b.createAlloca(intT, "x");
  Inst *store = b.createStore(slot, num(f));
  Inst *sum = b.createBinary(Opcode::Add, num(f), m.getInt(1));
  Inst *br = b.createCondBr(cond(f), thenB, elseB);
  b.setInsertPoint(thenB);
  Inst *thenLoad = b.createLoad(slot);
  Inst *thenStore = b.createStore(slot, b.createBinary(Opcode::Mul, thenLoad, sum));
  b.createBr(merge);
  b.setInsertPoint(elseB);
  Inst *elseLoad = b.createLoad(slot);
  b.createBr(merge);
  b.setInsertPoint(merge);
  Inst *mergeLoad = b.createLoad(slot);
  Inst *ret = b.createRet();
  expectValid();

  DominatorTree dt(*f);
  // Within the entry block.
  EXPECT_TRUE(dt.dominates(slot, store));
  EXPECT_TRUE(dt.dominates(store, sum));
  EXPECT_TRUE(dt.dominates(store, br));
  EXPECT_FALSE(dt.dominates(sum, store));
  EXPECT_FALSE(dt.dominates(br, slot));
  EXPECT_FALSE(dt.dominates(store, store));
  // From the entry block to the others.
  EXPECT_TRUE(dt.dominates(store, thenLoad));
  EXPECT_TRUE(dt.dominates(store, elseLoad));
  EXPECT_TRUE(dt.dominates(store, mergeLoad));
  EXPECT_TRUE(dt.dominates(br, mergeLoad));
  EXPECT_FALSE(dt.dominates(mergeLoad, store));
  // A store on one side of the diamond dominates what follows it there, not
  // the other side nor the merge.
  EXPECT_TRUE(dt.dominates(thenLoad, thenStore));
  EXPECT_FALSE(dt.dominates(thenStore, thenLoad));
  EXPECT_FALSE(dt.dominates(thenStore, elseLoad));
  EXPECT_FALSE(dt.dominates(thenStore, mergeLoad));
  EXPECT_FALSE(dt.dominates(elseLoad, mergeLoad));
  EXPECT_TRUE(dt.dominates(mergeLoad, ret));
}

// A store in a loop body dominates the loads after it in the body, but not
// the header's load (reached first from the entry) nor the exit's.
TEST_F(DominatorsTest, InstructionsInLoop) {
  Function *f = start("main.loopinsts");
  Block *header = f->createBlock("while.cond");
  Block *body = f->createBlock("while.body");
  Block *exit = f->createBlock("while.end");
  Inst *slot = b.createAlloca(intT, "x");
  Inst *init = b.createStore(slot, m.getInt(0));
  b.createBr(header);
  b.setInsertPoint(header);
  Inst *headerLoad = b.createLoad(slot);
  b.createCondBr(cond(f), body, exit);
  b.setInsertPoint(body);
  Inst *bodyStore = b.createStore(slot, b.createBinary(Opcode::Add, headerLoad, m.getInt(1)));
  Inst *bodyLoad = b.createLoad(slot);
  b.createBr(header);
  b.setInsertPoint(exit);
  Inst *exitLoad = b.createLoad(slot);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_TRUE(dt.dominates(init, headerLoad));
  EXPECT_TRUE(dt.dominates(init, bodyLoad));
  EXPECT_TRUE(dt.dominates(init, exitLoad));
  EXPECT_TRUE(dt.dominates(headerLoad, bodyStore));
  EXPECT_TRUE(dt.dominates(bodyStore, bodyLoad));
  EXPECT_FALSE(dt.dominates(bodyStore, headerLoad));
  EXPECT_FALSE(dt.dominates(bodyStore, exitLoad));
  EXPECT_FALSE(dt.dominates(bodyLoad, exitLoad));
}

// An instruction in an unreachable block neither dominates nor is dominated
// by one in another block.
TEST_F(DominatorsTest, InstructionsAcrossUnreachableBlock) {
  Function *f = start("main.deadinsts");
  Block *dead = f->createBlock("dead");
  Block *end = f->createBlock("end");
  Inst *slot = b.createAlloca(intT, "x");
  Inst *store = b.createStore(slot, num(f));
  b.createBr(end);
  b.setInsertPoint(dead);
  Inst *deadStore = b.createStore(slot, m.getInt(7));
  b.createBr(end);
  b.setInsertPoint(end);
  Inst *load = b.createLoad(slot);
  b.createRet();
  expectValid();

  DominatorTree dt(*f);
  EXPECT_TRUE(dt.dominates(store, load));
  EXPECT_FALSE(dt.dominates(deadStore, load));
  EXPECT_FALSE(dt.dominates(store, deadStore));
}

// A chain of 100,000 blocks: the walk keeps its own stack (no recursion), and
// the first block dominates the last.
TEST_F(DominatorsTest, LongChain) {
  Function *f = start("main.chain");
  std::vector<Block *> blocks{f->getEntry()};
  for (int k = 0; k < 100000; ++k) {
    Block *next = f->createBlock("next");
    b.createBr(next);
    b.setInsertPoint(next);
    blocks.push_back(next);
  }
  b.createRet();

  DominatorTree dt(*f);
  EXPECT_TRUE(dt.dominates(blocks.front(), blocks.back()));
  EXPECT_TRUE(dt.dominates(blocks[500], blocks[99999]));
  EXPECT_FALSE(dt.dominates(blocks.back(), blocks.front()));
  EXPECT_FALSE(dt.dominates(blocks[70000], blocks[69999]));
}

// A function without a body has no blocks to ask about; building the tree
// is harmless.
TEST_F(DominatorsTest, Declaration) {
  Function *f = m.createFunction("main.decl", m.types().getFunc({}, voidT));
  DominatorTree dt(*f);
  SUCCEED();
}

} // namespace
