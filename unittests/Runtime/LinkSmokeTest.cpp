//===- LinkSmokeTest.cpp - Running a program linked with the runtime -------===//
//
// link-smoke (LinkSmoke.c) is linked by the C compiler driver with
// exactly the libraries docs/runtime.md lists; these tests run it and check
// what main() does around stencil_program_main: buffering and the final
// flush, the exit status, panics, exit(), SIGPIPE and the collector.
//
//===----------------------------------------------------------------------===//
#include "gtest/gtest.h"
#include <csignal>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

struct Outcome {
  std::string out, err;
  int status = 0;
};

std::string readAll(int fd) {
  std::string text;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0)
    text.append(buf, static_cast<size_t>(n));
  return text;
}

/// Runs the smoke program in `mode`; with `closeStdout`, its standard output
/// is a pipe whose reading end is already closed.
Outcome runSmoke(const std::string &mode, bool closeStdout = false) {
  int out[2], err[2];
  EXPECT_EQ(pipe(out), 0);
  EXPECT_EQ(pipe(err), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  for (int fd : {out[0], out[1], err[0], err[1]})
    posix_spawn_file_actions_addclose(&actions, fd);

  std::string modeVar = "STENCIL_SMOKE_MODE=" + mode;
  char *argv[] = {const_cast<char *>(STENCIL_RUNTIME_LINK_SMOKE), nullptr};
  char *envp[] = {modeVar.data(), nullptr};
  if (closeStdout)
    close(out[0]);
  pid_t pid;
  EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv, envp), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(err[1]);

  Outcome run;
  if (!closeStdout) {
    run.out = readAll(out[0]);
    close(out[0]);
  }
  run.err = readAll(err[0]);
  close(err[0]);
  EXPECT_EQ(waitpid(pid, &run.status, 0), pid);
  return run;
}

const char *const Prefix = "42 0.1 true abcd\n45 16\n";

TEST(LinkSmokeTest, RunsAndFlushesAtTheEnd) {
  Outcome run = runSmoke("");
  EXPECT_EQ(run.out, std::string(Prefix) + "end");
  EXPECT_EQ(run.err, "");
  ASSERT_TRUE(WIFEXITED(run.status));
  EXPECT_EQ(WEXITSTATUS(run.status), 0);
}

TEST(LinkSmokeTest, Exit) {
  Outcome run = runSmoke("exit");
  EXPECT_EQ(run.out, std::string(Prefix) + "bye");
  EXPECT_EQ(run.err, "");
  ASSERT_TRUE(WIFEXITED(run.status));
  EXPECT_EQ(WEXITSTATUS(run.status), 300 & 255);
}

TEST(LinkSmokeTest, Panic) {
  Outcome run = runSmoke("panic");
  EXPECT_EQ(run.out, Prefix);
  EXPECT_EQ(run.err, "panic: index out of range [5] with length 3\n    at smoke.stn:4:9\n");
  ASSERT_TRUE(WIFEXITED(run.status));
  EXPECT_EQ(WEXITSTATUS(run.status), 2);
}

TEST(LinkSmokeTest, ClosedStdoutIsSigpipeEvenWhenIgnored) {
  // SIG_IGN is inherited across exec; main() restores the default.
  auto previous = std::signal(SIGPIPE, SIG_IGN);
  Outcome run = runSmoke("flood", /*closeStdout=*/true);
  std::signal(SIGPIPE, previous);
  EXPECT_EQ(run.err, "");
  ASSERT_TRUE(WIFSIGNALED(run.status)) << "status " << run.status;
  EXPECT_EQ(WTERMSIG(run.status), SIGPIPE);
}

TEST(LinkSmokeTest, GarbageIsCollected) {
  Outcome run = runSmoke("gc");
  EXPECT_EQ(run.out, std::string(Prefix) + "heap small\nend");
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0);
}

} // namespace
