//===- Runtime.h - The C ABI between generated code and the runtime -*- C++ -*-===//
//
// The C side of include/stencil/Runtime/RuntimeFunctions.def: the three
// aggregate types and one declaration per RT_FUNC, with C linkage. The header
// is valid C too, so a C test program (unittests/Runtime/LinkSmoke.c) can use
// it. In C++ every declaration is checked against the .def at compile time:
// RuntimeAbiCheck.h turns each RT_FUNC into a static_assert on its signature.
// docs/runtime.md documents every function.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_RUNTIME_RUNTIME_H
#define STENCIL_LIB_RUNTIME_RUNTIME_H

#ifdef __cplusplus
#include <cstdint>
#else
#include <stdbool.h>
#include <stdint.h>
#endif

#define STENCIL_NORETURN __attribute__((noreturn))

#ifdef __cplusplus
extern "C" {
#endif

/// A string value: `len` bytes at `data` (no terminating NUL; `data` may be
/// null when `len` is 0).
typedef struct StencilString {
  const uint8_t *data;
  int64_t len;
} StencilString;

/// A slice value: `len` elements in use of the `cap` at `data`.
typedef struct StencilSlice {
  void *data;
  int64_t len;
  int64_t cap;
} StencilSlice;

/// The source location of a panic: the path as the compiler was given it
/// (NUL-terminated), and a 1-based line and byte column.
typedef struct StencilLoc {
  const char *file;
  int32_t line;
  int32_t column;
} StencilLoc;

// Output.
void stencil_print_int(int64_t value);
void stencil_print_float(double value);
void stencil_print_bool(bool value);
void stencil_print_string(const uint8_t *data, int64_t len);
void stencil_print_space(void);
void stencil_print_newline(void);

// Strings.
void stencil_str_concat(StencilString *out, const uint8_t *a, int64_t aLen, const uint8_t *b,
                        int64_t bLen);
int64_t stencil_str_compare(const uint8_t *a, int64_t aLen, const uint8_t *b, int64_t bLen);
bool stencil_str_equal(const uint8_t *a, int64_t aLen, const uint8_t *b, int64_t bLen);
void stencil_str_from_int(StencilString *out, int64_t value);
void stencil_str_from_float(StencilString *out, double value);
void stencil_str_from_bool(StencilString *out, bool value);
int64_t stencil_hash_int(int64_t value);
int64_t stencil_hash_float(double value);
int64_t stencil_hash_bool(bool value);
int64_t stencil_hash_string(const uint8_t *data, int64_t len);

// Memory.
void *stencil_alloc(int64_t bytes, bool hasPointers);
void stencil_make_slice(StencilSlice *out, int64_t n, int64_t elemSize, bool hasPointers,
                        const StencilLoc *loc);
void stencil_grow_slice(StencilSlice *out, void *data, int64_t len, int64_t cap, int64_t newLen,
                        int64_t elemSize, bool hasPointers);

// Panics and exit.
STENCIL_NORETURN void stencil_panic(const uint8_t *msg, int64_t len, const StencilLoc *loc);
STENCIL_NORETURN void stencil_panic_index(int64_t index, int64_t len, const StencilLoc *loc);
STENCIL_NORETURN void stencil_panic_slice(int64_t lo, int64_t hi, int64_t bound, bool boundIsCap,
                                          const StencilLoc *loc);
STENCIL_NORETURN void stencil_panic_divide(const StencilLoc *loc);
STENCIL_NORETURN void stencil_panic_nil_func(const StencilLoc *loc);
STENCIL_NORETURN void stencil_exit(int64_t code);

/// Emitted by the compiler: runs the module initializers, then `main`.
/// Called by the runtime's `main` (lib/Runtime/Main.cpp).
void stencil_program_main(void);

#ifdef __cplusplus
} // extern "C"
#include "RuntimeAbiCheck.h"
#endif

#endif // STENCIL_LIB_RUNTIME_RUNTIME_H
