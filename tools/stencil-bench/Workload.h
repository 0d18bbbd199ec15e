//===- Workload.h - The generated generic-heavy workload -------*- C++ -*-===//
//
// The benchmark's program, written in Stencil and, for the peers, in C++,
// Rust and Go. One description, four renderings: every random choice is made
// from the seed alone, so the four programs have the same modules, the same
// instantiations and print the same checksums.
//
// A workload is its generation parameters and its edit state (the edits
// applied since generation: knobs turned, parameters added, slots filled,
// result types cycled). Files are a pure function of the two, so an edit is
// "change the state, write the files whose text changed": the same edit
// reaches every language and untouched files keep their modification time
// (which make-like tools rely on).
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BENCH_WORKLOAD_H
#define STENCIL_BENCH_WORKLOAD_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace stencil::bench {

enum class Lang { Stencil, Cpp, Rust, Go };
constexpr Lang kLangs[] = {Lang::Stencil, Lang::Cpp, Lang::Rust, Lang::Go};
llvm::StringRef langName(Lang L);

struct Params {
  unsigned modules = 100; ///< service modules (at most 999)
  unsigned generics = 12; ///< generic functions in core
  unsigned types = 8;     ///< user types
  uint64_t seed = 1;
};

/// A new instantiation written into a slot of a service module.
struct Fill {
  unsigned module = 0;
  unsigned generic = 0; ///< index into the core generics
  std::string typeTag;  ///< which type argument (see Workload.cpp: typeByTag)
  unsigned value = 0;   ///< the literal seed of the statement
};

/// What the edits changed since generation.
struct EditState {
  std::map<unsigned, unsigned> leafBump;  ///< module -> added to mix_sNNN's constant
  std::map<unsigned, unsigned> knobBump;  ///< generic -> added to its knob
  std::map<unsigned, unsigned> pads;      ///< generic -> extra int parameters
  std::map<unsigned, unsigned> ifaceStep; ///< module -> tag_sNNN's type: int, float, string, ...
  std::vector<Fill> fills;                ///< in order of application
};

struct Workload {
  Params params;
  EditState state;
};

/// The kinds of edit, in the order the benchmark runs them.
extern const char *const kEditKinds[5];
bool isEditKind(llvm::StringRef kind);

/// Every file of the workload in language \p L: path relative to the
/// language's root -> text.
std::map<std::string, std::string> renderFiles(const Workload &w, Lang L);

/// Applies one edit to the state; returns a one-line description (file, what
/// changed) or an error when the edit has no target left.
llvm::Expected<std::string> applyEdit(Workload &w, llvm::StringRef kind, uint64_t seed);

/// Writes the files of \p L under \p dir, only those whose text differs from
/// what is on disk; removes service modules of a larger earlier generation.
/// Writes the state file (stencil-bench.state) too. Returns the paths written.
llvm::Expected<std::vector<std::string>> writeWorkload(const Workload &w, Lang L,
                                                       llvm::StringRef dir);

/// Reads DIR/stencil-bench.state (written by writeWorkload).
llvm::Expected<Workload> readWorkload(llvm::StringRef dir);

/// Number of lines of the Stencil rendering (for the report).
unsigned countLines(const std::map<std::string, std::string> &files);

} // namespace stencil::bench

#endif
