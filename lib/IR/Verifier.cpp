//===- Verifier.cpp - The structural and type rules of the IR -------------===//
//
// verifyModule checks a module against docs/ir.md and the operand and result
// types of Instructions.def (as Builder.cpp computes them). It reports every
// problem it finds, one line each:
//
//   verifier: MESSAGE                                         (module)
//   verifier: in function @F: MESSAGE                         (function)
//   verifier: in function @F, block L: MESSAGE                (block)
//   verifier: in function @F, block L: [K] OPCODE: MESSAGE    (instruction K)
//
// Block labels are the ones Module::print shows (a repeated name becomes
// `name.N`); K counts the block's instructions from 0.
//
// The IR may be malformed in any way a pass can get wrong (null operands,
// values of other functions, instructions in two blocks), so nothing is
// dereferenced before it has been checked.
//
//===----------------------------------------------------------------------===//
#include "stencil/IR/IR.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"

using namespace stencil;
using namespace stencil::ir;

namespace {

std::string typeName(const Type *t) { return t ? t->str() : std::string("<null type>"); }

/// "1 operand", "2 operands".
std::string count(size_t n, llvm::StringRef noun) {
  return (llvm::Twine(n) + " " + noun + (n == 1 ? "" : "s")).str();
}

bool isIntOrBool(const Type *t) { return t->isInt() || t->isBool(); }
bool isOrdered(const Type *t) { return t->isInt() || t->isFloat() || t->isString(); }
/// A type whose values can exist: anything but an incomplete struct layout.
bool isSized(const Type *t) { return !t->isStruct() || t->getLayout()->isComplete(); }

class Verifier {
public:
  Verifier(const Module &m, llvm::raw_ostream &errs) : m_(m), errs_(errs) {}

  bool run() {
    verifyModuleLevel();
    for (const auto &f : m_.functions())
      if (f)
        verifyFunction(*f);
    return ok_;
  }

private:
  //===--------------------------------------------------------------------===//
  // Reporting
  //===--------------------------------------------------------------------===//

  void moduleError(const llvm::Twine &msg) {
    ok_ = false;
    errs_ << "verifier: " << msg << "\n";
  }
  void functionError(const llvm::Twine &msg) {
    ok_ = false;
    errs_ << "verifier: in function @" << fn_->getName() << ": " << msg << "\n";
  }
  void blockError(const llvm::Twine &msg) {
    ok_ = false;
    if (labels_.empty())
      computeLabels();
    errs_ << "verifier: in function @" << fn_->getName() << ", block " << labels_[block_] << ": "
          << msg << "\n";
  }
  void instError(const llvm::Twine &msg) {
    blockError("[" + llvm::Twine(index_) + "] " + getOpcodeName(inst_->getOpcode()) + ": " + msg);
  }

  //===--------------------------------------------------------------------===//
  // The module
  //===--------------------------------------------------------------------===//

  void verifyModuleLevel() {
    llvm::StringSet<> names;
    for (const auto &f : m_.functions()) {
      if (!f) {
        moduleError("null function");
        continue;
      }
      functions_.insert(f.get());
      if (!names.insert(f->getName()).second)
        moduleError("duplicate function name @" + f->getName());
    }
    // Functions and globals share the `@` namespace of the text form.
    for (const auto &g : m_.globals()) {
      if (!g) {
        moduleError("null global");
        continue;
      }
      globals_.insert(g.get());
      if (!names.insert(g->getName()).second)
        moduleError("duplicate global name @" + g->getName());
      const Type *t = g->getValueType();
      if (!t || t->isVoid())
        moduleError("global @" + g->getName() + " has type " + typeName(t));
    }
    for (const auto &s : m_.structs()) {
      if (!s) {
        moduleError("null struct layout");
        continue;
      }
      // An incomplete (opaque) layout is one only ever named behind a slice
      // or a function type; no value of it may exist (checked per instruction).
      if (!s->isComplete()) {
        if (!s->getFields().empty())
          moduleError("struct " + s->getName() + " is incomplete but has fields");
        continue;
      }
      for (const StructLayout::Field &field : s->getFields()) {
        if (!field.type || field.type->isVoid())
          moduleError("field " + field.name + " of struct " + s->getName() + " has type " +
                      typeName(field.type));
        else if (!isSized(field.type))
          moduleError("field " + field.name + " of struct " + s->getName() +
                      " has the incomplete type " + field.type->str());
      }
    }
    if (const Function *entry = m_.getEntry())
      verifyRoot(entry, "entry function");
    for (const Function *init : m_.initializers()) {
      if (!init) {
        moduleError("null initializer");
        continue;
      }
      verifyRoot(init, "initializer");
    }
  }

