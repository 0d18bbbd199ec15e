//===- ModuleLoader.cpp - Find, read and parse every imported module ------===//
#include "stencil/Driver/ModuleLoader.h"
#include "stencil/Basic/Diagnostics.h"
#include "stencil/Basic/SourceManager.h"
#include "stencil/Lex/Lexer.h"
#include "stencil/Parse/Parser.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <chrono>

using namespace stencil;

namespace {

using Clock = std::chrono::steady_clock;

class Loader {
public:
  Loader(const LoaderOptions &opts, SourceManager &sm, DiagnosticEngine &diags, LoadTimes *times)
      : opts_(opts), sm_(sm), diags_(diags), times_(times) {}

  LoadedProgram run();

private:
  /// Lexes and parses \p file as module \p modulePath.
  ModuleAST *parseFile(FileId file, llvm::StringRef modulePath, std::string realPath);
  /// Finds, loads and parses the target of \p import (null when it cannot).
  ModuleAST *resolve(ImportDecl *import);
  void checkCycles();
  /// How loader messages name a module: its import path, or for the main
  /// module (whose qualified name is "main") its file name without ".stn".
  std::string nameOf(const ModuleAST *m) const {
    if (m != program_.mainModule)
      return m->modulePath;
    return llvm::sys::path::stem(opts_.mainFile).str();
  }
  void orderModules();

  const LoaderOptions &opts_;
  SourceManager &sm_;
  DiagnosticEngine &diags_;
  LoadTimes *times_;
  std::string mainDir_;
  LoadedProgram program_;
  llvm::StringMap<ModuleAST *> byRealPath_;
  llvm::StringSet<> absentSeen_;
  std::vector<ModuleAST *> worklist_;
};

} // namespace

ModuleAST *Loader::parseFile(FileId file, llvm::StringRef modulePath, std::string realPath) {
  auto t0 = Clock::now();
  TokenBuffer tokens = lex(sm_, file, diags_);
  auto t1 = Clock::now();
  std::unique_ptr<ModuleAST> module = parse(tokens, modulePath, diags_);
  auto t2 = Clock::now();
  if (times_) {
    times_->lexSeconds += std::chrono::duration<double>(t1 - t0).count();
    times_->parseSeconds += std::chrono::duration<double>(t2 - t1).count();
    llvm::StringRef text = sm_.getText(file);
    times_->bytes += text.size();
    times_->lines += text.count('\n') + (!text.empty() && !text.ends_with("\n"));
  }
  ModuleAST *raw = module.get();
  program_.modules.push_back(std::move(module));
  byRealPath_[realPath] = raw;
  worklist_.push_back(raw);
  return raw;
}

static std::string realPathOf(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real))
    return path.str();
  return std::string(real);
}

ModuleAST *Loader::resolve(ImportDecl *import) {
  llvm::StringRef path = import->path;
  // The parser reported malformed paths; they resolve to nothing.
  if (path.empty() || path.starts_with("/") || path.contains(".."))
    return nullptr;
  std::string fileName = (path + ".stn").str();

  // The main file's directory first, then each -I directory in order.
  std::vector<std::pair<std::string, std::string>> candidates; // (path on disk, display name)
  {
    llvm::SmallString<256> p(mainDir_);
    llvm::sys::path::append(p, fileName);
    candidates.push_back({std::string(p), fileName});
  }
  for (const std::string &dir : opts_.includeDirs) {
    llvm::SmallString<256> p(dir);
    llvm::sys::path::append(p, fileName);
    candidates.push_back({std::string(p), std::string(p)});
  }
  for (auto &[diskPath, display] : candidates) {
    if (!llvm::sys::fs::is_regular_file(diskPath)) {
      if (absentSeen_.insert(diskPath).second)
        program_.absentPaths.push_back(diskPath);
      continue;
    }
    std::string real = realPathOf(diskPath);
    auto it = byRealPath_.find(real);
    if (it != byRealPath_.end())
      return it->second;
    llvm::Expected<FileId> file = sm_.loadFile(diskPath, display);
    if (!file) {
      diags_.report(import->pathLoc, diag::err_module_read_failed)
          << path << display << llvm::toString(file.takeError());
      return nullptr;
    }
    return parseFile(*file, path, real);
  }
  diags_.report(import->pathLoc, diag::err_module_not_found) << path << fileName;
  return nullptr;
}

