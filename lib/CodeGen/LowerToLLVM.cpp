//===- LowerToLLVM.cpp - Stencil IR to LLVM IR ----------------------------===//
//
// One LLVM function per IR function, one LLVM block per IR block, one or a few
// LLVM instructions per IR instruction. Run-time checks branch to a cold block
// that calls the runtime's panic function (which does not return). Types:
//
//   int i64   float double   bool i1   string {ptr, i64}   []T {ptr, i64, i64}
//   fn(...) ptr (null: the nil function)   &T ptr   struct: a named LLVM struct
//
// Runtime functions are declared from RuntimeFunctions.def; every aggregate
// they produce comes back through a stack slot (`out`), never by value.
//
//===----------------------------------------------------------------------===//
#include "stencil/Basic/SourceManager.h"
#include "stencil/CodeGen/CodeGen.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

using namespace stencil;
using llvm::IRBuilder;

namespace {

enum class RT {
#define RT_FUNC(Name, Symbol, Result, NoReturn, ...) Name,
#include "stencil/Runtime/RuntimeFunctions.def"
  NumFunctions
};

class Lowerer {
public:
  Lowerer(const ir::Module &m, const CodeGenUnit *unit, const SourceManager &sm,
          llvm::LLVMContext &ctx, const llvm::TargetMachine &tm)
      : m_(m), unit_(unit), sm_(sm), ctx_(ctx),
        mod_(std::make_unique<llvm::Module>(unit ? unit->name : "stencil", ctx)), b_(ctx) {
    mod_->setSourceFileName(mod_->getModuleIdentifier());
    mod_->setTargetTriple(tm.getTargetTriple().str());
    mod_->setDataLayout(tm.createDataLayout());
    i1_ = llvm::Type::getInt1Ty(ctx);
    i8_ = llvm::Type::getInt8Ty(ctx);
    i32_ = llvm::Type::getInt32Ty(ctx);
    i64_ = llvm::Type::getInt64Ty(ctx);
    f64_ = llvm::Type::getDoubleTy(ctx);
    ptr_ = llvm::PointerType::get(ctx, 0);
    void_ = llvm::Type::getVoidTy(ctx);
    str_ = llvm::StructType::create(ctx, {ptr_, i64_}, "stencil.string");
    slice_ = llvm::StructType::create(ctx, {ptr_, i64_, i64_}, "stencil.slice");
    loc_ = llvm::StructType::create(ctx, {ptr_, i32_, i32_}, "stencil.loc");
  }

  std::unique_ptr<llvm::Module> run();

private:
  //===--- Types ---===//
  llvm::Type *type(const ir::Type *t);
  /// Whether values of \p t hold pointers the collector must see.
  bool hasPointers(const ir::Type *t);
  uint64_t sizeOf(const ir::Type *t) { return mod_->getDataLayout().getTypeAllocSize(type(t)); }

  //===--- Runtime and constants ---===//
  llvm::FunctionCallee runtime(RT f);
  llvm::Value *stringConstant(llvm::StringRef bytes);
  llvm::Constant *locConstant(SourceLoc loc);
  llvm::Constant *constant(const ir::Value *v);

  //===--- Functions and globals ---===//
  /// The LLVM function of \p f: defined here, or (lowering a unit) declared
  /// on first use.
  llvm::Function *functionFor(const ir::Function *f);
  llvm::GlobalVariable *globalFor(const ir::Global *g);
  llvm::StructType *structFor(const ir::StructLayout *s);
  void declare(const ir::Function &f, llvm::GlobalValue::LinkageTypes linkage);
  void define(const ir::Function &f);
  void lowerInst(const ir::Inst &i);
  llvm::Value *value(const ir::Value *v);
  /// A slot in the entry block for a runtime function's `out` result.
  llvm::Value *outSlot(llvm::Type *t);
  /// Branches to a cold block when \p bad holds; \p panic fills that block
  /// (a runtime call that does not return). Continues in a new block.
  void check(llvm::Value *bad, llvm::function_ref<void()> panic);
  llvm::Value *lowerDivRem(const ir::Inst &i);
  llvm::Value *lowerCompare(const ir::Inst &i);
  llvm::Value *lowerAppend(const ir::Inst &i);
  void lowerPrint(const ir::Inst &i);

  const ir::Module &m_;
  const CodeGenUnit *unit_; ///< null for the whole program
  const SourceManager &sm_;
  llvm::LLVMContext &ctx_;
  std::unique_ptr<llvm::Module> mod_;
  IRBuilder<> b_;
  llvm::Type *i1_, *i8_, *i32_, *i64_, *f64_, *void_;
  llvm::PointerType *ptr_;
  llvm::StructType *str_, *slice_, *loc_;

