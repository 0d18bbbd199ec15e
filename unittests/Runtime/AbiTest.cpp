//===- AbiTest.cpp - Every function of RuntimeFunctions.def is defined -----===//
//
// Runtime.h checks each signature at compile time (RuntimeAbiCheck.h); this
// test takes the address of every RT_FUNC symbol through the .def, so the
// test binary links only if StencilRuntime defines all of them with C linkage.
//
//===----------------------------------------------------------------------===//
#include "RuntimeTestSupport.h"
#include "gtest/gtest.h"
#include <set>
#include <string>

namespace {

struct RuntimeFunction {
  const char *symbol;
  void (*address)();
  bool noReturn;
};

const RuntimeFunction Functions[] = {
#define RT_FUNC(Name, Symbol, Result, NoReturn, ...)                                               \
  {#Symbol, reinterpret_cast<void (*)()>(&::Symbol), NoReturn},
#include "stencil/Runtime/RuntimeFunctions.def"
};

TEST(AbiTest, EverySymbolIsDefinedOnce) {
  std::set<std::string> names;
  for (const RuntimeFunction &f : Functions) {
    EXPECT_NE(f.address, nullptr) << f.symbol;
    EXPECT_TRUE(names.insert(f.symbol).second) << f.symbol;
    EXPECT_EQ(std::string(f.symbol).rfind("stencil_", 0), 0u) << f.symbol;
  }
  EXPECT_EQ(std::size(Functions), 25u);
}

TEST(AbiTest, NoReturnFunctionsArePanicsAndExit) {
  std::set<std::string> noReturn;
  for (const RuntimeFunction &f : Functions)
    if (f.noReturn)
      noReturn.insert(f.symbol);
  EXPECT_EQ(noReturn, (std::set<std::string>{"stencil_panic", "stencil_panic_index",
                                             "stencil_panic_slice", "stencil_panic_divide",
                                             "stencil_panic_nil_func", "stencil_exit"}));
}

} // namespace
