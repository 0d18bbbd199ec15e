//===- ParserImpl.h - The recursive-descent parser (private) ----*- C++ -*-===//
//
// One Parser per module. The grammar is split by feature: Parser.cpp (tokens,
// diagnostics, recovery, the module and imports), ParseDecl.cpp, ParseStmt.cpp,
// ParseExpr.cpp and ParseType.cpp.
//
// Error handling: a parse function that hits a syntax error reports it and
// returns null (or false); its callers return null without reporting again, up
// to the statement, member or declaration loop, which skips to a
// synchronization point (recoverStmt / recoverDecl) and goes on. So each
// statement reports at most one syntax error. A few errors do not stop the
// parse (a misplaced attribute, a missing constraint, ...): they are reported
// and the node is built anyway.
//
// Recovery knows which brackets are open: consume() keeps a stack of the
// `(`, `[`, `{` consumed and not yet closed, so recovery can skip to the end of
// the statement that failed without leaving the enclosing block.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_PARSE_PARSERIMPL_H
#define STENCIL_LIB_PARSE_PARSERIMPL_H

#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Lex/Token.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace stencil {
namespace parser {

/// Deeper parser recursion (parentheses, unary operators, blocks, types, ...)
/// is err_nesting_too_deep. Chains (`a + b + c ...`, `x.f.g[0]...`,
/// else-if) are loops and may be of any length.
constexpr unsigned kMaxNestingDepth = 1000;

class Parser {
public:
  Parser(const TokenBuffer &tokens, ModuleAST &module, DiagnosticEngine &diags);
  void parseModule();

private:
  //===--- Tokens (Parser.cpp) ---------------------------------------------===//
  const Token &tok() const { return toks_[pos_]; }
  /// The token \p n after the current one (eof past the end).
  const Token &peek(unsigned n) const {
    size_t i = pos_ + n;
    return i < numToks_ ? toks_[i] : toks_[numToks_ - 1];
  }
  bool at(tok::Kind k) const { return toks_[pos_].kind == k; }
  /// Consumes the current token (never the eof) and returns its location;
  /// keeps the stack of open brackets.
  /// Moves past the current token (never past the final eof) and returns its
  /// location. Inline: it runs once per token.
  SourceLoc consume() {
    const Token &t = toks_[pos_];
    // ( ) [ ] { } are contiguous in TokenKinds.def.
    static_assert(tok::r_paren == tok::l_paren + 1 && tok::l_square == tok::l_paren + 2 &&
                  tok::r_square == tok::l_paren + 3 && tok::l_brace == tok::l_paren + 4 &&
                  tok::r_brace == tok::l_paren + 5);
    if (LLVM_UNLIKELY(unsigned(t.kind - tok::l_paren) <= 5u))
      trackBracket(t.kind);
    if (t.isNot(tok::eof) && pos_ + 1 < numToks_)
      ++pos_;
    return t.loc;
  }
  void trackBracket(tok::Kind k);
  bool consumeIf(tok::Kind k) {
    if (!at(k))
      return false;
    consume();
    return true;
  }
  /// Consumes a \p k or reports "expected 'k', found ..." and returns false.
  bool expect(tok::Kind k);
  /// Consumes an identifier into \p out, or reports "expected \p what, found ...".
  bool expectIdent(Ident &out, llvm::StringRef what);
  Ident identOf(const Token &t) const { return Ident{tokens_.getSpelling(t), t.loc}; }
  /// True when \p t is the first token of its line.
  bool atLineStart(const Token &t) const;
  /// `fn`, `type`, `interface`, `import`, `pub` or `@` at the start of a line:
  /// almost surely the next top-level declaration.
  bool atLineStartDecl() const;
  static bool startsType(tok::Kind k) {
    return k == tok::identifier || k == tok::l_square || k == tok::kw_fn;
  }

  //===--- Diagnostics and recovery (Parser.cpp) ----------------------------===//
  /// Reports \p kind at \p loc unless an error was already reported there.
  DiagBuilder error(SourceLoc loc, diag::Kind kind);
  DiagBuilder errorHere(diag::Kind kind) { return error(tok().loc, kind); }
  /// `expected <what>, found <current token>`.
  void errorExpected(llvm::StringRef what);
  /// How diagnostics name \p t: `'}'`, `'foo'`, `newline`, `end of file`.
  std::string describe(const Token &t) const;
  /// Skips the rest of a statement (or struct field, interface element) that
  /// failed: to after the next `;`, or to the `}` closing the enclosing block,
  /// at the bracket depth \p base the statement started at.
  void recoverStmt(size_t base);
  /// Skips to the next token that can start a top-level declaration.
  void recoverDecl();

