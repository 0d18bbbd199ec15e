//===- Lexer.cpp - Source text to tokens ----------------------------------===//
//
// One forward pass over the file's bytes: a switch on the first byte of each
// token, identifiers and keywords by a character-class table and a switch on the
// length, literals decoded in place (no std::string per token except for the
// decoded contents of string literals). Go's semicolon rule is applied on the
// fly: `semiPending_` is set by every token that may end a statement and an
// implicit `;` is emitted at the next newline (or end of file).
//
// Recovery: a bad character is reported and skipped, a malformed literal is
// reported once and still becomes one literal token (of value 0), an
// unterminated string ends at the end of its line, and an unterminated block
// comment at the end of the file. Every byte sequence ends in exactly one eof.
//
//===----------------------------------------------------------------------===//
#include "stencil/Lex/Lexer.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "llvm/Support/Compiler.h"
#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

using namespace stencil;

/// A literal as a diagnostic quotes it: a very long one keeps its ends
/// (`99999999999999999999...99999999 (100000 characters)`).
static std::string elideLiteral(llvm::StringRef spelling) {
  constexpr size_t kMax = 100; // a 64-bit binary literal with separators fits
  if (spelling.size() <= kMax)
    return spelling.str();
  return (spelling.take_front(24) + "..." + spelling.take_back(12) + " (" +
          llvm::Twine(spelling.size()) + " characters)")
      .str();
}

