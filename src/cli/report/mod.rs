//! Output formats: one file each. Each checked file's findings are rendered and written as soon
//! as every file before it in path order has been, a batch of records at a time, so output
//! streams, memory does not grow with the number of findings, and output is the same on every
//! run and every machine.

mod concise;
mod excerpt;
mod github;
pub mod human;
mod json;
mod jsonl;
mod junit;
mod sarif;

use std::io::{self, Write};

use serde::Serialize;
use termlint::{Checker, Finding, Linted, Locator, Quotation, Severity};

use super::args::OutputFormat;

/// The pseudo term id of a suppression directive that suppressed nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// One finding as every format sees it: positions resolved, term details attached.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The path as shown; a name that is not UTF-8 shows U+FFFD for each invalid byte, and
    /// `path_base64` then holds its exact bytes (standard Base64).
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_base64: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// Exclusive.
    pub end_column: usize,
    /// Byte offsets in the file (after a UTF-8 BOM, if any); `end_offset` is exclusive.
    pub offset: usize,
    pub end_offset: usize,
    pub term: &'a str,
    /// `deviant`, `miscased`, `missing`, `inconsistent` or `unused-suppression`.
    pub kind: &'static str,
    pub severity: Severity,
    /// The text as written.
    pub matched: &'a str,
    pub suggestion: &'a str,
    pub message: String,
    /// The glossary form that matched.
    pub form: &'a str,
    pub preferred: &'a str,
    pub source: &'a [String],
    pub note: Option<&'a str>,
    /// Other approved renderings.
    pub admitted: &'a [String],
    /// `whole` (a mention) or `inside` when the finding is in a quotation.
    pub quotation: Option<Quotation>,
    /// Whether `--fix` would fix it, and if not, why.
    pub fixable: bool,
    pub unfixable_reason: Option<&'static str>,
    /// Other places the finding refers to: for an inconsistent rendering, every use of each
    /// rendering.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedRecord<'a>>,
}

/// A related place, resolved to a position.
#[derive(Debug, Serialize)]
pub struct RelatedRecord<'a> {
    pub line: usize,
    pub column: usize,
    pub label: &'a str,
}

const NONE: &[String] = &[];

/// A file's findings and directive problems as records, in position order, resolved one at
/// a time: a file with millions of findings is rendered without holding a record for each.
pub struct Records<'a> {
    path: &'a str,
    text: &'a str,
    checker: &'a Checker,
    findings: std::iter::Peekable<std::slice::Iter<'a, Finding>>,
    problems: std::iter::Peekable<std::vec::IntoIter<&'a termlint::DirectiveProblem>>,
    locator: Locator<'a>,
    /// For related places, which come in any order.
    related: Locator<'a>,
}

impl<'a> Records<'a> {
    pub fn new(path: &'a str, text: &'a str, linted: &'a Linted, checker: &'a Checker) -> Self {
        let mut problems: Vec<&termlint::DirectiveProblem> =
            linted.directive_problems.iter().collect();
        problems.sort_by_key(|p| (p.span.start, p.span.end));
        Records {
            path,
            text,
            checker,
            findings: linted.findings.iter().peekable(),
            problems: problems.into_iter().peekable(),
            locator: Locator::new(text),
            related: Locator::new(text),
        }
    }

