#include "stencil/Sema/Type.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "stencil/Sema/Sema.h"
#include "gtest/gtest.h"

using namespace stencil;

namespace {

/// Parses and checks a one-module program; the test owns everything.
struct Checked {
  SourceManager sm;
  std::string errors;
  llvm::raw_string_ostream errStream{errors};
  DiagnosticEngine diags{sm, errStream};
  TypeContext types;
  std::unique_ptr<ModuleAST> module;

  explicit Checked(llvm::StringRef source) {
    FileId f = sm.addBuffer(source.str(), "t.stn");
    TokenBuffer tokens = lex(sm, f, diags);
    module = parse(tokens, "main", diags);
    ModuleAST *m = module.get();
    checkProgram({m}, m, types, diags);
  }
  TypeDecl *type(llvm::StringRef name) {
    for (Decl *d : module->decls)
      if (auto *td = llvm::dyn_cast<TypeDecl>(d); td && td->name.name == name)
        return td;
    return nullptr;
  }
};

} // namespace

TEST(TypeContextTest, EqualTypesAreOneObject) {
  TypeContext types;
  const Type *i = types.getInt();
  EXPECT_EQ(types.getSlice(i), types.getSlice(i));
  EXPECT_NE(types.getSlice(i), types.getSlice(types.getFloat()));
  EXPECT_EQ(types.getSlice(types.getSlice(i)), types.getSlice(types.getSlice(i)));
  const Type *params[] = {i, types.getString()};
  EXPECT_EQ(types.getFunc(params, i), types.getFunc(params, i));
  EXPECT_NE(types.getFunc(params, i), types.getFunc(params, types.getVoid()));
  const Type *one[] = {i};
  EXPECT_NE(types.getFunc(params, i), types.getFunc(one, i));
}

TEST(TypeContextTest, IdsAreDenseInCreationOrder) {
  TypeContext types;
  unsigned before = types.getNumTypes();
  const Type *s = types.getSlice(types.getBool());
  EXPECT_EQ(s->getId(), before);
  EXPECT_EQ(types.getSlice(types.getBool())->getId(), before);
  EXPECT_EQ(types.getNumTypes(), before + 1);
}

TEST(TypeContextTest, InstancesAreInternedAndSubstituted) {
  Checked c("type Pair[K, V any] struct { key K; value V }\n"
            "type Celsius float\n"
            "fn main() {}\n");
  ASSERT_EQ(c.errors, "");
  TypeDecl *pair = c.type("Pair");
  TypeDecl *celsius = c.type("Celsius");
  ASSERT_TRUE(pair && celsius);
  TypeContext &t = c.types;
  const Type *args[] = {t.getInt(), t.getString()};
  const NamedType *a = t.getNamed(pair, args);
  EXPECT_EQ(a, t.getNamed(pair, args));
  llvm::ArrayRef<Field> fields = t.getFields(a);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].type, t.getInt());
  EXPECT_EQ(fields[1].type, t.getString());
  EXPECT_EQ(typeToQualifiedString(a), "main.Pair[int, string]");
  EXPECT_EQ(typeToString(a, c.module.get()), "Pair[int, string]");

  // A defined type is distinct from its underlying type, and its underlying is float.
  EXPECT_NE(celsius->declaredType, t.getFloat());
  EXPECT_EQ(t.getUnderlying(celsius->declaredType), t.getFloat());

  // Substituting the declaration's own parameters gives the same instance.
  Substitution s;
  s.add(llvm::cast<TypeParamType>(pair->typeParams[0]->type), t.getInt());
  s.add(llvm::cast<TypeParamType>(pair->typeParams[1]->type), t.getString());
  EXPECT_EQ(t.substitute(pair->declaredType, s), a);
  EXPECT_EQ(t.substitute(t.getSlice(pair->declaredType), s), t.getSlice(a));
}

TEST(TypeContextTest, CheckedProgramAnnotatesInferredTypeArguments) {
  Checked c("fn id[T any](x T) T { return x }\n"
            "fn main() { y := id(\"s\"); println(y) }\n");
  ASSERT_EQ(c.errors, "");
  FuncDecl *main = nullptr;
  for (Decl *d : c.module->decls)
    if (auto *f = llvm::dyn_cast<FuncDecl>(d); f && f->name.name == "main")
      main = f;
  ASSERT_TRUE(main && main->body && !main->body->stmts.empty());
  auto *decl = llvm::dyn_cast<VarDeclStmt>(main->body->stmts[0]);
  ASSERT_TRUE(decl);
  auto *call = llvm::dyn_cast<CallExpr>(decl->var->init);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->callKind, CallKind::Function);
  ASSERT_EQ(call->typeArgs.size(), 1u);
  EXPECT_EQ(call->typeArgs[0], c.types.getString());
  EXPECT_EQ(decl->var->type, c.types.getString());
}
