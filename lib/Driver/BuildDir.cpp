//===- BuildDir.cpp - stencilc --build-dir --------------------------------===//
#include "BuildDir.h"
#include "Link.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Build/Units.h"
#include "stencil/CodeGen/CodeGen.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TimeProfiler.h"
#include "llvm/Target/TargetMachine.h"
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <thread>

using namespace stencil;
namespace fs = llvm::sys::fs;

std::optional<Hash128> stencil::hashFile(llvm::StringRef path) {
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buf)
    return std::nullopt;
  return hash128((*buf)->getBuffer());
}

static std::string join(llvm::StringRef dir, llvm::StringRef name) {
  llvm::SmallString<256> p(dir);
  llvm::sys::path::append(p, name);
  return std::string(p);
}

BuildDirectory::BuildDirectory(const BuildDirOptions &opts, DiagnosticEngine &diags, int lockFd)
    : opts_(opts), diags_(diags), lockFd_(lockFd), store_(join(opts.dir, "objects")) {
  stats_.maxSize = opts.maxSize;
}

BuildDirectory::~BuildDirectory() {
  fs::unlockFile(lockFd_);
  llvm::sys::Process::SafelyCloseFileDescriptor(lockFd_);
}

std::unique_ptr<BuildDirectory> BuildDirectory::open(const BuildDirOptions &opts,
                                                     DiagnosticEngine &diags) {
  if (std::error_code ec = fs::create_directories(opts.dir)) {
    diags.report(SourceLoc(), diag::err_build_dir) << opts.dir << ec.message();
    return nullptr;
  }
  if (!fs::is_directory(opts.dir)) {
    diags.report(SourceLoc(), diag::err_build_dir) << opts.dir << "not a directory";
    return nullptr;
  }
  int fd;
  std::string lockPath = join(opts.dir, "lock");
  if (std::error_code ec = fs::openFileForReadWrite(lockPath, fd, fs::CD_OpenAlways, fs::OF_None)) {
    diags.report(SourceLoc(), diag::err_build_dir) << opts.dir << ec.message();
    return nullptr;
  }
  // One build at a time: the second waits. The kernel drops the lock of a
  // process that dies, so a killed build never leaves the directory locked.
  if (fs::tryLockFile(fd)) {
    diags.report(SourceLoc(), diag::note_build_dir_busy) << opts.dir;
    if (std::error_code ec = fs::lockFile(fd)) {
      diags.report(SourceLoc(), diag::err_build_dir) << opts.dir << ec.message();
      llvm::sys::Process::SafelyCloseFileDescriptor(fd);
      return nullptr;
    }
  }
  std::unique_ptr<BuildDirectory> bd(new BuildDirectory(opts, diags, fd));
  // Under the lock, any temporary is left from a build that was interrupted.
  bd->store_.removeTemporaries();
  std::error_code ec;
  std::vector<std::string> stale;
  for (fs::directory_iterator it(opts.dir, ec), end; !ec && it != end; it.increment(ec))
    if (llvm::sys::path::filename(it->path()).starts_with("record.tmp-"))
      stale.push_back(it->path());
  for (const std::string &p : stale)
    fs::remove(p);
  bd->readRecord();
  return bd;
}

void BuildDirectory::readRecord() {
  std::string path = join(opts_.dir, "record");
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buf)
    return; // a new directory (or the record was removed): build from the store
  llvm::Expected<BuildRecord> r = BuildRecord::parse((*buf)->getBuffer(), /*withFunctions=*/false);
  if (!r) {
    diags_.report(SourceLoc(), diag::note_build_record_bad) << opts_.dir << llvm::toString(r.takeError());
    return;
  }
  record_ = std::move(*r);
  recordText_ = (*buf)->getBuffer().str();
}

const BuildRecord *BuildDirectory::usableRecord() {
  if (!record_ || record_->options != opts_.options)
    return nullptr;
  if (!recordFunctionsRead_) {
    recordFunctionsRead_ = true;
    llvm::Expected<BuildRecord> r = BuildRecord::parse(recordText_);
    if (!r) {
      diags_.report(SourceLoc(), diag::note_build_record_bad)
          << opts_.dir << llvm::toString(r.takeError());
      record_.reset();
      return nullptr;
    }
    record_ = std::move(*r);
    recordText_.clear();
  }
  return &*record_;
}

