//===- ParserRecoveryTest.cpp - Syntax errors and recovery ----------------===//
//
// One error per broken statement, declaration, field or interface element; the
// next one is still parsed, and nothing after the error is lost.
//
//===----------------------------------------------------------------------===//
#include "ParseTestHelpers.h"
#include "gtest/gtest.h"

using namespace stencil;
using llvm::cast;
using Errors = std::vector<std::string>;

namespace {

Errors errorsOf(const std::string &src) { return Parsed(src).errors(); }

size_t numStmtsOfFirstFunc(const Parsed &p) {
  for (const Decl *d : p.module->decls)
    if (auto *f = llvm::dyn_cast<FuncDecl>(d))
      return f->body->stmts.size();
  return 0;
}

TEST(ParserRecoveryTest, TwoBadStatementsTwoErrors) {
  Parsed p("fn f() {\n  x := (1 +)\n  y = ]\n  z := 3\n}\n");
  EXPECT_EQ(p.errors(), (Errors{"2:12: error: expected expression, found ')'",
                                "3:7: error: expected expression, found ']'"}));
  // The function and its good statement survive.
  ASSERT_EQ(p.module->decls.size(), 1u);
  EXPECT_EQ(numStmtsOfFirstFunc(p), 1u);
}

TEST(ParserRecoveryTest, ErrorsInConsecutiveStatementsOnOneLine) {
  EXPECT_EQ(errorsOf("fn f() { a := ; b := ) ; c() }\n"),
            (Errors{"1:15: error: expected expression, found ';'",
                    "1:22: error: expected expression, found ')'"}));
}

TEST(ParserRecoveryTest, AtMostOneErrorPerStatement) {
  EXPECT_EQ(errorsOf("fn f() {\n  g(a b c d e)\n  h()\n}\n"),
            (Errors{"2:7: error: expected ',' or ')', found 'b'"}));
}

TEST(ParserRecoveryTest, UnclosedParenEndsAtTheNewline) {
  // No `;` after `,` or `(`: the call goes on to `k()` and ends at its newline.
  Parsed p("fn f() {\n  g(a, \n  h(\n  k()\n  m(1 2)\n}\nfn g() { x := }\n");
  EXPECT_EQ(p.errors(), (Errors{"4:6: error: expected ',' or ')', found newline",
                                "5:7: error: expected ',' or ')', found '2'",
                                "7:15: error: expected expression, found '}'"}));
  EXPECT_EQ(p.module->decls.size(), 2u);
}

TEST(ParserRecoveryTest, BrokenHeaderSkipsTheWholeStatement) {
  Parsed p("fn f() {\n  if (a == 1 {\n    a()\n  }\n  b()\n  while {}\n  c()\n}\n");
  EXPECT_EQ(p.errors(), (Errors{"2:14: error: expected ')', found '{'",
                                "6:9: error: expected expression, found '{'"}));
  EXPECT_EQ(numStmtsOfFirstFunc(p), 2u);
}

TEST(ParserRecoveryTest, ErrorsInsideNestedBlocksStayThere) {
  Parsed p("fn f() {\n  if a {\n    x := )\n  } else {\n    y = = 2\n  }\n  z()\n}\n");
  EXPECT_EQ(p.errors(), (Errors{"3:10: error: expected expression, found ')'",
                                "5:9: error: expected expression, found '='"}));
  EXPECT_EQ(numStmtsOfFirstFunc(p), 2u);
}

TEST(ParserRecoveryTest, MultiLineCompositeLiteralNeedsTrailingComma) {
  Parsed p("fn f() {\n  p := Point{\n    x: 1,\n    y: 2\n  }\n  q()\n}\n");
  EXPECT_EQ(p.errors(), (Errors{"4:9: error: expected ',' or '}', found newline"}));
  EXPECT_EQ(numStmtsOfFirstFunc(p), 1u);
}

TEST(ParserRecoveryTest, MissingCloseBraceDoesNotSwallowTheNextFunction) {
  Parsed p("fn f() {\n  if a {\n    b()\n\nfn g() { x := }\n");
  EXPECT_EQ(p.errors(), (Errors{"5:1: error: expected '}', found 'fn'",
                                "5:15: error: expected expression, found '}'"}));
}

TEST(ParserRecoveryTest, BadDeclarationsRecoverAtTheNextOne) {
  Parsed p("x := 1\nfn f(a int b int) {}\ntype T struct { x int y }\nfn ok() {}\n"
           "interface I { ~ }\nvar v\n");
  EXPECT_EQ(p.errors(), (Errors{"1:1: error: expected declaration, found 'x'",
                                "2:12: error: expected ',' or ')', found 'b'",
                                "3:23: error: expected ';' or newline, found 'y'",
                                "5:17: error: '~' must be followed by a type",
                                "6:6: error: expected type, found newline"}));
  ASSERT_EQ(p.module->decls.size(), 3u);
  EXPECT_EQ(cast<TypeDecl>(p.module->decls[0])->fields.size(), 1u);
  EXPECT_EQ(p.module->decls[1]->name.name, "ok");
  EXPECT_TRUE(cast<InterfaceDecl>(p.module->decls[2])->elements.empty());
}

TEST(ParserRecoveryTest, DeclarationsOnOneLineNeedASemicolon) {
  EXPECT_EQ(errorsOf("fn f() {} fn g() {}\nfn h() {}; fn k() {}\n"),
            (Errors{"1:11: error: expected ';' or newline, found 'fn'"}));
}

TEST(ParserRecoveryTest, FoundTokensAreNamedShortly) {
  EXPECT_EQ(errorsOf("fn f() { x = }"), (Errors{"1:14: error: expected expression, found '}'"}));
  EXPECT_EQ(errorsOf("fn f() { x = foo bar }"),
            (Errors{"1:18: error: expected ';' or newline, found 'bar'"}));
  EXPECT_EQ(errorsOf("fn f("), (Errors{"1:6: error: expected parameter name, found end of file"}));
  EXPECT_EQ(errorsOf("fn f() {\n  x = 1 \"str\"\n}"),
            (Errors{"2:9: error: expected ';' or newline, found '\"str\"'"}));
  EXPECT_EQ(errorsOf("fn f() {\n  x = 1 \"a very long string literal indeed\"\n}"),
            (Errors{"2:9: error: expected ';' or newline, found string literal"}));
  EXPECT_EQ(errorsOf("fn f() int\n{}"), (Errors{"1:11: error: expected '{', found newline"}));
  EXPECT_EQ(errorsOf("fn f() { g(1; 2) }"),
            (Errors{"1:13: error: expected ',' or ')', found ';'"}));
  EXPECT_EQ(errorsOf("fn f() { x := 1"), (Errors{"1:16: error: expected '}', found end of file"}));
}

TEST(ParserRecoveryTest, NonFatalErrorsKeepTheDeclaration) {
  Parsed p("@foo fn a() {}\n@inline type T int\n@inline @noinline fn b() {}\n"
           "@inline @inline fn c() {}\nfn d[T]() {}\nfn e[]() {}\n"
           "fn (s S) m[T any]() {}\n");
  EXPECT_EQ(p.errors(),
            (Errors{"1:1: error: unknown attribute '@foo' (expected '@inline' or '@noinline')",
                    "2:1: error: '@inline' can only be applied to a function",
                    "3:9: error: '@inline' and '@noinline' cannot both be applied",
                    "4:9: error: duplicate attribute '@inline'",
                    "5:6: error: missing type constraint for 'T'",
                    "6:5: error: empty type parameter list",
                    "7:11: error: methods cannot have type parameters"}));
  ASSERT_EQ(p.module->decls.size(), 7u);
  auto *d = cast<FuncDecl>(p.module->decls[4]);
  ASSERT_EQ(d->typeParams.size(), 1u);
  EXPECT_TRUE(d->typeParams[0]->constraint.empty());
  auto *m = cast<FuncDecl>(p.module->decls[6]);
  EXPECT_TRUE(m->typeParams.empty());
}

TEST(ParserRecoveryTest, StatementSpecificErrors) {
  EXPECT_EQ(errorsOf("fn f() {\n  a.b := 1\n}"),
            (Errors{"2:3: error: non-name on left side of ':='"}));
  EXPECT_EQ(errorsOf("fn f() {\n  a, b := 1, 2\n}"),
            (Errors{"2:4: error: only one variable can be assigned or declared per statement"}));
  EXPECT_EQ(errorsOf("fn f() {\n  for i = 0 {}\n}"),
            (Errors{"2:9: error: expected 'in' in for loop, found '='"}));
  EXPECT_EQ(errorsOf("fn f() {\n  for i, j in 0..n {}\n}"),
            (Errors{"2:10: error: a range loop 'for i in a..b' has only one variable"}));
  EXPECT_EQ(errorsOf("fn f() {\n  for {}\n}"),
            (Errors{"2:7: error: expected loop variable, found '{'"}));
  EXPECT_EQ(errorsOf("fn f() {\n  if a {} else b()\n}"),
            (Errors{"2:16: error: expected 'if' or '{', found 'b'"}));
  EXPECT_EQ(errorsOf("fn f() {\n  if a {}\n  else {}\n}"),
            (Errors{"3:3: error: expected statement, found 'else'"}));
  EXPECT_EQ(errorsOf("fn f() {\n  pub var x int\n}"),
            (Errors{"2:3: error: 'pub' cannot be applied to a local variable"}));
  EXPECT_EQ(errorsOf("fn f() {\n  x := 9223372036854775808\n}"),
            (Errors{"2:8: error: integer literal '9223372036854775808' does not fit in 64-bit "
                    "int (it is allowed only as the operand of unary '-')"}));
}

TEST(ParserRecoveryTest, DeclarationSpecificErrors) {
  EXPECT_EQ(errorsOf("fn f(a, b) {}"), (Errors{"1:9: error: missing type for parameter 'b'"}));
  EXPECT_EQ(errorsOf("fn (s m.Stack) f() {}"), (Errors{"1:8: error: expected ')', found '.'"}));
  EXPECT_EQ(errorsOf("fn (s Stack[[]T]) f() {}"),
            (Errors{"1:13: error: expected type parameter name, found '['"}));
  EXPECT_EQ(errorsOf("fn f[T any U any]() {}"),
            (Errors{"1:12: error: expected ',' or ']', found 'U'"}));
  EXPECT_EQ(errorsOf("interface I { fn m[T any]() }"),
            (Errors{"1:19: error: methods cannot have type parameters"}));
  EXPECT_EQ(
      errorsOf("import \"a/b-c\"\nimport x \"\"\nimport \"a//b\"\nimport \"a/for\"\n"
               "import f \"a/for\"\n"),
      (Errors{"1:8: error: invalid import path \"a/b-c\"", "2:10: error: invalid import path \"\"",
              "3:8: error: invalid import path \"a//b\"",
              "4:8: error: invalid import path \"a/for\""}));
  EXPECT_EQ(errorsOf("fn f() {}\nimport \"a\"\npub import \"b\"\n"),
            (Errors{"2:1: error: imports must come before other declarations",
                    "3:1: error: 'pub' cannot be applied to an import",
                    "3:5: error: imports must come before other declarations"}));
  EXPECT_EQ(errorsOf("pub pub fn f() {}"),
            (Errors{"1:5: error: expected declaration, found 'pub'"}));
  EXPECT_EQ(errorsOf("import 5"), (Errors{"1:8: error: expected import path, found '5'"}));
  EXPECT_EQ(errorsOf("type T[K any] struct { x [5]int }"),
            (Errors{"1:27: error: expected ']', found '5'"}));
}

TEST(ParserRecoveryTest, ImportsAfterErrorsAreStillImports) {
  Parsed p("import \"a\"\npub import \"b\"\n");
  EXPECT_EQ(p.errors(), (Errors{"2:1: error: 'pub' cannot be applied to an import"}));
  EXPECT_EQ(p.module->imports.size(), 2u);
}

TEST(ParserRecoveryTest, NestingLimitIsReportedOnce) {
  std::string deep = "fn f() {\n  x := " + std::string(5000, '(') + "1" + std::string(5000, ')') +
                     "\n  y := " + std::string(3000, '-') + "1\n  z := 1 +\n}\n";
  Parsed p(deep);
  Errors errors = p.errors();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("error: nesting is too deep (more than 1000 levels)"),
            std::string::npos);
  EXPECT_EQ(errors[1], "5:1: error: expected expression, found '}'");
}

