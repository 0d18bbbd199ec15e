//===- Arena.cpp - Large allocations advised for transparent huge pages ---===//
#include "stencil/Basic/Arena.h"
#include "llvm/Support/ErrorHandling.h"
#include <cstdlib>
#include <sys/mman.h>

using namespace stencil;

void *stencil::allocateLarge(size_t size, size_t alignment) {
  if (size < kHugePageSize)
    return llvm::allocate_buffer(size, alignment);
  size_t rounded = (size + kHugePageSize - 1) & ~(kHugePageSize - 1);
  void *p = std::aligned_alloc(kHugePageSize, rounded);
  if (!p)
    llvm::report_bad_alloc_error("out of memory");
#ifdef MADV_HUGEPAGE
  ::madvise(p, rounded, MADV_HUGEPAGE); // advice only: failure is harmless
#endif
  return p;
}

void stencil::deallocateLarge(void *ptr, size_t size, size_t alignment) {
  if (size < kHugePageSize) {
    llvm::deallocate_buffer(ptr, size, alignment);
    return;
  }
  std::free(ptr);
}
