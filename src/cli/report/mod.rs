//! Output formats: one file each. A format renders each file's findings on the worker thread
//! that checked it (so the source text need not be kept), and the chunks are written in path
//! order at the end, so output is the same on every run and every machine.

pub mod human;
mod json;
mod jsonl;

use std::io::{self, Write};

use serde::Serialize;
use termlint::{Checker, Finding, FindingKind, Locator, Severity};

use super::args::OutputFormat;

/// One finding as every format sees it: positions resolved, term details attached.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// Exclusive.
    pub end_column: usize,
    /// Byte offsets in the file (after a UTF-8 BOM, if any); `end_offset` is exclusive.
    pub offset: usize,
    pub end_offset: usize,
    pub term: &'a str,
    pub kind: FindingKind,
    pub severity: Severity,
    /// The text as written.
    pub matched: &'a str,
    pub suggestion: &'a str,
    pub message: String,
    /// The glossary form that matched.
    pub form: &'a str,
    pub source: &'a [String],
    pub note: Option<&'a str>,
    /// Other approved renderings.
    pub admitted: &'a [String],
}

/// Resolves findings to records.
pub fn records<'a>(
    path: &'a str,
    text: &str,
    findings: &'a [Finding],
    checker: &'a Checker,
) -> Vec<Record<'a>> {
    let mut locator = Locator::new(text);
    findings
        .iter()
        .map(|f| {
            let start = locator.locate(f.span.start);
            let end = locator.locate(f.span.end);
            let term = &checker.glossary().terms[f.term];
            Record {
                path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                offset: f.span.start,
                end_offset: f.span.end,
                term: &term.id,
                kind: f.kind,
                severity: f.severity,
                matched: &f.matched,
                suggestion: &f.suggestion,
                message: f.message(),
                form: &f.form,
                source: &term.sources,
                note: term.note.as_deref(),
                admitted: &term.admitted,
            }
        })
        .collect()
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
}

impl Summary {
    pub fn add(&mut self, records: &[Record<'_>]) {
        for r in records {
            match r.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
        }
        if !records.is_empty() {
            self.files_with_findings += 1;
        }
    }
}

/// An output format.
pub trait Report: Sync {
    /// Renders one file's findings (never called with none). `text` is the file's text.
    fn render_file(&self, path: &str, text: &str, records: &[Record<'_>]) -> Vec<u8>;

    /// Writes the rendered chunks, in order, and whatever the format puts around them.
    fn write(&self, out: &mut dyn Write, chunks: &[Vec<u8>], summary: &Summary) -> io::Result<()>;
}

pub fn for_format(format: OutputFormat, color: bool) -> Box<dyn Report> {
    match format {
        OutputFormat::Human => Box::new(human::Human { color }),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Jsonl => Box::new(jsonl::Jsonl),
    }
}
