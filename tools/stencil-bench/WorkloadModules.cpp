//===- WorkloadModules.cpp - The service modules and main -----------------===//
//
// M service modules in a dependency DAG: module i imports core, types and 0-3
// lower-numbered service modules. Each declares a pub struct ItemNNN (with
// key, weight, label), a pub tag_sNNN() (its "interface"), a pub
// value_sNNN(x int) int used by importers, a private mix_sNNN helper, private
// helpers used as function values (less_/num_/keep_/fold_ per type), a few
// private partK_sNNN() functions that instantiate core generics and
// containers with a spread of type arguments (int, float, string, the user
// types, its own and its imports' Item types, slices of these), and pub
// run_sNNN() int, the checksum, with two slots for new instantiations. Line
// 2 of the Stencil module lists the (generic, type argument) pairs it uses.
//
// main is in WorkloadMain.cpp.
//
// Every random draw depends only on the seed and the module, never on the
// language: a module is rendered in Stencil first (whose line count decides
// how many parts it gets), then in the peer's language with that many parts.
//
//===----------------------------------------------------------------------===//
#include "WorkloadImpl.h"
#include <algorithm>
#include <cassert>

namespace stencil::bench {

namespace {

constexpr size_t kMaxModuleLines = 170;
const char *const kSlot = "// slot: new instantiation";

/// The state of one service module being written, in one language.
struct Ctx {
  const Workload &w;
  Lang L;
  unsigned mod;
  std::string sx; ///< sNNN
  std::vector<Generic> generics;
  std::map<std::string, std::vector<size_t>> byTemplate;
  std::map<std::string, Lines> helpers;
  std::vector<std::string> helperOrder;
  std::vector<std::string> uses; ///< "fn[T]" in Stencil spelling, first use order
  unsigned nvars = 0;

  Ctx(const Workload &w, Lang L, unsigned mod)
      : w(w), L(L), mod(mod), sx(sfx(mod)), generics(coreGenerics(w.params.generics)) {
    for (size_t i = 0; i < generics.size(); ++i)
      byTemplate[generics[i].t->name].push_back(i);
  }

  struct Saved {
    std::map<std::string, Lines> helpers;
    std::vector<std::string> helperOrder, uses;
    unsigned nvars;
  };
  Saved snapshot() const { return {helpers, helperOrder, uses, nvars}; }
  void restore(Saved s) {
    helpers = std::move(s.helpers), helperOrder = std::move(s.helperOrder);
    uses = std::move(s.uses), nvars = s.nvars;
  }

  std::string fresh(const char *prefix) { return prefix + std::to_string(++nvars); }
  bool has(const char *tname) const { return byTemplate.count(tname); }
  const Generic &gname(const char *tname, Rng &r) {
    const std::vector<size_t> &v = byTemplate.at(tname);
    return generics[v[r.below(v.size())]];
  }
  /// Records the use and returns the generic's qualified name.
  std::string use(const Generic &g, const Ty &ty) {
    std::string key = g.name + "[" + ty.key() + "]";
    if (std::find(uses.begin(), uses.end(), key) == uses.end())
      uses.push_back(key);
    return qual(L, "core", g.name);
  }
  std::string pads(const Generic &g) const { return padArgs(w, L, g); }

