/*===- LinkSmoke.c - A program linked exactly as the compiler links one ---===*
 *
 * Stands in for a compiled Stencil program: C, so the link uses the C
 * compiler driver and the documented libraries alone (docs/runtime.md,
 * "Linking a program"). LinkSmokeTest.cpp runs it in each mode of
 * STENCIL_SMOKE_MODE.
 *
 *===----------------------------------------------------------------------===*/
#include "Runtime.h"
#include <gc.h>
#include <stdlib.h>
#include <string.h>

static const StencilLoc Loc = {"smoke.stn", 4, 9};

static void printText(const char *text) {
  stencil_print_string((const uint8_t *)text, (int64_t)strlen(text));
}

void stencil_program_main(void) {
  const char *mode = getenv("STENCIL_SMOKE_MODE");
  if (!mode)
    mode = "";

  stencil_print_int(42);
  stencil_print_space();
  stencil_print_float(0.1);
  stencil_print_space();
  stencil_print_bool(true);
  stencil_print_space();
  StencilString s;
  stencil_str_concat(&s, (const uint8_t *)"ab", 2, (const uint8_t *)"cd", 2);
  stencil_print_string(s.data, s.len);
  stencil_print_newline();

  // append(xs, i) for i in 0..9
  StencilSlice xs = {0, 0, 0};
  for (int64_t i = 0; i < 10; ++i) {
    if (xs.len == xs.cap)
      stencil_grow_slice(&xs, xs.data, xs.len, xs.cap, xs.len + 1, 8, false);
    ((int64_t *)xs.data)[xs.len++] = i;
  }
  int64_t sum = 0;
  for (int64_t i = 0; i < xs.len; ++i)
    sum += ((int64_t *)xs.data)[i];
  stencil_print_int(sum);
  stencil_print_space();
  stencil_print_int(xs.cap);
  stencil_print_newline();

  if (!strcmp(mode, "exit")) {
    printText("bye");
    stencil_exit(300);
  }
  if (!strcmp(mode, "panic"))
    stencil_panic_index(5, 3, &Loc);
  if (!strcmp(mode, "flood")) {
    // Far more than the 64 KiB buffer: a closed pipe is met, and SIGPIPE
    // ends the program.
    for (int i = 0; i < (1 << 20); ++i)
      printText("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");
    printText("not killed\n");
  }
  if (!strcmp(mode, "gc")) {
    // 2 GiB allocated, 4 KiB alive at a time.
    for (int i = 0; i < (1 << 19); ++i)
      stencil_alloc(4096, (i & 1) != 0);
    printText(GC_get_heap_size() < ((size_t)64 << 20) ? "heap small\n" : "heap large\n");
  }
  printText("end");
}
