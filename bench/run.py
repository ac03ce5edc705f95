#!/usr/bin/env python3
"""termlint's benchmark suite: every scenario side by side with reference tools, in one run.

    python3 bench/run.py [--shared ../shared] [--runs 3] [--quick] [--only glossary|tree|bilingual]

Prints a table per scenario and writes them all to bench/RESULTS.md with the machine's core
count. Times are medians of --runs runs of the whole process (GNU time), memory is the peak
resident set. Needs python3, GNU time (/usr/bin/time) and GNU grep; uses ripgrep, hyperfine,
textlint and proselint where installed. Generated inputs go to $BENCH_DIR (default
/tmp/termlint-bench) and are reused between runs.
"""
import argparse, os, random, re, shutil, statistics, subprocess, sys, time, tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "termlint"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def measure(cmd, runs, cwd=None, stdin=None):
    """(median wall seconds, peak RSS MiB, stdout of the last run)."""
    walls, rss, out = [], 0, ""
    for _ in range(runs):
        tf = Path(WORK) / "time.txt"
        # Wall time from a monotonic clock around the whole process (GNU time has 10 ms
        # resolution); peak memory from GNU time, which wraps the command in both cases.
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(tf), *cmd], cwd=cwd,
                           stdin=open(stdin) if stdin else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        walls.append(time.perf_counter() - t0)
        out = p.stdout
        _, kib = tf.read_text().strip().splitlines()[-1].split()
        rss = max(rss, int(kib))
    return statistics.median(walls), rss / 1024, out


def measure_rounds(cmds, runs):
    """measure() of each command, one run of each in turn per round (see glossary_sections)."""
    per = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            per[i].append(measure(cmd, 1))
    return [(statistics.median(r[0] for r in rs), max(r[1] for r in rs), rs[-1][2]) for rs in per]


def matches(out):
    out = out.strip()
    return out if re.fullmatch(r"\d+", out) else str(len(out.splitlines()))


def table(title, note, rows, base=None):
    lines = [f"## {title}", "", note, "",
             "| command | wall time | throughput | vs reference | peak RSS | matches |",
             "|---|---|---|---|---|---|"]
    for name, (secs, rss, out), size in rows:
        tp = f"{size / 2**20 / secs:.0f} MiB/s" if size and secs else "-"
        rel = f"{base / secs:.2f}x" if base and secs else "-"
        wall = f"{secs * 1000:.1f} ms" if secs < 0.1 else f"{secs:.2f} s"
        lines.append(f"| {name} | {wall} | {tp} | {rel} | {rss:.0f} MiB | {matches(out)} |")
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text


def deviants(term):
    """A glossary term's deviant forms: strings, or tables { form, use }."""
    return [d if isinstance(d, str) else d["form"] for d in term.get("deviants", [])]


def glossary_toml(terms):
    """terms: [(preferred, [admitted], [deviants])] -> TOML text."""
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = []
    for i, (p, adm, dev) in enumerate(terms):
        out.append(f"[[term]]\nid = \"t{i}\"\npreferred = {q(p)}\nadmitted = [{', '.join(map(q, adm))}]\n"
                   f"deviants = [{', '.join(map(q, dev))}]\n")
    return "\n".join(out)


