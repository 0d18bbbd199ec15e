//===- Memory.cpp - Allocation, make and append's growth -------------------===//
//
// All memory comes from the Boehm collector: GC_MALLOC for memory that may
// hold pointers (it is scanned), GC_MALLOC_ATOMIC for memory that may not.
// Interior pointers (a slice or substring that starts inside an array, or one
// past its end) keep the whole block alive; that is Boehm's default.
//
// Slice growth reproduces Go 1.22's growslice, so cap() after append is the
// number a Go programmer expects: the capacity from nextslicecap, in bytes,
// rounded up to the block Go's allocator would hand out.
//
//===----------------------------------------------------------------------===//
#include "Memory.h"
#include "Fatal.h"
#include "Runtime.h"
#include <algorithm>
#include <cstring>
#include <gc.h>
#include <iterator>

using namespace stencil::runtime;

alignas(16) unsigned char stencil::runtime::ZeroBase[16];

namespace {

// Go 1.22's malloc size classes: class_to_size in runtime/sizeclasses.go,
// class 0 ("not a small object") included, so 68 entries. An object of up to
// 32768 bytes gets the smallest class that holds it.
constexpr uint32_t GoSizeClasses[] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,  160,   176,
    192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,  512,   576,
    640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304, 2688,  3072,
    3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728, 10240, 10880,
    12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};
static_assert(std::size(GoSizeClasses) == 68, "Go 1.22 has 68 size classes");
static_assert(std::is_sorted(std::begin(GoSizeClasses), std::end(GoSizeClasses)));

// Go 1.22's constants for 64-bit targets (runtime/sizeclasses.go, mbitmap.go).
constexpr uint64_t GoMaxSmallSize = 32768;
constexpr uint64_t GoPageSize = 8192;
constexpr uint64_t GoMallocHeaderSize = 8;
constexpr uint64_t GoMinSizeForMallocHeader = 512;

/// `bytes` (> 0, <= MaxAlloc) of GC memory: zeroed if `hasPointers`,
/// undefined otherwise (GC_MALLOC_ATOMIC does not clear).
void *allocateRaw(uint64_t bytes, bool hasPointers) {
  void *data = hasPointers ? GC_MALLOC(bytes) : GC_MALLOC_ATOMIC(bytes);
  if (!data)
    fatalOutOfMemory();
  return data;
}

} // namespace

void *stencil::runtime::allocateZeroed(uint64_t bytes, bool hasPointers) {
  if (bytes == 0)
    return ZeroBase;
  if (bytes > MaxAlloc)
    fatalOutOfMemory();
  void *data = allocateRaw(bytes, hasPointers);
  if (!hasPointers)
    std::memset(data, 0, bytes);
  return data;
}

void *stencil::runtime::allocateText(uint64_t bytes) {
  if (bytes > MaxAlloc)
    fatalOutOfMemory();
  return allocateRaw(bytes, /*hasPointers=*/false);
}

uint64_t stencil::runtime::roundUpAllocationSize(uint64_t bytes, bool hasPointers) {
  uint64_t request = bytes;
  if (request <= GoMaxSmallSize - GoMallocHeaderSize) {
    // A small object. Go 1.22 puts an 8-byte type header in front of a
    // pointerful object of more than 512 bytes; the header's bytes are not
    // the slice's.
    if (hasPointers && request > GoMinSizeForMallocHeader)
      request += GoMallocHeaderSize;
    uint64_t block = *std::lower_bound(std::begin(GoSizeClasses), std::end(GoSizeClasses), request);
    return block - (request - bytes);
  }
  // A large object: whole pages.
  request += GoPageSize - 1;
  if (request < bytes)
    return bytes;
  return request & ~(GoPageSize - 1);
}

int64_t stencil::runtime::nextSliceCapacity(int64_t newLen, int64_t oldCap) {
  // Go's int arithmetic wraps; so does this.
  auto add = [](int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  };
  int64_t newCap = oldCap;
  int64_t doubleCap = add(newCap, newCap);
  if (newLen > doubleCap)
    return newLen;
  constexpr int64_t Threshold = 256;
  if (oldCap < Threshold)
    return doubleCap;
  // From doubling small slices to growing large ones by 1.25x, smoothly.
  do
    newCap = add(newCap, add(newCap, 3 * Threshold) >> 2);
  while (static_cast<uint64_t>(newCap) < static_cast<uint64_t>(newLen));
  // The computation overflowed: ask for exactly what is needed.
  if (newCap <= 0)
    return newLen;
  return newCap;
}

int64_t stencil::runtime::grownCapacity(int64_t oldCap, int64_t newLen, int64_t elemSize,
                                        bool hasPointers) {
  uint64_t size = static_cast<uint64_t>(elemSize);
  if (newLen < 0 || static_cast<uint64_t>(newLen) > MaxAlloc / size)
    return -1;
  int64_t newCap = nextSliceCapacity(newLen, oldCap);
  if (static_cast<uint64_t>(newCap) > MaxAlloc / size)
    return -1;
  uint64_t bytes = roundUpAllocationSize(static_cast<uint64_t>(newCap) * size, hasPointers);
  if (bytes > MaxAlloc)
    return -1;
  return static_cast<int64_t>(bytes / size);
}

void *stencil_alloc(int64_t bytes, bool hasPointers) {
  if (bytes < 0)
    fatalOutOfMemory();
  return allocateZeroed(static_cast<uint64_t>(bytes), hasPointers);
}

void stencil_make_slice(StencilSlice *out, int64_t n, int64_t elemSize, bool hasPointers,
                        const StencilLoc *loc) {
  constexpr std::string_view OutOfRange = "makeslice: len out of range";
  if (n < 0)
    panicAt(OutOfRange, loc);
  uint64_t size = static_cast<uint64_t>(elemSize);
  if (size != 0 && static_cast<uint64_t>(n) > MaxAlloc / size)
    panicAt(OutOfRange, loc);
  *out = {allocateZeroed(static_cast<uint64_t>(n) * size, hasPointers), n, n};
}

void stencil_grow_slice(StencilSlice *out, void *data, int64_t len, int64_t cap, int64_t newLen,
                        int64_t elemSize, bool hasPointers) {
  if (elemSize == 0) {
    *out = {ZeroBase, len, newLen};
    return;
  }
  int64_t newCap = grownCapacity(cap, newLen, elemSize, hasPointers);
  if (newCap < 0)
    fatalOutOfMemory();
  uint64_t size = static_cast<uint64_t>(elemSize);
  uint64_t oldBytes = static_cast<uint64_t>(len) * size;
  uint64_t newBytes = static_cast<uint64_t>(newCap) * size;
  auto *newData = static_cast<unsigned char *>(allocateRaw(newBytes, hasPointers));
  if (oldBytes > 0)
    std::memcpy(newData, data, oldBytes);
  // GC_MALLOC cleared the block; GC_MALLOC_ATOMIC did not. Everything past
  // the old elements is zero, as after make, padding included.
  if (!hasPointers)
    std::memset(newData + oldBytes, 0, newBytes - oldBytes);
  *out = {newData, len, newCap};
}
