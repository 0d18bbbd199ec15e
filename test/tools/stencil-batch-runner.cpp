//===- stencil-batch-runner.cpp - stencilc on many inputs -----------------===//
//
// A test-only tool for the robustness test (test/Robustness/fuzz.test).
// Starting stencilc costs ~30 ms (loading libLLVM), far more than checking a
// small input. This tool loads the libraries once and forks per input; the
// child runs exactly what stencilc does for `stencilc ACTION PATH ARGS`
// (stencil::runCompiler, as tools/stencilc/stencilc.cpp), with stdout on
// /dev/null, stderr in a file and a time-out, then exits with its status.
//
//   stencil-batch-runner [-j N] [--timeout S] [--stderr-dir DIR]
//                        [--action OPTION] [--list FILE] [PATH...]
//
// Inputs are the PATHs, then the lines of FILE: a line is a path, optionally
// followed by more stencilc arguments (e.g. `-I DIR`), separated by tabs;
// empty lines are skipped. Input K (0-based, in that order) runs as
// `ACTION PATH ARGS...`, ACTION being --action's option (default
// -fsyntax-only; --emit=ir runs IR build and its verifier too); its stderr goes to DIR/K.stderr (or to
// /dev/null without --stderr-dir). Up to N inputs run at once (default 2).
//
// For each input, in the order they finish, one line on stdout:
//   PATH <tab> STATUS
// where STATUS is the exit status (0, 1, 2, ...), `signal N` if the input
// was killed by signal N, or `timeout` if it used more than S seconds of CPU
// (default 5) or ran for more than 4 S seconds. The limit is on CPU time, the
// compiler's own work, so that a loaded machine does not turn a slow but
// finite input into a time-out; the wall-clock limit stops an input that
// blocks without using the CPU. A crashing input's stderr ends with a line naming the input;
// an input whose stderr or stdout cannot be redirected exits with 125. The
// runner's own exit status is 0 once every input has been run and reported,
// whatever the inputs' statuses; 2 on a bad command line or if it cannot fork.
//
// The parent never calls the compiler (which starts a thread): it stays
// single-threaded, so that fork() is safe.
//
//===----------------------------------------------------------------------===//
#include "stencil/Driver/Driver.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace {

/// A child may run for this many times its CPU limit in wall-clock time.
constexpr unsigned wallFactor = 4;

/// The stencilc option each input runs with (--action).
std::string action = "-fsyntax-only";

struct Input {
  std::vector<std::string> args; ///< path first, then the extra arguments
};

struct Running {
  size_t index;
  std::chrono::steady_clock::time_point start;
  bool killed = false; ///< by the parent's backstop, after the time-out
};

int usage(const llvm::Twine &message) {
  llvm::errs() << "stencil-batch-runner: " << message << "\n"
               << "usage: stencil-batch-runner [-j N] [--timeout S] [--stderr-dir DIR] "
                  "[--list FILE] [PATH...]\n";
  return 2;
}

bool parsePositive(llvm::StringRef text, unsigned &value) {
  return !text.getAsInteger(10, value) && value > 0;
}

/// In a crashing child (from LLVM's handler for SIGSEGV, SIGABRT, ...): says
/// which input it was running, as the stack dump names the runner's own
/// command line. Only write(2): this runs in a signal handler.
void printInput(void *message) {
  const std::string &m = *static_cast<const std::string *>(message);
  ssize_t ignored = write(STDERR_FILENO, m.data(), m.size());
  (void)ignored;
}

