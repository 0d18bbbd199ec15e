#include "stencil/Build/Units.h"
#include "stencil/Basic/Hashing.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/IR/Builder.h"
#include "stencil/IR/IR.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace stencil {
[[maybe_unused]] static void PrintTo(const Hash128 &h, std::ostream *os) { *os << h.toHex(); }
} // namespace stencil

using namespace stencil;
using namespace stencil::ir;

namespace {

/// What differs between two builds of the sample program.
struct Variant {
  bool pointYIsFloat = false;    ///< main.Point's field y: int, or float
  int64_t addConstant = 0;       ///< util.add returns a + b + this (its body only)
  bool twiceTakesTwo = false;    ///< util.twice(int) or util.twice(int, int) (its type)
  bool verboseIsInt = false;     ///< config.verbose: bool, or int
  Hash128 inlinedAddFingerprint; ///< the fingerprint of util.add inlined into main.main
};

/// The default variant changed by \p set.
template <typename F> Variant with(F set) {
  Variant v;
  set(v);
  return v;
}

/// The sample program, built by hand:
///
///   module util:   util.twice(int) int, util.init() (an initializer),
///                  util.add(int, int) int, global util.counter int
///   module main:   main.norm(main.Point) int, main.main() (the entry), which
///                  builds a Point, calls util.add and util.twice, stores into
///                  util.counter and reads config.verbose
///   module geo:    geo.width(main.Line) int, which reads nothing of its
///                  parameter; main.Line holds two main.Points
///   module config: only a global, config.verbose bool
///   module core:   only instances: core.Stack[main.Pair[int, string]].push
///                  and core.Stack[int].push
///
/// Functions are created out of name order, so that the partition's sorting
/// shows.
struct Program {
  Module m;
  Builder b{m};
  Function *utilTwice, *utilInit, *utilAdd, *mainNorm, *mainMain, *geoWidth, *pushPair, *pushInt;
  Global *counter, *verbose;
  StructLayout *point, *line, *pair;

  explicit Program(const Variant &v = {}) {
    TypeTable &t = m.types();
    const Type *intT = t.getInt(), *voidT = t.getVoid();

    point = m.createStruct("main.Point", hash128("main.Point"));
    point->addField("x", intT);
    point->addField("y", v.pointYIsFloat ? t.getFloat() : intT);
    point->setComplete();
    const Type *pointT = point->getType();
    line = m.createStruct("main.Line", hash128("main.Line"));
    line->addField("from", pointT);
    line->addField("to", pointT);
    line->setComplete();
    pair = m.createStruct("main.Pair[int, string]", hash128("main.Pair[int, string]"));
    pair->setInstance(true);
    pair->addField("first", intT);
    pair->addField("second", t.getString());
    pair->setComplete();

    // core: instances only, the later name first.
    pushPair =
        function("core.Stack[main.Pair[int, string]].push", "core", {pair->getType()}, voidT);
    pushPair->setInstance(hash128("push pair"));
    b.createRet();
    pushInt = function("core.Stack[int].push", "core", {intT}, voidT);
    pushInt->setInstance(hash128("push int"));
    b.createRet();

    // config: a global and nothing else.
    verbose = m.createGlobal("config.verbose", v.verboseIsInt ? intT : t.getBool());
    verbose->setSourceModule("config");

    // util
    counter = m.createGlobal("util.counter", intT);
    counter->setSourceModule("util");
    if (v.twiceTakesTwo) {
      utilTwice = function("util.twice", "util", {intT, intT}, intT);
      b.createRet(b.createBinary(Opcode::Add, utilTwice->params()[0], utilTwice->params()[1]));
    } else {
      utilTwice = function("util.twice", "util", {intT}, intT);
      b.createRet(b.createBinary(Opcode::Add, utilTwice->params()[0], utilTwice->params()[0]));
    }
    utilInit = function("util.init", "util", {}, voidT);
    utilInit->setInitializer();
    b.createStore(counter->getRef(), m.getInt(0));
    b.createRet();
    m.addInitializer(utilInit);
    utilAdd = function("util.add", "util", {intT, intT}, intT);
    Inst *sum = b.createBinary(Opcode::Add, utilAdd->params()[0], utilAdd->params()[1]);
    b.createRet(b.createBinary(Opcode::Add, sum, m.getInt(v.addConstant)));

    // main
    mainNorm = function("main.norm", "main", {pointT}, intT);
    b.createRet(b.createFieldGet(mainNorm->params()[0], 0));
    mainMain = function("main.main", "main", {}, voidT);
    m.setEntry(mainMain);
    Value *y = v.pointYIsFloat ? static_cast<Value *>(m.getFloat(2.0)) : m.getInt(2);
    Inst *p = b.createStructNew(pointT, {m.getInt(1), y});
    Inst *n = b.createCall(mainNorm, {p});
    Inst *a = b.createCall(utilAdd, {n, m.getInt(3)});
    Inst *tw = v.twiceTakesTwo ? b.createCall(utilTwice, {a, a}) : b.createCall(utilTwice, {a});
    b.createStore(counter->getRef(), tw);
    b.createLoad(verbose->getRef());
    b.createRet();
    mainMain->addInlinedBody("util.add", v.inlinedAddFingerprint);

    // geo: main.Line only as a parameter's type; no instruction has a
    // main.Point type, so main.Point is reached only through main.Line's fields.
    geoWidth = function("geo.width", "geo", {line->getType()}, intT);
    b.createRet(m.getInt(7));
  }

