//===- Parser.cpp - Tokens, diagnostics, recovery, modules, imports -------===//
#include "stencil/Parse/Parser.h"
#include "ParserImpl.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace stencil;
using namespace stencil::parser;
using llvm::StringRef;

std::unique_ptr<ModuleAST> stencil::parse(const TokenBuffer &tokens, StringRef modulePath,
                                          DiagnosticEngine &diags) {
  auto module = std::make_unique<ModuleAST>(tokens.file, modulePath);
  module->startLoc = SourceLoc::fromRaw(tokens.fileBase);
  Parser parser(tokens, *module, diags);
  parser.parseModule();
  return module;
}

Parser::Parser(const TokenBuffer &tokens, ModuleAST &module, DiagnosticEngine &diags)
    : tokens_(tokens), toks_(tokens.tokens.data()), numToks_(tokens.tokens.size()), module_(module),
      diags_(diags) {
  // The lexer always ends the buffer with an eof; be safe with hand-made ones.
  if (numToks_ == 0 || toks_[numToks_ - 1].isNot(tok::eof)) {
    ownTokens_.assign(tokens.tokens.begin(), tokens.tokens.end());
    Token eof;
    eof.loc = numToks_ ? toks_[numToks_ - 1].getEndLoc()
                       : SourceLoc::fromRaw(tokens.fileBase + tokens.text.size());
    ownTokens_.push_back(eof);
    toks_ = ownTokens_.data();
    numToks_ = ownTokens_.size();
  }
}

//===----------------------------------------------------------------------===//
// Tokens
//===----------------------------------------------------------------------===//

void Parser::trackBracket(tok::Kind k) {
  switch (k) {
  case tok::l_paren:
  case tok::l_square:
  case tok::l_brace:
    open_.push_back(k);
    return;
  default: // a closing bracket
    if (!open_.empty())
      open_.pop_back();
    return;
  }
}

bool Parser::expect(tok::Kind k) {
  if (at(k)) {
    consume();
    return true;
  }
  errorExpected((llvm::Twine("'") + tok::getName(k) + "'").str());
  return false;
}

bool Parser::expectIdent(Ident &out, StringRef what) {
  if (!at(tok::identifier)) {
    errorExpected(what);
    return false;
  }
  out = identOf(tok());
  consume();
  return true;
}

bool Parser::atLineStart(const Token &t) const {
  uint32_t offset = t.loc.raw() - tokens_.fileBase;
  if (offset == 0)
    return true;
  return offset <= tokens_.text.size() && tokens_.text[offset - 1] == '\n';
}

bool Parser::atLineStartDecl() const {
  switch (tok().kind) {
  case tok::kw_fn:
  case tok::kw_type:
  case tok::kw_interface:
  case tok::kw_import:
  case tok::kw_pub:
  case tok::at:
    return atLineStart(tok());
  default:
    return false;
  }
}

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

DiagBuilder Parser::error(SourceLoc loc, diag::Kind kind) {
  // One error per location: a failure seen again by an enclosing construct
  // (the block that ends at the same eof, ...) is not reported twice.
  if (loc == lastErrorLoc_)
    return DiagBuilder(nullptr, loc, kind);
  lastErrorLoc_ = loc;
  return diags_.report(loc, kind);
}

void Parser::errorExpected(StringRef what) {
  error(tok().loc, diag::err_expected) << what << describe(tok());
}

std::string Parser::describe(const Token &t) const {
  switch (t.kind) {
  case tok::eof:
    return "end of file";
  case tok::semi:
    if (!t.implicit)
      return "';'";
    if (t.loc.raw() - tokens_.fileBase >= tokens_.text.size())
      return "end of file";
    return "newline";
  default:
    break;
  }
  StringRef spelling = tokens_.getSpelling(t);
  // Long literals are named by their class: the caret shows them anyway.
  if (spelling.empty() || spelling.size() > 24 || spelling.contains('\n'))
    return tok::getName(t.kind).str();
  return (llvm::Twine("'") + spelling + "'").str();
}

