//===- WorkloadCore.cpp - core, types and the peers' runtime --------------===//
//
// The shared pieces of the generator (random numbers, type arguments, the
// generic functions of core) and the files that do not depend on the service
// modules: core (constraints, generic types with methods, G generic
// functions), types (T user types with key(), weight(), label()) and, for the
// peers, a few lines of runtime (str, println) and the build manifests.
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

std::string intLit(Lang L, int64_t v) {
  return std::to_string(v) + pick(L, "", "L", "i64", "");
}

std::string strLit(Lang L, std::string_view s) {
  std::string q = "\"" + std::string(s) + "\"";
  return fmt(pick(L, "$0", "std::string($0)", "String::from($0)", "$0"), {q});
}

std::string lenOf(Lang L, std::string_view e) {
  return fmt(pick(L, "len($0)", "int64_t(($0).size())", "(($0).len() as i64)", "len($0)"), {e});
}

std::string stmt(Lang L, std::string_view s) {
  return std::string(s) + pick(L, "", ";", ";", "");
}

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
    return fmt(pick(L, "len($0)", "int64_t(($0).v.size())", "(($0).0.len() as i64)", "len($0)"), {e});
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

/// A generic function's text in each language: $0 its name, $1 the extra
/// parameters (signature edits), $2 its knob (body edits).
struct TemplateText {
  const char *name, *stn, *cpp, *rs, *go;
};

