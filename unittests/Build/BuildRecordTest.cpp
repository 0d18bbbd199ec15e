#include "stencil/Build/BuildRecord.h"
#include "stencil/Basic/Hashing.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <ostream>
#include <string>

namespace stencil {
// Readable failures for EXPECT_EQ on hashes.
[[maybe_unused]] static void PrintTo(const Hash128 &h, std::ostream *os) { *os << h.toHex(); }
} // namespace stencil

using namespace stencil;

namespace {

constexpr llvm::StringLiteral kHeader = "stencil-build-record 2\n";

/// A distinct, recognizable hash per label.
Hash128 H(llvm::StringRef label) { return hash128(label); }

/// A record with every field set, names with spaces and brackets included.
BuildRecord sampleRecord() {
  BuildRecord r;
  r.options = H("options");
  r.modules.push_back({"main", "/src/app/main.stc", H("main source"), H("main iface")});
  r.modules.push_back({"svc/s001", "/src/app/svc/s001.stc", H("s001 source"), H("s001 iface")});
  r.modules.push_back({"core", "/opt/stencil lib/core.stc", H("core source"), H("core iface")});
  r.absentPaths = {"/src/app/svc/s002.stc", "/opt/stencil lib/svc/s002.stc"};

  BuildRecord::Unit entry;
  entry.kind = "entry";
  entry.name = "<entry>";
  entry.key = H("entry key");
  entry.code = H("entry code");
  entry.functions = H("entry functions");
  entry.layouts = H("entry layouts");
  entry.refs = H("entry refs");
  r.units.push_back(entry);

  BuildRecord::Unit mainUnit;
  mainUnit.kind = "module";
  mainUnit.name = "main";
  mainUnit.key = H("main key");
  mainUnit.code = H("main code");
  mainUnit.functions = H("main functions");
  mainUnit.layouts = H("main layouts");
  mainUnit.refs = H("main refs");
  mainUnit.inlined = {{"core.max[int]", H("max fp")},
                      {"core.Stack[main.Pair[int, string]].len", H("len fp")}};
  r.units.push_back(mainUnit);

  BuildRecord::Unit inst;
  inst.kind = "instance";
  inst.name = "core.Stack[main.Pair[int, string]].push";
  inst.key = H("push key");
  inst.code = H("push code");
  inst.functions = H("push functions");
  inst.layouts = H("push layouts");
  inst.refs = H("push refs");
  inst.inlined = {{"core.grow[main.Pair[int, string]]", H("grow fp")}};
  r.units.push_back(inst);

  BuildRecord::Function mainFn;
  mainFn.name = "main.main";
  mainFn.unit = 1;
  mainFn.size = 42;
  mainFn.fingerprint = H("main.main fp");
  mainFn.callees = {1};
  mainFn.inlined = {1};
  mainFn.deps = {0};
  mainFn.request = "f4:main4:main0:";
  r.functions.push_back(mainFn);
  BuildRecord::Function pushFn;
  pushFn.name = "core.Stack[main.Pair[int, string]].push";
  pushFn.unit = 2;
  pushFn.inlineHint = true;
  pushFn.size = 7;
  pushFn.fingerprint = H("push fp");
  pushFn.cycle = H("a cycle");
  pushFn.decl = H("push decl");
  pushFn.callees = {0, 1};
  pushFn.deps = {2, 0};
  pushFn.request = "m4:core5:Stack4:push1:N4:main4:Pair2:is";
  r.functions.push_back(pushFn);

  r.output = "/src/app/build out/app";
  r.outputHash = H("output bytes");
  r.linkKey = H("link key");
  return r;
}

void expectSameRecord(const BuildRecord &a, const BuildRecord &b) {
  EXPECT_EQ(a.options, b.options);
  ASSERT_EQ(a.modules.size(), b.modules.size());
  for (size_t i = 0; i < a.modules.size(); ++i) {
    SCOPED_TRACE("module " + std::to_string(i));
    EXPECT_EQ(a.modules[i].name, b.modules[i].name);
    EXPECT_EQ(a.modules[i].file, b.modules[i].file);
    EXPECT_EQ(a.modules[i].source, b.modules[i].source);
    EXPECT_EQ(a.modules[i].interface, b.modules[i].interface);
  }
  ASSERT_EQ(a.functions.size(), b.functions.size());
  for (size_t i = 0; i < a.functions.size(); ++i) {
    SCOPED_TRACE("function " + std::to_string(i));
    const BuildRecord::Function &x = a.functions[i], &y = b.functions[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.unit, y.unit);
    EXPECT_EQ(x.inlineHint, y.inlineHint);
    EXPECT_EQ(x.size, y.size);
    EXPECT_EQ(x.fingerprint, y.fingerprint);
    EXPECT_EQ(x.cycle, y.cycle);
    EXPECT_EQ(x.decl, y.decl);
    EXPECT_EQ(x.callees, y.callees);
    EXPECT_EQ(x.inlined, y.inlined);
    EXPECT_EQ(x.deps, y.deps);
    EXPECT_EQ(x.request, y.request);
  }
  EXPECT_EQ(a.absentPaths, b.absentPaths);
  ASSERT_EQ(a.units.size(), b.units.size());
  for (size_t i = 0; i < a.units.size(); ++i) {
    SCOPED_TRACE("unit " + std::to_string(i));
    const BuildRecord::Unit &x = a.units[i], &y = b.units[i];
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.key, y.key);
    EXPECT_EQ(x.code, y.code);
    EXPECT_EQ(x.functions, y.functions);
    EXPECT_EQ(x.layouts, y.layouts);
    EXPECT_EQ(x.refs, y.refs);
    ASSERT_EQ(x.inlined.size(), y.inlined.size());
    for (size_t k = 0; k < x.inlined.size(); ++k) {
      EXPECT_EQ(x.inlined[k].first, y.inlined[k].first);
      EXPECT_EQ(x.inlined[k].second, y.inlined[k].second);
    }
  }
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.outputHash, b.outputHash);
  EXPECT_EQ(a.linkKey, b.linkKey);
}

