#!/usr/bin/env python3
"""Runs --fix on a copy of the extracted drafts and reports the English it breaks.

    python3 scripts/audit/fixcheck.py TEXTS_DIR [--termlint BIN] [--glossary FILE] [--keep DIR]

Copies TEXTS_DIR (made by extract.py) to a temporary directory, runs
`termlint check --fix -g glossary.toml --columns zh,en,document=doc` there, and compares every changed
file with its original, word by word. For each stretch of words the fix wrote, it reports:

- a repeated word sequence the fix introduced: one to eight words that now appear twice in
  a row (separated only by spaces or a line break), overlapping the new words, where the
  original at that place had no such repetition ("Initiative Initiative", "for a New Era for
  a new era");
- an a/an error the fix introduced: an article directly before the new words that no longer
  matches the sound of the first new word ("a" before a vowel sound, "an" before a consonant
  sound), where the original pair was right. Acronyms are read by letter names ("an FTA",
  "a BRI"); "uni-", "use", "eu-", "one" start with a consonant sound ("a university"); "hour",
  "honest", "honour", "heir" with a vowel sound ("an hour").

Prints counts and every location (path:line:column and the few words around it).
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
VOWEL_LETTER_NAMES = set("AEFHILMNORSX")
CONSONANT_SOUND_PREFIXES = ("uni", "use", "usu", "uti", "uto", "ure", "uri", "eu", "ewe", "one",
                            "once", "ubiq", "ufo", "uk")
VOWEL_SOUND_H = ("hour", "honest", "honor", "honour", "heir")


def vowel_sound(word):
    w = word.strip("'’-")
    if not w:
        return None
    if w.isdigit() or w[0].isdigit():
        # 8, 11, 18, 80... are read with a vowel sound
        return w.startswith("8") or w in ("11", "18") or re.match(r"^(11|18)\d\d$", w) is not None
    letters = re.sub(r"[^A-Za-z]", "", w)
    if len(letters) >= 2 and letters.isupper():
        return letters[0] in VOWEL_LETTER_NAMES
    lw = w.lower()
    if lw.startswith(VOWEL_SOUND_H):
        return True
    if lw.startswith(CONSONANT_SOUND_PREFIXES):
        return False
    return lw[0] in "aeiou"


def tokens(text):
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]


def line_col(text, pos):
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def repeats_at(toks, text, lo, hi, maxlen=8):
    """Repeated sequences (start index, length) in toks that overlap token range [lo, hi)."""
    found = []
    low = [t[0].lower() for t in toks]
    for n in range(1, maxlen + 1):
        for i in range(max(0, lo - 2 * n + 1), min(len(toks) - 2 * n + 1, hi)):
            if low[i:i + n] == low[i + n:i + 2 * n]:
                gap = text[toks[i + n - 1][2]:toks[i + n][1]]
                if gap.strip() == "" and gap.count("\n") <= 1:
                    if i < hi and i + 2 * n > lo:
                        found.append((i, n))
    return found


def snippet(text, start, end):
    s = text[max(0, start - 40):end + 40].replace("\n", " ")
    return re.sub(r"\s+", " ", s)


def check_file(orig, fixed, rel):
    """Compares the changed blocks of lines (a fix keeps every line break), word by word."""
    ol, fl = orig.splitlines(keepends=True), fixed.splitlines(keepends=True)
    ooff, foff = [0], [0]
    for x in ol:
        ooff.append(ooff[-1] + len(x))
    for x in fl:
        foff.append(foff[-1] + len(x))
    reps, arts = [], []
    sm = difflib.SequenceMatcher(a=ol, b=fl, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        # one line of context on each side, for repeats and articles across a line break
        i1, j1 = max(0, i1 - 1), max(0, j1 - 1)
        i2, j2 = min(len(ol), i2 + 1), min(len(fl), j2 + 1)
        r, t = check_block(orig[ooff[i1]:ooff[i2]], fixed[foff[j1]:foff[j2]], rel,
                           fixed, foff[j1])
        reps += r
        arts += t
    return sorted(set(reps)), sorted(set(arts))


def check_block(orig, fixed_block, rel, whole, base):
    fixed = fixed_block
    a, b = tokens(orig), tokens(fixed)
    sm = difflib.SequenceMatcher(a=[t[0] for t in a], b=[t[0] for t in b], autojunk=False)
    reps, arts = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op not in ("replace", "insert"):
            continue
        # repeated sequences now, overlapping the new words, not present in the original
        new_reps = repeats_at(b, fixed, j1, j2)
        old_reps = {tuple(x[0].lower() for x in a[i:i + 2 * n]) for i, n in repeats_at(a, orig, i1, max(i2, i1 + 1))}
        seen = set()
        for i, n in new_reps:
            key = tuple(x[0].lower() for x in b[i:i + 2 * n])
            if key in old_reps or key in seen:
                continue
            seen.add(key)
            line, col = line_col(whole, base + b[i][1])
            reps.append("%s:%d:%d: repeated %r: …%s…" % (rel, line, col, " ".join(x[0] for x in b[i:i + n]),
                                                        snippet(fixed, b[i][1], b[i + 2 * n - 1][2])))
        # article before the new words
        if j1 > 0 and j2 > j1 and b[j1 - 1][0].lower() in ("a", "an"):
            art, first = b[j1 - 1][0].lower(), b[j1][0]
            v = vowel_sound(first)
            ok_now = v is None or (art == "an") == v
            ok_before = True
            if i2 > i1 and i1 > 0 and a[i1 - 1][0].lower() in ("a", "an"):
                vo = vowel_sound(a[i1][0])
                ok_before = vo is None or (a[i1 - 1][0].lower() == "an") == vo
            if not ok_now and ok_before:
                line, col = line_col(whole, base + b[j1 - 1][1])
                arts.append("%s:%d:%d: %r before %r: …%s…" % (rel, line, col, b[j1 - 1][0], first,
                                                              snippet(fixed, b[j1 - 1][1], b[j1][2])))
    return reps, arts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("texts")
    ap.add_argument("--termlint", default=common.DEFAULT_TERMLINT)
    ap.add_argument("--glossary", default=common.DEFAULT_GLOSSARY)
    ap.add_argument("--keep", help="fix a copy in this directory (kept) instead of a temporary one")
    a = ap.parse_args()
    work = a.keep or tempfile.mkdtemp(prefix="termlint-fixcheck-")
    copy = os.path.join(work, "texts")
    if os.path.exists(copy):
        shutil.rmtree(copy)
    shutil.copytree(a.texts, copy)
    cmd = [a.termlint, "check", "-g", os.path.abspath(a.glossary), "--isolated", "--columns", "zh,en,document=doc",
           "--fix", "--format", "concise", "--exit-zero", "."]
    proc = subprocess.run(cmd, cwd=copy, capture_output=True)
    if proc.returncode not in (0, 1):
        sys.exit("termlint --fix failed (%d): %s" % (proc.returncode, proc.stderr.decode(errors="replace")))
    changed = reps_all = arts_all = 0
    all_reps, all_arts = [], []
    for root, _, files in os.walk(a.texts):
        for name in sorted(files):
            src = os.path.join(root, name)
            rel = os.path.relpath(src, a.texts)
            with open(src, encoding="utf-8") as fh:
                orig = fh.read()
            with open(os.path.join(copy, rel), encoding="utf-8") as fh:
                fixed = fh.read()
            if orig == fixed:
                continue
            changed += 1
            reps, arts = check_file(orig, fixed, rel)
            all_reps += reps
            all_arts += arts
    reps_all, arts_all = len(all_reps), len(all_arts)
    print("files changed by --fix: %d" % changed)
    print("introduced repeated word sequences: %d" % reps_all)
    for r in sorted(all_reps):
        print("  " + r)
    print("introduced a/an errors: %d" % arts_all)
    for r in sorted(all_arts):
        print("  " + r)
    if not a.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
