//===- PanicTest.cpp - Panics, exit() and running out of memory ------------===//
//
// Death tests: each runs the call in a child process and checks its exit
// status and everything it wrote to standard error. Standard output is
// pointed at standard error first and "out|" left in its buffer, so the
// expected text also proves that the buffer was flushed before the panic's
// text was written.
//
//===----------------------------------------------------------------------===//
#include "RuntimeTestSupport.h"
#include "gtest/gtest.h"
#include <cstdio>
#include <unistd.h>

using namespace stencil::runtime::test;

namespace {

const StencilLoc Loc = {"dir/main.stn", 3, 17};

/// Runs `body` with "out|" buffered on a standard output that is standard
/// error.
void afterBufferedOutput(const std::function<void()> &body) {
  std::fflush(stdout);
  dup2(STDERR_FILENO, STDOUT_FILENO);
  stencil_print_string(bytes("out|"), 4);
  body();
}

/// The regex for a panic with `message` at Loc, after the buffered "out|".
std::string panicText(std::string_view message) {
  return exactly("out|panic: " + std::string(message) + "\n    at dir/main.stn:3:17\n");
}

#define EXPECT_PANIC(Call, Message)                                                                \
  EXPECT_EXIT(afterBufferedOutput([&] { Call; }), ::testing::ExitedWithCode(2), panicText(Message))

TEST(PanicDeathTest, UserMessageVerbatim) {
  EXPECT_PANIC(stencil_panic(bytes("boom"), 4, &Loc), "boom");
  EXPECT_PANIC(stencil_panic(bytes("two\nlines [x]"), 13, &Loc), "two\nlines [x]");
  EXPECT_PANIC(stencil_panic(nullptr, 0, &Loc), "");
}

TEST(PanicDeathTest, Index) {
  EXPECT_PANIC(stencil_panic_index(5, 3, &Loc), "index out of range [5] with length 3");
  EXPECT_PANIC(stencil_panic_index(0, 0, &Loc), "index out of range [0] with length 0");
  EXPECT_PANIC(stencil_panic_index(-1, 3, &Loc), "index out of range [-1]");
}

TEST(PanicDeathTest, Slice) {
  EXPECT_PANIC(stencil_panic_slice(1, 5, 3, true, &Loc),
               "slice bounds out of range [:5] with capacity 3");
  EXPECT_PANIC(stencil_panic_slice(0, 5, 3, false, &Loc),
               "slice bounds out of range [:5] with length 3");
  EXPECT_PANIC(stencil_panic_slice(4, 2, 3, true, &Loc), "slice bounds out of range [4:2]");
  EXPECT_PANIC(stencil_panic_slice(7, 9, 3, false, &Loc),
               "slice bounds out of range [:9] with length 3");
  EXPECT_PANIC(stencil_panic_slice(-1, 2, 3, true, &Loc), "slice bounds out of range [-1:]");
  EXPECT_PANIC(stencil_panic_slice(0, -2, 3, true, &Loc), "slice bounds out of range [:-2]");
}

TEST(PanicDeathTest, DivideAndNilFunction) {
  EXPECT_PANIC(stencil_panic_divide(&Loc), "integer divide by zero");
  EXPECT_PANIC(stencil_panic_nil_func(&Loc), "call of nil function");
}

TEST(PanicDeathTest, MakeSliceLength) {
  StencilSlice s;
  EXPECT_PANIC(stencil_make_slice(&s, -1, 8, false, &Loc), "makeslice: len out of range");
  EXPECT_PANIC(stencil_make_slice(&s, int64_t(1) << 62, 8, true, &Loc),
               "makeslice: len out of range");
  EXPECT_PANIC(stencil_make_slice(&s, (int64_t(1) << 45) + 1, 8, false, &Loc),
               "makeslice: len out of range");
}

TEST(PanicDeathTest, LocationText) {
  static const StencilLoc Other = {"lib/util.stn", 120, 1};
  EXPECT_EXIT(afterBufferedOutput([] { stencil_panic_divide(&Other); }),
              ::testing::ExitedWithCode(2),
              exactly("out|panic: integer divide by zero\n    at lib/util.stn:120:1\n"));
  EXPECT_EXIT(afterBufferedOutput([] { stencil_panic_divide(nullptr); }),
              ::testing::ExitedWithCode(2),
              exactly("out|panic: integer divide by zero\n    at <unknown location>\n"));
}

TEST(PanicDeathTest, LongMessageIsWrittenWhole) {
  static const std::string Long(10000, 'z'); // more than one 4 KiB write
  EXPECT_EXIT(afterBufferedOutput([] { stencil_panic(bytes(Long), int64_t(Long.size()), &Loc); }),
              ::testing::ExitedWithCode(2), "^out\\|panic: z{10000}\n    at dir/main.stn:3:17\n$");
}

TEST(OutOfMemoryDeathTest, FatalError) {
  const std::string text = exactly("out|fatal error: out of memory\n");
  EXPECT_EXIT(afterBufferedOutput([] { stencil_alloc(int64_t(1) << 50, false); }),
              ::testing::ExitedWithCode(2), text);
  EXPECT_EXIT(afterBufferedOutput([] { stencil_alloc(-8, true); }), ::testing::ExitedWithCode(2),
              text);
  EXPECT_EXIT(afterBufferedOutput([] {
                StencilSlice s;
                stencil_grow_slice(&s, nullptr, 0, 0, int64_t(1) << 47, 8, false);
              }),
              ::testing::ExitedWithCode(2), text);
}

TEST(ExitDeathTest, StatusIsCodeAnd255AfterFlushing) {
  EXPECT_EXIT(afterBufferedOutput([] { stencil_exit(0); }), ::testing::ExitedWithCode(0),
              exactly("out|"));
  EXPECT_EXIT(afterBufferedOutput([] { stencil_exit(3); }), ::testing::ExitedWithCode(3),
              exactly("out|"));
  EXPECT_EXIT(afterBufferedOutput([] { stencil_exit(300); }), ::testing::ExitedWithCode(44),
              exactly("out|"));
  EXPECT_EXIT(afterBufferedOutput([] { stencil_exit(256); }), ::testing::ExitedWithCode(0),
              exactly("out|"));
  EXPECT_EXIT(afterBufferedOutput([] { stencil_exit(-1); }), ::testing::ExitedWithCode(255),
              exactly("out|"));
}

} // namespace
