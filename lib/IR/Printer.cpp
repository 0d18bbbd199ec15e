//===- Printer.cpp - The text form of the IR (docs/ir.md) -----------------===//
//
// The text is stable: it depends only on the module's contents (names, order
// of creation), never on pointers. Values are named per function: parameters
// and allocas by their source names (`%x`, then `%x.1` for a second `x`),
// other results by number (`%0`, `%1`, ...) in block order.
//
//===----------------------------------------------------------------------===//
#include "stencil/Basic/SourceManager.h"
#include "stencil/IR/IR.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include <charconv>

using namespace stencil;
using namespace stencil::ir;

namespace {

void printString(llvm::StringRef bytes, llvm::raw_ostream &os) {
  os << '"';
  for (unsigned char c : bytes) {
    switch (c) {
    case '\n':
      os << "\\n";
      break;
    case '\t':
      os << "\\t";
      break;
    case '\r':
      os << "\\r";
      break;
    case '\\':
      os << "\\\\";
      break;
    case '"':
      os << "\\\"";
      break;
    default:
      if (c >= 0x20 && c < 0x7f)
        os << c;
      else
        os << llvm::format("\\x%02x", c);
    }
  }
  os << '"';
}

/// Shortest round-trip text, always recognizable as a float (`1.0`, `0.1`, `1e+100`).
void printFloat(double v, llvm::raw_ostream &os) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  llvm::StringRef text(buf, end - buf);
  os << text;
  if (text.find_first_of(".enai") == llvm::StringRef::npos)
    os << ".0";
}

class FunctionPrinter {
public:
  FunctionPrinter(const Function &f, llvm::raw_ostream &os, const SourceManager *sm)
      : f_(f), os_(os), sm_(sm) {
    ids_.reserve(f.getNumInsts() + f.params().size());
    for (const Param *p : f.params())
      nameValue(p, unique(p->name.empty() ? "_" : p->name, values_));
    for (const auto &b : f.blocks()) {
      blockNames_[b.get()] = unique(b->getName(), labels_);
      for (const Inst *i : b->insts()) {
        if (i->getType()->isVoid())
          continue;
        if (i->getOpcode() == Opcode::Alloca && !i->getName().empty())
          nameValue(i, unique(i->getName(), values_));
        else
          ids_[i] = next_++;
      }
    }
  }

  void print() {
    os_ << "fn @" << f_.getName() << "(";
    for (size_t i = 0; i < f_.params().size(); ++i) {
      const Param *p = f_.params()[i];
      os_ << (i ? ", " : "") << "%";
      printName(p);
      os_ << " ";
      p->getType()->print(os_);
    }
    os_ << ")";
    if (!f_.getResultType()->isVoid()) {
      os_ << " ";
      f_.getResultType()->print(os_);
    }
    if (f_.isInstance())
      os_ << " instance";
    if (f_.isInitializer())
      os_ << " init";
    if (f_.getInlineHint() == InlineHint::Inline)
      os_ << " inline";
    if (f_.getInlineHint() == InlineHint::NoInline)
      os_ << " noinline";
    os_ << " {\n";
    for (const Function::InlinedBody &in : f_.inlinedBodies())
      os_ << "  ; inlined @" << in.callee << " " << in.fingerprint.toHex() << "\n";
    for (const auto &b : f_.blocks()) {
      os_ << blockNames_[b.get()] << ":\n";
      for (const Inst *i : b->insts())
        printInst(*i);
    }
    os_ << "}\n";
  }

private:
  /// Block labels and value names are separate namespaces (values print with
  /// a `%`), so a local `x` does not rename a block `x`.
  struct Namespace {
    llvm::StringMap<unsigned> suffix;
    llvm::StringSet<> used;
  };

  /// \p base, or `base.N` for the first N that is still free in \p ns.
  static std::string unique(llvm::StringRef base, Namespace &ns) {
    unsigned &n = ns.suffix[base];
    for (;; ++n) {
      std::string name = n == 0 ? base.str() : (base + "." + llvm::Twine(n)).str();
      if (ns.used.insert(name).second)
        return name;
    }
  }

  void printValue(const Value *v) {
    switch (v->getValueKind()) {
    case Value::Kind::Inst:
    case Value::Kind::Param: {
      os_ << "%";
      printName(v);
      return;
    }
    case Value::Kind::ConstInt:
      os_ << llvm::cast<ConstInt>(v)->value;
      return;
    case Value::Kind::ConstFloat:
      printFloat(llvm::cast<ConstFloat>(v)->value, os_);
      return;
    case Value::Kind::ConstBool:
      os_ << (llvm::cast<ConstBool>(v)->value ? "true" : "false");
      return;
    case Value::Kind::ConstString:
      printString(llvm::cast<ConstString>(v)->value, os_);
      return;
    case Value::Kind::Zero:
      os_ << "zero ";
      v->getType()->print(os_);
      return;
    case Value::Kind::FuncRef:
      os_ << "@" << llvm::cast<FuncRef>(v)->func->getName();
      return;
    case Value::Kind::GlobalRef:
      os_ << "@" << llvm::cast<GlobalRef>(v)->global->getName();
      return;
    }
  }

