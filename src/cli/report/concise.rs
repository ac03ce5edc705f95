//! `--format concise`: `path:line:col: severity[term]: message: use "..."`, one line per
//! finding, for editors' problem matchers and grep.

use std::io::{self, Write};

use super::{Record, Report, Summary, one_line, terminal};

pub struct Concise;

/// `path:line:col: severity[term]: message: use "..."`; JUnit failures use it too.
pub fn concise_line(r: &Record<'_>) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        terminal(r.path),
        r.line,
        r.column,
        r.severity,
        r.term,
        terminal(&one_line(r))
    )
}

impl Report for Concise {
    fn render_file(&self, _path: &str, _text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            let _ = writeln!(out, "{}", concise_line(r));
        }
        out
    }

    /// A clean run says so, as ruff's concise output does; findings need no summary here.
    fn finish(&self, out: &mut dyn Write, summary: &Summary, any: bool) -> io::Result<()> {
        if !any && summary.files_checked > 0 && !summary.had_errors {
            writeln!(out, "{}", super::human::ALL_PASSED)?;
        }
        Ok(())
    }
}