// clang-format off
const TemplateText kTexts[] = {
{"sum_of",
R"(pub fn $0[T Number](xs []T$1) T {
    var total T
    for x in xs {
        total += x
    }
    return total
})",
R"(template <class T> T $0(const std::vector<T> &xs$1) {
  T total{};
  for (const T &x : xs)
    total += x;
  return total;
})",
R"(pub fn $0<T: Number>(xs: &[T]$1) -> T {
    let mut total = T::default();
    for x in xs.iter() {
        total += *x;
    }
    total
})",
R"(func $0[T Number](xs []T$1) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
})"},
{"max_of",
R"(pub fn $0[T Ordered](xs []T, init T$1) T {
    best := init
    for x in xs {
        if x > best {
            best = x
        }
    }
    return best
})",
R"(template <class T> T $0(const std::vector<T> &xs, T init$1) {
  T best = init;
  for (const T &x : xs)
    if (x > best)
      best = x;
  return best;
})",
R"(pub fn $0<T: Ordered>(xs: &[T], init: T$1) -> T {
    let mut best = init;
    for x in xs.iter() {
        if *x > best {
            best = x.clone();
        }
    }
    best
})",
R"(func $0[T Ordered](xs []T, init T$1) T {
	best := init
	for _, x := range xs {
		if x > best {
			best = x
		}
	}
	return best
})"},
{"count_if",
R"(pub fn $0[T any](xs []T, pred fn(T) bool$1) int {
    n := 0
    for x in xs {
        if pred(x) {
            n += $2 // knob
        }
    }
    return n
})",
R"(template <class T> int64_t $0(const std::vector<T> &xs, bool (*pred)(T)$1) {
  int64_t n = 0;
  for (const T &x : xs)
    if (pred(x))
      n += $2; // knob
  return n;
})",
R"(pub fn $0<T: Clone>(xs: &[T], pred: fn(T) -> bool$1) -> i64 {
    let mut n = 0i64;
    for x in xs.iter() {
        if pred(x.clone()) {
            n += $2; // knob
        }
    }
    n
})",
R"(func $0[T any](xs []T, pred func(T) bool$1) int {
	n := 0
	for _, x := range xs {
		if pred(x) {
			n += $2 // knob
		}
	}
	return n
})"},
{"insertion_sort",
R"(pub fn $0[T any](xs []T, less fn(T, T) bool$1) {
    for i in 1..len(xs) {
        v := xs[i]
        j := i - 1
        while j >= 0 && less(v, xs[j]) {
            xs[j + 1] = xs[j]
            j -= 1
        }
        xs[j + 1] = v
    }
})",
R"(template <class T> void $0(std::vector<T> &xs, bool (*less)(T, T)$1) {
  for (int64_t i = 1; i < int64_t(xs.size()); ++i) {
    T v = xs[i];
    int64_t j = i - 1;
    while (j >= 0 && less(v, xs[j])) {
      xs[j + 1] = xs[j];
      j -= 1;
    }
    xs[j + 1] = v;
  }
})",
R"(pub fn $0<T: Clone>(xs: &mut [T], less: fn(T, T) -> bool$1) {
    for i in 1..xs.len() {
        let v = xs[i].clone();
        let mut j = i as i64 - 1;
        while j >= 0 && less(v.clone(), xs[j as usize].clone()) {
            xs[(j + 1) as usize] = xs[j as usize].clone();
            j -= 1;
        }
        xs[(j + 1) as usize] = v;
    }
})",
R"(func $0[T any](xs []T, less func(T, T) bool$1) {
	for i := 1; i < len(xs); i++ {
		v := xs[i]
		j := i - 1
		for j >= 0 && less(v, xs[j]) {
			xs[j+1] = xs[j]
			j -= 1
		}
		xs[j+1] = v
	}
})"},
{"map_to",
R"(pub fn $0[T, U any](xs []T, f fn(T) U$1) []U {
    out := make([]U, len(xs))
    for i, x in xs {
        out[i] = f(x)
    }
    return out
})",
R"(template <class T, class U> std::vector<U> $0(const std::vector<T> &xs, U (*f)(T)$1) {
  std::vector<U> out(xs.size());
  for (size_t i = 0; i < xs.size(); ++i)
    out[i] = f(xs[i]);
  return out;
})",
R"(pub fn $0<T: Clone, U>(xs: &[T], f: fn(T) -> U$1) -> Vec<U> {
    let mut out = Vec::with_capacity(xs.len());
    for x in xs.iter() {
        out.push(f(x.clone()));
    }
    out
})",
R"(func $0[T, U any](xs []T, f func(T) U$1) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
})"},
{"reduce",
R"(pub fn $0[T, A any](xs []T, init A, f fn(A, T) A$1) A {
    acc := init
    for x in xs {
        acc = f(acc, x)
    }
    return acc
})",
R"(template <class T, class A> A $0(const std::vector<T> &xs, A init, A (*f)(A, T)$1) {
  A acc = init;
  for (const T &x : xs)
    acc = f(acc, x);
  return acc;
})",
R"(pub fn $0<T: Clone, A>(xs: &[T], init: A, f: fn(A, T) -> A$1) -> A {
    let mut acc = init;
    for x in xs.iter() {
        acc = f(acc, x.clone());
    }
    acc
})",
R"(func $0[T, A any](xs []T, init A, f func(A, T) A$1) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
})"},
{"less",
R"(pub fn $0[T Ordered](a T, b T$1) bool { return a < b })",
R"(template <class T> bool $0(T a, T b$1) { return a < b; })",
R"(pub fn $0<T: Ordered>(a: T, b: T$1) -> bool { a < b })",
R"(func $0[T Ordered](a T, b T$1) bool { return a < b })"},
{"index_of",
R"(pub fn $0[T comparable](xs []T, v T$1) int {
    for i, x in xs {
        if x == v {
            return i
        }
    }
    return -1
})",
R"(template <class T> int64_t $0(const std::vector<T> &xs, T v$1) {
  for (size_t i = 0; i < xs.size(); ++i)
    if (xs[i] == v)
      return int64_t(i);
  return -1;
})",
R"(pub fn $0<T: PartialEq>(xs: &[T], v: T$1) -> i64 {
    for (i, x) in xs.iter().enumerate() {
        if *x == v {
            return i as i64;
        }
    }
    -1
})",
R"(func $0[T comparable](xs []T, v T$1) int {
	for i, x := range xs {
		if x == v {
			return i
		}
	}
	return -1
})"},
{"total_weight",
R"(pub fn $0[T Weighted](xs []T$1) int {
    w := 0
    for x in xs {
        w += x.weight() * $2 // knob
    }
    return w
})",
R"(template <class T> int64_t $0(const std::vector<T> &xs$1) {
  int64_t w = 0;
  for (const T &x : xs)
    w += x.weight() * $2; // knob
  return w;
})",
R"(pub fn $0<T: Weighted>(xs: &[T]$1) -> i64 {
    let mut w = 0i64;
    for x in xs.iter() {
        w += x.weight() * $2; // knob
    }
    w
})",
R"(func $0[T Weighted](xs []T$1) int {
	w := 0
	for _, x := range xs {
		w += x.Weight() * $2 // knob
	}
	return w
})"},
{"clamp",
R"(pub fn $0[T Ordered](v T, lo T, hi T$1) T {
    if v < lo {
        return lo
    }
    if v > hi {
        return hi
    }
    return v
})",
R"(template <class T> T $0(T v, T lo, T hi$1) {
  if (v < lo)
    return lo;
  if (v > hi)
    return hi;
  return v;
})",
R"(pub fn $0<T: Ordered>(v: T, lo: T, hi: T$1) -> T {
    if v < lo {
        return lo;
    }
    if v > hi {
        return hi;
    }
    v
})",
R"(func $0[T Ordered](v T, lo T, hi T$1) T {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
})"},
{"filter",
R"(pub fn $0[T any](xs []T, keep fn(T) bool$1) []T {
    var out []T
    for x in xs {
        if keep(x) {
            out = append(out, x)
        }
    }
    return out
})",
R"(template <class T> std::vector<T> $0(const std::vector<T> &xs, bool (*keep)(T)$1) {
  std::vector<T> out;
  for (const T &x : xs)
    if (keep(x))
      out.push_back(x);
  return out;
})",
R"(pub fn $0<T: Clone>(xs: &[T], keep: fn(T) -> bool$1) -> Vec<T> {
    let mut out = Vec::new();
    for x in xs.iter() {
        if keep(x.clone()) {
            out.push(x.clone());
        }
    }
    out
})",
R"(func $0[T any](xs []T, keep func(T) bool$1) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
})"},
{"key_sum",
R"(pub fn $0[T Keyed](xs []T$1) int {
    s := 0
    for x in xs {
        s += x.key() + $2 // knob
    }
    return s
})",
R"(template <class T> int64_t $0(const std::vector<T> &xs$1) {
  int64_t s = 0;
  for (const T &x : xs)
    s += x.key() + $2; // knob
  return s;
})",
R"(pub fn $0<T: Keyed>(xs: &[T]$1) -> i64 {
    let mut s = 0i64;
    for x in xs.iter() {
        s += x.key() + $2; // knob
    }
    s
})",
R"(func $0[T Keyed](xs []T$1) int {
	s := 0
	for _, x := range xs {
		s += x.Key() + $2 // knob
	}
	return s
})"},
{"dedup",
R"(pub fn $0[T comparable](xs []T$1) []T {
    var out []T
    for x in xs {
        seen := false
        for y in out {
            if y == x {
                seen = true
            }
        }
        if !seen {
            out = append(out, x)
        }
    }
    return out
})",
R"(template <class T> std::vector<T> $0(const std::vector<T> &xs$1) {
  std::vector<T> out;
  for (const T &x : xs) {
    bool seen = false;
    for (const T &y : out)
      if (y == x)
        seen = true;
    if (!seen)
      out.push_back(x);
  }
  return out;
})",
R"(pub fn $0<T: PartialEq + Clone>(xs: &[T]$1) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in xs.iter() {
        let mut seen = false;
        for y in out.iter() {
            if *y == *x {
                seen = true;
            }
        }
        if !seen {
            out.push(x.clone());
        }
    }
    out
})",
R"(func $0[T comparable](xs []T$1) []T {
	var out []T
	for _, x := range xs {
		seen := false
		for _, y := range out {
			if y == x {
				seen = true
			}
		}
		if !seen {
			out = append(out, x)
		}
	}
	return out
})"},
{"min_of",
R"(pub fn $0[T Ordered](xs []T, init T$1) T {
    best := init
    for x in xs {
        if x < best {
            best = x
        }
    }
    return best
})",
R"(template <class T> T $0(const std::vector<T> &xs, T init$1) {
  T best = init;
  for (const T &x : xs)
    if (x < best)
      best = x;
  return best;
})",
R"(pub fn $0<T: Ordered>(xs: &[T], init: T$1) -> T {
    let mut best = init;
    for x in xs.iter() {
        if *x < best {
            best = x.clone();
        }
    }
    best
})",
R"(func $0[T Ordered](xs []T, init T$1) T {
	best := init
	for _, x := range xs {
		if x < best {
			best = x
		}
	}
	return best
})"},
{"reverse",
R"(pub fn $0[T any](xs []T$1) []T {
    out := make([]T, len(xs))
    for i, x in xs {
        out[len(xs) - 1 - i] = x
    }
    return out
})",
R"(template <class T> std::vector<T> $0(const std::vector<T> &xs$1) {
  std::vector<T> out(xs.size());
  for (size_t i = 0; i < xs.size(); ++i)
    out[xs.size() - 1 - i] = xs[i];
  return out;
})",
R"(pub fn $0<T: Clone>(xs: &[T]$1) -> Vec<T> {
    let mut out = xs.to_vec();
    for (i, x) in xs.iter().enumerate() {
        out[xs.len() - 1 - i] = x.clone();
    }
    out
})",
R"(func $0[T any](xs []T$1) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
})"},
{"zip_pairs",
R"(pub fn $0[K, V any](ks []K, vs []V$1) []Pair[K, V] {
    n := len(ks)
    if len(vs) < n {
        n = len(vs)
    }
    out := make([]Pair[K, V], n)
    for i in 0..n {
        out[i] = Pair[K, V]{first: ks[i], second: vs[i]}
    }
    return out
})",
R"(template <class K, class V> std::vector<Pair<K, V>> $0(const std::vector<K> &ks, const std::vector<V> &vs$1) {
  size_t n = ks.size();
  if (vs.size() < n)
    n = vs.size();
  std::vector<Pair<K, V>> out(n);
  for (size_t i = 0; i < n; ++i)
    out[i] = Pair<K, V>{ks[i], vs[i]};
  return out;
})",
R"(pub fn $0<K: Clone, V: Clone>(ks: &[K], vs: &[V]$1) -> Vec<Pair<K, V>> {
    let mut n = ks.len();
    if vs.len() < n {
        n = vs.len();
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(Pair { first: ks[i].clone(), second: vs[i].clone() });
    }
    out
})",
R"(func $0[K, V any](ks []K, vs []V$1) []Pair[K, V] {
	n := len(ks)
	if len(vs) < n {
		n = len(vs)
	}
	out := make([]Pair[K, V], n)
	for i := 0; i < n; i++ {
		out[i] = Pair[K, V]{First: ks[i], Second: vs[i]}
	}
	return out
})"},
{"join_labels",
R"(pub fn $0[T Labeled](xs []T$1) string {
    out := ""
    for i, x in xs {
        if i > 0 {
            out += ","
        }
        out += x.label()
    }
    return out
})",
R"(template <class T> std::string $0(const std::vector<T> &xs$1) {
  std::string out;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i > 0)
      out += ",";
    out += xs[i].label();
  }
  return out;
})",
R"(pub fn $0<T: Labeled>(xs: &[T]$1) -> String {
    let mut out = String::new();
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out += ",";
        }
        out += &x.label();
    }
    out
})",
R"(func $0[T Labeled](xs []T$1) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ","
		}
		out += x.Label()
	}
	return out
})"},
{"repeat",
R"(pub fn $0[T any](v T, n int$1) []T {
    out := make([]T, n)
    for i in 0..n {
        out[i] = v
    }
    return out
})",
R"(template <class T> std::vector<T> $0(T v, int64_t n$1) {
  std::vector<T> out(size_t(n));
  for (int64_t i = 0; i < n; ++i)
    out[size_t(i)] = v;
  return out;
})",
R"(pub fn $0<T: Clone>(v: T, n: i64$1) -> Vec<T> {
    let mut out = Vec::with_capacity(n as usize);
    for _i in 0..n {
        out.push(v.clone());
    }
    out
})",
R"(func $0[T any](v T, n int$1) []T {
	out := make([]T, n)
	for i := 0; i < n; i++ {
		out[i] = v
	}
	return out
})"},
{"scale",
R"(pub fn $0[T Number](xs []T, k T$1) []T {
    out := make([]T, len(xs))
    for i, x in xs {
        out[i] = x * k
    }
    return out
})",
R"(template <class T> std::vector<T> $0(const std::vector<T> &xs, T k$1) {
  std::vector<T> out(xs.size());
  for (size_t i = 0; i < xs.size(); ++i)
    out[i] = xs[i] * k;
  return out;
})",
R"(pub fn $0<T: Number>(xs: &[T], k: T$1) -> Vec<T> {
    let mut out = Vec::with_capacity(xs.len());
    for x in xs.iter() {
        out.push(*x * k);
    }
    out
})",
R"(func $0[T Number](xs []T, k T$1) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = x * k
	}
	return out
})"},
{"is_sorted",
R"(pub fn $0[T any](xs []T, less fn(T, T) bool$1) bool {
    for i in 1..len(xs) {
        if less(xs[i], xs[i - 1]) {
            return false
        }
    }
    return true
})",
R"(template <class T> bool $0(const std::vector<T> &xs, bool (*less)(T, T)$1) {
  for (size_t i = 1; i < xs.size(); ++i)
    if (less(xs[i], xs[i - 1]))
      return false;
  return true;
})",
R"(pub fn $0<T: Clone>(xs: &[T], less: fn(T, T) -> bool$1) -> bool {
    for i in 1..xs.len() {
        if less(xs[i].clone(), xs[i - 1].clone()) {
            return false;
        }
    }
    true
})",
R"(func $0[T any](xs []T, less func(T, T) bool$1) bool {
	for i := 1; i < len(xs); i++ {
		if less(xs[i], xs[i-1]) {
			return false
		}
	}
	return true
})"},
{"contains",
R"(pub fn $0[T comparable](xs []T, v T$1) bool {
    for x in xs {
        if x == v {
            return true
        }
    }
    return false
})",
R"(template <class T> bool $0(const std::vector<T> &xs, T v$1) {
  for (const T &x : xs)
    if (x == v)
      return true;
  return false;
})",
R"(pub fn $0<T: PartialEq>(xs: &[T], v: T$1) -> bool {
    for x in xs.iter() {
        if *x == v {
            return true;
        }
    }
    false
})",
R"(func $0[T comparable](xs []T, v T$1) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
})"},
};
// clang-format on