def main():
    global WORK
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("TERMLINT_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="skip the 1 GiB memory scenario")
    ap.add_argument("--only", choices=["glossary", "tree", "memory", "bilingual"],
                    help="run one group of scenarios (glossary: tables 1, 2 and 2b; tree: table 3; "
                         "memory: table 5; bilingual: table 6) and replace their sections in "
                         "bench/RESULTS.md")
    a = ap.parse_args()
    WORK = os.environ.get("BENCH_DIR", "/tmp/termlint-bench")
    os.makedirs(WORK, exist_ok=True)
    shared = Path(a.shared)
    sh(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    if a.only == "bilingual":
        replace_sections([bilingual(shared, a.runs)], f"{ONLY_TABLES[a.only]}: {a.runs} runs on {time.strftime('%Y-%m-%d')}, {cpu()}")
        return
    have = {t: shutil.which(t) for t in ["rg", "hyperfine", "textlint", "proselint"]}
    report = [f"# termlint benchmarks\n\nMachine: {os.cpu_count()} cores, {cpu()}, {os.uname().sysname} "
              f"{os.uname().machine}; `python3 bench/run.py --runs {a.runs}` on "
              f"{time.strftime('%Y-%m-%d')}. Medians of {a.runs} runs of the whole process.\n"]

    run = lambda group: a.only in (None, group)
    corpus = Path(WORK) / "corpus_100M.txt"
    if not corpus.exists():
        sh(["bash", str(shared / "corpus/make_corpus.sh"), "100", str(corpus)])
    size = corpus.stat().st_size
    shipped = tomllib.loads((ROOT / "glossary.toml").read_text())["term"]

    # 1. Throughput: 20 deviant multi-word terms.
    devs = [d for t in shipped for d in deviants(t) if " " in d][:20]
    g20 = Path(WORK) / "g20.toml"
    g20.write_text(glossary_toml([(f"approved form {i}", [], [d]) for i, d in enumerate(devs)]))
    f20 = Path(WORK) / "f20.txt"
    f20.write_text("\n".join(devs) + "\n")
    if run("glossary"):
        report.extend(glossary_sections(shared, corpus, size, g20, f20, have, a.runs))
    if run("tree"):
        report.append(tree_section(corpus, g20, f20, have, a.runs))
    if a.only == "memory":
        report.append(memory_section(corpus, g20, a.quick))
    if a.only:
        replace_sections(report[1:], f"{ONLY_TABLES[a.only]}: {a.runs} runs on {time.strftime('%Y-%m-%d')}, {cpu()}")
        return

    # 4. Pre-commit latency: one 5 KB draft, the shipped glossary, the whole process.
    draft = Path(WORK) / "draft.md"
    draft.write_text(corpus.read_bytes()[:5000].decode("utf-8", "ignore"))
    fship = Path(WORK) / "shipped_forms.txt"
    fship.write_text("\n".join(f for t in shipped for f in [t["preferred"], *t.get("admitted", []), *deviants(t)]) + "\n")
    runs = max(a.runs, 20)
    rows = [("GNU grep -F -f (shipped forms)", measure(["grep", "-c", "-F", "-f", fship, draft], runs), 0),
            ("termlint check (shipped glossary)", measure([BIN, "check", "-g", ROOT / "glossary.toml", draft], runs), 0)]
    report.append(table("4. Pre-commit latency: one 5 KB draft", f"Median of {runs} runs; the target is within 3x of grep.", rows, base=rows[0][1][0]))

    report.append(memory_section(corpus, g20, a.quick))

    report.append(bilingual(shared, a.runs))

    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        report.append(notes.read_text())
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(report))
    print(f"wrote {ROOT / 'bench' / 'RESULTS.md'}")


def memory_section(corpus, g20, quick):
    """5. Peak memory: huge files, many findings, --fix."""
    tree, tree_size = make_tree(corpus)
    rows = [("20,000-file tree, all cores", measure([BIN, "check", "-g", g20, "--format", "jsonl", tree], 1), tree_size)]
    # 5 million findings: 500 files of 10,000, and one file of 5 million.
    line = "The CCP met. " * 10 + "\n"
    many = Path(WORK) / "findings_500_files"
    if not many.exists():
        many.mkdir()
        for i in range(500):
            (many / f"d{i:03}.txt").write_text(line * 1000)
    one = Path(WORK) / "findings_one_file.txt"
    if not one.exists():
        one.write_text(line * 500_000)
    shipped = ROOT / "glossary.toml"
    size_many = sum(f.stat().st_size for f in many.iterdir())
    rows += [("5 million findings in 500 files, --format jsonl", measure([BIN, "check", "-g", shipped, "--format", "jsonl", many], 1), size_many),
             ("5 million findings in 500 files, --statistics", measure([BIN, "check", "-g", shipped, "--statistics", many], 1), size_many),
             ("5 million findings in one file, --format jsonl", measure([BIN, "check", "-g", shipped, "--format", "jsonl", one], 1), one.stat().st_size)]
    if not quick:
        big = Path(WORK) / "corpus_1G.txt"
        if not big.exists():
            with open(big, "wb") as out:
                for _ in range(10):
                    out.write(corpus.read_bytes())
        rows.insert(0, ("1 GiB single file", measure([BIN, "check", "-g", g20, "--format", "jsonl", big], 1), big.stat().st_size))
        fixme = Path(WORK) / "fix_1G.txt"
        shutil.copyfile(big, fixme)
        rows.append(("--fix on the 1 GiB file", measure([BIN, "check", "-g", g20, "--fix", "--statistics", fixme], 1), big.stat().st_size))
        fixme.unlink()
    return table("5. Memory", "Peak resident set of the whole process; one run each. The target for "
                 "5 million findings is 500 MiB, for --fix 2.5 times the file.", rows)


# The tables each `--only` group measures, as the header names them.
ONLY_TABLES = {"glossary": "tables 1 to 2b", "tree": "table 3", "memory": "table 5", "bilingual": "table 6"}


def cpu():
    """The processor's model and its L2 cache per core: machines of one kind have differed in
    both, and the large-glossary ratios with them (bench/NOTES.md items 14 to 17)."""
    model, l2 = "unknown processor", ""
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M).group(1).strip()
        l2 = Path("/sys/devices/system/cpu/cpu0/cache/index2/size").read_text().strip()
    except (OSError, AttributeError):
        pass
    return f"{model}, {l2} L2 per core" if l2 else model


