//===- RuntimeAbiCheck.h - Runtime.h checked against the .def -*- C++ -*-===//
//
// One static_assert per RT_FUNC of RuntimeFunctions.def: the declared C
// function's result and parameters must have the kinds the .def lists
// (Void -> void, I64 -> int64_t, F64 -> double, Bool -> bool, Ptr -> any
// pointer type), in order and in number. The compiler's code generator builds
// its LLVM declarations from the same list, so a mismatch here is an ABI break
// and stops the build. Included at the end of Runtime.h.
//
//===----------------------------------------------------------------------===//
#ifndef STENCIL_LIB_RUNTIME_RUNTIMEABICHECK_H
#define STENCIL_LIB_RUNTIME_RUNTIMEABICHECK_H

#include <cstdint>
#include <type_traits>

namespace stencil::runtime::abi {

// The kinds, spelled as in the .def so the RT_FUNC arguments name them.
struct Void;
struct I64;
struct F64;
struct Bool;
struct Ptr;

/// Whether the C type T is what the .def kind K means.
template <class K, class T> struct KindMatches : std::false_type {};
template <> struct KindMatches<Void, void> : std::true_type {};
template <> struct KindMatches<I64, int64_t> : std::true_type {};
template <> struct KindMatches<F64, double> : std::true_type {};
template <> struct KindMatches<Bool, bool> : std::true_type {};
template <class T> struct KindMatches<Ptr, T *> : std::true_type {};

/// Whether a function of type R(Args...) has the result kind Result and the
/// parameter kinds Params.
template <class Result, class... Params, class R, class... Args>
constexpr bool signatureMatches(R (*)(Args...)) {
  if constexpr (sizeof...(Params) != sizeof...(Args))
    return false;
  else
    return KindMatches<Result, R>::value && (KindMatches<Params, Args>::value && ...);
}

#define RT_FUNC(Name, Symbol, Result, NoReturn, ...)                                               \
  static_assert(signatureMatches<Result __VA_OPT__(, ) __VA_ARGS__>(&::Symbol),                    \
                "the C signature of " #Symbol " does not match RuntimeFunctions.def");
#include "stencil/Runtime/RuntimeFunctions.def"

} // namespace stencil::runtime::abi

#endif // STENCIL_LIB_RUNTIME_RUNTIMEABICHECK_H