void Loader::checkCycles() {
  // Iterative DFS over the import graph, imports in source order, reporting each
  // back edge once at the import that closes the cycle.
  enum Color : uint8_t { White, Grey, Black };
  llvm::DenseMap<ModuleAST *, Color> color;
  struct Frame {
    ModuleAST *module;
    size_t next;
  };
  std::vector<Frame> stack;
  for (auto &root : program_.modules) {
    if (color[root.get()] != White)
      continue;
    stack.push_back({root.get(), 0});
    color[root.get()] = Grey;
    while (!stack.empty()) {
      Frame &top = stack.back();
      if (top.next == top.module->imports.size()) {
        color[top.module] = Black;
        stack.pop_back();
        continue;
      }
      ImportDecl *import = top.module->imports[top.next++];
      ModuleAST *target = import->target;
      if (!target)
        continue;
      if (color[target] == White) {
        color[target] = Grey;
        stack.push_back({target, 0});
        continue;
      }
      if (color[target] != Grey)
        continue;
      // A cycle: target ... top.module -> target.
      std::string chain;
      size_t start = 0;
      while (stack[start].module != target)
        ++start;
      for (size_t i = start; i < stack.size(); ++i)
        chain += nameOf(stack[i].module) + " -> ";
      chain += nameOf(target);
      if (target == top.module)
        diags_.report(import->pathLoc, diag::err_import_self) << nameOf(target);
      else
        diags_.report(import->pathLoc, diag::err_import_cycle) << chain;
    }
  }
}

void Loader::orderModules() {
  // Post-order from the main module: every module after the modules it imports.
  // Modules only reachable through a cycle still appear once.
  std::vector<std::unique_ptr<ModuleAST>> ordered;
  llvm::DenseMap<ModuleAST *, bool> placed;
  llvm::DenseMap<ModuleAST *, std::unique_ptr<ModuleAST> *> owner;
  for (auto &m : program_.modules)
    owner[m.get()] = &m;
  struct Frame {
    ModuleAST *module;
    size_t next;
  };
  llvm::DenseMap<ModuleAST *, bool> entered;
  std::vector<Frame> stack{{program_.mainModule, 0}};
  entered[program_.mainModule] = true;
  while (!stack.empty()) {
    Frame &top = stack.back();
    if (top.next == top.module->imports.size()) {
      ordered.push_back(std::move(*owner[top.module]));
      placed[top.module] = true;
      stack.pop_back();
      continue;
    }
    ModuleAST *target = top.module->imports[top.next++]->target;
    if (target && !entered[target]) {
      entered[target] = true;
      stack.push_back({target, 0});
    }
  }
  program_.modules = std::move(ordered);
}

LoadedProgram Loader::run() {
  llvm::StringRef mainFile = opts_.mainFile;
  mainDir_ = std::string(llvm::sys::path::parent_path(mainFile));
  if (mainDir_.empty())
    mainDir_ = ".";
  llvm::Expected<FileId> file = sm_.loadFile(mainFile, mainFile);
  if (!file) {
    diags_.report(SourceLoc(), diag::err_cannot_open_file)
        << mainFile << llvm::toString(file.takeError());
    program_.mainUnreadable = true;
    return std::move(program_);
  }
  program_.mainModule = parseFile(*file, "main", realPathOf(mainFile));
  // Worklist, not recursion: each module's imports are resolved once.
  // (A FIFO, so modules are read in the order their imports are written.)
  for (size_t i = 0; i < worklist_.size(); ++i) {
    ModuleAST *module = worklist_[i];
    for (ImportDecl *import : module->imports)
      import->target = resolve(import);
  }
  checkCycles();
  orderModules();
  return std::move(program_);
}

LoadedProgram stencil::loadProgram(const LoaderOptions &opts, SourceManager &sm,
                                   DiagnosticEngine &diags, LoadTimes *times) {
  return Loader(opts, sm, diags, times).run();
}
