//===- Runner.cpp - Building the workload and measuring it ----------------===//
#include "Runner.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace stencil::bench {

namespace fs = std::filesystem;

const char *const kScenarios[7] = {"clean",       "no-op",    "leaf-body", "generic-body",
                                   "generic-sig", "new-inst", "iface"};

llvm::StringRef scenarioTitle(llvm::StringRef id) {
  return llvm::StringSwitch<llvm::StringRef>(id)
      .Case("clean", "clean build")
      .Case("no-op", "no-op rebuild")
      .Case("leaf-body", "leaf body edit")
      .Case("generic-body", "generic body edit")
      .Case("generic-sig", "generic signature edit")
      .Case("new-inst", "new instantiation")
      .Case("iface", "interface edit")
      .Default(id);
}

double Cell::median() const { return medianSample().wall; }

Sample Cell::medianSample() const {
  if (samples.empty())
    return {};
  std::vector<Sample> s = samples;
  std::sort(s.begin(), s.end(), [](const Sample &a, const Sample &b) { return a.wall < b.wall; });
  return s[(s.size() - 1) / 2]; // the lower median: a sample that happened
}

double Cell::spread() const {
  if (samples.empty())
    return 0;
  auto [lo, hi] =
      std::minmax_element(samples.begin(), samples.end(),
                          [](const Sample &a, const Sample &b) { return a.wall < b.wall; });
  return (hi->wall - lo->wall) / 2;
}

namespace {

llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "stencil-bench: " + msg);
}

std::string join(llvm::StringRef a, llvm::StringRef b) {
  llvm::SmallString<256> p(a);
  llvm::sys::path::append(p, b);
  return std::string(p);
}

//===----------------------------------------------------------------------===//
// Processes
//===----------------------------------------------------------------------===//

struct Proc {
  int status = -1; ///< exit status, or 128 + signal
  Sample sample;
};

/// Runs argv in cwd with extra environment variables, stdout and stderr to
/// files, and measures it (wait4: the child and the children it waited for).
llvm::Expected<Proc> run(const std::vector<std::string> &argv, const std::vector<std::string> &env,
                         const std::string &cwd, const std::string &outPath,
                         const std::string &errPath) {
  std::vector<char *> args;
  for (const std::string &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0)
    return fail("fork failed");
  if (pid == 0) {
    if (!cwd.empty() && chdir(cwd.c_str()) != 0)
      _exit(126);
    int in = open("/dev/null", O_RDONLY);
    int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0)
      _exit(126);
    dup2(in, 0), dup2(out, 1), dup2(err, 2);
    for (const std::string &e : env) {
      size_t eq = e.find('=');
      setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
    }
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0)
    return fail("wait4 failed for " + argv[0]);
  auto t1 = std::chrono::steady_clock::now();
  Proc p;
  p.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  p.sample.wall = std::chrono::duration<double>(t1 - t0).count();
  p.sample.cpu = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                 double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  p.sample.rssKB = ru.ru_maxrss;
  return p;
}

std::string readFile(const std::string &path) {
  auto buf = llvm::MemoryBuffer::getFile(path);
  return buf ? (*buf)->getBuffer().str() : std::string();
}

/// The last lines of a log, for error messages.
std::string tail(const std::string &path, size_t maxLines = 15) {
  std::string text = readFile(path);
  llvm::SmallVector<llvm::StringRef, 64> lines;
  llvm::StringRef(text).split(lines, '\n', -1, false);
  std::string out;
  for (size_t i = lines.size() > maxLines ? lines.size() - maxLines : 0; i < lines.size(); ++i)
    out += "    " + lines[i].str() + "\n";
  return out;
}

//===----------------------------------------------------------------------===//
// Directories
//===----------------------------------------------------------------------===//

llvm::Error removeTree(const std::string &path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec)
    return fail("cannot remove '" + path + "': " + ec.message());
  return llvm::Error::success();
}