/// parse's error text, or "" when it parsed.
std::string parseError(llvm::StringRef text) {
  llvm::Expected<BuildRecord> r = BuildRecord::parse(text);
  if (r)
    return "";
  return llvm::toString(r.takeError());
}

/// \p body (header and fact lines) with a correct checksum line appended.
std::string withChecksum(const std::string &body) {
  return body + "checksum\t" + hash128(body).toHex() + "\n";
}

/// The text before the checksum line.
std::string bodyOf(const std::string &text) {
  size_t at = text.rfind("checksum\t");
  EXPECT_NE(at, std::string::npos);
  return text.substr(0, at);
}

//===----------------------------------------------------------------------===//
// Round trip
//===----------------------------------------------------------------------===//

TEST(BuildRecordTest, RoundTripsEveryField) {
  BuildRecord r = sampleRecord();
  std::string text = r.serialize();
  llvm::Expected<BuildRecord> back = BuildRecord::parse(text);
  ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
  expectSameRecord(r, *back);
  // And the parsed record serializes to the same bytes.
  EXPECT_EQ(back->serialize(), text);
}

TEST(BuildRecordTest, ParsesWithoutFunctionsForTheUpToDateCheck) {
  BuildRecord r = sampleRecord();
  std::string text = r.serialize();
  llvm::Expected<BuildRecord> back = BuildRecord::parse(text, /*withFunctions=*/false);
  ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
  EXPECT_TRUE(back->functions.empty());
  r.functions.clear();
  expectSameRecord(r, *back);
  // The checksum still covers the function lines.
  std::string flipped = text;
  flipped[flipped.find("\tmain.main\n") + 1] = 'n';
  EXPECT_FALSE(static_cast<bool>(BuildRecord::parse(flipped, false)));
  llvm::consumeError(BuildRecord::parse(flipped, false).takeError());
}

TEST(BuildRecordTest, TextForm) {
  std::string text = sampleRecord().serialize();
  EXPECT_TRUE(llvm::StringRef(text).starts_with(kHeader));
  EXPECT_TRUE(llvm::StringRef(text).ends_with("\n"));
  // Names last, after tabs, unchanged (spaces and brackets kept as is).
  EXPECT_NE(text.find("\tcore.Stack[main.Pair[int, string]].push\n"), std::string::npos);
  EXPECT_NE(text.find("\tcore.Stack[main.Pair[int, string]].len\n"), std::string::npos);
  EXPECT_NE(text.find("absent\t/opt/stencil lib/svc/s002.stc\n"), std::string::npos);
  EXPECT_NE(text.find("\tm4:core5:Stack4:push1:N4:main4:Pair2:is\tcore.Stack[main.Pair[int, string]].push\n"),
            std::string::npos);
  // The last line is the checksum of everything before it.
  std::string body = bodyOf(text);
  EXPECT_EQ(text, withChecksum(body));
}

