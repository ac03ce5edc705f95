//! Output formats: one file each. Each checked file's findings are rendered and written as soon
//! as every file before it in path order has been, a batch of records at a time, so output
//! streams, memory does not grow with the number of findings, and output is the same on every
//! run and every machine.

mod concise;
mod counts;
mod excerpt;
mod github;
mod html;
pub mod human;
mod json;
mod jsonl;
mod junit;
mod markdown;
mod sarif;
pub mod statistics;

use std::io::{self, Write};

use termlint::Severity;

use super::args::OutputFormat;

pub use termlint::diagnostic::{Record, Records, UNUSED_SUPPRESSION};

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
    /// Some input could not be checked (or fixed), or settings did not load: a run without
    /// findings then does not claim that all checks passed.
    pub had_errors: bool,
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
/// only those findings as failures); `width`: the terminal's, for human output.
pub fn for_format(
    format: OutputFormat,
    color: bool,
    fail_at: Severity,
    width: usize,
) -> Box<dyn Report> {
    match format {
        OutputFormat::Human => Box::new(human::Human { color, width }),
        OutputFormat::Concise => Box::new(concise::Concise),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Jsonl => Box::new(jsonl::Jsonl),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Sarif => Box::new(sarif::Sarif::default()),
        OutputFormat::Junit => Box::new(junit::Junit::new(fail_at)),
        OutputFormat::Markdown => Box::new(markdown::Markdown::default()),
        OutputFormat::Html => Box::new(html::Html::default()),
    }
}

pub use termlint::diagnostic::one_line;
