//===- Stats.cpp - --stats and --stats=json -------------------------------===//
//
// The instance cache's counters per generic declaration, in first-request
// order, and the sizes of the IR. Both forms carry the same figures; the JSON
// fields are documented in docs/instance-cache.md.
//
//===----------------------------------------------------------------------===//
#include "stencil/AST/AST.h"
#include "stencil/Instantiate/Lower.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

using namespace stencil;

namespace {

const char *genericKind(const Decl *d) {
  if (llvm::isa<TypeDecl>(d))
    return "type";
  return llvm::cast<FuncDecl>(d)->isMethod ? "method" : "function";
}

struct IRSizes {
  unsigned functions = 0, instances = 0, structs = 0, structInstances = 0, globals = 0;
  uint64_t blocks = 0, instructions = 0;
  unsigned maxDepth = 0;
};

IRSizes measure(const IRInstanceCache &cache, const ir::Module &m) {
  IRSizes s;
  for (const auto &f : m.functions()) {
    ++s.functions;
    s.instances += f->isInstance();
    s.blocks += f->blocks().size();
    s.instructions += f->getNumInsts();
  }
  for (const auto &l : m.structs()) {
    ++s.structs;
    s.structInstances += l->isInstance();
  }
  s.globals = m.globals().size();
  for (const auto &e : cache.entries())
    s.maxDepth = std::max(s.maxDepth, e.value.depth);
  return s;
}

llvm::StringRef instanceName(const IRInstanceCache::Entry &e) {
  return e.value.func ? e.value.func->getName() : e.value.layout->getName();
}

} // namespace

void stencil::printInstanceStats(const IRInstanceCache &cache, const ir::Module &m,
                                 llvm::raw_ostream &os) {
  InstanceStats total = cache.getTotals();
  double rate = total.requests ? 100.0 * total.hits / total.requests : 0;
  os << "instance cache: " << total.requests << " requests, " << total.hits << " hits, "
     << total.misses << " misses, " << total.unique << " unique instances"
     << llvm::format(" (hit rate %.1f%%)\n", rate);
  if (!cache.generics().empty()) {
    size_t width = 7;
    for (const GenericSlot &g : cache.generics())
      width = std::max(width, getGenericName(g.getDecl()).size());
    os << "  " << llvm::left_justify("generic", width) << " kind     requests     hits   misses   unique\n";
    for (const GenericSlot &g : cache.generics()) {
      const InstanceStats &s = g.getStats();
      os << llvm::format("  %-*s %-8s %8llu %8llu %8llu %8llu\n", int(width),
                         getGenericName(g.getDecl()).c_str(), genericKind(g.getDecl()),
                         (unsigned long long)s.requests, (unsigned long long)s.hits,
                         (unsigned long long)s.misses, (unsigned long long)s.unique);
    }
  }
  IRSizes s = measure(cache, m);
  auto count = [&](uint64_t n, const char *one, const char *many) {
    os << n << " " << (n == 1 ? one : many);
  };
  os << "IR: ";
  count(s.functions, "function", "functions");
  os << " (" << s.instances << (s.instances == 1 ? " instance), " : " instances), ");
  count(s.structs, "struct layout", "struct layouts");
  os << " (" << s.structInstances << (s.structInstances == 1 ? " instance), " : " instances), ");
  count(s.globals, "global", "globals");
  os << ", ";
  count(s.blocks, "block", "blocks");
  os << ", ";
  count(s.instructions, "instruction", "instructions");
  os << ", instantiation depth " << s.maxDepth << "\n";
}

void stencil::printInstanceStatsJSON(const IRInstanceCache &cache, const ir::Module &m,
                                     llvm::raw_ostream &os,
                                     llvm::function_ref<void(llvm::json::OStream &)> extra) {
  llvm::json::OStream j(os, 2);
  auto counters = [&](const InstanceStats &s) {
    j.attribute("requests", int64_t(s.requests));
    j.attribute("hits", int64_t(s.hits));
    j.attribute("misses", int64_t(s.misses));
    j.attribute("unique", int64_t(s.unique));
  };
  j.object([&] {
    j.attribute("version", 1);
    j.attributeObject("cache", [&] { counters(cache.getTotals()); });
    j.attributeArray("generics", [&] {
      for (const GenericSlot &g : cache.generics()) {
        j.object([&] {
          j.attribute("name", getGenericName(g.getDecl()));
          j.attribute("kind", genericKind(g.getDecl()));
          counters(g.getStats());
          j.attributeArray("instances", [&] {
            for (const auto &e : cache.entries())
              if (e.generic == &g)
                j.value(instanceName(e));
          });
        });
      }
    });
    IRSizes s = measure(cache, m);
    j.attributeObject("ir", [&] {
      j.attribute("functions", s.functions);
      j.attribute("instances", s.instances);
      j.attribute("structs", s.structs);
      j.attribute("structInstances", s.structInstances);
      j.attribute("globals", s.globals);
      j.attribute("blocks", int64_t(s.blocks));
      j.attribute("instructions", int64_t(s.instructions));
      j.attribute("maxDepth", s.maxDepth);
    });
    if (extra)
      extra(j);
  });
  os << "\n";
}