  /// Counts one level of nesting; false (after reporting err_nesting_too_deep
  /// once per module) when the limit is exceeded.
  bool enterNesting();
  void leaveNesting() { --depth_; }
  class NestingScope {
  public:
    explicit NestingScope(Parser &p) : p_(p), ok_(p.enterNesting()) {}
    ~NestingScope() { p_.leaveNesting(); }
    bool ok() const { return ok_; }

  private:
    Parser &p_;
    bool ok_;
  };

  //===--- Arena helpers ----------------------------------------------------===//
  template <typename T, typename... Args> T *make(Args &&...args) {
    return module_.create<T>(std::forward<Args>(args)...);
  }
  template <typename T> llvm::ArrayRef<T> copy(const llvm::SmallVectorImpl<T> &v) {
    return module_.copyArray(llvm::ArrayRef<T>(v));
  }
  template <typename D> D *withModule(D *d) {
    d->module = &module_;
    return d;
  }

  //===--- Module and declarations (Parser.cpp, ParseDecl.cpp) --------------===//
  /// `import [alias] "path"`. \p ok is false after a syntax error; the result
  /// is null then and for an invalid path.
  ImportDecl *parseImport(bool &ok);
  /// Parses `[pub] [@attr] decl` (an import with `pub` is reported and
  /// returned as an ImportDecl). Returns null after an error.
  Decl *parseTopLevelDecl();
  FuncDecl *parseFuncDecl(bool isPub, InlineHint hint, SourceLoc hintLoc);
  TypeDecl *parseTypeDecl(bool isPub);
  InterfaceDecl *parseInterfaceDecl(bool isPub);
  /// `var name [Type] [= init]`, at the `var`.
  VarDecl *parseVarDecl(VarDecl::VarKind kind);
  /// `[T C, ...]`, at the `[`.
  bool parseTypeParams(llvm::SmallVectorImpl<TypeParamDecl *> &out);
  /// A union `~A | B | ...` of one or more terms.
  bool parseConstraint(llvm::ArrayRef<ConstraintTerm> &out);
  /// `(a A, b, c C)`, at the `(`.
  bool parseParams(llvm::SmallVectorImpl<VarDecl *> &out);
  bool parseReceiver(FuncDecl *f);
  bool parseStructFields(llvm::SmallVectorImpl<FieldDecl> &out);
  bool parseInterfaceElem(InterfaceElem &out);

  //===--- Statements (ParseStmt.cpp) ---------------------------------------===//
  /// `{ stmts }`, at the `{` (reports "expected '{'" otherwise).
  BlockStmt *parseBlock();
  Stmt *parseStmt();
  Stmt *parseSimpleStmt();
  Stmt *parseIfStmt();
  Stmt *parseWhileStmt();
  Stmt *parseForStmt();
  Stmt *parseReturnStmt();
  /// The condition of an `if`/`while` or the range of a `for`: composite
  /// literals with a type name must be parenthesized there.
  Expr *parseHeaderExpr(const char *keyword);

  //===--- Expressions (ParseExpr.cpp) --------------------------------------===//
  Expr *parseExpr();
  Expr *parseBinary(unsigned minPrec);
  Expr *parseUnary();
  Expr *parsePrimary();
  Expr *parsePostfix(Expr *e);
  Expr *parseCallArgs(Expr *callee);
  Expr *parseIndexOrSlice(Expr *base);
  Expr *parseCompositeLit(Expr *type);
  Expr *parseIntLit(bool underMinus);
  /// Whether `{` after \p e starts a composite literal here.
  bool startsCompositeLit(Expr *e);
  /// At a `{`: whether its matching `}` is followed at once by another `{`.
  bool bracedThenBrace() const;

  //===--- Types (ParseType.cpp) --------------------------------------------===//
  TypeExpr *parseType();
  TypeExpr *parseNamedType();
  TypeExpr *parseSliceType();
  TypeExpr *parseFuncType();

  const TokenBuffer &tokens_;
  const Token *toks_;
  size_t numToks_;
  size_t pos_ = 0;
  ModuleAST &module_;
  DiagnosticEngine &diags_;
  std::vector<Token> ownTokens_; ///< a copy ending in eof, for a buffer without one

  /// The brackets consumed and not yet closed, innermost last.
  llvm::SmallVector<tok::Kind, 64> open_;
  unsigned depth_ = 0;
  bool nestingReported_ = false;
  bool seenDecl_ = false; ///< a declaration other than an import was seen
  SourceLoc lastErrorLoc_;
  /// In the header of an if/while/for: `Name{` is not a composite literal.
  bool noCompositeLit_ = false;
  const char *headerKeyword_ = "";
};

} // namespace parser
} // namespace stencil

#endif
