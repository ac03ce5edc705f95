//! `--format markdown`: a summary (per term and per file, by severity) and the findings, for a
//! pull-request comment or `$GITHUB_STEP_SUMMARY`. Every piece of text from a draft, a file
//! name or a glossary is escaped, so it shows as written and cannot add markup or links.
//!
//! The summary comes first, so the findings are kept until the end; at most
//! [`MAX_FINDINGS`] are listed (a comment holds 65,536 characters), the rest counted.

use std::io::{self, Write};
use std::sync::Mutex;

use super::counts::{Counts, SEVERITIES, line_link};
use super::excerpt::context;
use super::human::summary_line;
use super::{Record, Report, Summary, one_line, terminal};

/// Findings listed in full; the others are counted in the summary only.
pub const MAX_FINDINGS: usize = 200;

/// Columns of context on either side of a finding.
const CONTEXT: usize = 60;

#[derive(Default)]
pub struct Markdown {
    counts: Counts,
    /// The findings' list items, in output order, and how many there are.
    findings: Mutex<(Vec<u8>, usize)>,
}

/// `s` as literal Markdown text inside a line: punctuation that could start markup is
/// backslash-escaped,
/// `<`, `>` and `&` written as entities (no HTML gets through), control and invisible
/// characters escaped as `\u{..}`, line breaks as spaces.
pub fn escape(s: &str) -> String {
    let s = terminal(&s.replace("\r\n", " ").replace('\n', " ")).into_owned();
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Emphasis, code, links and images, tables, strike-through, GitHub's mentions,
            // issue references, emoji and maths. Nothing here starts a line, so block markup
            // (`#`, `-`, `1.`) needs no escape of its own.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' | '@' | '#' | ':' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

impl Report for Markdown {
    fn render_file(&self, path: &str, text: &str, records: &[Record<'_>]) -> Vec<u8> {
        self.counts.add(records);
        let mut out = String::new();
        for r in records {
            let place = format!("{}:{}:{}", escape(path), r.line, r.column);
            let place = match line_link(path, r.line) {
                Some(url) => format!("[{place}]({url})"),
                None => place,
            };
            out.push_str(&format!(
                "- **{}** {place} `{}`: {}\n",
                r.severity,
                r.term.replace('`', "'"),
                escape(&one_line(r))
            ));
            let c = context(text, r.offset..r.end_offset, CONTEXT);
            out.push_str(&format!(
                "  > {}{}**{}**{}{}\n",
                if c.cut_before { "…" } else { "" },
                escape(c.before),
                escape(c.matched.trim()),
                escape(c.after),
                if c.cut_after { "…" } else { "" },
            ));
        }
        out.into_bytes()
    }

    fn chunk(&self, _out: &mut dyn Write, chunk: &[u8], _first: bool) -> io::Result<()> {
        let mut f = self.findings.lock().unwrap_or_else(|e| e.into_inner());
        // Items start with "- " at the start of a line; their other lines are indented.
        let items: Vec<usize> = chunk
            .split(|&b| b == b'\n')
            .scan(0usize, |at, line| {
                let here = *at;
                *at += line.len() + 1;
                Some((here, line))
            })
            .filter(|(_, line)| line.starts_with(b"- "))
            .map(|(at, _)| at)
            .collect();
        for (k, &at) in items.iter().enumerate() {
            if f.1 >= MAX_FINDINGS {
                break;
            }
            let end = items.get(k + 1).copied().unwrap_or(chunk.len());
            f.0.extend_from_slice(&chunk[at..end]);
            f.1 += 1;
        }
        Ok(())
    }

    fn finish(&self, out: &mut dyn Write, summary: &Summary, _any: bool) -> io::Result<()> {
        let tables = self.counts.tables();
        writeln!(out, "## termlint\n")?;
        let total = summary.errors + summary.warnings + summary.notes;
        match summary_line(summary) {
            // termlint's own words and numbers: no escape needed.
            Some(line) => writeln!(
                out,
                "**{}** ({} file{} checked)\n",
                line,
                summary.files_checked,
                if summary.files_checked == 1 { "" } else { "s" }
            )?,
            None => writeln!(out, "No file was checked.\n")?,
        }
        if total == 0 {
            return Ok(());
        }
        writeln!(out, "| Term | Use | Errors | Warnings | Notes |")?;
        writeln!(out, "|---|---|--:|--:|--:|")?;
        let mut terms: Vec<_> = tables.terms.iter().collect();
        terms.sort_by(|a, b| rank(&b.1.1).cmp(&rank(&a.1.1)).then(a.0.cmp(b.0)));
        for (term, (preferred, c)) in terms {
            writeln!(
                out,
                "| {} | {} | {} |",
                escape(term),
                escape(preferred),
                cells(c)
            )?;
        }
        writeln!(out, "\n| File | Errors | Warnings | Notes |")?;
        writeln!(out, "|---|--:|--:|--:|")?;
        for (file, c) in &tables.files {
            writeln!(out, "| {} | {} |", escape(file), cells(c))?;
        }
        let f = self.findings.lock().unwrap_or_else(|e| e.into_inner());
        writeln!(out, "\n### Findings\n")?;
        out.write_all(&f.0)?;
        if total > f.1 {
            writeln!(
                out,
                "\n… and {} more: run `termlint check` to see them all.",
                total - f.1
            )?;
        }
        Ok(())
    }
}

/// Errors, warnings, notes as table cells.
fn cells(c: &super::counts::BySeverity) -> String {
    SEVERITIES
        .iter()
        .map(|&(_, i)| c[i].to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Most serious first: errors, then warnings, then notes.
fn rank(c: &super::counts::BySeverity) -> (usize, usize, usize) {
    (c[2], c[1], c[0])
}
