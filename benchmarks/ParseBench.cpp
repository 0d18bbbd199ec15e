//===- ParseBench.cpp - Parsing speed on a large generated program --------===//
//
//   ninja -C build parse-bench && build/bin/parse-bench
//
// Reports lines/s of stencil::parse (tokens to AST, lexing excluded) on a
// generated program that uses every construct: generic functions, methods,
// structs, interfaces, every statement, composite literals, type arguments,
// slices and long expressions. BM_LexAndParse measures both phases together.
//
//===----------------------------------------------------------------------===//
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "llvm/Support/raw_ostream.h"
#include <benchmark/benchmark.h>
#include <string>

using namespace stencil;

namespace {

/// A program of about \p numUnits * 40 lines.
std::string generateProgram(unsigned numUnits, unsigned &numLines) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "import \"containers\"\nimport sh \"geometry/shapes\"\n\n"
     << "interface Ordered { ~int | ~float | ~string }\n"
     << "interface Shape { fn area() float; fn name() string }\n\n";
  for (unsigned i = 0; i < numUnits; ++i) {
    os << "pub type Pair" << i << "[K comparable, V any] struct {\n"
       << "    key K\n"
       << "    a, b V\n"
       << "}\n\n"
       << "fn (p Pair" << i << "[K, V]) get(i int) V { if i == 0 { return p.a }; return p.b }\n\n"
       << "@inline pub fn max" << i << "[T Ordered](a T, b T) T {\n"
       << "    if a > b { return a } else if a == b { return b }\n"
       << "    return b\n"
       << "}\n\n"
       << "fn work" << i << "(xs []int, limit int, f fn(int) int) int {\n"
       << "    var total int\n"
       << "    var scale float = 2.5e-3\n"
       << "    for i, x in xs {\n"
       << "        if x < limit && i % " << (i % 7 + 2) << " != 0 || !(x == -1) {\n"
       << "            total += f(x) * (x + 1) - x / 3 << 2\n"
       << "        } else {\n"
       << "            break\n"
       << "        }\n"
       << "    }\n"
       << "    for k in 0..len(xs) - 1 { xs[k] = xs[k + 1] ^ 0x7f }\n"
       << "    while total > 1_000 { total >>= 1; continue }\n"
       << "    p := Pair" << i << "[string, int]{key: \"k" << i << "\", a: total, b: 2}\n"
       << "    ys := append(xs[1:], []int{1, 2, 3}[0])\n"
       << "    zs := make([]Pair" << i << "[int, float], 3)[:2]\n"
       << "    s := containers.Stack[string]{}\n"
       << "    s.push(str(p.get(1)))\n"
       << "    println(\"work" << i << ":\\t\", total, scale, ys[len(ys) - 1], len(zs))\n"
       << "    return max" << i << "[int](total, p.a) + max" << i << "(1, 2)\n"
       << "}\n\n";
  }
  os.flush();
  numLines = 0;
  for (char c : out)
    numLines += c == '\n';
  return out;
}

struct Input {
  std::string program;
  unsigned numLines = 0;
  SourceManager sm;
  FileId file;
  explicit Input(unsigned numUnits) {
    program = generateProgram(numUnits, numLines);
    file = sm.addBuffer(program, "bench.stn");
  }
};

void setCounters(benchmark::State &state, const Input &in) {
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(in.program.size()));
  state.counters["lines/s"] =
      benchmark::Counter(in.numLines, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["lines"] = in.numLines;
}

void BM_Parse(benchmark::State &state) {
  Input in(static_cast<unsigned>(state.range(0)));
  DiagnosticEngine lexDiags(in.sm, llvm::errs());
  TokenBuffer tokens = lex(in.sm, in.file, lexDiags);
  for (auto _ : state) {
    DiagnosticEngine diags(in.sm, llvm::errs());
    std::unique_ptr<ModuleAST> module = parse(tokens, "main", diags);
    benchmark::DoNotOptimize(module->decls.data());
    if (diags.hasErrors() || lexDiags.hasErrors())
      state.SkipWithError("the generated program has syntax errors");
  }
  setCounters(state, in);
  state.counters["tokens"] = double(tokens.tokens.size());
}
BENCHMARK(BM_Parse)->Arg(100)->Arg(2500)->Unit(benchmark::kMillisecond);

void BM_LexAndParse(benchmark::State &state) {
  Input in(static_cast<unsigned>(state.range(0)));
  for (auto _ : state) {
    DiagnosticEngine diags(in.sm, llvm::errs());
    TokenBuffer tokens = lex(in.sm, in.file, diags);
    std::unique_ptr<ModuleAST> module = parse(tokens, "main", diags);
    benchmark::DoNotOptimize(module->decls.data());
    if (diags.hasErrors())
      state.SkipWithError("the generated program has syntax errors");
  }
  setCounters(state, in);
}
BENCHMARK(BM_LexAndParse)->Arg(2500)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
