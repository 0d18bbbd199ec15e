#!/usr/bin/env python3
"""Feeds a few thousand malformed (and some deep but well-formed) inputs to
`stencilc -fsyntax-only` and fails on anything but a clean exit.

    fuzz_syntax_only.py STENCILC TEST_DIR WORK_DIR [--seed N] [--count N] [--jobs N]

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

Each input runs with a 5 s time-out. The allowed outcomes are exit 0, or exit 1
with at least one `error:` on stderr. Anything else (a signal, an assertion,
exit 2, exit 1 without a diagnostic, a time-out) is a failure: the input is
kept under WORK_DIR/failures/N/ and its path is printed. The exit status is 1
if any input failed.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

TIMEOUT_SECONDS = 5
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


def run_retrying(cmd):
    """Runs cmd; retries a launch that fails because the binary is being
    relinked by a concurrent build (missing or busy for a moment)."""
    for attempt in range(5):
        try:
            return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=TIMEOUT_SECONDS)
        except OSError:
            if attempt == 4:
                raise
            time.sleep(2)


def run_one(stencilc, work_dir, index, item):
    label, files, main = item
    directory = os.path.join(work_dir, "inputs", str(index))
    write_files(directory, files)
    cmd = [stencilc, "-fsyntax-only", os.path.join(directory, main)] + include_dirs(directory, files)
    problem = None
    try:
        proc = run_retrying(cmd)
        stderr = proc.stderr.decode("utf-8", errors="replace")
        rc = proc.returncode
        if rc < 0:
            problem = "killed by signal %d" % -rc
        elif rc not in (0, 1):
            problem = "exit status %d" % rc
        elif rc == 1 and "error:" not in stderr:
            problem = "exit status 1 without an error diagnostic"
        elif rc == 0 and "error:" in stderr:
            problem = "exit status 0 after an error diagnostic"
    except subprocess.TimeoutExpired as e:
        stderr = (e.stderr or b"").decode("utf-8", errors="replace")
        problem = "time-out after %d s" % TIMEOUT_SECONDS
    if problem is None:
        shutil.rmtree(directory, ignore_errors=True)
        return None
    # Keep the input (written again from memory: the work directory is
    # scratch) with what the compiler wrote.
    shutil.rmtree(directory, ignore_errors=True)
    kept = os.path.join(work_dir, "failures", str(index))
    shutil.rmtree(kept, ignore_errors=True)
    write_files(kept, files)
    with open(os.path.join(kept, "stderr.txt"), "w") as fh:
        fh.write(stderr)
    shown = [cmd[0], cmd[1], os.path.join(kept, main)] + include_dirs(kept, files)
    return "%s (%s): %s\n  input: %s\n  run:   %s\n  stderr (last lines):\n    %s" % (
        label, problem, os.path.join(kept, main), os.path.join(kept, main), " ".join(shown),
        "\n    ".join(stderr.strip().splitlines()[-6:]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stencilc")
    ap.add_argument("test_dir")
    ap.add_argument("work_dir")
    ap.add_argument("--seed", type=int, default=20240917)
    ap.add_argument("--count", type=int, default=1000, help="total number of inputs")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    start = time.monotonic()
    rng = random.Random(args.seed)
    seeds = load_seeds(args.test_dir)
    inputs = make_inputs(seeds, rng, args.count)
    os.makedirs(os.path.join(args.work_dir, "inputs"), exist_ok=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda p: run_one(args.stencilc, args.work_dir, p[0], p[1]),
                                enumerate(inputs)))
    failures = [r for r in results if r]
    elapsed = time.monotonic() - start
    print("fuzz: %d inputs (%d seed programs, seed %d) in %.1f s, %d failure(s)"
          % (len(inputs), len(seeds), args.seed, elapsed, len(failures)))
    for f in failures[:50]:
        print("FAIL: " + f)
    if len(failures) > 50:
        print("... and %d more under %s" % (len(failures) - 50,
                                             os.path.join(args.work_dir, "failures")))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