const TemplateText &textOf(const Template &t) {
  for (const TemplateText &x : kTexts)
    if (llvm::StringRef(x.name) == t.name)
      return x;
  assert(false && "a template without text");
  return kTexts[0];
}

const char *kCorePrelude[] = {
    // Stencil
    R"(// core: the workload's generic code, used by every service module.
// Generated by stencil-bench; do not edit by hand.

pub interface Number { ~int | ~float }
pub interface Ordered { ~int | ~float | ~string }
pub interface Keyed { comparable; fn key() int }
pub interface Weighted { fn weight() int }
pub interface Labeled { fn label() string }

pub type Pair[K, V any] struct { first K; second V }

// A stack; the receiver is passed by reference, so push and pop change it.
pub type Stack[T any] struct { items []T }
pub fn (s Stack[T]) push(v T) { s.items = append(s.items, v) }
pub fn (s Stack[T]) pop() T {
    v := s.items[len(s.items) - 1]
    s.items = s.items[:len(s.items) - 1]
    return v
}
pub fn (s Stack[T]) peek() T { return s.items[len(s.items) - 1] }
pub fn (s Stack[T]) size() int { return len(s.items) }
pub fn (s Stack[T]) empty() bool { return len(s.items) == 0 }

// A list with a modification counter.
pub type List[T any] struct { items []T; version int }
pub fn (l List[T]) add(v T) {
    l.items = append(l.items, v)
    l.version += 1
}
pub fn (l List[T]) get(i int) T { return l.items[i] }
pub fn (l List[T]) set(i int, v T) {
    l.items[i] = v
    l.version += 1
}
pub fn (l List[T]) len() int { return len(l.items) }
pub fn (l List[T]) last() T { return l.items[len(l.items) - 1] }

// An association list: linear search on comparable keys.
pub type AssocList[K comparable, V any] struct { keys []K; vals []V }
pub fn (a AssocList[K, V]) find(k K) int {
    for i, x in a.keys {
        if x == k {
            return i
        }
    }
    return -1
}
pub fn (a AssocList[K, V]) put(k K, v V) {
    i := a.find(k)
    if i >= 0 {
        a.vals[i] = v
        return
    }
    a.keys = append(a.keys, k)
    a.vals = append(a.vals, v)
}
pub fn (a AssocList[K, V]) get(k K, missing V) V {
    i := a.find(k)
    if i < 0 {
        return missing
    }
    return a.vals[i]
}
pub fn (a AssocList[K, V]) has(k K) bool { return a.find(k) >= 0 }
pub fn (a AssocList[K, V]) size() int { return len(a.keys) }

// A hash map with separate chaining on Keyed keys (buckets must be made
// non-empty by the user: HashMap[K, V]{buckets: make([][]Pair[K, V], 8)}).
pub type HashMap[K Keyed, V any] struct { buckets [][]Pair[K, V]; count int }
pub fn (m HashMap[K, V]) slot(k K) int {
    h := k.key() % len(m.buckets)
    if h < 0 {
        h += len(m.buckets)
    }
    return h
}
pub fn (m HashMap[K, V]) put(k K, v V) {
    b := m.slot(k)
    for i, p in m.buckets[b] {
        if p.first == k {
            m.buckets[b][i].second = v
            return
        }
    }
    m.buckets[b] = append(m.buckets[b], Pair[K, V]{first: k, second: v})
    m.count += 1
}
pub fn (m HashMap[K, V]) get(k K, missing V) V {
    for p in m.buckets[m.slot(k)] {
        if p.first == k {
            return p.second
        }
    }
    return missing
}
pub fn (m HashMap[K, V]) has(k K) bool {
    for p in m.buckets[m.slot(k)] {
        if p.first == k {
            return true
        }
    }
    return false
}
pub fn (m HashMap[K, V]) size() int { return m.count })",
    // C++
    R"(// core: the workload's generic code, used by every service module.