def replace_sections(sections, rerun):
    """Puts freshly measured sections in place of their namesakes in bench/RESULTS.md, and
    says in the header which tables were measured again and how (`rerun`)."""
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text() if results.exists() else ""
    text = re.sub(r"(Medians of \d+ runs of the whole process)[^\n]*", lambda m: f"{m.group(1)} ({rerun}).", text, count=1)
    for section in sections:
        number = re.match(r"## (\S+) ", section)
        if number:
            pattern = r"## " + re.escape(number.group(1)) + r" .*?(?=\n## |\Z)"
            if re.search(pattern, text, flags=re.S):
                text = re.sub(pattern, lambda _: section.rstrip("\n") + "\n", text, count=1, flags=re.S)
                continue
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text)
    print(f"updated {results}")


def glossary_sections(shared, corpus, size, g20, f20, have, runs):
    """1, 1b, 2 and 2b: throughput against grep and ripgrep, and the cost of glossary size."""
    report = []
    rows = [("GNU grep -c -i -F -w -f (LC_ALL=C)", measure(["env", "LC_ALL=C", "grep", "-c", "-i", "-F", "-w", "-f", f20, corpus], runs), size)]
    if have["rg"]:
        rows.append(("ripgrep -j1 --no-unicode -c -i -F -w -f", measure(["rg", "-j1", "--no-unicode", "-c", "-i", "-F", "-w", "-f", f20, corpus], runs), size))
    rows.append(("termlint check -j1 --format jsonl", measure([BIN, "check", "-g", g20, "-j1", "--format", "jsonl", corpus], runs), size))
    report.append(table("1. Throughput: 100 MiB corpus, 20 deviant multi-word terms",
                        "GNU grep and ripgrep read line by line and miss the terms split across a line break; termlint finds them.",
                        rows, base=rows[0][1][0]))
    slice10 = Path(WORK) / "corpus_10M.txt"
    slice10.write_bytes(corpus.read_bytes()[:10 * 2**20].rsplit(b"\n", 1)[0] + b"\n")
    peers = [("termlint check -j1 (10 MiB)", measure([BIN, "check", "-g", g20, "-j1", "--format", "jsonl", slice10], runs), slice10.stat().st_size)]
    # The note is part of the section, so that `--only glossary` replaces it with the table.
    missing = [tool for tool in ["textlint", "proselint"] if not have[tool]]
    note = "Only tools installed on this machine are listed."
    if missing:
        note += " Not installed here, not measured: " + ", ".join(missing) + "."
    report.append(table("1b. Peers on a 10 MiB slice", note, peers))

    # 2. Glossary size: the 718-term handbook and 50,000 synthetic forms.
    terms = []
    for f in ["understanding_contemporary_china_modern_terms.tsv"]:
        for line in (shared / "corpus/glossaries" / f).read_text().splitlines()[1:]:
            cols = line.split("\t") + ["", ""]
            en, alt = cols[1].strip(), [x.strip() for x in cols[2].split("|") if x.strip()]
            if en:
                alt = [x for x in dict.fromkeys(alt) if x.lower() != en.lower()]
                terms.append((en, alt, []))
    ghand = Path(WORK) / "handbook.toml"
    ghand.write_text(glossary_toml(terms))
    # It only approves (a monolingual text is then not scanned); with one deviant term added,
    # the text is scanned.
    ghand_dev = Path(WORK) / "handbook_with_a_deviant.toml"
    ghand_dev.write_text(glossary_toml(terms + [("approved extra", [], ["zzqx deviant"])]))
    words = re.findall(r"[a-z]{4,12}", corpus.read_bytes()[:2 * 2**20].decode("utf-8", "ignore").lower())
    vocab = sorted(set(words))
    rnd = random.Random(7)
    forms = set()
    while len(forms) < 50_000:
        forms.add(" ".join(rnd.choice(vocab) for _ in range(rnd.randint(2, 3))))
    forms = sorted(forms)
    g50k = Path(WORK) / "g50k.toml"
    g50k.write_text(glossary_toml([(f"approved {i}", [], [f]) for i, f in enumerate(forms)]))
    # A real termbase: the three iFLYTEK lexicons, imported as a user would.
    glex = Path(WORK) / "lexicon.toml"
    lexicons = sorted((shared / "corpus/glossaries").glob("iflytek_*.lex"))
    glex.write_text(sh([BIN, "glossary", "import", *lexicons]).stdout)
    lex_terms = len(tomllib.loads(glex.read_text())["term"])
    # The lexicons only approve, so a monolingual text is not scanned at all; with one deviant
    # term added it is, which measures the matcher's cost for 6,143 terms.
    glex_dev = Path(WORK) / "lexicon_with_a_deviant.toml"
    glex_dev.write_text(glex.read_text() + '\n[[term]]\nid = "bench-extra-deviant"\npreferred = "approved extra"\n'
                        'deviants = ["zzqx deviant"]\n')
    # One form of 10,000 letters: loading it was once quadratic.
    glong = Path(WORK) / "long_form.toml"
    glong.write_text(glossary_toml([("a" * 10_000, [], ["b"])]))
    empty = Path(WORK) / "empty.txt"
    empty.write_text("")
    named = [("20 terms", g20), (f"handbook, {len(terms)} terms", ghand), ("handbook and one deviant term (scanned)", ghand_dev),
             ("50,000 synthetic forms", g50k), (f"iFLYTEK lexicons, {lex_terms:,} terms", glex),
             ("iFLYTEK lexicons and one deviant term (scanned)", glex_dev)]
    # Measured in turn, one run of each command per round: the ratios are to the 20-term row,
    # and on a shared machine whose speed drifts over minutes, all runs of one command and then
    # all of the next put 2.3x and 3.8x for the same binary into two consecutive tables.
    results = measure_rounds([[BIN, "check", "-g", g, "-j1", "--format", "jsonl", corpus] for _, g in named], runs)
    rows = [(n, r, size) for (n, _), r in zip(named, results)]
    compile_rows = [(f"load + compile, {n}", measure([BIN, "check", "-g", g, empty], runs), 0)
                    for n, g in [("20 terms", g20), (f"handbook ({len(terms)} terms)", ghand), ("50,000 forms", g50k),
                                 (f"iFLYTEK lexicons ({lex_terms:,} terms)", glex), ("one form of 10,000 letters", glong)]]
    # `glossary check` checks every deviant on its own: once quadratic in the number of terms.
    compile_rows.append(("glossary check, 50,000 forms", measure([BIN, "glossary", "check", g50k], runs), 0))
    report.append(table("2. Glossary size (one thread)",
                        "Relative to the 20-term case (0.5x: twice its time). Targets: the iFLYTEK lexicons within 2x of the "
                        "20-term time (at least 0.5x), 50,000 forms within 3x (at least 0.33x). The handbook and the lexicons only "
                        "approve, so a monolingual text is not scanned; the rows with one deviant term added measure the scan. "
                        "The synthetic forms are 2-3 "
                        "random words of the corpus's own vocabulary, so many words of the corpus are anchors (see the notes).",
                        rows, base=rows[0][1][0]))
    report.append(table("2b. Glossary load and compile time", "termlint on an empty file: start-up, TOML parsing, validation, word index; and `glossary check`, "
                        "which also checks each deviant on its own.", compile_rows))

    return report


