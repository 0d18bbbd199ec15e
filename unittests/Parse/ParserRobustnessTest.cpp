//===- ParserRobustnessTest.cpp - Any token sequence parses, finitely -----===//
//
// Parses thousands of random token sequences, every truncation of a valid
// program and random mutations of it. The parser must end, report an error for
// every invalid input it rejects, and build a tree whose required fields are
// all set: dumping it walks every node.
//
//===----------------------------------------------------------------------===//
#include "ParseTestHelpers.h"
#include "gtest/gtest.h"
#include <random>

using namespace stencil;

namespace {

const char kProgram[] = R"(import "containers"
import sh "geometry/shapes"

interface Ordered { ~int | ~float | ~string }
interface Key { comparable; fn hash() int }
pub type Pair[K, V any] struct { key K; value V }
type Celsius float
type Vec[T any] []T
var counter int = 0

pub fn max[T Ordered](a T, b T) T {
    if a > b { return a } else if a == b { return b } else { return b }
}

fn (p Pair[K, V]) get(i int) V { return p.value }

@inline fn sum[T ~int | ~float](xs []T) T {
    var total T
    for x in xs { total += x }
    for i, x in xs { total -= x * T(i) }
    for i in 0..len(xs) { if xs[i] == (T{}) { break } }
    while total < 0 { total = -total; continue }
    return total
}

fn main() {
    var s containers.Stack[string]
    s.push("a")
    println(s.len(), s.pop(), max[int](3, 7), sum([]Celsius{1.5, 2.5,}))
    p := Pair[int, string]{key: 1, value: "a"}
    f := fn(int) int(g)
    xs := make([]int, 3)[1:][:2]
    xs[0] <<= -9223372036854775808 % 2
    { p.key = !true || 1 != 2 && ^3 >= 4 }
}
)";

// clang-format off
const char *const kVocabulary[] = {
    "import", "fn", "type", "interface", "var", "pub", "@", "inline", "noinline", "struct",
    "if", "else", "while", "for", "in", "break", "continue", "return", "true", "false",
    "x", "T", "int", "any", "comparable", "1", "9223372036854775808", "2.5", "\"s\"",
    "\"a/b\"", "(", ")", "[", "]", "{", "}", ",", ";", ":", ":=", ".", "..", "~", "+",
    "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "&&", "||", "!", "=", "==", "!=", "<",
    "<=", ">", ">=", "+=", "<<=", "\n", "\n", "\n", "\n",
};
// clang-format on

/// Dumping walks every node: a null where the AST promises a node crashes here.
void parseAndWalk(const std::string &src) {
  Parsed p(src, /*silent=*/true);
  std::string out = p.dump();
  EXPECT_FALSE(out.empty());
  for (const Decl *d : p.module->decls)
    if (auto *f = llvm::dyn_cast<FuncDecl>(d))
      ASSERT_NE(f->body, nullptr);
}

TEST(ParserRobustnessTest, TheProgramIsValid) {
  Parsed p(kProgram);
  EXPECT_EQ(p.errors(), std::vector<std::string>{});
  EXPECT_EQ(p.module->decls.size(), 10u);
}

TEST(ParserRobustnessTest, RandomTokenSequences) {
  std::mt19937 rng(20240607);
  constexpr size_t kVocab = sizeof(kVocabulary) / sizeof(kVocabulary[0]);
  for (int iter = 0; iter < 4000; ++iter) {
    size_t len = rng() % 60;
    std::string src;
    // Half of the inputs start like a function body, to reach statements.
    if (iter % 2)
      src = "fn f() {\n";
    for (size_t i = 0; i < len; ++i) {
      src += kVocabulary[rng() % kVocab];
      src += ' ';
    }
    SCOPED_TRACE(src);
    parseAndWalk(src);
    if (HasFatalFailure())
      return;
  }
}

TEST(ParserRobustnessTest, EveryTruncationOfAValidProgram) {
  std::string program = kProgram;
  for (size_t n = 0; n <= program.size(); ++n) {
    std::string src = program.substr(0, n);
    SCOPED_TRACE(src);
    parseAndWalk(src);
    if (HasFatalFailure())
      return;
  }
}

