//! Output formats: one file each. A format renders each file's findings on the worker thread
//! that checked it (so the source text need not be kept), and the chunks are written in path
//! order at the end, so output is the same on every run and every machine.

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
    #[serde(skip)]
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub label: &'a str,
}

const NONE: &[String] = &[];

/// Resolves a file's findings and directive problems to records, in position order.
pub fn records<'a>(
    path: &'a str,
    text: &'a str,
    linted: &'a Linted,
    checker: &'a Checker,
) -> Vec<Record<'a>> {
    let mut spans: Vec<(
        usize,
        usize,
        Option<&'a Finding>,
        Option<&'a termlint::DirectiveProblem>,
    )> = linted
        .findings
        .iter()
        .map(|f| (f.span.start, f.span.end, Some(f), None))
        .chain(
            linted
                .directive_problems
                .iter()
                .map(|p| (p.span.start, p.span.end, None, Some(p))),
        )
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut locator = Locator::new(text);
    let mut records: Vec<Record<'a>> = spans
        .into_iter()
        .map(|(start, end, finding, problem)| {
            let s = locator.locate(start);
            let e = locator.locate(end);
            let mut r = Record {
                path,
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
                let term = &checker.glossary().terms[f.term];
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
                    .map(|rel| RelatedRecord {
                        offset: rel.span.start,
                        // Resolved below, all at once, in ascending order.
                        line: 0,
                        column: 0,
                        label: &rel.label,
                    })
                    .collect();
            } else if let Some(p) = problem {
                r.message = p.message.clone();
            }
            r
        })
        .collect();
    // Related places, located in one ascending pass over the text (they come in any order).
    let mut related: Vec<&mut RelatedRecord<'a>> = records
        .iter_mut()
        .flat_map(|r| r.related.iter_mut())
        .collect();
    if !related.is_empty() {
        related.sort_by_key(|rel| rel.offset);
        let mut at = Locator::new(text);
        for rel in related {
            let p = at.locate(rel.offset);
            rel.line = p.line;
            rel.column = p.column;
        }
    }
    records
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
        self.files_checked += 1;
    }

    pub fn merge(&mut self, o: &Summary) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.notes += o.notes;
        self.files_with_findings += o.files_with_findings;
        self.files_checked += o.files_checked;
        self.fixed += o.fixed;
        self.fixed_files += o.fixed_files;
        self.suppressed += o.suppressed;
        self.baseline_hidden += o.baseline_hidden;
    }
}

/// An output format.
pub trait Report: Sync {
    /// Renders one checked file's records (possibly none). `text` is the file's text.
    fn render_file(&self, path: &str, text: &str, records: &[Record<'_>]) -> Vec<u8>;

    /// Writes the rendered chunks, in order, and whatever the format puts around them.
    fn write(&self, out: &mut dyn Write, chunks: &[Vec<u8>], summary: &Summary) -> io::Result<()>;
}

pub fn for_format(format: OutputFormat, color: bool) -> Box<dyn Report> {
    match format {
        OutputFormat::Human => Box::new(human::Human { color }),
        OutputFormat::Concise => Box::new(concise::Concise),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Jsonl => Box::new(jsonl::Jsonl),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Sarif => Box::new(sarif::Sarif),
        OutputFormat::Junit => Box::new(junit::Junit),
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
