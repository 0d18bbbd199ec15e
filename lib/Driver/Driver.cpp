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
#include "BuildDir.h"
#include "Incremental.h"
#include "stencil/Driver/Invocation.h"
#include "Link.h"
#include "stencil/CodeGen/CodeGen.h"
#include "stencil/Driver/ModuleLoader.h"
#include "stencil/Inline/Inline.h"
#include "stencil/IR/IR.h"
#include "stencil/Instantiate/Lower.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "stencil/Sema/Sema.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/TimeProfiler.h"
#include "llvm/Support/thread.h"
#include "llvm/TargetParser/Host.h"
#include <thread>
#include "llvm/Target/TargetMachine.h"
#include <chrono>
#include <optional>

using namespace stencil;

#ifndef STENCIL_VERSION
#define STENCIL_VERSION "0"
#endif

namespace {

/// What the compiler produces. Text forms (tokens, ast, ir, llvm, asm) go to
/// standard output unless -o is given; obj and exe go to a file.
enum class EmitKind { Tokens, AST, IR, LLVM, Asm, Obj, Exe };
enum class StatsKind { None, Text, JSON };

struct Options {
  Hash128 invocation; ///< of the raw command line (Invocation.h)
  std::string input;
  std::vector<std::string> includeDirs;
  bool syntaxOnly = false;
  EmitKind emit = EmitKind::Exe;
  unsigned optLevel = 0;
  std::string output; ///< -o; empty for the default (standard output or FILE's stem)
  bool run = false;   ///< `stencilc run FILE [-- ARGS]`
  std::vector<std::string> runArgs;
  StatsKind stats = StatsKind::None;
  LowerOptions lower;
  InlineOptions inliner;
  unsigned errorLimit = 20;
  bool timeReport = false;
  std::string timeTrace; ///< --time-trace=FILE
  // The build directory (docs/incremental.md).
  std::string buildDir;
  unsigned jobs = 0; ///< -j; 0 for the number of cores
  bool explain = false;
  uint64_t cacheMaxSize = uint64_t(1) << 30;
  bool help = false;
  bool version = false;
};

constexpr const char *kHelp = R"(OVERVIEW: stencilc - the Stencil compiler

USAGE: stencilc [options] FILE.stn            compile FILE.stn (and its imports) to an executable
       stencilc run [options] FILE.stn [-- ARGS] compile into a temporary place and run it

OPTIONS:
  -o FILE              Write the output to FILE (default: the executable is FILE.stn's name
                       without .stn, in the current directory; text forms go to standard output)
  -O0 -O1 -O2 -O3      Optimization level (default -O0)
  --emit=exe           An executable (the default)
  --emit=obj           An object file (default name: FILE.o)
  --emit=asm           Assembly, as text
  --emit=llvm          LLVM IR, as text, after optimization
  --emit=ir            The program's Stencil IR (docs/ir.md), after instantiation
  --emit=ast           The main file's syntax tree
  --emit=tokens        The main file's tokens
  -fsyntax-only        Check the program (all modules) and stop
  --inline=MODE        The inliner on the Stencil IR: none (nothing is inlined, @inline
                       included), default, or aggressive (docs/inliner.md)
  --inline-threshold=N The inliner's cost threshold (default 40; aggressive 200)
  --remarks=inline     One line per inlining decision, with its reason and cost
  --stats              Print the instance cache's figures and the IR's size (standard error)
  --stats=json         The same as JSON, for scripts (docs/instance-cache.md)
  --instantiation-depth=N
                       Reject instantiation chains deeper than N (default 1024)
  --instantiation-backtrace-limit=N
                       Print at most N notes of an instantiation chain (default 10, 0 for all)
  -I DIR               Also search DIR for imported modules (after the main file's directory)
  --error-limit=N      Stop after N errors (default 20, 0 for no limit)
  --time-report        Print the time and throughput of each phase to standard error
  --time-trace=FILE    Write a Chrome trace (JSON, for Perfetto or chrome://tracing) of the
                       phases, and with --build-dir of each unit's code generation

BUILD DIRECTORY (docs/incremental.md):
  --build-dir=DIR      Build incrementally: keep each module's and each instance's object in
                       DIR and redo only what a change reaches (executables only)
  --explain            With --build-dir: one line per module and instance saying whether it
                       was reused or rebuilt, and why (standard output)
  -j N                 With --build-dir: generate code on N threads (default: the cores)
  --cache-max-size=SIZE
                       With --build-dir: the most DIR's object store keeps (bytes, or with a
                       K, M or G suffix; default 1G); least recently used objects go first
  --version            Print the version and exit
  --help               Print this help and exit

EXIT STATUS:
  0 success, 1 compile errors (or a failed link), 2 bad usage, unreadable input or an
  internal error; `stencilc run` exits with the program's status (128 + N if signal N killed it)
)";

/// Parses \p args; on a usage error prints it to \p err and returns nullopt.
std::optional<Options> parseOptions(llvm::ArrayRef<std::string> args, llvm::raw_ostream &err) {
  Options o;
  auto usage = [&](const llvm::Twine &msg) {
    err << "stencilc: error: " << msg << "\n";
    err << "stencilc: note: run 'stencilc --help' for the options\n";
    return std::nullopt;
  };
  size_t first = 0;
  if (!args.empty() && args[0] == "run") {
    o.run = true;
    first = 1;
  }
  for (size_t i = first; i < args.size(); ++i) {
    llvm::StringRef a = args[i];
    if (a == "--" && o.run) {
      o.runArgs.assign(args.begin() + i + 1, args.end());
      break;
    }
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
      else if (a == "llvm")
        o.emit = EmitKind::LLVM;
      else if (a == "asm")
        o.emit = EmitKind::Asm;
      else if (a == "obj")
        o.emit = EmitKind::Obj;
      else if (a == "exe")
        o.emit = EmitKind::Exe;
      else
        return usage("unsupported value '" + a + "' for --emit (exe, obj, asm, llvm, ir, ast or tokens)");
    } else if (a == "--emit") {
      return usage("--emit needs a value: --emit=exe, obj, asm, llvm, ir, ast or tokens");
    } else if (a.size() == 3 && a.starts_with("-O") && a[2] >= '0' && a[2] <= '3') {
      o.optLevel = a[2] - '0';
    } else if (a.starts_with("-O")) {
      return usage("unsupported optimization level '" + a + "' (-O0, -O1, -O2 or -O3)");
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
    } else if (a.consume_front("--inline=")) {
      if (a == "none")
        o.inliner.mode = InlineMode::None;
      else if (a == "default")
        o.inliner.mode = InlineMode::Default;
      else if (a == "aggressive")
        o.inliner.mode = InlineMode::Aggressive;
      else
        return usage("unsupported value '" + a + "' for --inline (none, default or aggressive)");
    } else if (a.consume_front("--inline-threshold=")) {
      unsigned t;
      if (a.getAsInteger(10, t) || t > 100000)
        return usage("--inline-threshold needs a number from 0 to 100000, found '" + a + "'");
      o.inliner.threshold = static_cast<int>(t);
    } else if (a.consume_front("--remarks=")) {
      if (a != "inline")
        return usage("unsupported value '" + a + "' for --remarks (inline)");
      o.inliner.remarks = true;
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
    } else if (a.consume_front("--time-trace=")) {
      if (a.empty())
        return usage("--time-trace needs a file name");
      o.timeTrace = a.str();
    } else if (a == "--build-dir") {
      if (i + 1 == args.size())
        return usage("--build-dir needs a directory");
      o.buildDir = args[++i];
    } else if (a.consume_front("--build-dir=")) {
      if (a.empty())
        return usage("--build-dir needs a directory");
      o.buildDir = a.str();
    } else if (a == "--explain") {
      o.explain = true;
    } else if (a == "-j" || a.starts_with("-j") || a.starts_with("--jobs=")) {
      llvm::StringRef n = a;
      if (a == "-j") {
        if (i + 1 == args.size())
          return usage("-j needs a number of threads");
        n = args[++i];
      } else if (!n.consume_front("--jobs=")) {
        n = n.drop_front(2);
      }
      if (n.getAsInteger(10, o.jobs) || o.jobs == 0 || o.jobs > 1024)
        return usage("-j needs a number of threads from 1 to 1024, found '" + n + "'");
    } else if (a.consume_front("--cache-max-size=")) {
      uint64_t scale = 1;
      if (a.consume_back("K") || a.consume_back("k"))
        scale = uint64_t(1) << 10;
      else if (a.consume_back("M") || a.consume_back("m"))
        scale = uint64_t(1) << 20;
      else if (a.consume_back("G") || a.consume_back("g"))
        scale = uint64_t(1) << 30;
      uint64_t n;
      if (a.getAsInteger(10, n) || n > (UINT64_MAX >> 30))
        return usage("--cache-max-size needs a size in bytes, with an optional K, M or G suffix");
      o.cacheMaxSize = n * scale;
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
  if (o.run && (o.emit != EmitKind::Exe || o.syntaxOnly || !o.output.empty()))
    return usage("'stencilc run' builds an executable: --emit, -o and -fsyntax-only do not apply");
  if (o.syntaxOnly && !o.output.empty())
    return usage("-fsyntax-only produces no output: -o does not apply");
  if (!o.buildDir.empty() && (o.emit != EmitKind::Exe || o.syntaxOnly))
    return usage("--build-dir builds executables: --emit and -fsyntax-only do not apply");
  if (o.buildDir.empty() && o.explain)
    return usage("--explain needs --build-dir");
  if (o.jobs == 0)
    o.jobs = std::max(1u, std::thread::hardware_concurrency());
  if (o.output.empty() && !o.run && !o.syntaxOnly) {
    // The default output file of the binary forms: FILE's stem (rustc's rule).
    llvm::StringRef stem = llvm::sys::path::stem(o.input);
    if (o.emit == EmitKind::Exe)
      o.output = stem.str();
    else if (o.emit == EmitKind::Obj)
      o.output = (stem + ".o").str();
  }
  return o;
}

using Clock = std::chrono::steady_clock;

/// Everything one run of the compiler works on, passed from phase to phase.
struct Compilation {
  const Options &opts;
  llvm::raw_ostream &out;
  llvm::raw_ostream &err; ///< diagnostics and remarks
  SourceManager sm;
  DiagnosticEngine diags;
  LoadedProgram program;
  TypeContext types;
  std::unique_ptr<IRInstanceCache> cache = std::make_unique<IRInstanceCache>();
  FrontEndResult frontEnd; ///< with --build-dir (Incremental.h)
  std::unique_ptr<ir::Module> ir;
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::TargetMachine> target;
  std::unique_ptr<llvm::Module> llvmModule;
  LoadTimes loadTimes;
  double checkSeconds = 0;
  double irSeconds = 0;
  double inlineSeconds = 0;
  InlineStats inlineStats;
  double codegenSeconds = 0; ///< lowering to LLVM IR and optimizing
  double emitSeconds = 0;    ///< machine code and the link
  bool internalError = false; ///< exit 2: a bug of ours, not of the program
  std::unique_ptr<BuildDirectory> buildDir; ///< --build-dir
  std::string buildOutput; ///< the executable a build directory produces

  Compilation(const Options &opts, llvm::raw_ostream &out, llvm::raw_ostream &err)
      : opts(opts), out(out), err(err), diags(sm, err) {
    diags.setErrorLimit(opts.errorLimit);
  }
};

/// Reads, lexes and parses the main module and every module it imports.
bool runLoad(Compilation &c) {
  LoaderOptions lo{c.opts.input, c.opts.includeDirs};
  c.program = loadProgram(lo, c.sm, c.diags, c.opts.timeReport ? &c.loadTimes : nullptr);
  return !c.diags.hasErrors();
}

bool verifyIR(Compilation &c, llvm::StringRef what);

/// With a build directory: check, lower and inline what the build needs
/// (Incremental.h), then verify the IR.
bool runFrontEnd(Compilation &c) {
  FrontEndInput in{c.program, c.sm,           c.types,   c.diags,
                   c.opts.lower, c.opts.inliner, c.err,  c.buildDir->usableRecord(),
                   c.buildDir->store()};
  bool internalError = false;
  bool ok = stencil::runFrontEnd(in, c.frontEnd, internalError);
  c.checkSeconds = c.frontEnd.checkSeconds;
  c.irSeconds = c.frontEnd.irSeconds;
  c.inlineSeconds = c.frontEnd.inlineSeconds;
  c.inlineStats = c.frontEnd.inlineStats;
  if (c.frontEnd.cache)
    c.cache = std::move(c.frontEnd.cache);
  c.internalError |= internalError;
  if (!ok)
    return false;
  c.ir = std::move(c.frontEnd.ir);
  return verifyIR(c, "the IR is invalid after inlining");
}

/// Checks every module, dependencies first.
bool runCheck(Compilation &c) {
  if (c.buildDir)
    return runFrontEnd(c);
  std::vector<ModuleAST *> modules;
  for (auto &m : c.program.modules)
    modules.push_back(m.get());
  auto t0 = Clock::now();
  bool ok = checkProgram(modules, c.program.mainModule, c.types, c.diags);
  c.checkSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return ok;
}

/// The IR verifier after a pass that changed the IR: a failure is our bug,
/// reported as an internal error (exit status 2), and the IR is dropped.
bool verifyIR(Compilation &c, llvm::StringRef what) {
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (ir::verifyModule(*c.ir, os))
    return true;
  c.diags.report(SourceLoc(), diag::err_internal) << (what + ":\n" + problems).str();
  c.ir.reset();
  c.internalError = true;
  return false;
}

/// Builds the IR from `main` and the initializers, instantiating as it goes,
/// and verifies it.
bool runBuildIR(Compilation &c) {
  if (c.opts.syntaxOnly || c.buildDir)
    return true;
  std::vector<ModuleAST *> modules;
  for (auto &m : c.program.modules)
    modules.push_back(m.get());
  auto t0 = Clock::now();
  c.ir = lowerProgram(modules, c.program.mainModule, c.types, c.diags, *c.cache, c.opts.lower);
  c.irSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!c.ir)
    return false;
  return verifyIR(c, "the IR built for this program is invalid");
}

/// The inliner, then the verifier again.
bool runInline(Compilation &c) {
  if (c.opts.syntaxOnly || !c.ir || c.buildDir)
    return true;
  auto t0 = Clock::now();
  c.inlineStats = inlineModule(*c.ir, c.opts.inliner, c.sm, c.err);
  c.inlineSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return verifyIR(c, "the IR is invalid after inlining");
}

bool needsCodeGen(const Options &o) {
  return o.emit == EmitKind::LLVM || o.emit == EmitKind::Asm || o.emit == EmitKind::Obj ||
         o.emit == EmitKind::Exe;
}

/// With a build directory: the units whose objects are not in its store,
/// then the link (BuildDir.h).
bool runBuildDir(Compilation &c) {
  std::vector<ModuleSource> modules;
  for (size_t i = 0; i < c.program.modules.size(); ++i) {
    const auto &m = c.program.modules[i];
    modules.push_back({m->modulePath, c.sm.getPath(m->file).str(), hash128(c.sm.getText(m->file)),
                       c.frontEnd.interfaces[i]});
  }
  BuildStats &bs = c.buildDir->stats();
  bs.modulesInvalidated = c.frontEnd.modulesInvalidated;
  bs.modulesChecked = c.frontEnd.modulesChecked;
  bs.functions = c.frontEnd.functions_;
  bs.functionsLowered = c.frontEnd.functionsLowered;
  bs.rounds = c.frontEnd.rounds;
  auto t0 = Clock::now();
  bool ok = c.buildDir->build(*c.ir, c.sm, std::move(c.frontEnd.units), modules,
                              c.program.absentPaths, std::move(c.frontEnd.functions), c.out, c.err);
  c.codegenSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!ok && !c.diags.hasErrors())
    c.internalError = true;
  return ok;
}

