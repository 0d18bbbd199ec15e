//===- SourceManager.cpp --------------------------------------------------===//
#include "stencil/Basic/SourceManager.h"
#include "llvm/Support/Errc.h"
#include <algorithm>
#include <cassert>

using namespace stencil;

llvm::Expected<FileId> SourceManager::loadFile(llvm::StringRef path,
                                               llvm::StringRef displayName) {
  auto bufOrErr = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/true);
  if (!bufOrErr)
    return llvm::errorCodeToError(bufOrErr.getError());
  // Offsets are 32-bit; refuse files that would overflow the address space.
  if ((*bufOrErr)->getBufferSize() > UINT32_MAX - nextBase_ - 2)
    return llvm::createStringError(llvm::errc::file_too_large, "file too large");
  return add(std::move(*bufOrErr), displayName);
}

FileId SourceManager::addBuffer(std::string contents, llvm::StringRef displayName) {
  return add(llvm::MemoryBuffer::getMemBufferCopy(contents, displayName), displayName);
}

FileId SourceManager::add(std::unique_ptr<llvm::MemoryBuffer> buf,
                          llvm::StringRef displayName) {
  File f;
  f.base = nextBase_;
  nextBase_ += static_cast<uint32_t>(buf->getBufferSize()) + 1; // + end-of-file position
  f.buffer = std::move(buf);
  f.displayName = displayName.str();
  files_.push_back(std::move(f));
  return FileId{static_cast<uint32_t>(files_.size())};
}

FileId SourceManager::getFileId(SourceLoc loc) const {
  assert(loc.isValid() && "invalid location");
  // Files are in increasing base order: find the last one whose base <= loc.
  auto it = std::upper_bound(files_.begin(), files_.end(), loc.raw(),
                             [](uint32_t raw, const File &f) { return raw < f.base; });
  assert(it != files_.begin());
  return FileId{static_cast<uint32_t>(it - files_.begin())};
}

uint32_t SourceManager::getFileOffset(SourceLoc loc) const {
  return loc.raw() - file(getFileId(loc)).base;
}

const std::vector<uint32_t> &SourceManager::lineStarts(const File &f) const {
  if (!f.lineStarts.empty())
    return f.lineStarts;
  llvm::StringRef text = f.buffer->getBuffer();
  f.lineStarts.push_back(0);
  for (size_t i = 0, e = text.size(); i != e; ++i)
    if (text[i] == '\n')
      f.lineStarts.push_back(static_cast<uint32_t>(i + 1));
  return f.lineStarts;
}

void SourceManager::computeLineTables() const {
  for (const File &f : files_)
    lineStarts(f);
}

LineColumn SourceManager::getLineColumn(SourceLoc loc) const {
  const File &f = file(getFileId(loc));
  uint32_t offset = loc.raw() - f.base;
  const auto &starts = lineStarts(f);
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  unsigned line = static_cast<unsigned>(it - starts.begin());
  return {line, offset - starts[line - 1] + 1};
}

llvm::StringRef SourceManager::getLineText(SourceLoc loc) const {
  const File &f = file(getFileId(loc));
  uint32_t offset = loc.raw() - f.base;
  const auto &starts = lineStarts(f);
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  uint32_t begin = *(it - 1);
  llvm::StringRef text = f.buffer->getBuffer();
  size_t end = text.find('\n', begin);
  if (end == llvm::StringRef::npos)
    end = text.size();
  llvm::StringRef line = text.slice(begin, end);
  if (line.ends_with("\r"))
    line = line.drop_back();
  return line;
}
