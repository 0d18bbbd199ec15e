//===- IR.h - The Stencil IR ------------------------------------*- C++ -*-===//
//
// The typed IR that instantiation produces and the inliner and the backend
// consume (docs/ir.md). A Module holds struct layouts, globals and functions;
// a function is a list of basic blocks of instructions; every value has a
// concrete ir::Type. There are no type parameters and no defined types: a
// defined type is its underlying type here (`main.Celsius` is `float`), a
// struct instance is a StructLayout named by its instance (`main.Pair[int,
// string]`).
//
// Locals live in `alloca` slots and are read and written with `load` and
// `store` (as clang's output before mem2reg); temporaries are SSA values. A
// function's entry block holds its allocas. Instructions that can panic carry
// the source location the panic reports.
//
// Memory: types, values, constants and instructions live in the module's arena
// (trivially destructible); functions and blocks are owned by their parents.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_IR_IR_H
#define STENCIL_IR_IR_H

#include "stencil/Basic/Arena.h"
#include "stencil/Basic/Hashing.h"
#include "stencil/Basic/SourceLoc.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace stencil {
class SourceManager;

namespace ir {

class Block;
class Function;
class Global;
class Module;
class StructLayout;

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// An interned IR type: one object per distinct type in a Module, so types
/// compare by pointer.
class Type {
public:
  enum class Kind : uint8_t { Void, Bool, Int, Float, String, Slice, Func, Struct, Ptr };
  Kind getKind() const { return kind_; }
  bool isVoid() const { return kind_ == Kind::Void; }
  bool isBool() const { return kind_ == Kind::Bool; }
  bool isInt() const { return kind_ == Kind::Int; }
  bool isFloat() const { return kind_ == Kind::Float; }
  bool isString() const { return kind_ == Kind::String; }
  bool isSlice() const { return kind_ == Kind::Slice; }
  bool isFunc() const { return kind_ == Kind::Func; }
  bool isStruct() const { return kind_ == Kind::Struct; }
  bool isPtr() const { return kind_ == Kind::Ptr; }
  /// int, float, bool or string.
  bool isScalar() const { return kind_ >= Kind::Bool && kind_ <= Kind::String; }

  /// Slice: the element type; Ptr: the pointee.
  const Type *getElement() const { return elem_; }
  /// Func: parameters and result (Void for none).
  llvm::ArrayRef<const Type *> getParams() const { return params_; }
  const Type *getResult() const { return elem_; }
  /// Struct: its layout.
  StructLayout *getLayout() const { return layout_; }

  void print(llvm::raw_ostream &os) const;
  std::string str() const;
  /// XXH3-128 of str(), computed once when the type is made (fingerprints
  /// hash types by it).
  const Hash128 &getHash() const { return hash_; }

private:
  friend class TypeTable;
  Type(Kind k) : kind_(k) {}
  Kind kind_;
  const Type *elem_ = nullptr;
  llvm::ArrayRef<const Type *> params_;
  StructLayout *layout_ = nullptr;
  Hash128 hash_;
};

/// The fields of a struct (or of a struct instance), in declaration order.
class StructLayout {
public:
  struct Field {
    std::string name;
    const Type *type;
  };
  StructLayout(std::string name, Hash128 key) : name_(std::move(name)), key_(key) {}

  /// `main.Point`, `containers.Stack[main.Pair[int, string]]`.
  llvm::StringRef getName() const { return name_; }
  /// The instance key of a generic struct's instance; for a plain struct the
  /// hash of its declaration's identity.
  Hash128 getKey() const { return key_; }
  bool isInstance() const { return isInstance_; }
  void setInstance(bool v) { isInstance_ = v; }

  llvm::ArrayRef<Field> getFields() const { return fields_; }
  void addField(std::string name, const Type *type) { fields_.push_back({std::move(name), type}); }
  /// False between the layout's creation and the lowering of its fields (a
  /// struct may reach itself through a slice).
  bool isComplete() const { return complete_; }
  void setComplete() { complete_ = true; }
  const Type *getType() const { return type_; }

private:
  friend class TypeTable;
  std::string name_;
  Hash128 key_;
  bool isInstance_ = false;
  bool complete_ = false;
  std::vector<Field> fields_;
  const Type *type_ = nullptr;
};

/// Interns the types of one Module.
class TypeTable {
  /// Sets \p t's hash once its parts are in place.
  static Type *finish(Type *t);

public:
  explicit TypeTable(Arena &arena);
  TypeTable(const TypeTable &) = delete;

