//===- WorkloadImpl.h - The workload generator's pieces --------*- C++ -*-===//
//
// Private to tools/stencil-bench: the random numbers, the type arguments and
// the generic functions of core, shared by the files that render core and
// types (WorkloadCore.cpp), the service modules and main
// (WorkloadModules.cpp) and the state and edits (Workload.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_BENCH_WORKLOADIMPL_H
#define STENCIL_BENCH_WORKLOADIMPL_H

#include "Workload.h"
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace stencil::bench {

using Lines = std::vector<std::string>;

/// splitmix64, seeded like benchmarks/gen_workload.py's Rng was, so the
/// sequence does not depend on the platform.
class Rng {
public:
  Rng(std::initializer_list<uint64_t> seeds);
  uint64_t next();
  uint64_t below(uint64_t n) { return next() % n; }
  int64_t between(int64_t lo, int64_t hi) { return lo + int64_t(below(uint64_t(hi - lo + 1))); }
  template <typename T> const T &choice(const std::vector<T> &xs) { return xs[below(xs.size())]; }
  /// An index into \p weights, drawn with those weights.
  size_t weighted(const std::vector<unsigned> &weights);
  /// Up to \p k elements of \p xs, drawn without replacement.
  template <typename T> std::vector<T> sample(std::vector<T> xs, size_t k) {
    std::vector<T> out;
    for (size_t i = 0, e = std::min(k, xs.size()); i < e; ++i) {
      size_t j = below(xs.size());
      out.push_back(xs[j]);
      xs.erase(xs.begin() + long(j));
    }
    return out;
  }

private:
  uint64_t state;
};

/// Substitutes $0..$9 in \p tpl with \p args ($$ is a dollar sign).
std::string fmt(std::string_view tpl, std::initializer_list<std::string_view> args = {});
/// The text for language \p L.
inline const char *pick(Lang L, const char *stn, const char *cpp, const char *rs, const char *go) {
  switch (L) {
  case Lang::Stencil:
    return stn;
  case Lang::Cpp:
    return cpp;
  case Lang::Rust:
    return rs;
  case Lang::Go:
    return go;
  }
  return stn;
}
/// `pkg.name` in each language (Go exports by capitalizing).
std::string qual(Lang L, std::string_view pkg, std::string_view name);
/// A public name as declared (Go: capitalized).
std::string pubName(Lang L, std::string_view name);
/// An int literal.
std::string intLit(Lang L, int64_t v);
/// A string literal.
std::string strLit(Lang L, std::string_view s);
/// `len(e)` as an int.
std::string lenOf(Lang L, std::string_view e);
/// `s` as a statement (a semicolon in C++ and Rust).
std::string stmt(Lang L, std::string_view s);

// Constraint classes a type argument satisfies (besides any).
enum : unsigned { NUM = 1, ORD = 2, CMP = 4, KEYED = 8, WEIGHTED = 16, LABELED = 32 };
constexpr unsigned METHODS = KEYED | WEIGHTED | LABELED;

/// A type argument: how it is written, a value of it, an int from it.
struct Ty {
  enum Kind { Int, Float, String, Rec, Code, Point, Temp, Name, Item, Slice } kind = Int;
  std::string name;     ///< user types: Rec0; items: Item005
  int module = -1;      ///< items: the module declaring it
  bool own = true;      ///< items: seen from the module itself
  std::vector<Ty> elem; ///< slices: the element (one)
  std::string tag;      ///< identifier-safe (helper names, the state file)
  unsigned classes = 0;

  std::string code(Lang L) const;
  std::string lit(Lang L, int64_t v) const;
  std::string toInt(Lang L, std::string_view e) const;
  /// Stencil's spelling: the key of the module's instances list.
  std::string key() const { return code(Lang::Stencil); }
};

std::vector<Ty> baseTypes();
std::vector<std::string> userTypeNames(unsigned ntypes);
Ty userType(const std::string &name);
Ty itemType(unsigned module, bool own);
Ty sliceType(const Ty &elem);

/// A generic function of core: a template under a name.
struct Template {
  const char *name;
  unsigned need;  ///< 0 (any) or one class
  bool valueOnly; ///< only used as a function value (never sig-edited)
  bool oneliner;  ///< `edit new-inst` may use it
  int knobBase;   ///< -1: no knob
};
extern const std::vector<Template> kTemplates;

struct Generic {
  const Template *t;
  std::string name;
  unsigned index;
};
std::vector<Generic> coreGenerics(unsigned n);
bool applicable(const Generic &g, const Ty &ty);

/// core's text (WorkloadText.cpp): a generic function ($0 name, $1 extra
/// parameters, $2 knob) and the constraints and generic types before them.
const char *genericText(const Template &t, Lang L);
const char *corePrelude(Lang L);
/// types (WorkloadTypes.cpp); C++ also gets types.cpp in *cppSource.
std::string renderTypes(const Workload &w, Lang L, std::string *cppSource);
/// The peers' runtime file (empty for Stencil).
const char *runtimeText(Lang L);
Lines splitLines(std::string_view text);
std::string joinLines(const Lines &lines);

/// The files of core and types (and the peers' runtime support).
void renderCore(const Workload &w, Lang L, std::map<std::string, std::string> &files);
/// The service modules and main.
void renderModules(const Workload &w, Lang L, std::map<std::string, std::string> &files);

/// The service modules module \p mod imports (lower-numbered).
std::vector<unsigned> moduleDeps(unsigned mod, uint64_t seed);
/// Keys (Stencil spelling, "sum_of[int]") of the instances module \p mod uses
/// at generation, and the number of its slots.
struct ModuleInfo {
  std::vector<std::string> uses;
  unsigned slots = 2;
};
ModuleInfo moduleInfo(const Workload &w, unsigned mod);
/// One statement calling \p g at \p ty on literals (new-inst); empty when g has no such form.
std::string oneliner(const Workload &w, Lang L, const Generic &g, const Ty &ty, int64_t v);
/// The type argument a Fill names.
Ty typeByTag(const Workload &w, unsigned module, const std::string &tag);
/// The pads of a generic, as call arguments (", 1, 2").
std::string padArgs(const Workload &w, Lang L, const Generic &g);

/// main, and the header of a C++ service module (WorkloadMain.cpp).
std::string renderMain(const Workload &w, Lang L);
std::string cppServiceHeader(const Workload &w, unsigned mod);
/// The result type and value of tag_sNNN() (cycled by iface edits).
std::pair<std::string, std::string> tagOf(const Workload &w, Lang L, unsigned mod);

/// The language's file name of service module NNN and of its directory.
std::string sfx(unsigned mod);

} // namespace stencil::bench

#endif
