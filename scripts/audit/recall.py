#!/usr/bin/env python3
"""Recall of the shipped glossary on the shared corpora: how many renderings of each term
family an independent broad search finds in the drafts, and how many of the deviant ones
`termlint check` flags.

    python3 scripts/audit/extract.py --corpus ../shared /tmp/audit/texts   # once
    TERMLINT=$PWD/target/release/termlint python3 scripts/audit/recall.py /tmp/audit/texts [--markdown]

For each term below, a broad regular expression (written here by hand, independently of the
glossary's forms) finds every rendering of the family: the approved wording, its near misses
and its calques, across line breaks, hyphens and letter case. Each occurrence is then:
  - approved: it reads as an approved form of the term (folded: case, spacing, curly quotes,
    hyphen variants; a plural on the first or last word allowed), or as an exception, or it
    is one of the renderings the glossary deliberately leaves unflagged (listed per family,
    with the reason); for a case-sensitive term, only the approved form in its own letter
    case is approved;
  - not prose: inside a Markdown HTML comment or a URL, which termlint never checks (not
    counted);
  - deviant: anything else. It counts as flagged when termlint reports a deviant or
    miscased finding of that term overlapping it.
Recall = flagged deviant occurrences / deviant occurrences. No corpus text is printed: the
report lists counts, and for the unflagged ones the matched words only (a few words each).
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

S = r"[\s\-\u2010\u2011\u2013]+"  # a space, a line break or a hyphen between words

# term id -> (regex, phrases the glossary deliberately leaves unflagged, why)
FAMILIES = {
    "shared-future": (
        rf"\b(?:(?:shared|common){S}future{S}communit(?:y|ies)|communit(?:y|ies){S}(?:of|with|for){S}(?:(?:a|the){S})?(?:common|shared|human){S}(?:destiny|future)(?:{S}for{S}(?:all{S})?(?:mankind|humanity|humankind))?)\b",
        ["community of shared future"],
        "\"community of shared future\" alone also names bilateral communities (glossary note)",
    ),
    "consultation-contribution-benefits": (
        rf"\b(?:wide|extensive|joint){S}consultation,?{S}joint{S}(?:contribution|construction),?{S}and{S}(?:shared|sharing|joint){S}benefits?\b",
        [],
        "",
    ),
    "changes-unseen-in-a-century": (
        rf"\b(?:(?:major|great|big|profound|huge|tremendous){S})?changes?{S}(?:unseen|unprecedented){S}in{S}(?:a|the{S}past){S}(?:century|hundred{S}years)\b",
        [],
        "",
    ),
    "china-story": (
        rf"\b(?:tell|tells|telling|told){S}(?:well{S})?(?:the{S}|good{S})?(?:China['\u2019]s|Chinese|China){S}stor(?:y|ies)(?:{S}well)?\b|\b(?:tell|tells|telling|told){S}(?:well{S})?the{S}stor(?:y|ies){S}of{S}China{S}well\b",
        ["tell China's story", "tell China's stories", "tell the Chinese story", "telling China's story", "telling China's stories"],
        "without \"well\" the phrase is not 讲好 (tell well); it is ordinary prose",
    ),
    "xi-thought": (
        rf"\bXi{S}Jinping['\u2019]s{S}Thought\b|\bThought{S}of{S}Xi{S}Jinping\b",
        [],
        "",
    ),
    "maritime-silk-road": (
        rf"\b21st{S}Century{S}(?:Maritime|Marine|Sea){S}Silk{S}(?:Road|Route)\b|\bMaritime{S}Silk{S}Route\b",
        [],
        "",
    ),
    "belt-and-road": (
        rf"\bOne{S}Belt,?{S}(?:and{S})?One{S}Road\b|\bOBOR\b|\bBelt{S}and{S}Road{S}strateg(?:y|ies)\b",
        [],
        "",
    ),
    "cpc": (
        rf"\bChinese{S}Communist{S}Party\b|\bCCP\b",
        [],
        "",
    ),
    "socialism-chinese-characteristics": (
        rf"\bChinese{S}style{S}socialism\b|\bsocialism{S}(?:with|of){S}Chinese{S}(?:characteristics|features|specialties)\b",
        [],
        "",
    ),
    "chinese-modernization": (
        rf"\b(?:Chinese|China){S}style{S}moderni[sz]ation\b",
        [],
        "",
    ),
    "win-win": (
        rf"\b(?:win{S}win|double{S}win|all{S}win){S}cooperation\b",
        [],
        "",
    ),
    "national-rejuvenation": (
        rf"\bgreat{S}(?:rejuvenation|revival|renaissance|renewal){S}of{S}the{S}Chinese{S}(?:nation|people)\b",
        [],
        "",
    ),
    "targeted-poverty-alleviation": (
        rf"\b(?:targeted|precision|precise|accurate){S}poverty{S}(?:alleviation|reduction|relief)\b",
        [],
        "",
    ),
    "high-quality-development": (
        rf"\bhigh{S}quality{S}development\b",
        [],
        "",
    ),
    "dual-circulation": (
        rf"\b(?:dual|double){S}(?:circulation|cycle)s?\b",
        [],
        "",
    ),
}


def fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\u2010\u2011\u2013]", "-", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def plural(w):
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    return w + "s"


def inserted(window, form):
    """Whether the end of `window` (words) is `form` with one word inserted inside it."""
    n = len(form) + 1
    if len(form) < 2 or len(window) < n:
        return False
    tail = window[-n:]
    return any(tail[:k] + tail[k + 1:] == form for k in range(1, n - 1))


def approved_set(term):
    """The folded approved forms, with a plural on the first or the last word."""
    out = set()
    for a in [term["preferred"], *term["admitted"]]:
        f = fold(a)
        words = f.split(" ")
        out.add(f)
        out.add(" ".join(words[:-1] + [plural(words[-1])]))
        out.add(" ".join([plural(words[0])] + words[1:]))
    # Written as a hyphenated modifier.
    out |= {o.replace(" ", "-") for o in list(out)}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts", help="directory written by extract.py")
    ap.add_argument("--termlint", default=common.DEFAULT_TERMLINT)
    ap.add_argument("--glossary", default=common.DEFAULT_GLOSSARY)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--misses", action="store_true", help="list the unflagged deviant wordings")
    a = ap.parse_args()

    terms = json.loads(subprocess.run([a.termlint, "terms", "--json", "-g", a.glossary],
                                      capture_output=True, check=True).stdout)
    by_id = {t["id"]: t for t in terms}
    exceptions = {}
    try:
        import tomllib
        with open(a.glossary, "rb") as fh:
            for t in tomllib.load(fh)["term"]:
                exceptions[t["id"]] = [fold(e) for e in t.get("exceptions", [])]
    except ImportError:
        pass
    findings = common.run_termlint(a.termlint, a.glossary, a.texts)
    flagged = collections.defaultdict(list)  # (path, term) -> [(start, end)]
    for f in findings:
        if f["kind"] in ("deviant", "miscased"):
            path = f["path"][2:] if f["path"].startswith("./") else f["path"]
            flagged[(path, f["term"])].append((f["offset"], f["end_offset"]))

    files = []
    for d, _, names in os.walk(a.texts):
        for n in names:
            files.append(os.path.relpath(os.path.join(d, n), a.texts))
    files.sort()
    stats = collections.OrderedDict((t, collections.Counter()) for t in FAMILIES)
    misses = collections.defaultdict(collections.Counter)
    where = collections.defaultdict(list)
    for rel in files:
        raw = open(os.path.join(a.texts, rel), "rb").read()
        text = raw.decode("utf-8", "replace")
        # Text termlint does not check by design: Markdown HTML comments, and URLs.
        hidden = []
        if rel.endswith(".md"):
            hidden = [(m.start(), m.end()) for m in re.finditer(r"<!--.*?-->", text, re.S)]
        hidden += [(m.start(), m.end()) for m in re.finditer(r"(?:https?://|www\.)\S+", text)]
        for term_id, (rx, unflagged, _) in FAMILIES.items():
            term = by_id.get(term_id)
            if term is None:
                continue
            ok = approved_set(term) | {fold(u) for u in unflagged}
            case_sensitive = term_id in ("xi-thought", "maritime-silk-road", "belt-and-road")
            for m in re.finditer(rx, text, re.I):
                words = m.group(0)
                # A hyphen at a line end joins the word halves.
                folded = fold(re.sub(r"-\n\s*", "-", words))
                stats[term_id]["found"] += 1
                if any(hs <= m.start() < he for hs, he in hidden):
                    stats[term_id]["not prose"] += 1
                    continue
                if case_sensitive:
                    # Only the approved spelling in its own letter case.
                    as_written = re.sub(r"\s+", " ", words).replace("\u2019", "'")
                    is_ok = as_written in [term["preferred"], *term["admitted"]]
                else:
                    is_ok = folded in ok
                if is_ok:
                    stats[term_id]["approved"] += 1
                    continue
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line = fold(text[line_start:line_end if line_end >= 0 else len(text)])
                if any(e in line and folded in e for e in exceptions.get(term_id, [])):
                    stats[term_id]["approved"] += 1
                    continue
                # An approved form with one word inserted ("profound global changes unseen in a
                # century") is no deviation (README, matching rule 6).
                before = fold(text[max(0, m.start() - 80):m.start()]).split(" ")[-4:]
                window = [w for w in before if w] + folded.split(" ")
                if any(inserted(window, fold(x).split(" ")) for x in [term["preferred"], *term["admitted"]]):
                    stats[term_id]["approved"] += 1
                    continue
                stats[term_id]["deviant"] += 1
                s = len(text[:m.start()].encode("utf-8"))
                e = s + len(words.encode("utf-8"))
                if any(fs < e and s < fe for fs, fe in flagged.get((rel, term_id), [])):
                    stats[term_id]["flagged"] += 1
                else:
                    misses[term_id][folded] += 1
                    where[term_id].append("%s:%d" % (rel, s))

    total = collections.Counter()
    rows = []
    for t, c in stats.items():
        total.update(c)
        rec = c["flagged"] / c["deviant"] if c["deviant"] else None
        rows.append((t, c["found"], c["approved"], c["deviant"], c["flagged"], rec))
    rec = total["flagged"] / total["deviant"] if total["deviant"] else 0
    rows.append(("all", total["found"], total["approved"], total["deviant"], total["flagged"], rec))
    print("not counted: %d occurrences in Markdown HTML comments or URLs, which termlint never checks"
          % total["not prose"])
    if a.markdown:
        print("| term | found | approved or left unflagged | deviant | flagged | recall |")
        print("|---|---|---|---|---|---|")
        for t, f, ap_, d, fl, r in rows:
            r = "-" if r is None else "%.3f" % r
            bold = "**" if t == "all" else ""
            print(f"| {bold}{t}{bold} | {f} | {ap_} | {d} | {fl} | {bold}{r}{bold} |")
    else:
        for t, f, ap_, d, fl, r in rows:
            r = "-" if r is None else "%.3f" % r
            print(f"{t:40} found {f:4} approved {ap_:4} deviant {d:4} flagged {fl:4} recall {r}")
    if a.misses:
        for t, c in misses.items():
            for w, n in c.most_common():
                print(f"unflagged\t{t}\t{n}\t{w}")
            print(f"unflagged\t{t}\tat\t{' '.join(where[t])}")


if __name__ == "__main__":
    main()
