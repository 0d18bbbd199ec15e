# lit configuration for Stencil's regression tests (test/<Phase>/...).
import os
import lit.formats
import lit.llvm

# lit.site.cfg.py does not set up lit.llvm; do it here (once).
if lit.llvm.llvm_config is None:
    lit.llvm.initialize(lit_config, config)
from lit.llvm import llvm_config

config.name = "Stencil"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".stn", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.stencil_obj_root, "test")

llvm_config.use_default_substitutions()  # FileCheck, not, count, split-file, ...
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.stencil_tools_dir, append_path=True)
config.substitutions.append(("%stencilc", os.path.join(config.stencil_tools_dir, "stencilc")))
config.substitutions.append(("%batch_runner",
                             os.path.join(config.stencil_tools_dir, "stencil-batch-runner")))
config.substitutions.append(("%stencil-bench", os.path.join(config.stencil_tools_dir, "stencil-bench")))
config.substitutions.append(("%python", config.python_executable))
# %stencil-run SOURCE: compile at -O0 and -O2, each with the inliner off, on and
# aggressive, run, check all six agree, print the
# behaviour for FileCheck (test/tools/stencil-run.py). %t is the work directory.
config.substitutions.append(("%stencil-run", "%s %s %s" % (
    config.python_executable,
    os.path.join(config.stencil_src_root, "test", "tools", "stencil-run.py"),
    os.path.join(config.stencil_tools_dir, "stencilc"))))
config.substitutions.append(("%stencil_src", config.stencil_src_root))

# A sanitizer build (STENCIL_ENABLE_FUZZERS=ON: ASan + UBSan, docs/fuzzing.md)
# runs the compiler several times slower; %timeout_scale multiplies a test's
# own time limits (test/Robustness/fuzz.test) there, and `REQUIRES: sanitizer`
# or `UNSUPPORTED: sanitizer` select tests by it.
if config.stencil_sanitized:
    config.available_features.add("sanitizer")
    # A sanitizer report exits with status 1 by default, which a negative test
    # (`not %stencilc ... | FileCheck`) takes for the compile error it expects
    # and fuzz.test for a clean exit with a diagnostic: make it abort, which
    # fails both. Options given in the environment come after, and win.
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        config.environment[var] = ":".join(
            o for o in ("abort_on_error=1:halt_on_error=1", os.environ.get(var)) if o)
config.substitutions.append(("%timeout_scale", "4" if config.stencil_sanitized else "1"))