/// Copies a tree, keeping every file's modification time (make, ninja and
/// cargo compare them).
llvm::Error copyTree(const std::string &from, const std::string &to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec)
    return fail("cannot create '" + to + "': " + ec.message());
  fs::recursive_directory_iterator it(from, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path &src = it->path();
    fs::path dst = fs::path(to) / fs::path(src.string().substr(from.size() + 1));
    fs::file_status st = it->symlink_status(ec);
    if (ec)
      break;
    if (fs::is_directory(st)) {
      fs::create_directory(dst, ec);
    } else if (fs::is_symlink(st)) {
      fs::copy_symlink(src, dst, ec);
    } else if (fs::is_regular_file(st)) {
      fs::copy_file(src, dst, fs::copy_options::overwrite_existing, ec);
      if (!ec)
        fs::last_write_time(dst, fs::last_write_time(src, ec), ec);
    }
    if (ec)
      return fail("cannot copy '" + src.string() + "': " + ec.message());
  }
  if (ec)
    return fail("cannot copy '" + from + "': " + ec.message());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Toolchains
//===----------------------------------------------------------------------===//

/// How to build one toolchain's copy of the workload, in WORK/<id>.
struct Builder {
  Toolchain tc;
  std::string root;     ///< WORK/<id>
  std::string src;      ///< the generated sources
  std::string program;  ///< the compiler or build tool
  std::string compiler; ///< C++: the compiler ninja runs
  std::string app;      ///< the built executable
  std::vector<std::string> env;
  unsigned jobs = 1;

  std::vector<std::string> buildCommand(const Options &o, const std::string &trace,
                                        bool stats = false) const;
  /// Removes every build output (and, for Go, resets the cache to the
  /// standard library only).
  llvm::Error makeClean(const std::string &goStdCache) const;
};

std::vector<std::string> Builder::buildCommand(const Options &o, const std::string &trace,
                                               bool stats) const {
  if (tc.id == "stencil") {
    std::vector<std::string> cmd = {program, "--build-dir=" + join(root, "build"), "-j",
                                    std::to_string(jobs)};
    if (stats)
      cmd.push_back("--stats=json");
    for (const std::string &a : {o.optLevel, join(src, "main.stn"), std::string("-o"), app})
      cmd.push_back(a);
    if (!trace.empty())
      cmd.push_back("--time-trace=" + trace);
    return cmd;
  }
  if (tc.lang == Lang::Cpp)
    return {program, "-C", join(root, "out"), "-j", std::to_string(jobs)};
  if (tc.id == "cargo")
    return {program, "build", "--offline", "-j", std::to_string(jobs)};
  return {program, "build", "-p", std::to_string(jobs), "-o", app, "."};
}

/// The ninja file of a C++ peer: one object per module, a depfile per object
/// (so an edited header rebuilds what includes it), one link.
std::string ninjaFile(const Builder &b, const Workload &w) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "# Generated by stencil-bench: the C++ peer built with " << b.compiler << ".\n"
     << "cxx = " << b.compiler << "\n"
     << "flags = -std=c++17 -O0 -fwrapv -I" << b.src << "\n"
     << "rule cxx\n  command = $cxx $flags -MMD -MF $out.d -c $in -o $out\n  depfile = $out.d\n  "
        "deps = gcc\n"
     << "  description = CXX $out\n"
     << "rule link\n  command = $cxx $in -o $out\n  description = LINK $out\n";
  std::vector<std::string> objs = {"obj/main.o", "obj/types.o"};
  os << "build obj/main.o: cxx " << join(b.src, "main.cpp") << "\n";
  os << "build obj/types.o: cxx " << join(b.src, "types.cpp") << "\n";
  for (unsigned m = 0; m < w.params.modules; ++m) {
    char name[16];
    std::snprintf(name, sizeof name, "s%03u", m);
    os << "build obj/svc/" << name << ".o: cxx " << join(b.src, std::string("svc/") + name + ".cpp")
       << "\n";
    objs.push_back(std::string("obj/svc/") + name + ".o");
  }
  os << "build app: link";
  for (const std::string &o : objs)
    os << " " << o;
  os << "\ndefault app\n";
  return out;
}

llvm::Error Builder::makeClean(const std::string &goStdCache) const {
  if (tc.id == "stencil") {
    if (llvm::Error e = removeTree(join(root, "build")))
      return e;
    return removeTree(app);
  }
  if (tc.lang == Lang::Cpp) {
    // Everything but the ninja file.
    std::string out = join(root, "out");
    std::string ninja = readFile(join(out, "build.ninja"));
    if (llvm::Error e = removeTree(out))
      return e;
    fs::create_directories(out);
    std::error_code ec;
    llvm::raw_fd_ostream os(join(out, "build.ninja"), ec);
    os << ninja;
    return llvm::Error::success();
  }
  if (tc.id == "cargo")
    return removeTree(join(root, "target"));
  if (llvm::Error e = removeTree(join(root, "cache")))
    return e;
  if (llvm::Error e = removeTree(join(root, "out")))
    return e;
  return copyTree(goStdCache, join(root, "cache"));
}