  const Type *getVoid() const { return void_; }
  const Type *getBool() const { return bool_; }
  const Type *getInt() const { return int_; }
  const Type *getFloat() const { return float_; }
  const Type *getString() const { return string_; }
  const Type *getSlice(const Type *elem);
  const Type *getPtr(const Type *pointee);
  const Type *getFunc(llvm::ArrayRef<const Type *> params, const Type *result);
  /// The struct type of \p layout (made with the layout: one type per layout).
  const Type *getStruct(StructLayout *layout);

private:
  Arena &arena_;
  const Type *void_, *bool_, *int_, *float_, *string_;
  llvm::DenseMap<const Type *, const Type *> slices_, ptrs_;
  std::vector<const Type *> funcs_; // found by a hashed index below
  llvm::DenseMap<unsigned, llvm::SmallVector<const Type *, 1>> funcIndex_;
};

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

enum class Opcode : uint8_t {
#define INST(Name, Text, Flags) Name,
#include "stencil/IR/Instructions.def"
};
constexpr unsigned kNumOpcodes = 0
#define INST(Name, Text, Flags) +1
#include "stencil/IR/Instructions.def"
    ;

llvm::StringRef getOpcodeName(Opcode op);
bool isTerminator(Opcode op);
/// The instruction carries the location of the panic it may raise.
bool mayPanic(Opcode op);
/// cmp.eq ... cmp.ge.
inline bool isComparison(Opcode op) { return op >= Opcode::CmpEq && op <= Opcode::CmpGe; }

class Value {
public:
  enum class Kind : uint8_t { Inst, Param, ConstInt, ConstFloat, ConstBool, ConstString, Zero, FuncRef, GlobalRef };
  Kind getValueKind() const { return vkind_; }
  const Type *getType() const { return type_; }
  bool isConstant() const { return vkind_ >= Kind::ConstInt; }

protected:
  Value(Kind k, const Type *type) : vkind_(k), type_(type) {}

private:
  Kind vkind_;
  const Type *type_;
};

class Param : public Value {
public:
  Param(const Type *type, unsigned index, llvm::StringRef name)
      : Value(Kind::Param, type), index(index), name(name) {}
  unsigned index;
  llvm::StringRef name; ///< the source name (in the module's arena); may be empty
  static bool classof(const Value *v) { return v->getValueKind() == Kind::Param; }
};

class ConstInt : public Value {
public:
  ConstInt(const Type *t, int64_t v) : Value(Kind::ConstInt, t), value(v) {}
  int64_t value;
  static bool classof(const Value *v) { return v->getValueKind() == Kind::ConstInt; }
};

class ConstFloat : public Value {
public:
  ConstFloat(const Type *t, double v) : Value(Kind::ConstFloat, t), value(v) {}
  double value;
  static bool classof(const Value *v) { return v->getValueKind() == Kind::ConstFloat; }
};

class ConstBool : public Value {
public:
  ConstBool(const Type *t, bool v) : Value(Kind::ConstBool, t), value(v) {}
  bool value;
  static bool classof(const Value *v) { return v->getValueKind() == Kind::ConstBool; }
};

class ConstString : public Value {
public:
  ConstString(const Type *t, llvm::StringRef v) : Value(Kind::ConstString, t), value(v) {}
  llvm::StringRef value; ///< the bytes, in the module's arena
  static bool classof(const Value *v) { return v->getValueKind() == Kind::ConstString; }
};

/// The zero value of any type (a nil function value for a function type).
class ZeroValue : public Value {
public:
  explicit ZeroValue(const Type *t) : Value(Kind::Zero, t) {}
  static bool classof(const Value *v) { return v->getValueKind() == Kind::Zero; }
};

/// A function used as a value (its type is the function's type).
class FuncRef : public Value {
public:
  FuncRef(const Type *t, Function *f) : Value(Kind::FuncRef, t), func(f) {}
  Function *func;
  static bool classof(const Value *v) { return v->getValueKind() == Kind::FuncRef; }
};

/// The address of a global (type &T).
class GlobalRef : public Value {
public:
  GlobalRef(const Type *t, Global *g) : Value(Kind::GlobalRef, t), global(g) {}
  Global *global;
  static bool classof(const Value *v) { return v->getValueKind() == Kind::GlobalRef; }
};

class Inst : public Value {
public:
  Inst(Opcode op, const Type *type, llvm::MutableArrayRef<Value *> operands, SourceLoc loc)
      : Value(Kind::Inst, type), op_(op), loc_(loc), operands_(operands) {}

