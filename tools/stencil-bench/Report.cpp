//===- Report.cpp - The tables and the JSON of a benchmark run ------------===//
#include "Runner.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace stencil::bench {

namespace {

int64_t num(const llvm::json::Object &o, llvm::StringRef group, llvm::StringRef key) {
  const llvm::json::Object *g = o.getObject(group);
  if (!g)
    return -1;
  if (std::optional<int64_t> v = g->getInteger(key))
    return *v;
  if (std::optional<bool> v = g->getBoolean(key))
    return *v;
  return -1;
}

const char *cs(const char *s) { return s; }

std::string pair(int64_t a, int64_t b) {
  if (a < 0 || b < 0)
    return "-";
  return std::to_string(a) + "/" + std::to_string(b);
}

std::string seconds(double s) {
  std::string out;
  llvm::raw_string_ostream(out) << llvm::format(s < 10 ? "%.3f" : "%.2f", s);
  return out;
}

} // namespace

void printTable(const Results &r, llvm::raw_ostream &os) {
  const Options &o = r.opts;
  os << "stencil-bench: " << o.params.modules << " service modules, " << o.params.generics
     << " generics, " << o.params.types << " types, seed " << o.params.seed << "; "
     << r.linesByLang[0] << " lines of Stencil; -j" << r.jobs << "\n";
  unsigned peerRepeat = o.peerRepeat ? o.peerRepeat : o.repeat;
  os << "median of " << o.repeat << " run(s) per scenario";
  if (r.toolchains.size() > 1)
    os << " (peers: " << peerRepeat << ")";
  os << ", +- half the range; every run starts from the same warm build directory\n\n";

  // Stencil's own figures.
  os << r.toolchains[0].title << " --build-dir:\n";
  os << llvm::format("%-24s %16s %8s %8s %8s %11s %15s %13s %6s %7s\n", cs("scenario"),
                     cs("wall s"), cs("cpu s"), cs("peak MB"), cs("checked"), cs("units regen"),
                     cs("inst req/uniq"), cs("regen/reused"), cs("hit %"), cs("linked"));
  for (size_t s = 0; s < r.scenarios.size(); ++s) {
    const Cell &c = r.cells[s][0];
    Sample m = c.medianSample();
    const llvm::json::Object &st = c.stats;
    int64_t inst = num(st, "build", "instances"), rebuilt = num(st, "build", "instancesRebuilt");
    int64_t req = num(st, "cache", "requests"), hits = num(st, "cache", "hits");
    std::string hit;
    if (req > 0)
      llvm::raw_string_ostream(hit) << llvm::format("%.1f", 100.0 * double(hits) / double(req));
    else
      hit = "-";
    std::string linked =
        num(st, "build", "linked") == 1 ? std::to_string(num(st, "build", "units")) : "no";
    std::string wall = seconds(m.wall) + " +-" + seconds(c.spread());
    os << llvm::format(
        "%-24s %16s %8.3f %8.1f %8s %11s %15s %13s %6s %7s\n",
        scenarioTitle(r.scenarios[s]).str().c_str(), wall.c_str(), m.cpu, double(m.rssKB) / 1024.0,
        pair(num(st, "build", "modulesChecked"), num(st, "build", "modules")).c_str(),
        pair(num(st, "build", "unitsRebuilt"), num(st, "build", "units")).c_str(),
        pair(req, num(st, "cache", "unique")).c_str(),
        pair(rebuilt, inst < 0 || rebuilt < 0 ? -1 : inst - rebuilt).c_str(), hit.c_str(),
        linked.c_str());
  }
  os << "\n  checked: modules parsed and checked / modules; units regen: units (module bodies and\n"
        "  instances) whose code was generated again / units; inst req/uniq: instantiation "
        "requests to the\n"
        "  instance cache / distinct instances; regen/reused: instances whose code was generated "
        "again /\n"
        "  taken from the build directory; hit %: requests answered by the cache; linked: objects "
        "linked\n"
        "  (no: the executable was up to date)\n";
  for (size_t s = 0; s < r.scenarios.size(); ++s)
    if (!r.cells[s][0].edit.empty())
      os << "  " << r.scenarios[s] << ": " << r.cells[s][0].edit << "\n";

  if (r.toolchains.size() < 2)
    return;
  // Side by side.
  os << "\nwall s (ratio to " << r.toolchains[0].title << " in this run):\n";
  os << llvm::format("%-24s", cs("scenario"));
  for (const Toolchain &t : r.toolchains)
    os << llvm::format(" %20s", t.title.c_str());
  os << llvm::format(" %12s\n", cs("best peer"));
  for (size_t s = 0; s < r.scenarios.size(); ++s) {
    os << llvm::format("%-24s", scenarioTitle(r.scenarios[s]).str().c_str());
    double base = r.cells[s][0].median(), best = 0;
    for (size_t t = 0; t < r.toolchains.size(); ++t) {
      const Cell &c = r.cells[s][t];
      std::string text = "-";
      if (!r.toolchains[t].available)
        text = "skipped";
      else if (!c.error.empty())
        text = "failed";
      else if (!c.samples.empty()) {
        text = seconds(c.median());
        if (t > 0) {
          std::string ratio;
          llvm::raw_string_ostream(ratio) << llvm::format(" (%.1fx)", c.median() / base);
          text += ratio;
          best = best == 0 ? c.median() : std::min(best, c.median());
        }
      }
      os << llvm::format(" %20s", text.c_str());
    }
    if (best > 0)
      os << llvm::format(" %11.1fx", best / base);
    os << "\n";
  }
  os << "\ncpu s (user + system, children included):\n";
  os << llvm::format("%-24s", cs("scenario"));
  for (const Toolchain &t : r.toolchains)
    os << llvm::format(" %20s", t.title.c_str());
  os << "\n";
  for (size_t s = 0; s < r.scenarios.size(); ++s) {
    os << llvm::format("%-24s", scenarioTitle(r.scenarios[s]).str().c_str());
    for (size_t t = 0; t < r.toolchains.size(); ++t) {
      const Cell &c = r.cells[s][t];
      std::string text = "-";
      if (r.toolchains[t].available && c.error.empty() && !c.samples.empty())
        text = seconds(c.medianSample().cpu);
      os << llvm::format(" %20s", text.c_str());
    }
    os << "\n";
  }
  os << "\n  (x): the peer's time / Stencil's; best peer: the fastest peer's time / Stencil's "
        "(above 1: Stencil\n"
        "  is faster). g++/clang++: -O0 -std=c++17 through ninja, one object per module; cargo: "
        "dev profile\n"
        "  (debug info, incremental), one crate; go: one package per module, standard library "
        "cached.\n";
  for (size_t t = 1; t < r.toolchains.size(); ++t) {
    if (!r.toolchains[t].available)
      os << "  " << r.toolchains[t].title << " skipped: " << r.toolchains[t].whyNot << "\n";
    bool any = false;
    for (size_t s = 0; s < r.scenarios.size(); ++s)
      if (r.cells[s][t].compiled >= 0)
        os << (any ? ", " : "  " + r.toolchains[t].title + " compiled translation units: ")
           << r.scenarios[s] << " " << r.cells[s][t].compiled,
            any = true;
    if (any)
      os << "\n";
    for (size_t s = 0; s < r.scenarios.size(); ++s)
      if (!r.cells[s][t].error.empty())
        os << "  " << r.toolchains[t].title << ", " << r.scenarios[s] << ": " << r.cells[s][t].error
           << "\n";
  }
}