bool Parser::enterNesting() {
  if (++depth_ <= kMaxNestingDepth)
    return true;
  if (!nestingReported_) {
    nestingReported_ = true;
    error(tok().loc, diag::err_nesting_too_deep) << kMaxNestingDepth;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Recovery
//===----------------------------------------------------------------------===//

static bool isOpener(tok::Kind k) {
  return k == tok::l_paren || k == tok::l_square || k == tok::l_brace;
}

static tok::Kind openerOf(tok::Kind closer) {
  return closer == tok::r_paren    ? tok::l_paren
         : closer == tok::r_square ? tok::l_square
                                   : tok::l_brace;
}

void Parser::recoverStmt(size_t base) {
  if (open_.size() < base)
    base = open_.size();
  size_t skipBase = open_.size(); // brackets from here on are met while skipping
  // Tokens are skipped without consume(): the bracket stack is kept here,
  // tolerating mismatched brackets.
  auto skip = [&] {
    if (pos_ + 1 < numToks_)
      ++pos_;
  };
  while (!at(tok::eof) && !atLineStartDecl()) {
    tok::Kind k = tok().kind;
    if (isOpener(k)) {
      open_.push_back(k);
      skip();
      continue;
    }
    if (k == tok::semi && open_.size() > base && open_.back() != tok::l_brace) {
      // In parentheses, an explicit `;` is stray (`g(1; 2)`, `for (i = 0;`),
      // and so is a newline before a closer (a missing trailing comma).
      tok::Kind next = peek(1).kind;
      if (!tok().implicit || next == tok::r_paren || next == tok::r_square) {
        skip();
        continue;
      }
    }
    if (k == tok::semi || k == tok::r_brace) {
      // Inside the statement, a newline or `}` ends every `(` and `[` still
      // open: valid code never has one there.
      while (open_.size() > base && open_.back() != tok::l_brace)
        open_.pop_back();
      if (open_.size() == base) {
        if (k == tok::semi)
          skip();
        break; // a `}` here closes the enclosing block: leave it
      }
      if (k == tok::r_brace)
        open_.pop_back();
      skip();
      continue;
    }
    if (k == tok::r_paren || k == tok::r_square) {
      // Close the matching bracket if one is open in this statement, and not
      // behind a `{` the parser entered (a `{` met while skipping may be junk:
      // `f(a, {b)`); otherwise the closer is stray.
      tok::Kind want = openerOf(k);
      for (size_t i = open_.size(); i > base; --i) {
        if (open_[i - 1] == want) {
          open_.resize(i - 1);
          break;
        }
        if (open_[i - 1] == tok::l_brace && i - 1 < skipBase)
          break;
      }
      skip();
      continue;
    }
    skip();
  }
  open_.resize(base);
}

void Parser::recoverDecl() {
  while (!at(tok::eof)) {
    switch (tok().kind) {
    case tok::kw_fn:
    case tok::kw_type:
    case tok::kw_interface:
    case tok::kw_var:
    case tok::kw_pub:
    case tok::at:
    case tok::kw_import:
      if (open_.empty() || (tok().isNot(tok::kw_var) && atLineStart(tok()))) {
        open_.clear();
        return;
      }
      break;
    case tok::l_paren:
    case tok::l_square:
    case tok::l_brace:
      open_.push_back(tok().kind);
      break;
    case tok::r_paren:
    case tok::r_square:
    case tok::r_brace:
      if (!open_.empty())
        open_.pop_back();
      break;
    default:
      break;
    }
    if (pos_ + 1 < numToks_)
      ++pos_;
  }
  open_.clear();
}

//===----------------------------------------------------------------------===//
// Module and imports
//===----------------------------------------------------------------------===//

void Parser::parseModule() {
  llvm::SmallVector<ImportDecl *, 8> imports;
  llvm::SmallVector<Decl *, 64> decls;
  while (!at(tok::eof)) {
    if (consumeIf(tok::semi))
      continue;
    size_t before = pos_;
    bool ok;
    Decl *d = nullptr;
    if (at(tok::kw_import)) {
      d = parseImport(ok);
    } else {
      d = parseTopLevelDecl();
      ok = d != nullptr;
    }
    if (d) {
      if (auto *import = llvm::dyn_cast<ImportDecl>(d))
        imports.push_back(import);
      else
        decls.push_back(d);
    }
    if (ok && !at(tok::eof) && !consumeIf(tok::semi)) {
      errorExpected("';' or newline");
      ok = false;
    }
    if (!ok)
      recoverDecl();
    if (pos_ == before && !at(tok::eof))
      ++pos_; // cannot happen; never loop without progress
  }
  module_.imports = copy(imports);
  module_.decls = copy(decls);
}

static bool isKeyword(StringRef s) {
  return llvm::StringSwitch<bool>(s)
#define KEYWORD(ID, SPELLING) .Case(SPELLING, true)
#include "stencil/Lex/TokenKinds.def"
      .Default(false);
}

/// `ident(/ident)*`.
static bool isValidImportPath(StringRef path) {
  if (path.empty())
    return false;
  llvm::SmallVector<StringRef, 4> parts;
  path.split(parts, '/');
  for (StringRef part : parts) {
    if (part.empty() || !(llvm::isAlpha(part[0]) || part[0] == '_'))
      return false;
    for (char c : part)
      if (!(llvm::isAlnum(c) || c == '_'))
        return false;
  }
  return true;
}

ImportDecl *Parser::parseImport(bool &ok) {
  ok = false;
  SourceLoc importLoc = consume();
  if (seenDecl_)
    error(importLoc, diag::err_import_after_decl);
  Ident alias;
  if (at(tok::identifier)) {
    alias = identOf(tok());
    consume();
  }
  if (!at(tok::string_literal)) {
    errorExpected("import path");
    return nullptr;
  }
  const Token &pathTok = tok();
  StringRef path = module_.copyString(tokens_.getString(pathTok));
  SourceLoc pathLoc = consume();
  ok = true;
  StringRef last = path.rsplit('/').second.empty() ? path : path.rsplit('/').second;
  if (!isValidImportPath(path) || (!alias.isValid() && isKeyword(last))) {
    error(pathLoc, diag::err_invalid_import_path) << path;
    return nullptr;
  }
  Ident bound = alias.isValid() ? alias : Ident{last, pathLoc};
  return withModule(make<ImportDecl>(importLoc, bound, alias, path, pathLoc));
}
