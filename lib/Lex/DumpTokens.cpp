//===- DumpTokens.cpp - The --emit=tokens format --------------------------===//
//
// One line per token:
//
//   1:1 kw_fn 'fn'
//   1:9 int_literal '0x7f' 127
//   1:14 float_literal '2.5e-3' 0.0025
//   1:21 string_literal '"a\n"' "a\n"
//   1:27 semi <implicit>
//   2:1 eof
//
// Floats print their shortest round-trip text (std::to_chars); strings print
// their decoded value re-escaped with the language's escapes, any other byte
// outside printable ASCII as \xHH.
//
//===----------------------------------------------------------------------===//
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include <charconv>

using namespace stencil;

static void printEscaped(llvm::StringRef value, llvm::raw_ostream &os) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : value) {
    switch (c) {
    case '\n':
      os << "\\n";
      continue;
    case '\t':
      os << "\\t";
      continue;
    case '\r':
      os << "\\r";
      continue;
    case '\\':
      os << "\\\\";
      continue;
    case '"':
      os << "\\\"";
      continue;
    case '\0':
      os << "\\0";
      continue;
    default:
      break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F)
      os << c;
    else
      os << "\\x" << kHex[u >> 4] << kHex[u & 15];
  }
}

void stencil::dumpTokens(const SourceManager &sm, const TokenBuffer &tokens,
                         llvm::raw_ostream &os) {
  (void)sm; // Tokens are in source order: lines are counted in one forward walk.
  llvm::StringRef text = tokens.text;
  unsigned line = 1;
  uint32_t lineStart = 0, scanned = 0;
  for (const Token &t : tokens.tokens) {
    uint32_t offset = t.loc.raw() - tokens.fileBase;
    if (offset < scanned) { // not in order (a hand-made buffer): count again
      line = 1;
      lineStart = scanned = 0;
    }
    for (; scanned < offset && scanned < text.size(); ++scanned)
      if (text[scanned] == '\n') {
        ++line;
        lineStart = scanned + 1;
      }
    os << line << ':' << (offset - lineStart + 1) << ' ' << tok::getEnumName(t.kind);
    if (t.is(tok::eof)) {
      os << '\n';
      continue;
    }
    if (t.implicit) {
      os << " <implicit>\n";
      continue;
    }
    os << " '" << tokens.getSpelling(t) << '\'';
    if (t.is(tok::int_literal)) {
      os << ' ' << t.intValue;
    } else if (t.is(tok::float_literal)) {
      char buf[32];
      std::to_chars_result r = std::to_chars(buf, buf + sizeof(buf), t.floatValue);
      os << ' ' << llvm::StringRef(buf, r.ptr - buf);
    } else if (t.is(tok::string_literal)) {
      os << " \"";
      printEscaped(tokens.getString(t), os);
      os << '"';
    }
    os << '\n';
  }
}
