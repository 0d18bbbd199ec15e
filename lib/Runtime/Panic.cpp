//===- Panic.cpp - Panics, exit() and fatal errors -------------------------===//
//
// A panic (spec §8) flushes standard output, writes
//   panic: MESSAGE
//       at FILE:LINE:COL
// to standard error and exits with status 2. The bounds messages are Go's
// (runtime/error.go, boundsErrorFmt and boundsNegErrorFmt), without Go's
// `runtime error: ` prefix, as the spec writes them.
//
//===----------------------------------------------------------------------===//
#include "Fatal.h"
#include "Output.h"
#include "Runtime.h"
#include "Text.h"
#include <algorithm>
#include <cstring>
#include <unistd.h>

using namespace stencil::runtime;

namespace {

/// Text for standard error, gathered so that a panic usually reaches it in
/// one write(2) (lines of two processes writing to one terminal then do not
/// interleave); a longer text is written in pieces.
class ErrorText {
public:
  ErrorText &operator<<(std::string_view text) {
    while (!text.empty()) {
      if (used_ == sizeof(buf_))
        flush();
      size_t n = std::min(text.size(), sizeof(buf_) - used_);
      std::memcpy(buf_ + used_, text.data(), n);
      used_ += n;
      text.remove_prefix(n);
    }
    return *this;
  }

  ErrorText &operator<<(int64_t value) {
    char buf[IntTextCapacity];
    return *this << std::string_view(buf, formatInt(value, buf));
  }

  void flush() {
    writeAll(STDERR_FILENO, buf_, used_);
    used_ = 0;
  }

private:
  char buf_[4096];
  size_t used_ = 0;
};

/// Flushes standard output (it comes first), then starts the panic's text.
void beginPanic(ErrorText &text) {
  flushStdout();
  text << "panic: ";
}

[[noreturn]] void endPanic(ErrorText &text, const StencilLoc *loc) {
  text << "\n    at ";
  // The compiler always passes a location; null would be its bug.
  if (loc)
    text << std::string_view(loc->file ? loc->file : "") << ":" << int64_t(loc->line) << ":"
         << int64_t(loc->column);
  else
    text << "<unknown location>";
  text << "\n";
  text.flush();
  _exit(2);
}

} // namespace

void stencil::runtime::panicAt(std::string_view message, const StencilLoc *loc) {
  ErrorText text;
  beginPanic(text);
  text << message;
  endPanic(text, loc);
}

void stencil::runtime::fatalOutOfMemory() {
  flushStdout();
  constexpr std::string_view Message = "fatal error: out of memory\n";
  writeAll(STDERR_FILENO, Message.data(), Message.size());
  _exit(2);
}

void stencil_panic(const uint8_t *msg, int64_t len, const StencilLoc *loc) {
  panicAt(std::string_view(reinterpret_cast<const char *>(msg), static_cast<size_t>(len)), loc);
}

void stencil_panic_index(int64_t index, int64_t len, const StencilLoc *loc) {
  ErrorText text;
  beginPanic(text);
  text << "index out of range [" << index << "]";
  // Go leaves the length out when the index is negative.
  if (index >= 0)
    text << " with length " << len;
  endPanic(text, loc);
}

void stencil_panic_slice(int64_t lo, int64_t hi, int64_t bound, bool boundIsCap,
                         const StencilLoc *loc) {
  ErrorText text;
  beginPanic(text);
  text << "slice bounds out of range ";
  // Go checks the high bound first, then the low one against it; a negative
  // bound is reported alone.
  if (hi < 0)
    text << "[:" << hi << "]";
  else if (hi > bound)
    text << "[:" << hi << "] with " << (boundIsCap ? "capacity " : "length ") << bound;
  else if (lo < 0)
    text << "[" << lo << ":]";
  else
    text << "[" << lo << ":" << hi << "]";
  endPanic(text, loc);
}

void stencil_panic_divide(const StencilLoc *loc) { panicAt("integer divide by zero", loc); }

void stencil_panic_nil_func(const StencilLoc *loc) { panicAt("call of nil function", loc); }

void stencil_exit(int64_t code) {
  flushStdout();
  _exit(static_cast<int>(code & 255));
}