// Generated by stencil-bench; do not edit by hand.
#pragma once
#include "rt.h"

namespace core {

template <class K, class V> struct Pair {
  K first;
  V second;
  bool operator==(const Pair &o) const { return first == o.first && second == o.second; }
};

// A stack.
template <class T> struct Stack {
  std::vector<T> items;
  void push(T v) { items.push_back(v); }
  T pop() {
    T v = items[items.size() - 1];
    items.pop_back();
    return v;
  }
  T peek() const { return items[items.size() - 1]; }
  int64_t size() const { return int64_t(items.size()); }
  bool empty() const { return items.empty(); }
};

// A list with a modification counter.
template <class T> struct List {
  std::vector<T> items;
  int64_t version = 0;
  void add(T v) {
    items.push_back(v);
    version += 1;
  }
  T get(int64_t i) const { return items[size_t(i)]; }
  void set(int64_t i, T v) {
    items[size_t(i)] = v;
    version += 1;
  }
  int64_t len() const { return int64_t(items.size()); }
  T last() const { return items[items.size() - 1]; }
};

// An association list: linear search on comparable keys.
template <class K, class V> struct AssocList {
  std::vector<K> keys;
  std::vector<V> vals;
  int64_t find(const K &k) const {
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == k)
        return int64_t(i);
    return -1;
  }
  void put(K k, V v) {
    int64_t i = find(k);
    if (i >= 0) {
      vals[size_t(i)] = v;
      return;
    }
    keys.push_back(k);
    vals.push_back(v);
  }
  V get(K k, V missing) const {
    int64_t i = find(k);
    if (i < 0)
      return missing;
    return vals[size_t(i)];
  }
  bool has(K k) const { return find(k) >= 0; }
  int64_t size() const { return int64_t(keys.size()); }
};