/// Lowers the IR to LLVM IR for the host and optimizes it.
bool runCodeGen(Compilation &c) {
  if (c.opts.syntaxOnly || !needsCodeGen(c.opts))
    return true;
  if (c.buildDir)
    return runBuildDir(c);
  auto t0 = Clock::now();
  auto tm = createTargetMachine(c.opts.optLevel);
  if (!tm) {
    c.diags.report(SourceLoc(), diag::err_internal) << llvm::toString(tm.takeError());
    c.internalError = true;
    return false;
  }
  c.target = std::move(*tm);
  c.llvmModule = lowerToLLVM(*c.ir, c.sm, c.llvmContext, *c.target);
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*c.llvmModule, &os)) {
    c.diags.report(SourceLoc(), diag::err_internal) << "the LLVM IR generated for this program is invalid:\n" + problems;
    c.internalError = true;
    return false;
  }
  optimizeModule(*c.llvmModule, *c.target, c.opts.optLevel);
  c.codegenSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return true;
}

/// The fingerprint of everything in the options that changes what a build
/// produces; \p codegen gets the part that changes object code.
Hash128 optionsFingerprint(const Options &o, Hash128 &codegen) {
  Hasher cg;
  cg.addString(STENCIL_VERSION).addString(LLVM_VERSION_STRING);
  cg.addString(llvm::sys::getDefaultTargetTriple()).addU32(o.optLevel);
  codegen = cg.finish();
  Hasher h;
  h.addHash(codegen).addString(o.input).addU64(o.includeDirs.size());
  for (const std::string &d : o.includeDirs)
    h.addString(d);
  h.addU8(static_cast<uint8_t>(o.inliner.mode)).addU32(static_cast<uint32_t>(o.inliner.threshold));
  h.addU32(o.lower.maxDepth);
  return h.finish();
}

