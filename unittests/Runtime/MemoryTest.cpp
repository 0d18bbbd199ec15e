//===- MemoryTest.cpp - alloc, make and append's growth --------------------===//
#include "Memory.h"
#include "RuntimeTestSupport.h"
#include "gtest/gtest.h"
#include <cstring>
#include <gc.h>
#include <vector>

using namespace stencil::runtime;
using namespace stencil::runtime::test;

namespace {

/// The capacities a slice goes through when one element at a time is
/// appended to a nil slice, until it holds `count` elements.
std::vector<int64_t> capacitiesAppendingOneByOne(int64_t count, int64_t elemSize,
                                                 bool hasPointers) {
  std::vector<int64_t> caps;
  int64_t cap = 0;
  for (int64_t len = 0; len < count; ++len) {
    if (len < cap)
      continue;
    cap = grownCapacity(cap, len + 1, elemSize, hasPointers);
    caps.push_back(cap);
  }
  return caps;
}

// The golden sequences below were printed by a Go program built with Go
// 1.19.8. Its growth rule is Go 1.22's; Go 1.22 differs only for pointerful
// blocks of more than 512 bytes (the allocation header, CapacityTable), and
// these elements are pointer-free.
TEST(GrowSliceTest, IntsOneByOneAsGo) {
  std::vector<int64_t> go = {
      1,      2,      4,      8,      16,      32,      64,      128,    256,    512,    848,
      1280,   1792,   2560,   3408,   5120,    7168,    9216,    12288,  16384,  21504,  27648,
      34816,  44032,  55296,  69632,  88064,   110592,  139264,  175104, 219136, 274432, 344064,
      431104, 539648, 674816, 843776, 1055744, 1319936, 1650688, 2064384};
  EXPECT_EQ(capacitiesAppendingOneByOne(2000000, 8, false), go);
}

TEST(GrowSliceTest, BytesOneByOneAsGo) {
  std::vector<int64_t> go = {8,     16,    32,    64,    128,   256,   512,   896,
                             1408,  2048,  3072,  4096,  5376,  6912,  9472,  12288,
                             16384, 21760, 28672, 40960, 57344, 73728, 98304, 131072};
  EXPECT_EQ(capacitiesAppendingOneByOne(100000, 1, false), go);
}

TEST(GrowSliceTest, TwentyFourByteStructsOneByOneAsGo) {
  std::vector<int64_t> go = {1,     2,     4,     8,     16,    32,    64,    128,   256,   512,
                             853,   1365,  2048,  3072,  4096,  5461,  7168,  9216,  11946, 15360,
                             19456, 24576, 31061, 39253, 49493, 62122, 78165, 97962, 122880};
  EXPECT_EQ(capacitiesAppendingOneByOne(100000, 24, false), go);
}

struct GrowCase {
  int64_t oldCap, newLen, elemSize;
  bool hasPointers;
  int64_t newCap;
};

TEST(GrowSliceTest, CapacityTable) {
  const GrowCase cases[] = {
      // []int
      {0, 1, 8, false, 1},
      {1, 2, 8, false, 2},
      {2, 3, 8, false, 4},
      {4, 5, 8, false, 8},
      {0, 5, 8, false, 6}, // append(nil, 1, 2, 3, 4, 5): 40 bytes -> class 48
      {5, 6, 8, false, 10},
      {256, 257, 8, false, 512},
      {512, 513, 8, false, 848}, // 512 + (512 + 768) / 4 = 832 -> 6656 bytes -> 6784
      {3, 100, 8, false, 112},   // more than double: what is needed (800 bytes), rounded
      // []byte
      {0, 1, 1, false, 8},
      {0, 33, 1, false, 48},
      {8, 9, 1, false, 16},
      {0, 40000, 1, false, 40960}, // large: whole 8 KiB pages
      {0, 32760, 1, false, 32768},
      {0, 32761, 1, false, 32768}, // Go 1.22: a large object, 4 whole pages
      {0, 32769, 1, false, 40960},
      // Other element sizes.
      {3, 4, 16, true, 6}, // []string: 96 bytes
      {4, 5, 24, false, 8},
      {3, 4, 12, false, 6}, // 72 bytes -> class 80 -> 6
      // Pointerful blocks over 512 bytes carry Go 1.22's 8-byte header.
      {32, 33, 16, true, 71}, // 1024 + 8 -> 1152, minus the header: 1144 / 16
      {32, 33, 16, false, 64},
      {64, 65, 8, true, 143},
      {32, 33, 8, true, 64},        // 512 bytes: no header
      {2048, 2049, 16, true, 3072}, // large objects have none either
  };
  for (const GrowCase &c : cases)
    EXPECT_EQ(grownCapacity(c.oldCap, c.newLen, c.elemSize, c.hasPointers), c.newCap)
        << "cap " << c.oldCap << " newLen " << c.newLen << " elemSize " << c.elemSize
        << (c.hasPointers ? " with pointers" : "");
}

TEST(GrowSliceTest, TooLargeIsRefused) {
  EXPECT_EQ(grownCapacity(0, int64_t(1) << 46, 8, false), -1);
  EXPECT_EQ(grownCapacity(0, int64_t(1) << 62, 1 << 20, true), -1);
  EXPECT_EQ(grownCapacity(0, -1, 8, false), -1);
  // newLen fits, but the 1.25x growth does not.
  EXPECT_EQ(grownCapacity(int64_t(7) << 42, (int64_t(7) << 42) + 1, 8, false), -1);
  EXPECT_GT(grownCapacity(int64_t(6) << 42, (int64_t(6) << 42) + 1, 8, false), 0);
}

TEST(GrowSliceTest, RoundUpAllocationSize) {
  EXPECT_EQ(roundUpAllocationSize(0, false), 0u);
  EXPECT_EQ(roundUpAllocationSize(1, false), 8u);
  EXPECT_EQ(roundUpAllocationSize(1017, false), 1024u);
  EXPECT_EQ(roundUpAllocationSize(1025, false), 1152u);
  EXPECT_EQ(roundUpAllocationSize(6656, false), 6784u);
  EXPECT_EQ(roundUpAllocationSize(513, true), 568u); // 521 -> 576, minus the header
  EXPECT_EQ(roundUpAllocationSize(32760, true), 32760u);
  EXPECT_EQ(roundUpAllocationSize(32760, false), 32768u);
  EXPECT_EQ(roundUpAllocationSize(32768, false), 32768u);
  EXPECT_EQ(roundUpAllocationSize(32769, true), 40960u);
}

TEST(GrowSliceTest, NextSliceCapacity) {
  EXPECT_EQ(nextSliceCapacity(1, 0), 1);
  EXPECT_EQ(nextSliceCapacity(11, 5), 11);
  EXPECT_EQ(nextSliceCapacity(6, 5), 10);
  EXPECT_EQ(nextSliceCapacity(257, 256), 512);
  EXPECT_EQ(nextSliceCapacity(513, 512), 832);
  EXPECT_EQ(nextSliceCapacity(2000, 1024), 2032); // 1024 -> 1472 -> 2032
}

TEST(GrowSliceTest, CopiesTheOldElementsAndZeroesTheRest) {
  for (bool hasPointers : {false, true}) {
    StencilSlice s;
    stencil_make_slice(&s, 3, 8, hasPointers, nullptr);
    auto *old = static_cast<int64_t *>(s.data);
    old[0] = 10, old[1] = 20, old[2] = 30;
    StencilSlice grown;
    stencil_grow_slice(&grown, s.data, 3, 3, 4, 8, hasPointers);
    EXPECT_EQ(grown.len, 3);
    EXPECT_EQ(grown.cap, 6);
    ASSERT_NE(grown.data, s.data);
    auto *now = static_cast<int64_t *>(grown.data);
    EXPECT_EQ(now[0], 10);
    EXPECT_EQ(now[1], 20);
    EXPECT_EQ(now[2], 30);
    for (int i = 3; i < 6; ++i)
      EXPECT_EQ(now[i], 0);
  }
}

TEST(GrowSliceTest, FromEmptyAndZeroSizedElements) {
  StencilSlice s;
  stencil_grow_slice(&s, nullptr, 0, 0, 5, 8, false);
  EXPECT_NE(s.data, nullptr);
  EXPECT_EQ(s.len, 0);
  EXPECT_EQ(s.cap, 6);

  stencil_grow_slice(&s, nullptr, 0, 0, 7, 0, false);
  EXPECT_EQ(s.data, static_cast<void *>(ZeroBase));
  EXPECT_EQ(s.len, 0);
  EXPECT_EQ(s.cap, 7);
}

TEST(GrowSliceTest, AppendingOneByOneKeepsEveryElement) {
  StencilSlice s = {nullptr, 0, 0};
  for (int64_t i = 0; i < 100000; ++i) {
    if (s.len == s.cap)
      stencil_grow_slice(&s, s.data, s.len, s.cap, s.len + 1, 8, false);
    static_cast<int64_t *>(s.data)[s.len++] = i * 3;
  }
  auto *data = static_cast<int64_t *>(s.data);
  for (int64_t i = 0; i < 100000; ++i)
    ASSERT_EQ(data[i], i * 3);
}

/// Fills and drops some pointer-free blocks so that the next ones may reuse
/// dirty memory.
void dirtyTheHeap() {
  for (int i = 0; i < 1000; ++i)
    std::memset(GC_MALLOC_ATOMIC(800), 0xab, 800);
  GC_gcollect();
}

TEST(MakeSliceTest, IsZeroed) {
  for (bool hasPointers : {false, true}) {
    dirtyTheHeap();
    for (int round = 0; round < 100; ++round) {
      StencilSlice s;
      stencil_make_slice(&s, 100, 8, hasPointers, nullptr);
      EXPECT_EQ(s.len, 100);
      EXPECT_EQ(s.cap, 100);
      auto *data = static_cast<const unsigned char *>(s.data);
      for (int i = 0; i < 800; ++i)
        ASSERT_EQ(data[i], 0) << "byte " << i;
    }
  }
}

TEST(MakeSliceTest, EmptyAndZeroSized) {
  StencilSlice s;
  stencil_make_slice(&s, 0, 8, false, nullptr);
  EXPECT_NE(s.data, nullptr);
  EXPECT_EQ(s.len, 0);
  EXPECT_EQ(s.cap, 0);
  stencil_make_slice(&s, int64_t(1) << 60, 0, false, nullptr);
  EXPECT_EQ(s.data, static_cast<void *>(ZeroBase));
  EXPECT_EQ(s.len, int64_t(1) << 60);
}

TEST(AllocTest, ZeroedAndNeverNull) {
  EXPECT_EQ(stencil_alloc(0, false), static_cast<void *>(ZeroBase));
  EXPECT_EQ(stencil_alloc(0, true), static_cast<void *>(ZeroBase));
  dirtyTheHeap();
  for (bool hasPointers : {false, true}) {
    for (int round = 0; round < 100; ++round) {
      auto *data = static_cast<const unsigned char *>(stencil_alloc(800, hasPointers));
      ASSERT_NE(data, nullptr);
      for (int i = 0; i < 800; ++i)
        ASSERT_EQ(data[i], 0) << "byte " << i;
    }
  }
}

TEST(AllocTest, GarbageIsCollected) {
  // 1 GiB in total, never more than one 64 KiB block alive.
  for (int i = 0; i < 16384; ++i)
    stencil_alloc(1 << 16, (i & 1) != 0);
  EXPECT_LT(GC_get_heap_size(), size_t(256) << 20);
}

} // namespace
