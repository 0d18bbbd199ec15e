//===- RuntimeTestSupport.cpp - Helpers for the runtime's unit tests -------===//
#include "RuntimeTestSupport.h"
#include "gtest/gtest.h"
#include <cstdio>
#include <cstring>
#include <gc.h>
#include <unistd.h>

using namespace stencil::runtime::test;

namespace {

/// What the runtime's main does before the program runs, for the tests:
/// start the collector, silence its warnings (they would break the exact
/// stderr checks), and run death tests in a fresh process (the collector may
/// have started marker threads, and fork() alone is not safe with threads).
class RuntimeEnvironment : public ::testing::Environment {
public:
  void SetUp() override {
    GC_INIT();
    GC_set_warn_proc(GC_ignore_warn_proc);
    GTEST_FLAG_SET(death_test_style, "threadsafe");
  }
};

[[maybe_unused]] ::testing::Environment *const Environment =
    ::testing::AddGlobalTestEnvironment(new RuntimeEnvironment);

} // namespace

std::string stencil::runtime::test::captureStdout(const std::function<void()> &body) {
  std::fflush(stdout);
  std::FILE *file = std::tmpfile();
  EXPECT_NE(file, nullptr);
  int saved = dup(STDOUT_FILENO);
  dup2(fileno(file), STDOUT_FILENO);
  body();
  std::fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);

  std::string out;
  std::rewind(file);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), file)) > 0)
    out.append(buf, n);
  std::fclose(file);
  return out;
}

std::string stencil::runtime::test::exactly(std::string_view text) {
  std::string regex = "^";
  for (char c : text) {
    if (std::strchr("\\^$.|?*+()[]{}", c))
      regex += '\\';
    regex += c;
  }
  return regex + "$";
}