TEST(ParserRobustnessTest, TokenMutationsOfAValidProgram) {
  Parsed base(kProgram, /*silent=*/true);
  std::vector<std::string> spellings;
  for (const Token &t : base.tokens.tokens)
    if (t.isNot(tok::eof))
      spellings.push_back(t.implicit ? "\n" : base.tokens.getSpelling(t).str());
  std::mt19937 rng(7);
  for (int iter = 0; iter < 2000; ++iter) {
    std::vector<std::string> toks = spellings;
    for (int m = 0, e = 1 + rng() % 4; m < e; ++m) {
      size_t i = rng() % toks.size(), j = rng() % toks.size();
      switch (rng() % 4) {
      case 0:
        toks.erase(toks.begin() + i);
        break;
      case 1:
        toks.insert(toks.begin() + i, toks[j]);
        break;
      case 2:
        std::swap(toks[i], toks[j]);
        break;
      default:
        toks[i] = kVocabulary[rng() % (sizeof(kVocabulary) / sizeof(kVocabulary[0]))];
        break;
      }
    }
    std::string src;
    for (const std::string &s : toks)
      src += s + " ";
    SCOPED_TRACE(src);
    parseAndWalk(src);
    if (HasFatalFailure())
      return;
  }
}

TEST(ParserRobustnessTest, DeepNestingOfEveryKind) {
  const size_t n = 100000;
  std::vector<std::string> inputs = {
      "fn f() { x := " + std::string(n, '('),
      "fn f() { x := " + std::string(n, '(') + "1" + std::string(n, ')') + " }",
      "fn f() { x := " + std::string(n, '-') + "1 }",
      "fn f() { x := " + std::string(n, '[') + " }",
      "fn f() " + std::string(n, '{') + std::string(n, '}'),
      "fn f() " + std::string(n, '{'),
      "var x " + std::string(n, '[') + std::string(n, ']'),
      "fn f() { x := a" + std::string(n, '.') + " }",
  };
  std::string fns = "var x ";
  for (size_t i = 0; i < 20000; ++i)
    fns += "fn(";
  inputs.push_back(fns);
  std::string lits = "fn f() { x := ";
  for (size_t i = 0; i < 20000; ++i)
    lits += "[]int{";
  inputs.push_back(lits);
  std::string calls = "fn f() { x := ";
  for (size_t i = 0; i < 20000; ++i)
    calls += i % 2 ? "f(" : "a[";
  inputs.push_back(calls);
  std::string ifs = "fn f() { ";
  for (size_t i = 0; i < 20000; ++i)
    ifs += "if a { while b { ";
  inputs.push_back(ifs);
  for (const std::string &src : inputs) {
    Parsed p(src, /*silent=*/true);
    EXPECT_GT(p.numErrors, 0u) << src.substr(0, 40);
    p.dump();
  }
}

TEST(ParserRobustnessTest, LongChainsParseAndDumpWithoutRecursion) {
  // A tree as deep as the chain is long: the dumper walks it with its own stack.
  std::string src = "fn f() {\n  x := a";
  for (int i = 0; i < 20000; ++i)
    src += i % 2 ? "[0]" : " + b";
  src += "\n  if a {}";
  for (int i = 0; i < 20000; ++i)
    src += " else if a {}";
  src += "\n}\n";
  Parsed p(src, /*silent=*/true);
  EXPECT_EQ(p.numErrors, 0u);
  llvm::raw_null_ostream os;
  dumpAST(*p.module, p.sm, os);
}

TEST(ParserRobustnessTest, HandMadeBuffers) {
  SourceManager sm;
  FileId file = sm.addBuffer("fn", "t.stn");
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(sm, os);
  TokenBuffer empty;
  empty.file = file;
  empty.text = sm.getText(file);
  empty.fileBase = sm.getStartLoc(file).raw();
  auto m = parse(empty, "main", diags);
  EXPECT_TRUE(m->decls.empty());
  EXPECT_FALSE(diags.hasErrors());

  // No eof at the end: the parser supplies one.
  TokenBuffer noEof = empty;
  Token fn;
  fn.kind = tok::kw_fn;
  fn.length = 2;
  fn.loc = sm.getStartLoc(file);
  noEof.tokens.push_back(fn);
  m = parse(noEof, "main", diags);
  EXPECT_TRUE(m->decls.empty());
  EXPECT_EQ(out, "t.stn:1:3: error: expected function name, found end of file\nfn\n  ^\n");
}

} // namespace