TEST(ParserRecoveryTest, DeepButLegalNestingParses) {
  std::string src = "fn f() {\n  x := " + std::string(300, '(') + "1" + std::string(300, ')') +
                    "\n  " + std::string(300, '{') + std::string(300, '}') + "\n  var t " +
                    [] {
                      std::string s;
                      for (int i = 0; i < 300; ++i)
                        s += "[]";
                      return s;
                    }() +
                    "int\n}\n";
  EXPECT_EQ(errorsOf(src), Errors{});
}

TEST(ParserRecoveryTest, LongChainsAreNotNesting) {
  // Flat constructs of any length are valid (generated code has them), though
  // their trees are as deep as they are long.
  std::string src = "fn f() {\n  x := 1";
  for (int i = 0; i < 5000; ++i)
    src += " + 1";
  src += "\n  y := a";
  for (int i = 0; i < 5000; ++i)
    src += ".f[0](x)";
  src += "\n  if x == 0 { }";
  for (int i = 0; i < 3000; ++i)
    src += " else if x == " + std::to_string(i) + " { }";
  src += " else { }\n}\n";
  Parsed p(src);
  EXPECT_EQ(p.errors(), Errors{});
  ASSERT_EQ(numStmtsOfFirstFunc(p), 3u);
  auto *f = cast<FuncDecl>(p.module->decls[0]);
  const Stmt *s = f->body->stmts[2];
  unsigned ifs = 0;
  while (auto *i = llvm::dyn_cast_or_null<IfStmt>(s)) {
    ++ifs;
    s = i->elseStmt;
  }
  EXPECT_EQ(ifs, 3001u);
  EXPECT_TRUE(llvm::isa<BlockStmt>(s));
}

TEST(ParserRecoveryTest, ErrorLimitStopsQuietly) {
  std::string src = "fn f() {\n";
  for (int i = 0; i < 100; ++i)
    src += "  x := )\n";
  src += "}\n";
  Parsed p(src, /*silent=*/false, /*errorLimit=*/20);
  EXPECT_EQ(p.numErrors, 20u);
}

} // namespace
