//! `--format html`: one self-contained page for reviewers (a CI artefact): a summary per term
//! and per file with counts by severity, then each finding in its line with its suggestion
//! and note, filters by term, severity and file (kept in the URL fragment, so a filtered view
//! can be linked), and a link to each line (an anchor in the page; on GitHub Actions, also the
//! line in the repository).
//!
//! The page loads nothing: styles and script are inline and a Content-Security-Policy forbids
//! every other source. Everything from drafts, file names and glossaries is HTML-escaped
//! (control and invisible characters shown as `\u{..}`); the script reads it back only as
//! text (`dataset`, `textContent`), never as markup.
//!
//! The summary comes first, so the findings are kept until the end.

use std::io::{self, Write};
use std::sync::Mutex;

use super::counts::{BySeverity, Counts, SEVERITIES, line_link};
use super::excerpt::context;
use super::human::summary_line;
use super::{Record, Report, Summary, terminal};

/// Columns of context on either side of a finding.
const CONTEXT: usize = 80;

#[derive(Default)]
pub struct Html {
    counts: Counts,
    /// The findings' elements, in output order, and how many there are.
    findings: Mutex<(Vec<u8>, usize)>,
}

/// `s` as HTML text or attribute value.
pub fn escape(s: &str) -> String {
    let s = terminal(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as HTML text, line breaks kept (`s` may hold line breaks: a term across lines).
fn escape_lines(s: &str) -> String {
    s.replace("\r\n", "\n")
        .split('\n')
        .map(escape)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Report for Html {
    fn render_file(&self, path: &str, text: &str, records: &[Record<'_>]) -> Vec<u8> {
        self.counts.add(records);
        let mut out = String::new();
        for r in records {
            let c = context(text, r.offset..r.end_offset, CONTEXT);
            let anchor = format!("L{}-{}-{}", escape(&anchor_part(path)), r.line, r.column);
            let place = format!("{}:{}:{}", escape(path), r.line, r.column);
            out.push_str(&format!(
                "<article class=\"finding {sev}\" id=\"{anchor}\" data-term=\"{term}\" data-severity=\"{sev}\" data-file=\"{file}\">\n",
                sev = r.severity,
                term = escape(r.term),
                file = escape(path),
            ));
            out.push_str(&format!(
                "<h3><a class=\"place\" href=\"#{anchor}\">{place}</a> <span class=\"sev\">{}</span> <code class=\"term\">{}</code> {}",
                r.severity,
                escape(r.term),
                escape(&r.message),
            ));
            if let Some(url) = line_link(path, r.line) {
                out.push_str(&format!(
                    " <a class=\"repo\" href=\"{}\">view the line</a>",
                    escape(&url)
                ));
            }
            out.push_str("</h3>\n");
            out.push_str(&format!(
                "<p class=\"context\">{}{}<mark>{}</mark>{}{}</p>\n",
                if c.cut_before { "…" } else { "" },
                escape(c.before),
                escape_lines(c.matched),
                escape(c.after),
                if c.cut_after { "…" } else { "" },
            ));
            if !r.suggestion.is_empty() {
                let verb = match r.kind {
                    "miscased" => "Write",
                    "missing" => "Expected in this translation:",
                    _ => "Use",
                };
                out.push_str(&format!(
                    "<p class=\"suggestion\">{verb} <q>{}</q>",
                    escape(r.suggestion)
                ));
                let also: Vec<String> = r
                    .admitted
                    .iter()
                    .filter(|a| *a != r.suggestion)
                    .map(|a| format!("<q>{}</q>", escape(a)))
                    .collect();
                if !also.is_empty() {
                    out.push_str(&format!(" (also accepted: {})", also.join(", ")));
                }
                if let Some(why) = r.unfixable_reason {
                    out.push_str(&format!(
                        " <span class=\"unfixable\">not fixed by --fix: {}</span>",
                        escape(why)
                    ));
                }
                out.push_str("</p>\n");
            }
            if !r.source.is_empty() {
                out.push_str(&format!(
                    "<p class=\"source\">Source term: {}</p>\n",
                    escape(&r.source.join(", "))
                ));
            }
            if let Some(note) = r.note {
                out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(note)));
            }
            out.push_str("</article>\n");
        }
        out.into_bytes()
    }

    fn chunk(&self, _out: &mut dyn Write, chunk: &[u8], _first: bool) -> io::Result<()> {
        let mut f = self.findings.lock().unwrap_or_else(|e| e.into_inner());
        f.0.extend_from_slice(chunk);
        f.1 += chunk
            .windows(b"<article ".len())
            .filter(|w| *w == b"<article ")
            .count();
        Ok(())
    }

    fn finish(&self, out: &mut dyn Write, summary: &Summary, _any: bool) -> io::Result<()> {
        let tables = self.counts.tables();
        let headline = summary_line(summary).unwrap_or_else(|| "No file was checked.".into());
        write!(out, "{}", HEAD)?;
        writeln!(out, "<h1>termlint report</h1>")?;
        writeln!(
            out,
            "<p id=\"summary\">{} ({} file{} checked)</p>",
            escape(&headline),
            summary.files_checked,
            if summary.files_checked == 1 { "" } else { "s" }
        )?;
        let total = summary.errors + summary.warnings + summary.notes;
        if total > 0 {
            // Filters.
            writeln!(out, "<form id=\"filters\">")?;
            writeln!(
                out,
                "<label>Term <select id=\"term\"><option value=\"\">all</option>"
            )?;
            for term in tables.terms.keys() {
                let t = escape(term);
                writeln!(out, "<option value=\"{t}\">{t}</option>")?;
            }
            writeln!(out, "</select></label>")?;
            writeln!(
                out,
                "<label>Severity <select id=\"severity\"><option value=\"\">all</option><option>error</option><option>warning</option><option>note</option></select></label>"
            )?;
            writeln!(
                out,
                "<label>File <select id=\"file\"><option value=\"\">all</option>"
            )?;
            for file in tables.files.keys() {
                let f = escape(file);
                writeln!(out, "<option value=\"{f}\">{f}</option>")?;
            }
            writeln!(out, "</select></label>")?;
            writeln!(
                out,
                "<output id=\"shown\">{total}</output> of <span id=\"total\">{total}</span> findings shown</form>"
            )?;

            // Summary tables.
            writeln!(out, "<h2>By term</h2>")?;
            writeln!(
                out,
                "<table id=\"by-term\"><thead><tr><th>Term</th><th>Use</th><th>Errors</th><th>Warnings</th><th>Notes</th></tr></thead><tbody>"
            )?;
            for (term, (preferred, c)) in &tables.terms {
                let t = escape(term);
                writeln!(
                    out,
                    "<tr data-term=\"{t}\"><td><a href=\"#term={}\">{t}</a></td><td>{}</td>{}</tr>",
                    fragment(term),
                    escape(preferred),
                    cells(c)
                )?;
            }
            writeln!(out, "</tbody></table>")?;
            writeln!(out, "<h2>By file</h2>")?;
            writeln!(
                out,
                "<table id=\"by-file\"><thead><tr><th>File</th><th>Errors</th><th>Warnings</th><th>Notes</th></tr></thead><tbody>"
            )?;
            for (file, c) in &tables.files {
                let f = escape(file);
                writeln!(
                    out,
                    "<tr data-file=\"{f}\"><td><a href=\"#file={}\">{f}</a></td>{}</tr>",
                    fragment(file),
                    cells(c)
                )?;
            }
            writeln!(out, "</tbody></table>")?;
            writeln!(out, "<h2>Findings</h2>\n<section id=\"findings\">")?;
            let f = self.findings.lock().unwrap_or_else(|e| e.into_inner());
            out.write_all(&f.0)?;
            writeln!(out, "</section>")?;
        }
        write!(out, "{}", TAIL)
    }
}

/// Errors, warnings, notes as table cells (a zero greyed).
fn cells(c: &BySeverity) -> String {
    SEVERITIES
        .iter()
        .map(|&(s, i)| {
            if c[i] == 0 {
                "<td class=\"zero\">0</td>".to_string()
            } else {
                format!("<td class=\"{s}\">{}</td>", c[i])
            }
        })
        .collect()
}

/// `s` percent-encoded for a URL fragment (`#term=...`), then HTML-escaped.
fn fragment(s: &str) -> String {
    let encoded: String = s
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    escape(&encoded)
}

/// A path as part of an element id: letters, digits, `-`, `_`, `.`, `/` kept, others as `_`.
fn anchor_part(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

const HEAD: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="generator" content="termlint">
<title>termlint report</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #1f2328; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
#summary { font-size: 1.1em; margin-top: 0; }
form#filters { position: sticky; top: 0; background: #f6f8fa; padding: .6em; border: 1px solid #d0d7de; border-radius: 6px; display: flex; gap: 1em; flex-wrap: wrap; align-items: center; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #d0d7de; padding: .2em .6em; text-align: left; }
td:nth-child(n+2) { font-variant-numeric: tabular-nums; }
td.zero { color: #8c959f; }
td.error { color: #cf222e; font-weight: 600; }
td.warning { color: #9a6700; font-weight: 600; }
td.note { color: #0969da; }
article.finding { border-left: 4px solid #8c959f; padding: .3em .8em; margin: .8em 0; background: #fff; }
article.finding.error { border-color: #cf222e; }
article.finding.warning { border-color: #bf8700; }
article.finding.note { border-color: #0969da; }
article.finding:target { background: #fff8c5; }
article h3 { font-size: 1em; font-weight: 500; margin: 0; }
.sev { text-transform: uppercase; font-size: .8em; font-weight: 700; }
.error .sev { color: #cf222e; } .warning .sev { color: #9a6700; } .note .sev { color: #0969da; }
.context { font-family: ui-monospace, monospace; white-space: pre-wrap; background: #f6f8fa; padding: .3em .5em; margin: .3em 0; }
mark { background: #ffd8d3; text-decoration: underline wavy #cf222e; }
.note, .source { color: #57606a; margin: .2em 0; }
.suggestion { margin: .2em 0; }
.unfixable { color: #57606a; font-size: .9em; }
tr.selected td { background: #fff8c5; }
</style>
</head>
<body>
"##;

const TAIL: &str = r##"<script>
"use strict";
(function () {
  const ids = ["term", "severity", "file"];
  const selects = ids.map(function (id) { return document.getElementById(id); });
  if (selects.some(function (s) { return !s; })) { return; }
  function apply(write) {
    const want = {};
    ids.forEach(function (id, i) { want[id] = selects[i].value; });
    let shown = 0;
    document.querySelectorAll("article.finding").forEach(function (a) {
      const ok = ids.every(function (id) { return !want[id] || a.dataset[id] === want[id]; });
      a.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.getElementById("shown").textContent = String(shown);
    ["by-term", "by-file"].forEach(function (t) {
      document.querySelectorAll("#" + t + " tbody tr").forEach(function (row) {
        const key = t === "by-term" ? "term" : "file";
        row.classList.toggle("selected", want[key] !== "" && row.dataset[key] === want[key]);
      });
    });
    if (write) {
      const params = new URLSearchParams();
      ids.forEach(function (id) { if (want[id]) { params.set(id, want[id]); } });
      const hash = params.toString();
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }
  }
  function fromHash() {
    const hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) { return false; }
    const params = new URLSearchParams(hash);
    ids.forEach(function (id, i) {
      const v = params.get(id) || "";
      const known = Array.prototype.some.call(selects[i].options, function (o) { return o.value === v; });
      selects[i].value = known ? v : "";
    });
    return true;
  }
  selects.forEach(function (s) { s.addEventListener("change", function () { apply(true); }); });
  window.addEventListener("hashchange", function () { if (fromHash()) { apply(false); } });
  fromHash();
  apply(false);
})();
</script>
</body>
</html>
"##;