  /// `fn @name(p0, p1, ...)` of module \p module, with the builder at its entry.
  Function *function(llvm::StringRef name, llvm::StringRef module,
                     llvm::ArrayRef<const Type *> params, const Type *result) {
    Function *f = m.createFunction(name.str(), m.types().getFunc(params, result));
    f->setSourceModule(module.str());
    for (unsigned k = 0; k < params.size(); ++k) {
      llvm::StringRef pname = m.copyString("p" + std::to_string(k));
      f->addParam(new (m.getArena().Allocate<Param>()) Param(params[k], k, pname));
    }
    b.startFunction(f);
    return f;
  }
};

const std::vector<std::string> kOrder = {"config", "util", "empty", "main", "geo", "core"};

/// The program's units with their keys.
std::vector<CompileUnit> keyedUnits(const Program &p, const Hash128 &options = hash128("O2")) {
  SourceManager sm;
  std::vector<CompileUnit> units = partitionProgram(p.m, kOrder);
  computeUnitKeys(units, p.m, sm, options);
  return units;
}

std::map<std::string, const CompileUnit *> byName(const std::vector<CompileUnit> &units) {
  std::map<std::string, const CompileUnit *> out;
  for (const CompileUnit &u : units)
    out[u.name] = &u;
  return out;
}

std::vector<std::string> names(const std::vector<CompileUnit> &units) {
  std::vector<std::string> out;
  for (const CompileUnit &u : units)
    out.push_back(u.name);
  return out;
}

std::vector<std::string> functionNames(const CompileUnit &u) {
  std::vector<std::string> out;
  for (const Function *f : u.code.functions)
    out.push_back(f->getName().str());
  return out;
}

std::vector<std::string> globalNames(const CompileUnit &u) {
  std::vector<std::string> out;
  for (const Global *g : u.code.globals)
    out.push_back(g->getName().str());
  return out;
}

const std::vector<std::string> kUnitNames = {"<entry>",
                                             "config",
                                             "util",
                                             "main",
                                             "geo",
                                             "core.Stack[int].push",
                                             "core.Stack[main.Pair[int, string]].push"};

void expectSameKeyParts(const CompileUnit &a, const CompileUnit &b) {
  EXPECT_EQ(a.codeHash, b.codeHash);
  EXPECT_EQ(a.functionsHash, b.functionsHash);
  EXPECT_EQ(a.layoutsHash, b.layoutsHash);
  EXPECT_EQ(a.refsHash, b.refsHash);
  EXPECT_EQ(a.inlined, b.inlined);
}

/// The units whose key differs between \p a and \p b, checking that the
/// others are equal in every part.
std::vector<std::string> changedKeys(const std::vector<CompileUnit> &a,
                                     const std::vector<CompileUnit> &b) {
  EXPECT_EQ(names(a), names(b));
  std::vector<std::string> out;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].key != b[i].key) {
      out.push_back(a[i].name);
      continue;
    }
    SCOPED_TRACE("unchanged unit " + a[i].name);
    expectSameKeyParts(a[i], b[i]);
  }
  return out;
}