std::string firstLine(llvm::StringRef s) { return s.split('\n').first.trim().str(); }

/// The "build" and "cache" objects of stencilc's --stats=json on stderr.
llvm::json::Object parseStats(const std::string &stderrText) {
  size_t at = stderrText.rfind("\n{");
  at = at == std::string::npos ? stderrText.find('{') : at + 1;
  size_t end = stderrText.rfind('}');
  if (at == std::string::npos || end == std::string::npos || end < at)
    return {};
  llvm::Expected<llvm::json::Value> v =
      llvm::json::parse(llvm::StringRef(stderrText).slice(at, end + 1));
  if (!v) {
    llvm::consumeError(v.takeError());
    return {};
  }
  llvm::json::Object out;
  if (llvm::json::Object *o = v->getAsObject()) {
    if (llvm::json::Value *b = o->get("build"))
      out["build"] = *b;
    if (llvm::json::Value *c = o->get("cache"))
      out["cache"] = *c;
  }
  return out;
}

/// Translation units ninja compiled ("[3/7] CXX obj/svc/s003.o" lines).
int ninjaCompiled(const std::string &stdoutText) {
  int n = 0;
  llvm::SmallVector<llvm::StringRef, 256> lines;
  llvm::StringRef(stdoutText).split(lines, '\n');
  for (llvm::StringRef l : lines)
    n += l.starts_with("[") && l.contains("] CXX ");
  return n;
}

} // namespace

