#!/usr/bin/env python3
"""Scores the judged sample: precision overall and per term, counts by class, false positives.

    python3 scripts/audit/score.py SHEET_DIR [--markdown]

Reads SHEET_DIR/findings.json (written by sample.py in the same audit run) and
docs/audit/judgments.tsv. A judgment applies to a current finding with the same id
(corpus, document, byte offset, term, matched text) and the same suggestion; judgments of
findings that are no longer reported are listed as gone (for a precision change, the
findings that went away).

Verdicts: `right` (a deviant or missing rendering, and the suggestion and the fix fit the
sentence), `right-wrong-fix` (the detection is right but the span, the suggestion, the
quotation status or the text --fix would write is wrong), `wrong` (a false positive).
Detection precision = (right + right-wrong-fix) / judged; strict precision = right / judged.
The overall figures are given for the sample as drawn and weighted by each term's share of
all findings (the sample is capped per term, so the raw sample over-represents rare terms).
"""

import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def pct(a, b):
    return "%.3f" % (a / b) if b else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sheet_dir")
    ap.add_argument("--judgments", default=common.JUDGMENTS)
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    a = ap.parse_args()
    with open(os.path.join(a.sheet_dir, "findings.json"), encoding="utf-8") as fh:
        findings = json.load(fh)
    judged = common.read_judgments(a.judgments)
    by_key = {common.finding_key(f): f for f in findings}
    total = collections.Counter(f["term"] for f in findings)
    per_corpus = collections.Counter(common.locate(f)[0].split("/")[0] for f in findings)
    per_kind = collections.Counter(f["kind"] for f in findings)

    stats = collections.defaultdict(collections.Counter)   # term -> verdict counts
    kind_stats = collections.defaultdict(collections.Counter)
    classes = collections.defaultdict(collections.Counter)  # verdict -> class counts
    fps, wrong_fix, gone, changed, blank = [], [], [], [], []
    for k, r in sorted(judged.items()):
        f = by_key.get(k)
        if f is None:
            gone.append(r)
            continue
        if r["suggestion"] != f["suggestion"]:
            changed.append(r)
            continue
        if not r["verdict"]:
            blank.append(r)
            continue
        stats[r["term"]][r["verdict"]] += 1
        kind_stats[f["kind"]][r["verdict"]] += 1
        if r["verdict"] != "right":
            classes[r["verdict"]][r["class"] or "(none)"] += 1
        if r["verdict"] == "wrong":
            fps.append(r)
        elif r["verdict"] == "right-wrong-fix":
            wrong_fix.append(r)

    def line(cells):
        return ("| " + " | ".join(cells) + " |") if a.markdown else "  ".join(
            "%-14s" % c for c in cells)

    def header(cells):
        print(line(cells))
        if a.markdown:
            print("|" + "|".join("---" for _ in cells) + "|")

    print("findings: %d (%s)" % (len(findings), ", ".join("%s %d" % kv for kv in sorted(per_kind.items()))))
    print()
    header(["corpus", "findings"])
    for c, n in sorted(per_corpus.items()):
        print(line([c, str(n)]))
    print()
    header(["term", "findings", "judged", "right", "right-wrong-fix", "wrong",
            "detection precision", "strict precision"])
    n_all = r_all = f_all = w_all = 0
    weighted_det = weighted_strict = 0.0
    weight = 0
    for t in sorted(total):
        s = stats.get(t, collections.Counter())
        n = sum(s.values())
        print(line([t, str(total[t]), str(n), str(s["right"]), str(s["right-wrong-fix"]),
                    str(s["wrong"]), pct(s["right"] + s["right-wrong-fix"], n),
                    pct(s["right"], n)]))
        n_all += n
        r_all += s["right"]
        f_all += s["right-wrong-fix"]
        w_all += s["wrong"]
        if n:
            weighted_det += total[t] * (s["right"] + s["right-wrong-fix"]) / n
            weighted_strict += total[t] * s["right"] / n
            weight += total[t]
    print(line(["all (sample)", str(len(findings)), str(n_all), str(r_all), str(f_all), str(w_all),
                pct(r_all + f_all, n_all), pct(r_all, n_all)]))
    if weight:
        print(line(["all (weighted by findings per term)", str(weight), "", "", "", "",
                    "%.3f" % (weighted_det / weight), "%.3f" % (weighted_strict / weight)]))
    print()
    header(["kind", "judged", "right", "right-wrong-fix", "wrong", "detection precision"])
    for kd, s in sorted(kind_stats.items()):
        n = sum(s.values())
        print(line([kd, str(n), str(s["right"]), str(s["right-wrong-fix"]), str(s["wrong"]),
                    pct(s["right"] + s["right-wrong-fix"], n)]))
    print()
    header(["verdict", "class", "count"])
    for v in ("wrong", "right-wrong-fix"):
        for c, n in classes[v].most_common():
            print(line([v, c, str(n)]))
    print()
    print("false positives (%d):" % len(fps))
    for r in sorted(fps, key=lambda r: (r["class"], r["term"], r["corpus"])):
        print("  [%s] %s %s #%s @%s %s: %s" % (r["class"], r["term"], r["corpus"], r["doc"],
                                             r["offset"], r["matched"], r["note"]))
    print("right detection, wrong span/suggestion/fix (%d):" % len(wrong_fix))
    for r in sorted(wrong_fix, key=lambda r: (r["class"], r["term"], r["corpus"])):
        print("  [%s] %s %s #%s @%s %s: %s" % (r["class"], r["term"], r["corpus"], r["doc"],
                                             r["offset"], r["matched"], r["note"]))
    print("judged findings no longer reported: %d" % len(gone))
    for r in gone:
        print("  gone: %s %s #%s @%s %s (%s %s)" % (r["term"], r["corpus"], r["doc"], r["offset"],
                                                    r["matched"], r["verdict"], r["class"]))
    print("judged findings whose suggestion changed (judge again): %d" % len(changed))
    for r in changed:
        print("  changed: %s %s #%s @%s %s" % (r["term"], r["corpus"], r["doc"], r["offset"], r["matched"]))
    print("rows without a verdict: %d" % len(blank))


if __name__ == "__main__":
    main()
