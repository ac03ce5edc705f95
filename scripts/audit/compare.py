#!/usr/bin/env python3
"""Compares the findings of two termlint binaries (or two glossaries) on the extracted drafts:
which findings are new and which are gone, for judging only the new ones.

    python3 scripts/audit/compare.py TEXTS_DIR --old BIN [--old-glossary FILE]
                                     --new BIN [--new-glossary FILE] [--context SHEET]

Prints counts per term and kind, then one line per new or gone finding: its id (corpus,
document, byte offset, term, matched words) and its suggestion. With --context, also writes a
sheet with each new finding's sentence (outside the repository: it quotes the corpus).
"""

import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("texts")
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--old-glossary", default=common.DEFAULT_GLOSSARY)
    ap.add_argument("--new-glossary", default=common.DEFAULT_GLOSSARY)
    ap.add_argument("--context", help="write a sheet of the new findings in their sentences here")
    a = ap.parse_args()
    old = common.run_termlint(a.old, os.path.abspath(a.old_glossary), a.texts)
    new = common.run_termlint(a.new, os.path.abspath(a.new_glossary), a.texts)
    okeys = {common.finding_key(f): f for f in old}
    nkeys = {common.finding_key(f): f for f in new}
    added = [nkeys[k] for k in nkeys if k not in okeys]
    gone = [okeys[k] for k in okeys if k not in nkeys]
    changed = [(okeys[k], nkeys[k]) for k in nkeys if k in okeys
               and okeys[k]["suggestion"] != nkeys[k]["suggestion"]]
    print("findings: old %d, new %d; added %d, gone %d, suggestion changed %d"
          % (len(old), len(new), len(added), len(gone), len(changed)))
    by = collections.Counter((f["term"], f["kind"]) for f in added)
    for (t, k), n in sorted(by.items()):
        print("  added %-40s %-10s %d" % (t, k, n))
    for label, rows in (("added", added), ("gone", gone)):
        for f in rows:
            corpus, doc = common.locate(f)
            print("%s\t%s\t%s\t%s\t%s\t%s\t-> %s%s" % (
                label, corpus, doc, f["offset"], f["term"], common.norm_matched(common.matched_id(f)),
                f["suggestion"], "" if f["fixable"] else "  (not fixed: %s)" % f["unfixable_reason"]))
    for o, n in changed:
        corpus, doc = common.locate(n)
        print("changed\t%s\t%s\t%s\t%s\t%s\t%s -> %s" % (
            corpus, doc, n["offset"], n["term"], common.norm_matched(common.matched_id(n)),
            o["suggestion"], n["suggestion"]))
    if a.context:
        if os.path.abspath(a.context).startswith(common.REPO + os.sep):
            sys.exit("write the sheet outside the repository: it quotes third-party text")
        with open(a.context, "w", encoding="utf-8") as out:
            for f in added:
                path = os.path.join(a.texts, f["path"])
                raw = open(path, "rb").read()
                s, e = f["offset"], f["end_offset"]
                before = raw[max(0, s - 160):s].decode("utf-8", "replace")
                after = raw[e:e + 160].decode("utf-8", "replace")
                words = raw[s:e].decode("utf-8", "replace")
                out.write("## %s %s %s %s\n%s[[%s]]%s\n-> %s\n\n" % (
                    f["path"], f["offset"], f["term"], f["kind"], before, words, after,
                    f["suggestion"]))


if __name__ == "__main__":
    main()
