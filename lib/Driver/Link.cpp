//===- Link.cpp - Linking executables and running them --------------------===//
//
// The linker is the C compiler driver found at configure time
// (STENCIL_LINK_DRIVER: clang-19, with lld); the runtime libraries are the
// ones built with the compiler (STENCIL_RUNTIME_LIBS, `|`-separated, in link
// order), then Boehm GC and the C++ and math libraries they use.
//
//===----------------------------------------------------------------------===//
#include "Link.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceLoc.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

using namespace stencil;

#ifndef STENCIL_LINK_DRIVER
#define STENCIL_LINK_DRIVER "clang-19"
#endif
#ifndef STENCIL_RUNTIME_LIBS
#define STENCIL_RUNTIME_LIBS ""
#endif

namespace {
/// Removes a file when it goes out of scope (unless kept).
struct TempFile {
  llvm::SmallString<256> path;
  ~TempFile() {
    if (!path.empty())
      llvm::sys::fs::remove(path);
  }
};
} // namespace

bool stencil::writeFileAtomically(llvm::StringRef path, llvm::StringRef text,
                                  DiagnosticEngine &diags) {
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(path, status) && llvm::sys::fs::exists(status) &&
      !llvm::sys::fs::is_regular_file(status)) {
    // Renaming over /dev/null would replace the device, as clang also avoids.
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (!ec) {
      os << text;
      os.close();
      if (!os.has_error())
        return true;
      ec = os.error();
      os.clear_error();
    }
    diags.report(SourceLoc(), diag::err_cannot_write_output) << path << ec.message();
    return false;
  }
  llvm::SmallString<256> model(path);
  model += ".tmp-%%%%%%";
  int fd;
  TempFile tmp;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, tmp.path)) {
    diags.report(SourceLoc(), diag::err_cannot_write_output) << path << ec.message();
    return false;
  }
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << text;
    os.close();
    if (os.has_error()) {
      diags.report(SourceLoc(), diag::err_cannot_write_output) << path << os.error().message();
      os.clear_error();
      return false;
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmp.path, path)) {
    diags.report(SourceLoc(), diag::err_cannot_write_output) << path << ec.message();
    return false;
  }
  tmp.path.clear();
  return true;
}

bool stencil::linkExecutable(llvm::ArrayRef<std::string> objects, llvm::StringRef output,
                             DiagnosticEngine &diags) {
  llvm::SmallVector<llvm::StringRef, 4> libs;
  llvm::StringRef(STENCIL_RUNTIME_LIBS).split(libs, '|', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef lib : libs)
    if (!llvm::sys::fs::exists(lib)) {
      diags.report(SourceLoc(), diag::err_runtime_missing) << lib;
      return false;
    }
  llvm::ErrorOr<std::string> driver = llvm::sys::findProgramByName(STENCIL_LINK_DRIVER);
  if (!driver) {
    diags.report(SourceLoc(), diag::err_linker_missing) << STENCIL_LINK_DRIVER;
    return false;
  }

  // The executable under a temporary name beside the output, then renamed.
  TempFile tmp;
  {
    llvm::SmallString<256> model(output);
    model += ".tmp-%%%%%%";
    if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, tmp.path)) {
      diags.report(SourceLoc(), diag::err_cannot_write_output) << output << ec.message();
      return false;
    }
  }
  TempFile log;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("stencil-link", "log", log.path)) {
    diags.report(SourceLoc(), diag::err_cannot_write_output) << output << ec.message();
    return false;
  }
  std::vector<llvm::StringRef> argv{*driver, "-fuse-ld=lld", "-o", tmp.path};
  // Past a few objects, a response file (the command line has a length limit).
  TempFile rsp;
  std::string rspArg;
  if (objects.size() <= 8) {
    argv.insert(argv.end(), objects.begin(), objects.end());
  } else {
    int fd;
    if (std::error_code ec = llvm::sys::fs::createTemporaryFile("stencil-link", "rsp", fd, rsp.path)) {
      diags.report(SourceLoc(), diag::err_cannot_write_output) << "a response file" << ec.message();
      return false;
    }
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    for (const std::string &o : objects) {
      // Quoted for the response file's syntax (GNU).
      os << '"';
      for (char ch : o) {
        if (ch == '"' || ch == '\\')
          os << '\\';
        os << ch;
      }
      os << "\"\n";
    }
    os.close();
    if (os.has_error()) {
      diags.report(SourceLoc(), diag::err_cannot_write_output) << rsp.path << os.error().message();
      os.clear_error();
      return false;
    }
    rspArg = ("@" + rsp.path).str();
    argv.push_back(rspArg);
  }
  for (llvm::StringRef lib : libs)
    argv.push_back(lib);
  for (const char *flag : {"-lgc", "-lstdc++", "-lm"})
    argv.push_back(flag);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.path.str(), log.path.str()};
  std::string error;
  int status = llvm::sys::ExecuteAndWait(*driver, argv, std::nullopt, redirects, 0, 0, &error);
  if (status != 0) {
    std::string command;
    for (llvm::StringRef a : argv)
      command += (command.empty() ? "" : " ") + a.str();
    std::string text;
    if (auto buf = llvm::MemoryBuffer::getFile(log.path))
      text = (*buf)->getBuffer().trim().str();
    diags.report(SourceLoc(), diag::err_link_failed)
        << (error.empty() ? "exit status " + std::to_string(status) : error) << command
        << (text.empty() ? std::string() : "\n" + text);
    return false;
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmp.path, output)) {
    diags.report(SourceLoc(), diag::err_cannot_write_output) << output << ec.message();
    return false;
  }
  tmp.path.clear();
  return true;
}

int stencil::runProgram(llvm::StringRef exe, llvm::ArrayRef<std::string> args,
                        DiagnosticEngine &diags) {
  std::string path = exe.str();
  std::vector<char *> argv{path.data()};
  std::vector<std::string> copies(args.begin(), args.end());
  for (std::string &a : copies)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid;
  if (int e = posix_spawn(&pid, path.c_str(), nullptr, nullptr, argv.data(), environ)) {
    diags.report(SourceLoc(), diag::err_cannot_run) << exe << std::strerror(e);
    return -1;
  }
  int raw = 0;
  while (waitpid(pid, &raw, 0) < 0) {
    if (errno != EINTR) {
      diags.report(SourceLoc(), diag::err_cannot_run) << exe << std::strerror(errno);
      return -1;
    }
  }
  if (WIFSIGNALED(raw))
    return 128 + WTERMSIG(raw);
  return WEXITSTATUS(raw);
}
