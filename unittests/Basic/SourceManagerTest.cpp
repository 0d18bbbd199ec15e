#include "stencil/Basic/SourceManager.h"
#include "gtest/gtest.h"

using namespace stencil;

TEST(SourceManagerTest, LineAndColumnFromOffsets) {
  SourceManager sm;
  FileId a = sm.addBuffer("ab\ncd\n\nxyz", "a.stn");
  FileId b = sm.addBuffer("second", "b.stn");
  EXPECT_EQ(sm.getFileId(sm.getLoc(a, 0)), a);
  EXPECT_EQ(sm.getFileId(sm.getLoc(a, 10)), a); // end-of-file position
  EXPECT_EQ(sm.getFileId(sm.getLoc(b, 0)), b);

  LineColumn lc = sm.getLineColumn(sm.getLoc(a, 4));
  EXPECT_EQ(lc.line, 2u);
  EXPECT_EQ(lc.column, 2u);
  lc = sm.getLineColumn(sm.getLoc(a, 6)); // the empty line
  EXPECT_EQ(lc.line, 3u);
  EXPECT_EQ(lc.column, 1u);
  lc = sm.getLineColumn(sm.getLoc(a, 10));
  EXPECT_EQ(lc.line, 4u);
  EXPECT_EQ(lc.column, 4u);
  EXPECT_EQ(sm.getLineText(sm.getLoc(a, 8)), "xyz");
  EXPECT_EQ(sm.getLineText(sm.getLoc(a, 6)), "");
  EXPECT_EQ(sm.getLineText(sm.getLoc(b, 3)), "second");
  EXPECT_EQ(sm.getFileOffset(sm.getLoc(b, 3)), 3u);
}

TEST(SourceManagerTest, CarriageReturnIsNotPartOfTheLine) {
  SourceManager sm;
  FileId a = sm.addBuffer("one\r\ntwo", "a.stn");
  EXPECT_EQ(sm.getLineText(sm.getLoc(a, 1)), "one");
  EXPECT_EQ(sm.getLineColumn(sm.getLoc(a, 5)).line, 2u);
}

TEST(SourceManagerTest, MissingFileIsAnError) {
  SourceManager sm;
  auto f = sm.loadFile("/nonexistent/dir/x.stn", "x.stn");
  ASSERT_FALSE(static_cast<bool>(f));
  llvm::consumeError(f.takeError());
}
