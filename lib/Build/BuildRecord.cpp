//===- BuildRecord.cpp - What the last build of a directory did -----------===//
//
// One line per fact, fields separated by tabs, names last (instance names
// hold spaces), then `checksum` and the XXH3-128 of everything before it.
//
//===----------------------------------------------------------------------===//
#include "stencil/Build/BuildRecord.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace stencil;

static constexpr llvm::StringLiteral kHeader = "stencil-build-record 1\n";

std::string BuildRecord::serialize() const {
  std::string s(kHeader);
  auto line = [&](std::initializer_list<llvm::StringRef> fields) {
    bool first = true;
    for (llvm::StringRef f : fields) {
      if (!first)
        s += '\t';
      s += f;
      first = false;
    }
    s += '\n';
  };
  line({"options", options.toHex()});
  for (const Module &m : modules)
    line({"module", m.source.toHex(), m.name, m.file});
  for (const std::string &p : absentPaths)
    line({"absent", p});
  for (const Unit &u : units) {
    line({"unit", u.kind, u.key.toHex(), u.code.toHex(), u.functions.toHex(), u.layouts.toHex(),
          u.refs.toHex(), u.name});
    for (const auto &[callee, fp] : u.inlined)
      line({"inlined", fp.toHex(), callee});
  }
  line({"output", outputHash.toHex(), linkKey.toHex(), output});
  s += "checksum\t" + hash128(s).toHex() + "\n";
  return s;
}

llvm::Expected<BuildRecord> BuildRecord::parse(llvm::StringRef text) {
  auto bad = [](const llvm::Twine &why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
  };
  if (!text.starts_with(kHeader))
    return bad("not a build record of this compiler");
  size_t sumAt = text.rfind("checksum\t");
  if (sumAt == llvm::StringRef::npos || (sumAt != 0 && text[sumAt - 1] != '\n'))
    return bad("truncated");
  Hash128 sum;
  if (!Hash128::fromHex(text.substr(sumAt + 9).rtrim("\n"), sum) || !text.ends_with("\n"))
    return bad("truncated");
  llvm::StringRef body = text.take_front(sumAt);
  if (hash128(body) != sum)
    return bad("checksum mismatch");

  BuildRecord r;
  bool sawOutput = false;
  llvm::SmallVector<llvm::StringRef, 8> f;
  llvm::StringRef rest = body.drop_front(kHeader.size());
  unsigned lineNo = 1;
  while (!rest.empty()) {
    auto [line, next] = rest.split('\n');
    rest = next;
    ++lineNo;
    f.clear();
    line.split(f, '\t');
    auto hex = [&](size_t i, Hash128 &out) { return i < f.size() && Hash128::fromHex(f[i], out); };
    bool ok = false;
    if (f[0] == "options" && f.size() == 2) {
      ok = hex(1, r.options);
    } else if (f[0] == "module" && f.size() == 4) {
      Module m{f[2].str(), f[3].str(), {}};
      ok = hex(1, m.source);
      r.modules.push_back(std::move(m));
    } else if (f[0] == "absent" && f.size() == 2) {
      r.absentPaths.push_back(f[1].str());
      ok = true;
    } else if (f[0] == "unit" && f.size() == 8) {
      Unit u;
      u.kind = f[1].str();
      u.name = f[7].str();
      ok = hex(2, u.key) && hex(3, u.code) && hex(4, u.functions) && hex(5, u.layouts) &&
           hex(6, u.refs);
      r.units.push_back(std::move(u));
    } else if (f[0] == "inlined" && f.size() == 3 && !r.units.empty()) {
      Hash128 fp;
      ok = hex(1, fp);
      r.units.back().inlined.push_back({f[2].str(), fp});
    } else if (f[0] == "output" && f.size() == 4) {
      ok = hex(1, r.outputHash) && hex(2, r.linkKey);
      r.output = f[3].str();
      sawOutput = true;
    }
    if (!ok)
      return bad("malformed line " + llvm::Twine(lineNo));
  }
  if (!sawOutput)
    return bad("truncated");
  return r;
}