/// In the child: redirects, arms the time-outs, runs the compiler, exits.
[[noreturn]] void runChild(const Input &input, size_t index, const std::string &stderrDir,
                           unsigned timeout, const sigset_t &childMask) {
  sigprocmask(SIG_SETMASK, &childMask, nullptr);
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  int err = null;
  if (!stderrDir.empty()) {
    std::string path = stderrDir + "/" + std::to_string(index) + ".stderr";
    err = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  }
  if (null < 0 || err < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0 ||
      dup2(err, STDERR_FILENO) < 0) {
    // Reported as exit status 125, with this on the runner's stderr (or the input's).
    std::string m = "stencil-batch-runner: cannot redirect input " + std::to_string(index) +
                    ": " + std::strerror(errno) + "\n";
    ssize_t ignored = write(STDERR_FILENO, m.data(), m.size());
    (void)ignored;
    _exit(125);
  }
  if (err != null && err > STDERR_FILENO)
    close(err);
  if (null > STDERR_FILENO)
    close(null);
  std::vector<std::string> args;
  args.reserve(input.args.size() + 1);
  args.push_back(action);
  args.insert(args.end(), input.args.begin(), input.args.end());
  static std::string crashMessage = "stencil-batch-runner: crashed on input " +
                                    std::to_string(index) + ": stencilc";
  for (const std::string &a : args)
    crashMessage += " " + a;
  crashMessage += "\n";
  llvm::sys::AddSignalHandler(printInput, &crashMessage);
  // SIGXCPU after `timeout` seconds of CPU (SIGKILL 5 s later if it is
  // caught and the handler spins), SIGALRM after wallFactor times as long.
  struct rlimit cpu;
  cpu.rlim_cur = timeout;
  cpu.rlim_max = timeout + 5;
  setrlimit(RLIMIT_CPU, &cpu);
  alarm(timeout * wallFactor);
  int status = stencil::runCompiler(args, llvm::outs(), llvm::errs());
  llvm::outs().flush();
  _exit(status);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);

  unsigned jobs = 2, timeout = 5;
  std::string stderrDir, listFile;
  std::vector<Input> inputs;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef a = argv[i];
    auto value = [&](llvm::StringRef &out) {
      if (i + 1 >= argc)
        return false;
      out = argv[++i];
      return true;
    };
    llvm::StringRef v;
    if (a == "-j" || a == "--timeout") {
      unsigned &target = a == "-j" ? jobs : timeout;
      if (!value(v) || !parsePositive(v, target))
        return usage(a + " needs a positive number");
    } else if (a.consume_front("-j") && !a.empty()) {
      if (!parsePositive(a, jobs))
        return usage("-j needs a positive number");
    } else if (a == "--stderr-dir") {
      if (!value(v))
        return usage("--stderr-dir needs a directory");
      stderrDir = v.str();
    } else if (a == "--action") {
      if (!value(v))
        return usage("--action needs a stencilc option (-fsyntax-only, --emit=ir)");
      action = v.str();
    } else if (a == "--list") {
      if (!value(v))
        return usage("--list needs a file");
      listFile = v.str();
    } else if (a.starts_with("-") && a != "-") {
      return usage("unknown option '" + a + "'");
    } else {
      inputs.push_back(Input{{a.str()}});
    }
  }
  if (!listFile.empty()) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buf =
        llvm::MemoryBuffer::getFile(listFile, /*IsText=*/true);
    if (!buf)
      return usage("cannot read '" + listFile + "': " + buf.getError().message());
    llvm::SmallVector<llvm::StringRef, 0> lines;
    (*buf)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef line : lines) {
      line = line.rtrim("\r");
      if (line.empty())
        continue;
      llvm::SmallVector<llvm::StringRef, 4> fields;
      line.split(fields, '\t', -1, /*KeepEmpty=*/false);
      Input in;
      for (llvm::StringRef f : fields)
        in.args.push_back(f.str());
      inputs.push_back(std::move(in));
    }
  }

  // SIGCHLD stays blocked in the parent (waited for with sigtimedwait); each
  // child gets the original mask back.
  sigset_t chld, original;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &original);

  // A child that outlives its alarm by this much (SIGALRM blocked or ignored)
  // is killed by the parent and reported as a time-out too.
  const auto backstop = std::chrono::seconds(timeout * wallFactor) + std::chrono::seconds(5);
  std::unordered_map<pid_t, Running> running;
  llvm::raw_ostream &out = llvm::outs();

  auto report = [&](const Running &r, int wstatus) {
    out << inputs[r.index].args.front() << '\t';
    if (r.killed)
      out << "timeout";
    else if (WIFEXITED(wstatus))
      out << WEXITSTATUS(wstatus);
    else if (WIFSIGNALED(wstatus) &&
             (WTERMSIG(wstatus) == SIGALRM || WTERMSIG(wstatus) == SIGXCPU))
      out << "timeout";
    else if (WIFSIGNALED(wstatus))
      out << "signal " << WTERMSIG(wstatus);
    else
      out << "unknown " << wstatus;
    out << '\n';
    out.flush();
  };

  // Reaps every finished child; waits (up to 100 ms) for one if none has.
  auto reap = [&] {
    bool any = false;
    for (;;) {
      int wstatus = 0;
      pid_t pid = waitpid(-1, &wstatus, WNOHANG);
      if (pid < 0 && errno == EINTR)
        continue;
      if (pid <= 0)
        break;
      auto it = running.find(pid);
      if (it == running.end())
        continue;
      report(it->second, wstatus);
      running.erase(it);
      any = true;
    }
    if (any)
      return;
    struct timespec wait = {0, 100 * 1000 * 1000};
    sigtimedwait(&chld, nullptr, &wait);
    auto now = std::chrono::steady_clock::now();
    for (auto &[pid, r] : running)
      if (!r.killed && now - r.start > backstop) {
        r.killed = true;
        kill(pid, SIGKILL);
      }
  };

  for (size_t i = 0; i < inputs.size(); ++i) {
    while (running.size() >= jobs)
      reap();
    out.flush(); // nothing buffered may be written again by the child
    pid_t pid = fork();
    if (pid < 0) {
      llvm::errs() << "stencil-batch-runner: fork: " << std::strerror(errno) << "\n";
      while (!running.empty())
        reap();
      return 2;
    }
    if (pid == 0)
      runChild(inputs[i], i, stderrDir, timeout, original);
    running.emplace(pid, Running{i, std::chrono::steady_clock::now()});
  }
  while (!running.empty())
    reap();
  return 0;
}
