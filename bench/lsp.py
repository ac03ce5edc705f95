#!/usr/bin/env python3
"""Language-server latency and memory (issue 9): `termlint lsp` driven over stdio as an editor
drives it, speaking JSON-RPC directly (no client library, so the client costs next to nothing).

    python3 bench/lsp.py [--shared ../shared] [--changes 40] [--write]

Scenarios:
  - a 200 KB Markdown draft (Foreign Ministry press-conference transcripts from
    ../shared/corpus/drafts) with the shipped glossary, and with the iFLYTEK lexicons imported
    as a user would (6,143 terms): time from sending a one-character change (alternately
    inserted and deleted, incremental sync) to receiving that version's diagnostics;
  - reference: `termlint check --stdin-filename draft.md` on the same text, the whole process,
    as an editor that lints through the CLI pays on every change;
  - memory: resident size of the server with 50 such drafts open.
With --write, the section replaces "## 7. Language server" in bench/RESULTS.md.
"""

import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "termlint"
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/termlint-bench")) / "lsp"


class Client:
    """A minimal LSP client over a pipe."""

    def __init__(self, cwd):
        self.proc = subprocess.Popen([str(BIN), "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            m = self.inbox.get(timeout=60)
            if m.get("id") == self.next_id:
                return m

    def diagnostics(self, uri, version):
        while True:
            m = self.inbox.get(timeout=60)
            p = m.get("params") or {}
            if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri \
                    and p.get("version") == version:
                return p["diagnostics"]

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=10)


def draft_text(shared, size=200_000):
    """Whole paragraphs of press-conference transcripts, up to `size` bytes."""
    out, n = [], 0
    src = shared / "corpus/drafts/mfa_press_conferences_en_part1.jsonl"
    for line in src.read_text(encoding="utf-8").splitlines():
        for para in json.loads(line)["text"].split("\n"):
            para = para.strip()
            if not para:
                continue
            b = len(para.encode()) + 2
            if n + b > size:
                return "\n\n".join(out) + "\n"
            out.append(para)
            n += b
    return "\n\n".join(out) + "\n"


def project(name, glossary_text, text):
    d = WORK / name
    shutil.rmtree(d, ignore_errors=True)
    (d / ".git").mkdir(parents=True)
    (d / "glossary.toml").write_text(glossary_text, encoding="utf-8")
    (d / "draft.md").write_text(text, encoding="utf-8")
    return d


def latency(d, text, changes):
    """(open ms, [change ms], findings) for the draft in project `d`."""
    c = Client(d)
    c.request("initialize", {"processId": os.getpid(), "capabilities": {}, "rootUri": d.as_uri()})
    c.notify("initialized", {})
    uri = (d / "draft.md").as_uri()
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown",
                                                       "version": 1, "text": text}})
    found = c.diagnostics(uri, 1)
    opened = (time.perf_counter() - t0) * 1000
    line = text[: len(text) // 2].count("\n")
    times = []
    for i in range(changes):
        version = i + 2
        at = {"line": line, "character": 0}
        if i % 2 == 0:
            change = {"range": {"start": at, "end": at}, "text": "x"}
        else:
            change = {"range": {"start": at, "end": {"line": line, "character": 1}}, "text": ""}
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                            "contentChanges": [change]})
        c.diagnostics(uri, version)
        times.append((time.perf_counter() - t0) * 1000)
    c.close()
    return opened, times, len(found)


def cli_reference(d, text, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([str(BIN), "check", "--format", "jsonl", "--stdin-filename", "draft.md"],
                       cwd=d, input=text.encode(), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def memory(d, text, docs=50):
    c = Client(d)
    c.request("initialize", {"processId": os.getpid(), "capabilities": {}})
    c.notify("initialized", {})
    for i in range(docs):
        uri = (d / f"draft{i}.md").as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown",
                                                           "version": 1, "text": text}})
        c.diagnostics(uri, 1)
    status = Path(f"/proc/{c.proc.pid}/status").read_text()
    kib = {k: int(v.split()[0]) for k, v in
           (l.split(":", 1) for l in status.splitlines() if l.startswith(("VmRSS", "VmHWM")))}
    c.close()
    return kib["VmRSS"] / 1024, kib["VmHWM"] / 1024


def p(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("TERMLINT_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--changes", type=int, default=40)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    shared = Path(a.shared)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    WORK.mkdir(parents=True, exist_ok=True)
    text = draft_text(shared)
    lexicons = sorted((shared / "corpus/glossaries").glob("iflytek_*.lex"))
    lexicon = subprocess.run([str(BIN), "glossary", "import", *lexicons], capture_output=True,
                             text=True, check=True).stdout
    rows = []
    for name, glossary in [("shipped glossary", (ROOT / "glossary.toml").read_text()),
                           ("iFLYTEK lexicons, 6,143 terms", lexicon)]:
        d = project(name.split()[0].lower().strip(","), glossary, text)
        opened, times, found = latency(d, text, a.changes)
        cli = cli_reference(d, text, max(5, a.changes // 4))
        rows.append((name, found, opened, statistics.median(times), p(times, 0.9),
                     statistics.median(cli)))
    d = WORK / "shipped"
    rss, hwm = memory(d, text)
    lines = [
        "## 7. Language server",
        "",
        f"`python3 bench/lsp.py --changes {a.changes}` on {time.strftime('%Y-%m-%d')}: `termlint lsp` "
        f"driven over stdio; a {len(text.encode()) // 1000} KB Markdown draft (press-conference "
        "transcripts); a one-character change (incremental sync) timed from sending it to "
        f"receiving that version's diagnostics, {a.changes} changes; the reference is "
        "`termlint check --stdin-filename draft.md` on the same text (the whole process, what an "
        "editor linting through the CLI pays per change). Targets (issue 9): 20 ms with the "
        "shipped glossary, 100 ms with the lexicons.",
        "",
        "| glossary | findings | open (compile + check) | change, median | change, p90 | CLI per change | CLI / server |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, found, opened, med, p90, cli in rows:
        lines.append(f"| {name} | {found} | {opened:.1f} ms | {med:.1f} ms | {p90:.1f} ms | "
                     f"{cli:.1f} ms | {cli / med:.1f}x |")
    lines += ["", f"Memory with 50 such drafts open (shipped glossary): {rss:.0f} MiB resident, "
              f"peak {hwm:.0f} MiB.", ""]
    section = "\n".join(lines)
    print(section)
    if a.write:
        results = ROOT / "bench" / "RESULTS.md"
        old = results.read_text()
        start = old.find("## 7. Language server")
        if start >= 0:
            end = old.find("\n## ", start + 1)
            old = old[:start] + (old[end + 1:] if end >= 0 else "")
        # Before the profiling log and targets, after the other tables.
        at = old.find("## Profiling log")
        if at < 0:
            at = len(old)
        results.write_text(old[:at].rstrip("\n") + "\n\n" + section + "\n" + old[at:])


if __name__ == "__main__":
    sys.exit(main())
