//===- Diagnostics.h - Compile errors and notes -----------------*- C++ -*-===//
//
// Every diagnostic is declared once in DiagnosticKinds.def and emitted as
//
//   diags.report(loc, diag::err_undeclared) << name;
//
// The text format is language.md §9:
//
//   FILE:LINE:COL: error: MESSAGE
//   <the source line, verbatim>
//   <spaces (tabs where the line has tabs) up to the column>^
//
// Errors are counted; after the error limit one final `too many errors` error is
// written and everything later is dropped (phases keep going, cheaply, and the
// driver stops after the phase). A note attaches to the error before it and is
// dropped with it.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BASIC_DIAGNOSTICS_H
#define STENCIL_BASIC_DIAGNOSTICS_H

#include "stencil/Basic/SourceLoc.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <string>

namespace stencil {

class SourceManager;

namespace diag {
enum Kind : uint16_t {
#define DIAG(ID, SEVERITY, FORMAT) ID,
#include "stencil/Basic/DiagnosticKinds.def"
  NumDiagnostics
};
} // namespace diag

enum class Severity : uint8_t { Error, Note };

Severity getSeverity(diag::Kind kind);
llvm::StringRef getFormat(diag::Kind kind);

class DiagnosticEngine;

/// Collects the arguments of one diagnostic; emits it when destroyed.
class DiagBuilder {
public:
  DiagBuilder(DiagnosticEngine *engine, SourceLoc loc, diag::Kind kind)
      : engine_(engine), loc_(loc), kind_(kind) {}
  DiagBuilder(DiagBuilder &&other)
      : engine_(other.engine_), loc_(other.loc_), kind_(other.kind_),
        args_(std::move(other.args_)) {
    other.engine_ = nullptr;
  }
  DiagBuilder(const DiagBuilder &) = delete;
  ~DiagBuilder();

  DiagBuilder &operator<<(llvm::StringRef s) {
    args_.push_back(s.str());
    return *this;
  }
  DiagBuilder &operator<<(const char *s) { return *this << llvm::StringRef(s); }
  DiagBuilder &operator<<(const std::string &s) { return *this << llvm::StringRef(s); }
  DiagBuilder &operator<<(int64_t v) {
    args_.push_back(std::to_string(v));
    return *this;
  }
  DiagBuilder &operator<<(int v) { return *this << int64_t(v); }
  DiagBuilder &operator<<(unsigned v) { return *this << int64_t(v); }
  DiagBuilder &operator<<(size_t v) { return *this << int64_t(v); }

private:
  DiagnosticEngine *engine_;
  SourceLoc loc_;
  diag::Kind kind_;
  llvm::SmallVector<std::string, 4> args_;
};

class DiagnosticEngine {
public:
  DiagnosticEngine(const SourceManager &sm, llvm::raw_ostream &os) : sm_(sm), os_(os) {}

  /// Starts a diagnostic at \p loc (an invalid loc prints no position).
  DiagBuilder report(SourceLoc loc, diag::Kind kind) { return DiagBuilder(this, loc, kind); }

  unsigned getNumErrors() const { return numErrors_; }
  bool hasErrors() const { return numErrors_ != 0; }
  /// True once the error limit was hit: later diagnostics are dropped.
  bool limitReached() const { return limitReached_; }
  /// 0 means no limit. The default is 20.
  void setErrorLimit(unsigned limit) { errorLimit_ = limit; }
  /// When set, diagnostics are counted but not printed (robustness tests, benchmarks).
  void setSilent(bool silent) { silent_ = silent; }
  /// The program name used for diagnostics without a location ("stencilc").
  void setProgramName(llvm::StringRef name) { programName_ = name.str(); }

  /// Formats \p format with \p args (%0, %1, ...).
  static std::string formatMessage(llvm::StringRef format, llvm::ArrayRef<std::string> args);

private:
  friend class DiagBuilder;
  void emit(SourceLoc loc, diag::Kind kind, llvm::ArrayRef<std::string> args);
  void print(SourceLoc loc, Severity severity, llvm::StringRef message);

  const SourceManager &sm_;
  llvm::raw_ostream &os_;
  std::string programName_ = "stencilc";
  unsigned numErrors_ = 0;
  unsigned errorLimit_ = 20;
  bool limitReached_ = false;
  bool lastErrorDropped_ = false;
  bool silent_ = false;
};

} // namespace stencil

#endif
