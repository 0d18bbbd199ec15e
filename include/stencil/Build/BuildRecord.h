//===- BuildRecord.h - What the last build of a directory did ---*- C++ -*-===//
//
// The dependency record of a build directory (docs/incremental.md): the
// options, every module's source fingerprint, the paths that imports probed
// and did not find, every compiled unit with its content key and what the key
// was made of (for --explain), and the output with its fingerprint. Written
// atomically after a successful build, with a checksum; a record that does
// not parse or check is reported and ignored, never trusted.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BUILD_BUILDRECORD_H
#define STENCIL_BUILD_BUILDRECORD_H

#include "stencil/Basic/Hashing.h"
#include "llvm/Support/Error.h"
#include <string>
#include <utility>
#include <vector>

namespace stencil {

struct BuildRecord {
  struct Module {
    std::string name; ///< module path (`main`, `svc/s001`)
    std::string file; ///< where it was read from
    Hash128 source;   ///< XXH3-128 of its bytes
    Hash128 interface; ///< what importers see (docs/incremental.md)
  };
  /// A compiled unit: a module's code, an instance, or the program's entry.
  struct Unit {
    std::string kind; ///< "module", "instance" or "entry"
    std::string name;
    Hash128 key;      ///< the content key its object is stored under
    Hash128 code;     ///< its functions' fingerprints
    Hash128 functions; ///< the names of its functions
    Hash128 layouts;  ///< the struct layouts it uses
    Hash128 refs;     ///< the declarations of other units it uses
    std::vector<std::pair<std::string, Hash128>> inlined; ///< callee, fingerprint
  };

  /// A function of the program: what an incremental build needs to know of
  /// it without lowering it again (docs/incremental.md).
  struct Function {
    std::string name;    ///< its IR name
    unsigned unit = 0;   ///< index into units
    bool inlineHint = false; ///< marked @inline
    unsigned size = 0;   ///< the inliner's size of it after inlining
    Hash128 fingerprint; ///< of its body after inlining
    Hash128 cycle;       ///< the names of its call graph cycle (zero: none)
    Hash128 decl;        ///< its declaration's text and place (zero: an initializer)
    std::vector<unsigned> callees; ///< what it calls or uses before inlining (into functions)
    std::vector<unsigned> inlined; ///< the bodies it copied (into functions)
    std::vector<unsigned> deps;    ///< the modules its code comes from (into modules)
    std::string request; ///< how to ask the IR build for it (Incremental.cpp)
  };

  Hash128 options;
  /// The command line, working directory and compiler version of the build
  /// (Invocation.h): what the launcher compares.
  Hash128 invocation;
  std::vector<Module> modules;
  std::vector<Function> functions;
  std::vector<std::string> absentPaths;
  std::vector<Unit> units;
  std::string output;
  Hash128 outputHash; ///< of the output file's bytes
  Hash128 linkKey;    ///< of the linker's inputs

  /// The text form, ending with a checksum line.
  std::string serialize() const;
  /// Parses serialize()'s form; an error says what is wrong with \p text.
  /// Without \p withFunctions, the function lines are checked by the checksum
  /// only, and functions stays empty (the up-to-date check needs none).
  static llvm::Expected<BuildRecord> parse(llvm::StringRef text, bool withFunctions = true);
};

} // namespace stencil

#endif