  Opcode getOpcode() const { return op_; }
  Block *getParent() const { return parent_; }
  /// The location a panic reports (valid for mayPanic opcodes), else the
  /// source construct the instruction comes from, when known.
  SourceLoc getLoc() const { return loc_; }

  llvm::ArrayRef<Value *> operands() const { return operands_; }
  unsigned getNumOperands() const { return operands_.size(); }
  Value *getOperand(unsigned i) const { return operands_[i]; }
  void setOperand(unsigned i, Value *v) { operands_[i] = v; }

  /// br, condbr: the successors.
  llvm::ArrayRef<Block *> successors() const { return succs_; }
  void setSuccessor(unsigned i, Block *b) { succs_[i] = b; }

  /// alloca, struct.new, slice.make, slice.new: the type made (alloca: the
  /// slot's type; the others: the result type).
  const Type *getTypeOperand() const { return typeOperand_; }
  /// field.addr, field.get: the field index.
  unsigned getFieldIndex() const { return index_; }
  /// call: the function called.
  Function *getCallee() const { return callee_; }
  /// alloca: the variable's source name (may be empty).
  llvm::StringRef getName() const { return name_; }

  static bool classof(const Value *v) { return v->getValueKind() == Kind::Inst; }

  /// Turns a `call` into `load ptr` of the same type, in place: the inliner
  /// makes an inlined call the load of its result slot, so the call's users
  /// need not be found (they now use the load).
  void becomeLoad(Value *ptr) {
    assert(op_ == Opcode::Call && ptr->getType()->isPtr() &&
           ptr->getType()->getElement() == getType());
    op_ = Opcode::Load;
    callee_ = nullptr;
    operands_ = operands_.take_front(operands_.empty() ? 0 : 1);
    if (operands_.empty())
      operands_ = llvm::MutableArrayRef<Value *>(&loadOperand_, 1);
    operands_[0] = ptr;
  }

private:
  friend class Builder;
  friend class Block;
  Value *loadOperand_ = nullptr; ///< becomeLoad's operand when the call had none
  Opcode op_;
  Block *parent_ = nullptr;
  SourceLoc loc_;
  unsigned index_ = 0;
  llvm::MutableArrayRef<Value *> operands_;
  llvm::MutableArrayRef<Block *> succs_;
  const Type *typeOperand_ = nullptr;
  Function *callee_ = nullptr;
  llvm::StringRef name_;
};

//===----------------------------------------------------------------------===//
// Blocks, functions, globals, the module
//===----------------------------------------------------------------------===//

/// A basic block. Its name is not owned: a string literal (`if.then`) or text
/// that lives as long as the module (the printer makes names unique).
class Block {
public:
  using InstList = llvm::SmallVector<Inst *, 8>;
  Block(Function *parent, llvm::StringRef name) : parent_(parent), name_(name) {}
  Function *getParent() const { return parent_; }
  llvm::StringRef getName() const { return name_; }
  InstList &insts() { return insts_; }
  const InstList &insts() const { return insts_; }
  bool empty() const { return insts_.empty(); }
  /// The last instruction when it is a terminator, else null.
  Inst *getTerminator() const {
    return !insts_.empty() && isTerminator(insts_.back()->getOpcode()) ? insts_.back() : nullptr;
  }
  void append(Inst *i) {
    i->parent_ = this;
    insts_.push_back(i);
  }
  void prepend(Inst *i) {
    i->parent_ = this;
    insts_.insert(insts_.begin(), i);
  }

private:
  Function *parent_;
  llvm::StringRef name_;
  InstList insts_;
};

enum class InlineHint : uint8_t { None, Inline, NoInline };

class Function {
public:
  Function(std::string name, const Type *type) : name_(std::move(name)), type_(type) {}

