//===- stencil-bench.cpp - The incremental compile-time benchmark ---------===//
//
//   stencil-bench [options]                 run the benchmark, print a table
//   stencil-bench gen DIR [--modules M] [--generics G] [--types T] [--seed S]
//                 [--lang stencil|c++|rust|go]
//   stencil-bench edit DIR KIND [--seed S]  (KIND: leaf-body, generic-body,
//                                            generic-sig, new-inst, iface)
//
// docs/benchmarks.md explains the workload, the scenarios and the figures.
//
//===----------------------------------------------------------------------===//
#include "Runner.h"
#include "Workload.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace stencil::bench;

namespace {

const char *kUsage = R"(usage: stencil-bench [options]
       stencil-bench gen DIR [--modules M] [--generics G] [--types T] [--seed S] [--lang L]
       stencil-bench edit DIR KIND [--seed S]

Generates a generic-heavy workload and measures what each kind of change costs
to rebuild with stencilc --build-dir (and, with --peers, with g++, clang++-19,
cargo and go build on the same program in C++, Rust and Go).

options:
  --modules=M          service modules (default 100; at most 999)
  --generics=G         generic functions in core (default 12)
  --types=T            user types (default 8)
  --seed=S             the workload's seed (default 1)
  --repeat=N           runs per scenario (default 3); the median is reported
  --peer-repeat=N      runs per scenario for the peers (default: --repeat)
  --peers[=LIST]       also measure peers: gcc, clang, cargo, go (default all)
  --scenarios=LIST     only these (clean always runs): clean, no-op, leaf-body,
                       generic-body, generic-sig, new-inst, iface
  -j N, --jobs=N       parallel jobs for every toolchain (default: hardware threads)
  -O0..-O3             stencilc's optimization level (default -O0, as the peers)
  --stencilc=PATH      the compiler (default: stencilc next to stencil-bench)
  --workdir=DIR        where to generate and build (default $TMPDIR/stencil-bench);
                       removed and made again by each run
  --time-trace=DIR     stencilc writes DIR/<scenario>-<run>.json (Perfetto)
  --json               print JSON instead of the tables
  -v                   print every run's time

gen writes the workload into DIR (--lang: which language, default stencil);
edit changes it in place (only the files the edit changes are written) and
prints what it changed.
)";

bool parseUnsigned(llvm::StringRef s, uint64_t &out) { return !s.getAsInteger(10, out); }

int usageError(const llvm::Twine &msg) {
  llvm::errs() << "stencil-bench: " << msg << "\n(stencil-bench --help for usage)\n";
  return 2;
}

/// A `--name=value` or `--name value` option; advances i past the value.
bool takeValue(llvm::ArrayRef<const char *> args, size_t &i, llvm::StringRef name,
               llvm::StringRef &value) {
  llvm::StringRef a = args[i];
  if (a.consume_front(name)) {
    if (a.consume_front("=")) {
      value = a;
      return true;
    }
    if (a.empty() && i + 1 < args.size()) {
      value = args[++i];
      return true;
    }
  }
  return false;
}

std::string defaultStencilc(const char *argv0) {
  std::string self =
      llvm::sys::fs::getMainExecutable(argv0, reinterpret_cast<void *>(&defaultStencilc));
  llvm::SmallString<256> p(llvm::sys::path::parent_path(self));
  llvm::sys::path::append(p, "stencilc");
  return std::string(p);
}

