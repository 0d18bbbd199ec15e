//===- IR.cpp - Types, constants and the module ---------------------------===//
#include "stencil/IR/IR.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/Debug.h"

using namespace stencil;
using namespace stencil::ir;

namespace {
enum Flag : unsigned { N = 0, T = 1, P = 2, R = 4, RP = R | P, TP = T | P };
struct OpcodeInfo {
  const char *text;
  unsigned flags;
};
constexpr OpcodeInfo kOpcodes[] = {
#define INST(Name, Text, Flags) {Text, Flags},
#include "stencil/IR/Instructions.def"
};
static_assert(sizeof(kOpcodes) / sizeof(kOpcodes[0]) == kNumOpcodes);
} // namespace

llvm::StringRef ir::getOpcodeName(Opcode op) { return kOpcodes[static_cast<unsigned>(op)].text; }
bool ir::isTerminator(Opcode op) { return kOpcodes[static_cast<unsigned>(op)].flags & T; }
bool ir::mayPanic(Opcode op) { return kOpcodes[static_cast<unsigned>(op)].flags & P; }

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

TypeTable::TypeTable(Arena &arena) : arena_(arena) {
  auto basic = [&](Type::Kind k) { return finish(new (arena_.Allocate<Type>()) Type(k)); };
  void_ = basic(Type::Kind::Void);
  bool_ = basic(Type::Kind::Bool);
  int_ = basic(Type::Kind::Int);
  float_ = basic(Type::Kind::Float);
  string_ = basic(Type::Kind::String);
}

Type *TypeTable::finish(Type *t) {
  t->hash_ = hash128(t->str());
  return t;
}

const Type *TypeTable::getSlice(const Type *elem) {
  const Type *&slot = slices_[elem];
  if (!slot) {
    auto *t = new (arena_.Allocate<Type>()) Type(Type::Kind::Slice);
    t->elem_ = elem;
    slot = finish(t);
  }
  return slot;
}

const Type *TypeTable::getPtr(const Type *pointee) {
  const Type *&slot = ptrs_[pointee];
  if (!slot) {
    auto *t = new (arena_.Allocate<Type>()) Type(Type::Kind::Ptr);
    t->elem_ = pointee;
    slot = finish(t);
  }
  return slot;
}

const Type *TypeTable::getFunc(llvm::ArrayRef<const Type *> params, const Type *result) {
  // The top bit cleared: DenseMap reserves ~0U and ~0U - 1 as keys.
  auto h = static_cast<unsigned>(
               llvm::hash_combine(llvm::hash_combine_range(params.begin(), params.end()), result)) &
           0x7fffffffu;
  auto &bucket = funcIndex_[h];
  for (const Type *t : bucket)
    if (t->elem_ == result && t->params_ == params)
      return t;
  auto *t = new (arena_.Allocate<Type>()) Type(Type::Kind::Func);
  t->elem_ = result;
  if (!params.empty()) {
    auto *mem = arena_.Allocate<const Type *>(params.size());
    std::copy(params.begin(), params.end(), mem);
    t->params_ = llvm::ArrayRef<const Type *>(mem, params.size());
  }
  finish(t);
  bucket.push_back(t);
  funcs_.push_back(t);
  return t;
}

const Type *TypeTable::getStruct(StructLayout *layout) {
  if (!layout->type_) {
    auto *t = new (arena_.Allocate<Type>()) Type(Type::Kind::Struct);
    t->layout_ = layout;
    layout->type_ = finish(t);
  }
  return layout->type_;
}

void Type::print(llvm::raw_ostream &os) const {
  switch (kind_) {
  case Kind::Void:
    os << "void";
    return;
  case Kind::Bool:
    os << "bool";
    return;
  case Kind::Int:
    os << "int";
    return;
  case Kind::Float:
    os << "float";
    return;
  case Kind::String:
    os << "string";
    return;
  case Kind::Slice:
    os << "[]";
    elem_->print(os);
    return;
  case Kind::Ptr:
    os << "&";
    elem_->print(os);
    return;
  case Kind::Func:
    os << "fn(";
    for (size_t i = 0; i < params_.size(); ++i) {
      if (i)
        os << ", ";
      params_[i]->print(os);
    }
    os << ")";
    if (!elem_->isVoid()) {
      os << " ";
      elem_->print(os);
    }
    return;
  case Kind::Struct:
    os << layout_->getName();
    return;
  }
}