/// Opens --build-dir (and takes its lock). `stencilc run` keeps its
/// executable in the directory: DIR/bin/FILE.
bool openBuildDir(Compilation &c) {
  const Options &o = c.opts;
  BuildDirOptions bo;
  bo.dir = o.buildDir;
  if (o.run) {
    llvm::SmallString<256> p(o.buildDir);
    llvm::sys::path::append(p, "bin", llvm::sys::path::stem(o.input));
    if (std::error_code ec = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(p))) {
      c.diags.report(SourceLoc(), diag::err_build_dir) << o.buildDir << ec.message();
      return false;
    }
    c.buildOutput = std::string(p);
  } else {
    c.buildOutput = o.output;
  }
  bo.output = c.buildOutput;
  bo.jobs = o.jobs;
  bo.explain = o.explain;
  bo.maxSize = o.cacheMaxSize;
  bo.optLevel = o.optLevel;
  bo.options = optionsFingerprint(o, bo.codegenOptions);
  bo.invocation = o.invocation;
  c.buildDir = BuildDirectory::open(bo, c.diags);
  return c.buildDir != nullptr;
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
    {"inline", runInline}, // the inliner policy on the Stencil IR
    {"codegen", runCodeGen}, // LLVM IR, optimized (-O0 ... -O3)
};

