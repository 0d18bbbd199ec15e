//===- Launcher.cpp - stencilc: "up to date" before the compiler loads -----===//
//
// `stencilc` is this small program. A build with --build-dir whose record
// shows the output built from these exact arguments, in this directory, from
// sources with the same bytes, with every probed import path still absent and
// the output still what was written, is done: it exits 0 here, without loading
// the compiler (libLLVM.so alone takes tens of milliseconds to load and
// relocate). Every other invocation, and any doubt, runs the compiler
// (stencilc-compiler beside this program) with the same arguments, which does
// the full check again (docs/incremental.md, "The launcher").
//
// Only the standard library, POSIX and xxHash: nothing here may load LLVM.
//
//===----------------------------------------------------------------------===//
#include "stencil/Driver/Invocation.h"
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

bool readFile(const std::string &path, std::string &out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  out.clear();
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR)
        continue;
      close(fd);
      return false;
    }
    if (n == 0)
      break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return true;
}

std::string hex(const XXH128_hash_t &h) {
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return std::string(buf, 32);
}

std::string hashOf(std::string_view bytes) {
  return hex(XXH3_128bits(bytes.data(), bytes.size()));
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t at = 0;
  for (;;) {
    size_t tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
    if (tab == std::string_view::npos)
      return out;
    at = tab + 1;
  }
}

/// Whether the build these arguments ask for is up to date (the compiler's
/// BuildDirectory::upToDate, for the exact command line of the last build).
bool upToDate(const std::vector<std::string> &args) {
  if (args.empty() || args[0] == "run")
    return false;
  std::string dir;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    // What prints something, or changes what is built, needs the compiler.
    for (const char *p : {"--explain", "--stats", "--time-report", "--time-trace", "--remarks",
                          "--help", "--version", "--emit", "-fsyntax-only", "-h"})
      if (a.rfind(p, 0) == 0)
        return false;
    if (a == "--build-dir" && i + 1 < args.size())
      dir = args[i + 1];
    else if (a.rfind("--build-dir=", 0) == 0)
      dir = a.substr(12);
  }
  if (dir.empty() || std::getenv("STENCIL_FAULT_AFTER_ARTIFACTS"))
    return false;

  // The compiler's lock: while another build holds it, let the compiler
  // wait (and say so). Released when this process exits.
  int lock = open((dir + "/lock").c_str(), O_RDWR | O_CLOEXEC);
  if (lock < 0)
    return false;
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (fcntl(lock, F_SETLK, &fl) != 0)
    return false;

  std::string record;
  if (!readFile(dir + "/record", record))
    return false;
  static const std::string kHeader = "stencil-build-record 2\n";
  size_t sumAt = record.rfind("checksum\t");
  if (record.compare(0, kHeader.size(), kHeader) != 0 || sumAt == std::string::npos ||
      (sumAt > 0 && record[sumAt - 1] != '\n') || record.back() != '\n')
    return false;
  std::string_view body = std::string_view(record).substr(0, sumAt);
  if (record.size() != sumAt + 9 + 33 || record.compare(sumAt + 9, 32, hashOf(body)) != 0)
    return false;

  uint64_t low, high;
  if (!stencil::invocationKey(STENCIL_VERSION, args, low, high))
    return false;
  XXH128_hash_t key{low, high};
  bool sawInvocation = false, sawOutput = false;
  size_t at = kHeader.size();
  while (at < body.size()) {
    size_t nl = body.find('\n', at);
    std::string_view line = body.substr(at, nl - at);
    at = nl + 1;
    // Only these lines matter here; functions, then the output, come last.
    if (line.rfind("fn\t", 0) == 0)
      break;
    if (line.rfind("unit\t", 0) == 0 || line.rfind("inlined\t", 0) == 0)
      continue;
    std::vector<std::string_view> f = fields(line);
    if (f[0] == "invocation" && f.size() == 2) {
      if (f[1] != hex(key))
        return false;
      sawInvocation = true;
    } else if (f[0] == "module" && f.size() == 5) {
      std::string bytes;
      if (!readFile(std::string(f[4]), bytes) || hashOf(bytes) != f[1])
        return false;
    } else if (f[0] == "absent" && f.size() == 2) {
      struct stat st;
      if (stat(std::string(f[1]).c_str(), &st) == 0 || errno != ENOENT)
        return false;
    }
  }
  // The output line is the last of the body.
  size_t lastStart = body.rfind('\n', body.size() - 2);
  std::vector<std::string_view> out =
      fields(body.substr(lastStart + 1, body.size() - lastStart - 2));
  if (out[0] == "output" && out.size() == 4) {
    std::string bytes;
    if (!readFile(std::string(out[3]), bytes) || hashOf(bytes) != out[1])
      return false;
    sawOutput = true;
  }
  return sawInvocation && sawOutput;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (upToDate(args))
    return 0;
  // The compiler, beside this program.
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) {
    std::fprintf(stderr, "stencilc: error: cannot find the compiler: %s\n", std::strerror(errno));
    return 2;
  }
  self[n] = 0;
  std::string path(self);
  path = path.substr(0, path.rfind('/') + 1) + "stencilc-compiler";
  execv(path.c_str(), argv);
  std::fprintf(stderr, "stencilc: error: cannot run the compiler '%s': %s\n", path.c_str(),
               std::strerror(errno));
  return 2;
}
