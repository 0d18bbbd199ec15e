//===- BuildDir.h - stencilc --build-dir (private) --------------*- C++ -*-===//
//
// The build layer's driver side (docs/incremental.md): takes the build
// directory's lock, answers "is the output up to date?" from the record and
// the sources' bytes alone, and otherwise compiles the units whose content
// keys are not in the store (in parallel), links, and writes the record.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_DRIVER_BUILDDIR_H
#define STENCIL_LIB_DRIVER_BUILDDIR_H

#include "stencil/Basic/Hashing.h"
#include "stencil/Build/BuildRecord.h"
#include "stencil/Build/ObjectStore.h"
#include "stencil/Build/Units.h"
#include "stencil/IR/IR.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>
#include <string>

namespace stencil {

class DiagnosticEngine;
class SourceManager;

struct BuildDirOptions {
  std::string dir;
  std::string output;   ///< the executable
  unsigned jobs = 1;    ///< code generation threads
  bool explain = false; ///< one line per module and unit on \p explainOut
  uint64_t maxSize = 0; ///< the store's limit, in bytes
  unsigned optLevel = 0;
  Hash128 options;      ///< everything that changes what the build produces
  Hash128 codegenOptions; ///< the part that changes object code (in unit keys)
  Hash128 invocation;     ///< the command line's key, for the launcher (Invocation.h)
};

/// Counters of one build, for --stats.
struct BuildStats {
  bool upToDate = false;  ///< the no-change path: nothing parsed
  unsigned modules = 0;
  unsigned modulesInvalidated = 0; ///< their source or an imported interface changed
  unsigned modulesChecked = 0;     ///< whose function bodies were checked
  unsigned functions = 0, functionsLowered = 0;
  unsigned rounds = 0;
  unsigned units = 0, rebuilt = 0, reused = 0;
  unsigned instances = 0, instancesRebuilt = 0;
  unsigned corrupt = 0;
  bool linked = false;
  ObjectStore::Eviction store;
  uint64_t maxSize = 0;
};

/// A module of the program as the record keeps it.
struct ModuleSource {
  std::string name, file;
  Hash128 source;
  Hash128 interface;
};

class BuildDirectory {
public:
  /// Creates \p opts.dir when missing and takes its lock, waiting (with a
  /// note) while another stencilc holds it. Null after reporting a failure.
  static std::unique_ptr<BuildDirectory> open(const BuildDirOptions &opts, DiagnosticEngine &diags);
  ~BuildDirectory();

  /// True when the record shows the output built from exactly these sources
  /// and options, and the output is still what was written: the build is
  /// then done, without parsing anything.
  bool upToDate(llvm::raw_ostream &explainOut);

  /// Compiles every unit of \p units (cut from \p m, or carried from the
  /// record, Incremental.h) whose object is not in the store, links the
  /// executable (unless the record shows it current) and writes the record.
  bool build(const ir::Module &m, const SourceManager &sm, std::vector<CompileUnit> units,
             llvm::ArrayRef<ModuleSource> modules, llvm::ArrayRef<std::string> absentPaths,
             std::vector<BuildRecord::Function> functions, llvm::raw_ostream &explainOut,
             llvm::raw_ostream &progress);

  /// The last build's record, functions included, when it was made with
  /// these options.
  const BuildRecord *usableRecord();
  ObjectStore &store() { return store_; }
  const BuildStats &stats() const { return stats_; }
  BuildStats &stats() { return stats_; }

private:
  BuildDirectory(const BuildDirOptions &opts, DiagnosticEngine &diags, int lockFd);
  void readRecord();

  BuildDirOptions opts_;
  DiagnosticEngine &diags_;
  int lockFd_;
  ObjectStore store_;
  std::optional<BuildRecord> record_; ///< the last build's, when usable
  std::string recordText_;            ///< its text (functions are read when needed)
  bool recordFunctionsRead_ = false;
  BuildStats stats_;
};

/// XXH3-128 of a file's bytes; nullopt when it cannot be read.
std::optional<Hash128> hashFile(llvm::StringRef path);

} // namespace stencil

#endif
