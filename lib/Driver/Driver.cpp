//===- Driver.cpp - Options and the pipeline of stencilc ------------------===//
//
// The pipeline is the table `kPipeline` below: each phase runs after the ones
// before it, and the driver stops after a phase that reported errors. What to
// stop after (and what to print) is decided by the options, never inside a phase.
//
//===----------------------------------------------------------------------===//
#include "stencil/Driver/Driver.h"
#include "stencil/AST/AST.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Driver/ModuleLoader.h"
#include "stencil/IR/IR.h"
#include "stencil/Instantiate/Lower.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "stencil/Sema/Sema.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/thread.h"
#include <chrono>
#include <optional>

using namespace stencil;

#ifndef STENCIL_VERSION
#define STENCIL_VERSION "0"
#endif

namespace {

enum class EmitKind { None, Tokens, AST, IR };
enum class StatsKind { None, Text, JSON };

struct Options {
  std::string input;
  std::vector<std::string> includeDirs;
  bool syntaxOnly = false;
  EmitKind emit = EmitKind::None;
  std::string output; ///< -o; empty for standard output
  StatsKind stats = StatsKind::None;
  LowerOptions lower;
  unsigned errorLimit = 20;
  bool timeReport = false;
  bool help = false;
  bool version = false;
};

constexpr const char *kHelp = R"(OVERVIEW: stencilc - the Stencil compiler

USAGE: stencilc [options] FILE.stn

OPTIONS:
  -fsyntax-only        Check the program (all modules) and stop
  --emit=tokens        Print the main file's tokens and stop
  --emit=ast           Print the main file's syntax tree and stop
  --emit=ir            Print the program's IR (docs/ir.md), after instantiation
  -o FILE              Write the output to FILE instead of standard output
  --stats              Print the instance cache's figures and the IR's size (standard error)
  --stats=json         The same as JSON, for scripts (docs/instance-cache.md)
  --instantiation-depth=N
                       Reject instantiation chains deeper than N (default 1024)
  --instantiation-backtrace-limit=N
                       Print at most N notes of an instantiation chain (default 10, 0 for all)
  -I DIR               Also search DIR for imported modules (after the main file's directory)
  --error-limit=N      Stop after N errors (default 20, 0 for no limit)
  --time-report        Print the time and throughput of each phase to standard error
  --version            Print the version and exit
  --help               Print this help and exit

EXIT STATUS:
  0 success, 1 compile errors, 2 bad usage or unreadable input
)";

/// Parses \p args; on a usage error prints it to \p err and returns nullopt.
std::optional<Options> parseOptions(llvm::ArrayRef<std::string> args, llvm::raw_ostream &err) {
  Options o;
  auto usage = [&](const llvm::Twine &msg) {
    err << "stencilc: error: " << msg << "\n";
    err << "stencilc: note: run 'stencilc --help' for the options\n";
    return std::nullopt;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef a = args[i];
    if (a == "--help" || a == "-help" || a == "-h") {
      o.help = true;
    } else if (a == "--version" || a == "-version") {
      o.version = true;
    } else if (a == "-fsyntax-only" || a == "--fsyntax-only") {
      o.syntaxOnly = true;
    } else if (a.consume_front("--emit=")) {
      if (a == "tokens")
        o.emit = EmitKind::Tokens;
      else if (a == "ast")
        o.emit = EmitKind::AST;
      else if (a == "ir")
        o.emit = EmitKind::IR;
      else
        return usage("unsupported value '" + a + "' for --emit (this build supports tokens, ast and ir)");
    } else if (a == "--emit") {
      return usage("--emit needs a value: --emit=tokens, --emit=ast or --emit=ir");
    } else if (a == "-o") {
      if (i + 1 == args.size())
        return usage("-o needs a file name");
      o.output = args[++i];
    } else if (a == "--stats") {
      o.stats = StatsKind::Text;
    } else if (a.consume_front("--stats=")) {
      if (a != "json" && a != "text")
        return usage("unsupported value '" + a + "' for --stats (text or json)");
      o.stats = a == "json" ? StatsKind::JSON : StatsKind::Text;
    } else if (a.consume_front("--instantiation-depth=")) {
      if (a.getAsInteger(10, o.lower.maxDepth) || o.lower.maxDepth == 0)
        return usage("--instantiation-depth needs a positive number, found '" + a + "'");
    } else if (a.consume_front("--instantiation-backtrace-limit=")) {
      if (a.getAsInteger(10, o.lower.backtraceLimit))
        return usage("--instantiation-backtrace-limit needs a number, found '" + a + "'");
    } else if (a == "-I") {
      if (i + 1 == args.size())
        return usage("-I needs a directory");
      o.includeDirs.push_back(args[++i]);
    } else if (a.consume_front("-I")) {
      a.consume_front("=");
      if (a.empty())
        return usage("-I needs a directory");
      o.includeDirs.push_back(a.str());
    } else if (a.consume_front("--error-limit=")) {
      if (a.getAsInteger(10, o.errorLimit))
        return usage("--error-limit needs a number, found '" + a + "'");
    } else if (a == "--time-report") {
      o.timeReport = true;
    } else if (a.starts_with("-") && a != "-") {
      return usage("unknown option '" + a + "'");
    } else {
      if (!o.input.empty())
        return usage("more than one input file ('" + o.input + "' and '" + a + "')");
      o.input = a.str();
    }
  }
  if (o.help || o.version)
    return o;
  if (o.input.empty())
    return usage("no input file");
  if (!o.syntaxOnly && o.emit == EmitKind::None && o.stats == StatsKind::None)
    return usage("nothing to do: code generation is not part of this build yet; use -fsyntax-only, "
                 "--emit=tokens, --emit=ast, --emit=ir or --stats");
  if (!o.output.empty() && o.emit != EmitKind::IR)
    return usage("-o is supported with --emit=ir only in this build");
  return o;
}

using Clock = std::chrono::steady_clock;

/// Everything one run of the compiler works on, passed from phase to phase.
struct Compilation {
  const Options &opts;
  llvm::raw_ostream &out;
  SourceManager sm;
  DiagnosticEngine diags;
  LoadedProgram program;
  TypeContext types;
  IRInstanceCache cache;
  std::unique_ptr<ir::Module> ir;
  LoadTimes loadTimes;
  double checkSeconds = 0;
  double irSeconds = 0;
  bool internalError = false; ///< exit 2: a bug of ours, not of the program

