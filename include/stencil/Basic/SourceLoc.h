//===- SourceLoc.h - Locations in source files -------------------*- C++ -*-===//
//
// A SourceLoc is a 32-bit offset into the SourceManager's address space: every
// file loaded gets a contiguous range [base, base + size] (the extra position is
// end-of-file), so one integer names a file and a byte in it. Offset 0 is the
// invalid location.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BASIC_SOURCELOC_H
#define STENCIL_BASIC_SOURCELOC_H

#include <cstdint>

namespace stencil {

class SourceLoc {
public:
  constexpr SourceLoc() = default;
  static constexpr SourceLoc fromRaw(uint32_t raw) {
    SourceLoc l;
    l.raw_ = raw;
    return l;
  }
  constexpr uint32_t raw() const { return raw_; }
  constexpr bool isValid() const { return raw_ != 0; }
  /// The location \p n bytes further on in the same file.
  constexpr SourceLoc getOffset(uint32_t n) const { return fromRaw(raw_ + n); }
  friend constexpr bool operator==(SourceLoc a, SourceLoc b) { return a.raw_ == b.raw_; }
  friend constexpr bool operator<(SourceLoc a, SourceLoc b) { return a.raw_ < b.raw_; }

private:
  uint32_t raw_ = 0;
};

/// A half-open byte range [begin, end).
struct SourceRange {
  SourceLoc begin, end;
};

/// Identifies one loaded file; 0 is "none".
struct FileId {
  uint32_t index = 0;
  bool isValid() const { return index != 0; }
  friend bool operator==(FileId a, FileId b) { return a.index == b.index; }
};

} // namespace stencil

#endif