int cmdGen(llvm::ArrayRef<const char *> args) {
  Workload w;
  std::string dir;
  Lang lang = Lang::Stencil;
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef v;
    uint64_t n = 0;
    if (takeValue(args, i, "--modules", v)) {
      if (!parseUnsigned(v, n) || n < 1 || n > 999)
        return usageError("--modules needs a number from 1 to 999");
      w.params.modules = unsigned(n);
    } else if (takeValue(args, i, "--generics", v)) {
      if (!parseUnsigned(v, n) || n < 1)
        return usageError("--generics needs a positive number");
      w.params.generics = unsigned(n);
    } else if (takeValue(args, i, "--types", v)) {
      if (!parseUnsigned(v, n))
        return usageError("--types needs a number");
      w.params.types = unsigned(n);
    } else if (takeValue(args, i, "--seed", v)) {
      if (!parseUnsigned(v, n))
        return usageError("--seed needs a number");
      w.params.seed = n;
    } else if (takeValue(args, i, "--lang", v)) {
      bool found = false;
      for (Lang L : kLangs)
        if (langName(L) == v || (v == "cpp" && L == Lang::Cpp))
          lang = L, found = true;
      if (!found)
        return usageError("--lang is one of stencil, c++, rust, go");
    } else if (llvm::StringRef(args[i]).starts_with("-") || !dir.empty()) {
      return usageError(llvm::Twine("gen: unexpected '") + args[i] + "'");
    } else {
      dir = args[i];
    }
  }
  if (dir.empty())
    return usageError("gen needs a directory");
  llvm::Expected<std::vector<std::string>> written = writeWorkload(w, lang, dir);
  if (!written) {
    llvm::errs() << llvm::toString(written.takeError()) << "\n";
    return 1;
  }
  std::map<std::string, std::string> files = renderFiles(w, lang);
  llvm::outs() << "wrote " << dir << ": " << w.params.modules << " service modules, "
               << w.params.generics << " generic functions, " << w.params.types << " types, "
               << countLines(files) << " lines of " << langName(lang) << "\n";
  return 0;
}

int cmdEdit(llvm::ArrayRef<const char *> args) {
  std::string dir, kind;
  uint64_t seed = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef v;
    if (takeValue(args, i, "--seed", v)) {
      if (!parseUnsigned(v, seed))
        return usageError("--seed needs a number");
    } else if (llvm::StringRef(args[i]).starts_with("-")) {
      return usageError(llvm::Twine("edit: unexpected '") + args[i] + "'");
    } else if (dir.empty()) {
      dir = args[i];
    } else if (kind.empty()) {
      kind = args[i];
    } else {
      return usageError(llvm::Twine("edit: unexpected '") + args[i] + "'");
    }
  }
  if (kind.empty())
    return usageError("edit needs a directory and a kind");
  if (!isEditKind(kind))
    return usageError("edit kinds: leaf-body, generic-body, generic-sig, new-inst, iface");
  llvm::Expected<Workload> w = readWorkload(dir);
  if (!w) {
    llvm::errs() << llvm::toString(w.takeError()) << "\n";
    return 1;
  }
  // Which language the directory holds: its main file says.
  Lang lang = Lang::Stencil;
  const char *mains[] = {"main.stn", "main.cpp", "src/main.rs", "main.go"};
  for (Lang L : kLangs) {
    llvm::SmallString<256> p(dir);
    llvm::sys::path::append(p, mains[int(L)]);
    if (llvm::sys::fs::exists(p))
      lang = L;
  }
  llvm::Expected<std::string> desc = applyEdit(*w, kind, seed);
  if (!desc) {
    llvm::errs() << llvm::toString(desc.takeError()) << "\n";
    return 1;
  }
  llvm::Expected<std::vector<std::string>> written = writeWorkload(*w, lang, dir);
  if (!written) {
    llvm::errs() << llvm::toString(written.takeError()) << "\n";
    return 1;
  }
  llvm::outs() << *desc << "\n";
  return 0;
}

