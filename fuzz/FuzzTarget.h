//===- FuzzTarget.h - What every Stencil fuzz target shares -----*- C++ -*-===//
//
// The libFuzzer targets of fuzz/ (docs/fuzzing.md) run the compiler's phases
// in-process on one input as the main module, the way lib/Driver/Driver.cpp
// wires them, without the driver itself: no files are read or written and
// nothing is linked. Diagnostics are formatted (the printing code is fuzzed
// too) into a null stream.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_FUZZ_FUZZTARGET_H
#define STENCIL_FUZZ_FUZZTARGET_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <string>
#include <utility>

namespace stencil::fuzz {

/// The stack the compiler runs on (kCompilerStackSize in Driver.cpp). The
/// phases recurse over trees, and a legal program such as `x + x + ... + x`
/// is as deep as it is long; stencilc therefore runs the compiler on a thread
/// with a 512 MiB stack, and the fuzz targets do the same rather than cap the
/// input size (-max_len) to what libFuzzer's default 8 MiB stack survives: a
/// crash of a fuzz target must be a crash of stencilc, and the sanitizers'
/// redzones make every frame larger than in a release build, so no cap would
/// be both safe and faithful. The stack is reserved, not committed: only the
/// pages an input touches cost memory.
constexpr unsigned kCompilerStackSize = 512u << 20;

/// One thread with kCompilerStackSize of stack that runs every input, one at
/// a time, while the fuzzer's thread waits. A fresh thread per input would do
/// the same, but creating and destroying a 512 MiB stack under ASan costs
/// about 0.4 ms (mostly in the kernel), more than lexing a 4 KiB input:
/// a thread per input makes the lexer's target several times slower. Inputs
/// stay independent (every phase's state lives in the body's locals), so the
/// targets stay deterministic. A crash, sanitizer report or time-out on the
/// worker is reported by libFuzzer as usual, with the input; LeakSanitizer
/// scans the worker's stack only above the frame it waits in, so what an
/// input leaked is not hidden by stale pointers of earlier inputs' frames
/// (checked: a leak on the worker is reported as leak-*).
class CompilerThread {
public:
  /// Runs \p body on the compiler thread and waits for it to end.
  static void run(llvm::function_ref<void()> body) {
    // Never destroyed: the worker waits on its members until the process
    // exits (reachable from this static, so not a leak to LeakSanitizer).
    static CompilerThread *thread = new CompilerThread;
    thread->runJob(body);
  }

private:
  CompilerThread()
      : worker_(std::optional<unsigned>(kCompilerStackSize), [this] { loop(); }) {
    worker_.detach();
  }

  void runJob(llvm::function_ref<void()> body) {
    std::unique_lock<std::mutex> lock(mutex_);
    job_ = &body;
    changed_.notify_all();
    changed_.wait(lock, [&] { return job_ == nullptr; });
  }

  void loop() {
    // libFuzzer's -timeout is a SIGALRM whose handler ignores the signal on
    // any thread but the fuzzer's: keep it from landing here.
    sigset_t alarm;
    sigemptyset(&alarm);
    sigaddset(&alarm, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &alarm, nullptr);
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return job_ != nullptr; });
      llvm::function_ref<void()> body = *job_;
      lock.unlock();
      body();
      lock.lock();
      job_ = nullptr;
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  const llvm::function_ref<void()> *job_ = nullptr; ///< the input being run, if any
  llvm::thread worker_;
};

/// Runs \p body (one input through the phases) on the compiler thread.
template <typename Body> void runOnCompilerStack(Body &&body) {
  CompilerThread::run(body);
}

/// The input as the text of one source file.
inline std::string inputText(const uint8_t *data, size_t size) {
  return std::string(reinterpret_cast<const char *>(data), size);
}

/// The display name of the input in diagnostics.
constexpr const char *kInputName = "fuzz.stn";

/// A bug of ours found on this input (not a diagnostic about the input):
/// says what, then aborts, so that libFuzzer reports a crash and keeps the input.
[[noreturn]] inline void fail(llvm::StringRef what, llvm::StringRef details = {}) {
  llvm::errs() << "stencil fuzz target: " << what << "\n" << details;
  if (!details.empty() && !details.ends_with("\n"))
    llvm::errs() << "\n";
  llvm::errs().flush();
  std::abort();
}

} // namespace stencil::fuzz

#endif