llvm::json::Value toJSON(const Results &r) {
  const Options &o = r.opts;
  llvm::json::Array toolchains, scenarios;
  for (const Toolchain &t : r.toolchains) {
    llvm::json::Object x{{"id", t.id},
                         {"title", t.title},
                         {"language", langName(t.lang)},
                         {"available", t.available}};
    if (!t.available)
      x["skipped"] = t.whyNot;
    toolchains.push_back(std::move(x));
  }
  for (size_t s = 0; s < r.scenarios.size(); ++s) {
    llvm::json::Object results;
    double base = r.cells[s][0].median();
    for (size_t t = 0; t < r.toolchains.size(); ++t) {
      const Cell &c = r.cells[s][t];
      if (!r.toolchains[t].available)
        continue;
      llvm::json::Array runs;
      for (const Sample &x : c.samples)
        runs.push_back(
            llvm::json::Object{{"wall", x.wall}, {"cpu", x.cpu}, {"peakRSSKB", x.rssKB}});
      Sample m = c.medianSample();
      llvm::json::Object cell{{"wall", m.wall},
                              {"spread", c.spread()},
                              {"cpu", m.cpu},
                              {"peakRSSKB", m.rssKB},
                              {"runs", std::move(runs)}};
      if (t > 0 && base > 0 && !c.samples.empty())
        cell["ratioToStencil"] = m.wall / base;
      if (!c.error.empty())
        cell["error"] = c.error;
      if (!c.stats.empty())
        cell["stats"] = llvm::json::Object(c.stats);
      if (c.compiled >= 0)
        cell["compiledUnits"] = c.compiled;
      results[r.toolchains[t].id] = std::move(cell);
    }
    llvm::json::Object sc{{"id", r.scenarios[s]},
                          {"title", scenarioTitle(r.scenarios[s])},
                          {"results", std::move(results)}};
    if (!r.cells[s][0].edit.empty())
      sc["edit"] = r.cells[s][0].edit;
    scenarios.push_back(std::move(sc));
  }
  llvm::json::Object lines;
  for (Lang L : kLangs)
    lines[langName(L)] = r.linesByLang[size_t(L)];
  return llvm::json::Object{
      {"version", 1},
      {"params", llvm::json::Object{{"modules", o.params.modules},
                                    {"generics", o.params.generics},
                                    {"types", o.params.types},
                                    {"seed", int64_t(o.params.seed)}}},
      {"jobs", r.jobs},
      {"repeat", o.repeat},
      {"peerRepeat", o.peerRepeat ? o.peerRepeat : o.repeat},
      {"lines", std::move(lines)},
      {"toolchains", std::move(toolchains)},
      {"scenarios", std::move(scenarios)},
      {"ok", !r.failed},
  };
}

} // namespace stencil::bench
