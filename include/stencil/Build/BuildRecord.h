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

  Hash128 options;
  std::vector<Module> modules;
  std::vector<std::string> absentPaths;
  std::vector<Unit> units;
  std::string output;
  Hash128 outputHash; ///< of the output file's bytes
  Hash128 linkKey;    ///< of the linker's inputs

  /// The text form, ending with a checksum line.
  std::string serialize() const;
  /// Parses serialize()'s form; an error says what is wrong with \p text.
  static llvm::Expected<BuildRecord> parse(llvm::StringRef text);
};

} // namespace stencil

#endif