bool BuildDirectory::upToDate(llvm::raw_ostream &explainOut) {
  llvm::TimeTraceScope scope("up-to-date check");
  if (!record_ || record_->options != opts_.options || record_->output != opts_.output)
    return false;
  for (const BuildRecord::Module &m : record_->modules) {
    std::optional<Hash128> h = hashFile(m.file);
    if (!h || *h != m.source)
      return false;
  }
  // An import resolves to the first file found: one that appeared where the
  // search looked first would change the program.
  for (const std::string &p : record_->absentPaths)
    if (fs::exists(p))
      return false;
  std::optional<Hash128> out = hashFile(opts_.output);
  if (!out || *out != record_->outputHash)
    return false;

  stats_.upToDate = true;
  stats_.modules = record_->modules.size();
  stats_.units = stats_.reused = record_->units.size();
  for (const BuildRecord::Unit &u : record_->units)
    stats_.instances += u.kind == "instance";
  if (opts_.explain) {
    for (const BuildRecord::Module &m : record_->modules)
      explainOut << "module " << m.name << ": reused (source unchanged)\n";
    for (const BuildRecord::Unit &u : record_->units)
      if (u.kind == "instance")
        explainOut << "instance " << u.name << ": reused (no source changed)\n";
    explainOut << "link: reused (output up to date)\n";
  }
  return true;
}

namespace {

/// The one-line progress display of a terminal (ninja's), or plain lines.
class Progress {
public:
  Progress(llvm::raw_ostream &os, unsigned total)
      : os_(os), total_(total), tty_(llvm::sys::Process::StandardErrIsDisplayed()) {}
  ~Progress() {
    if (tty_ && shown_)
      os_ << "\r\x1b[K";
    os_.flush();
  }
  void step(llvm::StringRef what) {
    std::lock_guard<std::mutex> lock(mu_);
    ++done_;
    shown_ = true;
    if (tty_)
      os_ << "\r\x1b[K";
    os_ << "[" << done_ << "/" << total_ << "] " << what;
    if (!tty_)
      os_ << "\n";
    os_.flush();
  }

private:
  llvm::raw_ostream &os_;
  unsigned total_, done_ = 0;
  bool tty_, shown_ = false;
  std::mutex mu_;
};

/// Stops the process after N artifacts were written
/// (STENCIL_FAULT_AFTER_ARTIFACTS=N): the tests' way of killing a build at a
/// chosen point.
class FaultInjection {
public:
  FaultInjection() {
    if (const char *v = std::getenv("STENCIL_FAULT_AFTER_ARTIFACTS"))
      limit_ = std::strtol(v, nullptr, 10);
  }
  void artifactWritten() {
    if (limit_ >= 0 && ++written_ >= limit_)
      std::raise(SIGKILL);
  }

private:
  long limit_ = -1;
  std::atomic<long> written_{0};
};

/// Lowers, optimizes and emits one unit into \p object.
bool compileUnit(const CompileUnit &u, const ir::Module &m, const SourceManager &sm,
                 llvm::TargetMachine &tm, unsigned optLevel, llvm::SmallVectorImpl<char> &object,
                 std::string &error) {
  llvm::TimeTraceScope scope("codegen unit", u.name);
  llvm::LLVMContext ctx;
  std::unique_ptr<llvm::Module> mod;
  {
    llvm::TimeTraceScope s("lower to LLVM", u.name);
    mod = lowerUnitToLLVM(m, u.code, sm, ctx, tm);
  }
  llvm::raw_string_ostream os(error);
  if (llvm::verifyModule(*mod, &os)) {
    error = "the LLVM IR generated for " + u.kindName().str() + " '" + u.name + "' is invalid:\n" + error;
    return false;
  }
  {
    llvm::TimeTraceScope s("optimize", u.name);
    optimizeModule(*mod, tm, optLevel);
  }
  llvm::TimeTraceScope s("emit", u.name);
  llvm::raw_svector_ostream out(object);
  if (llvm::Error e = emitCode(*mod, tm, CodeFileKind::Object, out)) {
    error = llvm::toString(std::move(e));
    return false;
  }
  return true;
}

/// Why a unit is rebuilt, from the last build's record of it.
std::string whyRebuilt(const CompileUnit &u, const BuildRecord::Unit *old, const BuildRecord *record,
                       const Hash128 &options, bool sourceChanged, llvm::StringRef corrupt) {
  if (!record)
    return "no build record";
  if (record->options != options)
    return "compiler options changed";
  if (!old)
    return "not built before";
  if (old->key == u.key)
    return corrupt.empty() ? "its object was missing" : ("its object was corrupt: " + corrupt).str();
  if (sourceChanged)
    return "source changed";
  // The first inlined body that differs, by callee name.
  auto a = old->inlined.begin(), ae = old->inlined.end();
  auto b = u.inlined.begin(), be = u.inlined.end();
  while (a != ae || b != be) {
    if (b == be || (a != ae && a->first < b->first))
      return "no longer inlines '" + a->first + "'";
    if (a == ae || b->first < a->first)
      return "now inlines '" + b->first + "'";
    if (a->second != b->second)
      return "inlined body of '" + a->first + "' changed";
    ++a, ++b;
  }
  if (old->layouts != u.layoutsHash)
    return "a struct layout it uses changed";
  if (old->refs != u.refsHash)
    return "a declaration it uses changed";
  if (old->functions != u.functionsHash)
    return "functions added or removed";
  switch (u.kind) {
  case CompileUnit::Kind::Instance:
    return "its generic body changed";
  case CompileUnit::Kind::Module:
    return "code changed";
  case CompileUnit::Kind::Entry:
    return "the module initializers changed";
  }
  llvm_unreachable("all unit kinds handled");
}

} // namespace

