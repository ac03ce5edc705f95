//! Human output: rustc-style diagnostics rendered by codespan-reporting, then a summary line.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};
use termlint::{FindingKind, Severity};

use super::{Record, Report, Summary};

pub struct Human {
    pub color: bool,
}

impl Report for Human {
    fn render_file(&self, path: &str, text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let file = SimpleFile::new(path, text);
        let mut out = Vec::new();
        for r in records {
            emit(&mut out, &file, &diagnostic(r), self.color);
        }
        out
    }

    fn write(&self, out: &mut dyn Write, chunks: &[Vec<u8>], summary: &Summary) -> io::Result<()> {
        for c in chunks {
            out.write_all(c)?;
        }
        if summary.files_with_findings > 0 {
            writeln!(out, "{}", summary_line(summary))?;
        }
        Ok(())
    }
}

fn diagnostic(r: &Record<'_>) -> Diagnostic<()> {
    let level = match r.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let label = match r.kind {
        FindingKind::Deviant => format!("use \"{}\"", r.suggestion),
        FindingKind::Miscased => format!("write \"{}\"", r.suggestion),
    };
    let mut notes = Vec::new();
    if !r.source.is_empty() {
        notes.push(format!("source term: {}", r.source.join(", ")));
    }
    if let Some(note) = r.note {
        notes.push(format!("note: {note}"));
    }
    if !r.admitted.is_empty() && r.kind == FindingKind::Deviant {
        let also: Vec<String> = r.admitted.iter().map(|a| format!("\"{a}\"")).collect();
        notes.push(format!("help: also accepted: {}", also.join(", ")));
    }
    Diagnostic::new(level)
        .with_code(r.term)
        .with_message(&r.message)
        .with_labels(vec![
            Label::primary((), r.offset..r.end_offset).with_message(label),
        ])
        .with_notes(notes)
}

/// Renders one diagnostic into `out`, in colour or not.
pub fn emit(out: &mut Vec<u8>, file: &SimpleFile<&str, &str>, d: &Diagnostic<()>, color: bool) {
    let config = Config::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let styles = Styles::default();
    let mut writer = StylesWriter::new(&mut buffer, &styles);
    // Rendering into memory only fails if the spans are outside the file, which the engine
    // never produces; a failure leaves the diagnostic out rather than aborting the run.
    let _ = term::emit_to_write_style(&mut writer, &config, file, d);
    out.extend_from_slice(buffer.as_slice());
}

/// `2 errors, 1 warning in 3 files`.
pub fn summary_line(s: &Summary) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if s.errors > 0 || (s.warnings == 0 && s.notes == 0) {
        parts.push(count(s.errors, "error"));
    }
    if s.warnings > 0 {
        parts.push(count(s.warnings, "warning"));
    }
    if s.notes > 0 {
        parts.push(count(s.notes, "note"));
    }
    format!(
        "{} in {}",
        parts.join(", "),
        count(s.files_with_findings, "file")
    )
}