  /// `main.main`, `containers.Stack[int].push`, `main.max[main.Celsius]`.
  llvm::StringRef getName() const { return name_; }
  /// The function type: a method's receiver (a pointer) is its first parameter.
  const Type *getType() const { return type_; }
  const Type *getResultType() const { return type_->getResult(); }
  llvm::ArrayRef<Param *> params() const { return params_; }
  void addParam(Param *p) { params_.push_back(p); }

  std::vector<std::unique_ptr<Block>> &blocks() { return blocks_; }
  const std::vector<std::unique_ptr<Block>> &blocks() const { return blocks_; }
  Block *getEntry() const { return blocks_.empty() ? nullptr : blocks_.front().get(); }
  /// A new block at the end, named \p name (made unique when printed).
  Block *createBlock(llvm::StringRef name) {
    blocks_.push_back(std::make_unique<Block>(this, name));
    return blocks_.back().get();
  }
  /// Inserts \p b before position \p index (the inliner places the callee's
  /// blocks right after the call's).
  Block *insertBlock(size_t index, std::unique_ptr<Block> b) {
    assert(b->getParent() == this);
    return blocks_.insert(blocks_.begin() + index, std::move(b))->get();
  }
  /// Inserts all of \p bs, in order, before position \p index (one move of
  /// the blocks after them, however many are inserted).
  void insertBlocks(size_t index, std::vector<std::unique_ptr<Block>> bs) {
    blocks_.insert(blocks_.begin() + index, std::make_move_iterator(bs.begin()),
                   std::make_move_iterator(bs.end()));
  }
  /// A block not yet in the function, for a builder that places it later
  /// (the end block of an `if`, made before the branches that jump to it).
  std::unique_ptr<Block> makeBlock(llvm::StringRef name) {
    return std::make_unique<Block>(this, name);
  }
  Block *appendBlock(std::unique_ptr<Block> b) {
    assert(b->getParent() == this);
    blocks_.push_back(std::move(b));
    return blocks_.back().get();
  }
  /// True once the body has been lowered (a declared instance is queued first).
  bool hasBody() const { return !blocks_.empty(); }

  /// The module path of the declaration's module (`main`, `containers`).
  llvm::StringRef getSourceModule() const { return sourceModule_; }
  void setSourceModule(std::string m) { sourceModule_ = std::move(m); }
  SourceLoc getLoc() const { return loc_; }
  void setLoc(SourceLoc l) { loc_ = l; }
  InlineHint getInlineHint() const { return hint_; }
  void setInlineHint(InlineHint h) { hint_ = h; }
  /// An instance of a generic function or of a method of a generic type.
  bool isInstance() const { return isInstance_; }
  Hash128 getInstanceKey() const { return key_; }
  void setInstance(Hash128 key) {
    isInstance_ = true;
    key_ = key;
  }
  /// A module's initializer (module-level variables) rather than a declared function.
  bool isInitializer() const { return isInitializer_; }
  void setInitializer() { isInitializer_ = true; }

  unsigned getNumInsts() const;

