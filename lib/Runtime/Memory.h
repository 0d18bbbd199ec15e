//===- Memory.h - Garbage-collected allocation and slice growth -*- C++ -*-===//
//
// The allocation helpers behind stencil_alloc, stencil_make_slice,
// stencil_grow_slice and the string functions, and Go's slice growth rule,
// exposed so the unit tests can check capacities without allocating.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_RUNTIME_MEMORY_H
#define STENCIL_LIB_RUNTIME_MEMORY_H

#include <cstddef>
#include <cstdint>

namespace stencil::runtime {

/// The largest allocation, in bytes: Go's maxAlloc on 64-bit Linux (the
/// 48-bit heap address space). Larger requests are out of memory, or a
/// `makeslice: len out of range` panic for make.
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

/// What every zero-byte allocation returns: a valid, non-null address that
/// is never read or written through (Go's runtime.zerobase).
extern unsigned char ZeroBase[16];

/// `bytes` of zeroed garbage-collected memory, scanned for pointers only if
/// `hasPointers`. Never null: ZeroBase for 0 bytes, and a fatal error when
/// memory runs out or `bytes` exceeds MaxAlloc.
void *allocateZeroed(uint64_t bytes, bool hasPointers);

/// `bytes` (> 0) of pointer-free garbage-collected memory with undefined
/// contents, for text that is written in full at once. Never null.
void *allocateText(uint64_t bytes);

/// Go 1.22's roundupsize (runtime/msize_allocheaders.go): the usable size
/// of the block that Go's allocator hands out for a request of `bytes`.
uint64_t roundUpAllocationSize(uint64_t bytes, bool hasPointers);

/// Go 1.22's nextslicecap (runtime/slice.go): the capacity growslice asks
/// for before rounding up to the allocator's block size.
int64_t nextSliceCapacity(int64_t newLen, int64_t oldCap);

/// The capacity growslice gives a slice of capacity `oldCap` that needs
/// `newLen` elements of `elemSize` (> 0) bytes, or -1 if those do not fit in
/// MaxAlloc bytes.
int64_t grownCapacity(int64_t oldCap, int64_t newLen, int64_t elemSize, bool hasPointers);

} // namespace stencil::runtime

#endif // STENCIL_LIB_RUNTIME_MEMORY_H
