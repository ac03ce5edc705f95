#!/usr/bin/env python3
"""Extracts the shared corpora into a directory of drafts termlint can check.

    python3 scripts/audit/extract.py [--corpus ../shared] OUT_DIR

JSONL corpora (one JSON record a line): each record becomes one plain-text file,
OUT_DIR/<corpus>.jsonl/<record number, 4 digits>.txt. The English text is written exactly as
the record holds it, so the paragraph structure is the source's own:
  - press conferences (fields url, title, text): the title, a blank line, then `text`
    (paragraphs separated by a blank line, as in the record);
  - news (fields url, date, source_file, content): `content` only; these pages have one
    paragraph (or one page element) per line and no blank lines between them.
Nothing is unescaped or re-wrapped (HTML entities such as &nbsp; stay as written), and a
final line break is added.  The Markdown textbook, the bilingual Markdown, the zh-en TSV
and the seed article are copied byte for byte (the TSV is checked with --columns zh,en,document=doc).
The output directory must not exist or be empty; it should lie outside the repository,
since the corpora are third-party text.
"""

import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COPIED = ["xi_thought_textbook_en.md", "xxqg_bilingual_zh_en.md",
          "bilingual_gwr_speeches_zh_en.tsv"]


def extract(corpus, out):
    drafts = os.path.join(corpus, "corpus", "drafts")
    counts = {}
    for name in sorted(os.listdir(drafts)):
        src = os.path.join(drafts, name)
        if name.endswith(".jsonl"):
            d = os.path.join(out, name)
            os.makedirs(d)
            n = 0
            with open(src, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    rec = json.loads(line)
                    if "text" in rec:
                        body = (rec.get("title") or "").strip() + "\n\n" + rec["text"]
                    else:
                        body = rec["content"]
                    if not body.endswith("\n"):
                        body += "\n"
                    with open(os.path.join(d, "%04d.txt" % n), "w", encoding="utf-8") as o:
                        o.write(body)
            counts[name] = n
        elif name in COPIED:
            shutil.copyfile(src, os.path.join(out, name))
            counts[name] = 1
    seed = os.path.join(corpus, "seed")
    os.makedirs(os.path.join(out, "seed"))
    for name in sorted(os.listdir(seed)):
        shutil.copyfile(os.path.join(seed, name), os.path.join(out, "seed", name))
        counts["seed/" + name] = 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=common.DEFAULT_CORPUS,
                    help="the shared folder (holding corpus/drafts and seed); default ../shared")
    ap.add_argument("out", help="output directory (outside the repository)")
    a = ap.parse_args()
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit("%s is not empty" % a.out)
    if os.path.abspath(a.out).startswith(common.REPO + os.sep):
        sys.exit("write the texts outside the repository: they are third-party text")
    os.makedirs(a.out, exist_ok=True)
    for name, n in extract(a.corpus, a.out).items():
        print("%-45s %5d document%s" % (name, n, "" if n == 1 else "s"))


if __name__ == "__main__":
    main()
