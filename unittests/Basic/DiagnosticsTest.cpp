#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "gtest/gtest.h"

using namespace stencil;

TEST(DiagnosticsTest, FormatHasLocationSourceLineAndCaret) {
  SourceManager sm;
  FileId f = sm.addBuffer("fn main() {\n\tx := y\n}\n", "m.stn");
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(sm, os);
  diags.report(sm.getLoc(f, 18), diag::err_undeclared) << "y";
  diags.report(sm.getLoc(f, 13), diag::note_declared_here) << "x";
  EXPECT_EQ(out, "m.stn:2:7: error: undeclared name 'y'\n"
                 "\tx := y\n"
                 "\t     ^\n"
                 "m.stn:2:2: note: 'x' is declared here\n"
                 "\tx := y\n"
                 "\t^\n");
  EXPECT_EQ(diags.getNumErrors(), 1u);
}

TEST(DiagnosticsTest, ErrorLimitStopsAfterTwentyAndDropsTheirNotes) {
  SourceManager sm;
  FileId f = sm.addBuffer("x\n", "m.stn");
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(sm, os);
  for (int i = 0; i < 25; ++i) {
    diags.report(sm.getLoc(f, 0), diag::err_undeclared) << "x";
    diags.report(sm.getLoc(f, 0), diag::note_declared_here) << "x";
  }
  EXPECT_EQ(diags.getNumErrors(), 20u);
  EXPECT_TRUE(diags.limitReached());
  size_t errors = 0, notes = 0;
  for (size_t pos = 0; (pos = out.find(": error: undeclared", pos)) != std::string::npos; ++pos)
    ++errors;
  for (size_t pos = 0; (pos = out.find(": note: ", pos)) != std::string::npos; ++pos)
    ++notes;
  EXPECT_EQ(errors, 20u);
  EXPECT_EQ(notes, 20u);
  EXPECT_NE(out.find("stencilc: error: too many errors emitted, stopping now\n"), std::string::npos);
}

TEST(DiagnosticsTest, ArgumentsAreSubstitutedInOrder) {
  EXPECT_EQ(DiagnosticEngine::formatMessage("%1 then %0", {"a", "b"}), "b then a");
  EXPECT_EQ(DiagnosticEngine::formatMessage("100% sure", {}), "100% sure");
}
