#!/usr/bin/env python3
"""The 50,000-form ratio of issue 12, measured in rounds (bench/NOTES.md items 16 to 18).

    python3 bench/ratio.py [--rounds 12] [BINARY ...]

Each round runs the 20-term glossary, then each binary on the 50,000 forms (in turn, the
order reversed every other round), then the 20-term glossary again, all with `-j1` on the
100 MiB corpus. A 50,000-form run is divided by the mean of the two 20-term runs around it,
so that a machine whose speed drifts over minutes moves both sides of the ratio together.
Prints the median ratio, its quartiles and the median times per binary. The 20-term runs use
the first binary. Inputs come from `bench/run.py --only glossary` ($BENCH_DIR, default
/tmp/termlint-bench); the default binary is target/release/termlint.
"""
import argparse, os, statistics, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/termlint-bench"))


def run(binary, glossary):
    t0 = time.perf_counter()
    subprocess.run([binary, "check", "-g", str(WORK / glossary), "-j1", "--format", "jsonl",
                    str(WORK / "corpus_100M.txt")], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("binaries", nargs="*", default=[str(ROOT / "target" / "release" / "termlint")])
    args = ap.parse_args()
    for name in ["corpus_100M.txt", "g20.toml", "g50k.toml"]:
        if not (WORK / name).exists():
            sys.exit(f"error: {WORK / name} is missing; run `python3 bench/run.py --only glossary` first")
    ratios = {b: [] for b in args.binaries}
    times = {b: [] for b in args.binaries}
    small = [run(args.binaries[0], "g20.toml")]
    for i in range(args.rounds):
        order = args.binaries if i % 2 == 0 else args.binaries[::-1]
        large = {b: run(b, "g50k.toml") for b in order}
        small.append(run(args.binaries[0], "g20.toml"))
        base = (small[-2] + small[-1]) / 2
        for b, t in large.items():
            ratios[b].append(t / base)
            times[b].append(t)
    print(f"20 terms: median {statistics.median(small):.3f} s over {len(small)} runs")
    for b in args.binaries:
        q = statistics.quantiles(ratios[b], n=4)
        print(f"{b}: ratio median {statistics.median(ratios[b]):.2f}x (quartiles {q[0]:.2f}-{q[2]:.2f}, "
              f"{min(ratios[b]):.2f}-{max(ratios[b]):.2f} in all); 50,000 forms median "
              f"{statistics.median(times[b]):.3f} s")


if __name__ == "__main__":
    main()
