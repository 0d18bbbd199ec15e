//===- ObjectStore.cpp - Content-addressed compiled code ------------------===//
#include "stencil/Build/ObjectStore.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cstring>

using namespace stencil;
namespace fs = llvm::sys::fs;

static constexpr char kMagic[8] = {'S', 'T', 'N', 'C', 'O', 'B', 'J', '1'};
static constexpr llvm::StringLiteral kTempSuffix = ".tmp";

std::string ObjectStore::pathFor(const Hash128 &key) const {
  std::string hex = key.toHex();
  llvm::SmallString<256> p(dir_);
  llvm::sys::path::append(p, hex.substr(0, 2), hex + ".o");
  return std::string(p);
}

static void appendU64(std::string &s, uint64_t v) {
  char b[8];
  llvm::support::endian::write64le(b, v);
  s.append(b, 8);
}

llvm::Error ObjectStore::put(const Hash128 &key, llvm::StringRef object) const {
  std::string path = pathFor(key);
  llvm::StringRef parent = llvm::sys::path::parent_path(path);
  if (std::error_code ec = fs::create_directories(parent))
    return llvm::createFileError(parent, ec);
  std::string trailer(kMagic, sizeof(kMagic));
  appendU64(trailer, key.low);
  appendU64(trailer, key.high);
  Hash128 sum = hash128(object);
  appendU64(trailer, sum.low);
  appendU64(trailer, sum.high);

  llvm::SmallString<256> tmp;
  int fd;
  if (std::error_code ec = fs::createUniqueFile(path + "-%%%%%%" + kTempSuffix.str(), fd, tmp))
    return llvm::createFileError(path, ec);
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << object << trailer;
    os.close();
    if (os.has_error()) {
      std::error_code ec = os.error();
      os.clear_error();
      fs::remove(tmp);
      return llvm::createFileError(tmp, ec);
    }
  }
  if (std::error_code ec = fs::rename(tmp, path)) {
    fs::remove(tmp);
    return llvm::createFileError(path, ec);
  }
  return llvm::Error::success();
}

ObjectStore::Status ObjectStore::check(const Hash128 &key, std::string *problem) const {
  std::string path = pathFor(key);
  int fd;
  if (fs::openFileForReadWrite(path, fd, fs::CD_OpenExisting, fs::OF_None))
    return Status::Missing;
  auto closeFd = llvm::make_scope_exit([&] { llvm::sys::Process::SafelyCloseFileDescriptor(fd); });
  auto buf = llvm::MemoryBuffer::getOpenFile(fs::convertFDToNativeFile(fd), path, /*FileSize=*/-1,
                                             /*RequiresNullTerminator=*/false);
  auto corrupt = [&](const char *why) {
    if (problem)
      *problem = why;
    return Status::Corrupt;
  };
  if (!buf)
    return corrupt("unreadable");
  llvm::StringRef data = (*buf)->getBuffer();
  if (data.size() < kTrailerSize)
    return corrupt("truncated");
  const char *t = data.end() - kTrailerSize;
  if (std::memcmp(t, kMagic, sizeof(kMagic)) != 0)
    return corrupt("truncated, or not an artifact of this compiler");
  using llvm::support::endian::read64le;
  Hash128 stored{read64le(t + 8), read64le(t + 16)};
  if (stored != key)
    return corrupt("it holds another key");
  Hash128 sum{read64le(t + 24), read64le(t + 32)};
  if (hash128(data.drop_back(kTrailerSize)) != sum)
    return corrupt("checksum mismatch");
  // Used now: the least recently used are evicted first (as ccache does).
  fs::setLastAccessAndModificationTime(fd, std::chrono::system_clock::now());
  return Status::Valid;
}

std::vector<ObjectStore::Entry> ObjectStore::list() const {
  std::vector<Entry> entries;
  std::error_code ec;
  for (fs::directory_iterator sub(dir_, ec), end; !ec && sub != end; sub.increment(ec)) {
    if (sub->type() != fs::file_type::directory_file)
      continue;
    std::error_code ec2;
    for (fs::directory_iterator it(sub->path(), ec2); !ec2 && it != end; it.increment(ec2)) {
      llvm::StringRef name = llvm::sys::path::filename(it->path());
      Hash128 key;
      if (!name.consume_back(".o") || !Hash128::fromHex(name, key))
        continue;
      fs::file_status st;
      if (fs::status(it->path(), st) || st.type() != fs::file_type::regular_file)
        continue;
      entries.push_back({key, st.getSize(), st.getLastModificationTime()});
    }
  }
  return entries;
}

ObjectStore::Eviction ObjectStore::evict(uint64_t maxBytes, const Hash128Set &inUse) const {
  std::vector<Entry> entries = list();
  Eviction r;
  for (const Entry &e : entries)
    r.bytesBefore += e.size;
  r.entriesBefore = entries.size();
  r.bytes = r.bytesBefore;
  r.entries = r.entriesBefore;
  if (r.bytes <= maxBytes)
    return r;
  // Oldest first; equal times by key, so the order never depends on the
  // directory's.
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    return a.lastUse != b.lastUse ? a.lastUse < b.lastUse : a.key < b.key;
  });
  for (const Entry &e : entries) {
    if (r.bytes <= maxBytes)
      break;
    if (inUse.contains(e.key))
      continue;
    if (fs::remove(pathFor(e.key)))
      continue;
    r.bytes -= e.size;
    --r.entries;
    ++r.evicted;
  }
  return r;
}

void ObjectStore::removeTemporaries() const {
  std::error_code ec;
  for (fs::directory_iterator sub(dir_, ec), end; !ec && sub != end; sub.increment(ec)) {
    if (sub->type() != fs::file_type::directory_file)
      continue;
    std::vector<std::string> stale;
    std::error_code ec2;
    for (fs::directory_iterator it(sub->path(), ec2); !ec2 && it != end; it.increment(ec2))
      if (llvm::StringRef(it->path()).ends_with(kTempSuffix))
        stale.push_back(it->path());
    for (const std::string &p : stale)
      fs::remove(p);
  }
}