TEST(UnitsTest, SampleProgramIsWellFormed) {
  for (bool flag : {false, true}) {
    Variant v;
    v.pointYIsFloat = v.twiceTakesTwo = v.verboseIsInt = flag;
    Program p(v);
    std::string errors;
    llvm::raw_string_ostream os(errors);
    EXPECT_TRUE(verifyModule(p.m, os)) << errors;
  }
}

//===----------------------------------------------------------------------===//
// partitionProgram
//===----------------------------------------------------------------------===//

TEST(UnitsTest, PartitionOrder) {
  Program p;
  std::vector<CompileUnit> units = partitionProgram(p.m, kOrder);
  // The entry, the modules with code in the given order (`empty` has none,
  // `core` only instances), then the instances by name.
  EXPECT_EQ(names(units), kUnitNames);
  ASSERT_EQ(units.size(), kUnitNames.size());

  EXPECT_EQ(units[0].kind, CompileUnit::Kind::Entry);
  EXPECT_EQ(units[0].kindName(), "entry");
  EXPECT_TRUE(units[0].code.entry);
  EXPECT_EQ(units[0].code.name, "<entry>");
  EXPECT_TRUE(units[0].code.functions.empty());
  EXPECT_TRUE(units[0].code.globals.empty());

  for (size_t i = 1; i <= 4; ++i) {
    SCOPED_TRACE(units[i].name);
    EXPECT_EQ(units[i].kind, CompileUnit::Kind::Module);
    EXPECT_EQ(units[i].kindName(), "module");
    EXPECT_EQ(units[i].code.name, units[i].name);
    EXPECT_FALSE(units[i].code.entry);
  }
  for (size_t i = 5; i <= 6; ++i) {
    SCOPED_TRACE(units[i].name);
    EXPECT_EQ(units[i].kind, CompileUnit::Kind::Instance);
    EXPECT_EQ(units[i].kindName(), "instance");
    EXPECT_EQ(units[i].code.name, units[i].name);
    EXPECT_TRUE(units[i].code.globals.empty());
    EXPECT_FALSE(units[i].code.entry);
  }

  // Module functions and globals sorted by name, whatever the creation order.
  EXPECT_TRUE(functionNames(units[1]).empty());
  EXPECT_EQ(globalNames(units[1]), std::vector<std::string>{"config.verbose"});
  EXPECT_EQ(functionNames(units[2]),
            (std::vector<std::string>{"util.add", "util.init", "util.twice"}));
  EXPECT_EQ(globalNames(units[2]), std::vector<std::string>{"util.counter"});
  EXPECT_EQ(functionNames(units[3]), (std::vector<std::string>{"main.main", "main.norm"}));
  EXPECT_TRUE(globalNames(units[3]).empty());
  EXPECT_EQ(functionNames(units[4]), std::vector<std::string>{"geo.width"});
  ASSERT_EQ(units[5].code.functions.size(), 1u);
  EXPECT_EQ(units[5].code.functions[0], p.pushInt);
  ASSERT_EQ(units[6].code.functions.size(), 1u);
  EXPECT_EQ(units[6].code.functions[0], p.pushPair);
  // The pointers are the module's own.
  EXPECT_EQ(units[3].code.functions[0], p.mainMain);
  EXPECT_EQ(units[1].code.globals[0], p.verbose);
}

TEST(UnitsTest, PartitionFollowsTheGivenModuleOrder) {
  Program p;
  std::vector<std::string> order = {"geo", "main", "util", "config"};
  std::vector<CompileUnit> units = partitionProgram(p.m, order);
  EXPECT_EQ(names(units), (std::vector<std::string>{"<entry>", "geo", "main", "util", "config",
                                                    "core.Stack[int].push",
                                                    "core.Stack[main.Pair[int, string]].push"}));
}

TEST(UnitsTest, PartitionOfAnEmptyModule) {
  Module m;
  std::vector<CompileUnit> units = partitionProgram(m, {"main"});
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].kind, CompileUnit::Kind::Entry);
}

//===----------------------------------------------------------------------===//
// computeUnitKeys
//===----------------------------------------------------------------------===//