namespace {

//===----------------------------------------------------------------------===//
// Character classes
//===----------------------------------------------------------------------===//

enum CharClass : uint8_t {
  CC_Ident = 1, ///< [A-Za-z0-9_]
  CC_Digit = 2, ///< [0-9]
  CC_Hex = 4,   ///< [0-9A-Fa-f]
};

constexpr std::array<uint8_t, 256> makeCharClasses() {
  std::array<uint8_t, 256> t{};
  for (unsigned c = '0'; c <= '9'; ++c)
    t[c] = CC_Ident | CC_Digit | CC_Hex;
  for (unsigned c = 'a'; c <= 'z'; ++c)
    t[c] = CC_Ident | (c <= 'f' ? CC_Hex : 0);
  for (unsigned c = 'A'; c <= 'Z'; ++c)
    t[c] = CC_Ident | (c <= 'F' ? CC_Hex : 0);
  t['_'] = CC_Ident;
  return t;
}
constexpr std::array<uint8_t, 256> kCharClasses = makeCharClasses();

inline bool isIdentChar(char c) { return kCharClasses[static_cast<unsigned char>(c)] & CC_Ident; }
inline bool isDecDigit(char c) { return kCharClasses[static_cast<unsigned char>(c)] & CC_Digit; }
inline bool isHexDigit(char c) { return kCharClasses[static_cast<unsigned char>(c)] & CC_Hex; }

/// The value of a hexadecimal digit (which \p c must be).
inline unsigned hexValue(char c) {
  return c <= '9' ? unsigned(c - '0') : unsigned((c | 0x20) - 'a' + 10);
}

/// Tokens after which a newline ends the statement (language.md §1).
constexpr std::array<bool, tok::NumTokens> makeSemiTriggers() {
  std::array<bool, tok::NumTokens> t{};
  for (tok::Kind k : {tok::identifier, tok::int_literal, tok::float_literal, tok::string_literal,
                      tok::kw_true, tok::kw_false, tok::kw_break, tok::kw_continue, tok::kw_return,
                      tok::r_paren, tok::r_square, tok::r_brace})
    t[k] = true;
  return t;
}
constexpr std::array<bool, tok::NumTokens> kSemiTriggers = makeSemiTriggers();

template <size_t N> inline bool equals(const char *s, const char (&kw)[N]) {
  return std::memcmp(s, kw, N - 1) == 0;
}

/// The keyword spelled by the identifier [s, s+n), or tok::identifier.
tok::Kind classifyIdentifier(const char *s, size_t n) {
  switch (n) {
  case 2:
    if (s[0] == 'f')
      return s[1] == 'n' ? tok::kw_fn : tok::identifier;
    if (s[0] == 'i')
      return s[1] == 'f' ? tok::kw_if : s[1] == 'n' ? tok::kw_in : tok::identifier;
    return tok::identifier;
  case 3:
    switch (s[0]) {
    case 'f':
      return equals(s, "for") ? tok::kw_for : tok::identifier;
    case 'p':
      return equals(s, "pub") ? tok::kw_pub : tok::identifier;
    case 'v':
      return equals(s, "var") ? tok::kw_var : tok::identifier;
    default:
      return tok::identifier;
    }
  case 4:
    switch (s[0]) {
    case 'e':
      return equals(s, "else") ? tok::kw_else : tok::identifier;
    case 't':
      if (equals(s, "type"))
        return tok::kw_type;
      return equals(s, "true") ? tok::kw_true : tok::identifier;
    default:
      return tok::identifier;
    }
  case 5:
    switch (s[0]) {
    case 'b':
      return equals(s, "break") ? tok::kw_break : tok::identifier;
    case 'w':
      return equals(s, "while") ? tok::kw_while : tok::identifier;
    case 'f':
      return equals(s, "false") ? tok::kw_false : tok::identifier;
    default:
      return tok::identifier;
    }
  case 6:
    switch (s[0]) {
    case 'i':
      return equals(s, "import") ? tok::kw_import : tok::identifier;
    case 'r':
      return equals(s, "return") ? tok::kw_return : tok::identifier;
    case 's':
      return equals(s, "struct") ? tok::kw_struct : tok::identifier;
    default:
      return tok::identifier;
    }
  case 8:
    return equals(s, "continue") ? tok::kw_continue : tok::identifier;
  case 9:
    return equals(s, "interface") ? tok::kw_interface : tok::identifier;
  default:
    return tok::identifier;
  }
}

/// Decodes one UTF-8 character at [p, end) into \p cp and returns its length in
/// bytes, or 0 if the bytes there are not valid UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF are invalid).
unsigned decodeUTF8(const char *p, const char *end, uint32_t &cp) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(p[i]); };
  auto isCont = [&](size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return p + i < end && byte(i) >= lo && byte(i) <= hi;
  };
  unsigned c0 = byte(0);
  if (c0 < 0x80) {
    cp = c0;
    return 1;
  }
  if (c0 < 0xC2)
    return 0;
  if (c0 < 0xE0) {
    if (!isCont(1))
      return 0;
    cp = ((c0 & 0x1F) << 6) | (byte(1) & 0x3F);
    return 2;
  }
  if (c0 < 0xF0) {
    if (!isCont(1, c0 == 0xE0 ? 0xA0 : 0x80, c0 == 0xED ? 0x9F : 0xBF) || !isCont(2))
      return 0;
    cp = ((c0 & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    return 3;
  }
  if (c0 < 0xF5) {
    if (!isCont(1, c0 == 0xF0 ? 0x90 : 0x80, c0 == 0xF4 ? 0x8F : 0xBF) || !isCont(2) || !isCont(3))
      return 0;
    cp =
        ((c0 & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    return 4;
  }
  return 0;
}

/// "FF" for 0xff: two upper-case hexadecimal digits.
std::string hexByte(unsigned char b) {
  const char *digits = "0123456789ABCDEF";
  return {digits[b >> 4], digits[b & 15]};
}

/// "U+00E9" for 0xe9: at least four upper-case hexadecimal digits.
std::string codePointName(uint32_t cp) {
  char buf[16];
  int n = std::snprintf(buf, sizeof(buf), "U+%04X", static_cast<unsigned>(cp));
  return std::string(buf, n);
}

/// Whether the decimal float literal [s, e) (digits, optional fraction, optional
/// exponent; no separators) has a magnitude of at least 1. Used to tell an
/// overflow from an underflow when std::from_chars reports out of range.
bool magnitudeAtLeastOne(const char *s, const char *e) {
  // The value is 0.d1d2d3... * 10^(pointPos + exponent), where d1 is the first
  // non-zero digit and pointPos counts the digits between it and the point.
  int64_t pointPos = 0;
  bool seenNonZero = false, afterPoint = false;
  const char *p = s;
  for (; p < e && (isDecDigit(*p) || *p == '.'); ++p) {
    if (*p == '.') {
      afterPoint = true;
      continue;
    }
    if (!seenNonZero && *p == '0') {
      if (afterPoint)
        --pointPos;
      continue;
    }
    seenNonZero = true;
    if (!afterPoint)
      ++pointPos;
  }
  if (!seenNonZero)
    return false;
  int64_t exponent = 0;
  if (p < e && (*p | 0x20) == 'e') {
    ++p;
    bool negative = p < e && *p == '-';
    if (p < e && (*p == '+' || *p == '-'))
      ++p;
    for (; p < e && isDecDigit(*p); ++p)
      exponent = std::min<int64_t>(exponent * 10 + (*p - '0'), int64_t(1) << 40);
    if (negative)
      exponent = -exponent;
  }
  return pointPos + exponent > 0;
}

class Lexer {
public:
  Lexer(const SourceManager &sm, FileId file, DiagnosticEngine &diags) : diags_(diags) {
    out_.file = file;
    out_.text = sm.getText(file);
    out_.fileBase = sm.getStartLoc(file).raw();
    bufStart_ = cur_ = out_.text.data();
    end_ = bufStart_ + out_.text.size();
  }

  TokenBuffer run();

private:
  SourceLoc locOf(const char *p) const {
    return SourceLoc::fromRaw(out_.fileBase + static_cast<uint32_t>(p - bufStart_));
  }

  /// Appends a token of \p kind spelled [start, start+length) and records whether
  /// a newline after it ends the statement.
  LLVM_ATTRIBUTE_ALWAYS_INLINE Token &addToken(tok::Kind kind, const char *start, size_t length) {
    Token &t = out_.tokens.emplace_back();
    t.kind = kind;
    t.length = static_cast<uint32_t>(length);
    t.loc = locOf(start);
    semiPending_ = kSemiTriggers[kind];
    return t;
  }
  LLVM_ATTRIBUTE_ALWAYS_INLINE void addPunct(tok::Kind kind, unsigned length) {
    addToken(kind, cur_, length);
    cur_ += length;
  }
  /// Emits the implicit `;` of Go's rule at \p at (a newline or the end).
  void addImplicitSemi(const char *at) {
    Token &t = addToken(tok::semi, at, 0);
    t.implicit = true;
    semiPending_ = false;
  }

  DiagBuilder report(const char *at, diag::Kind kind) { return diags_.report(locOf(at), kind); }
  /// After the error limit every report is dropped: skip formatting arguments.
  bool reportsDropped() const { return diags_.limitReached(); }

  void lexIdentifier();
  void lexNumber();
  void lexString();
  void lexEscape(const char *&p, std::string &value);
  void skipBlockComment();
  void lexInvalidCharacter();

  DiagnosticEngine &diags_;
  TokenBuffer out_;
  const char *bufStart_ = nullptr;
  const char *cur_ = nullptr;
  const char *end_ = nullptr;
  bool semiPending_ = false;
};

} // namespace

TokenBuffer Lexer::run() {
  // Dense code averages under 3 bytes per token (with its white space). The
  // buffer's pages are only touched as tokens are written, so reserving for
  // one token per 2 bytes costs address space, not memory, and saves copying
  // a large buffer when it would otherwise grow.
  out_.tokens.reserve(out_.text.size() / 2 + 16);
  // A UTF-8 byte order mark at the start of the file is ignored.
  if (out_.text.starts_with("\xEF\xBB\xBF"))
    cur_ += 3;

  for (;;) {
    // Horizontal whitespace (mostly indentation and single spaces between
    // tokens) is skipped here rather than one byte per dispatch.
    const char *p = cur_;
    while (p != end_ && (*p == ' ' || *p == '\t' || *p == '\r'))
      ++p;
    cur_ = p;
    if (p == end_)
      break;
    switch (*p) {
    case '\n':
      if (semiPending_)
        addImplicitSemi(p);
      ++cur_;
      continue;

    // clang-format off
    case 'a': case 'b': case 'c': case 'd': case 'e': case 'f': case 'g': case 'h':
    case 'i': case 'j': case 'k': case 'l': case 'm': case 'n': case 'o': case 'p':
    case 'q': case 'r': case 's': case 't': case 'u': case 'v': case 'w': case 'x':
    case 'y': case 'z':
    case 'A': case 'B': case 'C': case 'D': case 'E': case 'F': case 'G': case 'H':
    case 'I': case 'J': case 'K': case 'L': case 'M': case 'N': case 'O': case 'P':
    case 'Q': case 'R': case 'S': case 'T': case 'U': case 'V': case 'W': case 'X':
    case 'Y': case 'Z':
    case '_':
      lexIdentifier();
      continue;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      lexNumber();
      continue;
    // clang-format on
    case '"':
      lexString();
      continue;

    case '/':
      if (p + 1 != end_ && p[1] == '/') {
        // A line comment ends before its newline, which the loop then sees.
        const void *nl = std::memchr(p, '\n', end_ - p);
        cur_ = nl ? static_cast<const char *>(nl) : end_;
        continue;
      }
      if (p + 1 != end_ && p[1] == '*') {
        skipBlockComment();
        continue;
      }
      break;

    case '(':
      addPunct(tok::l_paren, 1);
      continue;
    case ')':
      addPunct(tok::r_paren, 1);
      continue;
    case '[':
      addPunct(tok::l_square, 1);
      continue;
    case ']':
      addPunct(tok::r_square, 1);
      continue;
    case '{':
      addPunct(tok::l_brace, 1);
      continue;
    case '}':
      addPunct(tok::r_brace, 1);
      continue;
    case ',':
      addPunct(tok::comma, 1);
      continue;
    case ';':
      addPunct(tok::semi, 1);
      continue;
    case '@':
      addPunct(tok::at, 1);
      continue;
    case '~':
      addPunct(tok::tilde, 1);
      continue;
    default:
      break;
    }

    // Operators: maximal munch. `next` is the byte after the first (0 at the end).
    char next = p + 1 != end_ ? p[1] : '\0';
    char next2 = p + 2 < end_ ? p[2] : '\0';
    switch (*p) {
    case ':':
      next == '=' ? addPunct(tok::colon_equal, 2) : addPunct(tok::colon, 1);
      continue;
    case '.':
      next == '.' ? addPunct(tok::period_period, 2) : addPunct(tok::period, 1);
      continue;
    case '+':
      next == '=' ? addPunct(tok::plus_equal, 2) : addPunct(tok::plus, 1);
      continue;
    case '-':
      next == '=' ? addPunct(tok::minus_equal, 2) : addPunct(tok::minus, 1);
      continue;
    case '*':
      next == '=' ? addPunct(tok::star_equal, 2) : addPunct(tok::star, 1);
      continue;
    case '/':
      next == '=' ? addPunct(tok::slash_equal, 2) : addPunct(tok::slash, 1);
      continue;
    case '%':
      next == '=' ? addPunct(tok::percent_equal, 2) : addPunct(tok::percent, 1);
      continue;
    case '^':
      next == '=' ? addPunct(tok::caret_equal, 2) : addPunct(tok::caret, 1);
      continue;
    case '!':
      next == '=' ? addPunct(tok::exclaim_equal, 2) : addPunct(tok::exclaim, 1);
      continue;
    case '=':
      next == '=' ? addPunct(tok::equal_equal, 2) : addPunct(tok::equal, 1);
      continue;
    case '&':
      if (next == '&')
        addPunct(tok::amp_amp, 2);
      else if (next == '=')
        addPunct(tok::amp_equal, 2);
      else
        addPunct(tok::amp, 1);
      continue;
    case '|':
      if (next == '|')
        addPunct(tok::pipe_pipe, 2);
      else if (next == '=')
        addPunct(tok::pipe_equal, 2);
      else
        addPunct(tok::pipe, 1);
      continue;
    case '<':
      if (next == '<')
        next2 == '=' ? addPunct(tok::less_less_equal, 3) : addPunct(tok::less_less, 2);
      else if (next == '=')
        addPunct(tok::less_equal, 2);
      else
        addPunct(tok::less, 1);
      continue;
    case '>':
      if (next == '>')
        next2 == '=' ? addPunct(tok::greater_greater_equal, 3) : addPunct(tok::greater_greater, 2);
      else if (next == '=')
        addPunct(tok::greater_equal, 2);
      else
        addPunct(tok::greater, 1);
      continue;
    default:
      lexInvalidCharacter();
      continue;
    }
  }

  if (semiPending_)
    addImplicitSemi(end_);
  addToken(tok::eof, end_, 0);
  return std::move(out_);
}

void Lexer::lexIdentifier() {
  const char *start = cur_;
  const char *p = start + 1;
  while (p != end_ && isIdentChar(*p))
    ++p;
  cur_ = p;
  addToken(classifyIdentifier(start, p - start), start, p - start);
}

void Lexer::lexNumber() {
  const char *start = cur_;
  const char *p = start;
  unsigned base = 10;
  if (p[0] == '0' && p + 1 != end_) {
    char x = p[1] | 0x20;
    if (x == 'x' || x == 'b') {
      base = x == 'x' ? 16 : 2;
      p += 2;
    }
  }

  // The digits, with '_' separators. Binary literals take every decimal digit
  // here so that `0b102` says which digit is wrong.
  const char *digitsStart = p;
  const uint8_t digitClass = base == 16 ? CC_Hex : CC_Digit;
  auto isDigitLike = [&](char c) {
    return (kCharClasses[static_cast<unsigned char>(c)] & digitClass) != 0;
  };
  uint64_t value = 0;
  bool overflow = false;
  unsigned numDigits = 0;
  const char *firstUnderscore = nullptr, *badSeparator = nullptr, *badDigit = nullptr;
  for (; p != end_; ++p) {
    char c = *p;
    if (c == '_') {
      if (!firstUnderscore)
        firstUnderscore = p;
      if (!badSeparator &&
          (p == digitsStart || p[-1] == '_' || p + 1 == end_ || !isDigitLike(p[1])))
        badSeparator = p;
      continue;
    }
    if (!isDigitLike(c))
      break;
    ++numDigits;
    unsigned d = hexValue(c);
    if (d >= base) {
      if (!badDigit)
        badDigit = p;
      continue;
    }
    if (!overflow)
      overflow = __builtin_mul_overflow(value, uint64_t(base), &value) ||
                 __builtin_add_overflow(value, uint64_t(d), &value);
  }

  // A decimal literal continues as a float with `.digit` or an exponent.
  bool isFloat = false;
  const char *missingExponent = nullptr;
  auto scanDecimalRun = [&] {
    for (; p != end_ && (isDecDigit(*p) || *p == '_'); ++p)
      if (*p == '_' && !firstUnderscore)
        firstUnderscore = p;
  };
  if (base == 10) {
    if (p + 1 < end_ && p[0] == '.' && isDecDigit(p[1])) {
      isFloat = true;
      ++p;
      scanDecimalRun();
    }
    if (p != end_ && (*p | 0x20) == 'e') {
      isFloat = true;
      const char *e = p++;
      if (p != end_ && (*p == '+' || *p == '-'))
        ++p;
      if (p != end_ && isDecDigit(*p))
        scanDecimalRun();
      else
        missingExponent = e;
    }
  }

  // Letters or digits right after the literal are one bad suffix of it.
  const char *suffix = p;
  while (p != end_ && isIdentChar(*p))
    ++p;
  cur_ = p;
  llvm::StringRef spelling(start, p - start);
  Token &t = addToken(isFloat ? tok::float_literal : tok::int_literal, start, p - start);
  t.intValue = 0;
  // Only the first problem of a literal is reported.
  if (isFloat) {
    t.floatValue = 0;
    if (firstUnderscore) {
      report(firstUnderscore, diag::err_float_separator);
      return;
    }
    if (missingExponent) {
      report(missingExponent, diag::err_missing_exponent_digits);
      return;
    }
    if (suffix != p) {
      report(suffix, diag::err_invalid_literal_suffix)
          << llvm::StringRef(suffix, p - suffix) << "float";
      return;
    }
    double d = 0;
    std::from_chars_result r = std::from_chars(start, p, d, std::chars_format::general);
    assert(r.ptr == p && "float literal not fully parsed");
    if (r.ec == std::errc::result_out_of_range) {
      if (magnitudeAtLeastOne(start, p)) {
        report(start, diag::err_float_literal_out_of_range) << elideLiteral(spelling);
        return;
      }
      d = 0; // an underflow to zero is fine
    }
    t.floatValue = d;
    return;
  }

  if (badDigit && (!badSeparator || badDigit < badSeparator)) {
    report(badDigit, diag::err_invalid_digit) << llvm::StringRef(badDigit, 1) << "binary";
    return;
  }
  if (badSeparator) {
    report(badSeparator, diag::err_bad_digit_separator);
    return;
  }
  if (numDigits == 0) {
    report(start, diag::err_missing_digits) << (base == 16 ? "hexadecimal" : "binary");
    return;
  }
  if (suffix != p) {
    report(suffix, diag::err_invalid_literal_suffix)
        << llvm::StringRef(suffix, p - suffix) << "integer";
    return;
  }
  constexpr uint64_t kMinIntMagnitude = uint64_t(1) << 63;
  if (overflow || value > kMinIntMagnitude) {
    report(start, diag::err_integer_literal_too_large) << elideLiteral(spelling);
    return;
  }
  t.intValue = value;
  t.minIntMagnitude = value == kMinIntMagnitude;
}

void Lexer::lexString() {
  const char *start = cur_;
  const char *p = start + 1;
  // The decoded bytes go straight into the buffer's new string.
  uint32_t stringIndex = static_cast<uint32_t>(out_.strings.size());
  std::string &value = out_.strings.emplace_back();
  for (;;) {
    const char *run = p;
    while (p != end_ && *p != '"' && *p != '\\' && *p != '\n')
      ++p;
    value.append(run, p);
    if (p == end_ || *p == '\n') {
      // Unterminated: the string ends at the end of its line (without a \r
      // of a \r\n line ending).
      report(start, diag::err_unterminated_string);
      if (p != run && p[-1] == '\r') {
        --p;
        value.pop_back();
      }
      break;
    }
    if (*p == '"') {
      ++p;
      break;
    }
    lexEscape(p, value);
  }
  cur_ = p;
  Token &t = addToken(tok::string_literal, start, p - start);
  t.stringIndex = stringIndex;
}

/// Decodes the escape sequence at \p p (a backslash) into \p value and moves
/// \p p past it. A bad escape is reported and adds nothing.
void Lexer::lexEscape(const char *&p, std::string &value) {
  const char *backslash = p;
  // A backslash at the end of the line: the string is unterminated, which the
  // caller reports when it reaches the newline.
  if (p + 1 == end_ || p[1] == '\n' || (p[1] == '\r' && (p + 2 == end_ || p[2] == '\n'))) {
    ++p;
    return;
  }
  char c = p[1];
  switch (c) {
  case 'n':
    value += '\n';
    p += 2;
    return;
  case 't':
    value += '\t';
    p += 2;
    return;
  case 'r':
    value += '\r';
    p += 2;
    return;
  case '\\':
    value += '\\';
    p += 2;
    return;
  case '"':
    value += '"';
    p += 2;
    return;
  case '0':
    value += '\0';
    p += 2;
    return;
  case 'x': {
    p += 2;
    if (p + 1 < end_ && isHexDigit(p[0]) && isHexDigit(p[1])) {
      value += static_cast<char>(hexValue(p[0]) * 16 + hexValue(p[1]));
      p += 2;
      return;
    }
    // `\x` cut off by the end of the line: the unterminated string is the error.
    if (p == end_ || *p == '\n' || (*p == '\r' && (p + 1 == end_ || p[1] == '\n')))
      return;
    report(backslash, diag::err_bad_hex_escape);
    if (isHexDigit(*p))
      ++p;
    return;
  }
  default:
    break;
  }
  // An unknown escape: name the character after the backslash, or its byte
  // when it is not printable.
  unsigned char u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F) {
    if (!reportsDropped())
      report(backslash, diag::err_unknown_escape) << llvm::StringRef(p + 1, 1);
    p += 2;
    return;
  }
  uint32_t cp;
  unsigned n = u >= 0x80 ? decodeUTF8(p + 1, end_, cp) : 0;
  if (n != 0) {
    if (!reportsDropped())
      report(backslash, diag::err_unknown_escape) << llvm::StringRef(p + 1, n);
    p += 1 + n;
    return;
  }
  if (!reportsDropped())
    report(backslash, diag::err_unknown_escape_byte) << hexByte(u);
  p += 2;
}

void Lexer::skipBlockComment() {
  const char *start = cur_;
  const char *p = start + 2;
  const char *close = nullptr;
  while (p != end_) {
    const char *star = static_cast<const char *>(std::memchr(p, '*', end_ - p));
    if (!star)
      break;
    if (star + 1 != end_ && star[1] == '/') {
      close = star;
      break;
    }
    p = star + 1;
  }
  const char *bodyEnd = close ? close : end_;
  // A comment spanning lines counts as a newline for the semicolon rule.
  if (semiPending_)
    if (const void *nl = std::memchr(start + 2, '\n', bodyEnd - (start + 2)))
      addImplicitSemi(static_cast<const char *>(nl));
  if (!close) {
    report(start, diag::err_unterminated_block_comment);
    cur_ = end_;
    return;
  }
  cur_ = close + 2;
}

void Lexer::lexInvalidCharacter() {
  const char *p = cur_;
  unsigned char c = static_cast<unsigned char>(*p);
  if (c < 0x80) {
    ++cur_;
    if (reportsDropped())
      return;
    std::string name;
    if (c == '\'' || c == '\\')
      name = std::string("'\\") + char(c) + "'";
    else if (c > 0x20 && c < 0x7F)
      name = std::string("'") + char(c) + "'";
    else
      name = codePointName(c);
    report(p, diag::err_invalid_character) << name;
    return;
  }
  uint32_t cp;
  unsigned n = decodeUTF8(p, end_, cp);
  if (n == 0) {
    ++cur_;
    if (!reportsDropped())
      report(p, diag::err_invalid_utf8) << hexByte(c);
    return;
  }
  cur_ += n;
  if (!reportsDropped())
    report(p, diag::err_invalid_character) << codePointName(cp);
}

TokenBuffer stencil::lex(const SourceManager &sm, FileId file, DiagnosticEngine &diags) {
  return Lexer(sm, file, diags).run();
}
