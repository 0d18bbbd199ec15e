//===- Diagnostics.cpp ----------------------------------------------------===//
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

using namespace stencil;

namespace {
struct DiagInfo {
  Severity severity;
  const char *format;
};
constexpr DiagInfo kDiagInfos[] = {
#define DIAG(ID, SEVERITY, FORMAT) {Severity::SEVERITY, FORMAT},
#include "stencil/Basic/DiagnosticKinds.def"
};
} // namespace

Severity stencil::getSeverity(diag::Kind kind) { return kDiagInfos[kind].severity; }
llvm::StringRef stencil::getFormat(diag::Kind kind) { return kDiagInfos[kind].format; }

DiagBuilder::~DiagBuilder() {
  if (engine_)
    engine_->emit(loc_, kind_, args_);
}

std::string DiagnosticEngine::formatMessage(llvm::StringRef format,
                                            llvm::ArrayRef<std::string> args) {
  std::string out;
  out.reserve(format.size() + 16);
  for (size_t i = 0, e = format.size(); i < e; ++i) {
    char c = format[i];
    if (c == '%' && i + 1 < e && llvm::isDigit(format[i + 1])) {
      unsigned index = format[++i] - '0';
      if (index < args.size())
        out += args[index];
      else
        out += "<missing>";
      continue;
    }
    out += c;
  }
  return out;
}

void DiagnosticEngine::emit(SourceLoc loc, diag::Kind kind, llvm::ArrayRef<std::string> args) {
  Severity severity = getSeverity(kind);
  if (severity == Severity::Note) {
    if (lastErrorDropped_)
      return;
    if (!silent_)
      print(loc, severity, formatMessage(getFormat(kind), args));
    return;
  }
  if (limitReached_) {
    lastErrorDropped_ = true;
    return;
  }
  if (errorLimit_ != 0 && numErrors_ == errorLimit_) {
    limitReached_ = true;
    lastErrorDropped_ = true;
    if (!silent_)
      print(SourceLoc(), Severity::Error, getFormat(diag::err_too_many_errors));
    return;
  }
  ++numErrors_;
  lastErrorDropped_ = false;
  if (!silent_)
    print(loc, severity, formatMessage(getFormat(kind), args));
}

/// Source lines longer than this are shown as a window of kLineContext bytes
/// on each side of the caret.
static constexpr size_t kMaxLineWidth = 240, kLineContext = 100;

void DiagnosticEngine::print(SourceLoc loc, Severity severity, llvm::StringRef message) {
  const char *label = severity == Severity::Error ? "error" : "note";
  if (!loc.isValid()) {
    os_ << programName_ << ": " << label << ": " << message << "\n";
    os_.flush();
    return;
  }
  FileId file = sm_.getFileId(loc);
  LineColumn lc = sm_.getLineColumn(loc);
  os_ << sm_.getDisplayName(file) << ":" << lc.line << ":" << lc.column << ": " << label
      << ": " << message << "\n";
  llvm::StringRef line = sm_.getLineText(loc);
  // A very long line (generated code, a minified file) shows a window around
  // the caret, marked with "..." where it was cut (as rustc does).
  unsigned column = lc.column;
  std::string prefix, suffix;
  if (line.size() > kMaxLineWidth) {
    size_t from = column > kLineContext + 1 ? column - 1 - kLineContext : 0;
    while (from > 0 && from < line.size() && (line[from] & 0xC0) == 0x80)
      --from; // never in the middle of a UTF-8 character
    size_t to = std::min<size_t>(line.size(), column - 1 + kLineContext);
    while (to < line.size() && (line[to] & 0xC0) == 0x80)
      ++to;
    if (from > 0)
      prefix = "...";
    if (to < line.size())
      suffix = "...";
    column = column - from + prefix.size();
    line = line.slice(from, to);
  }
  os_ << prefix << line << suffix << "\n";
  std::string shown = prefix + line.str(); // what the caret's column counts

  // The caret line keeps the source line's tabs so that the caret lines up in any
  // terminal, and skips UTF-8 continuation bytes (one column per character).
  std::string caret;
  for (unsigned i = 0; i + 1 < column && i < shown.size(); ++i) {
    unsigned char c = shown[i];
    if ((c & 0xC0) == 0x80)
      continue;
    caret += c == '\t' ? '\t' : ' ';
  }
  caret += '^';
  os_ << caret << "\n";
  os_.flush();
}
