//===- WorkloadText.cpp - core's text in each language --------------------===//
//
// The generic functions of core in Stencil, C++, Rust and Go ($0 the name,
// $1 the extra parameters of signature edits, $2 the knob of body edits),
// and core's constraints and generic types (Pair, Stack, List, AssocList,
// HashMap) in each.
//
//===----------------------------------------------------------------------===//
#include "WorkloadImpl.h"
#include <cassert>

namespace stencil::bench {

namespace {

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

const char *const kCorePrelude[] = {
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

} // namespace

const char *genericText(const Template &t, Lang L) {
  const TemplateText &x = textOf(t);
  return pick(L, x.stn, x.cpp, x.rs, x.go);
}

const char *corePrelude(Lang L) { return kCorePrelude[int(L)]; }

} // namespace stencil::bench