  Compilation(const Options &opts, llvm::raw_ostream &out, llvm::raw_ostream &err)
      : opts(opts), out(out), diags(sm, err) {
    diags.setErrorLimit(opts.errorLimit);
  }
};

/// Reads, lexes and parses the main module and every module it imports.
bool runLoad(Compilation &c) {
  LoaderOptions lo{c.opts.input, c.opts.includeDirs};
  c.program = loadProgram(lo, c.sm, c.diags, c.opts.timeReport ? &c.loadTimes : nullptr);
  return !c.diags.hasErrors();
}

/// Checks every module, dependencies first.
bool runCheck(Compilation &c) {
  std::vector<ModuleAST *> modules;
  for (auto &m : c.program.modules)
    modules.push_back(m.get());
  auto t0 = Clock::now();
  bool ok = checkProgram(modules, c.program.mainModule, c.types, c.diags);
  c.checkSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return ok;
}

/// Builds the IR from `main` and the initializers, instantiating as it goes,
/// and verifies it.
bool runBuildIR(Compilation &c) {
  if (c.opts.syntaxOnly)
    return true;
  std::vector<ModuleAST *> modules;
  for (auto &m : c.program.modules)
    modules.push_back(m.get());
  auto t0 = Clock::now();
  c.ir = lowerProgram(modules, c.program.mainModule, c.types, c.diags, c.cache, c.opts.lower);
  c.irSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!c.ir)
    return false;
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (!ir::verifyModule(*c.ir, os)) {
    c.diags.report(SourceLoc(), diag::err_internal) << "the IR built for this program is invalid:\n" + problems;
    c.ir.reset();
    c.internalError = true;
    return false;
  }
  return true;
}

struct Phase {
  const char *name;
  bool (*run)(Compilation &);
};

/// The pipeline, in order. Later issues add IR build, inlining, codegen and link.
constexpr Phase kPipeline[] = {
    {"load", runLoad},   // lex + parse, following imports
    {"check", runCheck}, // name resolution and static semantics
    {"ir", runBuildIR},  // IR build: instantiation through the instance cache
};

/// Writes \p text to \p path atomically: a temporary file beside it, then a
/// rename, so a failure never leaves a partial file. A path that exists and is
/// not a regular file (`/dev/null`, a pipe) is written in place: renaming over
/// it would replace the device, as clang also avoids.
bool writeFileAtomically(llvm::StringRef path, llvm::StringRef text, DiagnosticEngine &diags) {
  llvm::sys::fs::file_status status;
  if (!llvm::sys::fs::status(path, status) && llvm::sys::fs::exists(status) &&
      !llvm::sys::fs::is_regular_file(status)) {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (!ec) {
      os << text;
      os.close();
      if (!os.has_error())
        return true;
      ec = os.error();
      os.clear_error();
    }
    diags.report(SourceLoc(), diag::err_cannot_write_output) << path << ec.message();
    return false;
  }
  llvm::SmallString<256> model(path);
  model += ".tmp-%%%%%%";
  int fd;
  llvm::SmallString<256> tmp;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, tmp)) {
    diags.report(SourceLoc(), diag::err_cannot_write_output) << path << ec.message();
    return false;
  }
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << text;
    os.close();
    if (os.has_error()) {
      diags.report(SourceLoc(), diag::err_cannot_write_output) << path << os.error().message();
      os.clear_error();
      llvm::sys::fs::remove(tmp);
      return false;
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmp, path)) {
    diags.report(SourceLoc(), diag::err_cannot_write_output) << path << ec.message();
    llvm::sys::fs::remove(tmp);
    return false;
  }
  return true;
}

