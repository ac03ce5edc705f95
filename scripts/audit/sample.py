#!/usr/bin/env python3
"""Runs termlint over extracted texts, draws a stratified sample and writes a judging sheet.

    python3 scripts/audit/sample.py TEXTS_DIR SHEET_DIR [--termlint BIN] [--cap 25] [--seed audit-1]
                                    [--update]

1. Runs `termlint check -g glossary.toml --columns zh,en,document=doc --format json` over TEXTS_DIR (made by
   extract.py) and writes every finding to SHEET_DIR/findings.json.
2. Sample: for each term, its findings (all kinds) are ordered by a hash of the seed and the
   finding's id, and the first CAP are taken (all of them when a term has fewer). Ordering by
   a hash of the id, not by a random draw over the list, keeps a finding in the sample when
   other findings appear or disappear, so judgments carry over between runs. At least MIN
   (default 200) findings are required; the cap is raised until the sample reaches it or
   holds every finding.
3. Writes SHEET_DIR/sheet.md: for each sampled finding its id (corpus, document, byte offset,
   term, matched), its judgment if docs/audit/judgments.tsv has one for the same id and the
   same suggestion, the sentence with the match marked [[like this]], the suggestion, and the
   sentence as --fix would write it (the span replaced by the suggestion; not-fixable findings
   say why). The sheet quotes the corpus: it stays outside the repository.
4. Lists the sampled findings that have no judgment (new, or with a changed suggestion); with
   --update they are added to judgments.tsv with an empty verdict, for the judge to fill in.
"""

import argparse
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def order_key(seed, f):
    return hashlib.sha256((seed + "\0" + "\0".join(common.finding_key(f))).encode()).hexdigest()


def draw(findings, seed, cap, minimum):
    by_term = {}
    for f in findings:
        by_term.setdefault(f["term"], []).append(f)
    for fs in by_term.values():
        fs.sort(key=lambda f: order_key(seed, f))
    while True:
        sample = [f for t in sorted(by_term) for f in by_term[t][:cap]]
        if len(sample) >= minimum or len(sample) == len(findings):
            return sample, cap, by_term
        cap += 1


def context(data, start, end, width=260, line_paragraphs=False):
    """The sentence around bytes start..end: within the paragraph (a line for one-line
    paragraphs, up to a blank line otherwise), cut at sentence ends and at `width`
    characters either side."""
    para_start = data.rfind(b"\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = data.find(b"\n\n", end)
    para_end = len(data) if para_end < 0 else para_end
    # A TSV row or a one-paragraph-per-line page: the line is the paragraph.
    ls = data.rfind(b"\n", 0, start)
    le = data.find(b"\n", end)
    line_start = 0 if ls < 0 else ls + 1
    line_end = len(data) if le < 0 else le
    if line_paragraphs:
        para_start, para_end = line_start, line_end
    before = data[max(para_start, start - 3 * width):start].decode("utf-8", "replace")
    after = data[end:min(para_end, end + 3 * width)].decode("utf-8", "replace")
    # sentence boundaries
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("\t"))
    if cut >= 0:
        before = before[cut + 2:] if before[cut] != "\t" else before[cut + 1:]
    cuts = [i for i in (after.find(". "), after.find("? "), after.find("! "), after.find("\t"))
            if i >= 0]
    if cuts:
        after = after[:min(cuts) + 1]
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    one_line = (line_end - line_start) > 0
    return before, after, one_line


