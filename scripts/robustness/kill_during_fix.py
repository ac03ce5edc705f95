#!/usr/bin/env python3
"""Kill termlint in the middle of `--fix` and check that no file is torn.

    python3 scripts/robustness/kill_during_fix.py [--runs 40] [--files 2000] [--bin target/release/termlint]

Each run writes FILES drafts with deviants, starts `termlint check --fix` on them, sends
SIGKILL after a random delay within the time a full run takes, then reads every file: it must
be byte for byte either the original or the fully fixed text (which a run without a kill
produces first, as the reference). Prints one line per run and a total; exits 1 if any file
was torn or lost.
"""
import argparse, os, random, shutil, signal, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GLOSSARY = """
[[term]]
id = "cpc"
preferred = "Communist Party of China"
deviants = ["CCP"]

[[term]]
id = "shared-future"
preferred = "community of shared future for mankind"
deviants = ["community of common destiny"]
"""


def draft(i):
    lines = [f"Draft {i}.\n"]
    for j in range(200):
        lines.append(f"Line {j}: the CCP spoke of a community of common destiny, again ({i}).\n")
    return "".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "termlint"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = Path(tempfile.mkdtemp(prefix="termlint-kill-"))
    try:
        (work / ".git").mkdir()
        (work / "glossary.toml").write_text(GLOSSARY)
        originals = {f"d{i:05}.txt": draft(i) for i in range(a.files)}
        # The reference: what a full run writes.
        ref = work / "ref"
        ref.mkdir()
        for name, text in originals.items():
            (ref / name).write_text(text)
        t0 = time.monotonic()
        subprocess.run([a.bin, "check", "--fix", "-g", str(work / "glossary.toml"), str(ref)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        full = time.monotonic() - t0
        fixed = {name: (ref / name).read_text() for name in originals}
        assert all(fixed[n] != originals[n] for n in originals), "the reference run fixed nothing"
        torn = lost = killed_midway = 0
        for run in range(a.runs):
            d = work / f"run{run}"
            d.mkdir()
            for name, text in originals.items():
                (d / name).write_text(text)
            p = subprocess.Popen([a.bin, "check", "--fix", "-g", str(work / "glossary.toml"), str(d)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, 0.95) * full)
            p.send_signal(signal.SIGKILL)
            p.wait()
            n_orig = n_fixed = n_torn = n_lost = 0
            for name in originals:
                path = d / name
                if not path.exists():
                    n_lost += 1
                    continue
                text = path.read_text()
                if text == originals[name]:
                    n_orig += 1
                elif text == fixed[name]:
                    n_fixed += 1
                else:
                    n_torn += 1
            temps = [n for n in os.listdir(d) if n.startswith(".termlint-")]
            torn += n_torn
            lost += n_lost
            if n_orig and n_fixed:
                killed_midway += 1
            print(f"run {run + 1}: {n_fixed} fixed, {n_orig} original, {n_torn} torn, {n_lost} lost, "
                  f"{len(temps)} temporary files left", flush=True)
            shutil.rmtree(d)
        print(f"\n{a.runs} runs of {a.files} files, full run {full:.2f} s: {killed_midway} killed "
              f"half-way; torn files {torn}, lost files {lost}")
        return 1 if torn or lost else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