  llvm::DenseMap<const ir::StructLayout *, llvm::StructType *> structs_;
  llvm::DenseMap<const ir::Function *, llvm::Function *> functions_;
  llvm::DenseMap<const ir::Global *, llvm::GlobalVariable *> globals_;
  llvm::FunctionCallee runtime_[static_cast<unsigned>(RT::NumFunctions)] = {};
  llvm::StringMap<llvm::GlobalVariable *> strings_;
  llvm::DenseMap<uint32_t, llvm::Constant *> locs_;

  // The function being lowered.
  llvm::Function *fn_ = nullptr;
  llvm::DenseMap<const ir::Value *, llvm::Value *> values_;
  llvm::DenseMap<const ir::Block *, llvm::BasicBlock *> blocks_;
  llvm::Instruction *allocaPoint_ = nullptr;
};

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

llvm::Type *Lowerer::type(const ir::Type *t) {
  switch (t->getKind()) {
  case ir::Type::Kind::Void:
    return void_;
  case ir::Type::Kind::Bool:
    return i1_;
  case ir::Type::Kind::Int:
    return i64_;
  case ir::Type::Kind::Float:
    return f64_;
  case ir::Type::Kind::String:
    return str_;
  case ir::Type::Kind::Slice:
    return slice_;
  case ir::Type::Kind::Func:
  case ir::Type::Kind::Ptr:
    return ptr_;
  case ir::Type::Kind::Struct:
    return structFor(t->getLayout());
  }
  llvm_unreachable("all IR types handled");
}

bool Lowerer::hasPointers(const ir::Type *t) {
  switch (t->getKind()) {
  case ir::Type::Kind::String:
  case ir::Type::Kind::Slice:
  case ir::Type::Kind::Ptr:
    return true;
  case ir::Type::Kind::Struct:
    for (const ir::StructLayout::Field &f : t->getLayout()->getFields())
      if (hasPointers(f.type))
        return true;
    return false;
  default: // scalars, and function values (they point at code, never at the heap)
    return false;
  }
}

//===----------------------------------------------------------------------===//
// Runtime functions and constants
//===----------------------------------------------------------------------===//

llvm::FunctionCallee Lowerer::runtime(RT f) {
  llvm::FunctionCallee &slot = runtime_[static_cast<unsigned>(f)];
  if (slot)
    return slot;
  auto kind = [&](llvm::StringRef k) -> llvm::Type * {
    if (k == "Void")
      return void_;
    if (k == "I64")
      return i64_;
    if (k == "F64")
      return f64_;
    if (k == "Bool")
      return i1_;
    return ptr_;
  };
  struct Info {
    const char *symbol, *result;
    bool noReturn;
    std::vector<llvm::StringRef> params;
  };
  static const Info infos[] = {
#define RT_FUNC(Name, Symbol, Result, NoReturn, ...) {#Symbol, #Result, NoReturn, {__VA_ARGS__}},
#define I64 "I64"
#define F64 "F64"
#define Bool "Bool"
#define Ptr "Ptr"
#include "stencil/Runtime/RuntimeFunctions.def"
#undef I64
#undef F64
#undef Bool
#undef Ptr
  };
  const Info &info = infos[static_cast<unsigned>(f)];
  llvm::SmallVector<llvm::Type *, 8> params;
  for (llvm::StringRef p : info.params)
    params.push_back(kind(p));
  auto *fty = llvm::FunctionType::get(kind(info.result), params, false);
  slot = mod_->getOrInsertFunction(info.symbol, fty);
  auto *fn = llvm::cast<llvm::Function>(slot.getCallee());
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  if (info.noReturn) {
    fn->addFnAttr(llvm::Attribute::NoReturn);
    fn->addFnAttr(llvm::Attribute::Cold);
  }
  for (unsigned i = 0; i < params.size(); ++i)
    if (params[i] == i1_)
      fn->addParamAttr(i, llvm::Attribute::ZExt);
  if (fty->getReturnType() == i1_)
    fn->addRetAttr(llvm::Attribute::ZExt);
  return slot;
}

llvm::Value *Lowerer::stringConstant(llvm::StringRef bytes) {
  if (bytes.empty())
    return llvm::ConstantAggregateZero::get(str_);
  llvm::GlobalVariable *&g = strings_[bytes];
  if (!g) {
    auto *data = llvm::ConstantDataArray::getString(ctx_, bytes, /*AddNull=*/false);
    g = new llvm::GlobalVariable(*mod_, data->getType(), true, llvm::GlobalValue::PrivateLinkage,
                                 data, ".str");
    g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    g->setAlignment(llvm::Align(1));
  }
  return llvm::ConstantStruct::get(str_, {g, llvm::ConstantInt::get(i64_, bytes.size())});
}

llvm::Constant *Lowerer::locConstant(SourceLoc loc) {
  llvm::Constant *&c = locs_[loc.raw()];
  if (c)
    return c;
  LineColumn lc = sm_.getLineColumn(loc);
  llvm::StringRef file = sm_.getDisplayName(sm_.getFileId(loc));
  auto *fileData = llvm::ConstantDataArray::getString(ctx_, file, /*AddNull=*/true);
  auto *fileVar = mod_->getNamedGlobal((".file." + file).str());
  if (!fileVar) {
    fileVar = new llvm::GlobalVariable(*mod_, fileData->getType(), true,
                                       llvm::GlobalValue::PrivateLinkage, fileData, ".file." + file);
    fileVar->setAlignment(llvm::Align(1));
  }
  auto *init = llvm::ConstantStruct::get(
      loc_, {fileVar, llvm::ConstantInt::get(i32_, lc.line), llvm::ConstantInt::get(i32_, lc.column)});
  auto *var = new llvm::GlobalVariable(*mod_, loc_, true, llvm::GlobalValue::PrivateLinkage, init, ".loc");
  var->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  c = var;
  return c;
}

llvm::Constant *Lowerer::constant(const ir::Value *v) {
  switch (v->getValueKind()) {
  case ir::Value::Kind::ConstInt:
    return llvm::ConstantInt::get(i64_, llvm::cast<ir::ConstInt>(v)->value, /*IsSigned=*/true);
  case ir::Value::Kind::ConstFloat:
    return llvm::ConstantFP::get(f64_, llvm::cast<ir::ConstFloat>(v)->value);
  case ir::Value::Kind::ConstBool:
    return llvm::ConstantInt::get(i1_, llvm::cast<ir::ConstBool>(v)->value);
  case ir::Value::Kind::ConstString:
    return llvm::cast<llvm::Constant>(stringConstant(llvm::cast<ir::ConstString>(v)->value));
  case ir::Value::Kind::Zero:
    return llvm::Constant::getNullValue(type(v->getType()));
  case ir::Value::Kind::FuncRef:
    return functionFor(llvm::cast<ir::FuncRef>(v)->func);
  case ir::Value::Kind::GlobalRef:
    return globalFor(llvm::cast<ir::GlobalRef>(v)->global);
  case ir::Value::Kind::Inst:
  case ir::Value::Kind::Param:
    break;
  }
  llvm_unreachable("not a constant");
}

//===----------------------------------------------------------------------===//
// The module
//===----------------------------------------------------------------------===//

llvm::StructType *Lowerer::structFor(const ir::StructLayout *s) {
  llvm::StructType *&slot = structs_[s];
  if (slot)
    return slot;
  // Named first, then its body: a struct may reach itself through a slice
  // (a pointer at this level), never by value.
  llvm::StructType *st = llvm::StructType::create(ctx_, s->getName());
  slot = st;
  if (!s->isComplete())
    return st; // opaque: no value of it exists (the verifier checks)
  llvm::SmallVector<llvm::Type *, 8> fields;
  for (const ir::StructLayout::Field &f : s->getFields())
    fields.push_back(type(f.type));
  st->setBody(fields);
  return st;
}

llvm::GlobalVariable *Lowerer::globalFor(const ir::Global *g) {
  llvm::GlobalVariable *&slot = globals_[g];
  if (slot)
    return slot;
  // Only a unit gets here: another unit defines the variable.
  slot = new llvm::GlobalVariable(*mod_, type(g->getValueType()), false,
                                  llvm::GlobalValue::ExternalLinkage, nullptr, g->getName());
  return slot;
}

llvm::Function *Lowerer::functionFor(const ir::Function *f) {
  if (llvm::Function *fn = functions_.lookup(f))
    return fn;
  // Only a unit gets here: another unit defines the function.
  declare(*f, llvm::GlobalValue::ExternalLinkage);
  return functions_.lookup(f);
}

std::unique_ptr<llvm::Module> Lowerer::run() {
  // The whole program is one module of internal symbols; a unit defines its
  // own functions and globals for the other units to link against.
  llvm::GlobalValue::LinkageTypes linkage =
      unit_ ? llvm::GlobalValue::ExternalLinkage : llvm::GlobalValue::InternalLinkage;
  std::vector<const ir::Function *> functions;
  std::vector<const ir::Global *> globals;
  if (unit_) {
    functions = unit_->functions;
    globals = unit_->globals;
  } else {
    for (const auto &s : m_.structs())
      structFor(s.get());
    for (const auto &f : m_.functions())
      functions.push_back(f.get());
    for (const auto &g : m_.globals())
      globals.push_back(g.get());
  }
  for (const ir::Global *g : globals) {
    llvm::Type *t = type(g->getValueType());
    globals_[g] = new llvm::GlobalVariable(*mod_, t, false, linkage, llvm::Constant::getNullValue(t),
                                           g->getName());
  }
  for (const ir::Function *f : functions)
    declare(*f, linkage);
  for (const ir::Function *f : functions)
    define(*f);
  if (unit_ && !unit_->entry)
    return std::move(mod_);

  // The entry the runtime's main() calls.
  auto *entry = llvm::Function::Create(llvm::FunctionType::get(void_, false),
                                       llvm::GlobalValue::ExternalLinkage, "stencil_program_main",
                                       *mod_);
  entry->addFnAttr(llvm::Attribute::NoUnwind);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", entry));
  for (const ir::Function *init : m_.initializers())
    b_.CreateCall(functionFor(init));
  if (m_.getEntry())
    b_.CreateCall(functionFor(m_.getEntry()));
  b_.CreateRetVoid();
  return std::move(mod_);
}

void Lowerer::declare(const ir::Function &f, llvm::GlobalValue::LinkageTypes linkage) {
  const ir::Type *t = f.getType();
  llvm::SmallVector<llvm::Type *, 8> params;
  for (const ir::Type *p : t->getParams())
    params.push_back(type(p));
  auto *fty = llvm::FunctionType::get(type(t->getResult()), params, false);
  auto *fn = llvm::Function::Create(fty, linkage, f.getName(), *mod_);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  if (f.getInlineHint() == ir::InlineHint::NoInline)
    fn->addFnAttr(llvm::Attribute::NoInline);
  for (size_t i = 0; i < f.params().size(); ++i)
    if (!f.params()[i]->name.empty())
      fn->getArg(i)->setName(f.params()[i]->name);
  functions_[&f] = fn;
}

void Lowerer::define(const ir::Function &f) {
  fn_ = functions_.lookup(&f);
  values_.clear();
  blocks_.clear();
  for (size_t i = 0; i < f.params().size(); ++i)
    values_[f.params()[i]] = fn_->getArg(i);
  for (const auto &bb : f.blocks())
    blocks_[bb.get()] = llvm::BasicBlock::Create(ctx_, bb->getName(), fn_);
  // Slots for runtime results go before the first instruction of the entry.
  b_.SetInsertPoint(blocks_.lookup(f.getEntry()));
  allocaPoint_ = nullptr;
  for (const auto &bb : f.blocks()) {
    b_.SetInsertPoint(blocks_.lookup(bb.get()));
    // A block split by a check continues in a new LLVM block; IR blocks stay
    // the branch targets.
    for (const ir::Inst *i : bb->insts())
      lowerInst(*i);
  }
}

llvm::Value *Lowerer::value(const ir::Value *v) {
  if (v->isConstant())
    return constant(v);
  llvm::Value *r = values_.lookup(v);
  assert(r && "a value is lowered before its uses (blocks are in dominance order)");
  return r;
}

llvm::Value *Lowerer::outSlot(llvm::Type *t) {
  llvm::BasicBlock &entry = fn_->getEntryBlock();
  IRBuilder<> eb(&entry, entry.begin());
  return eb.CreateAlloca(t, nullptr, "out");
}

void Lowerer::check(llvm::Value *bad, llvm::function_ref<void()> panic) {
  llvm::BasicBlock *fail = llvm::BasicBlock::Create(ctx_, "panic", fn_);
  llvm::BasicBlock *ok = llvm::BasicBlock::Create(ctx_, "ok", fn_);
  llvm::MDBuilder md(ctx_);
  b_.CreateCondBr(bad, fail, ok, md.createBranchWeights(1, 1 << 20));
  b_.SetInsertPoint(fail);
  panic();
  b_.CreateUnreachable();
  b_.SetInsertPoint(ok);
}

//===----------------------------------------------------------------------===//
// Instructions
//===----------------------------------------------------------------------===//

void Lowerer::lowerInst(const ir::Inst &i) {
  using ir::Opcode;
  auto op = [&](unsigned k) { return value(i.getOperand(k)); };
  auto loc = [&] { return locConstant(i.getLoc()); };
  llvm::Value *r = nullptr;
  switch (i.getOpcode()) {
  case Opcode::Alloca: {
    llvm::BasicBlock &entry = fn_->getEntryBlock();
    IRBuilder<> eb(&entry, entry.begin());
    r = eb.CreateAlloca(type(i.getTypeOperand()), nullptr, i.getName());
    break;
  }
  case Opcode::Load:
    r = b_.CreateLoad(type(i.getType()), op(0));
    break;
  case Opcode::Store:
    b_.CreateStore(op(1), op(0));
    break;
  case Opcode::FieldAddr: {
    const ir::Type *s = i.getOperand(0)->getType()->getElement();
    r = b_.CreateStructGEP(type(s), op(0), i.getFieldIndex());
    break;
  }
  case Opcode::ElemAddr: {
    llvm::Value *s = op(0), *index = op(1);
    llvm::Value *len = b_.CreateExtractValue(s, 1);
    check(b_.CreateICmpUGE(index, len), [&] {
      b_.CreateCall(runtime(RT::PanicIndex), {index, len, loc()});
    });
    llvm::Value *data = b_.CreateExtractValue(s, 0);
    r = b_.CreateInBoundsGEP(type(i.getOperand(0)->getType()->getElement()), data, index);
    break;
  }
  case Opcode::FieldGet:
    r = b_.CreateExtractValue(op(0), i.getFieldIndex());
    break;
  case Opcode::StructNew: {
    llvm::Value *agg = llvm::PoisonValue::get(type(i.getType()));
    for (unsigned k = 0; k < i.getNumOperands(); ++k)
      agg = b_.CreateInsertValue(agg, op(k), k);
    r = agg;
    break;
  }
  case Opcode::Add:
    r = b_.CreateAdd(op(0), op(1));
    break;
  case Opcode::Sub:
    r = b_.CreateSub(op(0), op(1));
    break;
  case Opcode::Mul:
    r = b_.CreateMul(op(0), op(1));
    break;
  case Opcode::Div:
  case Opcode::Rem:
    r = lowerDivRem(i);
    break;
  case Opcode::And:
    r = b_.CreateAnd(op(0), op(1));
    break;
  case Opcode::Or:
    r = b_.CreateOr(op(0), op(1));
    break;
  case Opcode::Xor:
    r = b_.CreateXor(op(0), op(1));
    break;
  case Opcode::Shl:
    r = b_.CreateShl(op(0), b_.CreateAnd(op(1), 63));
    break;
  case Opcode::Shr:
    r = b_.CreateAShr(op(0), b_.CreateAnd(op(1), 63));
    break;
  case Opcode::Neg:
    r = b_.CreateSub(llvm::ConstantInt::get(i64_, 0), op(0));
    break;
  case Opcode::BitNot:
    r = b_.CreateNot(op(0));
    break;
  case Opcode::FAdd:
    r = b_.CreateFAdd(op(0), op(1));
    break;
  case Opcode::FSub:
    r = b_.CreateFSub(op(0), op(1));
    break;
  case Opcode::FMul:
    r = b_.CreateFMul(op(0), op(1));
    break;
  case Opcode::FDiv:
    r = b_.CreateFDiv(op(0), op(1));
    break;
  case Opcode::FNeg:
    r = b_.CreateFNeg(op(0));
    break;
  case Opcode::Not:
    r = b_.CreateNot(op(0));
    break;
  case Opcode::CmpEq:
  case Opcode::CmpNe:
  case Opcode::CmpLt:
  case Opcode::CmpLe:
  case Opcode::CmpGt:
  case Opcode::CmpGe:
    r = lowerCompare(i);
    break;
  case Opcode::IntToFloat:
    r = b_.CreateSIToFP(op(0), f64_);
    break;
  case Opcode::FloatToInt:
    // Truncates toward zero, saturates, and gives 0 for NaN (language.md §6).
    r = b_.CreateIntrinsic(llvm::Intrinsic::fptosi_sat, {i64_, f64_}, {op(0)});
    break;
  case Opcode::StrConcat: {
    llvm::Value *a = op(0), *c = op(1);
    llvm::Value *out = outSlot(str_);
    b_.CreateCall(runtime(RT::StrConcat), {out, b_.CreateExtractValue(a, 0), b_.CreateExtractValue(a, 1),
                                           b_.CreateExtractValue(c, 0), b_.CreateExtractValue(c, 1)});
    r = b_.CreateLoad(str_, out);
    break;
  }
  case Opcode::StrLen:
  case Opcode::SliceLen:
    r = b_.CreateExtractValue(op(0), 1);
    break;
  case Opcode::SliceCap:
    r = b_.CreateExtractValue(op(0), 2);
    break;
  case Opcode::StrIndex: {
    llvm::Value *s = op(0), *index = op(1);
    llvm::Value *len = b_.CreateExtractValue(s, 1);
    check(b_.CreateICmpUGE(index, len), [&] {
      b_.CreateCall(runtime(RT::PanicIndex), {index, len, loc()});
    });
    llvm::Value *p = b_.CreateInBoundsGEP(i8_, b_.CreateExtractValue(s, 0), index);
    r = b_.CreateZExt(b_.CreateLoad(i8_, p), i64_);
    break;
  }
  case Opcode::StrSlice:
  case Opcode::SliceSlice: {
    bool isString = i.getOpcode() == Opcode::StrSlice;
    llvm::Value *s = op(0), *lo = op(1), *hi = op(2);
    llvm::Value *bound = b_.CreateExtractValue(s, isString ? 1 : 2);
    // Unsigned compares also catch negative bounds.
    llvm::Value *bad = b_.CreateOr(b_.CreateICmpUGT(hi, bound), b_.CreateICmpUGT(lo, hi));
    check(bad, [&] {
      b_.CreateCall(runtime(RT::PanicSlice),
                    {lo, hi, bound, llvm::ConstantInt::get(i1_, !isString), loc()});
    });
    llvm::Type *elem = isString ? i8_ : type(i.getOperand(0)->getType()->getElement());
    llvm::Value *data = b_.CreateInBoundsGEP(elem, b_.CreateExtractValue(s, 0), lo);
    llvm::Value *agg = llvm::PoisonValue::get(type(i.getType()));
    agg = b_.CreateInsertValue(agg, data, 0);
    agg = b_.CreateInsertValue(agg, b_.CreateSub(hi, lo), 1);
    if (!isString)
      agg = b_.CreateInsertValue(agg, b_.CreateSub(bound, lo), 2);
    r = agg;
    break;
  }
  case Opcode::SliceMake: {
    const ir::Type *elem = i.getType()->getElement();
    llvm::Value *out = outSlot(slice_);
    b_.CreateCall(runtime(RT::MakeSlice),
                  {out, op(0), llvm::ConstantInt::get(i64_, sizeOf(elem)),
                   llvm::ConstantInt::get(i1_, hasPointers(elem)), loc()});
    r = b_.CreateLoad(slice_, out);
    break;
  }
  case Opcode::SliceNew: {
    const ir::Type *elem = i.getType()->getElement();
    unsigned n = i.getNumOperands();
    if (n == 0) {
      r = llvm::Constant::getNullValue(slice_);
      break;
    }
    llvm::Value *data =
        b_.CreateCall(runtime(RT::Alloc), {llvm::ConstantInt::get(i64_, sizeOf(elem) * n),
                                           llvm::ConstantInt::get(i1_, hasPointers(elem))});
    for (unsigned k = 0; k < n; ++k)
      b_.CreateStore(op(k), b_.CreateConstInBoundsGEP1_64(type(elem), data, k));
    llvm::Value *agg = llvm::PoisonValue::get(slice_);
    agg = b_.CreateInsertValue(agg, data, 0);
    agg = b_.CreateInsertValue(agg, llvm::ConstantInt::get(i64_, n), 1);
    r = b_.CreateInsertValue(agg, llvm::ConstantInt::get(i64_, n), 2);
    break;
  }
  case Opcode::Append:
    r = lowerAppend(i);
    break;
  case Opcode::Print:
  case Opcode::Println:
    lowerPrint(i);
    break;
  case Opcode::ToStr: {
    const ir::Type *t = i.getOperand(0)->getType();
    if (t->isString()) {
      r = op(0);
      break;
    }
    llvm::Value *out = outSlot(str_);
    RT f = t->isInt() ? RT::StrFromInt : t->isFloat() ? RT::StrFromFloat : RT::StrFromBool;
    b_.CreateCall(runtime(f), {out, op(0)});
    r = b_.CreateLoad(str_, out);
    break;
  }
  case Opcode::HashOf: {
    const ir::Type *t = i.getOperand(0)->getType();
    if (t->isString()) {
      llvm::Value *s = op(0);
      r = b_.CreateCall(runtime(RT::HashString), {b_.CreateExtractValue(s, 0), b_.CreateExtractValue(s, 1)});
      break;
    }
    RT f = t->isInt() ? RT::HashInt : t->isFloat() ? RT::HashFloat : RT::HashBool;
    r = b_.CreateCall(runtime(f), {op(0)});
    break;
  }
  case Opcode::Call: {
    llvm::SmallVector<llvm::Value *, 8> args;
    for (unsigned k = 0; k < i.getNumOperands(); ++k)
      args.push_back(op(k));
    r = b_.CreateCall(functionFor(i.getCallee()), args);
    break;
  }
  case Opcode::CallValue: {
    llvm::Value *fv = op(0);
    check(b_.CreateIsNull(fv), [&] { b_.CreateCall(runtime(RT::PanicNilFunc), {loc()}); });
    const ir::Type *ft = i.getOperand(0)->getType();
    llvm::SmallVector<llvm::Type *, 8> params;
    for (const ir::Type *p : ft->getParams())
      params.push_back(type(p));
    auto *fty = llvm::FunctionType::get(type(ft->getResult()), params, false);
    llvm::SmallVector<llvm::Value *, 8> args;
    for (unsigned k = 1; k < i.getNumOperands(); ++k)
      args.push_back(op(k));
    r = b_.CreateCall(fty, fv, args);
    break;
  }
  case Opcode::Br:
    b_.CreateBr(blocks_.lookup(i.successors()[0]));
    break;
  case Opcode::CondBr:
    b_.CreateCondBr(op(0), blocks_.lookup(i.successors()[0]), blocks_.lookup(i.successors()[1]));
    break;
  case Opcode::Ret:
    if (i.getNumOperands())
      b_.CreateRet(op(0));
    else
      b_.CreateRetVoid();
    break;
  case Opcode::Panic: {
    llvm::Value *msg = op(0);
    b_.CreateCall(runtime(RT::Panic), {b_.CreateExtractValue(msg, 0), b_.CreateExtractValue(msg, 1), loc()});
    b_.CreateUnreachable();
    break;
  }
  case Opcode::Exit:
    b_.CreateCall(runtime(RT::Exit), {op(0)});
    b_.CreateUnreachable();
    break;
  case Opcode::Unreachable:
    b_.CreateUnreachable();
    break;
  }
  if (r && !i.getType()->isVoid())
    values_[&i] = r;
}

// Division by zero panics; MIN / -1 is MIN and MIN % -1 is 0 (LLVM's sdiv
// and srem would be undefined there): the divisor -1 is replaced by 1 and the
// result fixed with a select, without a branch.
llvm::Value *Lowerer::lowerDivRem(const ir::Inst &i) {
  llvm::Value *lhs = value(i.getOperand(0)), *rhs = value(i.getOperand(1));
  check(b_.CreateIsNull(rhs),
        [&] { b_.CreateCall(runtime(RT::PanicDivide), {locConstant(i.getLoc())}); });
  llvm::Value *minusOne = b_.CreateICmpEQ(rhs, llvm::ConstantInt::get(i64_, -1, true));
  llvm::Value *safe = b_.CreateSelect(minusOne, llvm::ConstantInt::get(i64_, 1), rhs);
  if (i.getOpcode() == ir::Opcode::Div)
    return b_.CreateSelect(minusOne, b_.CreateSub(llvm::ConstantInt::get(i64_, 0), lhs),
                           b_.CreateSDiv(lhs, safe));
  return b_.CreateSelect(minusOne, llvm::ConstantInt::get(i64_, 0), b_.CreateSRem(lhs, safe));
}

llvm::Value *Lowerer::lowerCompare(const ir::Inst &i) {
  using ir::Opcode;
  llvm::Value *lhs = value(i.getOperand(0)), *rhs = value(i.getOperand(1));
  const ir::Type *t = i.getOperand(0)->getType();
  Opcode op = i.getOpcode();
  if (t->isFloat()) {
    // Ordered comparisons are false on NaN; != is true on NaN (IEEE).
    switch (op) {
    case Opcode::CmpEq: return b_.CreateFCmpOEQ(lhs, rhs);
    case Opcode::CmpNe: return b_.CreateFCmpUNE(lhs, rhs);
    case Opcode::CmpLt: return b_.CreateFCmpOLT(lhs, rhs);
    case Opcode::CmpLe: return b_.CreateFCmpOLE(lhs, rhs);
    case Opcode::CmpGt: return b_.CreateFCmpOGT(lhs, rhs);
    default: return b_.CreateFCmpOGE(lhs, rhs);
    }
  }
  if (t->isString()) {
    llvm::Value *args[] = {b_.CreateExtractValue(lhs, 0), b_.CreateExtractValue(lhs, 1),
                           b_.CreateExtractValue(rhs, 0), b_.CreateExtractValue(rhs, 1)};
    if (op == Opcode::CmpEq || op == Opcode::CmpNe) {
      llvm::Value *eq = b_.CreateCall(runtime(RT::StrEqual), args);
      return op == Opcode::CmpEq ? eq : b_.CreateNot(eq);
    }
    lhs = b_.CreateCall(runtime(RT::StrCompare), args);
    rhs = llvm::ConstantInt::get(i64_, 0);
  }
  switch (op) {
  case Opcode::CmpEq: return b_.CreateICmpEQ(lhs, rhs);
  case Opcode::CmpNe: return b_.CreateICmpNE(lhs, rhs);
  case Opcode::CmpLt: return b_.CreateICmpSLT(lhs, rhs);
  case Opcode::CmpLe: return b_.CreateICmpSLE(lhs, rhs);
  case Opcode::CmpGt: return b_.CreateICmpSGT(lhs, rhs);
  default: return b_.CreateICmpSGE(lhs, rhs);
  }
}

// append(s, v...): when the new length exceeds the capacity the runtime
// grows the array (Go's growth), then the values are stored after the old
// elements.
llvm::Value *Lowerer::lowerAppend(const ir::Inst &i) {
  llvm::Value *s = value(i.getOperand(0));
  unsigned k = i.getNumOperands() - 1;
  if (k == 0)
    return s;
  const ir::Type *elem = i.getType()->getElement();
  llvm::Type *elemTy = type(elem);
  llvm::Value *data = b_.CreateExtractValue(s, 0);
  llvm::Value *len = b_.CreateExtractValue(s, 1);
  llvm::Value *cap = b_.CreateExtractValue(s, 2);
  llvm::Value *newLen = b_.CreateAdd(len, llvm::ConstantInt::get(i64_, k));
  llvm::Value *out = outSlot(slice_);
  llvm::BasicBlock *before = b_.GetInsertBlock();
  llvm::BasicBlock *grow = llvm::BasicBlock::Create(ctx_, "append.grow", fn_);
  llvm::BasicBlock *store = llvm::BasicBlock::Create(ctx_, "append.store", fn_);
  b_.CreateCondBr(b_.CreateICmpSGT(newLen, cap), grow, store);
  b_.SetInsertPoint(grow);
  b_.CreateCall(runtime(RT::GrowSlice),
                {out, data, len, cap, newLen, llvm::ConstantInt::get(i64_, sizeOf(elem)),
                 llvm::ConstantInt::get(i1_, hasPointers(elem))});
  llvm::Value *grown = b_.CreateLoad(slice_, out);
  llvm::Value *grownData = b_.CreateExtractValue(grown, 0);
  llvm::Value *grownCap = b_.CreateExtractValue(grown, 2);
  llvm::BasicBlock *growEnd = b_.GetInsertBlock();
  b_.CreateBr(store);
  b_.SetInsertPoint(store);
  llvm::PHINode *d = b_.CreatePHI(ptr_, 2);
  d->addIncoming(data, before);
  d->addIncoming(grownData, growEnd);
  llvm::PHINode *c = b_.CreatePHI(i64_, 2);
  c->addIncoming(cap, before);
  c->addIncoming(grownCap, growEnd);
  for (unsigned j = 0; j < k; ++j) {
    llvm::Value *index = b_.CreateAdd(len, llvm::ConstantInt::get(i64_, j));
    b_.CreateStore(value(i.getOperand(j + 1)), b_.CreateInBoundsGEP(elemTy, d, index));
  }
  llvm::Value *agg = llvm::PoisonValue::get(slice_);
  agg = b_.CreateInsertValue(agg, d, 0);
  agg = b_.CreateInsertValue(agg, newLen, 1);
  return b_.CreateInsertValue(agg, c, 2);
}

void Lowerer::lowerPrint(const ir::Inst &i) {
  bool line = i.getOpcode() == ir::Opcode::Println;
  for (unsigned k = 0; k < i.getNumOperands(); ++k) {
    if (line && k)
      b_.CreateCall(runtime(RT::PrintSpace));
    llvm::Value *v = value(i.getOperand(k));
    const ir::Type *t = i.getOperand(k)->getType();
    if (t->isString())
      b_.CreateCall(runtime(RT::PrintString), {b_.CreateExtractValue(v, 0), b_.CreateExtractValue(v, 1)});
    else if (t->isInt())
      b_.CreateCall(runtime(RT::PrintInt), {v});
    else if (t->isFloat())
      b_.CreateCall(runtime(RT::PrintFloat), {v});
    else
      b_.CreateCall(runtime(RT::PrintBool), {v});
  }
  if (line)
    b_.CreateCall(runtime(RT::PrintNewline));
}

} // namespace

std::unique_ptr<llvm::Module> stencil::lowerToLLVM(const ir::Module &m, const SourceManager &sm,
                                                   llvm::LLVMContext &ctx,
                                                   const llvm::TargetMachine &tm) {
  return Lowerer(m, nullptr, sm, ctx, tm).run();
}

std::unique_ptr<llvm::Module> stencil::lowerUnitToLLVM(const ir::Module &m, const CodeGenUnit &unit,
                                                       const SourceManager &sm,
                                                       llvm::LLVMContext &ctx,
                                                       const llvm::TargetMachine &tm) {
  return Lowerer(m, &unit, sm, ctx, tm).run();
}
