//===- LexBench.cpp - Lexing speed on a large generated program -----------===//
//
//   ninja -C build lex-bench && build/bin/lex-bench
//
// Reports lines/s and bytes/s of stencil::lex on a generated program of typical
// code (declarations, loops, calls, literals, comments).
//
//===----------------------------------------------------------------------===//
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <benchmark/benchmark.h>
#include <string>

using namespace stencil;

namespace {

/// A program of about \p numFunctions * 16 lines.
std::string generateProgram(unsigned numFunctions, unsigned &numLines) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "import \"containers\"\n\n"
     << "interface Ordered { ~int | ~float | ~string }\n"
     << "type Pair[K, V any] struct { key K; value V }\n\n";
  for (unsigned i = 0; i < numFunctions; ++i) {
    os << "// sum" << i << " adds the elements of xs that are below the limit.\n"
       << "pub fn sum" << i << "[T Ordered](xs []T, limit T) T {\n"
       << "    var total T\n"
       << "    for i, x in xs {\n"
       << "        if x < limit && i % " << (i % 7 + 2) << " != 0 {\n"
       << "            total += x\n"
       << "        } else if x >= limit {\n"
       << "            break\n"
       << "        }\n"
       << "    }\n"
       << "    /* scale */ count := 0x" << llvm::format_hex_no_prefix(i * 2654435761u % 65536, 4)
       << " + 1_000 * " << i << "\n"
       << "    ratio := 2.5e-3 * float(count) / 1.5\n"
       << "    println(\"sum" << i << ":\\t\", total, ratio, xs[len(xs) - 1])\n"
       << "    p := Pair[string, int]{key: \"k\", value: count << 2}\n"
       << "    return total\n"
       << "}\n";
  }
  os.flush();
  numLines = 0;
  for (char c : out)
    numLines += c == '\n';
  return out;
}

void BM_Lex(benchmark::State &state) {
  unsigned numLines = 0;
  std::string program = generateProgram(static_cast<unsigned>(state.range(0)), numLines);
  SourceManager sm;
  FileId file = sm.addBuffer(program, "bench.stn");
  size_t numTokens = 0;
  for (auto _ : state) {
    DiagnosticEngine diags(sm, llvm::errs());
    TokenBuffer tokens = lex(sm, file, diags);
    numTokens = tokens.tokens.size();
    benchmark::DoNotOptimize(tokens.tokens.data());
    if (diags.hasErrors())
      state.SkipWithError("the generated program has lexer errors");
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(program.size()));
  state.counters["lines/s"] =
      benchmark::Counter(numLines, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["tokens/s"] =
      benchmark::Counter(double(numTokens), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["lines"] = numLines;
}
BENCHMARK(BM_Lex)->Arg(1000)->Arg(20000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
