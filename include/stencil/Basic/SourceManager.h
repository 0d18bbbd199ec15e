//===- SourceManager.h - Owns source buffers, maps locations -----*- C++ -*-===//
#ifndef STENCIL_BASIC_SOURCEMANAGER_H
#define STENCIL_BASIC_SOURCEMANAGER_H

#include "stencil/Basic/SourceLoc.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <string>
#include <vector>

namespace stencil {

struct LineColumn {
  unsigned line = 0;   ///< 1-based
  unsigned column = 0; ///< 1-based, in bytes
};

class SourceManager {
public:
  /// Loads \p path from disk. \p displayName is the name diagnostics print
  /// (the path as the user gave it, or relative to the main file's directory).
  llvm::Expected<FileId> loadFile(llvm::StringRef path, llvm::StringRef displayName);
  /// Adds an in-memory buffer (tests, benchmarks).
  FileId addBuffer(std::string contents, llvm::StringRef displayName);

  llvm::StringRef getText(FileId f) const { return file(f).buffer->getBuffer(); }
  llvm::StringRef getDisplayName(FileId f) const { return file(f).displayName; }
  /// The path the file was read from (loadFile's \p path).
  llvm::StringRef getPath(FileId f) const { return file(f).buffer->getBufferIdentifier(); }
  /// Computes every file's line table now: afterwards the manager is only
  /// read, so threads may share it (parallel code generation).
  void computeLineTables() const;
  SourceLoc getStartLoc(FileId f) const { return SourceLoc::fromRaw(file(f).base); }
  SourceLoc getLoc(FileId f, uint32_t offset) const {
    return SourceLoc::fromRaw(file(f).base + offset);
  }

  /// The file containing \p loc (must be valid).
  FileId getFileId(SourceLoc loc) const;
  uint32_t getFileOffset(SourceLoc loc) const;
  LineColumn getLineColumn(SourceLoc loc) const;
  /// The text of the line containing \p loc, without its line terminator.
  llvm::StringRef getLineText(SourceLoc loc) const;
  unsigned getNumFiles() const { return files_.size(); }

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> buffer;
    std::string displayName;
    uint32_t base = 0;
    mutable std::vector<uint32_t> lineStarts; // computed on first use
  };
  const File &file(FileId f) const { return files_[f.index - 1]; }
  FileId add(std::unique_ptr<llvm::MemoryBuffer> buf, llvm::StringRef displayName);
  const std::vector<uint32_t> &lineStarts(const File &f) const;

  std::vector<File> files_;
  uint32_t nextBase_ = 1;
};

} // namespace stencil

#endif
