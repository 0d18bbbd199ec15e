//===- Workload.cpp - The workload's state, edits and files ---------------===//
//
// Edits change the state (never the generation parameters); the files are
// rendered again and only those whose text changed are written. Every edit
// keeps the line count of every Stencil file (a constant, a parameter, a slot
// line, a result type change in place), so diagnostics and traces of two
// builds line up.
//
//===----------------------------------------------------------------------===//
#include "WorkloadImpl.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

namespace stencil::bench {

const char *const kEditKinds[5] = {"leaf-body", "generic-body", "generic-sig", "new-inst", "iface"};

bool isEditKind(llvm::StringRef kind) {
  return std::find_if(std::begin(kEditKinds), std::end(kEditKinds),
                      [&](const char *k) { return kind == k; }) != std::end(kEditKinds);
}

llvm::StringRef langName(Lang L) { return pick(L, "stencil", "c++", "rust", "go"); }

Ty typeByTag(const Workload &w, unsigned module, const std::string &tag) {
  for (const Ty &t : baseTypes())
    if (t.tag == tag)
      return t;
  for (const std::string &n : userTypeNames(w.params.types))
    if (userType(n).tag == tag)
      return userType(n);
  return itemType(module, true);
}

std::map<std::string, std::string> renderFiles(const Workload &w, Lang L) {
  std::map<std::string, std::string> files;
  renderCore(w, L, files);
  renderModules(w, L, files);
  return files;
}

unsigned countLines(const std::map<std::string, std::string> &files) {
  unsigned n = 0;
  for (const auto &[path, text] : files)
    n += unsigned(std::count(text.begin(), text.end(), '\n'));
  return n;
}

namespace {

/// Number of service modules importing each module.
std::vector<unsigned> importers(const Params &p) {
  std::vector<unsigned> n(p.modules, 0);
  for (unsigned m = 0; m < p.modules; ++m)
    for (unsigned d : moduleDeps(m, p.seed))
      ++n[d];
  return n;
}

/// The 1-based line of the first line of \p path (Stencil) containing
/// \p needle (after the first containing \p after, when given).
unsigned lineOf(const Workload &w, const std::string &path, llvm::StringRef needle,
                llvm::StringRef after = "") {
  std::map<std::string, std::string> files = renderFiles(w, Lang::Stencil);
  llvm::StringRef text = files[path];
  size_t from = after.empty() ? 0 : text.find(after);
  size_t at = from == llvm::StringRef::npos ? from : text.find(needle, from);
  return at == llvm::StringRef::npos ? 0 : unsigned(text.take_front(at).count('\n') + 1);
}

llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "stencil-bench: " + msg);
}

} // namespace

