#include "stencil/Build/ObjectStore.h"
#include "stencil/Basic/Hashing.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace stencil {
[[maybe_unused]] static void PrintTo(const Hash128 &h, std::ostream *os) { *os << h.toHex(); }
} // namespace stencil

using namespace stencil;
namespace fs = llvm::sys::fs;
using Status = ObjectStore::Status;

namespace {

class ObjectStoreTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> d;
    ASSERT_FALSE(fs::createUniqueDirectory("stencil-objectstore-test", d));
    tmp = std::string(d);
    // A directory that does not exist yet: put creates it.
    llvm::SmallString<128> s(tmp);
    llvm::sys::path::append(s, "objects");
    storeDir = std::string(s);
    store = std::make_unique<ObjectStore>(storeDir);
  }
  void TearDown() override {
    store.reset();
    if (!tmp.empty())
      EXPECT_FALSE(fs::remove_directories(tmp, /*IgnoreErrors=*/false));
  }

  static Hash128 key(llvm::StringRef label) { return hash128(label); }

  std::string in(llvm::StringRef a, llvm::StringRef b = "") const {
    llvm::SmallString<256> p(storeDir);
    llvm::sys::path::append(p, a);
    if (!b.empty())
      llvm::sys::path::append(p, b);
    return std::string(p);
  }

  static std::string readFile(const std::string &path) {
    auto buf =
        llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    EXPECT_TRUE(static_cast<bool>(buf)) << path;
    return buf ? (*buf)->getBuffer().str() : std::string();
  }
  static void writeFile(const std::string &path, llvm::StringRef bytes) {
    ASSERT_FALSE(fs::create_directories(llvm::sys::path::parent_path(path)));
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec, fs::OF_None);
    ASSERT_FALSE(ec) << path;
    os << bytes;
    os.close();
    ASSERT_FALSE(os.has_error());
  }
  static void setMTime(const std::string &path, llvm::sys::TimePoint<> t) {
    int fd;
    ASSERT_FALSE(fs::openFileForWrite(path, fd, fs::CD_OpenExisting, fs::OF_None)) << path;
    EXPECT_FALSE(fs::setLastAccessAndModificationTime(fd, t, t));
    llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  }
  static llvm::sys::TimePoint<> mtime(const std::string &path) {
    fs::file_status st;
    EXPECT_FALSE(fs::status(path, st)) << path;
    return st.getLastModificationTime();
  }
  /// Every file under the store, relative to it, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(storeDir, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->type() == fs::file_type::directory_file)
        continue;
      out.push_back(it->path().substr(storeDir.size() + 1));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  Status check(const Hash128 &k) const { return store->check(k, &problem); }

  std::string tmp, storeDir;
  std::unique_ptr<ObjectStore> store;
  mutable std::string problem;
};

/// A time far enough in the past that "now" is clearly later.
llvm::sys::TimePoint<> daysAgo(int days) {
  return std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now() -
                                                                std::chrono::hours(24 * days));
}

//===----------------------------------------------------------------------===//
// put and check
//===----------------------------------------------------------------------===//

TEST_F(ObjectStoreTest, PathIsTwoHexDigitsThenTheKey) {
  Hash128 k = key("a");
  std::string hex = k.toHex();
  EXPECT_EQ(store->pathFor(k), in(hex.substr(0, 2), hex + ".o"));
}

TEST_F(ObjectStoreTest, PutThenCheckIsValid) {
  Hash128 k = key("unit main");
  // Binary bytes, NULs included.
  std::string object = std::string(1, '\x7f') + "ELF" + '\0' + "fake object" + '\0' + "\xff\x01";
  ASSERT_FALSE(fs::exists(storeDir));
  ASSERT_FALSE(static_cast<bool>(store->put(k, object)));
  EXPECT_EQ(check(k), Status::Valid) << problem;

  // The file: the object as is, then the trailer.
  std::string data = readFile(store->pathFor(k));
  ASSERT_EQ(data.size(), object.size() + ObjectStore::kTrailerSize);
  EXPECT_EQ(data.substr(0, object.size()), object);
  llvm::StringRef trailer = llvm::StringRef(data).take_back(ObjectStore::kTrailerSize);
  EXPECT_EQ(trailer.take_front(8), "STNCOBJ1");
  using llvm::support::endian::read64le;
  EXPECT_EQ(read64le(trailer.data() + 8), k.low);
  EXPECT_EQ(read64le(trailer.data() + 16), k.high);
  Hash128 sum = hash128(object);
  EXPECT_EQ(read64le(trailer.data() + 24), sum.low);
  EXPECT_EQ(read64le(trailer.data() + 32), sum.high);

  // Nothing else is left behind (the temporary was renamed).
  std::string hex = k.toHex();
  EXPECT_EQ(files(), std::vector<std::string>{hex.substr(0, 2) + "/" + hex + ".o"});
}

