//===- WorkloadCore.cpp - core, types and the peers' runtime --------------===//
//
// The shared pieces of the generator (random numbers, type arguments, the
// list of core's generic functions) and the files that do not depend on the
// service modules: core (its text is in WorkloadText.cpp), types
// (WorkloadTypes.cpp), the peers' runtime and build manifests.
//
//===----------------------------------------------------------------------===//
#include "WorkloadImpl.h"
#include <cassert>
#include <cstdio>

namespace stencil::bench {

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

Rng::Rng(std::initializer_list<uint64_t> seeds) {
  uint64_t s = 0x9E3779B97F4A7C15ULL;
  for (uint64_t x : seeds)
    s = s * 6364136223846793005ULL + x + 1442695040888963407ULL;
  state = s;
}

uint64_t Rng::next() {
  state += 0x9E3779B97F4A7C15ULL;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

size_t Rng::weighted(const std::vector<unsigned> &weights) {
  uint64_t total = 0;
  for (unsigned w : weights)
    total += w;
  uint64_t r = below(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i])
      return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

std::string fmt(std::string_view tpl, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(tpl.size() + 32);
  for (size_t i = 0; i < tpl.size(); ++i) {
    char c = tpl[i];
    if (c != '$' || i + 1 == tpl.size()) {
      out += c;
      continue;
    }
    char d = tpl[++i];
    if (d == '$') {
      out += '$';
      continue;
    }
    assert(d >= '0' && d <= '9' && size_t(d - '0') < args.size() && "bad placeholder");
    out += args.begin()[d - '0'];
  }
  return out;
}

std::string pubName(Lang L, std::string_view name) {
  std::string s(name);
  if (L == Lang::Go && !s.empty() && s[0] >= 'a' && s[0] <= 'z')
    s[0] = char(s[0] - 'a' + 'A');
  return s;
}

std::string qual(Lang L, std::string_view pkg, std::string_view name) {
  const char *sep = pick(L, ".", "::", "::", ".");
  return std::string(pkg) + sep + pubName(L, name);
}

std::string intLit(Lang L, int64_t v) { return std::to_string(v) + pick(L, "", "L", "i64", ""); }

std::string strLit(Lang L, std::string_view s) {
  std::string q = "\"" + std::string(s) + "\"";
  return fmt(pick(L, "$0", "std::string($0)", "String::from($0)", "$0"), {q});
}

std::string lenOf(Lang L, std::string_view e) {
  return fmt(pick(L, "len($0)", "int64_t(($0).size())", "(($0).len() as i64)", "len($0)"), {e});
}

std::string stmt(Lang L, std::string_view s) { return std::string(s) + pick(L, "", ";", ";", ""); }

std::string sfx(unsigned mod) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "s%03u", mod % 1000);
  return buf;
}

//===----------------------------------------------------------------------===//
// Type arguments
//===----------------------------------------------------------------------===//

std::string Ty::code(Lang L) const {
  switch (kind) {
  case Int:
    return pick(L, "int", "int64_t", "i64", "int");
  case Float:
    return pick(L, "float", "double", "f64", "float64");
  case String:
    return pick(L, "string", "std::string", "String", "string");
  case Rec:
  case Code:
  case Point:
  case Temp:
  case Name:
    return qual(L, "types", name);
  case Item:
    return own ? name : qual(L, sfx(unsigned(module)), name);
  case Slice:
    return fmt(pick(L, "[]$0", "std::vector<$0>", "Vec<$0>", "[]$0"), {elem[0].code(L)});
  }
  return "";
}

std::string Ty::lit(Lang L, int64_t v) const {
  std::string c = code(L), n = std::to_string(v);
  switch (kind) {
  case Int:
    return intLit(L, v);
  case Float:
    return n + ".5";
  case String:
    return strLit(L, "w" + n);
  case Rec:
    return fmt(pick(L, "$0{id: $1, name: $2, score: $1.25}", "$0{$3, $2, $1.25}",
                    "$0{id: $1, name: $2, score: $1.25}", "$0{Id: $1, Name: $2, Score: $1.25}"),
               {c, n, strLit(L, "r" + n), intLit(L, v)});
  case Code:
    return fmt(pick(L, "$0($1)", "$0{$1}", "$0($1)", "$0($1)"), {c, intLit(L, v)});
  case Point:
    return fmt(pick(L, "$0{x: $1, y: $2}", "$0{$1, $2}", "$0{x: $1, y: $2}", "$0{X: $1, Y: $2}"),
               {c, intLit(L, v), intLit(L, v % 3)});
  case Temp:
    return fmt(pick(L, "$0($1.5)", "$0{$1.5}", "$0($1.5)", "$0($1.5)"), {c, n});
  case Name:
    return fmt(pick(L, "$0($1)", "$0{$1}", "$0($1)", "$0($1)"), {c, strLit(L, "n" + n)});
  case Item:
    return fmt(pick(L, "$0{a: $1, b: $2}", "$0{$1, $2}", "$0{a: $1, b: $2}", "$0{A: $1, B: $2}"),
               {c, intLit(L, v), strLit(L, "i" + n)});
  case Slice:
    return fmt(pick(L, "$0{$1, $2}", "$0{$1, $2}", "vec![$1, $2]", "$0{$1, $2}"),
               {c, elem[0].lit(L, v), elem[0].lit(L, v + 1)});
  }
  return "";
}