// A hash map with separate chaining on Keyed keys.
template <class K, class V> struct HashMap {
  std::vector<std::vector<Pair<K, V>>> buckets;
  int64_t count = 0;
  int64_t slot(const K &k) const {
    int64_t h = k.key() % int64_t(buckets.size());
    if (h < 0)
      h += int64_t(buckets.size());
    return h;
  }
  void put(K k, V v) {
    auto &b = buckets[size_t(slot(k))];
    for (size_t i = 0; i < b.size(); ++i)
      if (b[i].first == k) {
        b[i].second = v;
        return;
      }
    b.push_back(Pair<K, V>{k, v});
    count += 1;
  }
  V get(K k, V missing) const {
    for (const auto &p : buckets[size_t(slot(k))])
      if (p.first == k)
        return p.second;
    return missing;
  }
  bool has(K k) const {
    for (const auto &p : buckets[size_t(slot(k))])
      if (p.first == k)
        return true;
    return false;
  }
  int64_t size() const { return count; }
};)",
    // Rust
    R"(// core: the workload's generic code, used by every service module.
// Generated by stencil-bench; do not edit by hand.

pub trait Number: Copy + Default + PartialOrd + std::ops::Add<Output = Self> + std::ops::AddAssign + std::ops::Mul<Output = Self> {}
impl Number for i64 {}
impl Number for f64 {}
pub trait Ordered: Clone + PartialOrd {}
impl Ordered for i64 {}
impl Ordered for f64 {}
impl Ordered for String {}
pub trait Keyed: Clone + PartialEq { fn key(&self) -> i64; }
pub trait Weighted: Clone { fn weight(&self) -> i64; }
pub trait Labeled: Clone { fn label(&self) -> String; }

#[derive(Clone, PartialEq)]
pub struct Pair<K, V> { pub first: K, pub second: V }

// A stack.
pub struct Stack<T> { pub items: Vec<T> }
impl<T> Default for Stack<T> { fn default() -> Self { Stack { items: Vec::new() } } }
impl<T: Clone> Stack<T> {
    pub fn push(&mut self, v: T) { self.items.push(v); }
    pub fn pop(&mut self) -> T { self.items.pop().unwrap() }
    pub fn peek(&self) -> T { self.items[self.items.len() - 1].clone() }
    pub fn size(&self) -> i64 { self.items.len() as i64 }
    pub fn empty(&self) -> bool { self.items.is_empty() }
}

// A list with a modification counter.
pub struct List<T> { pub items: Vec<T>, pub version: i64 }
impl<T> Default for List<T> { fn default() -> Self { List { items: Vec::new(), version: 0 } } }
impl<T: Clone> List<T> {
    pub fn add(&mut self, v: T) {
        self.items.push(v);
        self.version += 1;
    }
    pub fn get(&self, i: i64) -> T { self.items[i as usize].clone() }
    pub fn set(&mut self, i: i64, v: T) {
        self.items[i as usize] = v;
        self.version += 1;
    }
    pub fn len(&self) -> i64 { self.items.len() as i64 }
    pub fn last(&self) -> T { self.items[self.items.len() - 1].clone() }
}

// An association list: linear search on comparable keys.
pub struct AssocList<K, V> { pub keys: Vec<K>, pub vals: Vec<V> }
impl<K, V> Default for AssocList<K, V> { fn default() -> Self { AssocList { keys: Vec::new(), vals: Vec::new() } } }
impl<K: PartialEq + Clone, V: Clone> AssocList<K, V> {
    pub fn find(&self, k: &K) -> i64 {
        for (i, x) in self.keys.iter().enumerate() {
            if *x == *k {
                return i as i64;
            }
        }
        -1
    }
    pub fn put(&mut self, k: K, v: V) {
        let i = self.find(&k);
        if i >= 0 {
            self.vals[i as usize] = v;
            return;
        }
        self.keys.push(k);
        self.vals.push(v);
    }
    pub fn get(&self, k: K, missing: V) -> V {
        let i = self.find(&k);
        if i < 0 {
            return missing;
        }
        self.vals[i as usize].clone()
    }
    pub fn has(&self, k: K) -> bool { self.find(&k) >= 0 }
    pub fn size(&self) -> i64 { self.keys.len() as i64 }
}

// A hash map with separate chaining on Keyed keys.
pub struct HashMap<K, V> { pub buckets: Vec<Vec<Pair<K, V>>>, pub count: i64 }
impl<K: Keyed, V: Clone> HashMap<K, V> {
    pub fn slot(&self, k: &K) -> usize {
        let mut h = k.key() % (self.buckets.len() as i64);
        if h < 0 {
            h += self.buckets.len() as i64;
        }
        h as usize
    }
    pub fn put(&mut self, k: K, v: V) {
        let b = self.slot(&k);
        for p in self.buckets[b].iter_mut() {
            if p.first == k {
                p.second = v;
                return;
            }
        }
        self.buckets[b].push(Pair { first: k, second: v });
        self.count += 1;
    }
    pub fn get(&self, k: K, missing: V) -> V {
        for p in self.buckets[self.slot(&k)].iter() {
            if p.first == k {
                return p.second.clone();
            }
        }
        missing
    }
    pub fn has(&self, k: K) -> bool {
        for p in self.buckets[self.slot(&k)].iter() {
            if p.first == k {
                return true;
            }
        }
        false
    }
    pub fn size(&self) -> i64 { self.count }
})",
    // Go
    R"(// core: the workload's generic code, used by every service module.
// Generated by stencil-bench; do not edit by hand.

package core