TEST(BuildRecordTest, RoundTripsAnEmptyRecord) {
  BuildRecord r; // no modules, absent paths or units; empty output name
  std::string text = r.serialize();
  llvm::Expected<BuildRecord> back = BuildRecord::parse(text);
  ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
  expectSameRecord(r, *back);
}

TEST(BuildRecordTest, UnitsKeepTheirOwnInlinedLists) {
  BuildRecord r = sampleRecord();
  // A unit without inlined bodies between two units that have some.
  r.units[0].inlined.clear();
  std::swap(r.units[0], r.units[1]);
  llvm::Expected<BuildRecord> back = BuildRecord::parse(r.serialize());
  ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
  ASSERT_EQ(back->units.size(), 3u);
  EXPECT_EQ(back->units[0].name, "main");
  EXPECT_EQ(back->units[0].inlined.size(), 2u);
  EXPECT_EQ(back->units[1].name, "<entry>");
  EXPECT_TRUE(back->units[1].inlined.empty());
  ASSERT_EQ(back->units[2].inlined.size(), 1u);
  EXPECT_EQ(back->units[2].inlined[0].first, "core.grow[main.Pair[int, string]]");
  EXPECT_EQ(back->units[2].inlined[0].second, H("grow fp"));
}

//===----------------------------------------------------------------------===//
// Rejected texts
//===----------------------------------------------------------------------===//

TEST(BuildRecordTest, RejectsAWrongHeader) {
  std::string text = sampleRecord().serialize();
  EXPECT_EQ(parseError(""), "not a build record of this compiler");
  EXPECT_EQ(parseError("hello\n"), "not a build record of this compiler");
  // Another version, with a checksum that matches its own body.
  std::string other = "stencil-build-record 1\n" + bodyOf(text).substr(kHeader.size());
  EXPECT_EQ(parseError(withChecksum(other)), "not a build record of this compiler");
  // The header without its newline.
  EXPECT_EQ(parseError("stencil-build-record 2"), "not a build record of this compiler");
}

TEST(BuildRecordTest, RejectsEveryTruncation) {
  std::string text = sampleRecord().serialize();
  size_t sumAt = text.rfind("checksum\t");
  ASSERT_NE(sumAt, std::string::npos);
  // Every proper prefix, whatever the cut: in the header, in a fact line, at a
  // line boundary, in the checksum line, before the final newline.
  for (size_t cut = 0; cut < text.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut) + " of " + std::to_string(text.size()));
    std::string err = parseError(llvm::StringRef(text).take_front(cut));
    EXPECT_NE(err, "");
    if (cut >= kHeader.size())
      EXPECT_EQ(err, "truncated");
  }
  // Named cuts, for a readable failure.
  EXPECT_EQ(parseError(text.substr(0, sumAt)), "truncated");           // no checksum line
  EXPECT_EQ(parseError(text.substr(0, sumAt + 9)), "truncated");       // checksum without value
  EXPECT_EQ(parseError(text.substr(0, sumAt + 9 + 16)), "truncated");  // half the value
  EXPECT_EQ(parseError(text.substr(0, text.size() - 1)), "truncated"); // no final newline
}

TEST(BuildRecordTest, RejectsOneFlippedCharacterAnywhere) {
  std::string text = sampleRecord().serialize();
  size_t sumAt = text.rfind("checksum\t");
  ASSERT_NE(sumAt, std::string::npos);
  for (size_t i = 0; i < text.size(); ++i) {
    SCOPED_TRACE("flipped byte " + std::to_string(i) + " ('" + std::string(1, text[i]) + "')");
    std::string bad = text;
    bad[i] ^= 0x01;
    std::string err = parseError(bad);
    EXPECT_NE(err, "");
    // In the body proper (after the header, before the newline that ends
    // the body), the checksum catches it.
    if (i >= kHeader.size() && i + 1 < sumAt)
      EXPECT_EQ(err, "checksum mismatch");
  }
  // Replacing a name's character with a different one of the same class.
  std::string renamed = text;
  size_t at = renamed.find("s001");
  ASSERT_NE(at, std::string::npos);
  renamed[at + 3] = '2';
  EXPECT_EQ(parseError(renamed), "checksum mismatch");
}