std::string Ty::toInt(Lang L, std::string_view e) const {
  switch (kind) {
  case Int:
    return std::string(e);
  case Float:
    return fmt(pick(L, "int($0)", "int64_t($0)", "(($0) as i64)", "int($0)"), {e});
  case String:
  case Slice:
    return lenOf(L, e);
  case Rec:
    return fmt(pick(L, "$0.id", "$0.id", "$0.id", "$0.Id"), {e});
  case Code:
    return fmt(pick(L, "int($0)", "($0).v", "($0).0", "int($0)"), {e});
  case Point:
    return fmt(pick(L, "$0.x", "$0.x", "$0.x", "$0.X"), {e});
  case Temp:
    return fmt(pick(L, "int($0)", "int64_t(($0).v)", "(($0).0 as i64)", "int($0)"), {e});
  case Name:
    return fmt(pick(L, "len($0)", "int64_t(($0).v.size())", "(($0).0.len() as i64)", "len($0)"),
               {e});
  case Item:
    return fmt(pick(L, "$0.a", "$0.a", "$0.a", "$0.A"), {e});
  }
  return "";
}

std::vector<Ty> baseTypes() {
  Ty i, f, s;
  i.kind = Ty::Int, f.kind = Ty::Float, s.kind = Ty::String;
  i.tag = "int", f.tag = "flt", s.tag = "str";
  i.classes = f.classes = NUM | ORD | CMP;
  s.classes = ORD | CMP;
  return {i, f, s};
}

static const char *const kUserKinds[] = {"Rec", "Code", "Point", "Temp", "Name"};

std::vector<std::string> userTypeNames(unsigned ntypes) {
  std::vector<std::string> out;
  for (unsigned i = 0; i < ntypes; ++i)
    out.push_back(std::string(kUserKinds[i % 5]) + std::to_string(i));
  return out;
}

Ty userType(const std::string &name) {
  Ty t;
  llvm::StringRef n(name);
  unsigned all = CMP | METHODS;
  if (n.starts_with("Rec"))
    t.kind = Ty::Rec, t.classes = all;
  else if (n.starts_with("Code"))
    t.kind = Ty::Code, t.classes = all | NUM | ORD;
  else if (n.starts_with("Point"))
    t.kind = Ty::Point, t.classes = all;
  else if (n.starts_with("Temp"))
    t.kind = Ty::Temp, t.classes = all | NUM | ORD;
  else
    t.kind = Ty::Name, t.classes = all | ORD;
  t.name = name;
  t.tag = n.lower();
  return t;
}

Ty itemType(unsigned module, bool own) {
  Ty t;
  t.kind = Ty::Item;
  char buf[16];
  std::snprintf(buf, sizeof buf, "Item%03u", module);
  t.name = buf;
  t.module = int(module);
  t.own = own;
  t.tag = own ? "item" : sfx(module) + "item";
  t.classes = CMP | METHODS;
  return t;
}

Ty sliceType(const Ty &elem) {
  Ty t;
  t.kind = Ty::Slice;
  t.elem.push_back(elem);
  t.tag = "sl_" + elem.tag;
  return t;
}

//===----------------------------------------------------------------------===//
// The generic functions of core
//===----------------------------------------------------------------------===//

