#!/usr/bin/env python3
"""Edit a draft while `termlint check --fix` rewrites it, and count edits lost.

    python3 scripts/robustness/lost_update.py [--trials 50] [--size-mb 5] [--bin target/release/termlint]

Each trial writes a draft of SIZE MiB with deviants, starts `--fix` on it, and appends a
marker line to the file (as an editor writing in place does): in half the trials at a random
moment within the run, in the other half as soon as termlint's temporary file appears, which
is after termlint has compared the file and before it replaces it (the dangerous window). Afterwards the marker must still be in the file: either termlint saw the edit and
refused to replace the file ("changed on disk"), or the edit came before termlint read the
file and the fix kept it. A trial whose file lacks the marker lost an edit. Prints a line
per trial and a total; exits 1 if any edit was lost.
"""
import argparse, os, random, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=50)
    ap.add_argument("--size-mb", type=float, default=5)
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "termlint"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = Path(tempfile.mkdtemp(prefix="termlint-race-"))
    try:
        (work / ".git").mkdir()
        g = work / "glossary.toml"
        g.write_text('[[term]]\nid = "cpc"\npreferred = "Communist Party of China"\ndeviants = ["CCP"]\n')
        line = "The CCP met, and the meeting went on for a long time.\n"
        text = line * int(a.size_mb * 2**20 / len(line))
        draft = work / "draft.txt"
        draft.write_text(text)
        t0 = time.monotonic()
        subprocess.run([a.bin, "check", "--fix", "-g", str(g), str(draft)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        full = time.monotonic() - t0
        lost = refused = kept = 0
        for t in range(a.trials):
            draft.write_text(text)
            marker = f"EDIT {t}\n"
            p = subprocess.Popen([a.bin, "check", "--fix", "-g", str(g), str(draft)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if t % 2 == 0:
                time.sleep(rng.uniform(0.0, 1.0) * full)
            else:
                while p.poll() is None and not any(
                        n.startswith(".termlint-fix-") for n in os.listdir(work)):
                    time.sleep(0.0005)
            with open(draft, "a") as f:
                f.write(marker)
            _, err = p.communicate()
            after = draft.read_text()
            if marker not in after:
                lost += 1
                verdict = "LOST"
            elif "changed on disk" in err:
                refused += 1
                verdict = "kept (termlint refused: changed on disk)"
            else:
                kept += 1
                verdict = "kept (edit before termlint read the file, or after it wrote)"
            print(f"trial {t + 1}: {verdict}", flush=True)
        print(f"\n{a.trials} trials, {a.size_mb} MiB draft, fix run {full * 1000:.0f} ms: "
              f"{lost} edits lost, {refused} refused, {kept} kept otherwise")
        return 1 if lost else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
