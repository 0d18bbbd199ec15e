#!/usr/bin/env python3
"""Feeds a few thousand malformed (and some deep but well-formed) inputs to
`stencilc --emit=llvm` (check, then IR build, the IR verifier, LLVM lowering,
LLVM's verifier and -O0 for the inputs that check) and fails on anything but a
clean exit.

    fuzz_syntax_only.py STENCILC BATCH_RUNNER TEST_DIR WORK_DIR
                        [--seed N] [--count N] [--jobs N] [--stencilc-count N]
                        [--timeout-scale N]

Inputs (all deterministic for a given seed and a given test/ tree):
  * deep nesting: 10,000 nested parens, blocks, `[]` types, unary operators,
    if / else-if chains, calls, type arguments, ... and long flat chains;
  * random bytes and random ASCII;
  * random token soup over Stencil's vocabulary;
  * truncations of every .stn program under TEST_DIR (and of every .stn part
    of the split-file `.test` files there) at random points;
  * token-level mutations of those programs: delete, duplicate, swap or
    replace tokens (names by names of the same program, so that the result
    often parses and reaches the checker), insert keywords or punctuation,
    splice in a range of tokens from another program; and line-level ones
    (delete, duplicate or swap lines).

A program that comes from a split-file test is written beside its sibling
modules (unchanged), so that imports resolve and the checker runs.

All inputs are written to WORK_DIR/inputs/ first, then run by BATCH_RUNNER
(test/tools/stencil-batch-runner.cpp): it loads the compiler once and forks
per input, the child running stencilc's own code path (stencil::runCompiler
with --emit=llvm), so that an input costs a fork and a compile rather than
the ~30 ms of starting stencilc. An evenly spread sample of --stencilc-count
inputs also runs through the STENCILC executable itself.

Each input may use 5 s of CPU, times --timeout-scale (lit passes
%timeout_scale: 1, or more in a sanitizer build, whose compiler is several
times slower; test/lit.cfg.py), and run for 4 times as long in wall-clock
time. CPU time is what measures the compiler's work: on a loaded machine (two
cores, a build beside the tests) the 50,000-operand `&&` chain, under 1 s of
CPU, took over 5 s of wall-clock time. The allowed outcomes are exit 0, or exit 1
with at least one `error:` on stderr. Anything else (a signal, an assertion,
exit 2, exit 1 without a diagnostic, a time-out) is a failure: the input is
kept under WORK_DIR/failures/N/ and its path is printed, with the stencilc
command that reproduces it. The exit status is 1 if any input failed (or the
batch runner itself failed).
"""

import argparse
import os
import random
import resource
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

TIMEOUT_SECONDS = 5  # of CPU per input, times --timeout-scale
WALL_FACTOR = 4  # the wall-clock limit is this many times the CPU limit (as the batch runner's)
# What every input runs: the whole pipeline as far as it goes (the file's name
# is older than IR build).
ACTION = "--emit=llvm"
RUNNER_TIMEOUT_SECONDS = 900  # a backstop (also scaled): the runner times out each input itself
DEEP = 10000

KEYWORDS = ["break", "continue", "else", "fn", "for", "if", "import", "in", "interface",
            "pub", "return", "struct", "type", "var", "while", "true", "false"]