  void printOperands(llvm::ArrayRef<Value *> ops) {
    for (size_t k = 0; k < ops.size(); ++k) {
      os_ << (k ? ", " : "");
      printValue(ops[k]);
    }
  }

  void printInst(const Inst &i) {
    os_ << "  ";
    if (!i.getType()->isVoid()) {
      os_ << "%";
      printName(&i);
      os_ << " = ";
    }
    os_ << getOpcodeName(i.getOpcode());
    switch (i.getOpcode()) {
    case Opcode::Alloca:
      os_ << " ";
      i.getTypeOperand()->print(os_);
      break;
    case Opcode::FieldAddr:
    case Opcode::FieldGet: {
      const Type *s = i.getOperand(0)->getType();
      if (s->isPtr())
        s = s->getElement();
      os_ << " ";
      printValue(i.getOperand(0));
      os_ << ", ";
      if (s->isStruct() && i.getFieldIndex() < s->getLayout()->getFields().size())
        os_ << s->getLayout()->getFields()[i.getFieldIndex()].name;
      else
        os_ << "#" << i.getFieldIndex();
      break;
    }
    case Opcode::StructNew:
    case Opcode::SliceMake:
    case Opcode::SliceNew:
      os_ << " ";
      i.getTypeOperand()->print(os_);
      if (i.getNumOperands()) {
        os_ << ", ";
        printOperands(i.operands());
      }
      break;
    case Opcode::Call:
      os_ << " @" << i.getCallee()->getName() << "(";
      printOperands(i.operands());
      os_ << ")";
      break;
    case Opcode::CallValue:
      os_ << " ";
      printValue(i.getOperand(0));
      os_ << "(";
      printOperands(i.operands().drop_front());
      os_ << ")";
      break;
    case Opcode::Br:
    case Opcode::CondBr:
      if (i.getNumOperands()) {
        os_ << " ";
        printOperands(i.operands());
        os_ << ",";
      }
      for (size_t k = 0; k < i.successors().size(); ++k)
        os_ << (k ? ", " : " ") << blockNames_[i.successors()[k]];
      break;
    default:
      if (i.getNumOperands()) {
        os_ << " ";
        printOperands(i.operands());
      }
      break;
    }
    if (!i.getType()->isVoid() && i.getOpcode() != Opcode::Alloca) {
      os_ << " : ";
      i.getType()->print(os_);
    }
    if (mayPanic(i.getOpcode()) && sm_ && i.getLoc().isValid()) {
      LineColumn lc = sm_->getLineColumn(i.getLoc());
      os_ << " at " << lc.line << ":" << lc.column;
    }
    os_ << "\n";
  }

  const Function &f_;
  llvm::raw_ostream &os_;
  const SourceManager *sm_;
  /// A value's number, or kNamed | its index in named_ (parameters and
  /// slots, by source name): no string per value.
  static constexpr uint32_t kNamed = 1u << 31;
  llvm::DenseMap<const Value *, uint32_t> ids_;
  std::vector<std::string> named_;
  void nameValue(const Value *v, std::string name) {
    ids_[v] = kNamed | static_cast<uint32_t>(named_.size());
    named_.push_back(std::move(name));
  }
  void printName(const Value *v) {
    auto it = ids_.find(v);
    if (it == ids_.end())
      os_ << "<foreign>";
    else if (it->second & kNamed)
      os_ << named_[it->second & ~kNamed];
    else
      os_ << it->second;
  }
  llvm::DenseMap<const Block *, std::string> blockNames_;
  Namespace values_, labels_;
  unsigned next_ = 0;
};

} // namespace

void ir::printFunction(const Function &f, llvm::raw_ostream &os, const SourceManager *sm) {
  FunctionPrinter(f, os, sm).print();
}

void Module::print(llvm::raw_ostream &os, const SourceManager *sm) const {
  os << "; stencil IR\n";
  if (entry_)
    os << "entry @" << entry_->getName() << "\n";
  for (const Function *f : inits_)
    os << "init @" << f->getName() << "\n";
  if (!structs_.empty())
    os << "\n";
  for (const auto &s : structs_) {
    os << "struct " << s->getName() << (s->isInstance() ? " instance" : "");
    if (!s->isComplete()) {
      os << " opaque\n"; // only named behind a slice or in a function type
      continue;
    }
    os << " {";
    for (size_t i = 0; i < s->getFields().size(); ++i) {
      os << (i ? ", " : " ") << s->getFields()[i].name << " ";
      s->getFields()[i].type->print(os);
    }
    os << (s->getFields().empty() ? "}\n" : " }\n");
  }
  if (!globals_.empty())
    os << "\n";
  for (const auto &g : globals_) {
    os << "global @" << g->getName() << " ";
    g->getValueType()->print(os);
    os << "\n";
  }
  for (const auto &f : functions_) {
    os << "\n";
    printFunction(*f, os, sm);
  }
}