bool BuildDirectory::build(const ir::Module &m, const SourceManager &sm,
                           std::vector<CompileUnit> units, llvm::ArrayRef<ModuleSource> modules,
                           llvm::ArrayRef<std::string> absentPaths,
                           std::vector<BuildRecord::Function> functions,
                           llvm::raw_ostream &explainOut, llvm::raw_ostream &progressOut) {
  {
    llvm::TimeTraceScope scope("unit keys");
    computeUnitKeys(units, m, sm, opts_.codegenOptions, opts_.jobs);
  }
  stats_.modules = modules.size();
  stats_.units = units.size();

  // What the last build knew, by kind and name.
  llvm::StringMap<const BuildRecord::Unit *> oldUnits;
  llvm::StringMap<Hash128> oldSources;
  if (record_) {
    for (const BuildRecord::Unit &u : record_->units)
      oldUnits[u.kind + " " + u.name] = &u;
    for (const BuildRecord::Module &ms : record_->modules)
      oldSources[ms.name] = ms.source;
  }

  // Which objects the store has.
  std::vector<unsigned> todo;
  std::vector<std::string> problems(units.size());
  {
    llvm::TimeTraceScope scope("check store");
    for (unsigned i = 0; i < units.size(); ++i) {
      if (units[i].carried)
        continue; // the front end found its object valid (Incremental.cpp)
      ObjectStore::Status st = store_.check(units[i].key, &problems[i]);
      if (st == ObjectStore::Status::Valid)
        continue;
      if (st == ObjectStore::Status::Corrupt) {
        diags_.report(SourceLoc(), diag::note_artifact_bad)
            << opts_.dir << units[i].kindName() << units[i].name << problems[i];
        ++stats_.corrupt;
      }
      todo.push_back(i);
    }
  }

  // The link, unless its inputs are the last build's and the output is intact.
  std::vector<std::string> objects;
  Hasher linkHasher;
  linkHasher.addString(opts_.output);
  for (const CompileUnit &u : units) {
    objects.push_back(store_.pathFor(u.key));
    linkHasher.addHash(u.key);
  }
  Hash128 linkKey = linkHasher.finish();
  std::optional<Hash128> outputHash = hashFile(opts_.output);
  bool linkCurrent = record_ && record_->linkKey == linkKey && outputHash &&
                     *outputHash == record_->outputHash;
  // Compile the missing ones, -j threads each with its own TargetMachine.
  std::vector<std::string> errors(units.size());
  std::atomic<bool> failed{false};
  Progress progress(progressOut, todo.size() + !linkCurrent);
  if (!todo.empty()) {
    llvm::TimeTraceScope scope("code generation");
    sm.computeLineTables(); // read-only from here: shared by the threads
    FaultInjection fault;
    std::atomic<size_t> next{0};
    bool tracing = llvm::timeTraceProfilerEnabled();
    auto worker = [&](bool ownProfiler) {
      if (ownProfiler)
        llvm::timeTraceProfilerInitialize(0, "stencilc");
      auto tm = createTargetMachine(opts_.optLevel);
      for (size_t k; !failed && (k = next++) < todo.size();) {
        const CompileUnit &u = units[todo[k]];
        if (!tm) {
          errors[todo[k]] = llvm::toString(tm.takeError());
          failed = true;
          break;
        }
        progress.step((u.kindName() + " " + u.name).str());
        llvm::SmallString<0> object;
        if (!compileUnit(u, m, sm, **tm, opts_.optLevel, object, errors[todo[k]])) {
          failed = true;
          break;
        }
        if (llvm::Error e = store_.put(u.key, object)) {
          errors[todo[k]] = "\x01" + llvm::toString(std::move(e)); // an I/O failure
          failed = true;
          break;
        }
        fault.artifactWritten();
      }
      if (ownProfiler)
        llvm::timeTraceProfilerFinishThread();
    };
    unsigned jobs = std::max(1u, std::min<unsigned>(opts_.jobs, todo.size()));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t)
      threads.emplace_back(worker, tracing);
    worker(/*ownProfiler=*/false); // this thread works too, with the profiler it has

    for (std::thread &t : threads)
      t.join();
  }
  for (const std::string &e : errors) {
    if (e.empty())
      continue;
    if (e[0] == '\x01')
      diags_.report(SourceLoc(), diag::err_build_dir_write) << opts_.dir << e.substr(1);
    else
      diags_.report(SourceLoc(), diag::err_internal) << e;
  }
  if (failed)
    return false;

  Hash128Set rebuiltKeys;
  for (unsigned i : todo)
    rebuiltKeys.insert(units[i].key);
  stats_.rebuilt = todo.size();
  stats_.reused = units.size() - todo.size();
  for (const CompileUnit &u : units)
    if (u.kind == CompileUnit::Kind::Instance) {
      ++stats_.instances;
      stats_.instancesRebuilt += rebuiltKeys.contains(u.key);
    }

  if (!linkCurrent) {
    llvm::TimeTraceScope scope("link");
    progress.step("link " + opts_.output);
    if (!linkExecutable(objects, opts_.output, diags_))
      return false;
    outputHash = hashFile(opts_.output);
    if (!outputHash) {
      diags_.report(SourceLoc(), diag::err_cannot_write_output) << opts_.output << "cannot read it back";
      return false;
    }
    stats_.linked = true;
  }

  if (opts_.explain) {
    llvm::StringMap<bool> sourceChanged;
    for (const ModuleSource &ms : modules) {
      auto it = oldSources.find(ms.name);
      sourceChanged[ms.name] = it == oldSources.end() || it->second != ms.source;
    }
    llvm::StringMap<const CompileUnit *> moduleUnits;
    for (const CompileUnit &u : units)
      if (u.kind == CompileUnit::Kind::Module)
        moduleUnits[u.name] = &u;
    auto line = [&](const CompileUnit &u, unsigned index) {
      const BuildRecord::Unit *old = oldUnits.lookup((u.kindName() + " " + u.name).str());
      explainOut << (u.kind == CompileUnit::Kind::Entry ? "entry" : u.kindName());
      if (u.kind != CompileUnit::Kind::Entry)
        explainOut << " " << u.name;
      if (!rebuiltKeys.contains(u.key)) {
        explainOut << ": reused";
        if (old && old->key != u.key)
          explainOut << " (an earlier build's object)";
        explainOut << "\n";
        return;
      }
      bool changed = u.kind == CompileUnit::Kind::Module && sourceChanged.lookup(u.name);
      explainOut << ": rebuilt ("
                 << whyRebuilt(u, old, record_ ? &*record_ : nullptr, opts_.options, changed,
                               problems[index])
                 << ")\n";
    };
    for (unsigned i = 0; i < units.size(); ++i)
      if (units[i].kind == CompileUnit::Kind::Entry)
        line(units[i], i);
    for (const ModuleSource &ms : modules) {
      const CompileUnit *u = moduleUnits.lookup(ms.name);
      if (!u) {
        explainOut << "module " << ms.name << ": no code reached\n";
        continue;
      }
      line(*u, u - units.data());
    }
    for (unsigned i = 0; i < units.size(); ++i)
      if (units[i].kind == CompileUnit::Kind::Instance)
        line(units[i], i);
    explainOut << "link: " << (linkCurrent ? "reused (inputs unchanged)" : "rebuilt") << "\n";
  }

  // The record, last: a build killed before this point leaves the last
  // record, whose output fingerprint no longer matches, or none.
  BuildRecord r;
  r.options = opts_.options;
  r.invocation = opts_.invocation;
  for (const ModuleSource &ms : modules)
    r.modules.push_back({ms.name, ms.file, ms.source, ms.interface});
  r.absentPaths.assign(absentPaths.begin(), absentPaths.end());
  for (const CompileUnit &u : units)
    r.units.push_back({u.kindName().str(), u.name, u.key, u.codeHash, u.functionsHash,
                       u.layoutsHash, u.refsHash, u.inlined});
  r.functions = std::move(functions);
  r.output = opts_.output;
  r.outputHash = *outputHash;
  r.linkKey = linkKey;
  if (!writeFileAtomically(join(opts_.dir, "record"), r.serialize(), diags_))
    return false;

  // Keep the store within its limit, never dropping what this build uses.
  {
    llvm::TimeTraceScope scope("evict");
    Hash128Set inUse;
    for (const CompileUnit &u : units)
      inUse.insert(u.key);
    stats_.store = store_.evict(opts_.maxSize, inUse);
    if (stats_.store.bytes > opts_.maxSize)
      diags_.report(SourceLoc(), diag::note_store_over_limit)
          << opts_.dir << std::to_string(stats_.store.bytes) << std::to_string(opts_.maxSize);
  }
  return true;
}
