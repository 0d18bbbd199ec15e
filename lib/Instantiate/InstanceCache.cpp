//===- InstanceCache.cpp - Per-declaration slots and counters -------------===//
#include "stencil/Instantiate/InstanceCache.h"
#include "llvm/Support/Debug.h"

using namespace stencil;

GenericSlot &InstanceCacheBase::getGeneric(const Decl *generic) {
  GenericSlot *&slot = slotOf_[generic];
  if (!slot)
    slot = &slots_.emplace_back(generic, keys_.getDeclHash(generic),
                                getNumInstanceTypeParams(generic));
  return *slot;
}

InstanceStats InstanceCacheBase::getTotals() const {
  InstanceStats total;
  for (const GenericSlot &g : slots_)
    total += g.getStats();
  return total;
}

static void printCounters(llvm::raw_ostream &os, const InstanceStats &s) {
  os << "requests " << s.requests << ", hits " << s.hits << ", misses " << s.misses << ", unique "
     << s.unique << "\n";
}

void InstanceCacheBase::printStats(llvm::raw_ostream &os) const {
  for (const GenericSlot &g : slots_) {
    os << getGenericName(g.getDecl()) << ": ";
    printCounters(os, g.getStats());
  }
  os << "total: ";
  printCounters(os, getTotals());
}

void InstanceCacheBase::dumpStats() const { printStats(llvm::errs()); }
