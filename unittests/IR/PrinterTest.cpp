#include "stencil/Basic/SourceManager.h"
#include "stencil/IR/Builder.h"
#include "stencil/IR/IR.h"
#include "gtest/gtest.h"

using namespace stencil;
using namespace stencil::ir;

namespace {

Param *makeParam(Module &m, const Type *t, unsigned index, llvm::StringRef name) {
  return new (m.getArena().Allocate<Param>()) Param(t, index, m.copyString(name));
}

std::string print(const Module &m, const SourceManager *sm = nullptr) {
  std::string text;
  llvm::raw_string_ostream os(text);
  m.print(os, sm);
  return text;
}

TEST(PrinterTest, Module) {
  Module m;
  Builder b(m);
  TypeTable &types = m.types();
  const Type *intT = types.getInt();
  const Type *floatT = types.getFloat();
  const Type *voidT = types.getVoid();

  StructLayout *point = m.createStruct("main.Point", Hash128{});
  point->addField("x", intT);
  point->addField("y", floatT);
  point->setComplete();
  const Type *pointT = point->getType();
  StructLayout *pair = m.createStruct("main.Pair[int, string]", Hash128{});
  pair->setInstance(true);
  pair->addField("first", intT);
  pair->addField("second", types.getString());
  pair->setComplete();
  Global *count = m.createGlobal("main.count", intT);
  m.createGlobal("main.names", types.getSlice(types.getString()));

  const Type *binaryT = types.getFunc({intT, intT}, intT);
  Function *add = m.createFunction("main.add", binaryT);
  add->addParam(makeParam(m, intT, 0, "a"));
  add->addParam(makeParam(m, intT, 1, ""));
  add->setInlineHint(InlineHint::Inline);
  b.startFunction(add);
  b.createRet(b.createBinary(Opcode::Add, add->params()[0], add->params()[1]));

  Function *init = m.createFunction("main.init", types.getFunc({}, voidT));
  init->setInitializer();
  m.addInitializer(init);
  b.startFunction(init);
  b.createStore(count->getRef(), m.getInt(-7));
  b.createRet();

  Function *main = m.createFunction("main.main", types.getFunc({}, voidT));
  m.setEntry(main);
  b.startFunction(main);
  Block *ifTrue = main->createBlock("then");
  Block *ifFalse = main->createBlock("else");
  Block *done = main->createBlock("done");
  Inst *x = b.createAlloca(intT, "x");
  Inst *x1 = b.createAlloca(floatT, "x");
  Inst *p = b.createAlloca(pointT, "p");
  b.createStore(x, b.createCall(add, {m.getInt(1), m.getInt(2)}));
  b.createStore(x1, m.getFloat(1.0));
  Inst *f = b.createBinary(Opcode::FAdd, b.createLoad(x1), m.getFloat(0.1));
  f = b.createBinary(Opcode::FMul, f, m.getFloat(1e100));
  b.createStore(p, m.getZero(pointT));
  b.createStore(b.createFieldAddr(p, 1), f);
  Inst *n = b.createLoad(count->getRef());
  b.createCondBr(b.createBinary(Opcode::CmpLt, n, m.getInt(10)), ifTrue, ifFalse);
  b.setInsertPoint(ifTrue);
  b.createPrint(Opcode::Println,
                {m.getString("hi \"there\"\n\x01\\"), n, b.createFieldGet(b.createLoad(p), 0)});
  b.createBr(done);
  b.setInsertPoint(ifFalse);
  Inst *r = b.createCallValue(m.getFuncRef(add), {n, m.getInt(3)}, SourceLoc::fromRaw(1));
  b.createStore(count->getRef(), r);
  b.createBr(done);
  b.setInsertPoint(done);
  b.createRet();

  std::string errors;
  llvm::raw_string_ostream errStream(errors);
  EXPECT_TRUE(verifyModule(m, errStream)) << errors;

  EXPECT_EQ(print(m), R"(; stencil IR
entry @main.main
init @main.init

struct main.Point { x int, y float }
struct main.Pair[int, string] instance { first int, second string }

global @main.count int
global @main.names []string

fn @main.add(%a int, %_ int) int inline {
entry:
  %0 = add %a, %_ : int
  ret %0
}

fn @main.init() init {
entry:
  store @main.count, -7
  ret
}

fn @main.main() {
entry:
  %x = alloca int
  %x.1 = alloca float
  %p = alloca main.Point
  %0 = call @main.add(1, 2) : int
  store %x, %0
  store %x.1, 1.0
  %1 = load %x.1 : float
  %2 = fadd %1, 0.1 : float
  %3 = fmul %2, 1e+100 : float
  store %p, zero main.Point
  %4 = field.addr %p, y : &float
  store %4, %3
  %5 = load @main.count : int
  %6 = cmp.lt %5, 10 : bool
  condbr %6, then, else
then:
  %7 = load %p : main.Point
  %8 = field.get %7, x : int
  println "hi \"there\"\n\x01\\", %5, %8
  br done
else:
  %9 = call.value @main.add(%5, 3) : int
  store @main.count, %9
  br done
done:
  ret
}
)");
}

/// Names are unique per function, block labels apart from values: a block
/// and a local may both be `x`.
TEST(PrinterTest, Names) {
  Module m;
  Builder b(m);
  const Type *intT = m.types().getInt();
  Function *f = m.createFunction("f", m.types().getFunc({intT}, intT));
  f->addParam(makeParam(m, intT, 0, "x"));
  b.startFunction(f);
  Block *loop = f->createBlock("x");
  Block *loop1 = f->createBlock("x");
  Inst *x = b.createAlloca(intT, "x");
  Inst *x2 = b.createAlloca(intT, "x");
  b.createAlloca(intT, "");
  b.createStore(x, f->params()[0]);
  b.createBr(loop);
  b.setInsertPoint(loop);
  b.createStore(x2, b.createLoad(x));
  b.createBr(loop1);
  b.setInsertPoint(loop1);
  b.createRet(b.createLoad(x2));

  Function *g = m.createFunction("g", m.types().getFunc({}, m.types().getVoid()));
  b.startFunction(g);
  b.createAlloca(intT, "x");
  b.createRet();

  EXPECT_EQ(print(m), R"(; stencil IR

fn @f(%x int) int {
entry:
  %x.1 = alloca int
  %x.2 = alloca int
  %0 = alloca int
  store %x.1, %x
  br x
x:
  %1 = load %x.1 : int
  store %x.2, %1
  br x.1
x.1:
  %2 = load %x.2 : int
  ret %2
}

fn @g() {
entry:
  %x = alloca int
  ret
}
)");
}

TEST(PrinterTest, PanicLocations) {
  SourceManager sm;
  FileId file = sm.addBuffer("a := 1\nb := a / c\n", "t.stn");
  Module m;
  Builder b(m);
  const Type *intT = m.types().getInt();
  Function *f = m.createFunction("f", m.types().getFunc({intT}, intT));
  f->addParam(makeParam(m, intT, 0, "c"));
  b.startFunction(f);
  Inst *q = b.createBinary(Opcode::Div, m.getInt(1), f->params()[0], sm.getLoc(file, 14));
  b.createRet(q);

  EXPECT_EQ(print(m, &sm), R"(; stencil IR

fn @f(%c int) int {
entry:
  %0 = div 1, %c : int at 2:8
  ret %0
}
)");
  // Without a source manager, no locations.
  EXPECT_EQ(print(m), R"(; stencil IR

fn @f(%c int) int {
entry:
  %0 = div 1, %c : int
  ret %0
}
)");
}

TEST(PrinterTest, Floats) {
  Module m;
  Builder b(m);
  const Type *floatT = m.types().getFloat();
  Function *f = m.createFunction("f", m.types().getFunc({}, m.types().getVoid()));
  b.startFunction(f);
  b.createPrint(Opcode::Println,
                {m.getFloat(1.0), m.getFloat(0.1), m.getFloat(1e100), m.getFloat(-0.0),
                 m.getFloat(2.5e-7), m.getFloat(123456789.0), m.getFloat(1e16)});
  b.createPrint(Opcode::Println, {m.getZero(floatT), m.getBool(false), m.getString("")});
  b.createRet();
  EXPECT_EQ(print(m), R"(; stencil IR

fn @f() {
entry:
  println 1.0, 0.1, 1e+100, -0.0, 2.5e-07, 123456789.0, 1e+16
  println zero float, false, ""
  ret
}
)");
}

} // namespace