/// Writes a text form to -o, or to standard output without one.
void writeText(Compilation &c, llvm::function_ref<void(llvm::raw_ostream &)> print) {
  if (c.opts.output.empty() || c.opts.output == "-") {
    print(c.out);
    c.out.flush(); // before anything on standard error, for a terminal showing both
    return;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  print(os);
  writeFileAtomically(c.opts.output, text, c.diags);
}

/// Machine code for the module, in memory.
bool emitMachineCode(Compilation &c, CodeFileKind kind, llvm::SmallVectorImpl<char> &buffer) {
  llvm::raw_svector_ostream os(buffer);
  if (llvm::Error e = emitCode(*c.llvmModule, *c.target, kind, os)) {
    c.diags.report(SourceLoc(), diag::err_internal) << llvm::toString(std::move(e));
    c.internalError = true;
    return false;
  }
  return true;
}

/// An executable at \p exePath: the object in a temporary file, then the link.
bool buildExecutable(Compilation &c, llvm::StringRef exePath) {
  llvm::SmallString<0> object;
  if (!emitMachineCode(c, CodeFileKind::Object, object))
    return false;
  llvm::SmallString<256> objPath;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("stencil", "o", fd, objPath)) {
    c.diags.report(SourceLoc(), diag::err_cannot_write_output) << "a temporary object file" << ec.message();
    return false;
  }
  bool ok;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << object;
    os.close();
    ok = !os.has_error();
    if (!ok) {
      c.diags.report(SourceLoc(), diag::err_cannot_write_output) << objPath << os.error().message();
      os.clear_error();
    }
  }
  ok = ok && linkExecutable({std::string(objPath)}, exePath, c.diags);
  llvm::sys::fs::remove(objPath);
  return ok;
}