    /// Up to `n` more records.
    pub fn batch(&mut self, n: usize) -> Vec<Record<'a>> {
        self.by_ref().take(n).collect()
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let finding_first = match (self.findings.peek(), self.problems.peek()) {
            (None, None) => return None,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(f), Some(p)) => (f.span.start, f.span.end) <= (p.span.start, p.span.end),
        };
        let (finding, problem) = if finding_first {
            (self.findings.next(), None)
        } else {
            (None, self.problems.next())
        };
        let (start, end) = match (finding, problem) {
            (Some(f), _) => (f.span.start, f.span.end),
            (_, Some(p)) => (p.span.start, p.span.end),
            (None, None) => return None,
        };
        let text = self.text;
        let s = self.locator.locate(start);
        let e = self.locator.locate(end);
        let mut r = Record {
            path: self.path,
            path_base64: None,
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            offset: start,
            end_offset: end,
            term: UNUSED_SUPPRESSION,
            kind: UNUSED_SUPPRESSION,
            severity: Severity::Warning,
            matched: text[start..end].trim_end(),
            suggestion: "",
            message: String::new(),
            form: "",
            preferred: "",
            source: NONE,
            note: None,
            admitted: NONE,
            quotation: None,
            fixable: false,
            unfixable_reason: None,
            related: Vec::new(),
        };
        if let Some(f) = finding {
            let term = &self.checker.glossary().terms[f.term];
            r.term = &term.id;
            r.kind = f.kind.as_str();
            r.severity = f.severity;
            r.matched = &f.matched;
            r.suggestion = &f.suggestion;
            r.message = f.message();
            r.form = &f.form;
            r.preferred = &term.preferred;
            r.source = &term.sources;
            r.note = term.note.as_deref();
            r.admitted = &term.admitted;
            r.quotation = f.quotation;
            r.fixable = f.fix.reason().is_none();
            r.unfixable_reason = f.fix.reason();
            r.related = f
                .related
                .iter()
                .map(|rel| {
                    let p = self.related.locate(rel.span.start);
                    RelatedRecord {
                        line: p.line,
                        column: p.column,
                        label: &rel.label,
                    }
                })
                .collect();
        } else if let Some(p) = problem {
            r.message = p.message.clone();
        }
        Some(r)
    }
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    pub files_checked: usize,
    /// Findings fixed by `--fix` (or that `--diff` would fix), and in how many files.
    pub fixed: usize,
    pub fixed_files: usize,
    /// Findings hidden by suppression directives and by the baseline.
    pub suppressed: usize,
    pub baseline_hidden: usize,
}

impl Summary {
    /// Counts one record reported.
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => self.notes += 1,
        }
    }
}

/// An output format. Files are rendered in path order as their turn comes, so output streams
/// and is the same on every run.
pub trait Report: Sync {
    /// Renders records of one file, in order: a batch of them, or all of them at once (and
    /// for a file without any) when [`Report::whole_files`] says so. `text` is the file's text.
    fn render_file(&self, path: &str, text: &str, records: &[Record<'_>]) -> Vec<u8>;

    /// Whether [`Report::render_file`] needs a file's records all at once, and a call for each
    /// file without findings too (JUnit: one test case per file).
    fn whole_files(&self) -> bool {
        false
    }

    /// Writes one non-empty rendered chunk; `first`: none was written before it.
    fn chunk(&self, out: &mut dyn Write, chunk: &[u8], first: bool) -> io::Result<()> {
        let _ = first;
        out.write_all(chunk)
    }

    /// Writes what the format puts after the last chunk (`any`: whether a chunk was written).
    fn finish(&self, out: &mut dyn Write, summary: &Summary, any: bool) -> io::Result<()> {
        let _ = (out, summary, any);
        Ok(())
    }
}

pub use termlint::escape::{needs_escape, terminal};

/// The renderer of `format`; `fail_at` is the lowest severity that fails the run (JUnit marks
/// only those findings as failures).
pub fn for_format(format: OutputFormat, color: bool, fail_at: Severity) -> Box<dyn Report> {
    match format {
        OutputFormat::Human => Box::new(human::Human { color }),
        OutputFormat::Concise => Box::new(concise::Concise),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Jsonl => Box::new(jsonl::Jsonl),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Sarif => Box::new(sarif::Sarif::default()),
        OutputFormat::Junit => Box::new(junit::Junit::new(fail_at)),
    }
}

/// `message (use "suggestion")`: the one-line form used by concise, GitHub and JUnit output.
pub fn one_line(r: &Record<'_>) -> String {
    match (r.kind, r.suggestion) {
        (_, "") => r.message.clone(),
        ("miscased", s) => format!("{}: write \"{s}\"", r.message),
        (_, s) => format!("{}: use \"{s}\"", r.message),
    }
}