type Number interface{ ~int | ~float64 }
type Ordered interface{ ~int | ~float64 | ~string }
type Keyed interface {
	comparable
	Key() int
}
type Weighted interface{ Weight() int }
type Labeled interface{ Label() string }

type Pair[K, V any] struct {
	First  K
	Second V
}

// A stack; pointer receivers, so Push and Pop change it.
type Stack[T any] struct{ Items []T }

func (s *Stack[T]) Push(v T) { s.Items = append(s.Items, v) }
func (s *Stack[T]) Pop() T {
	v := s.Items[len(s.Items)-1]
	s.Items = s.Items[:len(s.Items)-1]
	return v
}
func (s *Stack[T]) Peek() T    { return s.Items[len(s.Items)-1] }
func (s *Stack[T]) Size() int  { return len(s.Items) }
func (s *Stack[T]) Empty() bool { return len(s.Items) == 0 }

// A list with a modification counter.
type List[T any] struct {
	Items   []T
	Version int
}

func (l *List[T]) Add(v T) {
	l.Items = append(l.Items, v)
	l.Version += 1
}
func (l *List[T]) Get(i int) T { return l.Items[i] }
func (l *List[T]) Set(i int, v T) {
	l.Items[i] = v
	l.Version += 1
}
func (l *List[T]) Len() int  { return len(l.Items) }
func (l *List[T]) Last() T   { return l.Items[len(l.Items)-1] }

// An association list: linear search on comparable keys.
type AssocList[K comparable, V any] struct {
	Keys []K
	Vals []V
}

func (a *AssocList[K, V]) Find(k K) int {
	for i, x := range a.Keys {
		if x == k {
			return i
		}
	}
	return -1
}
func (a *AssocList[K, V]) Put(k K, v V) {
	i := a.Find(k)
	if i >= 0 {
		a.Vals[i] = v
		return
	}
	a.Keys = append(a.Keys, k)
	a.Vals = append(a.Vals, v)
}
func (a *AssocList[K, V]) Get(k K, missing V) V {
	i := a.Find(k)
	if i < 0 {
		return missing
	}
	return a.Vals[i]
}
func (a *AssocList[K, V]) Has(k K) bool { return a.Find(k) >= 0 }
func (a *AssocList[K, V]) Size() int    { return len(a.Keys) }

// A hash map with separate chaining on Keyed keys.
type HashMap[K Keyed, V any] struct {
	Buckets [][]Pair[K, V]
	Count   int
}

func (m *HashMap[K, V]) Slot(k K) int {
	h := k.Key() % len(m.Buckets)
	if h < 0 {
		h += len(m.Buckets)
	}
	return h
}
func (m *HashMap[K, V]) Put(k K, v V) {
	b := m.Slot(k)
	for i, p := range m.Buckets[b] {
		if p.First == k {
			m.Buckets[b][i].Second = v
			return
		}
	}
	m.Buckets[b] = append(m.Buckets[b], Pair[K, V]{First: k, Second: v})
	m.Count += 1
}
func (m *HashMap[K, V]) Get(k K, missing V) V {
	for _, p := range m.Buckets[m.Slot(k)] {
		if p.First == k {
			return p.Second
		}
	}
	return missing
}
func (m *HashMap[K, V]) Has(k K) bool {
	for _, p := range m.Buckets[m.Slot(k)] {
		if p.First == k {
			return true
		}
	}
	return false
}
func (m *HashMap[K, V]) Size() int { return m.Count })",
};

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
  Lines lines = splitLines(kCorePrelude[int(L)]);
  lines.push_back("");
  lines.push_back(fmt(pick(L, "// The generic functions ($0).", "// The generic functions ($0).",
                           "// The generic functions ($0).", "// The generic functions ($0)."),
                      {std::to_string(generics.size())}));
  for (const Generic &g : generics) {
    const TemplateText &t = textOf(*g.t);
    const char *text = pick(L, t.stn, t.cpp, t.rs, t.go);
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

//===----------------------------------------------------------------------===//
// types
//===----------------------------------------------------------------------===//

std::string renderTypes(const Workload &w, Lang L, std::string *cppSource) {
  Lines lines, src;
  switch (L) {
  case Lang::Stencil:
    lines = {"// types: the workload's user types, each with key(), weight() and label().",
             "// Generated by stencil-bench; do not edit by hand."};
    break;
  case Lang::Cpp:
    lines = {"// types: the workload's user types, each with key(), weight() and label().",
             "// Generated by stencil-bench; do not edit by hand.", "#pragma once",
             "#include \"rt.h\"", "", "namespace types {"};
    src = {"// Generated by stencil-bench; do not edit by hand.", "#include \"types.h\"", "",
           "namespace types {"};
    break;
  case Lang::Rust:
    lines = {"// types: the workload's user types, each with key(), weight() and label().",
             "// Generated by stencil-bench; do not edit by hand.",
             "use crate::core::{Keyed, Labeled, Weighted};", "use crate::rt;", "",
             "macro_rules! num_ops {",
             "    ($t:ident) => {",
             "        impl std::ops::Add for $t { type Output = $t; fn add(self, o: $t) -> $t { $t(self.0 + o.0) } }",
             "        impl std::ops::AddAssign for $t { fn add_assign(&mut self, o: $t) { self.0 = self.0 + o.0; } }",
             "        impl std::ops::Mul for $t { type Output = $t; fn mul(self, o: $t) -> $t { $t(self.0 * o.0) } }",
             "        impl crate::core::Number for $t {}",
             "        impl crate::core::Ordered for $t {}",
             "    };",
             "}"};
    break;
  case Lang::Go:
    lines = {"// types: the workload's user types, each with Key(), Weight() and Label().",
             "// Generated by stencil-bench; do not edit by hand.", "", "package types", "",
             "import \"wl/rt\"", "", "var _ = rt.Str", "", "// Touch keeps an import used.",
             "func Touch() {}"};
    break;
  }
  std::vector<std::string> names = userTypeNames(w.params.types);
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string &n = names[i];
    std::string k = std::to_string(3 + i % 7);
    Ty ty = userType(n);
    lines.push_back("");
    auto add = [&](const char *stn, const char *cpp, const char *rs, const char *go) {
      for (std::string &l : splitLines(fmt(pick(L, stn, cpp, rs, go), {n, k})))
        lines.push_back(std::move(l));
    };
    auto addSrc = [&](const char *cpp) {
      for (std::string &l : splitLines(fmt(cpp, {n, k})))
        src.push_back(std::move(l));
    };
    switch (ty.kind) {
    case Ty::Rec:
      add(R"(pub type $0 struct { id int; name string; score float }
pub fn (r $0) key() int { return r.id * $1 }
pub fn (r $0) weight() int { return r.id % $1 + len(r.name) }
pub fn (r $0) label() string { return r.name + ":" + str(r.score) })",
          R"(struct $0 {
  int64_t id;
  std::string name;
  double score;
  int64_t key() const;
  int64_t weight() const;
  std::string label() const;
  bool operator==(const $0 &o) const { return id == o.id && name == o.name && score == o.score; }
};)",
          R"(#[derive(Clone, PartialEq, Default)]
pub struct $0 { pub id: i64, pub name: String, pub score: f64 }
impl Keyed for $0 { fn key(&self) -> i64 { self.id * $1 } }
impl Weighted for $0 { fn weight(&self) -> i64 { self.id % $1 + (self.name.len() as i64) } }
impl Labeled for $0 { fn label(&self) -> String { self.name.clone() + ":" + &rt::str(self.score) } })",
          R"(type $0 struct {
	Id    int
	Name  string
	Score float64
}