/// The build directory's figures (--stats).
void printBuildStats(const BuildStats &b, llvm::raw_ostream &os) {
  auto row = [&](llvm::StringRef name) -> llvm::raw_ostream & {
    return os << "  " << llvm::left_justify(name, 18) << " ";
  };
  os << "build directory: " << (b.upToDate ? "up to date, nothing parsed" : "built") << "\n";
  row("modules checked") << b.modulesChecked << " of " << b.modules << "\n";
  if (!b.upToDate) {
    row("modules changed") << b.modulesInvalidated
                           << " (source, or the interface of a module they import)\n";
    row("functions lowered") << b.functionsLowered << " of " << b.functions << " (" << b.rounds
                             << (b.rounds == 1 ? " round" : " rounds") << ")\n";
  }
  row("units") << b.units << " (" << b.rebuilt << " rebuilt, " << b.reused << " reused)\n";
  row("instances") << b.instances << " (" << b.instancesRebuilt << " rebuilt, "
                   << b.instances - b.instancesRebuilt << " reused)\n";
  row("link") << (b.linked ? "yes" : "no") << "\n";
  if (b.upToDate)
    return;
  row("store") << b.store.entries << " entries, " << b.store.bytes << " bytes (limit " << b.maxSize
               << ")\n";
  row("store this build") << b.reused << " hits, " << b.rebuilt << " misses, " << b.store.evicted
                          << " evictions\n";
}

