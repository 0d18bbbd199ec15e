//===- Runner.h - Building the workload and measuring it -------*- C++ -*-===//
//
// Runs each toolchain (stencilc, and with --peers g++ and clang++-19 through
// ninja, cargo, go build) over the scenarios: a clean build, a no-op
// rebuild, and one rebuild after each kind of edit, each from the same warm
// state (the toolchain's directory, sources and build outputs and caches, is
// copied aside after the clean build and copied back, modification times
// included, before every later run). Each run is a child process measured
// with wait4: wall time, CPU time (user + system, its children included) and
// the peak resident set of the largest process.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BENCH_RUNNER_H
#define STENCIL_BENCH_RUNNER_H

#include "Workload.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace stencil::bench {

struct Options {
  Params params;
  std::string stencilc;
  std::string workdir;
  unsigned repeat = 3;
  unsigned peerRepeat = 0;            ///< 0: as repeat
  unsigned jobs = 0;                  ///< 0: the number of hardware threads
  std::vector<std::string> peers;     ///< ids: gcc, clang, cargo, go
  std::vector<std::string> scenarios; ///< empty: all
  std::string timeTraceDir;
  std::string optLevel = "-O0";
  bool json = false;
  bool verbose = false;
};

/// The scenarios, in the order they run: "clean", "no-op", then the edit kinds.
extern const char *const kScenarios[7];
llvm::StringRef scenarioTitle(llvm::StringRef id);

struct Sample {
  double wall = 0, cpu = 0;
  long rssKB = 0;
};

/// One scenario on one toolchain.
struct Cell {
  std::vector<Sample> samples;
  std::string error;        ///< empty: built, ran and printed the expected output
  llvm::json::Object stats; ///< stencilc's --stats=json "build" and "cache" (first run)
  int compiled = -1;        ///< peers built with ninja: translation units compiled (first run)
  std::string edit;         ///< what the edit changed
  double median() const;
  double spread() const; ///< (max - min) / 2
  Sample medianSample() const;
};

struct Toolchain {
  std::string id, title;
  Lang lang;
  bool available = true;
  std::string whyNot; ///< when not available
};

struct Results {
  Options opts;
  unsigned jobs = 1;
  std::vector<unsigned> linesByLang = std::vector<unsigned>(4, 0);
  std::vector<Toolchain> toolchains; ///< stencil first, then the peers asked for
  std::vector<std::string> scenarios;
  /// cells[scenario][toolchain]
  std::vector<std::vector<Cell>> cells;
  bool failed = false;
};

/// Runs everything; progress goes to stderr. Errors that stop the benchmark
/// (no stencilc, the Stencil program failing) are returned.
llvm::Error runBenchmark(const Options &opts, Results &results);

void printTable(const Results &r, llvm::raw_ostream &os);
llvm::json::Value toJSON(const Results &r);

} // namespace stencil::bench

#endif