func (r $0) Key() int      { return r.Id * $1 }
func (r $0) Weight() int   { return r.Id%$1 + len(r.Name) }
func (r $0) Label() string { return r.Name + ":" + rt.Str(r.Score) })");
      addSrc(R"(
int64_t $0::key() const { return id * $1; }
int64_t $0::weight() const { return id % $1 + int64_t(name.size()); }
std::string $0::label() const { return name + ":" + rt::str(score); })");
      break;
    case Ty::Code:
      add(R"(pub type $0 int
pub fn (c $0) key() int { return int(c) + $1 }
pub fn (c $0) weight() int { return int(c) % $1 + 1 }
pub fn (c $0) label() string { return "c" + str(int(c)) })",
          R"(struct $0 {
  int64_t v;
  RT_NUMBER_OPS($0)
  int64_t key() const;
  int64_t weight() const;
  std::string label() const;
};)",
          R"(#[derive(Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct $0(pub i64);
num_ops!($0);
impl Keyed for $0 { fn key(&self) -> i64 { self.0 + $1 } }
impl Weighted for $0 { fn weight(&self) -> i64 { self.0 % $1 + 1 } }
impl Labeled for $0 { fn label(&self) -> String { "c".to_string() + &rt::str(self.0) } })",
          R"(type $0 int

func (c $0) Key() int      { return int(c) + $1 }
func (c $0) Weight() int   { return int(c)%$1 + 1 }
func (c $0) Label() string { return "c" + rt.Str(int(c)) })");
      addSrc(R"(
int64_t $0::key() const { return v + $1; }
int64_t $0::weight() const { return v % $1 + 1; }
std::string $0::label() const { return "c" + rt::str(v); })");
      break;
    case Ty::Point:
      add(R"~(pub type $0 struct { x int; y int }
pub fn (p $0) key() int { return p.x * $1 + p.y }
pub fn (p $0) weight() int {
    if p.x > p.y {
        return p.x - p.y
    }
    return p.y - p.x + $1
}
pub fn (p $0) label() string { return "(" + str(p.x) + "," + str(p.y) + ")" })~",
          R"~(struct $0 {
  int64_t x;
  int64_t y;
  int64_t key() const;
  int64_t weight() const;
  std::string label() const;
  bool operator==(const $0 &o) const { return x == o.x && y == o.y; }
};)~",
          R"~(#[derive(Clone, PartialEq, Default)]
pub struct $0 { pub x: i64, pub y: i64 }
impl Keyed for $0 { fn key(&self) -> i64 { self.x * $1 + self.y } }
impl Weighted for $0 {
    fn weight(&self) -> i64 {
        if self.x > self.y {
            return self.x - self.y;
        }
        self.y - self.x + $1
    }
}
impl Labeled for $0 { fn label(&self) -> String { "(".to_string() + &rt::str(self.x) + "," + &rt::str(self.y) + ")" } })~",
          R"~(type $0 struct {
	X int
	Y int
}

func (p $0) Key() int { return p.X*$1 + p.Y }
func (p $0) Weight() int {
	if p.X > p.Y {
		return p.X - p.Y
	}
	return p.Y - p.X + $1
}
func (p $0) Label() string { return "(" + rt.Str(p.X) + "," + rt.Str(p.Y) + ")" })~");
      addSrc(R"~(
int64_t $0::key() const { return x * $1 + y; }
int64_t $0::weight() const {
  if (x > y)
    return x - y;
  return y - x + $1;
}
std::string $0::label() const { return "(" + rt::str(x) + "," + rt::str(y) + ")"; })~");
      break;
    case Ty::Temp:
      add(R"(pub type $0 float
pub fn (t $0) key() int { return int(t * $1.0) }
pub fn (t $0) weight() int { return int(t) % $1 }
pub fn (t $0) label() string { return str(float(t)) + "C" })",
          R"(struct $0 {
  double v;
  RT_NUMBER_OPS($0)
  int64_t key() const;
  int64_t weight() const;
  std::string label() const;
};)",
          R"(#[derive(Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct $0(pub f64);
num_ops!($0);
impl Keyed for $0 { fn key(&self) -> i64 { (self.0 * $1.0) as i64 } }
impl Weighted for $0 { fn weight(&self) -> i64 { (self.0 as i64) % $1 } }
impl Labeled for $0 { fn label(&self) -> String { rt::str(self.0) + "C" } })",
          R"(type $0 float64

