//===- Arena.h - Bump allocation in slabs that can use huge pages -*- C++ -*-===//
//
// The AST and the type context are arena-allocated. A large program's arenas
// hold hundreds of megabytes, and with 4 KiB pages most of the front-end's time
// can go to first-touch page faults. Arena starts with small slabs (a tiny
// module costs 64 KiB) and grows them quickly; slabs of 2 MiB and more are
// 2 MiB-aligned and advised for transparent huge pages, so they fault once per
// 2 MiB where the kernel allows it (THP "madvise" or "always").
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BASIC_ARENA_H
#define STENCIL_BASIC_ARENA_H

#include "llvm/Support/Allocator.h"
#include "llvm/Support/AllocatorBase.h"
#include <cstddef>
#include <limits>
#include <new>

namespace stencil {

constexpr size_t kHugePageSize = size_t(2) << 20;

/// Allocates \p size bytes; at least kHugePageSize bytes come 2 MiB-aligned and
/// advised for huge pages. Free with deallocateLarge.
void *allocateLarge(size_t size, size_t alignment);
void deallocateLarge(void *ptr, size_t size, size_t alignment);

class HugePageSlabAllocator : public llvm::AllocatorBase<HugePageSlabAllocator> {
public:
  void *Allocate(size_t size, size_t alignment) { return allocateLarge(size, alignment); }
  void Deallocate(const void *ptr, size_t size, size_t alignment) {
    deallocateLarge(const_cast<void *>(ptr), size, alignment);
  }
  using AllocatorBase<HugePageSlabAllocator>::Allocate;
  using AllocatorBase<HugePageSlabAllocator>::Deallocate;
};

/// 64 KiB slabs, doubling every 4 slabs: 2 MiB slabs after about 1.5 MiB.
using Arena = llvm::BumpPtrAllocatorImpl<HugePageSlabAllocator, 64 * 1024, 64 * 1024, 4>;

/// A std allocator with the same policy, for large vectors (the token buffer).
template <typename T> struct HugePageStdAllocator {
  using value_type = T;
  HugePageStdAllocator() = default;
  template <typename U> HugePageStdAllocator(const HugePageStdAllocator<U> &) {}
  T *allocate(size_t n) {
    if (n > std::numeric_limits<size_t>::max() / sizeof(T))
      llvm::report_bad_alloc_error("allocation too large");
    return static_cast<T *>(allocateLarge(n * sizeof(T), alignof(T)));
  }
  void deallocate(T *p, size_t n) { deallocateLarge(p, n * sizeof(T), alignof(T)); }
  template <typename U> bool operator==(const HugePageStdAllocator<U> &) const { return true; }
  template <typename U> bool operator!=(const HugePageStdAllocator<U> &) const { return false; }
};

} // namespace stencil

#endif
