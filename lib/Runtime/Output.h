//===- Output.h - Writing to standard output and standard error -*- C++ -*-===//
//
// Standard output goes through stdio's buffer (made fully buffered, 64 KiB, by
// main in Main.cpp); standard error is written directly with write(2), so a
// panic's text is never held in a buffer.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_RUNTIME_OUTPUT_H
#define STENCIL_LIB_RUNTIME_OUTPUT_H

#include <cstddef>

namespace stencil::runtime {

/// The size of standard output's buffer.
constexpr size_t StdoutBufferSize = size_t(1) << 16;

/// Appends `len` bytes to standard output's buffer. A write error other than
/// EINTR drops the bytes (as Go's fmt.Print ignores its error); a closed pipe
/// raises SIGPIPE, which ends the program.
void writeStdout(const void *data, size_t len);

/// Writes out standard output's buffer; errors are ignored as in writeStdout.
void flushStdout();

/// Writes all `len` bytes to `fd` with write(2), retrying after a short write
/// or EINTR, giving up silently on any other error.
void writeAll(int fd, const void *data, size_t len);

} // namespace stencil::runtime

#endif // STENCIL_LIB_RUNTIME_OUTPUT_H