TEST(BuildRecordTest, RejectsAMalformedLineWithACorrectChecksum) {
  std::string body = bodyOf(sampleRecord().serialize());
  ASSERT_TRUE(llvm::StringRef(body).starts_with(kHeader));
  // Line numbers count the header as line 1.
  auto lineNumberOf = [&](llvm::StringRef needle) {
    size_t at = body.find(needle.str());
    EXPECT_NE(at, std::string::npos) << needle.str();
    return 1 + std::count(body.begin(), body.begin() + at, '\n');
  };
  auto replaceFirst = [&](llvm::StringRef from, llvm::StringRef to) {
    std::string s = body;
    size_t at = s.find(from.str());
    EXPECT_NE(at, std::string::npos) << from.str();
    s.replace(at, from.size(), to.str());
    return s;
  };
  auto expectMalformedAt = [&](const std::string &changed, int64_t line) {
    EXPECT_EQ(parseError(withChecksum(changed)), "malformed line " + std::to_string(line));
  };

  // Sanity: the unchanged body with its checksum parses.
  EXPECT_EQ(parseError(withChecksum(body)), "");

  // An unknown fact.
  std::string unknown = body + "frobnicate\tx\n";
  expectMalformedAt(unknown, 1 + std::count(body.begin(), body.end(), '\n'));

  // A hash that is not 32 hex digits.
  std::string optionsHex = H("options").toHex();
  expectMalformedAt(replaceFirst("options\t" + optionsHex, "options\t" + optionsHex.substr(1)),
                    lineNumberOf("options\t"));
  expectMalformedAt(replaceFirst("options\t" + optionsHex, "options\tzz" + optionsHex.substr(2)),
                    lineNumberOf("options\t"));

  // A module line missing its file.
  int64_t moduleLine = lineNumberOf("module\t");
  std::string moduleHashes = "module\t" + H("main source").toHex() + "\t" + H("main iface").toHex();
  expectMalformedAt(replaceFirst(moduleHashes + "\tmain\t/src/app/main.stc", moduleHashes + "\tmain"),
                    moduleLine);
  // ... and one without its interface fingerprint (the last format's line).
  expectMalformedAt(replaceFirst("\t" + H("main iface").toHex(), ""), moduleLine);

  // A function line whose unit, callee or module index is out of range, and
  // one with a bad size.
  int64_t fnLine = lineNumberOf("fn\t1\t");
  expectMalformedAt(replaceFirst("fn\t1\t", "fn\t9\t"), fnLine);
  expectMalformedAt(replaceFirst("fn\t1\t-\t42", "fn\t1\t-\tx42"), fnLine);
  expectMalformedAt(replaceFirst("\t-\t2 0\t", "\t-\t2 7\t"), fnLine + 1);
  EXPECT_EQ(parseError(withChecksum(replaceFirst("\t0 1\t-\t", "\t0 5\t-\t"))),
            "a function index is out of range");

  // A unit line with a field too few (the refs hash dropped), and one with a
  // bad key.
  int64_t unitLine = lineNumberOf("unit\tmodule\t");
  expectMalformedAt(replaceFirst("\t" + H("main refs").toHex(), ""), unitLine);
  expectMalformedAt(replaceFirst("unit\tmodule\t" + H("main key").toHex(),
                                 "unit\tmodule\t" + H("main key").toHex().substr(0, 31) + "g"),
                    unitLine);

  // An inlined line before any unit.
  std::string inlinedFirst = std::string(kHeader) + "inlined\t" + H("x").toHex() + "\tcore.f\n" +
                             body.substr(kHeader.size());
  expectMalformedAt(inlinedFirst, 2);

  // An output line without the link key.
  int64_t outputLine = lineNumberOf("output\t");
  expectMalformedAt(replaceFirst("\t" + H("link key").toHex(), ""), outputLine);

  // An empty line.
  std::string blank = std::string(kHeader) + "\n" + body.substr(kHeader.size());
  expectMalformedAt(blank, 2);

  // Every fact intact but the output line gone: the record is incomplete.
  size_t outAt = body.find("output\t");
  ASSERT_NE(outAt, std::string::npos);
  EXPECT_EQ(parseError(withChecksum(body.substr(0, outAt))), "truncated");
}

} // namespace
