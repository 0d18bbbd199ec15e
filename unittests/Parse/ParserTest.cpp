//===- ParserTest.cpp - The trees the parser builds -----------------------===//
//
// Expressions are checked as compact S-expressions (`(+ a (* b c))`), which
// shows precedence and associativity at a glance; declarations and
// statements by their fields. The full --emit=ast format is tested by lit.
//
//===----------------------------------------------------------------------===//
#include "ParseTestHelpers.h"
#include "gtest/gtest.h"

using namespace stencil;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

namespace {

std::string typeStr(const TypeExpr *t) {
  if (!t)
    return "<null>";
  switch (t->getKind()) {
  case TypeExpr::Kind::NamedType: {
    auto *n = cast<NamedTypeExpr>(t);
    std::string s;
    if (n->qualifier.isValid())
      s += n->qualifier.name.str() + ".";
    s += n->name.name.str();
    if (!n->typeArgs.empty()) {
      s += "[";
      for (size_t i = 0; i < n->typeArgs.size(); ++i)
        s += (i ? ", " : "") + typeStr(n->typeArgs[i]);
      s += "]";
    }
    return s;
  }
  case TypeExpr::Kind::SliceType:
    return "[]" + typeStr(cast<SliceTypeExpr>(t)->elem);
  case TypeExpr::Kind::FuncType: {
    auto *f = cast<FuncTypeExpr>(t);
    std::string s = "fn(";
    for (size_t i = 0; i < f->params.size(); ++i)
      s += (i ? ", " : "") + typeStr(f->params[i]);
    s += ")";
    if (f->result)
      s += " " + typeStr(f->result);
    return s;
  }
  }
  return "?";
}

std::string sexpr(const Expr *e) {
  if (!e)
    return "_";
  switch (e->getKind()) {
  case Expr::Kind::Ident:
    return cast<IdentExpr>(e)->name.str();
  case Expr::Kind::IntLit:
    return std::to_string(cast<IntLitExpr>(e)->value);
  case Expr::Kind::FloatLit:
    return std::to_string(cast<FloatLitExpr>(e)->value);
  case Expr::Kind::StringLit:
    return "\"" + cast<StringLitExpr>(e)->value.str() + "\"";
  case Expr::Kind::BoolLit:
    return cast<BoolLitExpr>(e)->value ? "true" : "false";
  case Expr::Kind::Unary: {
    auto *u = cast<UnaryExpr>(e);
    return "(" + tok::getName(u->op).str() + " " + sexpr(u->operand) + ")";
  }
  case Expr::Kind::Binary: {
    auto *b = cast<BinaryExpr>(e);
    return "(" + tok::getName(b->op).str() + " " + sexpr(b->lhs) + " " + sexpr(b->rhs) + ")";
  }
  case Expr::Kind::Paren:
    return "(paren " + sexpr(cast<ParenExpr>(e)->inner) + ")";
  case Expr::Kind::Call: {
    auto *c = cast<CallExpr>(e);
    std::string s = "(call " + sexpr(c->callee);
    for (const Expr *a : c->args)
      s += " " + sexpr(a);
    return s + ")";
  }
  case Expr::Kind::Index: {
    auto *i = cast<IndexExpr>(e);
    std::string s = "(index " + sexpr(i->base);
    for (const Expr *x : i->indices)
      s += " " + sexpr(x);
    return s + ")";
  }
  case Expr::Kind::Slice: {
    auto *s = cast<SliceExpr>(e);
    return "(slice " + sexpr(s->base) + " " + sexpr(s->lo) + " " + sexpr(s->hi) + ")";
  }
  case Expr::Kind::Selector: {
    auto *s = cast<SelectorExpr>(e);
    return "(. " + sexpr(s->base) + " " + s->name.name.str() + ")";
  }
  case Expr::Kind::CompositeLit: {
    auto *c = cast<CompositeLitExpr>(e);
    std::string s = "(lit " + sexpr(c->typeExpr);
    for (const CompositeElement &el : c->elements)
      s += " " + (el.name.isValid() ? el.name.name.str() + "=" : "") + sexpr(el.value);
    return s + ")";
  }
  case Expr::Kind::TypeInExpr:
    return "<" + typeStr(cast<TypeInExpr>(e)->typeExpr) + ">";
  }
  return "?";
}

/// Parses `fn f() { x = SRC }` and returns the S-expression of SRC (or the
/// first error).
std::string parseExpr(const std::string &src) {
  Parsed p("fn f() {\nx = " + src + "\n}\n");
  if (!p.errors().empty())
    return "error: " + p.errors()[0];
  auto *f = cast<FuncDecl>(p.module->decls[0]);
  auto *a = cast<AssignStmt>(f->body->stmts[0]);
  return sexpr(a->rhs);
}

/// Parses `fn f() { SRC }` and returns its statements (the module is kept alive
/// in \p p).
llvm::ArrayRef<Stmt *> parseStmts(std::unique_ptr<Parsed> &p, const std::string &src) {
  p = std::make_unique<Parsed>("fn f() {\n" + src + "\n}\n");
  EXPECT_EQ(p->errors(), std::vector<std::string>{}) << src;
  if (p->module->decls.empty())
    return {};
  return cast<FuncDecl>(p->module->decls[0])->body->stmts;
}

TEST(ParserExprTest, PrecedenceLowestFirst) {
  EXPECT_EQ(parseExpr("a || b && c"), "(|| a (&& b c))");
  EXPECT_EQ(parseExpr("a && b || c"), "(|| (&& a b) c)");
  EXPECT_EQ(parseExpr("a == b + c * d"), "(== a (+ b (* c d)))");
  EXPECT_EQ(parseExpr("a * b + c == d"), "(== (+ (* a b) c) d)");
  EXPECT_EQ(parseExpr("a < b && c >= d || e != f"), "(|| (&& (< a b) (>= c d)) (!= e f))");
  EXPECT_EQ(parseExpr("a | b ^ c & d << e"), "(^ (| a b) (<< (& c d) e))");
  EXPECT_EQ(parseExpr("a % b >> c / d"), "(/ (>> (% a b) c) d)");
  EXPECT_EQ(parseExpr("a <= b"), "(<= a b)");
  EXPECT_EQ(parseExpr("a > b"), "(> a b)");
}

TEST(ParserExprTest, BinaryOperatorsAreLeftAssociative) {
  EXPECT_EQ(parseExpr("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(parseExpr("a / b * c % d"), "(% (* (/ a b) c) d)");
  EXPECT_EQ(parseExpr("a == b == c"), "(== (== a b) c)");
  EXPECT_EQ(parseExpr("a || b || c"), "(|| (|| a b) c)");
  EXPECT_EQ(parseExpr("1 + 2 < 3 == true"), "(== (< (+ 1 2) 3) true)");
}

TEST(ParserExprTest, UnaryBindsTighterThanBinaryLooserThanPostfix) {
  EXPECT_EQ(parseExpr("-a * b"), "(* (- a) b)");
  EXPECT_EQ(parseExpr("!a.b(c)[d]"), "(! (index (call (. a b) c) d))");
  EXPECT_EQ(parseExpr("^-!x"), "(^ (- (! x)))");
  EXPECT_EQ(parseExpr("-(a + b)"), "(- (paren (+ a b)))");
  EXPECT_EQ(parseExpr("a - -b"), "(- a (- b))");
}

TEST(ParserExprTest, Literals) {
  EXPECT_EQ(parseExpr("0x7f + 1_000"), "(+ 127 1000)");
  EXPECT_EQ(parseExpr("\"a\\tb\""), "\"a\tb\"");
  EXPECT_EQ(parseExpr("true != false"), "(!= true false)");
  EXPECT_EQ(parseExpr("2.5"), std::to_string(2.5));
}

TEST(ParserExprTest, MinIntOnlyUnderUnaryMinus) {
  EXPECT_EQ(parseExpr("-9223372036854775808"), "(- 9223372036854775808)");
  EXPECT_EQ(parseExpr("- 9223372036854775808 + 1"), "(+ (- 9223372036854775808) 1)");
  EXPECT_EQ(parseExpr("9223372036854775808"),
            "error: 2:5: error: integer literal '9223372036854775808' does not fit in 64-bit "
            "int (it is allowed only as the operand of unary '-')");
  EXPECT_EQ(parseExpr("-(9223372036854775808)").substr(0, 13), "error: 2:7: e");
  EXPECT_EQ(parseExpr("--9223372036854775808"), "(- (- 9223372036854775808))");
}

TEST(ParserExprTest, PostfixChains) {
  EXPECT_EQ(parseExpr("f(a, b)(c)"), "(call (call f a b) c)");
  EXPECT_EQ(parseExpr("f(a, b,)"), "(call f a b)");
  EXPECT_EQ(parseExpr("f()"), "(call f)");
  EXPECT_EQ(parseExpr("s.items[len(s.items) - 1]"),
            "(index (. s items) (- (call len (. s items)) 1))");
  EXPECT_EQ(parseExpr("a.f[i].g"), "(. (index (. a f) i) g)");
  EXPECT_EQ(parseExpr("m.max[int](1, 2)"), "(call (index (. m max) int) 1 2)");
}

TEST(ParserExprTest, SlicesWithEitherBoundOptional) {
  EXPECT_EQ(parseExpr("xs[a:b]"), "(slice xs a b)");
  EXPECT_EQ(parseExpr("xs[a:]"), "(slice xs a _)");
  EXPECT_EQ(parseExpr("xs[:b]"), "(slice xs _ b)");
  EXPECT_EQ(parseExpr("xs[:]"), "(slice xs _ _)");
  EXPECT_EQ(parseExpr("xs[:len(xs) - 1]"), "(slice xs _ (- (call len xs) 1))");
}

TEST(ParserExprTest, TypeArgumentsAndTypesInExpressions) {
  EXPECT_EQ(parseExpr("f[int, string]"), "(index f int string)");
  EXPECT_EQ(parseExpr("f[[]int](x)"), "(call (index f <[]int>) x)");
  EXPECT_EQ(parseExpr("g[fn(int) int, fn(), []Pair[K, V]]"),
            "(index g <fn(int) int> <fn()> <[]Pair[K, V]>)");
  EXPECT_EQ(parseExpr("make([]int, 3)"), "(call make <[]int> 3)");
  EXPECT_EQ(parseExpr("[]int(v)"), "(call <[]int> v)");
  EXPECT_EQ(parseExpr("[][]m.T{}"), "(lit <[][]m.T>)");
  EXPECT_EQ(parseExpr("f[a, b,]"), "(index f a b)");
}

TEST(ParserExprTest, CompositeLiterals) {
  EXPECT_EQ(parseExpr("Point{x: 1, y: 2}"), "(lit Point x=1 y=2)");
  EXPECT_EQ(parseExpr("Point{}"), "(lit Point)");
  EXPECT_EQ(parseExpr("Point{1, 2}"), "(lit Point 1 2)");
  EXPECT_EQ(parseExpr("Pair[int, string]{key: 1, value: \"a\"}"),
            "(lit (index Pair int string) key=1 value=\"a\")");
  EXPECT_EQ(parseExpr("m.Pair[int]{key: 1}"), "(lit (index (. m Pair) int) key=1)");
  EXPECT_EQ(parseExpr("m.Point{x: 1}.x"), "(. (lit (. m Point) x=1) x)");
  EXPECT_EQ(parseExpr("[]int{1, 2, 3,}"), "(lit <[]int> 1 2 3)");
  EXPECT_EQ(parseExpr("[]Point{Point{x: 1}, Point{}}"),
            "(lit <[]Point> (lit Point x=1) (lit Point))");
  EXPECT_EQ(parseExpr("[]int{\n1,\n2,\n}[0]"), "(index (lit <[]int> 1 2) 0)");
  // Only what can denote a type takes a literal: `f(){` is not one.
  Parsed p("fn f() {\nx = f() {}\n}\n");
  EXPECT_EQ(p.errors(), std::vector<std::string>{"2:9: error: expected ';' or newline, found '{'"});
}

TEST(ParserExprTest, CompositeLiteralsInHeaders) {
  std::unique_ptr<Parsed> p;
  // `{` after a name in a header opens the block (Go's rule).
  auto stmts = parseStmts(p, "if a == b {\n}");
  ASSERT_EQ(stmts.size(), 1u);
  EXPECT_EQ(sexpr(cast<IfStmt>(stmts[0])->cond), "(== a b)");
  stmts = parseStmts(p, "if p == (Point{x: 1}) {}");
  EXPECT_EQ(sexpr(cast<IfStmt>(stmts[0])->cond), "(== p (paren (lit Point x=1)))");
  stmts = parseStmts(p, "if contains(ps, Point{x: 1}) && ps[Point{}] {}");
  EXPECT_EQ(sexpr(cast<IfStmt>(stmts[0])->cond),
            "(&& (call contains ps (lit Point x=1)) (index ps (lit Point)))");
  stmts = parseStmts(p, "for x in []int{1, 2} {}");
  EXPECT_EQ(sexpr(cast<ForEachStmt>(stmts[0])->seq), "(lit <[]int> 1 2)");
  stmts = parseStmts(p, "while n {}");
  EXPECT_EQ(sexpr(cast<WhileStmt>(stmts[0])->cond), "n");
  stmts = parseStmts(p, "for i in 0..n {}");
  EXPECT_EQ(sexpr(cast<ForRangeStmt>(stmts[0])->hi), "n");

  // A literal that surely is one is reported and parsed as a literal.
  Parsed bad("fn f() {\nif p == Point{x: 1} { g() }\nwhile p != m.P{} {}\n}\n");
  EXPECT_EQ(bad.errors(),
            (std::vector<std::string>{
                "2:9: error: a struct literal in the header of 'if' must be parenthesized",
                "3:12: error: a struct literal in the header of 'while' must be parenthesized"}));
  auto *f = cast<FuncDecl>(bad.module->decls[0]);
  ASSERT_EQ(f->body->stmts.size(), 2u);
  EXPECT_EQ(sexpr(cast<IfStmt>(f->body->stmts[0])->cond), "(== p (lit Point x=1))");
}

TEST(ParserStmtTest, EveryStatementForm) {
  std::unique_ptr<Parsed> p;
  auto stmts = parseStmts(p, R"(x := 1
var y int
var z int = 2
var w = 3
x = 1; x += 1; x -= 1; x *= 1; x /= 1; x %= 1
x &= 1; x |= 1; x ^= 1; x <<= 1; x >>= 1
a.f[i].g = e
if c { } else if d { } else { }
while c { break; continue }
for i in a..b { }
for x in xs { }
for i, x in xs { }
return
f(x); s.m(x)
{ return 1 }
)");
  ASSERT_EQ(stmts.size(), 25u);
  auto *short_ = cast<VarDeclStmt>(stmts[0]);
  EXPECT_TRUE(short_->isShort);
  EXPECT_EQ(short_->var->varKind, VarDecl::VarKind::Local);
  EXPECT_EQ(short_->var->name.name, "x");
  EXPECT_EQ(short_->var->typeExpr, nullptr);
  EXPECT_EQ(sexpr(short_->var->init), "1");
  auto *v1 = cast<VarDeclStmt>(stmts[1]);
  EXPECT_FALSE(v1->isShort);
  EXPECT_EQ(typeStr(v1->var->typeExpr), "int");
  EXPECT_EQ(v1->var->init, nullptr);
  EXPECT_EQ(sexpr(cast<VarDeclStmt>(stmts[2])->var->init), "2");
  EXPECT_EQ(cast<VarDeclStmt>(stmts[3])->var->typeExpr, nullptr);
  const tok::Kind ops[] = {tok::equal,           tok::plus_equal,           tok::minus_equal,
                           tok::star_equal,      tok::slash_equal,          tok::percent_equal,
                           tok::amp_equal,       tok::pipe_equal,           tok::caret_equal,
                           tok::less_less_equal, tok::greater_greater_equal};
  for (size_t i = 0; i < 11; ++i)
    EXPECT_EQ(cast<AssignStmt>(stmts[4 + i])->op, ops[i]) << i;
  EXPECT_EQ(sexpr(cast<AssignStmt>(stmts[15])->lhs), "(. (index (. a f) i) g)");
  auto *ifs = cast<IfStmt>(stmts[16]);
  auto *elseIf = cast<IfStmt>(ifs->elseStmt);
  EXPECT_TRUE(isa<BlockStmt>(elseIf->elseStmt));
  EXPECT_TRUE(ifs->elseLoc.isValid());
  auto *w = cast<WhileStmt>(stmts[17]);
  ASSERT_EQ(w->body->stmts.size(), 2u);
  EXPECT_TRUE(isa<BreakStmt>(w->body->stmts[0]));
  EXPECT_TRUE(isa<ContinueStmt>(w->body->stmts[1]));
  auto *range = cast<ForRangeStmt>(stmts[18]);
  EXPECT_EQ(range->var->varKind, VarDecl::VarKind::LoopVar);
  EXPECT_EQ(sexpr(range->lo) + ".." + sexpr(range->hi), "a..b");
  auto *each1 = cast<ForEachStmt>(stmts[19]);
  EXPECT_EQ(each1->indexVar, nullptr);
  EXPECT_EQ(each1->elemVar->name.name, "x");
  auto *each2 = cast<ForEachStmt>(stmts[20]);
  EXPECT_EQ(each2->indexVar->name.name, "i");
  EXPECT_EQ(each2->elemVar->name.name, "x");
  EXPECT_EQ(each2->elemVar->varKind, VarDecl::VarKind::LoopVar);
  EXPECT_EQ(cast<ReturnStmt>(stmts[21])->value, nullptr);
  EXPECT_EQ(sexpr(cast<ExprStmt>(stmts[22])->expr), "(call f x)");
  EXPECT_EQ(sexpr(cast<ExprStmt>(stmts[23])->expr), "(call (. s m) x)");
  EXPECT_TRUE(isa<BlockStmt>(stmts[24]));
}

TEST(ParserStmtTest, ReturnValueUnlessEndOfStatement) {
  std::unique_ptr<Parsed> p;
  auto stmts = parseStmts(p, "if a { return }\nreturn a + b");
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_EQ(cast<ReturnStmt>(cast<IfStmt>(stmts[0])->thenBlock->stmts[0])->value, nullptr);
  EXPECT_EQ(sexpr(cast<ReturnStmt>(stmts[1])->value), "(+ a b)");
}

TEST(ParserStmtTest, RangeNeedsExpressionsOnBothSides) {
  std::unique_ptr<Parsed> p;
  auto stmts = parseStmts(p, "for i in lo + 1..len(xs) * 2 { }");
  auto *r = cast<ForRangeStmt>(stmts[0]);
  EXPECT_EQ(sexpr(r->lo), "(+ lo 1)");
  EXPECT_EQ(sexpr(r->hi), "(* (call len xs) 2)");
}

TEST(ParserDeclTest, ImportsAndTheirBoundNames) {
  Parsed p("import \"containers\"\nimport sh \"geometry/shapes\"\nimport \"a/b_2/c\"\n");
  ASSERT_EQ(p.errors(), std::vector<std::string>{});
  ASSERT_EQ(p.module->imports.size(), 3u);
  EXPECT_TRUE(p.module->decls.empty());
  const ImportDecl *a = p.module->imports[0], *b = p.module->imports[1], *c = p.module->imports[2];
  EXPECT_EQ(a->name.name, "containers");
  EXPECT_EQ(a->path, "containers");
  EXPECT_FALSE(a->alias.isValid());
  EXPECT_EQ(a->name.loc, a->pathLoc);
  EXPECT_EQ(b->name.name, "sh");
  EXPECT_EQ(b->alias.name, "sh");
  EXPECT_EQ(b->path, "geometry/shapes");
  EXPECT_EQ(c->name.name, "c");
  EXPECT_EQ(c->module, p.module.get());
}

TEST(ParserDeclTest, FunctionsWithTypeParamsAndAttributes) {
  Parsed p(R"(pub fn max[T Ordered](a T, b T) T { return a }
@inline fn sq(x int) int { return x * x }
@noinline pub fn slow(a, b int, c string,) {}
pub @inline fn g[K, V any, N ~int | ~float, C Container[K]]() {}
)");
  ASSERT_EQ(p.errors(), std::vector<std::string>{});
  ASSERT_EQ(p.module->decls.size(), 4u);
  auto *max = cast<FuncDecl>(p.module->decls[0]);
  EXPECT_TRUE(max->isPub);
  EXPECT_FALSE(max->isMethod);
  EXPECT_EQ(max->inlineHint, InlineHint::None);
  ASSERT_EQ(max->typeParams.size(), 1u);
  EXPECT_EQ(max->typeParams[0]->name.name, "T");
  ASSERT_EQ(max->typeParams[0]->constraint.size(), 1u);
  EXPECT_EQ(typeStr(max->typeParams[0]->constraint[0].type), "Ordered");
  ASSERT_EQ(max->params.size(), 2u);
  EXPECT_EQ(max->params[1]->varKind, VarDecl::VarKind::Param);
  EXPECT_EQ(typeStr(max->result), "T");
  EXPECT_TRUE(max->isGeneric());

  auto *sq = cast<FuncDecl>(p.module->decls[1]);
  EXPECT_EQ(sq->inlineHint, InlineHint::Inline);
  EXPECT_FALSE(sq->isPub);
  EXPECT_TRUE(sq->hintLoc.isValid());

  auto *slow = cast<FuncDecl>(p.module->decls[2]);
  EXPECT_EQ(slow->inlineHint, InlineHint::NoInline);
  EXPECT_TRUE(slow->isPub);
  ASSERT_EQ(slow->params.size(), 3u);
  EXPECT_EQ(slow->params[0]->name.name, "a");
  EXPECT_EQ(typeStr(slow->params[0]->typeExpr), "int");
  EXPECT_EQ(slow->params[0]->typeExpr, slow->params[1]->typeExpr);
  EXPECT_EQ(typeStr(slow->params[2]->typeExpr), "string");
  EXPECT_EQ(slow->result, nullptr);

  auto *g = cast<FuncDecl>(p.module->decls[3]);
  EXPECT_TRUE(g->isPub);
  EXPECT_EQ(g->inlineHint, InlineHint::Inline);
  ASSERT_EQ(g->typeParams.size(), 4u);
  for (unsigned i = 0; i < 4; ++i)
    EXPECT_EQ(g->typeParams[i]->index, i);
  EXPECT_EQ(g->typeParams[0]->constraint.data(), g->typeParams[1]->constraint.data());
  EXPECT_EQ(typeStr(g->typeParams[1]->constraint[0].type), "any");
  auto n = g->typeParams[2]->constraint;
  ASSERT_EQ(n.size(), 2u);
  EXPECT_TRUE(n[0].hasTilde());
  EXPECT_EQ(typeStr(n[1].type), "float");
  EXPECT_EQ(typeStr(g->typeParams[3]->constraint[0].type), "Container[K]");
}

TEST(ParserDeclTest, MethodsAndReceivers) {
  Parsed p(R"(fn (s Stack[T]) push(v T) { s.items = append(s.items, v) }
pub fn (p Pair[K, V]) key() K { return p.key }
fn (c Celsius) len() int { return 0 }
)");
  ASSERT_EQ(p.errors(), std::vector<std::string>{});
  auto *push = cast<FuncDecl>(p.module->decls[0]);
  EXPECT_TRUE(push->isMethod);
  EXPECT_EQ(push->name.name, "push");
  EXPECT_EQ(push->receiver.var->name.name, "s");
  EXPECT_EQ(push->receiver.var->varKind, VarDecl::VarKind::Receiver);
  EXPECT_EQ(push->receiver.var->typeExpr, nullptr);
  EXPECT_EQ(push->receiver.typeName.name, "Stack");
  EXPECT_TRUE(push->receiver.lSquareLoc.isValid());
  ASSERT_EQ(push->receiver.typeParams.size(), 1u);
  EXPECT_TRUE(push->receiver.typeParams[0]->constraint.empty());
  EXPECT_TRUE(push->typeParams.empty());
  EXPECT_TRUE(push->isGeneric());
  auto *key = cast<FuncDecl>(p.module->decls[1]);
  EXPECT_TRUE(key->isPub);
  ASSERT_EQ(key->receiver.typeParams.size(), 2u);
  EXPECT_EQ(key->receiver.typeParams[1]->name.name, "V");
  EXPECT_EQ(key->receiver.typeParams[1]->index, 1u);
  auto *len = cast<FuncDecl>(p.module->decls[2]);
  EXPECT_FALSE(len->receiver.lSquareLoc.isValid());
  EXPECT_FALSE(len->isGeneric());
  EXPECT_EQ(len->name.name, "len");
}

TEST(ParserDeclTest, TypesAndInterfaces) {
  Parsed p(R"(type Point struct { x int; y int }
pub type Pair[K, V any] struct {
  key K
  a, b V
}
type Empty struct {}
type Celsius float
type Vec[T any] []T
type Ints []int
type F fn(int) bool
interface Ordered { ~int | ~float | ~string }
interface Shape   { fn area() float; fn name() string }
pub interface Key     { comparable; fn hash() int }
interface Container[T any] {
  fn get(i int) T
  Other[T] | any
}
)");
  ASSERT_EQ(p.errors(), std::vector<std::string>{});
  ASSERT_EQ(p.module->decls.size(), 11u);
  auto *point = cast<TypeDecl>(p.module->decls[0]);
  EXPECT_TRUE(point->isStruct);
  ASSERT_EQ(point->fields.size(), 2u);
  EXPECT_EQ(point->fields[1].name.name, "y");
  auto *pair = cast<TypeDecl>(p.module->decls[1]);
  EXPECT_TRUE(pair->isPub);
  ASSERT_EQ(pair->typeParams.size(), 2u);
  ASSERT_EQ(pair->fields.size(), 3u);
  EXPECT_EQ(pair->fields[2].name.name, "b");
  EXPECT_EQ(pair->fields[1].typeExpr, pair->fields[2].typeExpr);
  EXPECT_TRUE(cast<TypeDecl>(p.module->decls[2])->fields.empty());
  auto *celsius = cast<TypeDecl>(p.module->decls[3]);
  EXPECT_FALSE(celsius->isStruct);
  EXPECT_EQ(typeStr(celsius->underlying), "float");
  auto *vec = cast<TypeDecl>(p.module->decls[4]);
  EXPECT_EQ(vec->typeParams.size(), 1u);
  EXPECT_EQ(typeStr(vec->underlying), "[]T");
  auto *ints = cast<TypeDecl>(p.module->decls[5]);
  EXPECT_TRUE(ints->typeParams.empty());
  EXPECT_EQ(typeStr(ints->underlying), "[]int");
  EXPECT_EQ(typeStr(cast<TypeDecl>(p.module->decls[6])->underlying), "fn(int) bool");

  auto *ordered = cast<InterfaceDecl>(p.module->decls[7]);
  ASSERT_EQ(ordered->elements.size(), 1u);
  EXPECT_FALSE(ordered->elements[0].isMethod);
  EXPECT_EQ(ordered->elements[0].terms.size(), 3u);
  auto *shape = cast<InterfaceDecl>(p.module->decls[8]);
  ASSERT_EQ(shape->elements.size(), 2u);
  EXPECT_TRUE(shape->elements[1].isMethod);
  EXPECT_EQ(shape->elements[1].methodName.name, "name");
  EXPECT_EQ(typeStr(shape->elements[1].result), "string");
  auto *key = cast<InterfaceDecl>(p.module->decls[9]);
  EXPECT_TRUE(key->isPub);
  ASSERT_EQ(key->elements.size(), 2u);
  EXPECT_EQ(typeStr(key->elements[0].terms[0].type), "comparable");
  auto *container = cast<InterfaceDecl>(p.module->decls[10]);
  EXPECT_TRUE(container->isGeneric());
  ASSERT_EQ(container->elements.size(), 2u);
  EXPECT_EQ(container->elements[0].params.size(), 1u);
  EXPECT_EQ(container->elements[1].terms.size(), 2u);
}

TEST(ParserDeclTest, GlobalVariables) {
  Parsed p("var a int\npub var b int = 1\nvar c = f()\nvar d []fn(int) = nil\n");
  ASSERT_EQ(p.errors(), std::vector<std::string>{});
  ASSERT_EQ(p.module->decls.size(), 4u);
  auto *a = cast<VarDecl>(p.module->decls[0]);
  EXPECT_EQ(a->varKind, VarDecl::VarKind::Global);
  EXPECT_FALSE(a->isPub);
  EXPECT_EQ(a->init, nullptr);
  EXPECT_TRUE(cast<VarDecl>(p.module->decls[1])->isPub);
  EXPECT_EQ(cast<VarDecl>(p.module->decls[2])->typeExpr, nullptr);
  EXPECT_EQ(typeStr(cast<VarDecl>(p.module->decls[3])->typeExpr), "[]fn(int)");
}

TEST(ParserDeclTest, LocationsAreThoseOfTheTokens) {
  Parsed p("pub fn f(a int) {\n  x := a[1:2]\n}\n");
  ASSERT_EQ(p.errors(), std::vector<std::string>{});
  auto *f = cast<FuncDecl>(p.module->decls[0]);
  auto off = [&](SourceLoc l) { return p.sm.getFileOffset(l); };
  EXPECT_EQ(off(f->fnLoc), 4u);
  EXPECT_EQ(off(f->name.loc), 7u);
  EXPECT_EQ(off(f->body->getBeginLoc()), 16u);
  EXPECT_EQ(off(f->body->rBraceLoc), 32u);
  auto *s = cast<SliceExpr>(cast<VarDeclStmt>(f->body->stmts[0])->var->init);
  EXPECT_EQ(off(s->getBeginLoc()), 25u);
  EXPECT_EQ(off(s->lSquareLoc), 26u);
  EXPECT_EQ(off(s->colonLoc), 28u);
  EXPECT_EQ(off(s->rSquareLoc), 30u);
}

TEST(ParserDeclTest, EmptyModules) {
  for (const char *src : {"", "\n\n", "// only a comment\n", ";;;", "/* x */"}) {
    Parsed p(src);
    EXPECT_EQ(p.errors(), std::vector<std::string>{}) << src;
    EXPECT_TRUE(p.module->decls.empty());
    EXPECT_EQ(p.module->modulePath, "main");
  }
}

TEST(ASTTest, BuiltinNames) {
  EXPECT_EQ(getBuiltinName(Builtin::Len), "len");
  EXPECT_EQ(getBuiltinName(Builtin::Cap), "cap");
  EXPECT_EQ(getBuiltinName(Builtin::Append), "append");
  EXPECT_EQ(getBuiltinName(Builtin::Make), "make");
  EXPECT_EQ(getBuiltinName(Builtin::Print), "print");
  EXPECT_EQ(getBuiltinName(Builtin::Println), "println");
  EXPECT_EQ(getBuiltinName(Builtin::Str), "str");
  EXPECT_EQ(getBuiltinName(Builtin::Hash), "hash");
  EXPECT_EQ(getBuiltinName(Builtin::Panic), "panic");
  EXPECT_EQ(getBuiltinName(Builtin::Exit), "exit");
}

TEST(ASTDumpTest, SmallModule) {
  Parsed p(R"(import "containers"

pub fn main() {
    x := 1
}
)");
  EXPECT_EQ(p.dump(), R"(Module main
  ImportDecl containers "containers" 1:8
  FuncDecl pub main 3:8
    Block 3:15
      VarDeclStmt short 4:5
        VarDecl x 4:5
          IntLit 1 4:10
)");
}

TEST(ASTDumpTest, LiteralsAreEscapedAndShortest) {
  Parsed p("var s = \"a\\n\\t\\\"\\\\\\x01\\xff\"\nvar f = 0.1\nvar g = 1e100\nvar h = 2.0\n");
  EXPECT_EQ(p.dump(), R"(Module main
  VarDecl s 1:5
    StringLit "a\n\t\"\\\x01\xff" 1:9
  VarDecl f 2:5
    FloatLit 0.1 2:9
  VarDecl g 3:5
    FloatLit 1e+100 3:9
  VarDecl h 4:5
    FloatLit 2 4:9
)");
}

} // namespace