TEST_F(ObjectStoreTest, PutOfAnEmptyObject) {
  Hash128 k = key("empty");
  ASSERT_FALSE(static_cast<bool>(store->put(k, "")));
  EXPECT_EQ(check(k), Status::Valid) << problem;
  EXPECT_EQ(readFile(store->pathFor(k)).size(), ObjectStore::kTrailerSize);
}

TEST_F(ObjectStoreTest, PutReplacesAnArtifact) {
  Hash128 k = key("k");
  ASSERT_FALSE(static_cast<bool>(store->put(k, "first version")));
  ASSERT_FALSE(static_cast<bool>(store->put(k, "second")));
  EXPECT_EQ(check(k), Status::Valid) << problem;
  EXPECT_EQ(readFile(store->pathFor(k)).substr(0, 6), "second");
  EXPECT_EQ(files().size(), 1u);
}

TEST_F(ObjectStoreTest, MissingForAnAbsentKey) {
  problem = "unchanged";
  EXPECT_EQ(check(key("never stored")), Status::Missing); // no store directory at all
  ASSERT_FALSE(static_cast<bool>(store->put(key("other"), "bytes")));
  EXPECT_EQ(check(key("never stored")), Status::Missing);
  EXPECT_EQ(problem, "unchanged");
  // A null problem pointer is fine.
  EXPECT_EQ(store->check(key("never stored"), nullptr), Status::Missing);
}

TEST_F(ObjectStoreTest, ValidCheckMarksTheArtifactUsed) {
  Hash128 k = key("k");
  ASSERT_FALSE(static_cast<bool>(store->put(k, "bytes")));
  std::string path = store->pathFor(k);
  setMTime(path, daysAgo(10));
  ASSERT_LT(mtime(path), daysAgo(9));
  EXPECT_EQ(check(k), Status::Valid) << problem;
  EXPECT_GT(mtime(path), daysAgo(1));
}

TEST_F(ObjectStoreTest, CorruptWhenAPayloadByteIsFlipped) {
  Hash128 k = key("k");
  std::string object(200, 'x');
  ASSERT_FALSE(static_cast<bool>(store->put(k, object)));
  std::string path = store->pathFor(k);
  for (size_t at : {size_t(0), size_t(100), object.size() - 1}) {
    SCOPED_TRACE("byte " + std::to_string(at));
    std::string data = readFile(path);
    std::string bad = data;
    bad[at] ^= 0x20;
    writeFile(path, bad);
    problem.clear();
    EXPECT_EQ(check(k), Status::Corrupt);
    EXPECT_EQ(problem, "checksum mismatch");
    writeFile(path, data);
    EXPECT_EQ(check(k), Status::Valid) << problem;
  }
}

TEST_F(ObjectStoreTest, CorruptWhenTheStoredChecksumIsFlipped) {
  Hash128 k = key("k");
  ASSERT_FALSE(static_cast<bool>(store->put(k, "object bytes")));
  std::string path = store->pathFor(k);
  std::string data = readFile(path);
  data[data.size() - 1] ^= 0x01; // the checksum's last byte
  writeFile(path, data);
  EXPECT_EQ(check(k), Status::Corrupt);
  EXPECT_EQ(problem, "checksum mismatch");
}

TEST_F(ObjectStoreTest, CorruptWhenTruncated) {
  Hash128 k = key("k");
  std::string object(100, 'o');
  ASSERT_FALSE(static_cast<bool>(store->put(k, object)));
  std::string path = store->pathFor(k);
  std::string data = readFile(path);

  // Shorter than a trailer.
  for (size_t size : {size_t(0), size_t(1), ObjectStore::kTrailerSize - 1}) {
    SCOPED_TRACE("size " + std::to_string(size));
    writeFile(path, data.substr(0, size));
    problem.clear();
    EXPECT_EQ(check(k), Status::Corrupt);
    EXPECT_EQ(problem, "truncated");
  }
  // Long enough for a trailer, but the end is not one.
  for (size_t size : {ObjectStore::kTrailerSize, size_t(90), data.size() - 1}) {
    SCOPED_TRACE("size " + std::to_string(size));
    writeFile(path, data.substr(0, size));
    problem.clear();
    EXPECT_EQ(check(k), Status::Corrupt);
    EXPECT_EQ(problem, "truncated, or not an artifact of this compiler");
  }
  // A file that was never an artifact.
  writeFile(path, std::string(300, 'z'));
  EXPECT_EQ(check(k), Status::Corrupt);
  EXPECT_EQ(problem, "truncated, or not an artifact of this compiler");
}

