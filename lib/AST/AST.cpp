//===- AST.cpp ------------------------------------------------------------===//
#include "stencil/AST/AST.h"
#include "llvm/Support/ErrorHandling.h"

using namespace stencil;

llvm::StringRef stencil::getBuiltinName(Builtin b) {
  switch (b) {
  case Builtin::None:
    return "";
  case Builtin::Len:
    return "len";
  case Builtin::Cap:
    return "cap";
  case Builtin::Append:
    return "append";
  case Builtin::Make:
    return "make";
  case Builtin::Print:
    return "print";
  case Builtin::Println:
    return "println";
  case Builtin::Str:
    return "str";
  case Builtin::Hash:
    return "hash";
  case Builtin::Panic:
    return "panic";
  case Builtin::Exit:
    return "exit";
  }
  llvm_unreachable("unknown builtin");
}