// clang-format off
const std::vector<Template> kTemplates = {
    {"sum_of", NUM, false, true, -1},      {"max_of", ORD, false, true, -1},
    {"count_if", 0, false, false, 1},      {"insertion_sort", 0, false, false, -1},
    {"map_to", 0, false, false, -1},       {"reduce", 0, false, false, -1},
    {"less", ORD, true, false, -1},        {"index_of", CMP, false, true, -1},
    {"total_weight", WEIGHTED, false, true, 1}, {"clamp", ORD, false, true, -1},
    {"filter", 0, false, false, -1},       {"key_sum", KEYED, false, true, 0},
    {"dedup", CMP, false, true, -1},       {"min_of", ORD, false, true, -1},
    {"reverse", 0, false, true, -1},       {"zip_pairs", 0, false, true, -1},
    {"join_labels", LABELED, false, true, -1}, {"repeat", 0, false, true, -1},
    {"scale", NUM, false, true, -1},       {"is_sorted", 0, false, false, -1},
    {"contains", CMP, false, true, -1},
};
// clang-format on

std::vector<Generic> coreGenerics(unsigned n) {
  std::vector<Generic> out;
  for (unsigned i = 0; i < n; ++i) {
    const Template &t = kTemplates[i % kTemplates.size()];
    unsigned round = unsigned(i / kTemplates.size());
    std::string name = t.name;
    if (round > 0)
      name += "_v" + std::to_string(round + 1);
    out.push_back({&t, name, i});
  }
  return out;
}

bool applicable(const Generic &g, const Ty &ty) { return !g.t->need || (ty.classes & g.t->need); }

namespace {

/// The extra parameters of a signature-edited generic.
std::string padParams(const Workload &w, Lang L, const Generic &g) {
  auto it = w.state.pads.find(g.index);
  unsigned n = it == w.state.pads.end() ? 0 : it->second;
  std::string out;
  for (unsigned k = 1; k <= n; ++k)
    out += fmt(pick(L, ", pad$0 int", ", int64_t pad$0", ", pad$0: i64", ", pad$0 int"),
               {std::to_string(k)});
  return out;
}

std::string renderGenericCore(const Workload &w, Lang L) {
  std::vector<Generic> generics = coreGenerics(w.params.generics);
  Lines lines = splitLines(corePrelude(L));
  lines.push_back("");
  lines.push_back(fmt("// The generic functions ($0).", {std::to_string(generics.size())}));
  for (const Generic &g : generics) {
    const char *text = genericText(*g.t, L);
    std::string knob;
    if (g.t->knobBase >= 0) {
      auto it = w.state.knobBump.find(g.index);
      knob = std::to_string(g.t->knobBase + int(it == w.state.knobBump.end() ? 0 : it->second));
    }
    lines.push_back("");
    for (std::string &l : splitLines(fmt(text, {pubName(L, g.name), padParams(w, L, g), knob})))
      lines.push_back(std::move(l));
  }
  if (L == Lang::Cpp) {
    lines.push_back("");
    lines.push_back("} // namespace core");
  }
  return joinLines(lines);
}

} // namespace

Lines splitLines(std::string_view text) {
  Lines out;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      return out;
    }
    out.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

std::string joinLines(const Lines &lines) {
  std::string out;
  for (const std::string &l : lines)
    out += l, out += '\n';
  return out;
}

std::string padArgs(const Workload &w, Lang L, const Generic &g) {
  auto it = w.state.pads.find(g.index);
  unsigned n = it == w.state.pads.end() ? 0 : it->second;
  std::string out;
  for (unsigned k = 1; k <= n; ++k)
    out += ", " + std::to_string(k);
  return out;
}

void renderCore(const Workload &w, Lang L, std::map<std::string, std::string> &files) {
  std::string cppTypes;
  switch (L) {
  case Lang::Stencil:
    files["core.stn"] = renderGenericCore(w, L);
    files["types.stn"] = renderTypes(w, L, nullptr);
    return;
  case Lang::Cpp:
    files["rt.h"] = runtimeText(L);
    files["core.h"] = renderGenericCore(w, L);
    files["types.h"] = renderTypes(w, L, &cppTypes);
    files["types.cpp"] = cppTypes;
    return;
  case Lang::Rust:
    files["Cargo.toml"] =
        "# Generated by stencil-bench: the Rust peer of the workload.\n"
        "[package]\nname = \"workload\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n"
        "# Stencil's int wraps.\n[profile.dev]\noverflow-checks = false\n";
    files["src/rt.rs"] = runtimeText(L);
    files["src/core.rs"] = renderGenericCore(w, L);
    files["src/types.rs"] = renderTypes(w, L, nullptr);
    return;
  case Lang::Go:
    files["go.mod"] = "module wl\n\ngo 1.19\n";
    files["rt/rt.go"] = runtimeText(L);
    files["core/core.go"] = renderGenericCore(w, L);
    files["types/types.go"] = renderTypes(w, L, nullptr);
    return;
  }
}

} // namespace stencil::bench