def make_tree(corpus):
    """20,000 Markdown files of 4 KB, cut from the corpus at character boundaries."""
    tree = Path(WORK) / "tree4k"
    if not (tree / "19999.md").exists():
        text = corpus.read_bytes()[:90 * 2**20].decode("utf-8", "ignore")
        tree.mkdir(exist_ok=True)
        at = 0
        for i in range(20_000):
            # 4,096 bytes or just under: whole characters only.
            chunk = text[at:at + 4096].encode()[:4096].decode("utf-8", "ignore")
            at += len(chunk)
            (tree / f"{i}.md").write_text(chunk)
        (tree / "glossary.toml").write_text("")  # skipped while walking
    return tree, sum(p.stat().st_size for p in tree.iterdir())


def tree_section(corpus, g20, f20, have, runs):
    """3. Many small files: 20,000 Markdown files of 4 KB, against ripgrep on all cores."""
    tree, tree_size = make_tree(corpus)
    rows = []
    if have["rg"]:
        rows.append(("ripgrep -c -i -F -w --no-unicode -f", measure(["rg", "-c", "-i", "-F", "-w", "--no-unicode", "-f", f20, tree], runs), tree_size))
    rows += [(f"termlint check -j{os.cpu_count()}", measure([BIN, "check", "-g", g20, "--format", "jsonl", tree], runs), tree_size),
             ("termlint check -j1", measure([BIN, "check", "-g", g20, "-j1", "--format", "jsonl", tree], runs), tree_size)]
    return table("3. Many files: 20,000 Markdown files of 4 KB",
                 "Both on all cores unless -j1 says otherwise; relative to ripgrep (the target: at least 0.67x, "
                 "within 1.5x of its time). ripgrep counts lines; termlint also reads the Markdown and finds "
                 "terms split across lines.", rows, base=rows[0][1][0])


