#!/usr/bin/env python3
"""The inliner's benchmark (issue 5): run time of programs at -O0 with the
inliner off, on and aggressive, and the compile-time cost of inlining on a
large workload.

    benchmarks/inline_bench.py [--stencilc build/bin/stencilc] [--repeat 5]
                               [--opt -O0] [--large FILE.stn]

Each program of benchmarks/programs/ is compiled once per mode, then the
executables run --repeat times, interleaved (mode after mode, so machine noise
spreads evenly); the table gives the median wall time per mode and the ratio
none / default measured in the same run. With --large (a big program, e.g.
`build/bin/frontend-bench --dump=/tmp/bench.stn`), it also compiles that
program --repeat times per mode with --time-report and gives the median time
of the inline phase and of the whole compile.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

MODES = ["none", "default", "aggressive"]


def timed(cmd, **kw):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    return time.perf_counter() - t0, r


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--stencilc", default=os.path.join(here, "..", "build", "bin", "stencilc"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--opt", default="-O0")
    ap.add_argument("--large")
    args = ap.parse_args()

    progs = sorted(p for p in os.listdir(os.path.join(here, "programs")) if p.endswith(".stn"))
    work = tempfile.mkdtemp(prefix="inline-bench-")
    print("run time at %s, median of %d runs (seconds)" % (args.opt, args.repeat))
    print("%-18s %9s %9s %11s %14s" % ("program", "none", "default", "aggressive", "none/default"))
    for prog in progs:
        src = os.path.join(here, "programs", prog)
        exes, outputs = {}, {}
        for mode in MODES:
            exe = os.path.join(work, "%s-%s" % (prog[:-4], mode))
            r = subprocess.run([args.stencilc, args.opt, "--inline=" + mode, src, "-o", exe],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if r.returncode != 0:
                sys.stderr.write(r.stderr.decode())
                return 1
            exes[mode] = exe
        times = {m: [] for m in MODES}
        for _ in range(args.repeat):
            for mode in MODES:
                t, r = timed([exes[mode]])
                times[mode].append(t)
                outputs.setdefault(mode, r.stdout)
        if len(set(outputs.values())) != 1:
            print("%s: the modes print different output" % prog)
            return 1
        med = {m: statistics.median(times[m]) for m in MODES}
        print("%-18s %9.3f %9.3f %11.3f %13.2fx" % (prog[:-4], med["none"], med["default"],
                                                      med["aggressive"], med["none"] / med["default"]))

    if args.large:
        print()
        print("compile time of %s at %s, median of %d (seconds)" % (args.large, args.opt, args.repeat))
        print("%-11s %9s %9s" % ("mode", "inline", "total"))
        phase = re.compile(r"^\s+(\w+)\s+([0-9.]+) s", re.M)
        results = {m: ([], []) for m in MODES}
        for _ in range(args.repeat):
            for mode in MODES:
                t, r = timed([args.stencilc, args.opt, "--inline=" + mode, "--time-report",
                              "--emit=obj", args.large, "-o", os.path.join(work, "large.o")])
                if r.returncode != 0:
                    sys.stderr.write(r.stderr.decode()[-2000:])
                    return 1
                phases = dict((k, float(v)) for k, v in phase.findall(r.stderr.decode()))
                results[mode][0].append(phases.get("inline", 0.0))
                results[mode][1].append(t)
        for mode in MODES:
            print("%-11s %9.3f %9.3f" % (mode, statistics.median(results[mode][0]),
                                         statistics.median(results[mode][1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