TEST(UnitsTest, KeysAreDeterministic) {
  Program p1, p2;
  std::vector<CompileUnit> a = keyedUnits(p1), b = keyedUnits(p2);
  ASSERT_EQ(names(a), kUnitNames);
  ASSERT_EQ(names(b), kUnitNames);
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(a[i].name);
    EXPECT_EQ(a[i].key, b[i].key);
    expectSameKeyParts(a[i], b[i]);
  }
  // Computing again over the same units gives the same keys.
  SourceManager sm;
  std::vector<CompileUnit> again = a;
  computeUnitKeys(again, p1.m, sm, hash128("O2"));
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(a[i].name);
    EXPECT_EQ(again[i].key, a[i].key);
    expectSameKeyParts(again[i], a[i]);
  }
  // And no two units share a key.
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = i + 1; j < a.size(); ++j)
      EXPECT_NE(a[i].key, a[j].key) << a[i].name << " and " << a[j].name;
}

TEST(UnitsTest, KeysOnSeveralThreadsEqualKeysOnOne) {
  Program p;
  SourceManager sm;
  std::vector<CompileUnit> one = partitionProgram(p.m, kOrder);
  computeUnitKeys(one, p.m, sm, hash128("O2"), /*jobs=*/1);
  for (unsigned jobs : {2u, 4u, 64u}) {
    SCOPED_TRACE("jobs " + std::to_string(jobs));
    std::vector<CompileUnit> many = partitionProgram(p.m, kOrder);
    computeUnitKeys(many, p.m, sm, hash128("O2"), jobs);
    ASSERT_EQ(names(many), names(one));
    for (size_t i = 0; i < one.size(); ++i) {
      SCOPED_TRACE(one[i].name);
      EXPECT_EQ(many[i].key, one[i].key);
      expectSameKeyParts(many[i], one[i]);
    }
  }
}

TEST(UnitsTest, KeyParts) {
  Program p;
  std::vector<CompileUnit> units = keyedUnits(p);
  auto u = byName(units);
  // Units that use no struct share the hash of "no layouts"; the others do not.
  EXPECT_EQ(u["util"]->layoutsHash, u["config"]->layoutsHash);
  EXPECT_NE(u["main"]->layoutsHash, u["util"]->layoutsHash);
  EXPECT_NE(u["geo"]->layoutsHash, u["util"]->layoutsHash);
  EXPECT_NE(u["geo"]->layoutsHash, u["main"]->layoutsHash); // main.Line too
  EXPECT_NE(u["core.Stack[main.Pair[int, string]].push"]->layoutsHash, u["util"]->layoutsHash);
  EXPECT_EQ(u["core.Stack[int].push"]->layoutsHash, u["util"]->layoutsHash);
  // Units that use nothing of another unit share the hash of "no refs".
  EXPECT_EQ(u["util"]->refsHash, u["geo"]->refsHash);
  EXPECT_NE(u["main"]->refsHash, u["util"]->refsHash);
  EXPECT_NE(u["<entry>"]->refsHash, u["util"]->refsHash); // util.init and main.main
  // The inlined bodies recorded for main's unit.
  ASSERT_EQ(u["main"]->inlined.size(), 1u);
  EXPECT_EQ(u["main"]->inlined[0].first, "util.add");
  EXPECT_TRUE(u["util"]->inlined.empty());
}

TEST(UnitsTest, StructLayoutChangeRekeysOnlyItsUsers) {
  Program before, after(with([](Variant &v) { v.pointYIsFloat = true; }));
  std::vector<CompileUnit> a = keyedUnits(before), b = keyedUnits(after);
  // main builds and reads a main.Point; geo takes a main.Line, which holds
  // main.Points (the layouts are followed field by field). Nothing else
  // uses main.Point.
  EXPECT_EQ(changedKeys(a, b), (std::vector<std::string>{"main", "geo"}));
  auto ua = byName(a), ub = byName(b);
  EXPECT_NE(ua["main"]->layoutsHash, ub["main"]->layoutsHash);
  EXPECT_NE(ua["geo"]->layoutsHash, ub["geo"]->layoutsHash);
  // geo's own code does not mention the changed field at all.
  EXPECT_EQ(ua["geo"]->codeHash, ub["geo"]->codeHash);
  EXPECT_EQ(ua["geo"]->refsHash, ub["geo"]->refsHash);
  EXPECT_EQ(ua["geo"]->functionsHash, ub["geo"]->functionsHash);
}