  /// The entry function and the initializers: called by the runtime, so in
  /// the module, without parameters or result.
  void verifyRoot(const Function *f, llvm::StringRef what) {
    if (!functions_.count(f)) {
      moduleError(what + " @" + f->getName() + " is not in the module");
      return;
    }
    const Type *t = f->getType();
    if (!t || !t->isFunc() || !t->getResult())
      return; // reported with the function
    if (!t->getParams().empty() || !f->params().empty())
      moduleError(what + " @" + f->getName() + " must have no parameters");
    if (!t->getResult()->isVoid())
      moduleError(what + " @" + f->getName() + " must return void, not " +
                  typeName(t->getResult()));
  }

  //===--------------------------------------------------------------------===//
  // Functions and blocks
  //===--------------------------------------------------------------------===//

  void verifyFunction(const Function &f) {
    fn_ = &f;
    params_.clear();
    blocks_.clear();
    labels_.clear();
    defs_.clear();

    const Type *t = f.getType();
    if (!t || !t->isFunc() || !t->getResult()) {
      functionError("has type " + typeName(t) + ", not a function type");
      return;
    }
    if (f.params().size() != t->getParams().size())
      functionError("has " + count(f.params().size(), "parameter") + ", but its type " + t->str() +
                    " has " + llvm::Twine(t->getParams().size()));
    for (unsigned k = 0; k < f.params().size(); ++k) {
      const Param *p = f.params()[k];
      if (!p) {
        functionError("parameter " + llvm::Twine(k) + " is null");
        continue;
      }
      params_.insert(p);
      if (p->index != k)
        functionError("parameter " + llvm::Twine(k) + " has index " + llvm::Twine(p->index));
      if (k < t->getParams().size() && p->getType() != t->getParams()[k])
        functionError("parameter " + llvm::Twine(k) + " has type " + typeName(p->getType()) +
                      ", but the function type says " + typeName(t->getParams()[k]));
    }
    if (!f.hasBody())
      return;

    // The blocks and the instructions of the function (an instruction's
    // first position, for the order check).
    defs_.reserve(f.getNumInsts());
    for (const auto &b : f.blocks()) {
      if (!b)
        continue;
      blocks_.insert(b.get());
      for (unsigned k = 0; k < b->insts().size(); ++k)
        if (const Inst *i = b->insts()[k])
          defs_.try_emplace(i, Position{b.get(), k});
    }

    for (const auto &b : f.blocks()) {
      if (!b) {
        functionError("null block");
        continue;
      }
      verifyBlock(*b, b.get() == f.getEntry());
    }
  }

  /// Labels as the printer makes them; only computed when an error names one.
  void computeLabels() {
    llvm::StringMap<unsigned> suffix;
    llvm::StringSet<> used;
    for (const auto &b : fn_->blocks()) {
      if (!b)
        continue;
      unsigned &n = suffix[b->getName()];
      for (;; ++n) {
        std::string name =
            n == 0 ? b->getName().str() : (b->getName() + "." + llvm::Twine(n)).str();
        if (used.insert(name).second) {
          labels_[b.get()] = std::move(name);
          break;
        }
      }
    }
  }

  void verifyBlock(const Block &b, bool isEntry) {
    block_ = &b;
    if (b.getParent() != fn_)
      blockError("the block's parent is not this function");
    if (b.empty()) {
      blockError("empty block");
      return;
    }
    bool allocasDone = !isEntry;
    for (index_ = 0; index_ < b.insts().size(); ++index_) {
      const Inst *i = b.insts()[index_];
      if (!i) {
        blockError("[" + llvm::Twine(index_) + "] null instruction");
        continue;
      }
      inst_ = i;
      bool last = index_ + 1 == b.insts().size();
      if (i->getParent() != &b)
        instError("the instruction's parent is not this block");
      auto def = defs_.find(i);
      if (def != defs_.end() && (def->second.block != &b || def->second.index != index_))
        instError("the instruction appears more than once in the function");
      if (isTerminator(i->getOpcode()) && !last)
        instError("terminator before the end of the block");
      if (i->getOpcode() == Opcode::Alloca) {
        if (!isEntry)
          instError("not in the entry block");
        else if (allocasDone)
          instError("not at the front of the entry block");
      } else {
        allocasDone = true;
      }
      if (mayPanic(i->getOpcode()) && !i->getLoc().isValid())
        instError("may panic but has no source location");
      verifySuccessors(*i);
      if (verifyOperands(*i)) {
        verifySized(*i);
        verifyTypes(*i);
      }
    }
    const Inst *back = b.insts().back();
    if (back && !isTerminator(back->getOpcode()))
      blockError("the block does not end in a terminator");
  }