void printBuildStatsJSON(const BuildStats &b, llvm::json::OStream &j) {
  j.attributeObject("build", [&] {
    j.attribute("upToDate", b.upToDate);
    j.attribute("modules", b.modules);
    j.attribute("modulesChecked", b.modulesChecked);
    j.attribute("modulesChanged", b.modulesInvalidated);
    j.attribute("functions", b.functions);
    j.attribute("functionsLowered", b.functionsLowered);
    j.attribute("frontEndRounds", b.rounds);
    j.attribute("units", b.units);
    j.attribute("unitsRebuilt", b.rebuilt);
    j.attribute("unitsReused", b.reused);
    j.attribute("instances", b.instances);
    j.attribute("instancesRebuilt", b.instancesRebuilt);
    j.attribute("linked", b.linked);
    if (b.upToDate)
      return;
    j.attribute("storeEntries", int64_t(b.store.entries));
    j.attribute("storeBytes", int64_t(b.store.bytes));
    j.attribute("storeLimit", int64_t(b.maxSize));
    j.attribute("storeHits", b.reused);
    j.attribute("storeMisses", b.rebuilt);
    j.attribute("storeEvictions", int64_t(b.store.evicted));
  });
}

/// --stats: the instance cache and the IR, and the build directory's figures.
void printStats(Compilation &c, llvm::raw_ostream &err) {
  if (c.opts.stats == StatsKind::None)
    return;
  const BuildStats *b = c.buildDir ? &c.buildDir->stats() : nullptr;
  if (c.opts.stats == StatsKind::JSON) {
    auto extra = [&](llvm::json::OStream &j) {
      if (b)
        printBuildStatsJSON(*b, j);
    };
    if (c.ir) {
      printInstanceStatsJSON(*c.cache, *c.ir, err, extra);
    } else if (b) {
      llvm::json::OStream j(err, 2);
      j.object([&] {
        j.attribute("version", 1);
        extra(j);
      });
      err << "\n";
    }
    return;
  }
  if (c.ir)
    printInstanceStats(*c.cache, *c.ir, err);
  if (b)
    printBuildStats(*b, err);
}