int cmdRun(const char *argv0, llvm::ArrayRef<const char *> args) {
  Options o;
  o.stencilc = defaultStencilc(argv0);
  llvm::SmallString<256> tmp;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, tmp);
  llvm::sys::path::append(tmp, "stencil-bench");
  o.workdir = std::string(tmp);
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef a = args[i], v;
    uint64_t n = 0;
    if (a == "-h" || a == "--help") {
      llvm::outs() << kUsage;
      return 0;
    }
    if (takeValue(args, i, "--modules", v)) {
      if (!parseUnsigned(v, n) || n < 1 || n > 999)
        return usageError("--modules needs a number from 1 to 999");
      o.params.modules = unsigned(n);
    } else if (takeValue(args, i, "--generics", v)) {
      if (!parseUnsigned(v, n) || n < 1)
        return usageError("--generics needs a positive number");
      o.params.generics = unsigned(n);
    } else if (takeValue(args, i, "--types", v)) {
      if (!parseUnsigned(v, n))
        return usageError("--types needs a number");
      o.params.types = unsigned(n);
    } else if (takeValue(args, i, "--seed", v)) {
      if (!parseUnsigned(v, n))
        return usageError("--seed needs a number");
      o.params.seed = n;
    } else if (takeValue(args, i, "--repeat", v)) {
      if (!parseUnsigned(v, n) || n < 1)
        return usageError("--repeat needs a positive number");
      o.repeat = unsigned(n);
    } else if (takeValue(args, i, "--peer-repeat", v)) {
      if (!parseUnsigned(v, n) || n < 1)
        return usageError("--peer-repeat needs a positive number");
      o.peerRepeat = unsigned(n);
    } else if (takeValue(args, i, "--jobs", v) || takeValue(args, i, "-j", v) ||
               (a.starts_with("-j") && !(v = a.drop_front(2)).empty())) {
      if (!parseUnsigned(v, n) || n < 1)
        return usageError("-j needs a positive number");
      o.jobs = unsigned(n);
    } else if (a == "--peers") {
      o.peers = {"gcc", "clang", "cargo", "go"};
    } else if (a.consume_front("--peers=")) {
      llvm::SmallVector<llvm::StringRef, 4> ps;
      a.split(ps, ',', -1, false);
      o.peers.clear();
      for (llvm::StringRef p : ps) {
        if (p != "gcc" && p != "clang" && p != "cargo" && p != "go")
          return usageError("--peers takes gcc, clang, cargo, go");
        o.peers.push_back(p.str());
      }
    } else if (a.consume_front("--scenarios=")) {
      llvm::SmallVector<llvm::StringRef, 8> ss;
      a.split(ss, ',', -1, false);
      for (llvm::StringRef s : ss) {
        if (s != "clean" && s != "no-op" && !isEditKind(s))
          return usageError("unknown scenario '" + s + "'");
        o.scenarios.push_back(s.str());
      }
    } else if (takeValue(args, i, "--stencilc", v)) {
      o.stencilc = v.str();
    } else if (takeValue(args, i, "--workdir", v)) {
      o.workdir = v.str();
    } else if (takeValue(args, i, "--time-trace", v)) {
      o.timeTraceDir = v.str();
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "-v") {
      o.verbose = true;
    } else if (a == "-O0" || a == "-O1" || a == "-O2" || a == "-O3") {
      o.optLevel = a.str();
    } else {
      return usageError("unknown option '" + a + "'");
    }
  }
  if (!llvm::sys::path::is_absolute(o.workdir)) {
    llvm::SmallString<256> abs(o.workdir);
    llvm::sys::fs::make_absolute(abs);
    o.workdir = std::string(abs);
  }
  if (!o.timeTraceDir.empty()) {
    llvm::SmallString<256> abs(o.timeTraceDir);
    llvm::sys::fs::make_absolute(abs);
    o.timeTraceDir = std::string(abs);
  }
  Results r;
  if (llvm::Error e = runBenchmark(o, r)) {
    llvm::errs() << llvm::toString(std::move(e)) << "\n";
    return 1;
  }
  if (o.json)
    llvm::outs() << llvm::formatv("{0:2}", toJSON(r)) << "\n";
  else
    printTable(r, llvm::outs());
  return r.failed ? 1 : 0;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::ArrayRef<const char *> args(argv + 1, argv + argc);
  if (!args.empty() && llvm::StringRef(args[0]) == "gen")
    return cmdGen(args.drop_front());
  if (!args.empty() && llvm::StringRef(args[0]) == "edit")
    return cmdEdit(args.drop_front());
  if (!args.empty() && llvm::StringRef(args[0]) == "run")
    args = args.drop_front();
  return cmdRun(argv[0], args);
}