def show(s):
    return s.replace("\n", "⏎ ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("texts")
    ap.add_argument("sheet_dir")
    ap.add_argument("--termlint", default=common.DEFAULT_TERMLINT)
    ap.add_argument("--glossary", default=common.DEFAULT_GLOSSARY)
    ap.add_argument("--cap", type=int, default=25)
    ap.add_argument("--min", type=int, default=200)
    ap.add_argument("--seed", default="audit-1")
    ap.add_argument("--update", action="store_true",
                    help="add unjudged sampled findings to judgments.tsv with an empty verdict")
    a = ap.parse_args()
    if os.path.abspath(a.sheet_dir).startswith(common.REPO + os.sep):
        sys.exit("write the sheet outside the repository: it quotes third-party text")
    os.makedirs(a.sheet_dir, exist_ok=True)
    findings = common.run_termlint(a.termlint, os.path.abspath(a.glossary), a.texts)
    findings = [f for f in findings if f["kind"] != "unused-suppression"]
    with open(os.path.join(a.sheet_dir, "findings.json"), "w", encoding="utf-8") as fh:
        json.dump(findings, fh, ensure_ascii=False)
    sample, cap, by_term = draw(findings, a.seed, a.cap, a.min)
    judged = common.read_judgments()
    unjudged = []
    cache = {}
    out = ["# Judging sheet (seed %s, cap %d per term, %d of %d findings)\n" %
           (a.seed, cap, len(sample), len(findings))]
    for i, f in enumerate(sample, 1):
        corpus, doc = common.locate(f)
        k = common.finding_key(f)
        row = judged.get(k)
        if row is not None and row["suggestion"] != f["suggestion"]:
            row = None  # the finding changed: judge it again
        if row is None or not row["verdict"]:
            unjudged.append(f)
        path = os.path.join(a.texts, f["path"])
        if path not in cache:
            with open(path, "rb") as fh:
                cache[path] = fh.read()
        data = cache[path]
        # News pages and table rows hold one paragraph a line; the rest wrap paragraphs.
        line_paras = corpus.startswith("sea_news") or corpus.endswith(".tsv")
        before, after, _ = context(data, f["offset"], f["end_offset"], 260, line_paras)
        matched = data[f["offset"]:f["end_offset"]].decode("utf-8", "replace")
        out.append("## %d. %s #%s @%s [%s] %s %r" % (i, corpus, doc, f["offset"], f["term"],
                                                      f["kind"], common.matched_id(f)))
        out.append("- path %s:%d:%d, quotation %s, fixable %s%s" % (
            f["path"], f["line"], f["column"], f["quotation"], f["fixable"],
            "" if f["fixable"] else " (%s)" % f["unfixable_reason"]))
        if row is not None and row["verdict"]:
            out.append("- judged: %s %s — %s" % (row["verdict"], row["class"], row["note"]))
        if f["kind"] in ("deviant", "miscased"):
            out.append("- text:  %s[[%s]]%s" % (show(before), show(matched), show(after)))
        out.append("- suggestion: %r" % f["suggestion"])
        if f["kind"] in ("deviant", "miscased"):
            if f["fixable"]:
                b = before[-70:]
                b = b[b.find(" ") + 1:] if len(before) > 70 else b
                aft = after[:70]
                aft = aft[:aft.rfind(" ")] if len(after) > 70 else aft
                out.append("- fixed: …%s{{%s}}%s…" % (show(b), f["suggestion"], show(aft)))
        else:
            out.append("- message: %s" % f["message"])
            ls = data.rfind(b"\n", 0, f["offset"]) + 1
            le = data.find(b"\n", f["offset"])
            row_cells = data[ls:le if le >= 0 else len(data)].decode("utf-8", "replace").split("\t")
            out.append("- row: %s" % " || ".join(c[:1500] for c in row_cells))
        out.append("")
    with open(os.path.join(a.sheet_dir, "sheet.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
    print("%d findings; sample of %d (cap %d per term, seed %s); sheet: %s" % (
        len(findings), len(sample), cap, a.seed, os.path.join(a.sheet_dir, "sheet.md")))
    print("%-36s %8s %7s" % ("term", "findings", "sampled"))
    for t in sorted(by_term):
        print("%-36s %8d %7d" % (t, len(by_term[t]), min(cap, len(by_term[t]))))
    print("%d sampled findings have no judgment" % len(unjudged))
    for f in unjudged:
        corpus, doc = common.locate(f)
        print("  unjudged: %s #%s @%s %s %r" % (corpus, doc, f["offset"], f["term"],
                                                 common.matched_id(f)))
    if a.update and unjudged:
        rows = list(common.read_judgments().values())
        have = {common.key(r["corpus"], r["doc"], r["offset"], r["term"], r["matched"]):
                r for r in rows}
        for f in unjudged:
            corpus, doc = common.locate(f)
            k = common.finding_key(f)
            r = have.get(k)
            if r is None:
                r = dict(zip(common.JUDGMENT_FIELDS, [corpus, doc, str(f["offset"]), f["term"],
                                                      common.norm_matched(common.matched_id(f)),
                                                      f["suggestion"], "", "", ""]))
                rows.append(r)
                have[k] = r
            else:
                r["suggestion"], r["verdict"] = f["suggestion"], ""
                r["note"] = ("suggestion changed; was judged: " + r["note"]).strip()
        common.write_judgments(rows)
        print("added %d rows to %s" % (len(unjudged), common.JUDGMENTS))


if __name__ == "__main__":
    main()
