#!/usr/bin/env python3
"""What does a change cost to rebuild? Times stencilc --build-dir on a generated
workload (benchmarks/gen_workload.py): a clean build, a rebuild with no change,
then one rebuild after each kind of edit, and prints a table with the build
directory's own figures (--stats=json) for each.

    benchmarks/incremental_bench.py --stencilc build/bin/stencilc [--modules 200]
        [--workdir DIR] [-j N] [--json]

Times are wall-clock seconds of one run each, on whatever else the machine is
doing: read them as ratios to the clean build of the same run.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = [
    ("clean build", None),
    ("no change", None),
    ("leaf body edit", "leaf-body"),
    ("generic body edit", "generic-body"),
    ("generic signature edit", "generic-sig"),
    ("new instantiation", "new-inst"),
    ("interface edit", "iface"),
]


def build(stencilc, src, jobs):
    cmd = [stencilc, "--build-dir=" + os.path.join(src, "build"), "-j", str(jobs),
           "--stats=json", os.path.join(src, "main.stn"), "-o", os.path.join(src, "app")]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("stencilc failed (%d):\n%s" % (r.returncode, r.stderr))
    text = r.stderr
    stats = json.loads(text[text.index("{"):text.rindex("}") + 1])
    return wall, stats["build"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stencilc", required=True)
    ap.add_argument("--modules", type=int, default=200)
    ap.add_argument("--workdir", default="/tmp/stencil-incremental-bench")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    src = os.path.join(args.workdir, "src")
    shutil.rmtree(args.workdir, ignore_errors=True)
    gen = [sys.executable, os.path.join(HERE, "gen_workload.py")]
    subprocess.run(gen + ["gen", src, "--modules", str(args.modules)], check=True,
                   stdout=subprocess.DEVNULL)
    lines = 0
    for root, _, files in os.walk(src):
        for f in files:
            if f.endswith(".stn"):
                with open(os.path.join(root, f), "rb") as fh:
                    lines += fh.read().count(b"\n")

    rows = []
    clean = None
    for name, edit in SCENARIOS:
        if edit:
            subprocess.run(gen + ["edit", src, edit], check=True, stdout=subprocess.DEVNULL)
        wall, b = build(args.stencilc, src, args.jobs)
        if clean is None:
            clean = wall
        rows.append({"scenario": name, "seconds": round(wall, 3),
                     "percentOfClean": round(100 * wall / clean, 1), **b})
        out = subprocess.run([os.path.join(src, "app")], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("the program failed after '%s':\n%s" % (name, out.stderr))

    if args.json:
        print(json.dumps({"modules": args.modules, "lines": lines, "jobs": args.jobs,
                          "rows": rows}, indent=2))
        return
    print("incremental rebuilds: %d service modules, %d lines, -j%d (stencilc --build-dir)"
          % (args.modules, lines, args.jobs))
    head = ("scenario", "wall s", "% clean", "checked", "units rebuilt", "reused",
            "instances rebuilt", "reused", "linked")
    print("%-24s %8s %8s %8s %14s %7s %18s %7s %7s" % head)
    for r in rows:
        print("%-24s %8.3f %7.1f%% %8s %14d %7d %18d %7d %7s" % (
            r["scenario"], r["seconds"], r["percentOfClean"],
            "%d/%d" % (r["modulesChecked"], r["modules"]), r["unitsRebuilt"], r["unitsReused"],
            r["instancesRebuilt"], r["instances"] - r["instancesRebuilt"],
            "yes" if r["linked"] else "no"))


if __name__ == "__main__":
    main()
