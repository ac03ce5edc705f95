"""Shared helpers for the precision audit (Python 3 standard library only).

Layout of an extracted text directory (written by extract.py):

    TEXTS/mfa_press_conferences_en_part1.jsonl/0001.txt   record 1 of the JSONL file
    TEXTS/sea_news_bangkokpost.jsonl/0042.txt             record 42
    TEXTS/xi_thought_textbook_en.md                        copied byte for byte
    TEXTS/xxqg_bilingual_zh_en.md                          copied byte for byte
    TEXTS/bilingual_gwr_speeches_zh_en.tsv                 copied byte for byte (checked with --columns zh,en,document=doc)
    TEXTS/seed/community-of-shared-future-article.txt      copied byte for byte

A finding is identified by (corpus file, document id, byte offset, term, matched text):
the document id is the 1-based JSONL record number for JSONL corpora and the 1-based line
of the finding for the other files; the byte offset is the one termlint reports in the
extracted file.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.normpath(os.path.join(REPO, "..", "shared"))
DEFAULT_TERMLINT = os.environ.get("TERMLINT", "termlint")
DEFAULT_GLOSSARY = os.path.join(REPO, "glossary.toml")
JUDGMENTS = os.path.join(REPO, "docs", "audit", "judgments.tsv")
JUDGMENT_FIELDS = ["corpus", "doc", "offset", "term", "matched", "suggestion",
                   "verdict", "class", "note"]
VERDICTS = ("right", "right-wrong-fix", "wrong")


def run_termlint(termlint, glossary, texts, extra=()):
    """Runs termlint over the text directory; returns the list of JSON findings."""
    cmd = [termlint, "check", "-g", glossary, "--isolated", "--columns", "zh,en,document=doc",
           "--format", "json", "--exit-zero", *extra, "."]
    proc = subprocess.run(cmd, cwd=texts, capture_output=True)
    if proc.returncode not in (0, 1):
        sys.exit("termlint failed (%d): %s" % (proc.returncode, proc.stderr.decode(errors="replace")))
    return json.loads(proc.stdout or b"[]")


def locate(finding):
    """(corpus file, document id) of a finding from its path and line."""
    path = finding["path"]
    if path.startswith("./"):
        path = path[2:]
    parts = path.split("/")
    if parts[0].endswith(".jsonl"):
        return parts[0], str(int(parts[1].split(".")[0]))
    return path, str(finding["line"])


def key(corpus, doc, offset, term, matched):
    return (corpus, str(doc), str(offset), term, norm_matched(matched))


def norm_matched(matched):
    """Matched text on one line, as stored in the TSV (line breaks as \\n)."""
    return matched.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def matched_id(f):
    """What identifies the matched text: the span for a deviant or miscased form (a few
    words); for a missing or inconsistent rendering, whose span is a whole translation
    segment, the kind and the glossary form instead, so no corpus sentence is stored."""
    if f["kind"] in ("deviant", "miscased"):
        return f["matched"]
    return "%s:%s" % (f["kind"], f.get("form") or "")


def finding_key(f):
    corpus, doc = locate(f)
    return key(corpus, doc, f["offset"], f["term"], matched_id(f))


def read_judgments(path=JUDGMENTS):
    rows = {}
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header != JUDGMENT_FIELDS:
            sys.exit("%s: unexpected header %r (want %r)" % (path, header, JUDGMENT_FIELDS))
        for n, line in enumerate(fh, 2):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != len(JUDGMENT_FIELDS):
                sys.exit("%s:%d: %d cells, want %d" % (path, n, len(cells), len(JUDGMENT_FIELDS)))
            row = dict(zip(JUDGMENT_FIELDS, cells))
            if row["verdict"] and row["verdict"] not in VERDICTS:
                sys.exit("%s:%d: verdict %r is not one of %s" % (path, n, row["verdict"], VERDICTS))
            rows[(row["corpus"], row["doc"], row["offset"], row["term"], row["matched"])] = row
    return rows


def write_judgments(rows, path=JUDGMENTS):
    def order(r):
        return (r["corpus"], int(r["doc"]), int(r["offset"]), r["term"])
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\t".join(JUDGMENT_FIELDS) + "\n")
        for r in sorted(rows, key=order):
            fh.write("\t".join(r.get(k, "").replace("\t", " ") for k in JUDGMENT_FIELDS) + "\n")