  void verifySuccessors(const Inst &i) {
    unsigned want = i.getOpcode() == Opcode::Br ? 1 : i.getOpcode() == Opcode::CondBr ? 2 : 0;
    if (i.successors().size() != want)
      instError("has " + count(i.successors().size(), "successor") + ", expected " +
                llvm::Twine(want));
    for (unsigned k = 0; k < i.successors().size(); ++k) {
      const Block *s = i.successors()[k];
      if (!s) {
        instError("successor " + llvm::Twine(k) + " is null");
        continue;
      }
      if (blocks_.count(s))
        continue;
      if (s->getParent() && s->getParent() != fn_)
        instError("successor " + llvm::Twine(k) + " is a block of @" + s->getParent()->getName() +
                  ", not of this function");
      else
        instError("successor " + llvm::Twine(k) + " is not a block of this function");
    }
  }

  /// Checks where each operand comes from; false when an operand or the
  /// result has no type, so the type rules cannot be checked.
  bool verifyOperands(const Inst &i) {
    bool typed = true;
    if (!i.getType()) {
      instError("the instruction has no type");
      typed = false;
    }
    for (unsigned k = 0; k < i.getNumOperands(); ++k) {
      const Value *v = i.getOperand(k);
      auto opError = [&](const char *what) { instError("operand " + llvm::Twine(k) + what); };
      if (!v) {
        opError(" is null");
        typed = false;
        continue;
      }
      if (!v->getType()) {
        opError(" has no type");
        typed = false;
      } else if (v->getType()->isVoid()) {
        opError(" has type void");
      }
      switch (v->getValueKind()) {
      case Value::Kind::Inst: {
        // Only the order within a block is checked: dominance across blocks
        // needs the dominator tree, which no pass builds yet.
        auto def = defs_.find(llvm::cast<Inst>(v));
        if (def == defs_.end())
          opError(" is not an instruction of this function");
        else if (def->second.block == block_ && def->second.index >= index_)
          opError(" is used before its definition");
        break;
      }
      case Value::Kind::Param:
        if (!params_.count(llvm::cast<Param>(v)))
          opError(" is not a parameter of this function");
        break;
      case Value::Kind::FuncRef: {
        const Function *f = llvm::cast<FuncRef>(v)->func;
        if (!f || !functions_.count(f))
          opError(" refers to a function that is not in the module");
        break;
      }
      case Value::Kind::GlobalRef: {
        const Global *g = llvm::cast<GlobalRef>(v)->global;
        if (!g || !globals_.count(g))
          opError(" refers to a global that is not in the module");
        break;
      }
      case Value::Kind::ConstInt:
      case Value::Kind::ConstFloat:
      case Value::Kind::ConstBool:
      case Value::Kind::ConstString:
      case Value::Kind::Zero:
        break;
      }
    }
    return typed;
  }

  //===--------------------------------------------------------------------===//
  // Types, opcode by opcode
  //===--------------------------------------------------------------------===//

  const Type *operandType(unsigned k) const { return inst_->getOperand(k)->getType(); }