llvm::Expected<std::string> applyEdit(Workload &w, llvm::StringRef kind, uint64_t seed) {
  const Params &p = w.params;
  std::vector<Generic> generics = coreGenerics(p.generics);
  std::string out;
  llvm::raw_string_ostream os(out);
  if (kind == "leaf-body") {
    std::vector<unsigned> imp = importers(p), leaves;
    for (unsigned m = 0; m < p.modules; ++m)
      if (imp[m] == 0)
        leaves.push_back(m);
    unsigned m = leaves[seed % leaves.size()];
    unsigned old = m % 10 + w.state.leafBump[m]++;
    std::string path = "svc/" + sfx(m) + ".stn";
    os << path << ":" << lineOf(w, path, "fn mix_" + sfx(m) + "(") << ": leaf-body: mix_" << sfx(m)
       << " adds " << old + 1 << " instead of " << old;
    return out;
  }
  if (kind == "generic-body") {
    std::vector<const Generic *> knobs;
    for (const Generic &g : generics)
      if (g.t->knobBase >= 0)
        knobs.push_back(&g);
    if (knobs.empty())
      return fail("core has no generic function with a knob (raise --generics)");
    const Generic &g = *knobs[seed % knobs.size()];
    unsigned old = unsigned(g.t->knobBase) + w.state.knobBump[g.index]++;
    os << "core.stn:" << lineOf(w, "core.stn", "// knob", "pub fn " + g.name + "[")
       << ": generic-body: " << g.name << ": knob " << old << " -> " << old + 1;
    return out;
  }
  if (kind == "generic-sig") {
    std::vector<const Generic *> cands;
    for (const Generic &g : generics)
      if (!g.t->valueOnly)
        cands.push_back(&g);
    const Generic &g = *cands[seed % cands.size()];
    unsigned n = ++w.state.pads[g.index];
    os << "core.stn:" << lineOf(w, "core.stn", "pub fn " + g.name + "[")
       << ": generic-sig: " << g.name << " gets parameter pad" << n
       << " int; every call site passes " << n;
    return out;
  }
  if (kind == "new-inst") {
    unsigned start = unsigned((p.modules / 2 + seed * 37) % p.modules);
    unsigned m = 0, left = 0;
    for (unsigned step = 0; step < p.modules && !left; ++step) {
      m = (start + step) % p.modules;
      unsigned filled = unsigned(std::count_if(w.state.fills.begin(), w.state.fills.end(),
                                               [&](const Fill &f) { return f.module == m; }));
      left = 2 - std::min(2u, filled);
    }
    if (!left)
      return fail("no slot left for a new instantiation");
    std::vector<std::string> used = moduleInfo(w, m).uses;
    for (const Fill &f : w.state.fills)
      if (f.module == m)
        used.push_back(generics[f.generic].name + "[" + typeByTag(w, m, f.typeTag).key() + "]");
    std::vector<Ty> types = baseTypes();
    for (const std::string &n : userTypeNames(p.types))
      types.push_back(userType(n));
    types.push_back(itemType(m, true));
    struct Cand {
      const Generic *g;
      Ty ty;
    };
    std::vector<Cand> cands;
    for (const Generic &g : generics)
      for (const Ty &ty : types) {
        std::string key = g.name + "[" + ty.key() + "]";
        if (std::find(used.begin(), used.end(), key) == used.end() && applicable(g, ty) &&
            !oneliner(w, Lang::Stencil, g, ty, 1).empty())
          cands.push_back({&g, ty});
      }
    if (cands.empty())
      return fail("svc/" + sfx(m) + ".stn already uses every combination");
    std::string path = "svc/" + sfx(m) + ".stn";
    unsigned line = lineOf(w, path, "// slot: new instantiation");
    Rng r{seed, m, left};
    const Cand &c = r.choice(cands);
    Fill f;
    f.module = m;
    f.generic = c.g->index;
    f.typeTag = c.ty.tag;
    f.value = unsigned(1 + r.below(30));
    w.state.fills.push_back(f);
    os << path << ":" << line << ": new-inst: " << c.g->name << "[" << c.ty.key()
       << "] (and line 2, the instances list)";
    return out;
  }
  if (kind == "iface") {
    std::vector<unsigned> imp = importers(p), mids;
    for (unsigned m = 0; m < p.modules; ++m)
      if (imp[m] > 0 && !moduleDeps(m, p.seed).empty())
        mids.push_back(m);
    if (mids.empty())
      for (unsigned m = 0; m < p.modules; ++m)
        if (imp[m] > 0)
          mids.push_back(m);
    if (mids.empty())
      return fail("no service module is imported by another");
    std::sort(mids.begin(), mids.end(),
              [&](unsigned a, unsigned b) { return imp[a] != imp[b] ? imp[a] > imp[b] : a < b; });
    unsigned m = mids[seed % mids.size()];
    static const char *const kinds[] = {"int", "float", "string"};
    unsigned old = w.state.ifaceStep[m]++;
    std::string path = "svc/" + sfx(m) + ".stn";
    os << path << ":" << lineOf(w, path, "pub fn tag_" + sfx(m) + "()") << ": iface: tag_" << sfx(m)
       << "() returns " << kinds[(old + 1) % 3] << " instead of " << kinds[old % 3] << " ("
       << imp[m] << " importers)";
    return out;
  }
  return fail("unknown edit '" + kind + "'");
}

//===----------------------------------------------------------------------===//
// Files and the state file
//===----------------------------------------------------------------------===//

namespace {

const char *const kStateFile = "stencil-bench.state";

std::string stateText(const Workload &w) {
  std::string out;
  llvm::raw_string_ostream os(out);
  const Params &p = w.params;
  os << "stencil-bench workload 1\n"
     << "modules " << p.modules << "\ngenerics " << p.generics << "\ntypes " << p.types << "\nseed "
     << p.seed << "\n";
  for (auto [m, n] : w.state.leafBump)
    os << "leaf " << m << " " << n << "\n";
  for (auto [g, n] : w.state.knobBump)
    os << "knob " << g << " " << n << "\n";
  for (auto [g, n] : w.state.pads)
    os << "pad " << g << " " << n << "\n";
  for (auto [m, n] : w.state.ifaceStep)
    os << "iface " << m << " " << n << "\n";
  for (const Fill &f : w.state.fills)
    os << "fill " << f.module << " " << f.generic << " " << f.typeTag << " " << f.value << "\n";
  return out;
}

/// Writes \p text to \p path unless the file already holds it.
llvm::Expected<bool> writeIfChanged(llvm::StringRef path, llvm::StringRef text) {
  if (auto buf =
          llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false))
    if ((*buf)->getBuffer() == text)
      return false;
  if (std::error_code ec = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path)))
    return fail("cannot create the directory of '" + path + "': " + ec.message());
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return fail("cannot write '" + path + "': " + ec.message());
  os << text;
  os.close();
  if (os.has_error())
    return fail("cannot write '" + path + "': " + os.error().message());
  return true;
}