func (t $0) Key() int      { return int(t * $1.0) }
func (t $0) Weight() int   { return int(t) % $1 }
func (t $0) Label() string { return rt.Str(float64(t)) + "C" })");
      addSrc(R"(
int64_t $0::key() const { return int64_t(v * $1.0); }
int64_t $0::weight() const { return int64_t(v) % $1; }
std::string $0::label() const { return rt::str(v) + "C"; })");
      break;
    case Ty::Name:
      add(R"(pub type $0 string
pub fn (n $0) key() int { return len(n) * $1 + string(n)[len(n) - 1] % 97 }
pub fn (n $0) weight() int { return len(n) }
pub fn (n $0) label() string { return string(n) })",
          R"(struct $0 {
  std::string v;
  RT_ORDERED_OPS($0)
  int64_t key() const;
  int64_t weight() const;
  std::string label() const;
};)",
          R"(#[derive(Clone, PartialEq, PartialOrd, Default)]
pub struct $0(pub String);
impl crate::core::Ordered for $0 {}
impl Keyed for $0 { fn key(&self) -> i64 { (self.0.len() as i64) * $1 + (self.0.as_bytes()[self.0.len() - 1] as i64) % 97 } }
impl Weighted for $0 { fn weight(&self) -> i64 { self.0.len() as i64 } }
impl Labeled for $0 { fn label(&self) -> String { self.0.clone() } })",
          R"(type $0 string

func (n $0) Key() int      { return len(n)*$1 + int(string(n)[len(n)-1])%97 }
func (n $0) Weight() int   { return len(n) }
func (n $0) Label() string { return string(n) })");
      addSrc(R"(
int64_t $0::key() const { return int64_t(v.size()) * $1 + int64_t((unsigned char)v[v.size() - 1]) % 97; }
int64_t $0::weight() const { return int64_t(v.size()); }
std::string $0::label() const { return v; })");
      break;
    case Ty::Int:
    case Ty::Float:
    case Ty::String:
    case Ty::Item:
    case Ty::Slice:
      assert(false && "not a user type");
      break;
    }
  }
  if (L == Lang::Cpp) {
    lines.push_back("");
    lines.push_back("} // namespace types");
    src.push_back("");
    src.push_back("} // namespace types");
    *cppSource = joinLines(src);
  }
  return joinLines(lines);
}

const char *kCppRuntime = R"(// rt: what the C++ workload needs of Stencil's builtins (str, println).
// Generated by stencil-bench; do not edit by hand.
#pragma once
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace rt {
inline std::string str(int64_t v) { return std::to_string(v); }
inline std::string str(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v); // Stencil's float text
  return std::string(buf, r.ptr);
}
inline std::string str(bool v) { return v ? "true" : "false"; }
inline std::string str(const std::string &v) { return v; }
inline std::string str(const char *v) { return v; }
inline void println() { std::fputc('\n', stdout); }
template <class A, class... R> void println(const A &a, const R &...rest) {
  std::fputs(str(a).c_str(), stdout);
  if constexpr (sizeof...(rest) > 0) {
    std::fputc(' ', stdout);
    println(rest...);
  } else {
    std::fputc('\n', stdout);
  }
}
} // namespace rt

// Defined types over int and float: the operators Stencil gives them.
#define RT_ORDERED_OPS(T)                                                                          \
  bool operator==(const T &o) const { return v == o.v; }                                           \
  bool operator!=(const T &o) const { return v != o.v; }                                           \
  bool operator<(const T &o) const { return v < o.v; }                                             \
  bool operator>(const T &o) const { return v > o.v; }
#define RT_NUMBER_OPS(T)                                                                           \
  RT_ORDERED_OPS(T)                                                                                \
  T &operator+=(const T &o) {                                                                      \
    v += o.v;                                                                                      \
    return *this;                                                                                  \
  }                                                                                                \
  T operator+(const T &o) const { return T{v + o.v}; }                                             \
  T operator*(const T &o) const { return T{v * o.v}; }
)";

const char *kRustRuntime = R"(// rt: what the Rust workload needs of Stencil's builtins (str).
// Generated by stencil-bench; do not edit by hand.
pub trait Text { fn text(&self) -> String; }
impl Text for i64 { fn text(&self) -> String { format!("{}", self) } }
impl Text for f64 { fn text(&self) -> String { format!("{}", self) } }
impl Text for bool { fn text(&self) -> String { format!("{}", self) } }
impl Text for String { fn text(&self) -> String { self.clone() } }
pub fn str<T: Text>(x: T) -> String { x.text() }
)";

const char *kGoRuntime = R"(// rt: what the Go workload needs of Stencil's builtins (str).
// Generated by stencil-bench; do not edit by hand.

package rt

import "strconv"

// Str is Stencil's str: ints in decimal, floats as the shortest text that
// reads back to the same value.
func Str(x any) string {
	switch v := x.(type) {
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	}
	panic("str")
}
)";

} // namespace

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
    files["rt.h"] = kCppRuntime;
    files["core.h"] = renderGenericCore(w, L);
    files["types.h"] = renderTypes(w, L, &cppTypes);
    files["types.cpp"] = cppTypes;
    return;
  case Lang::Rust:
    files["Cargo.toml"] = "# Generated by stencil-bench: the Rust peer of the workload.\n"
                          "[package]\nname = \"workload\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n"
                          "# Stencil's int wraps.\n[profile.dev]\noverflow-checks = false\n";
    files["src/rt.rs"] = kRustRuntime;
    files["src/core.rs"] = renderGenericCore(w, L);
    files["src/types.rs"] = renderTypes(w, L, nullptr);
    return;
  case Lang::Go:
    files["go.mod"] = "module wl\n\ngo 1.19\n";
    files["rt/rt.go"] = kGoRuntime;
    files["core/core.go"] = renderGenericCore(w, L);
    files["types/types.go"] = renderTypes(w, L, nullptr);
    return;
  }
}

} // namespace stencil::bench