  bool expectOperands(unsigned n) {
    if (inst_->getNumOperands() == n)
      return true;
    instError("expects " + count(n, "operand") + ", has " + llvm::Twine(inst_->getNumOperands()));
    return false;
  }
  bool expectAtLeastOperands(unsigned n) {
    if (inst_->getNumOperands() >= n)
      return true;
    instError("expects at least " + count(n, "operand") + ", has " +
              llvm::Twine(inst_->getNumOperands()));
    return false;
  }
  /// Operand \p k has type \p want.
  bool expectType(unsigned k, const Type *want) {
    if (operandType(k) == want)
      return true;
    instError("operand " + llvm::Twine(k) + " must be " + typeName(want) + ", not " +
              typeName(operandType(k)));
    return false;
  }
  /// Operand \p k satisfies \p pred, described as \p what.
  template <typename Pred> bool expectKind(unsigned k, Pred pred, llvm::StringRef what) {
    if (pred(operandType(k)))
      return true;
    instError("operand " + llvm::Twine(k) + " must be " + what + ", not " +
              typeName(operandType(k)));
    return false;
  }
  bool expectResult(const Type *want) {
    if (inst_->getType() == want)
      return true;
    instError("result type is " + typeName(inst_->getType()) + ", expected " + typeName(want));
    return false;
  }
  bool expectVoid() { return expectResult(voidT()); }
  /// Every operand from \p first on has type \p want.
  void expectAll(unsigned first, const Type *want) {
    for (unsigned k = first; k < inst_->getNumOperands(); ++k)
      expectType(k, want);
  }

  const Type *voidT() const { return m_.types().getVoid(); }
  const Type *boolT() const { return m_.types().getBool(); }
  const Type *intT() const { return m_.types().getInt(); }
  const Type *floatT() const { return m_.types().getFloat(); }
  const Type *stringT() const { return m_.types().getString(); }

  static bool isPtr(const Type *t) { return t->isPtr(); }
  static bool isSlice(const Type *t) { return t->isSlice(); }
  static bool isStruct(const Type *t) { return t->isStruct() && t->getLayout(); }
  static bool isScalar(const Type *t) { return t->isScalar(); }
  static bool isFunc(const Type *t) { return t->isFunc(); }
  static bool isStructPtr(const Type *t) { return t->isPtr() && isStruct(t->getElement()); }

  /// The result is a pointer to \p pointee.
  void expectPtrResult(const Type *pointee) {
    const Type *t = inst_->getType();
    if (!t->isPtr() || t->getElement() != pointee)
      instError("result type is " + typeName(t) + ", expected &" + typeName(pointee));
  }

  /// A field of the struct \p s for field.addr and field.get, or null.
  const StructLayout::Field *field(const Type *s) {
    const StructLayout *layout = s->getLayout();
    unsigned idx = inst_->getFieldIndex();
    if (idx < layout->getFields().size())
      return &layout->getFields()[idx];
    instError("field index " + llvm::Twine(idx) + " out of range for " + layout->getName() + " (" +
              llvm::Twine(layout->getFields().size()) + " fields)");
    return nullptr;
  }

  /// Two operands of one type that \p pred accepts; the result is \p result,
  /// or the operands' type when null.
  template <typename Pred>
  void binary(Pred pred, llvm::StringRef what, const Type *result = nullptr) {
    if (!expectOperands(2))
      return;
    bool lhs = expectKind(0, pred, what);
    bool rhs = expectKind(1, pred, what);
    if (lhs && rhs && operandType(0) != operandType(1))
      instError("operands have different types " + typeName(operandType(0)) + " and " +
                typeName(operandType(1)));
    expectResult(result ? result : operandType(0));
  }
  /// One operand of type \p operand, result \p result.
  void unary(const Type *operand, const Type *result) {
    if (!expectOperands(1))
      return;
    expectType(0, operand);
    expectResult(result);
  }
  /// Arguments \p first.. of a call match \p fnType's parameters; \p callee
  /// names the function called.
  void callArgs(unsigned first, const Type *fnType, const llvm::Twine &callee) {
    llvm::ArrayRef<const Type *> params = fnType->getParams();
    unsigned n = inst_->getNumOperands() - first;
    if (n != params.size()) {
      instError("calls " + callee + " with " + count(n, "argument") + ", expected " +
                llvm::Twine(params.size()));
      return;
    }
    for (unsigned k = 0; k < n; ++k)
      expectType(first + k, params[k]);
  }

  /// No value of an incomplete struct type, and no element access through a
  /// slice of one.
  void verifySized(const Inst &i) {
    auto check = [&](const Type *t, const char *what) {
      if (!isSized(t))
        instError(llvm::Twine(what) + " has the incomplete type " + t->str());
    };
    if (!i.getType()->isVoid())
      check(i.getType()->isPtr() ? i.getType()->getElement() : i.getType(), "the result");
    for (unsigned k = 0; k < i.getNumOperands(); ++k) {
      const Type *t = i.getOperand(k)->getType();
      check(t->isPtr() ? t->getElement() : t, "an operand");
    }
    switch (i.getOpcode()) {
    case Opcode::ElemAddr:
    case Opcode::SliceSlice:
    case Opcode::SliceMake:
    case Opcode::SliceNew:
    case Opcode::Append:
      if (i.getType()->isSlice()) {
        check(i.getType()->getElement(), "the element");
      } else if (i.getNumOperands() && i.getOperand(0)->getType()->isSlice()) {
        check(i.getOperand(0)->getType()->getElement(), "the element");
      }
      break;
    default:
      break;
    }
  }

