#!/usr/bin/env python3
"""Precision of `termlint glossary suggest` on the shared corpora.

Runs `termlint glossary suggest` over TEXTS_DIR (made by extract.py) with the shipped glossary
and the speech table's columns, takes the first N suggestions of each term (as printed: those
found translating the source first, then by count), and joins them with the judgments in
docs/audit/suggest_judgments.tsv (term, phrase, evidence, verdict, note). Prints the
candidates without a judgment, then precision overall and by evidence.

    TERMLINT=target/release/termlint python3 scripts/audit/suggest_top.py /tmp/audit/texts [--top 3]
"""
import argparse, csv, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("texts")
    ap.add_argument("--top", type=int, default=3)
    ap.add_argument("--termlint", default=os.environ.get("TERMLINT", "termlint"))
    a = ap.parse_args()
    out = subprocess.run([a.termlint, "glossary", "suggest", "-g", os.path.join(ROOT, "glossary.toml"),
                          "--isolated", "--columns", "zh,en,document=doc", "--top", str(a.top), "."],
                         cwd=a.texts, capture_output=True, text=True, check=True).stdout
    rows, term = [], None
    for line in out.splitlines():
        m = re.match(r'^# term id = "(.*)"', line)
        if m:
            term = m.group(1)
            continue
        m = re.match(r'^  ("(?:[^"\\]|\\.)*"),  # (.*?); ', line)
        if m:
            phrase = m.group(1)[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            evidence = "source" if "translating the source" in m.group(2) else "text"
            rows.append((term, phrase, evidence))
    path = os.path.join(ROOT, "docs", "audit", "suggest_judgments.tsv")
    judged = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            judged[(r["term"], r["phrase"])] = r["verdict"]
    missing = [r for r in rows if (r[0], r[1]) not in judged]
    for r in missing:
        print("unjudged:\t" + "\t".join(r))
    for evidence in ("source", "text", None):
        sel = [r for r in rows if evidence in (None, r[2]) and (r[0], r[1]) in judged]
        yes = sum(1 for r in sel if judged[(r[0], r[1])] == "rendering")
        name = evidence or "all"
        print(f"{name}: {yes}/{len(sel)} real renderings" + (f" = {yes / len(sel):.2f}" if sel else ""))
    return 1 if missing else 0

if __name__ == "__main__":
    sys.exit(main())
