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

static constexpr llvm::StringLiteral kHeader = "stencil-build-record 2\n";

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
  line({"invocation", invocation.toHex()});
  for (const Module &m : modules)
    line({"module", m.source.toHex(), m.interface.toHex(), m.name, m.file});
  for (const std::string &p : absentPaths)
    line({"absent", p});
  for (const Unit &u : units) {
    line({"unit", u.kind, u.key.toHex(), u.code.toHex(), u.functions.toHex(), u.layouts.toHex(),
          u.refs.toHex(), u.name});
    for (const auto &[callee, fp] : u.inlined)
      line({"inlined", fp.toHex(), callee});
  }
  auto list = [](const std::vector<unsigned> &v) {
    if (v.empty())
      return std::string("-");
    std::string out;
    for (unsigned i : v)
      out += (out.empty() ? "" : " ") + std::to_string(i);
    return out;
  };
  for (const Function &f : functions)
    line({"fn", std::to_string(f.unit), f.inlineHint ? "i" : "-", std::to_string(f.size),
          f.fingerprint.toHex(), f.cycle.toHex(), f.decl.toHex(), list(f.callees), list(f.inlined), list(f.deps), f.request, f.name});
  line({"output", outputHash.toHex(), linkKey.toHex(), output});
  s += "checksum\t" + hash128(s).toHex() + "\n";
  return s;
}

/// A decimal number below 2^32 (getAsInteger is general, and the record has
/// tens of thousands of numbers).
static bool parseIndex(llvm::StringRef text, unsigned &out) {
  if (text.empty() || text.size() > 10)
    return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return false;
    v = v * 10 + unsigned(c - '0');
  }
  if (v > ~0u)
    return false;
  out = static_cast<unsigned>(v);
  return true;
}

llvm::Expected<BuildRecord> BuildRecord::parse(llvm::StringRef text, bool withFunctions) {
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
    if (!withFunctions && line.starts_with("fn\t"))
      continue;
    line.split(f, '\t');
    auto hex = [&](size_t i, Hash128 &out) { return i < f.size() && Hash128::fromHex(f[i], out); };
    bool ok = false;
    if (f[0] == "options" && f.size() == 2) {
      ok = hex(1, r.options);
    } else if (f[0] == "invocation" && f.size() == 2) {
      ok = hex(1, r.invocation);
    } else if (f[0] == "module" && f.size() == 5) {
      Module m{f[3].str(), f[4].str(), {}, {}};
      ok = hex(1, m.source) && hex(2, m.interface);
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
    } else if (!withFunctions && line.starts_with("fn\t")) {
      ok = true;
    } else if (f[0] == "fn" && f.size() == 12) {
      Function fn;
      auto list = [](llvm::StringRef text, std::vector<unsigned> &out, size_t limit) {
        if (text == "-")
          return true;
        while (!text.empty()) {
          auto [item, rest] = text.split(' ');
          unsigned v;
          if (!parseIndex(item, v) || v >= limit || (rest.empty() && text.size() != item.size()))
            return false;
          out.push_back(v);
          text = rest;
        }
        return true;
      };
      // Indices into functions may point forward: checked after the last line.
      ok = parseIndex(f[1], fn.unit) && fn.unit < r.units.size() &&
           (f[2] == "i" || f[2] == "-") && parseIndex(f[3], fn.size) &&
           hex(4, fn.fingerprint) && hex(5, fn.cycle) && hex(6, fn.decl) &&
           list(f[7], fn.callees, ~0u) && list(f[8], fn.inlined, ~0u) &&
           list(f[9], fn.deps, r.modules.size());
      fn.inlineHint = f[2] == "i";
      fn.request = f[10].str();
      fn.name = f[11].str();
      r.functions.push_back(std::move(fn));
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
  if (!withFunctions)
    return r;
  for (const Function &fn : r.functions)
    for (const auto *v : {&fn.callees, &fn.inlined})
      for (unsigned i : *v)
        if (i >= r.functions.size())
          return bad("a function index is out of range");
  return r;
}