llvm::Error runBenchmark(const Options &o, Results &res) {
  res.opts = o;
  res.jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  for (const char *s : kScenarios)
    if (o.scenarios.empty() ||
        std::find(o.scenarios.begin(), o.scenarios.end(), s) != o.scenarios.end())
      res.scenarios.push_back(s);
  if (res.scenarios.empty() || res.scenarios[0] != "clean")
    res.scenarios.insert(res.scenarios.begin(),
                         "clean"); // every other scenario starts from its state

  // The work directory: ours (marked) or empty.
  std::string marker = join(o.workdir, ".stencil-bench-workdir");
  std::error_code ec;
  if (fs::exists(o.workdir) && !fs::is_empty(o.workdir, ec) && !fs::exists(marker))
    return fail("'" + o.workdir +
                "' is not empty and was not made by stencil-bench; choose another --workdir");
  if (llvm::Error e = removeTree(o.workdir))
    return e;
  fs::create_directories(o.workdir, ec);
  if (ec)
    return fail("cannot create '" + o.workdir + "': " + ec.message());
  { llvm::raw_fd_ostream(marker, ec) << "made by stencil-bench; removed by its next run\n"; }
  std::string logs = join(o.workdir, "logs");
  fs::create_directories(logs);

  // The toolchains.
  std::vector<Builder> builders;
  auto addBuilder = [&](std::string id, std::string title, Lang L, std::vector<std::string> needs) {
    Builder b;
    b.tc = {id, title, L, true, ""};
    b.root = join(o.workdir, id);
    b.src = join(b.root, "src");
    b.jobs = res.jobs;
    for (const std::string &n : needs) {
      llvm::ErrorOr<std::string> p = llvm::sys::findProgramByName(n);
      if (!p) {
        b.tc.available = false;
        b.tc.whyNot = "'" + n + "' is not installed";
        break;
      }
      if (b.program.empty())
        b.program = *p;
      else
        b.compiler = *p;
    }
    builders.push_back(b);
  };
  {
    Builder b;
    b.tc = {"stencil", "stencilc " + o.optLevel, Lang::Stencil, true, ""};
    b.root = join(o.workdir, "stencil");
    b.src = join(b.root, "src");
    b.program = o.stencilc;
    b.app = join(b.root, "app");
    b.jobs = res.jobs;
    if (!fs::exists(o.stencilc))
      return fail("no stencilc at '" + o.stencilc + "' (--stencilc)");
    builders.push_back(b);
  }
  for (const std::string &p : o.peers) {
    if (p == "gcc")
      addBuilder("gcc", "g++ -O0", Lang::Cpp, {"ninja", "g++"});
    else if (p == "clang")
      addBuilder("clang", "clang++-19 -O0", Lang::Cpp, {"ninja", "clang++-19"});
    else if (p == "cargo")
      addBuilder("cargo", "cargo debug", Lang::Rust, {"cargo", "rustc"});
    else if (p == "go")
      addBuilder("go", "go build", Lang::Go, {"go"});
  }
  for (Builder &b : builders) {
    if (b.tc.lang == Lang::Cpp)
      b.app = join(b.root, "out/app");
    else if (b.tc.id == "cargo") {
      b.app = join(b.root, "target/debug/workload");
      b.env = {"CARGO_TARGET_DIR=" + join(b.root, "target"), "CARGO_INCREMENTAL=1",
               "CARGO_TERM_COLOR=never"};
    } else if (b.tc.id == "go") {
      b.app = join(b.root, "out/app");
      b.env = {"GOCACHE=" + join(b.root, "cache"),
               "GOPATH=" + join(b.root, "gopath"),
               "GOFLAGS=-mod=mod",
               "GOPROXY=off",
               "GO111MODULE=on",
               "GOTOOLCHAIN=local",
               "GOTELEMETRY=off",
               "CGO_ENABLED=0"};
    }
    res.toolchains.push_back(b.tc);
  }
  res.cells.assign(res.scenarios.size(), std::vector<Cell>(builders.size()));

  Workload base{o.params, {}};
  for (Lang L : kLangs)
    res.linesByLang[size_t(L)] = countLines(renderFiles(base, L));
  // The edited workloads (each edit alone, from the generated state).
  std::vector<Workload> edited(res.scenarios.size(), base);
  std::vector<std::string> editDesc(res.scenarios.size());
  for (size_t s = 0; s < res.scenarios.size(); ++s) {
    if (!isEditKind(res.scenarios[s]))
      continue;
    llvm::Expected<std::string> d = applyEdit(edited[s], res.scenarios[s], 0);
    if (!d)
      return d.takeError();
    editDesc[s] = *d;
  }

  std::vector<std::string> expected(res.scenarios.size());
  for (size_t t = 0; t < builders.size(); ++t) {
    Builder &b = builders[t];
    if (!b.tc.available) {
      llvm::errs() << "stencil-bench: skipping " << b.tc.title << ": " << b.tc.whyNot << "\n";
      continue;
    }
    unsigned repeat = t == 0 || !o.peerRepeat ? o.repeat : o.peerRepeat;
    llvm::errs() << "stencil-bench: " << b.tc.title << " (" << langName(b.tc.lang) << ", "
                 << res.linesByLang[size_t(b.tc.lang)] << " lines), " << repeat
                 << " run(s) per scenario\n";
    if (llvm::Error e = removeTree(b.root))
      return e;
    llvm::Expected<std::vector<std::string>> written = writeWorkload(base, b.tc.lang, b.src);
    if (!written)
      return written.takeError();
    if (b.tc.lang == Lang::Cpp) {
      fs::create_directories(join(b.root, "out"));
      std::error_code wec;
      llvm::raw_fd_ostream(join(b.root, "out/build.ninja"), wec) << ninjaFile(b, base);
    }
    std::string goStdCache = join(o.workdir, "snap/go-std-cache");
    if (b.tc.id == "go") {
      // A warm cache of the standard library only: a Go user's clean build
      // of a project does not recompile fmt and strconv, and neither does ours.
      std::string warm = join(o.workdir, "go-warm");
      fs::create_directories(warm);
      llvm::raw_fd_ostream(join(warm, "go.mod"), ec) << "module warm\n\ngo 1.19\n";
      llvm::raw_fd_ostream(join(warm, "main.go"), ec)
          << "package main\n\nimport (\n\t\"fmt\"\n\t\"strconv\"\n)\n\nfunc main() { "
             "fmt.Println(strconv.Itoa(1)) }\n";
      std::vector<std::string> env = b.env;
      env[0] = "GOCACHE=" + goStdCache;
      llvm::Expected<Proc> p = run({b.program, "build", "-o", join(warm, "app"), "."}, env, warm,
                                   join(logs, "go-warm.out"), join(logs, "go-warm.err"));
      if (!p)
        return p.takeError();
      if (p->status != 0) {
        b.tc.available = false;
        res.toolchains[t].available = false;
        res.toolchains[t].whyNot =
            "go build of a hello program failed:\n" + tail(join(logs, "go-warm.err"));
        llvm::errs() << "stencil-bench: skipping go: " << res.toolchains[t].whyNot;
        continue;
      }
    }
    std::string snap = join(o.workdir, "snap/" + b.tc.id);
    for (size_t s = 0; s < res.scenarios.size(); ++s) {
      const std::string &scen = res.scenarios[s];
      Cell &cell = res.cells[s][t];
      cell.edit = editDesc[s];
      // Stencil's figures come from a run of their own, with --stats=json,
      // before the timed runs: the timed command is the one a user types
      // (and a no-op with --stats would need the whole compiler, where the
      // launcher answers a plain one; tools/stencilc/Launcher.cpp).
      for (int rep = t == 0 ? -1 : 0; rep < int(repeat) && cell.error.empty(); ++rep) {
        bool last = rep + 1 == int(repeat);
        bool statsRun = rep < 0;
        if (scen == "clean") {
          if (llvm::Error e = b.makeClean(goStdCache))
            return e;
        } else {
          if (llvm::Error e = removeTree(b.root))
            return e;
          if (llvm::Error e = copyTree(snap, b.root))
            return e;
          if (isEditKind(scen)) {
            llvm::Expected<std::vector<std::string>> w = writeWorkload(edited[s], b.tc.lang, b.src);
            if (!w)
              return w.takeError();
          }
        }
        // The restored files are dirty in the page cache: write them out
        // now, so their write-back does not fall into the timed build.
        ::sync();
        std::string trace;
        if (t == 0 && !statsRun && !o.timeTraceDir.empty()) {
          fs::create_directories(o.timeTraceDir);
          trace = join(o.timeTraceDir, scen + "-" + std::to_string(rep + 1) + ".json");
        }
        std::string log = join(logs, b.tc.id + "-" + scen + "-" +
                                         (statsRun ? std::string("stats") : std::to_string(rep + 1)));
        std::string cwd = b.tc.lang == Lang::Rust || b.tc.lang == Lang::Go ? b.src : b.root;
        llvm::Expected<Proc> p =
            run(b.buildCommand(o, trace, statsRun), b.env, cwd, log + ".out", log + ".err");
        if (!p)
          return p.takeError();
        if (p->status != 0) {
          cell.error = "build failed (status " + std::to_string(p->status) + "), " + log +
                       ".err:\n" + tail(log + ".err") + tail(log + ".out");
          break;
        }
        if (statsRun) {
          cell.stats = parseStats(readFile(log + ".err"));
          continue;
        }
        cell.samples.push_back(p->sample);
        if (o.verbose)
          llvm::errs() << "  " << scen << " #" << rep + 1 << ": "
                       << llvm::format("%.3f", p->sample.wall) << " s\n";
        if (rep == 0 && b.tc.lang == Lang::Cpp)
          cell.compiled = ninjaCompiled(readFile(log + ".out"));
        // The program must run and print what the Stencil program printed.
        if (rep == 0) {
          llvm::Expected<Proc> a = run({b.app}, {}, b.root, log + ".app.out", log + ".app.err");
          if (!a)
            return a.takeError();
          std::string output = readFile(log + ".app.out");
          if (a->status != 0)
            cell.error = "the program failed (status " + std::to_string(a->status) + "):\n" +
                         tail(log + ".app.err");
          else if (t == 0)
            expected[s] = output;
          else if (output != expected[s])
            cell.error = "the program printed '" + firstLine(output) +
                         "...', not the Stencil program's '" + firstLine(expected[s]) + "...' (" +
                         log + ".app.out)";
        }
        if (scen == "clean" && last && cell.error.empty()) {
          if (llvm::Error e = removeTree(snap))
            return e;
          if (llvm::Error e = copyTree(b.root, snap))
            return e;
        }
      }
      if (!cell.error.empty()) {
        res.failed = true;
        llvm::errs() << "stencil-bench: " << b.tc.title << ", " << scenarioTitle(scen) << ": "
                     << cell.error << "\n";
        if (t == 0)
          return fail("the Stencil workload failed; nothing to compare");
        if (scen == "clean")
          break; // nothing to start the other scenarios from
      } else {
        Sample m = cell.medianSample();
        llvm::errs() << "  " << llvm::left_justify(scenarioTitle(scen), 24)
                     << llvm::format("%8.3f s", m.wall) << "\n";
      }
    }
    // The snapshot is only needed while this toolchain runs (cargo's is large).
    if (llvm::Error e = removeTree(snap))
      return e;
  }
  return llvm::Error::success();
}

} // namespace stencil::bench
