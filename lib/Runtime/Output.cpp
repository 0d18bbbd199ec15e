//===- Output.cpp - print and println --------------------------------------===//
//
// stencil_print_*: the text of one value (Text.h) appended to standard
// output's buffer. The program is single-threaded, so the stdio calls are the
// _unlocked ones.
//
//===----------------------------------------------------------------------===//
#include "Output.h"
#include "Runtime.h"
#include "Text.h"
#include <cerrno>
#include <cstdio>
#include <unistd.h>

using namespace stencil::runtime;

void stencil::runtime::writeStdout(const void *data, size_t len) {
  const char *bytes = static_cast<const char *>(data);
  while (len > 0) {
    size_t written = fwrite_unlocked(bytes, 1, len, stdout);
    bytes += written;
    len -= written;
    if (len == 0)
      return;
    // fwrite retries short writes itself; it stops early only on an error.
    if (errno != EINTR)
      return;
    clearerr_unlocked(stdout);
  }
}

void stencil::runtime::flushStdout() {
  while (fflush(stdout) != 0 && errno == EINTR)
    clearerr(stdout);
}

void stencil::runtime::writeAll(int fd, const void *data, size_t len) {
  const char *bytes = static_cast<const char *>(data);
  while (len > 0) {
    ssize_t written = ::write(fd, bytes, len);
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0)
      return;
    bytes += written;
    len -= static_cast<size_t>(written);
  }
}

void stencil_print_int(int64_t value) {
  char buf[IntTextCapacity];
  writeStdout(buf, formatInt(value, buf));
}

void stencil_print_float(double value) {
  char buf[FloatTextCapacity];
  writeStdout(buf, formatFloat(value, buf));
}

void stencil_print_bool(bool value) {
  std::string_view text = boolText(value);
  writeStdout(text.data(), text.size());
}

void stencil_print_string(const uint8_t *data, int64_t len) {
  if (len > 0)
    writeStdout(data, static_cast<size_t>(len));
}

void stencil_print_space(void) { writeStdout(" ", 1); }

void stencil_print_newline(void) { writeStdout("\n", 1); }