TEST(UnitsTest, CodegenOptionsRekeyEveryUnit) {
  Program p;
  std::vector<CompileUnit> a = keyedUnits(p, hash128("O2")), b = keyedUnits(p, hash128("O0"));
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(a[i].name);
    EXPECT_NE(a[i].key, b[i].key);
    // What the code is made of did not change; only the key.
    expectSameKeyParts(a[i], b[i]);
  }
}

TEST(UnitsTest, BodyChangeRekeysOnlyItsUnit) {
  Program before, after(with([](Variant &v) { v.addConstant = 1; }));
  std::vector<CompileUnit> a = keyedUnits(before), b = keyedUnits(after);
  // main calls util.add, but only its name and type matter to main's code.
  EXPECT_EQ(changedKeys(a, b), std::vector<std::string>{"util"});
  auto ua = byName(a), ub = byName(b);
  EXPECT_NE(ua["util"]->codeHash, ub["util"]->codeHash);
  EXPECT_EQ(ua["util"]->functionsHash, ub["util"]->functionsHash);
  EXPECT_EQ(ua["util"]->layoutsHash, ub["util"]->layoutsHash);
  EXPECT_EQ(ua["util"]->refsHash, ub["util"]->refsHash);
}

TEST(UnitsTest, InlinedBodyChangeRekeysTheUnitThatInlinedIt) {
  Program before, after(with([](Variant &v) { v.inlinedAddFingerprint = hash128("util.add v2"); }));
  std::vector<CompileUnit> a = keyedUnits(before), b = keyedUnits(after);
  EXPECT_EQ(changedKeys(a, b), std::vector<std::string>{"main"});
  auto ua = byName(a), ub = byName(b);
  EXPECT_NE(ua["main"]->codeHash, ub["main"]->codeHash);
  ASSERT_EQ(ub["main"]->inlined.size(), 1u);
  EXPECT_EQ(ub["main"]->inlined[0].first, "util.add");
  EXPECT_EQ(ub["main"]->inlined[0].second, hash128("util.add v2"));
}

TEST(UnitsTest, ReferencedFunctionTypeChangeChangesTheUsersRefs) {
  Program before, after(with([](Variant &v) { v.twiceTakesTwo = true; }));
  std::vector<CompileUnit> a = keyedUnits(before), b = keyedUnits(after);
  // util.twice's own unit, and main, which calls it; nothing else.
  EXPECT_EQ(changedKeys(a, b), (std::vector<std::string>{"util", "main"}));
  auto ua = byName(a), ub = byName(b);
  EXPECT_NE(ua["main"]->refsHash, ub["main"]->refsHash);
  EXPECT_EQ(ua["main"]->layoutsHash, ub["main"]->layoutsHash);
  EXPECT_EQ(ua["main"]->functionsHash, ub["main"]->functionsHash);
  // util's reference set is its own functions and globals: unchanged.
  EXPECT_EQ(ua["util"]->refsHash, ub["util"]->refsHash);
}

TEST(UnitsTest, ReferencedGlobalTypeChangeChangesTheUsersRefs) {
  Program before, after(with([](Variant &v) { v.verboseIsInt = true; }));
  std::vector<CompileUnit> a = keyedUnits(before), b = keyedUnits(after);
  EXPECT_EQ(changedKeys(a, b), (std::vector<std::string>{"config", "main"}));
  auto ua = byName(a), ub = byName(b);
  EXPECT_NE(ua["main"]->refsHash, ub["main"]->refsHash);
  EXPECT_NE(ua["config"]->codeHash, ub["config"]->codeHash);
}

TEST(UnitsTest, EntryKeyDependsOnTheInitializersAndMain) {
  Program before, after;
  // One more initializer (an existing function suffices: only its name is hashed).
  after.m.addInitializer(after.utilAdd);
  std::vector<CompileUnit> a = keyedUnits(before), b = keyedUnits(after);
  EXPECT_EQ(changedKeys(a, b), std::vector<std::string>{"<entry>"});
  EXPECT_NE(a[0].codeHash, b[0].codeHash);
}

} // namespace