std::string Type::str() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  print(os);
  return s;
}

//===----------------------------------------------------------------------===//
// Module
//===----------------------------------------------------------------------===//

Module::Module() : types_(arena_) {
  true_ = new (arena_.Allocate<ConstBool>()) ConstBool(types_.getBool(), true);
  false_ = new (arena_.Allocate<ConstBool>()) ConstBool(types_.getBool(), false);
}

Module::~Module() = default;

Function *Module::createFunction(std::string name, const Type *type) {
  assert(type->isFunc() && "a function has a function type");
  functions_.push_back(std::make_unique<Function>(std::move(name), type));
  return functions_.back().get();
}

StructLayout *Module::createStruct(std::string name, Hash128 key) {
  structs_.push_back(std::make_unique<StructLayout>(std::move(name), key));
  StructLayout *s = structs_.back().get();
  types_.getStruct(s);
  return s;
}

Global *Module::createGlobal(std::string name, const Type *type) {
  globals_.push_back(std::make_unique<Global>(std::move(name), type));
  Global *g = globals_.back().get();
  g->ref_ = new (arena_.Allocate<GlobalRef>()) GlobalRef(types_.getPtr(type), g);
  return g;
}

llvm::StringRef Module::copyString(llvm::StringRef s) {
  if (s.empty())
    return {};
  char *mem = arena_.Allocate<char>(s.size());
  std::memcpy(mem, s.data(), s.size());
  return llvm::StringRef(mem, s.size());
}

ConstString *Module::getString(llvm::StringRef bytes) {
  return new (arena_.Allocate<ConstString>()) ConstString(types_.getString(), copyString(bytes));
}

ZeroValue *Module::getZero(const Type *t) {
  ZeroValue *&slot = zeros_[t];
  if (!slot)
    slot = new (arena_.Allocate<ZeroValue>()) ZeroValue(t);
  return slot;
}

FuncRef *Module::getFuncRef(Function *f) {
  FuncRef *&slot = funcRefs_[f];
  if (!slot)
    slot = new (arena_.Allocate<FuncRef>()) FuncRef(f->getType(), f);
  return slot;
}

unsigned Function::getNumInsts() const {
  unsigned n = 0;
  for (const auto &b : blocks_)
    n += b->insts().size();
  return n;
}

void Module::dump() const { print(llvm::dbgs()); }

void ir::removeUnreachableBlocks(Function &f) {
  Function *fn = &f;
  llvm::DenseSet<const Block *> reached;
  llvm::SmallVector<Block *, 16> stack{fn->getEntry()};
  reached.insert(fn->getEntry());
  while (!stack.empty()) {
    Block *b = stack.pop_back_val();
    if (Inst *term = b->getTerminator())
      for (Block *succ : term->successors())
        if (reached.insert(succ).second)
          stack.push_back(succ);
  }
  auto &blocks = fn->blocks();
  blocks.erase(std::remove_if(blocks.begin(), blocks.end(),
                              [&](const std::unique_ptr<Block> &b) { return !reached.count(b.get()); }),
               blocks.end());
  // The slots of variables declared only in the removed code go too.
  llvm::DenseSet<const Value *> used;
  for (const auto &b : blocks)
    for (const Inst *i : b->insts())
      for (const Value *v : i->operands())
        if (auto *slot = llvm::dyn_cast<Inst>(v); slot && slot->getOpcode() == Opcode::Alloca)
          used.insert(v);
  auto &entry = fn->getEntry()->insts();
  entry.erase(std::remove_if(entry.begin(), entry.end(),
                             [&](const Inst *i) {
                               return i->getOpcode() == Opcode::Alloca && !used.count(i);
                             }),
              entry.end());
}