  /// A body the inliner copied into this function, and its fingerprint when
  /// copied: what this function's code depends on besides its own source
  /// (the build layer keys compiled code by it).
  struct InlinedBody {
    std::string callee;
    Hash128 fingerprint;
  };
  llvm::ArrayRef<InlinedBody> inlinedBodies() const { return inlined_; }
  void addInlinedBody(std::string callee, Hash128 fingerprint) {
    inlined_.push_back({std::move(callee), fingerprint});
  }

private:
  std::vector<InlinedBody> inlined_;
  std::string name_;
  const Type *type_;
  std::vector<Param *> params_;
  std::vector<std::unique_ptr<Block>> blocks_;
  std::string sourceModule_;
  SourceLoc loc_;
  InlineHint hint_ = InlineHint::None;
  bool isInstance_ = false;
  bool isInitializer_ = false;
  Hash128 key_;
};

/// A module-level variable: zero-initialized storage; its initializer runs in
/// its module's initializer function.
class Global {
public:
  Global(std::string name, const Type *type) : name_(std::move(name)), type_(type) {}
  llvm::StringRef getName() const { return name_; }
  /// The variable's type (its address is `&type`).
  const Type *getValueType() const { return type_; }
  GlobalRef *getRef() const { return ref_; }
  /// The module path of the declaring module.
  llvm::StringRef getSourceModule() const { return sourceModule_; }
  void setSourceModule(std::string m) { sourceModule_ = std::move(m); }

private:
  friend class Module;
  std::string sourceModule_;
  std::string name_;
  const Type *type_;
  GlobalRef *ref_ = nullptr;
};

class Module {
public:
  Module();
  Module(const Module &) = delete;
  ~Module();

  TypeTable &types() { return types_; }
  const TypeTable &types() const { return types_; }
  Arena &getArena() { return arena_; }

  Function *createFunction(std::string name, const Type *type);
  StructLayout *createStruct(std::string name, Hash128 key);
  Global *createGlobal(std::string name, const Type *type);

  /// In creation order (deterministic for a given program).
  llvm::ArrayRef<std::unique_ptr<Function>> functions() const { return functions_; }
  llvm::ArrayRef<std::unique_ptr<StructLayout>> structs() const { return structs_; }
  llvm::ArrayRef<std::unique_ptr<Global>> globals() const { return globals_; }

  /// The program's entry, `main.main`.
  Function *getEntry() const { return entry_; }
  void setEntry(Function *f) { entry_ = f; }
  /// The module initializers, in the order they run (dependencies first).
  llvm::ArrayRef<Function *> initializers() const { return inits_; }
  void addInitializer(Function *f) { inits_.push_back(f); }

  // Constants (allocated in the arena; not uniqued).
  ConstInt *getInt(int64_t v) { return new (arena_.Allocate<ConstInt>()) ConstInt(types_.getInt(), v); }
  ConstFloat *getFloat(double v) {
    return new (arena_.Allocate<ConstFloat>()) ConstFloat(types_.getFloat(), v);
  }
  ConstBool *getBool(bool v) { return v ? true_ : false_; }
  ConstString *getString(llvm::StringRef bytes);
  ZeroValue *getZero(const Type *t);
  FuncRef *getFuncRef(Function *f);

  /// A copy of \p s in the arena.
  llvm::StringRef copyString(llvm::StringRef s);

  /// The text form of docs/ir.md; panic locations as LINE:COL when \p sm is given.
  void print(llvm::raw_ostream &os, const SourceManager *sm = nullptr) const;
  void dump() const;

private:
  Arena arena_;
  TypeTable types_;
  ConstBool *true_, *false_;
  std::vector<std::unique_ptr<Function>> functions_;
  std::vector<std::unique_ptr<StructLayout>> structs_;
  std::vector<std::unique_ptr<Global>> globals_;
  llvm::DenseMap<const Type *, ZeroValue *> zeros_;
  llvm::DenseMap<const Function *, FuncRef *> funcRefs_;
  Function *entry_ = nullptr;
  std::vector<Function *> inits_;
};

/// Removes the blocks of \p f that cannot be reached from its entry, then the
/// slots nothing uses any more (variables of the removed code).
void removeUnreachableBlocks(Function &f);

/// Prints one function in the text form of docs/ir.md.
void printFunction(const Function &f, llvm::raw_ostream &os, const SourceManager *sm = nullptr);

/// Checks the structural and type rules of docs/ir.md. Returns true when the
/// module is well formed; otherwise writes one line per problem to \p errs
/// (naming the function, block and instruction) and returns false.
bool verifyModule(const Module &m, llvm::raw_ostream &errs);

} // namespace ir
} // namespace stencil

#endif
