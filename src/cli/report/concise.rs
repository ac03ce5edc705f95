//! `--format concise`: `path:line:col: severity[term]: message: use "..."`, one line per
//! finding, for editors' problem matchers and grep.

use std::io::{self, Write};

use super::{Record, Report, Summary, one_line};

pub struct Concise;

/// `path:line:col: severity[term]: message: use "..."`; JUnit failures use it too.
pub fn concise_line(r: &Record<'_>) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        r.path,
        r.line,
        r.column,
        r.severity,
        r.term,
        one_line(r)
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

    fn write(&self, out: &mut dyn Write, chunks: &[Vec<u8>], _summary: &Summary) -> io::Result<()> {
        chunks.iter().try_for_each(|c| out.write_all(c))
    }
}