/// What the options ask for, once the pipeline succeeded. For `stencilc run`,
/// \p runExe receives the executable to run.
void emitOutputs(Compilation &c, llvm::raw_ostream &err, llvm::SmallVectorImpl<char> &runExe) {
  auto t0 = Clock::now();
  switch (c.opts.emit) {
  case EmitKind::Tokens:
  case EmitKind::AST:
    break; // runDump's
  case EmitKind::IR:
    if (c.ir)
      writeText(c, [&](llvm::raw_ostream &os) { c.ir->print(os, &c.sm); });
    break;
  case EmitKind::LLVM:
    if (c.llvmModule)
      writeText(c, [&](llvm::raw_ostream &os) { c.llvmModule->print(os, nullptr); });
    break;
  case EmitKind::Asm: {
    llvm::SmallString<0> text;
    if (c.llvmModule && emitMachineCode(c, CodeFileKind::Assembly, text))
      writeText(c, [&](llvm::raw_ostream &os) { os << text; });
    break;
  }
  case EmitKind::Obj: {
    llvm::SmallString<0> object;
    if (c.llvmModule && emitMachineCode(c, CodeFileKind::Object, object))
      writeFileAtomically(c.opts.output, object, c.diags);
    break;
  }
  case EmitKind::Exe:
    if (c.buildDir) {
      // Built and linked by the build directory.
      if (c.opts.run)
        runExe.assign(c.buildOutput.begin(), c.buildOutput.end());
      break;
    }
    if (!c.llvmModule)
      break;
    if (!c.opts.run) {
      buildExecutable(c, c.opts.output);
      break;
    }
    // stencilc run: a private temporary directory, removed after the run.
    llvm::SmallString<256> dir;
    if (std::error_code ec = llvm::sys::fs::createUniqueDirectory("stencil-run", dir)) {
      c.diags.report(SourceLoc(), diag::err_cannot_write_output) << "a temporary directory" << ec.message();
      break;
    }
    llvm::SmallString<256> exe(dir);
    llvm::sys::path::append(exe, llvm::sys::path::stem(c.opts.input));
    if (buildExecutable(c, exe))
      runExe.assign(exe.begin(), exe.end());
    else
      llvm::sys::fs::remove(dir);
    break;
  }
  c.emitSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  printStats(c, err);
}

void printTimeReport(const Compilation &c, llvm::raw_ostream &err) {
  if (c.buildDir && c.buildDir->stats().upToDate) {
    err << "stencilc time report: up to date, nothing parsed\n";
    return;
  }
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
  if (c.ir) {
    row("ir", c.irSeconds);
    row("inline", c.inlineSeconds);
  }
  if (c.llvmModule) {
    row("llvm", c.codegenSeconds);
    row("emit", c.emitSeconds);
  }
  row("total", t.lexSeconds + t.parseSeconds + c.checkSeconds + c.irSeconds + c.inlineSeconds +
                   c.codegenSeconds + c.emitSeconds);
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
static int runPipeline(const Options &opts, llvm::raw_ostream &out, llvm::raw_ostream &err);

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
  {
    uint64_t low = 0, high = 0;
    std::vector<std::string> raw(args.begin(), args.end());
    if (invocationKey(STENCIL_VERSION, raw, low, high))
      opts->invocation = Hash128{low, high};
  }
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
  if (opts->timeTrace.empty())
    return runPipeline(*opts, out, err);
  // --time-trace: a profiler for this thread (code generation threads add
  // their own), written when the compilation is over.
  llvm::timeTraceProfilerInitialize(/*TimeTraceGranularity=*/0, "stencilc");
  int status = runPipeline(*opts, out, err);
  llvm::SmallString<0> json;
  {
    llvm::raw_svector_ostream os(json);
    llvm::timeTraceProfilerWrite(os);
  }
  llvm::timeTraceProfilerCleanup();
  SourceManager sm;
  DiagnosticEngine diags(sm, err);
  if (!writeFileAtomically(opts->timeTrace, json, diags) && status == ExitSuccess)
    status = ExitUsage;
  return status;
}

static int runPipeline(const Options &opts, llvm::raw_ostream &out, llvm::raw_ostream &err) {
  Compilation c(opts, out, err);
  if (!opts.buildDir.empty() && !openBuildDir(c))
    return ExitUsage;
  bool upToDate = c.buildDir && c.buildDir->upToDate(c.out);
  for (const Phase &phase : kPipeline) {
    if (upToDate)
      break;
    bool ok;
    {
      llvm::TimeTraceScope scope(phase.name);
      ok = phase.run(c);
    }
    if (c.program.mainUnreadable)
      return ExitUsage;
    if (!ok)
      break;
  }
  llvm::SmallString<256> runExe;
  if (!c.diags.hasErrors())
    emitOutputs(c, err, runExe);
  if (opts.timeReport)
    printTimeReport(c, err);
  if (c.internalError)
    return ExitUsage;
  if (c.diags.hasErrors())
    return ExitCompileError;
  if (runExe.empty())
    return ExitSuccess;
  // stencilc run: the program's own exit status.
  err.flush();
  out.flush();
  int status = runProgram(runExe, opts.runArgs, c.diags);
  if (!c.buildDir) {
    llvm::sys::fs::remove(runExe);
    llvm::sys::fs::remove(llvm::sys::path::parent_path(runExe));
  }
  return status < 0 ? ExitUsage : status;
}