/// What the options ask to see once the pipeline succeeded.
void emitOutputs(Compilation &c, llvm::raw_ostream &err) {
  if (c.opts.emit == EmitKind::IR && c.ir) {
    if (c.opts.output.empty() || c.opts.output == "-") {
      c.ir->print(c.out, &c.sm);
      c.out.flush(); // before anything on standard error, for a terminal showing both
    } else {
      std::string text;
      llvm::raw_string_ostream os(text);
      c.ir->print(os, &c.sm);
      writeFileAtomically(c.opts.output, text, c.diags);
    }
  }
  if (c.opts.stats != StatsKind::None && c.ir) {
    if (c.opts.stats == StatsKind::JSON)
      printInstanceStatsJSON(c.cache, *c.ir, err);
    else
      printInstanceStats(c.cache, *c.ir, err);
  }
}

void printTimeReport(const Compilation &c, llvm::raw_ostream &err) {
  const LoadTimes &t = c.loadTimes;
  auto row = [&](const char *name, double secs) {
    double lps = secs > 0 ? t.lines / secs : 0;
    err << llvm::format("  %-6s %10.6f s %14.0f lines/s\n", name, secs, lps);
  };
  err << "stencilc time report: " << t.lines << " lines, " << t.bytes << " bytes in "
      << c.program.modules.size() << " module(s)\n";
  row("lex", t.lexSeconds);
  row("parse", t.parseSeconds);
  row("check", c.checkSeconds);
  if (c.ir)
    row("ir", c.irSeconds);
  row("total", t.lexSeconds + t.parseSeconds + c.checkSeconds + c.irSeconds);
}

/// --emit=tokens and --emit=ast work on the main file alone.
int runDump(const Options &opts, llvm::raw_ostream &out, llvm::raw_ostream &err) {
  SourceManager sm;
  DiagnosticEngine diags(sm, err);
  diags.setErrorLimit(opts.errorLimit);
  llvm::Expected<FileId> file = sm.loadFile(opts.input, opts.input);
  if (!file) {
    diags.report(SourceLoc(), diag::err_cannot_open_file)
        << opts.input << llvm::toString(file.takeError());
    return ExitUsage;
  }
  TokenBuffer tokens = lex(sm, *file, diags);
  if (opts.emit == EmitKind::Tokens) {
    dumpTokens(sm, tokens, out);
  } else {
    std::unique_ptr<ModuleAST> module = parse(tokens, "main", diags);
    dumpAST(*module, sm, out);
  }
  out.flush();
  return diags.hasErrors() ? ExitCompileError : ExitSuccess;
}

} // namespace

/// The phases walk trees recursively; a long chain like `x + x + ... + x`
/// (20,000 operators) is a legal program as deep as it is long. The compiler
/// runs on a thread with this much stack (reserved, only touched as used), and
/// the parser bounds real nesting, so no input overflows it.
constexpr unsigned kCompilerStackSize = 512u << 20;

static int runCompilerOnThisThread(llvm::ArrayRef<std::string> args, llvm::raw_ostream &out,
                                   llvm::raw_ostream &err);

int stencil::runCompiler(llvm::ArrayRef<std::string> args, llvm::raw_ostream &out,
                         llvm::raw_ostream &err) {
  int status = ExitUsage;
  llvm::thread worker(std::optional<unsigned>(kCompilerStackSize),
                      [&] { status = runCompilerOnThisThread(args, out, err); });
  worker.join();
  return status;
}

static int runCompilerOnThisThread(llvm::ArrayRef<std::string> args, llvm::raw_ostream &out,
                                   llvm::raw_ostream &err) {
  std::optional<Options> opts = parseOptions(args, err);
  if (!opts)
    return ExitUsage;
  if (opts->help) {
    out << kHelp;
    return ExitSuccess;
  }
  if (opts->version) {
    out << "stencilc version " << STENCIL_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
    return ExitSuccess;
  }
  if (opts->emit == EmitKind::Tokens || opts->emit == EmitKind::AST)
    return runDump(*opts, out, err);

  Compilation c(*opts, out, err);
  for (const Phase &phase : kPipeline) {
    bool ok = phase.run(c);
    if (c.program.mainUnreadable)
      return ExitUsage;
    if (!ok)
      break;
  }
  if (!c.diags.hasErrors())
    emitOutputs(c, err);
  if (opts->timeReport)
    printTimeReport(c, err);
  if (c.internalError)
    return ExitUsage;
  return c.diags.hasErrors() ? ExitCompileError : ExitSuccess;
}