  std::string helper(const char *kind, const Ty &ty);
  std::string lessValue(const Ty &ty, Rng &r);
};

std::string Ctx::helper(const char *kind, const Ty &ty) {
  std::string name = std::string(kind) + "_" + ty.tag + "_" + sx;
  if (helpers.count(name))
    return name;
  std::string t = ty.code(L);
  std::string k = std::to_string(1 + (mod + helpers.size()) % 9);
  llvm::StringRef kd(kind);
  std::string code;
  if (kd == "less") {
    std::string body = (ty.classes & ORD) ? "a < b" : ty.toInt(L, "a") + " < " + ty.toInt(L, "b");
    code = fmt(pick(L, "fn $0(a $1, b $1) bool { return $2 }",
                    "static bool $0($1 a, $1 b) { return $2; }",
                    "fn $0(a: $1, b: $1) -> bool { $2 }", "func $0(a $1, b $1) bool { return $2 }"),
               {name, t, body});
  } else if (kd == "num") {
    code = fmt(pick(L, "fn $0(v $1) int { return $2 + $3 }",
                    "static int64_t $0($1 v) { return $2 + $3; }",
                    "fn $0(v: $1) -> i64 { $2 + $3 }", "func $0(v $1) int { return $2 + $3 }"),
               {name, t, ty.toInt(L, "v"), k});
  } else if (kd == "keep") {
    code = fmt(pick(L, "fn $0(v $1) bool { return $2 % 3 != $3 }",
                    "static bool $0($1 v) { return $2 % 3 != $3; }",
                    "fn $0(v: $1) -> bool { $2 % 3 != $3 }",
                    "func $0(v $1) bool { return $2%3 != $3 }"),
               {name, t, ty.toInt(L, "v"), std::to_string((1 + (mod + helpers.size()) % 9) % 3)});
  } else {
    assert(kd == "fold");
    code = fmt(pick(L, "fn $0(a int, v $1) int { return mix_$3(a, $2) }",
                    "static int64_t $0(int64_t a, $1 v) { return mix_$3(a, $2); }",
                    "fn $0(a: i64, v: $1) -> i64 { mix_$3(a, $2) }",
                    "func $0(a int, v $1) int { return mix_$3(a, $2) }"),
               {name, t, ty.toInt(L, "v"), sx});
  }
  helpers[name] = {code};
  helperOrder.push_back(name);
  return name;
}

std::string Ctx::lessValue(const Ty &ty, Rng &r) {
  if ((ty.classes & ORD) && has("less") && r.below(2) == 0) {
    const Generic &g = gname("less", r);
    std::string f = use(g, ty);
    return fmt(pick(L, "$0[$1]", "&$0<$1>", "$0::<$1>", "$0[$1]"), {f, ty.code(L)});
  }
  return helper("less", ty);
}

/// Pieces of code over the part's `xs` in each language.
struct Xs {
  Lang L;
  std::string arg() const { return pick(L, "xs", "xs", "&xs", "xs"); }
  std::string mutArg() const { return pick(L, "xs", "xs", "&mut xs", "xs"); }
  std::string at(int64_t i) const {
    return fmt(pick(L, "xs[$0]", "xs[$0]", "xs[$0].clone()", "xs[$0]"), {std::to_string(i)});
  }
  std::string last() const {
    return pick(L, "xs[len(xs) - 1]", "xs[xs.size() - 1]", "xs[xs.len() - 1].clone()",
                "xs[len(xs)-1]");
  }
};

std::string decl(Lang L, const std::string &v, const std::string &e) {
  return fmt(pick(L, "$0 := $1", "auto $0 = $1;", "let $0 = $1;", "$0 := $1"), {v, e});
}
std::string addAcc(Lang L, const std::string &e) { return stmt(L, "acc += " + e); }
std::string ifOpen(Lang L, const std::string &c) {
  return fmt(pick(L, "if $0 {", "if ($0) {", "if $0 {", "if $0 {"), {c});
}

/// Lines (in a part function with `xs []T` of >= 3 elements and `acc int`)
/// that call generic g at ty and fold its result into acc.
Lines recipe(Ctx &ctx, const Generic &g, const Ty &ty, Rng &r) {
  Lang L = ctx.L;
  Xs xs{L};
  llvm::StringRef t = g.t->name;
  std::string f = ctx.use(g, ty), P = ctx.pads(g);
  auto call = [&](const std::string &args) { return f + "(" + args + P + ")"; };
  auto X = [&](const std::string &e) { return ty.toInt(L, e); };
  if (t == "sum_of")
    return {addAcc(L, X(call(xs.arg())))};
  if (t == "max_of" || t == "min_of")
    return {addAcc(L, X(call(xs.arg() + ", " + xs.at(int64_t(r.below(3))))))};
  if (t == "count_if")
    return {addAcc(L, call(xs.arg() + ", " + ctx.helper("keep", ty)))};
  if (t == "insertion_sort") {
    std::string less = ctx.lessValue(ty, r);
    return {stmt(L, call(xs.mutArg() + ", " + less)), addAcc(L, X("xs[0]") + " * 3")};
  }
  if (t == "map_to") {
    std::string v = ctx.fresh("m");
    return {
        decl(L, v, call(xs.arg() + ", " + ctx.helper("num", ty))),
        addAcc(L, fmt(pick(L, "len($0) + $0[len($0) - 1]", "int64_t($0.size()) + $0[$0.size() - 1]",
                           "($0.len() as i64) + $0[$0.len() - 1]", "len($0) + $0[len($0)-1]"),
                      {v}))};
  }
  if (t == "reduce") {
    std::string init = intLit(L, int64_t(r.below(50)));
    return {addAcc(L, call(xs.arg() + ", " + init + ", " + ctx.helper("fold", ty)))};
  }
  if (t == "index_of")
    return {addAcc(L, call(xs.arg() + ", " + xs.last()))};
  if (t == "total_weight" || t == "key_sum")
    return {addAcc(L, call(xs.arg()))};
  if (t == "clamp")
    return {addAcc(L, X(call(xs.at(1) + ", " + xs.at(0) + ", " + xs.at(2))))};
  if (t == "filter") {
    std::string v = ctx.fresh("k");
    return {decl(L, v, call(xs.arg() + ", " + ctx.helper("keep", ty))), addAcc(L, lenOf(L, v))};
  }
  if (t == "dedup" || t == "join_labels")
    return {addAcc(L, lenOf(L, call(xs.arg())))};
  if (t == "reverse")
    return {addAcc(L, X(call(xs.arg()) + "[0]"))};
  if (t == "zip_pairs") {
    std::string v = ctx.fresh("p");
    std::string a = intLit(L, int64_t(r.below(9))), b = intLit(L, int64_t(r.below(9))),
                c = intLit(L, int64_t(r.below(9)));
    std::string ints = fmt(pick(L, "[]int{$0, $1, $2}", "std::vector<int64_t>{$0, $1, $2}",
                                "&vec![$0, $1, $2]", "[]int{$0, $1, $2}"),
                           {a, b, c});
    return {decl(L, v, call(xs.arg() + ", " + ints)),
            addAcc(L, fmt(pick(L, "$0[0].second + $1", "$0[0].second + $1", "$0[0].second + $1",
                               "$0[0].Second + $1"),
                          {v, lenOf(L, v)}))};
  }
  if (t == "repeat")
    return {addAcc(L, lenOf(L, call(xs.at(0) + ", " + std::to_string(1 + r.below(4)))))};
  if (t == "scale")
    return {addAcc(L, X(call(xs.arg() + ", " + xs.at(1)) + "[2]"))};
  if (t == "is_sorted") {
    std::string less = ctx.lessValue(ty, r);
    std::string k = std::to_string(1 + r.below(5));
    return {ifOpen(L, call(xs.arg() + ", " + less)), "    " + addAcc(L, k), "}"};
  }
  if (t == "contains")
    return {ifOpen(L, call(xs.arg() + ", " + xs.at(int64_t(r.below(3))))), "    " + addAcc(L, "1"),
            "}"};
  assert(t == "less");
  std::string v = ctx.fresh("lt");
  return {decl(L, v, fmt(pick(L, "$0[$1]", "&$0<$1>", "$0::<$1>", "$0[$1]"), {f, ty.code(L)})),
          ifOpen(L, v + "(" + xs.at(0) + ", " + xs.at(1) + ")"), "    " + addAcc(L, "2"), "}"};
}

/// Lines using a generic type of core at ty.
Lines containerRecipe(Ctx &ctx, const std::string &kind, const Ty &ty, Rng &r) {
  Lang L = ctx.L;
  std::string T = ty.code(L);
  auto X = [&](const std::string &e) { return ty.toInt(L, e); };
  if (kind == "stack") {
    std::string v = ctx.fresh("st");
    switch (L) {
    case Lang::Stencil:
      return {fmt("var $0 core.Stack[$1]", {v, T}), "for v in xs {", fmt("    $0.push(v)", {v}),
              "}", fmt("acc += $1 + $0.size()", {v, X(v + ".pop()")})};
    case Lang::Cpp:
      return {fmt("core::Stack<$1> $0;", {v, T}), "for (const auto &v : xs)",
              fmt("    $0.push(v);", {v}), fmt("auto $0_top = $0.pop();", {v}),
              fmt("acc += $1 + $0.size();", {v, X(v + "_top")})};
    case Lang::Rust:
      return {fmt("let mut $0: core::Stack<$1> = Default::default();", {v, T}),
              "for v in xs.iter() {", fmt("    $0.push(v.clone());", {v}), "}",
              fmt("acc += $1 + $0.size();", {v, X(v + ".pop()")})};
    case Lang::Go:
      return {fmt("var $0 core.Stack[$1]", {v, T}), "for _, v := range xs {",
              fmt("    $0.Push(v)", {v}), "}", fmt("acc += $1 + $0.Size()", {v, X(v + ".Pop()")})};
    }
  }
  if (kind == "stack_of_slices") {
    std::string v = ctx.fresh("ss");
    switch (L) {
    case Lang::Stencil:
      return {fmt("var $0 core.Stack[[]$1]", {v, T}), fmt("$0.push(xs)", {v}),
              fmt("$0.push(xs[1:])", {v}), fmt("acc += len($0.pop()) * $0.size()", {v})};
    case Lang::Cpp:
      return {fmt("core::Stack<std::vector<$1>> $0;", {v, T}), fmt("$0.push(xs);", {v}),
              fmt("$0.push(std::vector<$1>(xs.begin() + 1, xs.end()));", {v, T}),
              fmt("auto $0_top = $0.pop();", {v}),
              fmt("acc += int64_t($0_top.size()) * $0.size();", {v})};
    case Lang::Rust:
      return {fmt("let mut $0: core::Stack<Vec<$1>> = Default::default();", {v, T}),
              fmt("$0.push(xs.clone());", {v}), fmt("$0.push(xs[1..].to_vec());", {v}),
              fmt("acc += ($0.pop().len() as i64) * $0.size();", {v})};
    case Lang::Go:
      return {fmt("var $0 core.Stack[[]$1]", {v, T}), fmt("$0.Push(xs)", {v}),
              fmt("$0.Push(xs[1:])", {v}), fmt("acc += len($0.Pop()) * $0.Size()", {v})};
    }
  }
  if (kind == "list") {
    // Built from copies of xs's elements (not from xs[:2], which would share
    // xs's array in Stencil and Go and make set() write into xs).
    std::string v = ctx.fresh("ls");
    switch (L) {
    case Lang::Stencil:
      return {fmt("$0 := core.List[$1]{items: []$1{xs[0], xs[1]}}", {v, T}),
              fmt("$0.add(xs[2])", {v}), fmt("$0.set(0, xs[1])", {v}),
              fmt("acc += $0.len() + $0.version + $1", {v, X(v + ".last()")})};
    case Lang::Cpp:
      return {fmt("core::List<$1> $0{std::vector<$1>{xs[0], xs[1]}};", {v, T}),
              fmt("$0.add(xs[2]);", {v}), fmt("$0.set(0, xs[1]);", {v}),
              fmt("acc += $0.len() + $0.version + $1;", {v, X(v + ".last()")})};
    case Lang::Rust:
      return {fmt("let mut $0 = core::List::<$1> { items: vec![xs[0].clone(), xs[1].clone()], "
                  "version: 0 };",
                  {v, T}),
              fmt("$0.add(xs[2].clone());", {v}), fmt("$0.set(0, xs[1].clone());", {v}),
              fmt("acc += $0.len() + $0.version + $1;", {v, X(v + ".last()")})};
    case Lang::Go:
      return {fmt("$0 := core.List[$1]{Items: []$1{xs[0], xs[1]}}", {v, T}),
              fmt("$0.Add(xs[2])", {v}), fmt("$0.Set(0, xs[1])", {v}),
              fmt("acc += $0.Len() + $0.Version + $1", {v, X(v + ".Last()")})};
    }
  }
  if (kind == "assoc") {
    std::string v = ctx.fresh("al");
    std::string k = std::to_string(2 + r.below(7));
    switch (L) {
    case Lang::Stencil:
      return {fmt("var $0 core.AssocList[$1, int]", {v, T}), "for i, v in xs {",
              fmt("    $0.put(v, i * $1)", {v, k}), "}",
              fmt("acc += $0.get(xs[1], -1) + $0.size()", {v})};
    case Lang::Cpp:
      return {fmt("core::AssocList<$1, int64_t> $0;", {v, T}),
              "for (size_t i = 0; i < xs.size(); ++i)",
              fmt("    $0.put(xs[i], int64_t(i) * $1);", {v, k}),
              fmt("acc += $0.get(xs[1], -1) + $0.size();", {v})};
    case Lang::Rust:
      return {fmt("let mut $0: core::AssocList<$1, i64> = Default::default();", {v, T}),
              "for (i, v) in xs.iter().enumerate() {",
              fmt("    $0.put(v.clone(), (i as i64) * $1);", {v, k}), "}",
              fmt("acc += $0.get(xs[1].clone(), -1) + $0.size();", {v})};
    case Lang::Go:
      return {fmt("var $0 core.AssocList[$1, int]", {v, T}), "for i, v := range xs {",
              fmt("    $0.Put(v, i*$1)", {v, k}), "}",
              fmt("acc += $0.Get(xs[1], -1) + $0.Size()", {v})};
    }
  }
  if (kind == "hashmap") {
    std::string v = ctx.fresh("hm");
    std::string n = std::to_string(4 + r.below(13));
    switch (L) {
    case Lang::Stencil:
      return {fmt("$0 := core.HashMap[$1, string]{buckets: make([][]core.Pair[$1, string], $2)}",
                  {v, T, n}),
              "for i, v in xs {",
              fmt("    $0.put(v, \"v\" + str(i))", {v}),
              "}",
              fmt("if $0.has(xs[0]) {", {v}),
              fmt("    acc += len($0.get(xs[2], \"none\")) + $0.size()", {v}),
              "}"};
    case Lang::Cpp:
      return {
          fmt("core::HashMap<$1, std::string> $0{std::vector<std::vector<core::Pair<$1, "
              "std::string>>>($2)};",
              {v, T, n}),
          "for (size_t i = 0; i < xs.size(); ++i)",
          fmt("    $0.put(xs[i], \"v\" + rt::str(int64_t(i)));", {v}),
          fmt("if ($0.has(xs[0]))", {v}),
          fmt("    acc += int64_t($0.get(xs[2], std::string(\"none\")).size()) + $0.size();", {v})};
    case Lang::Rust:
      return {fmt("let mut $0 = core::HashMap::<$1, String> { buckets: vec![Vec::new(); $2], "
                  "count: 0 };",
                  {v, T, n}),
              "for (i, v) in xs.iter().enumerate() {",
              fmt("    $0.put(v.clone(), \"v\".to_string() + &rt::str(i as i64));", {v}),
              "}",
              fmt("if $0.has(xs[0].clone()) {", {v}),
              fmt("    acc += ($0.get(xs[2].clone(), String::from(\"none\")).len() as i64) + "
                  "$0.size();",
                  {v}),
              "}"};
    case Lang::Go:
      return {fmt("$0 := core.HashMap[$1, string]{Buckets: make([][]core.Pair[$1, string], $2)}",
                  {v, T, n}),
              "for i, v := range xs {",
              fmt("    $0.Put(v, \"v\"+rt.Str(i))", {v}),
              "}",
              fmt("if $0.Has(xs[0]) {", {v}),
              fmt("    acc += len($0.Get(xs[2], \"none\")) + $0.Size()", {v}),
              "}"};
    }
  }
  assert(kind == "pair");
  std::string v = ctx.fresh("pr");
  std::string second = intLit(L, int64_t(r.below(100)));
  switch (L) {
  case Lang::Stencil:
    return {fmt("$0 := core.Pair[$1, int]{first: xs[0], second: $2}", {v, T, second}),
            fmt("acc += $1 + $0.second", {v, X(v + ".first")})};
  case Lang::Cpp:
    return {fmt("core::Pair<$1, int64_t> $0{xs[0], $2};", {v, T, second}),
            fmt("acc += $1 + $0.second;", {v, X(v + ".first")})};
  case Lang::Rust:
    return {
        fmt("let $0 = core::Pair::<$1, i64> { first: xs[0].clone(), second: $2 };", {v, T, second}),
        fmt("acc += $1 + $0.second;", {v, X(v + ".first")})};
  case Lang::Go:
    return {fmt("$0 := core.Pair[$1, int]{First: xs[0], Second: $2}", {v, T, second}),
            fmt("acc += $1 + $0.Second", {v, X(v + ".First")})};
  }
  return {};
}

std::vector<std::string> containersFor(const Ty &ty) {
  std::vector<std::string> out = {"stack", "list", "stack_of_slices", "pair"};
  if (ty.classes & CMP)
    out.push_back("assoc");
  if (ty.classes & KEYED)
    out.push_back("hashmap");
  return out;
}

/// The type pool of a service module, with weights: a small shared pool so
/// that instantiations repeat across modules.
void moduleTypes(unsigned mod, const std::vector<unsigned> &deps, unsigned ntypes, Rng &r,
                 std::vector<Ty> &pool, std::vector<unsigned> &weights) {
  for (const Ty &t : baseTypes())
    pool.push_back(t), weights.push_back(6);
  std::vector<std::string> names = userTypeNames(ntypes);
  for (size_t i = 0; i < names.size(); ++i)
    pool.push_back(userType(names[i])), weights.push_back(i < 3 ? 4 : 2);
  pool.push_back(itemType(mod, true)), weights.push_back(3);
  for (unsigned d : deps)
    pool.push_back(itemType(d, false)), weights.push_back(2);
  std::vector<Ty> elems(pool.begin(), pool.begin() + long(3 + std::min(ntypes, 2u)));
  pool.push_back(sliceType(r.choice(elems))), weights.push_back(2);
}

/// partIDX_sNNN(seed int) int: a slice of ty and a few generic uses.
Lines genPart(Ctx &ctx, unsigned idx, const Ty &ty, Rng &r) {
  Lang L = ctx.L;
  std::string name = "part" + std::to_string(idx) + "_" + ctx.sx;
  Lines lines;
  lines.push_back(fmt(pick(L, "fn $0(seed int) int {", "static int64_t $0(int64_t seed) {",
                           "fn $0(seed: i64) -> i64 {", "func $0(seed int) int {"),
                      {name}));
  lines.push_back(pick(L, "    acc := seed", "    int64_t acc = seed;", "    let mut acc = seed;",
                       "    acc := seed"));
  int64_t n = 3 + int64_t(r.below(4));
  int64_t start = int64_t(r.below(40));
  std::string vals;
  for (int64_t i = 0; i < n; ++i) {
    int64_t v = start + (i * 7 + int64_t(r.below(5))) % 23;
    vals += (i ? ", " : "") + ty.lit(L, v);
  }
  std::string T = ty.code(L);
  lines.push_back(fmt(pick(L, "    xs := []$0{$1}", "    std::vector<$0> xs{$1};",
                           "    let mut xs: Vec<$0> = vec![$1];", "    xs := []$0{$1}"),
                      {T, vals}));
  std::vector<Generic> gens;
  for (const Generic &g : ctx.generics)
    if (applicable(g, ty))
      gens.push_back(g);
  std::sort(gens.begin(), gens.end(),
            [](const Generic &a, const Generic &b) { return a.name < b.name; });
  size_t nrec = 3 + r.below(3);
  Lines body;
  for (const Generic &g : r.sample(gens, nrec))
    for (std::string &l : recipe(ctx, g, ty, r))
      body.push_back(std::move(l));
  for (const std::string &kind : r.sample(containersFor(ty), 1 + r.below(2)))
    for (std::string &l : containerRecipe(ctx, kind, ty, r))
      body.push_back(std::move(l));
  for (const std::string &l : body)
    lines.push_back("    " + l);
  lines.push_back(
      fmt(pick(L, "    return mix_$0(acc, len(xs))", "    return mix_$0(acc, int64_t(xs.size()));",
               "    mix_$0(acc, xs.len() as i64)", "    return mix_$0(acc, len(xs))"),
          {ctx.sx}));
  lines.push_back("}");
  return lines;
}

struct Service {
  Lines head, top, run, calls, tail;
  std::vector<Lines> parts;
  Ctx ctx;
};

Lines assemble(const Service &s) {
  Lines lines = s.head;
  lines.insert(lines.end(), s.top.begin(), s.top.end());
  for (const Lines &p : s.parts) {
    lines.push_back("");
    lines.insert(lines.end(), p.begin(), p.end());
  }
  if (!s.ctx.helperOrder.empty()) {
    lines.push_back("");
    lines.push_back("// helpers used as function values");
    for (const std::string &h : s.ctx.helperOrder)
      for (const std::string &l : s.ctx.helpers.at(h))
        lines.push_back(l);
  }
  lines.insert(lines.end(), s.run.begin(), s.run.end());
  lines.insert(lines.end(), s.calls.begin(), s.calls.end());
  lines.insert(lines.end(), s.tail.begin(), s.tail.end());
  return lines;
}

unsigned stepOf(const std::map<unsigned, unsigned> &m, unsigned key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

/// The slot lines of run_sNNN: fills first (in order), then the comments.
Lines slotLines(const Workload &w, Lang L, unsigned mod) {
  Lines out;
  std::vector<Generic> generics = coreGenerics(w.params.generics);
  for (const Fill &f : w.state.fills)
    if (f.module == mod)
      out.push_back("    " +
                    oneliner(w, L, generics[f.generic], typeByTag(w, mod, f.typeTag), f.value));
  while (out.size() < 2)
    out.push_back(std::string("    ") + kSlot);
  return out;
}

/// Service module mod in language L; \p parts < 0 lets the Stencil line count
/// decide the number of parts (and returns it there).
Service genService(const Workload &w, Lang L, unsigned mod, int &parts) {
  uint64_t seed = w.params.seed;
  std::vector<unsigned> deps = moduleDeps(mod, seed);
  Rng r{seed, 104729, mod};
  Service s{{}, {}, {}, {}, {}, {}, Ctx(w, L, mod)};
  Ctx &ctx = s.ctx;
  const std::string &sx = ctx.sx;
  std::vector<Ty> pool;
  std::vector<unsigned> weights;
  moduleTypes(mod, deps, w.params.types, r, pool, weights);
  size_t target = size_t(r.between(135, 165));
  std::string k = std::to_string(3 + mod % 11), item = itemType(mod, true).name;
  std::string mixConst = std::to_string(mod % 10 + stepOf(w.state.leafBump, mod));
  auto [tagType, tagValue] = tagOf(w, L, mod);
  std::string header = "// Service module " + sx + " of the workload (generated by stencil-bench).";

  switch (L) {
  case Lang::Stencil:
    s.head = {header, "", "import \"core\"", "import \"types\""};
    for (unsigned d : deps)
      s.head.push_back("import \"svc/" + sfx(d) + "\"");
    s.head.push_back("");
    s.top = {fmt("pub type $0 struct { a int; b string }", {item}),
             fmt("pub fn (it $0) key() int { return it.a * $1 }", {item, k}),
             fmt("pub fn (it $0) weight() int { return len(it.b) + it.a % $1 }", {item, k}),
             fmt("pub fn (it $0) label() string { return it.b }", {item}),
             "",
             fmt("pub fn tag_$0() $1 { return $2 }", {sx, tagType, tagValue}),
             "",
             fmt("pub fn value_$0(x int) int {", {sx}),
             "    var st core.Stack[int]",
             "    st.push(x)",
             fmt("    st.push(x * $0 + $1)", {k, std::to_string(mod % 13)}),
             "    return st.pop() - st.pop() + st.size()",
             "}",
             "",
             fmt("fn mix_$0(a int, b int) int { return a * 31 + b + $1 }", {sx, mixConst})};
    break;
  case Lang::Cpp:
    s.head = {header, fmt("#include \"svc/$0.h\"", {sx})};
    for (unsigned d : deps)
      s.head.push_back("#include \"svc/" + sfx(d) + ".h\"");
    s.head.push_back("");
    s.head.push_back("namespace " + sx + " {");
    s.top = {"",
             fmt("$0 tag_$1() { return $2; }", {tagType, sx, tagValue}),
             "",
             fmt("int64_t value_$0(int64_t x) {", {sx}),
             "    core::Stack<int64_t> st;",
             "    st.push(x);",
             fmt("    st.push(x * $0 + $1);", {k, std::to_string(mod % 13)}),
             "    int64_t a = st.pop();",
             "    int64_t b = st.pop();",
             "    return a - b + st.size();",
             "}",
             "",
             fmt("static int64_t mix_$0(int64_t a, int64_t b) { return a * 31 + b + $1; }",
                 {sx, mixConst})};
    break;
  case Lang::Rust:
    s.head = {header, "use crate::core;", "use crate::core::{Keyed, Labeled, Weighted};",
              "use crate::rt;", "use crate::types;"};
    for (unsigned d : deps)
      s.head.push_back("use crate::svc::" + sfx(d) + ";");
    s.head.push_back("");
    s.top = {"#[derive(Clone, PartialEq, Default)]",
             fmt("pub struct $0 { pub a: i64, pub b: String }", {item}),
             fmt("impl Keyed for $0 { fn key(&self) -> i64 { self.a * $1 } }", {item, k}),
             fmt("impl Weighted for $0 { fn weight(&self) -> i64 { (self.b.len() as i64) + self.a "
                 "% $1 } }",
                 {item, k}),
             fmt("impl Labeled for $0 { fn label(&self) -> String { self.b.clone() } }", {item}),
             "",
             fmt("pub fn tag_$0() -> $1 { $2 }", {sx, tagType, tagValue}),
             "",
             fmt("pub fn value_$0(x: i64) -> i64 {", {sx}),
             "    let mut st: core::Stack<i64> = Default::default();",
             "    st.push(x);",
             fmt("    st.push(x * $0 + $1);", {k, std::to_string(mod % 13)}),
             "    st.pop() - st.pop() + st.size()",
             "}",
             "",
             fmt("fn mix_$0(a: i64, b: i64) -> i64 { a * 31 + b + $1 }", {sx, mixConst})};
    break;
  case Lang::Go:
    s.head = {header,          "",
              "package " + sx, "",
              "import (",      "    \"wl/core\"",
              "    \"wl/rt\"", "    \"wl/types\""};
    for (unsigned d : deps)
      s.head.push_back("    \"wl/svc/" + sfx(d) + "\"");
    s.head.insert(s.head.end(), {")", "", "var _ = rt.Str", "var _ = types.Touch", ""});
    s.top = {fmt("type $0 struct {", {item}),
             "    A int",
             "    B string",
             "}",
             "",
             fmt("func (it $0) Key() int { return it.A * $1 }", {item, k}),
             fmt("func (it $0) Weight() int { return len(it.B) + it.A%$1 }", {item, k}),
             fmt("func (it $0) Label() string { return it.B }", {item}),
             "",
             fmt("func Tag_$0() $1 { return $2 }", {sx, tagType, tagValue}),
             "",
             fmt("func Value_$0(x int) int {", {sx}),
             "    var st core.Stack[int]",
             "    st.Push(x)",
             fmt("    st.Push(x*$0 + $1)", {k, std::to_string(mod % 13)}),
             "    return st.Pop() - st.Pop() + st.Size()",
             "}",
             "",
             fmt("func mix_$0(a int, b int) int { return a*31 + b + $1 }", {sx, mixConst})};
    break;
  }

  s.run = {"",
           fmt(pick(L, "pub fn run_$0() int {", "int64_t run_$0() {", "pub fn run_$0() -> i64 {",
                    "func Run_$0() int {"),
               {sx}),
           fmt(pick(L, "    acc := $0", "    int64_t acc = $0;", "    let mut acc: i64 = $0;",
                    "    acc := $0"),
               {std::to_string(mod + 1)})};
  for (unsigned d : deps) {
    std::string ds = sfx(d), ditem = itemType(d, true).name, m9 = std::to_string(mod % 9);
    switch (L) {
    case Lang::Stencil:
      s.run.push_back(fmt("    acc = mix_$0(acc, $1.value_$1(acc % 100))", {sx, ds}));
      s.run.push_back(fmt("    acc += len(str($0.tag_$0()))", {ds}));
      s.run.push_back(fmt(
          "    acc += core.Pair[$0.$1, int]{first: $0.$1{a: $2, b: \"d\"}, second: 1}.first.key()",
          {ds, ditem, m9}));
      break;
    case Lang::Cpp:
      s.run.push_back(fmt("    acc = mix_$0(acc, $1::value_$1(acc % 100));", {sx, ds}));
      s.run.push_back(fmt("    acc += int64_t(rt::str($0::tag_$0()).size());", {ds}));
      s.run.push_back(fmt(
          "    acc += core::Pair<$0::$1, int64_t>{$0::$1{$2, std::string(\"d\")}, 1}.first.key();",
          {ds, ditem, m9}));
      break;
    case Lang::Rust:
      s.run.push_back(fmt("    acc = mix_$0(acc, $1::value_$1(acc % 100));", {sx, ds}));
      s.run.push_back(fmt("    acc += (rt::str($0::tag_$0()).len() as i64);", {ds}));
      s.run.push_back(fmt(
          "    acc += core::Pair::<$0::$1, i64> { first: $0::$1 { a: $2, b: String::from(\"d\") }, "
          "second: 1 }.first.key();",
          {ds, ditem, m9}));
      break;
    case Lang::Go:
      s.run.push_back(fmt("    acc = mix_$0(acc, $1.Value_$1(acc%100))", {sx, ds}));
      s.run.push_back(fmt("    acc += len(rt.Str($0.Tag_$0()))", {ds}));
      s.run.push_back(fmt(
          "    acc += core.Pair[$0.$1, int]{First: $0.$1{A: $2, B: \"d\"}, Second: 1}.First.Key()",
          {ds, ditem, m9}));
      break;
    }
  }
  s.tail = slotLines(w, L, mod);
  s.tail.push_back(pick(L, "    return acc", "    return acc;", "    acc", "    return acc"));
  s.tail.push_back("}");

  // Parts until the module reaches its target size (or 12 parts).
  while (s.parts.size() < 12) {
    if (parts >= 0 && s.parts.size() == size_t(parts))
      break;
    unsigned idx = unsigned(s.parts.size());
    const Ty &ty = pool[r.weighted(weights)];
    Ctx::Saved saved = ctx.snapshot();
    s.parts.push_back(genPart(ctx, idx, ty, r));
    s.calls.push_back(
        fmt(pick(L, "    acc = mix_$0(acc, part$1_$0($2))", "    acc = mix_$0(acc, part$1_$0($2));",
                 "    acc = mix_$0(acc, part$1_$0($2));", "    acc = mix_$0(acc, part$1_$0($2))"),
            {sx, std::to_string(idx), std::to_string(r.below(1000))}));
    if (parts >= 0)
      continue;
    size_t size = assemble(s).size();
    if (size > kMaxModuleLines && s.parts.size() > 1) {
      s.parts.pop_back();
      s.calls.pop_back();
      ctx.restore(std::move(saved));
      break;
    }
    if (size >= target)
      break;
  }
  if (parts < 0)
    parts = int(s.parts.size());
  if (L == Lang::Stencil) {
    std::string list = "// instances:";
    for (const std::string &u : ctx.uses)
      list += " " + u;
    for (const Fill &f : w.state.fills)
      if (f.module == mod)
        list += " " + coreGenerics(w.params.generics)[f.generic].name + "[" +
                typeByTag(w, mod, f.typeTag).key() + "]";
    s.head[1] = list;
  }
  return s;
}

} // namespace

/// The tag function's result type and value for module mod.
std::pair<std::string, std::string> tagOf(const Workload &w, Lang L, unsigned mod) {
  std::string n = std::to_string(mod % 17 + 1);
  switch (stepOf(w.state.ifaceStep, mod) % 3) {
  case 0:
    return {pick(L, "int", "int64_t", "i64", "int"), intLit(L, mod % 17 + 1)};
  case 1:
    return {pick(L, "float", "double", "f64", "float64"), n + ".5"};
  default:
    return {pick(L, "string", "std::string", "String", "string"), strLit(L, "t" + n)};
  }
}

std::vector<unsigned> moduleDeps(unsigned mod, uint64_t seed) {
  if (mod == 0)
    return {};
  Rng r{seed, 7919, mod};
  size_t k = r.weighted({1, 3, 4, 2});
  // Mostly recent modules, sometimes old ones: a deep DAG with shared bases.
  std::vector<unsigned> cands;
  for (unsigned c = mod > 12 ? mod - 12 : 0; c < mod; ++c)
    cands.push_back(c);
  std::vector<unsigned> picks = r.sample(cands, k);
  if (k > 0 && mod > 12 && r.below(3) == 0) {
    unsigned old = unsigned(r.below(mod - 12));
    if (std::find(picks.begin(), picks.end(), old) == picks.end())
      picks.back() = old;
  }
  std::sort(picks.begin(), picks.end());
  picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
  return picks;
}

ModuleInfo moduleInfo(const Workload &w, unsigned mod) {
  Workload fresh{w.params, {}};
  int parts = -1;
  Service s = genService(fresh, Lang::Stencil, mod, parts);
  return {s.ctx.uses, 2};
}

std::string oneliner(const Workload &w, Lang L, const Generic &g, const Ty &ty, int64_t v) {
  llvm::StringRef t = g.t->name;
  std::string f = qual(L, "core", g.name), P = padArgs(w, L, g);
  auto call = [&](const std::string &args) { return f + "(" + args + P + ")"; };
  auto X = [&](const std::string &e) { return ty.toInt(L, e); };
  std::string elems = ty.lit(L, v) + ", " + ty.lit(L, v + 2) + ", " + ty.lit(L, v + 1);
  std::string xs =
      fmt(pick(L, "[]$0{$1}", "std::vector<$0>{$1}", "&vec![$1]", "[]$0{$1}"), {ty.code(L), elems});
  std::string e;
  if (t == "sum_of")
    e = X(call(xs));
  else if (t == "max_of" || t == "min_of")
    e = X(call(xs + ", " + ty.lit(L, v)));
  else if (t == "index_of")
    e = call(xs + ", " + ty.lit(L, v + 1));
  else if (t == "total_weight" || t == "key_sum")
    e = call(xs);
  else if (t == "clamp")
    e = X(call(ty.lit(L, v + 5) + ", " + ty.lit(L, v) + ", " + ty.lit(L, v + 3)));
  else if (t == "dedup" || t == "join_labels")
    e = lenOf(L, call(xs));
  else if (t == "reverse")
    e = X(call(xs) + "[0]");
  else if (t == "zip_pairs")
    e = lenOf(L, call(xs + ", " +
                      fmt(pick(L, "[]int{1, 2}", "std::vector<int64_t>{1, 2}", "&vec![1i64, 2i64]",
                               "[]int{1, 2}"))));
  else if (t == "repeat")
    e = lenOf(L, call(ty.lit(L, v) + ", 3"));
  else if (t == "scale")
    e = X(call(xs + ", " + ty.lit(L, 2)) + "[1]");
  else if (t == "contains")
    e = lenOf(L, fmt(pick(L, "str($0)", "rt::str($0)", "rt::str($0)", "rt.Str($0)"),
                     {call(xs + ", " + ty.lit(L, v))}));
  else
    return "";
  return stmt(L, "acc += " + e);
}

void renderModules(const Workload &w, Lang L, std::map<std::string, std::string> &files) {
  Lines mods;
  for (unsigned m = 0; m < w.params.modules; ++m) {
    int parts = -1;
    if (L != Lang::Stencil)
      genService(w, Lang::Stencil, m, parts);
    Service s = genService(w, L, m, parts);
    if (L == Lang::Cpp) {
      // Helpers before the parts that use them; the namespace closed at the end.
      Lines lines = s.head;
      lines.insert(lines.end(), s.top.begin(), s.top.end());
      lines.push_back("");
      for (const std::string &h : s.ctx.helperOrder)
        for (const std::string &l : s.ctx.helpers.at(h))
          lines.push_back(l);
      for (const Lines &p : s.parts) {
        lines.push_back("");
        lines.insert(lines.end(), p.begin(), p.end());
      }
      lines.insert(lines.end(), s.run.begin(), s.run.end());
      lines.insert(lines.end(), s.calls.begin(), s.calls.end());
      lines.insert(lines.end(), s.tail.begin(), s.tail.end());
      lines.push_back("");
      lines.push_back("} // namespace " + sfx(m));
      files["svc/" + sfx(m) + ".cpp"] = joinLines(lines);
      files["svc/" + sfx(m) + ".h"] = cppServiceHeader(w, m);
      continue;
    }
    std::string text = joinLines(assemble(s));
    switch (L) {
    case Lang::Stencil:
      files["svc/" + sfx(m) + ".stn"] = text;
      break;
    case Lang::Rust:
      files["src/svc/" + sfx(m) + ".rs"] = text;
      mods.push_back("pub mod " + sfx(m) + ";");
      break;
    case Lang::Go:
      files["svc/" + sfx(m) + "/" + sfx(m) + ".go"] = text;
      break;
    case Lang::Cpp:
      break;
    }
  }
  switch (L) {
  case Lang::Stencil:
    files["main.stn"] = renderMain(w, L);
    return;
  case Lang::Cpp:
    files["main.cpp"] = renderMain(w, L);
    return;
  case Lang::Rust:
    files["src/svc/mod.rs"] =
        "// The service modules (generated by stencil-bench).\n" + joinLines(mods);
    files["src/main.rs"] = renderMain(w, L);
    return;
  case Lang::Go:
    files["main.go"] = renderMain(w, L);
    return;
  }
}

} // namespace stencil::bench