  void verifyTypes(const Inst &i) {
    switch (i.getOpcode()) {
    case Opcode::Alloca: {
      expectOperands(0);
      const Type *t = i.getTypeOperand();
      if (!t || t->isVoid()) {
        instError("allocates type " + typeName(t));
        return;
      }
      expectPtrResult(t);
      return;
    }
    case Opcode::Load:
      if (!expectOperands(1) || !expectKind(0, isPtr, "a pointer"))
        return;
      expectResult(operandType(0)->getElement());
      return;
    case Opcode::Store:
      expectVoid();
      if (!expectOperands(2) || !expectKind(0, isPtr, "a pointer"))
        return;
      expectType(1, operandType(0)->getElement());
      return;
    case Opcode::FieldAddr: {
      if (!expectOperands(1) || !expectKind(0, isStructPtr, "a pointer to a struct"))
        return;
      if (const StructLayout::Field *f = field(operandType(0)->getElement()))
        expectPtrResult(f->type);
      return;
    }
    case Opcode::ElemAddr:
      if (!expectOperands(2))
        return;
      expectType(1, intT());
      if (expectKind(0, isSlice, "a slice"))
        expectPtrResult(operandType(0)->getElement());
      return;
    case Opcode::FieldGet:
      if (!expectOperands(1) || !expectKind(0, isStruct, "a struct"))
        return;
      if (const StructLayout::Field *f = field(operandType(0)))
        expectResult(f->type);
      return;
    case Opcode::StructNew: {
      const Type *t = i.getTypeOperand();
      if (!t || !isStruct(t)) {
        instError("makes " + typeName(t) + ", not a struct");
        return;
      }
      expectResult(t);
      if (expectOperands(t->getLayout()->getFields().size()))
        for (unsigned k = 0; k < i.getNumOperands(); ++k)
          expectType(k, t->getLayout()->getFields()[k].type);
      return;
    }
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::Mul:
    case Opcode::Div:
    case Opcode::Rem:
    case Opcode::Shl:
    case Opcode::Shr:
      if (!expectOperands(2))
        return;
      expectAll(0, intT());
      expectResult(intT());
      return;
    case Opcode::And:
    case Opcode::Or:
    case Opcode::Xor:
      binary(isIntOrBool, "int or bool");
      return;
    case Opcode::Neg:
    case Opcode::BitNot:
      unary(intT(), intT());
      return;
    case Opcode::FAdd:
    case Opcode::FSub:
    case Opcode::FMul:
    case Opcode::FDiv:
      if (!expectOperands(2))
        return;
      expectAll(0, floatT());
      expectResult(floatT());
      return;
    case Opcode::FNeg:
      unary(floatT(), floatT());
      return;
    case Opcode::Not:
      unary(boolT(), boolT());
      return;
    case Opcode::CmpEq:
    case Opcode::CmpNe:
      binary(isScalar, "int, float, bool or string", boolT());
      return;
    case Opcode::CmpLt:
    case Opcode::CmpLe:
    case Opcode::CmpGt:
    case Opcode::CmpGe:
      binary(isOrdered, "int, float or string", boolT());
      return;
    case Opcode::IntToFloat:
      unary(intT(), floatT());
      return;
    case Opcode::FloatToInt:
      unary(floatT(), intT());
      return;
    case Opcode::StrConcat:
      if (!expectOperands(2))
        return;
      expectAll(0, stringT());
      expectResult(stringT());
      return;
    case Opcode::StrLen:
      unary(stringT(), intT());
      return;
    case Opcode::StrIndex:
      if (!expectOperands(2))
        return;
      expectType(0, stringT());
      expectType(1, intT());
      expectResult(intT());
      return;
    case Opcode::StrSlice:
      if (!expectOperands(3))
        return;
      expectType(0, stringT());
      expectAll(1, intT());
      expectResult(stringT());
      return;
    case Opcode::SliceLen:
    case Opcode::SliceCap:
      if (!expectOperands(1))
        return;
      expectKind(0, isSlice, "a slice");
      expectResult(intT());
      return;
    case Opcode::SliceSlice:
      if (!expectOperands(3))
        return;
      expectAll(1, intT());
      if (expectKind(0, isSlice, "a slice"))
        expectResult(operandType(0));
      return;
    case Opcode::SliceMake: {
      const Type *t = i.getTypeOperand();
      if (!t || !t->isSlice()) {
        instError("makes " + typeName(t) + ", not a slice");
        return;
      }
      expectResult(t);
      if (expectOperands(1))
        expectType(0, intT());
      return;
    }
    case Opcode::SliceNew: {
      const Type *t = i.getTypeOperand();
      if (!t || !t->isSlice()) {
        instError("makes " + typeName(t) + ", not a slice");
        return;
      }
      expectResult(t);
      expectAll(0, t->getElement());
      return;
    }
    case Opcode::Append:
      if (!expectAtLeastOperands(1) || !expectKind(0, isSlice, "a slice"))
        return;
      expectAll(1, operandType(0)->getElement());
      expectResult(operandType(0));
      return;
    case Opcode::Print:
    case Opcode::Println:
      expectVoid();
      for (unsigned k = 0; k < i.getNumOperands(); ++k)
        expectKind(k, isScalar, "int, float, bool or string");
      return;
    case Opcode::ToStr:
    case Opcode::HashOf:
      if (expectOperands(1))
        expectKind(0, isScalar, "int, float, bool or string");
      expectResult(i.getOpcode() == Opcode::ToStr ? stringT() : intT());
      return;
    case Opcode::Call: {
      const Function *callee = i.getCallee();
      if (!callee) {
        instError("has no callee");
        return;
      }
      if (!functions_.count(callee)) {
        instError("calls @" + callee->getName() + ", which is not in the module");
        return;
      }
      const Type *t = callee->getType();
      if (!t || !t->isFunc() || !t->getResult())
        return; // reported with the callee
      callArgs(0, t, "@" + callee->getName());
      expectResult(t->getResult());
      return;
    }
    case Opcode::CallValue: {
      if (!expectAtLeastOperands(1) || !expectKind(0, isFunc, "a function"))
        return;
      const Type *t = operandType(0);
      callArgs(1, t, "a " + t->str());
      expectResult(t->getResult());
      return;
    }
    case Opcode::Br:
      expectOperands(0);
      expectVoid();
      return;
    case Opcode::CondBr:
      expectVoid();
      if (expectOperands(1))
        expectType(0, boolT());
      return;
    case Opcode::Ret: {
      expectVoid();
      const Type *result = fn_->getResultType();
      if (i.getNumOperands() > 1) {
        instError("expects at most 1 operand, has " + llvm::Twine(i.getNumOperands()));
        return;
      }
      if (i.getNumOperands() == 0) {
        if (!result->isVoid())
          instError("returns no value from a function returning " + result->str());
        return;
      }
      if (result->isVoid()) {
        instError("returns a value from a function without a result");
        return;
      }
      expectType(0, result);
      return;
    }
    case Opcode::Panic:
      expectVoid();
      if (expectOperands(1))
        expectType(0, stringT());
      return;
    case Opcode::Exit:
      expectVoid();
      if (expectOperands(1))
        expectType(0, intT());
      return;
    case Opcode::Unreachable:
      expectOperands(0);
      expectVoid();
      return;
    }
  }

  struct Position {
    const Block *block;
    unsigned index;
  };

  const Module &m_;
  llvm::raw_ostream &errs_;
  bool ok_ = true;
  llvm::SmallPtrSet<const Function *, 32> functions_;
  llvm::SmallPtrSet<const Global *, 16> globals_;

  // The function being checked.
  const Function *fn_ = nullptr;
  llvm::SmallPtrSet<const Param *, 8> params_;
  llvm::SmallPtrSet<const Block *, 16> blocks_;
  llvm::DenseMap<const Block *, std::string> labels_;
  llvm::DenseMap<const Inst *, Position> defs_;

  // The block and the instruction being checked.
  const Block *block_ = nullptr;
  unsigned index_ = 0;
  const Inst *inst_ = nullptr;
};

} // namespace

bool ir::verifyModule(const Module &m, llvm::raw_ostream &errs) { return Verifier(m, errs).run(); }