PUNCTUATION = ["(", ")", "[", "]", "{", "}", ",", ";", ":", ":=", ".", "..", "@", "~", "+", "-",
               "*", "/", "%", "&", "|", "^", "<<", ">>", "&&", "||", "!", "=", "==", "!=", "<",
               "<=", ">", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="]
NAMES = ["x", "y", "T", "U", "K", "V", "main", "int", "float", "bool", "string", "any",
         "comparable", "len", "cap", "append", "make", "print", "println", "str", "hash",
         "panic", "exit", "inline", "noinline", "Stack", "Pair", "Ordered", "max", "_", "xs",
         "push", "items", "Celsius"]
LITERALS = ["0", "1", "42", "0x7f", "0b101", "1_000", "9223372036854775807",
            "9223372036854775808", "99999999999999999999", "1.5", "1e9", "2.5e-3", "1e999",
            "0.", "1e", "0x", "0b2", '""', '"s"', '"\\n\\x41"', '"\\q"', '"unterminated', "/*", "*/",
            "//", "'", "#", "$", "\\", "\t", "\n", "\r", "\x00", "\xff", "\u00e9"]
VOCABULARY = KEYWORDS + PUNCTUATION + NAMES + LITERALS

TOKEN_RE = re.compile(r'''
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"?)
  | (?P<number>0[xXbB][0-9A-Fa-f_]*|[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct><<=|>>=|\.\.|:=|&&|\|\||<<|>>|==|!=|<=|>=|[-+*/%&|^]=|[-+*/%&|^!=<>()\[\]{},;:.@~])
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)


def tokenize(text):
    """Splits text into tokens, keeping whitespace and comments as tokens so
    that joining them gives back the text."""
    return [m.group(0) for m in TOKEN_RE.finditer(text)]


def is_significant(tok):
    return not tok.isspace() and not tok.startswith("//") and not tok.startswith("/*")


# ---------------------------------------------------------------------------
# Seed programs

def split_file_parts(text):
    """The parts of a split-file test (`//--- name` or `#--- name`), in order."""
    parts, name, lines = [], None, []
    for line in text.splitlines(keepends=True):
        m = re.match(r'^(?:.|//)--- (\S+)\s*$', line)
        if m:
            if name is not None:
                parts.append((name, "".join(lines)))
            name, lines = m.group(1), []
        elif name is not None:
            lines.append(line)
    if name is not None:
        parts.append((name, "".join(lines)))
    return parts


def load_seeds(test_dir):
    """Every seed program as (files, main, mutable): files maps relative paths to
    text; main is the file given to stencilc; mutable lists the .stn files that
    may be mutated."""
    seeds = []
    for root, dirs, files in os.walk(test_dir):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(root, f)
            try:
                with open(path, encoding="utf-8", errors="surrogateescape") as fh:
                    text = fh.read()
            except OSError:
                continue
            if f.endswith(".stn"):
                seeds.append(({"main.stn": text}, "main.stn", ["main.stn"]))
            elif f.endswith(".test"):
                parts = [(n, t) for n, t in split_file_parts(text) if n.endswith(".stn")]
                if not parts:
                    continue
                names = [n for n, _ in parts]
                main = next((n for n in names if os.path.basename(n) == "main.stn"), names[0])
                seeds.append((dict(parts), main, names))
    return seeds


# ---------------------------------------------------------------------------
# Generators

def deep_inputs():
    """Deterministic deep-nesting and long-chain inputs: (name, text)."""
    n = DEEP
    out = [
        ("parens", "fn main() {\n    x := " + "(" * n + "1" + ")" * n + "\n}\n"),
        ("parens-unclosed", "fn main() {\n    x := " + "(" * n + "1\n}\n"),
        ("blocks", "fn main() {\n" + "{" * n + "}" * n + "\n}\n"),
        ("blocks-unclosed", "fn main() {\n" + "{\n" * n),
        ("slice-type", "var x " + "[]" * n + "int\nfn main() {}\n"),
        ("slice-type-param", "fn f(x " + "[]" * n + "int) {}\nfn main() {}\n"),
        ("slice-make", "fn main() {\n    x := make(" + "[]" * n + "int, 1)\n}\n"),
        ("unary-minus", "fn main() {\n    x := " + "- " * n + "1\n}\n"),
        ("unary-minus-packed", "fn main() {\n    x := " + "-" * n + "1\n}\n"),
        ("unary-not", "fn main() {\n    x := " + "!" * n + "true\n}\n"),
        ("unary-caret", "fn main() {\n    x := " + "^" * n + "1\n}\n"),
        ("unary-mixed", "fn main() {\n    x := " + "-(" * n + "1" + ")" * n + "\n}\n"),
        ("if-nest", "fn main() {\n" + "if true {\n" * n + "}\n" * n + "}\n"),
        ("while-nest", "fn main() {\n" + "while false {\n" * n + "}\n" * n + "}\n"),
        ("for-nest", "fn main() {\n" + "for i in 0..1 {\n" * n + "}\n" * n + "}\n"),
        ("else-if-chain", "fn f(x int) int {\n    if x == 0 { return 0 }"
         + "".join(" else if x == %d { return %d }" % (i, i) for i in range(1, n))
         + " else { return -1 }\n}\nfn main() {}\n"),
        ("calls", "fn f(x int) int { return x }\nfn main() {\n    x := " + "f(" * n + "1" + ")" * n + "\n}\n"),
        ("call-chain", "fn main() {\n    x := main" + "()" * n + "\n}\n"),
        ("index-chain", "fn main() {\n    xs := []int{1}\n    x := xs" + "[0]" * n + "\n}\n"),
        ("field-chain", "type P struct { p int }\nfn main() {\n    var p P\n    x := p" + ".p" * n + "\n}\n"),
        ("type-args", "type B[T any] struct { v T }\nvar x " + "B[" * n + "int" + "]" * n + "\nfn main() {}\n"),
        ("type-args-expr", "fn id[T any](x T) T { return x }\nfn main() {\n    f := id["
         + "[]" * n + "int]\n}\n"),
        ("fn-type-result", "var f " + "fn() " * n + "int\nfn main() {}\n"),
        ("fn-type-param", "var f " + "fn(" * n + ")" * n + "\nfn main() {}\n"),
        ("slice-literal", "fn main() {\n    x := " + "[]int{" * n + "}" * n + "\n}\n"),
        ("struct-literal", "type P struct { p P2 }\ntype P2 struct { x int }\nfn main() {\n    x := "
         + "P{p: " * n + "}" * n + "\n}\n"),
        ("tilde-union", "interface I { " + " | ".join(["~int"] * n) + " }\nfn main() {}\n"),
        ("brackets", "fn main() {\n    x := " + "[" * n + "\n}\n"),
        ("closers", "fn main() {\n    x := 1" + ")]}" * n + "\n}\n"),
        # Long flat chains: not nested in the source, but left-deep trees.
        ("plus-chain", "fn main() {\n    x := 1" + " + 1" * (5 * n) + "\n}\n"),
        ("string-chain", "fn main() {\n    x := \"a\"" + " + \"a\"" * (5 * n) + "\n}\n"),
        ("and-chain", "fn main() {\n    x := true" + " && true" * (5 * n) + "\n}\n"),
        ("compare-chain", "fn main() {\n    x := 1 == 1" + " == true" * n + "\n}\n"),
        ("statements", "fn main() {\n    x := 1\n" + "    x += 1\n" * n + "}\n"),
        ("many-funcs", "".join("fn f%d(x int) int { return f%d(x) }\n" % (i, (i + 1) % n)
                               for i in range(n)) + "fn main() {}\n"),
        ("many-errors", "fn main() {\n" + "    x := 1 + \"a\"\n" * n + "}\n"),
        ("struct-chain", "".join("type S%d struct { s S%d }\n" % (i, i + 1) for i in range(n))
         + "type S%d struct { x int }\nfn main() {}\n" % n),
        ("struct-cycle", "".join("type S%d struct { s S%d }\n" % (i, (i + 1) % n) for i in range(n))
         + "fn main() {}\n"),
        ("generic-struct-chain", "".join("type G%d[T any] struct { g G%d[T] }\n" % (i, i + 1)
                                         for i in range(n))
         + "type G%d[T any] struct { v T }\nvar g G0[int]\nfn main() {}\n" % n),
        ("defined-chain", "".join("type D%d D%d\n" % (i, i + 1) for i in range(n))
         + "type D%d int\nfn main() { x := D0(1) + D0(2) }\n" % n),
        ("defined-cycle", "".join("type D%d D%d\n" % (i, (i + 1) % n) for i in range(n))
         + "fn main() {}\n"),
        ("generic-call-chain", "".join("fn g%d[T any](x T) T { return g%d(x) }\n" % (i, i + 1)
                                       for i in range(n))
         + "fn g%d[T any](x T) T { return x }\nfn main() { x := g0(1) }\n" % n),
        ("generic-growth", "fn f[T any](n int) { if n > 0 { f[[]T](n - 1) } }\n"
         "fn main() { f[int](3) }\n"),
        ("interface-chain", "".join("interface I%d { I%d }\n" % (i, i + 1) for i in range(n))
         + "interface I%d { ~int }\nfn f[T I0](x T) {}\nfn main() {}\n" % n),
        ("interface-cycle", "".join("interface I%d { I%d }\n" % (i, (i + 1) % n) for i in range(n))
         + "fn f[T I0](x T) {}\nfn main() {}\n"),
        ("long-line", "fn main() {\n    x := \"" + "a" * (100 * n) + "\"\n}\n"),
        ("long-ident", "fn main() {\n    " + "a" * (100 * n) + " := 1\n}\n"),
        ("long-number", "fn main() {\n    x := " + "1" * n + "\n}\n"),
        ("long-float", "fn main() {\n    x := 0." + "1" * n + "e" + "9" * 100 + "\n}\n"),
        ("comment-nest", "/*" * n + "*/" * n + "\nfn main() {}\n"),
    ]
    return out


def random_bytes(rng):
    n = rng.choice([0, 1, 2, 10, 100, 1000, 4000])
    return bytes(rng.randrange(256) for _ in range(n))


def random_ascii(rng):
    n = rng.choice([1, 10, 100, 1000, 4000])
    alphabet = "".join(chr(c) for c in range(32, 127)) + "\n\n\n\t"
    return "".join(rng.choice(alphabet) for _ in range(n))


def token_soup(rng):
    n = rng.choice([5, 20, 100, 500, 2000])
    # Start like a function half of the time, so the statement parser is reached.
    head = "fn main() {\n" if rng.random() < 0.5 else ""
    return head + " ".join(rng.choice(VOCABULARY) for _ in range(n))


def truncate(rng, text):
    if not text:
        return text
    return text[:rng.randrange(len(text))]


def mutate_lines(rng, text):
    """Line-level mutations keep most of the syntax and reach the checker."""
    lines = text.split("\n")
    for _ in range(rng.choice([1, 1, 2, 4])):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        op = rng.randrange(3)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[j])
        else:
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [""]
    return "\n".join(lines)


def mutate(rng, text, donors):
    if rng.random() < 0.15:
        return mutate_lines(rng, text)
    toks = tokenize(text)
    sig = [i for i, t in enumerate(toks) if is_significant(t)]
    if not sig:
        return text + rng.choice(VOCABULARY)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5, 10])):
        i = rng.choice(sig) if sig else 0
        if i >= len(toks):
            i = len(toks) - 1
        op = rng.randrange(10)
        if op == 0:      # delete a token
            toks[i] = ""
        elif op == 1:    # duplicate a token
            toks[i] = toks[i] + " " + toks[i]
        elif op == 2:    # swap two tokens
            j = rng.choice(sig)
            if j < len(toks):
                toks[i], toks[j] = toks[j], toks[i]
        elif op == 3:    # replace a token
            toks[i] = rng.choice(VOCABULARY)
        elif op == 4:    # insert a keyword
            toks[i] = rng.choice(KEYWORDS) + " " + toks[i]
        elif op == 5:    # insert punctuation
            toks[i] = toks[i] + rng.choice(PUNCTUATION)
        elif op == 6:    # delete a range of tokens
            j = min(len(toks), i + rng.randrange(1, 20))
            for k in range(i, j):
                toks[k] = ""
        elif op == 8:    # replace a name by another name of the same program
            names = [t for t in toks if re.match(r"[A-Za-z_]", t) and t not in KEYWORDS]
            if names:
                toks[i] = rng.choice(names)
        elif op == 9:    # replace a token by a literal
            toks[i] = rng.choice(["0", "1", "1.5", '"s"', "true", "-1", "9223372036854775807"])
        else:            # op == 7: splice in a range of tokens from another program
            donor = tokenize(rng.choice(donors))
            if donor:
                a = rng.randrange(len(donor))
                b = min(len(donor), a + rng.randrange(1, 40))
                toks[i] = "".join(donor[a:b]) + toks[i]
    return "".join(toks)


def make_inputs(seeds, rng, count):
    """The list of inputs: (label, files, main) with files mapping paths to
    str or bytes."""
    inputs = []
    for name, text in deep_inputs():
        inputs.append(("deep:" + name, {"main.stn": text}, "main.stn"))
    donors = [t for files, _, _ in seeds for t in files.values()]

    def from_seed(kind):
        files, main, mutable = rng.choice(seeds)
        target = rng.choice(mutable)
        files = dict(files)
        files[target] = truncate(rng, files[target]) if kind == "truncate" else \
            mutate(rng, files[target], donors)
        return files, main

    # Truncations of every seed program at two random points.
    for files, main, mutable in seeds:
        for _ in range(2):
            target = rng.choice(mutable)
            fs = dict(files)
            fs[target] = truncate(rng, fs[target])
            inputs.append(("truncate", fs, main))
    rest = max(0, count - len(inputs))
    for _ in range(rest):
        r = rng.random()
        if r < 0.05:
            inputs.append(("bytes", {"main.stn": random_bytes(rng)}, "main.stn"))
        elif r < 0.10:
            inputs.append(("ascii", {"main.stn": random_ascii(rng)}, "main.stn"))
        elif r < 0.20:
            inputs.append(("soup", {"main.stn": token_soup(rng)}, "main.stn"))
        elif r < 0.25 and seeds:
            files, main = from_seed("truncate")
            inputs.append(("truncate", files, main))
        elif seeds:
            files, main = from_seed("mutate")
            inputs.append(("mutate", files, main))
    return inputs


# ---------------------------------------------------------------------------
# Running

def write_files(directory, files):
    for rel, content in files.items():
        path = os.path.join(directory, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8", errors="surrogateescape")
        with open(path, "wb") as fh:
            fh.write(content)


def include_dirs(directory, files):
    """-I for each top-level directory of a multi-file input (split-file tests
    keep library modules in lib/, vendor/, ...)."""
    tops = sorted({rel.split("/")[0] for rel in files if "/" in rel})
    args = []
    for t in tops:
        args += ["-I", os.path.join(directory, t)]
    return args


def run_retrying(cmd, **kwargs):
    """Runs cmd; retries a launch that fails because the binary is being
    relinked by a concurrent build (missing or busy for a moment)."""
    for attempt in range(5):
        try:
            return subprocess.run(cmd, **kwargs)
        except OSError:
            if attempt == 4:
                raise
            time.sleep(2)


def problem_of(status, stderr, timeout):
    """What is wrong with an outcome, or None. status is an exit status (int),
    "signal N" or "timeout" (as the batch runner reports them) after a limit
    of timeout seconds."""
    if status == "timeout":
        return "time-out (%d s of CPU or %d s in all)" % (timeout, timeout * WALL_FACTOR)
    if isinstance(status, str):
        if status.startswith("signal "):
            return "killed by %s" % status
        return "unexpected result '%s'" % status
    if status not in (0, 1):
        return "exit status %d" % status
    if status == 1 and "error:" not in stderr:
        return "exit status 1 without an error diagnostic"
    if status == 0 and "error:" in stderr:
        return "exit status 0 after an error diagnostic"
    return None


def parse_status(text):
    text = text.strip()
    return int(text) if re.fullmatch(r"-?[0-9]+", text) else text


def input_args(work_dir, index, item):
    """stencilc's arguments after ACTION for input index: the main file,
    then the -I directories."""
    _, files, main = item
    directory = os.path.join(work_dir, "inputs", str(index))
    return [os.path.join(directory, main)] + include_dirs(directory, files)


def run_batch(runner, work_dir, inputs, jobs, scale):
    """Runs every input through the batch runner (a fork per input of a
    process that has loaded the compiler once: stencilc's own code path), with
    the time-outs multiplied by scale.
    Returns ({index: (status, stderr)}, [problems of the runner itself])."""
    list_file = os.path.join(work_dir, "inputs.list")
    stderr_dir = os.path.join(work_dir, "stderr")
    os.makedirs(stderr_dir, exist_ok=True)
    index_of = {}
    with open(list_file, "w") as fh:
        for index, item in enumerate(inputs):
            args = input_args(work_dir, index, item)
            index_of[args[0]] = index
            fh.write("\t".join(args) + "\n")
    cmd = [runner, "-j", str(jobs), "--timeout", str(TIMEOUT_SECONDS * scale), "--action", ACTION,
           "--stderr-dir", stderr_dir, "--list", list_file]
    problems = []
    try:
        proc = run_retrying(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=RUNNER_TIMEOUT_SECONDS * scale)
        out, err, rc = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, err, rc = e.stdout or b"", e.stderr or b"", None
        problems.append("the batch runner did not finish in %d s" % (RUNNER_TIMEOUT_SECONDS * scale))
    if rc is not None and rc != 0:
        problems.append("the batch runner exited with %s" %
                        ("signal %d" % -rc if rc < 0 else "status %d" % rc))
    if problems:
        problems.append("  run:   " + " ".join(cmd))
        problems += ["  " + l for l in err.decode("utf-8", "replace").strip().splitlines()[-10:]]
    results = {}
    for line in out.decode("utf-8", errors="surrogateescape").splitlines():
        path, sep, status = line.partition("\t")
        index = index_of.get(path)
        if not sep or index is None or index in results:
            problems.append("the batch runner printed an unexpected line: %r" % line)
            continue
        try:
            with open(os.path.join(stderr_dir, "%d.stderr" % index), "rb") as fh:
                stderr = fh.read().decode("utf-8", errors="replace")
        except OSError:
            stderr = ""
        results[index] = (parse_status(status), stderr)
    return results, problems


def run_stencilc(stencilc, work_dir, index, item, timeout):
    """Runs one input through the stencilc executable itself, with at most
    timeout seconds of CPU (SIGXCPU, as in the batch runner) and WALL_FACTOR
    times as long in all."""
    cmd = [stencilc, ACTION] + input_args(work_dir, index, item)
    for attempt in range(5):  # as run_retrying, for a binary being relinked
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            break
        except OSError:
            if attempt == 4:
                raise
            time.sleep(2)
    try:
        # Set from here: preexec_fn is not safe with the thread pool.
        resource.prlimit(proc.pid, resource.RLIMIT_CPU, (timeout, timeout + 5))
    except ProcessLookupError:
        pass  # already finished
    try:
        _, err = proc.communicate(timeout=timeout * WALL_FACTOR)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        return "timeout", err.decode("utf-8", errors="replace")
    stderr = err.decode("utf-8", errors="replace")
    rc = proc.returncode
    if rc == -signal.SIGXCPU:
        return "timeout", stderr
    return ("signal %d" % -rc if rc < 0 else rc), stderr


def keep_failure(stencilc, work_dir, index, item, found):
    """Keeps a failing input under WORK_DIR/failures/INDEX/ (written again from
    memory: the work directory is scratch) with what the compiler wrote, and
    describes it. found lists (how it ran, problem, stderr)."""
    label, files, main = item
    kept = os.path.join(work_dir, "failures", str(index))
    shutil.rmtree(kept, ignore_errors=True)
    write_files(kept, files)
    for how, _, stderr in found:
        name = "stderr.txt" if how == found[0][0] else "stderr-%s.txt" % how.replace(" ", "-")
        with open(os.path.join(kept, name), "w") as fh:
            fh.write(stderr)
    shown = [stencilc, ACTION, os.path.join(kept, main)] + include_dirs(kept, files)
    lines = ["%s #%d: %s" % (label, index, "; ".join("%s (%s)" % (problem, how)
                                                    for how, problem, _ in found)),
             "  input: " + os.path.join(kept, main),
             "  run:   " + " ".join(shown),
             "  stderr:"]
    lines += ["    " + l for l in excerpt(found[0][2])]
    return "\n".join(lines)


CRASH_RE = re.compile(r"Assertion|LLVM ERROR|UNREACHABLE|PLEASE submit|Stack dump:|"
                      r"^stencil-batch-runner: crashed")


def excerpt(stderr):
    """The lines of stderr worth showing: the start of a crash report, or the
    last lines."""
    lines = stderr.rstrip().splitlines()
    for i, line in enumerate(lines):
        if CRASH_RE.search(line):
            return lines[i:i + 12]
    return lines[-6:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stencilc")
    ap.add_argument("batch_runner", help="stencil-batch-runner (build/bin)")
    ap.add_argument("test_dir")
    ap.add_argument("work_dir")
    ap.add_argument("--seed", type=int, default=20240917)
    ap.add_argument("--count", type=int, default=5000, help="total number of inputs")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--stencilc-count", type=int, default=50,
                    help="inputs also run through the stencilc executable")
    ap.add_argument("--timeout-scale", type=int, default=1,
                    help="multiplies the %d s time-out per input (for a slower, "
                         "sanitizer build)" % TIMEOUT_SECONDS)
    args = ap.parse_args()

    start = time.monotonic()
    rng = random.Random(args.seed)
    seeds = load_seeds(args.test_dir)
    inputs = make_inputs(seeds, rng, args.count)
    for index, (_, files, _) in enumerate(inputs):
        write_files(os.path.join(args.work_dir, "inputs", str(index)), files)

    # Every input through the batch runner...
    if args.timeout_scale < 1:
        ap.error("--timeout-scale must be at least 1")
    timeout = TIMEOUT_SECONDS * args.timeout_scale
    results, runner_problems = run_batch(args.batch_runner, args.work_dir, inputs, args.jobs,
                                         args.timeout_scale)
    found = {}  # index -> [(how, problem, stderr)]
    missing = [i for i in range(len(inputs)) if i not in results]
    if missing:
        runner_problems.append("the batch runner reported no result for %d of %d inputs "
                               "(the first: %s)" % (len(missing), len(inputs),
                                                    input_args(args.work_dir, missing[0],
                                                               inputs[missing[0]])[0]))
    for index, (status, stderr) in sorted(results.items()):
        problem = problem_of(status, stderr, timeout)
        if problem:
            found.setdefault(index, []).append(("batch runner", problem, stderr))

    # ... and a sample, spread over all kinds, through stencilc itself.
    n = min(args.stencilc_count, len(inputs))
    sample = sorted({i * len(inputs) // n for i in range(n)}) if n else []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(
            lambda i: run_stencilc(args.stencilc, args.work_dir, i, inputs[i], timeout), sample))
    for index, (status, stderr) in zip(sample, outcomes):
        problem = problem_of(status, stderr, timeout)
        if problem:
            found.setdefault(index, []).append(("stencilc", problem, stderr))

    failures = [keep_failure(args.stencilc, args.work_dir, i, inputs[i], found[i])
                for i in sorted(found)]
    if not runner_problems:  # otherwise kept, to look at
        shutil.rmtree(os.path.join(args.work_dir, "inputs"), ignore_errors=True)
        shutil.rmtree(os.path.join(args.work_dir, "stderr"), ignore_errors=True)
    elapsed = time.monotonic() - start
    counts = {}
    for status, _ in results.values():
        counts[status] = counts.get(status, 0) + 1
    print("fuzz: %d inputs (%d seed programs, seed %d; %d also through stencilc) in %.1f s "
          "(time-out %d s of CPU per input), %d failure(s); exit 0: %d, exit 1: %d"
          % (len(inputs), len(seeds), args.seed, len(sample), elapsed, timeout, len(failures),
             counts.get(0, 0), counts.get(1, 0)))
    for p in runner_problems:
        print("FAIL: " + p if not p.startswith("  ") else p)
    for f in failures[:50]:
        print("FAIL: " + f)
    if len(failures) > 50:
        print("... and %d more under %s" % (len(failures) - 50,
                                             os.path.join(args.work_dir, "failures")))
    return 1 if failures or runner_problems else 0


if __name__ == "__main__":
    sys.exit(main())
