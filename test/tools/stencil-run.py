#!/usr/bin/env python3
"""Compiles a Stencil program in several modes, runs each executable, checks
that every mode behaves the same, and prints the behaviour for FileCheck.

    stencil-run.py STENCILC SOURCE WORKDIR [--modes M1;M2;...] [--input FILE]
                   [--max-rss-mb N] [-- EXTRA STENCILC ARGS]

A mode is a space-separated list of stencilc options. By default every
program runs in six: -O0 and -O2, each with --inline=none, default and
aggressive. Each mode is also built with a build directory shared by all the
modes (WORKDIR/build-dir, emptied first: the first build starts cold, later
ones find the other modes' objects), and the first mode once more after all
(warm: every object comes from the store); all of these must behave the same
as the others (--no-build-dir skips them). The compiler runs in SOURCE's
directory with SOURCE's base name, so panic locations read `NAME.stn:L:C`
whatever the test's path. Each executable runs with a 20 s time-out; with
--max-rss-mb, a run whose peak resident size exceeds N MiB fails.

Output (stdout of this script), for a test to check with
`FileCheck --match-full-lines --strict-whitespace`:

    [stdout]
    ...the program's standard output...
    [stderr]                (only when the program wrote to standard error)
    ...its standard error...
    [exit N]

The script exits 1 (after saying why) when a compile fails, a run times out or
is killed by a signal, or two modes differ in stdout, stderr or exit status.
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading

TIMEOUT = 20


def run_program(exe, cwd, input_path):
    """Runs exe; returns (status, stdout, stderr, peak RSS in KiB, timed out).
    Status is negative for a signal. Uses wait4 for the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = open(input_path, "rb") if input_path else open(os.devnull, "rb")
        with stdin:
            p = subprocess.Popen([exe], cwd=cwd, stdin=stdin, stdout=out, stderr=err)
        timed_out = []
        timer = threading.Timer(TIMEOUT, lambda: (timed_out.append(1), p.kill()))
        timer.start()
        try:
            _, raw, usage = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        p.returncode = 0  # reaped here; keep Popen from waiting again
        status = -os.WTERMSIG(raw) if os.WIFSIGNALED(raw) else os.WEXITSTATUS(raw)
        out.seek(0)
        err.seek(0)
        return status, out.read(), err.read(), usage.ru_maxrss, bool(timed_out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stencilc")
    ap.add_argument("source")
    ap.add_argument("workdir")
    ap.add_argument("--modes", default=";".join(
        "%s --inline=%s" % (o, i) for o in ("-O0", "-O2") for i in ("none", "default", "aggressive")))
    ap.add_argument("--input", help="a file to use as the program's standard input")
    ap.add_argument("--max-rss-mb", type=int, help="fail when a run's peak resident size exceeds this")
    ap.add_argument("--no-build-dir", action="store_true",
                    help="skip the builds through a build directory")
    ap.add_argument("extra", nargs="*")
    args = ap.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    srcdir = os.path.dirname(os.path.abspath(args.source)) or "."
    name = os.path.basename(args.source)
    modes = [m.strip() for m in args.modes.split(";") if m.strip()]
    builds = [(mode, "prog-%d" % i, []) for i, mode in enumerate(modes)]
    if not args.no_build_dir:
        # The differential check of the build directory (docs/incremental.md).
        bd = os.path.join(os.path.abspath(args.workdir), "build-dir")
        shutil.rmtree(bd, ignore_errors=True)
        flag = ["--build-dir=" + bd, "-j2"]
        builds += [(mode + " --build-dir", "prog-bd-%d" % i, flag) for i, mode in enumerate(modes)]
        builds.append((modes[0] + " --build-dir (warm)", "prog-bd-0", flag))
    results = []
    for mode, exe_name, flags in builds:
        exe = os.path.join(os.path.abspath(args.workdir), exe_name)
        if os.path.exists(exe) and not mode.endswith("(warm)"):
            os.remove(exe)
        cmd = [args.stencilc] + shlex.split(mode.replace(" --build-dir", "").replace(" (warm)", "")) \
            + flags + args.extra + [name, "-o", exe]
        c = subprocess.run(cmd, cwd=srcdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if c.returncode != 0:
            sys.stdout.write(c.stderr.decode("utf-8", "replace"))
            print("[compile failed with exit %d: %s]" % (c.returncode, " ".join(cmd)))
            return 1
        status, out, err, rss_kb, timed_out = run_program(exe, srcdir, args.input)
        if timed_out:
            print("[mode %r: the program ran longer than %d s]" % (mode, TIMEOUT))
            return 1
        if status < 0:
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.stdout.write(err.decode("utf-8", "replace"))
            print("[mode %r: killed by signal %d]" % (mode, -status))
            return 1
        if args.max_rss_mb is not None and rss_kb > args.max_rss_mb * 1024:
            print("[mode %r: peak resident size %d MiB, over the limit of %d MiB]"
                  % (mode, rss_kb // 1024, args.max_rss_mb))
            return 1
        results.append((mode, out, err, status))

    first = results[0]
    for other in results[1:]:
        for what, k in (("standard output", 1), ("standard error", 2), ("exit status", 3)):
            if first[k] != other[k]:
                print("[modes %r and %r differ in %s]" % (first[0], other[0], what))
                print("[%s]" % first[0])
                sys.stdout.write(repr(first[k]) + "\n")
                print("[%s]" % other[0])
                sys.stdout.write(repr(other[k]) + "\n")
                return 1

    _, out, err, status = first
    sys.stdout.flush()
    w = sys.stdout.buffer
    w.write(b"[stdout]\n")
    w.write(out)
    if out and not out.endswith(b"\n"):
        w.write(b"\n[no newline at the end of standard output]\n")
    if err:
        w.write(b"[stderr]\n")
        w.write(err)
        if not err.endswith(b"\n"):
            w.write(b"\n[no newline at the end of standard error]\n")
    w.write(b"[exit %d]\n" % status)
    w.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
