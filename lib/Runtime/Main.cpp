//===- Main.cpp - The entry point of every Stencil program -----------------===//
//
// Alone in the StencilRuntimeMain library, so that linking StencilRuntime
// (as the unit tests do) does not bring in a second `main`.
//
// The program runs on a thread with a 1 GiB stack (reserved, committed as it
// is touched), as Go's goroutines may grow to 1 GB: deep recursion that a Go
// programmer expects to work does. The thread is made through Boehm GC
// (GC_THREADS maps pthread_create to GC_pthread_create), so the collector
// scans its stack. Running off the end of the stack is reported as
// `fatal error: stack overflow` (exit status 2), from a handler on an
// alternate signal stack, instead of a bare segmentation fault.
//
//===----------------------------------------------------------------------===//
#define GC_THREADS
#include "Output.h"
#include "Runtime.h"
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <gc.h>
#include <pthread.h>
#include <string_view>
#include <unistd.h>

using namespace stencil::runtime;

namespace {

constexpr size_t ProgramStackSize = size_t(1) << 30;
constexpr size_t GuardSize = size_t(1) << 16;

/// The program thread's stack, for telling an overflow from other faults.
uintptr_t stackLow = 0, stackHigh = 0;

void onFault(int sig, siginfo_t *info, void *) {
  auto addr = reinterpret_cast<uintptr_t>(info->si_addr);
  // The guard pages lie just below the stack's lowest address.
  bool overflow = stackLow && addr < stackHigh && addr + GuardSize + 4096 >= stackLow;
  flushStdout();
  std::string_view message =
      overflow ? "fatal error: stack overflow (the program's stack is limited to 1 GiB)\n"
               : (sig == SIGBUS ? "fatal error: unexpected signal SIGBUS\n"
                                : "fatal error: unexpected signal SIGSEGV\n");
  writeAll(STDERR_FILENO, message.data(), message.size());
  _exit(2);
}

void *runProgram(void *) {
  // Where this thread's stack is, and a stack for the fault handler.
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *base;
    size_t size;
    if (pthread_attr_getstack(&attr, &base, &size) == 0) {
      stackLow = reinterpret_cast<uintptr_t>(base);
      stackHigh = stackLow + size;
    }
    pthread_attr_destroy(&attr);
  }
  static char altStack[1 << 16];
  stack_t ss{};
  ss.ss_sp = altStack;
  ss.ss_size = sizeof(altStack);
  sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_sigaction = onFault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, nullptr);
  sigaction(SIGBUS, &sa, nullptr);

  stencil_program_main();
  return nullptr;
}

} // namespace

int main(int argc, char **argv) {
  GC_INIT();
  // Boehm's warnings (a very large block, a failed heap expansion) would mix
  // into the program's standard error; running out of memory is reported by
  // the runtime itself.
  GC_set_warn_proc(GC_ignore_warn_proc);
  // Go's rule for a closed pipe on standard output: the program dies of
  // SIGPIPE, even if it was started with SIGPIPE ignored.
  std::signal(SIGPIPE, SIG_DFL);
  static char stdoutBuffer[StdoutBufferSize];
  std::setvbuf(stdout, stdoutBuffer, _IOFBF, sizeof(stdoutBuffer));

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, ProgramStackSize);
  pthread_attr_setguardsize(&attr, GuardSize);
  pthread_t thread;
  if (pthread_create(&thread, &attr, runProgram, nullptr) != 0) {
    // No thread (a tight address-space limit): run on the main stack.
    runProgram(nullptr);
  } else {
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attr);

  flushStdout();
  return 0;
}
