//! `--statistics`: the number of findings per term and severity, most frequent first, then a
//! total. Text for people; with `--format json` (or `jsonl`), one JSON object.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use termlint::Severity;

use super::Summary;
use super::human::summary_line;
use crate::cli::args::OutputFormat;

/// One term's findings, by severity (a term's findings differ in severity when some are in
/// quotations, or fail only as notes).
#[derive(Debug, Default)]
pub struct TermCount {
    /// Note, warning, error.
    by_severity: [usize; 3],
    preferred: String,
}

impl TermCount {
    pub fn new(preferred: &str) -> TermCount {
        TermCount {
            by_severity: [0; 3],
            preferred: preferred.to_string(),
        }
    }

    pub fn add(&mut self, severity: Severity) {
        self.by_severity[severity as usize] += 1;
    }

    pub fn merge(&mut self, other: &TermCount) {
        for (a, b) in self.by_severity.iter_mut().zip(other.by_severity) {
            *a += b;
        }
    }
}

/// A row of the table: one term at one severity.
#[derive(Serialize)]
struct Row<'a> {
    term: &'a str,
    severity: Severity,
    count: usize,
    /// The preferred rendering (empty for an unused suppression directive).
    preferred: &'a str,
}

#[derive(Serialize)]
struct Totals<'a> {
    statistics: Vec<Row<'a>>,
    total: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    files_with_findings: usize,
    files_checked: usize,
    fixed: usize,
    suppressed: usize,
    baseline_hidden: usize,
}

const SEVERITIES: [Severity; 3] = [Severity::Note, Severity::Warning, Severity::Error];

/// Writes the statistics in the run's format.
pub fn write(
    out: &mut dyn Write,
    format: OutputFormat,
    stats: &BTreeMap<String, TermCount>,
    summary: &Summary,
) -> io::Result<()> {
    let mut rows: Vec<Row<'_>> = stats
        .iter()
        .flat_map(|(term, c)| {
            SEVERITIES.iter().filter_map(move |&severity| {
                let count = c.by_severity[severity as usize];
                (count > 0).then_some(Row {
                    term,
                    severity,
                    count,
                    preferred: &c.preferred,
                })
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.severity.cmp(&a.severity))
            .then(a.term.cmp(b.term))
    });
    let total = summary.errors + summary.warnings + summary.notes;
    match format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            let totals = Totals {
                statistics: rows,
                total,
                errors: summary.errors,
                warnings: summary.warnings,
                notes: summary.notes,
                files_with_findings: summary.files_with_findings,
                files_checked: summary.files_checked,
                fixed: summary.fixed,
                suppressed: summary.suppressed,
                baseline_hidden: summary.baseline_hidden,
            };
            if format == OutputFormat::Json {
                serde_json::to_writer_pretty(&mut *out, &totals)?;
            } else {
                serde_json::to_writer(&mut *out, &totals)?;
            }
            writeln!(out)
        }
        _ => {
            let width = rows.iter().map(|r| r.term.len()).max().unwrap_or(0);
            for r in &rows {
                if r.preferred.is_empty() {
                    writeln!(
                        out,
                        "{:>6}  {:<7}  {}",
                        r.count,
                        r.severity.as_str(),
                        r.term
                    )?;
                } else {
                    writeln!(
                        out,
                        "{:>6}  {:<7}  {:<width$}  use \"{}\"",
                        r.count,
                        r.severity.as_str(),
                        r.term,
                        r.preferred
                    )?;
                }
            }
            match summary_line(summary) {
                Some(line) if total > 0 => writeln!(out, "{total:>6}  total    {line}"),
                Some(line) => writeln!(out, "{line}"),
                None => Ok(()),
            }
        }
    }
}