TEST_F(ObjectStoreTest, CorruptWhenItHoldsAnotherKey) {
  Hash128 mine = key("mine"), other = key("other");
  ASSERT_FALSE(static_cast<bool>(store->put(other, "the other unit's code")));
  ASSERT_FALSE(fs::create_directories(llvm::sys::path::parent_path(store->pathFor(mine))));
  ASSERT_FALSE(fs::copy_file(store->pathFor(other), store->pathFor(mine)));
  EXPECT_EQ(check(mine), Status::Corrupt);
  EXPECT_EQ(problem, "it holds another key");
  EXPECT_EQ(check(other), Status::Valid) << problem;
}

TEST_F(ObjectStoreTest, CorruptArtifactIsNotMarkedUsed) {
  Hash128 k = key("k");
  ASSERT_FALSE(static_cast<bool>(store->put(k, "object bytes")));
  std::string path = store->pathFor(k);
  std::string data = readFile(path);
  data[0] ^= 0x01;
  writeFile(path, data);
  setMTime(path, daysAgo(10));
  EXPECT_EQ(check(k), Status::Corrupt);
  EXPECT_LT(mtime(path), daysAgo(9));
}

//===----------------------------------------------------------------------===//
// list
//===----------------------------------------------------------------------===//

TEST_F(ObjectStoreTest, ListReturnsEveryArtifactAndSkipsForeignFiles) {
  std::vector<std::pair<Hash128, std::string>> stored;
  for (int i = 0; i < 12; ++i)
    stored.push_back({key("unit " + std::to_string(i)), std::string(10 * i + 1, 'a' + i)});
  for (const auto &[k, obj] : stored)
    ASSERT_FALSE(static_cast<bool>(store->put(k, obj)));
  llvm::sys::TimePoint<> old = daysAgo(3);
  setMTime(store->pathFor(stored[5].first), old);

  // Things that are not artifacts.
  std::string hex = stored[0].first.toHex();
  std::string sub = hex.substr(0, 2);
  writeFile(in("README"), "top-level file");
  writeFile(in(sub, "notes.txt"), "hello");
  writeFile(in(sub, "not-hex.o"), "hello");
  writeFile(in(sub, hex.substr(1) + ".o"), "31 hex digits");
  writeFile(in(sub, hex + ".o-abc123.tmp"), "a temporary");
  writeFile(in(sub, hex), "no .o suffix");
  writeFile(in("zz", "x.o"), "hello");
  ASSERT_FALSE(fs::create_directories(in(sub, key("a directory").toHex() + ".o")));

  std::vector<ObjectStore::Entry> entries = store->list();
  ASSERT_EQ(entries.size(), stored.size());
  std::sort(entries.begin(), entries.end(),
            [](const auto &a, const auto &b) { return a.key < b.key; });
  std::sort(stored.begin(), stored.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  for (size_t i = 0; i < stored.size(); ++i) {
    SCOPED_TRACE("entry " + std::to_string(i));
    EXPECT_EQ(entries[i].key, stored[i].first);
    EXPECT_EQ(entries[i].size, stored[i].second.size() + ObjectStore::kTrailerSize);
    EXPECT_EQ(entries[i].lastUse, mtime(store->pathFor(stored[i].first)));
  }
  // The explicitly aged one reports its time.
  bool sawOld = false;
  for (const ObjectStore::Entry &e : entries)
    sawOld |= e.lastUse == old;
  EXPECT_TRUE(sawOld);
}

TEST_F(ObjectStoreTest, ListOfAMissingOrEmptyStore) {
  EXPECT_TRUE(store->list().empty());
  ASSERT_FALSE(fs::create_directories(storeDir));
  EXPECT_TRUE(store->list().empty());
}

//===----------------------------------------------------------------------===//
// evict
//===----------------------------------------------------------------------===//

class ObjectStoreEvictTest : public ObjectStoreTest {
protected:
  static constexpr size_t kObject = 100;
  static constexpr uint64_t kEntry = kObject + ObjectStore::kTrailerSize;

  /// Four artifacts, used in the order keys[0] (least recently) ... keys[3];
  /// the use order is the reverse of the key order, so an eviction that went
  /// by key instead of by time would remove the wrong ones.
  void SetUp() override {
    ObjectStoreTest::SetUp();
    for (int i = 0; i < 4; ++i)
      keys.push_back(key("evict " + std::to_string(i)));
    std::sort(keys.begin(), keys.end());
    std::reverse(keys.begin(), keys.end());
    for (size_t i = 0; i < keys.size(); ++i) {
      ASSERT_FALSE(static_cast<bool>(store->put(keys[i], std::string(kObject, 'a' + i))));
      setMTime(store->pathFor(keys[i]), daysAgo(10 - static_cast<int>(i)));
    }
  }
  const Hash128Set none;
  bool has(size_t i) const { return fs::exists(store->pathFor(keys[i])); }
  std::vector<Hash128> keys;
};

TEST_F(ObjectStoreEvictTest, NothingWhenUnderTheLimit) {
  ObjectStore::Eviction e = store->evict(4 * kEntry, none);
  EXPECT_EQ(e.entriesBefore, 4u);
  EXPECT_EQ(e.bytesBefore, 4 * kEntry);
  EXPECT_EQ(e.entries, 4u);
  EXPECT_EQ(e.bytes, 4 * kEntry);
  EXPECT_EQ(e.evicted, 0u);
  for (size_t i = 0; i < 4; ++i)
    EXPECT_TRUE(has(i)) << i;
}

TEST_F(ObjectStoreEvictTest, LeastRecentlyUsedFirst) {
  // One byte over three entries: only the oldest goes.
  ObjectStore::Eviction e = store->evict(3 * kEntry, none);
  EXPECT_EQ(e.entriesBefore, 4u);
  EXPECT_EQ(e.bytesBefore, 4 * kEntry);
  EXPECT_EQ(e.entries, 3u);
  EXPECT_EQ(e.bytes, 3 * kEntry);
  EXPECT_EQ(e.evicted, 1u);
  EXPECT_FALSE(has(0));
  EXPECT_TRUE(has(1));
  EXPECT_TRUE(has(2));
  EXPECT_TRUE(has(3));

  // A limit between two sizes: down to at most the limit.
  e = store->evict(2 * kEntry - 1, none);
  EXPECT_EQ(e.entriesBefore, 3u);
  EXPECT_EQ(e.bytesBefore, 3 * kEntry);
  EXPECT_EQ(e.entries, 1u);
  EXPECT_EQ(e.bytes, kEntry);
  EXPECT_EQ(e.evicted, 2u);
  EXPECT_FALSE(has(1));
  EXPECT_FALSE(has(2));
  EXPECT_TRUE(has(3));
  EXPECT_EQ(store->list().size(), 1u);
}

TEST_F(ObjectStoreEvictTest, CheckMakesAnArtifactRecent) {
  // keys[0] is the oldest until it is used.
  ASSERT_EQ(check(keys[0]), Status::Valid) << problem;
  ObjectStore::Eviction e = store->evict(3 * kEntry, none);
  EXPECT_EQ(e.evicted, 1u);
  EXPECT_TRUE(has(0));
  EXPECT_FALSE(has(1));
}

TEST_F(ObjectStoreEvictTest, NeverRemovesKeysInUse) {
  Hash128Set inUse;
  inUse.insert(keys[0]);
  inUse.insert(keys[2]);
  ObjectStore::Eviction e = store->evict(2 * kEntry, inUse);
  EXPECT_EQ(e.evicted, 2u);
  EXPECT_EQ(e.entries, 2u);
  EXPECT_EQ(e.bytes, 2 * kEntry);
  EXPECT_TRUE(has(0));
  EXPECT_FALSE(has(1));
  EXPECT_TRUE(has(2));
  EXPECT_FALSE(has(3));
}

TEST_F(ObjectStoreEvictTest, StaysOverTheLimitRatherThanRemoveKeysInUse) {
  Hash128Set inUse;
  inUse.insert(keys[0]);
  inUse.insert(keys[1]);
  inUse.insert(keys[3]);
  ObjectStore::Eviction e = store->evict(0, inUse);
  EXPECT_EQ(e.entriesBefore, 4u);
  EXPECT_EQ(e.bytesBefore, 4 * kEntry);
  EXPECT_EQ(e.evicted, 1u);
  EXPECT_EQ(e.entries, 3u);
  EXPECT_EQ(e.bytes, 3 * kEntry);
  EXPECT_TRUE(has(0));
  EXPECT_TRUE(has(1));
  EXPECT_FALSE(has(2));
  EXPECT_TRUE(has(3));

  // Everything in use: nothing removed, still over.
  inUse.insert(keys[2]);
  e = store->evict(0, inUse);
  EXPECT_EQ(e.evicted, 0u);
  EXPECT_EQ(e.entries, 3u);
  EXPECT_EQ(e.bytes, 3 * kEntry);
}

TEST_F(ObjectStoreEvictTest, EqualTimesGoByKey) {
  llvm::sys::TimePoint<> t = daysAgo(5);
  for (const Hash128 &k : keys)
    setMTime(store->pathFor(k), t);
  ObjectStore::Eviction e = store->evict(3 * kEntry, none);
  EXPECT_EQ(e.evicted, 1u);
  // keys are in descending order: the smallest key is the last one.
  EXPECT_FALSE(has(3));
  EXPECT_TRUE(has(0));
}

TEST_F(ObjectStoreEvictTest, ForeignFilesAreNotCountedOrRemoved) {
  std::string foreign = in(keys[0].toHex().substr(0, 2), "notes.txt");
  writeFile(foreign, std::string(10000, 'n'));
  ObjectStore::Eviction e = store->evict(4 * kEntry, none);
  EXPECT_EQ(e.bytesBefore, 4 * kEntry);
  EXPECT_EQ(e.evicted, 0u);
  e = store->evict(0, none);
  EXPECT_EQ(e.evicted, 4u);
  EXPECT_EQ(e.entries, 0u);
  EXPECT_EQ(e.bytes, 0u);
  EXPECT_TRUE(fs::exists(foreign));
}

//===----------------------------------------------------------------------===//
// removeTemporaries
//===----------------------------------------------------------------------===//

TEST_F(ObjectStoreTest, RemoveTemporariesRemovesOnlyTemporaries) {
  Hash128 a = key("a"), b = key("b");
  ASSERT_FALSE(static_cast<bool>(store->put(a, "object a")));
  ASSERT_FALSE(static_cast<bool>(store->put(b, "object b")));
  std::string aPath = store->pathFor(a), bPath = store->pathFor(b);
  std::string aSub = llvm::sys::path::parent_path(aPath).str();

  // What an interrupted put leaves: its temporary, next to the artifact.
  std::string leftA = aPath + "-a1b2c3.tmp";
  std::string leftB = bPath + "-zzzzzz.tmp";
  std::string leftOther = in("7f", "whatever.tmp");
  writeFile(leftA, "half an object");
  writeFile(leftB, "");
  writeFile(leftOther, "x");
  // Files that are not temporaries.
  std::string notes = in(llvm::sys::path::filename(aSub), "notes.txt");
  std::string tmpInside = in(llvm::sys::path::filename(aSub), "file.tmp.o");
  std::string tmpx = in(llvm::sys::path::filename(aSub), "file.tmpx");
  std::string top = in("lock");
  writeFile(notes, "keep");
  writeFile(tmpInside, "keep");
  writeFile(tmpx, "keep");
  writeFile(top, "keep");

  store->removeTemporaries();

  EXPECT_FALSE(fs::exists(leftA));
  EXPECT_FALSE(fs::exists(leftB));
  EXPECT_FALSE(fs::exists(leftOther));
  EXPECT_TRUE(fs::exists(notes));
  EXPECT_TRUE(fs::exists(tmpInside));
  EXPECT_TRUE(fs::exists(tmpx));
  EXPECT_TRUE(fs::exists(top));
  EXPECT_EQ(check(a), Status::Valid) << problem;
  EXPECT_EQ(check(b), Status::Valid) << problem;
  EXPECT_EQ(readFile(notes), "keep");
  EXPECT_EQ(store->list().size(), 2u);
}

TEST_F(ObjectStoreTest, RemoveTemporariesOfAMissingStore) {
  store->removeTemporaries(); // no directory: nothing to do, no crash
  EXPECT_FALSE(fs::exists(storeDir));
}

} // namespace