/// The directory holding the service modules of \p L (stale ones are removed).
const char *svcDir(Lang L) { return pick(L, "svc", "svc", "src/svc", "svc"); }

} // namespace

llvm::Expected<std::vector<std::string>> writeWorkload(const Workload &w, Lang L,
                                                       llvm::StringRef dir) {
  std::map<std::string, std::string> files = renderFiles(w, L);
  files[kStateFile] = stateText(w);
  std::vector<std::string> written;
  for (const auto &[rel, text] : files) {
    llvm::SmallString<256> path(dir);
    llvm::sys::path::append(path, rel);
    llvm::Expected<bool> changed = writeIfChanged(path, text);
    if (!changed)
      return changed.takeError();
    if (*changed && rel != kStateFile)
      written.push_back(rel);
  }
  // Service modules of an earlier, larger generation.
  llvm::SmallString<256> svc(dir);
  llvm::sys::path::append(svc, svcDir(L));
  std::error_code ec;
  std::vector<std::string> stale;
  for (llvm::sys::fs::recursive_directory_iterator it(svc, ec), end; it != end && !ec;
       it.increment(ec)) {
    if (it->type() == llvm::sys::fs::file_type::directory_file)
      continue;
    llvm::StringRef rel = llvm::StringRef(it->path()).drop_front(dir.size()).ltrim('/');
    if (!files.count(rel.str()))
      stale.push_back(it->path());
  }
  for (const std::string &path : stale)
    llvm::sys::fs::remove(path);
  return written;
}

llvm::Expected<Workload> readWorkload(llvm::StringRef dir) {
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, kStateFile);
  auto buf = llvm::MemoryBuffer::getFile(path);
  if (!buf)
    return fail("'" + path + "' is missing: '" + dir + "' was not written by stencil-bench gen");
  Workload w;
  llvm::SmallVector<llvm::StringRef, 64> lines;
  (*buf)->getBuffer().split(lines, '\n', -1, false);
  if (lines.empty() || lines[0] != "stencil-bench workload 1")
    return fail("'" + path + "' is not a stencil-bench state file");
  for (llvm::StringRef line : llvm::ArrayRef(lines).drop_front()) {
    llvm::SmallVector<llvm::StringRef, 5> f;
    line.split(f, ' ');
    auto num = [&](size_t i, auto &out) {
      uint64_t v = 0;
      bool bad = i >= f.size() || f[i].getAsInteger(10, v);
      out = static_cast<std::remove_reference_t<decltype(out)>>(v);
      return !bad;
    };
    bool ok = true;
    unsigned a = 0, b = 0;
    if (f[0] == "modules")
      ok = num(1, w.params.modules);
    else if (f[0] == "generics")
      ok = num(1, w.params.generics);
    else if (f[0] == "types")
      ok = num(1, w.params.types);
    else if (f[0] == "seed")
      ok = num(1, w.params.seed);
    else if (f[0] == "leaf" && (ok = num(1, a) && num(2, b)))
      w.state.leafBump[a] = b;
    else if (f[0] == "knob" && (ok = num(1, a) && num(2, b)))
      w.state.knobBump[a] = b;
    else if (f[0] == "pad" && (ok = num(1, a) && num(2, b)))
      w.state.pads[a] = b;
    else if (f[0] == "iface" && (ok = num(1, a) && num(2, b)))
      w.state.ifaceStep[a] = b;
    else if (f[0] == "fill" && f.size() == 5) {
      Fill fill;
      fill.typeTag = f[3].str();
      ok = num(1, fill.module) && num(2, fill.generic) && num(4, fill.value);
      w.state.fills.push_back(fill);
    } else
      ok = false;
    if (!ok)
      return fail("'" + path + "': cannot read '" + line + "'");
  }
  return w;
}

} // namespace stencil::bench