def bilingual(shared, runs):
    """6. Source-aware checking of a bilingual table against reading the same file as text."""
    src = shared / "corpus/drafts/bilingual_gwr_speeches_zh_en.tsv"
    lines = src.read_text().splitlines(keepends=True)
    tsv = Path(WORK) / "bilingual_50x.tsv"
    if not tsv.exists():
        tsv.write_text(lines[0] + "".join(lines[1:]) * 50)
    txt = Path(WORK) / "bilingual_50x.txt"
    if not txt.exists():
        shutil.copy(tsv, txt)
    size = tsv.stat().st_size
    shipped = tomllib.loads((ROOT / "glossary.toml").read_text())["term"]
    forms = Path(WORK) / "shipped_deviants.txt"
    forms.write_text("\n".join(d for t in shipped for d in deviants(t)) + "\n")
    g = ROOT / "glossary.toml"
    rows = []
    if shutil.which("rg"):
        rows.append(("ripgrep -j1 -c -i -F -f (shipped deviants, no source check)",
                     measure(["rg", "-j1", "-c", "-i", "-F", "-f", forms, tsv], runs), size))
    rows.append(("termlint check -j1, read as plain text",
                 measure([BIN, "check", "-j1", "-g", g, "--format", "jsonl", txt], runs), size))
    rows.append(("termlint check -j1 --columns zh,en (deviants + missing + inconsistent)",
                 measure([BIN, "check", "-j1", "-g", g, "--columns", "zh,en", "--format", "jsonl", tsv], runs), size))
    return table(f"6. Bilingual: the zh-en speech table 50 times ({size / 2**20:.0f} MiB), shipped glossary",
                 "Relative to termlint reading the same file as plain text; the bilingual run also matches every source term.",
                 rows, base=rows[-2][1][0])


if __name__ == "__main__":
    main()
