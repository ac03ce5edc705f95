//! Human output: rustc-style diagnostics rendered by codespan-reporting, then a summary line.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};
use codespan_reporting::files::Files;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};
use termlint::{Quotation, Severity};

use unicode_width::UnicodeWidthStr;

use super::excerpt::Excerpt;
use super::{Record, Report, Summary, UNUSED_SUPPRESSION};

pub struct Human {
    pub color: bool,
    /// The terminal's width in columns (see [`width`]).
    pub width: usize,
}

/// The width human output is fitted to: `COLUMNS` if set, else the terminal's (standard
/// output's, or standard error's when the report goes there), else 100.
pub fn width(to_stderr: bool) -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    let size = if to_stderr {
        rustix::termios::tcgetwinsize(io::stderr())
    } else {
        rustix::termios::tcgetwinsize(io::stdout())
    };
    match size {
        Ok(ws) if ws.ws_col > 0 => usize::from(ws.ws_col),
        _ => DEFAULT_WIDTH,
    }
}

/// The width when neither `COLUMNS` nor a terminal says.
pub const DEFAULT_WIDTH: usize = 100;

impl Report for Human {
    fn render_file(&self, path: &str, text: &str, records: &[Record<'_>]) -> Vec<u8> {
        if records.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for r in records {
            let label = label(r);
            let excerpt = Excerpt::new(
                path,
                text,
                r.offset..r.end_offset,
                r.line,
                r.column,
                self.width,
                UnicodeWidthStr::width(label.as_str()) + 1,
            );
            let d = diagnostic(r, &excerpt, label, self.width);
            emit(&mut out, &excerpt, &d, self.color);
        }
        out
    }

    fn finish(&self, out: &mut dyn Write, summary: &Summary, _any: bool) -> io::Result<()> {
        if let Some(line) = summary_line(summary) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// The label under the carets.
fn label(r: &Record<'_>) -> String {
    match r.kind {
        "miscased" => format!("write \"{}\"", r.suggestion),
        "missing" => format!("expected \"{}\" in this translation", r.suggestion),
        "inconsistent" => format!("rendered \"{}\" here", r.form),
        UNUSED_SUPPRESSION => "remove this directive or correct it".to_string(),
        _ => format!("use \"{}\"", r.suggestion),
    }
}

/// The diagnostic for a record, with its span placed in `excerpt`, its notes wrapped to
/// `width`. Text from the draft (the matched words in the message) is escaped for the
/// terminal.
fn diagnostic(
    r: &Record<'_>,
    excerpt: &Excerpt<'_>,
    label: String,
    width: usize,
) -> Diagnostic<()> {
    let level = match r.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let mut notes = Vec::new();
    if !r.source.is_empty() {
        notes.push(format!("source term: {}", r.source.join(", ")));
    }
    if let Some(note) = r.note {
        notes.push(format!("note: {note}"));
    }
    if r.kind == "inconsistent" {
        // One note per rendering: where the file uses it.
        let mut by_label: Vec<(&str, Vec<String>)> = Vec::new();
        for rel in &r.related {
            let at = format!("{}:{}", rel.line, rel.column);
            match by_label.iter_mut().find(|(l, _)| *l == rel.label) {
                Some((_, places)) => places.push(at),
                None => by_label.push((rel.label, vec![at])),
            }
        }
        for (label, places) in by_label {
            notes.push(format!("note: {label} at {}", places.join(", ")));
        }
        notes.push(format!("help: use \"{}\" throughout", r.suggestion));
    }
    let fix_note = !matches!(r.kind, "missing" | "inconsistent");
    match r.quotation {
        Some(Quotation::Whole) => notes.push(
            "note: a mention: the deviant is the whole quotation, so it is reported as a note and not fixed".to_string(),
        ),
        Some(Quotation::Inside) => {
            notes.push("note: inside a quotation: quotations keep their published wording, so it is not fixed".to_string())
        }
        None if fix_note => {
            if let Some(why) = r.unfixable_reason {
                notes.push(format!("note: not fixed by --fix: {why}"));
            }
        }
        None => {}
    }
    if !r.admitted.is_empty() && matches!(r.kind, "deviant" | "missing") {
        let also: Vec<String> = r.admitted.iter().map(|a| format!("\"{a}\"")).collect();
        notes.push(format!("help: also accepted: {}", also.join(", ")));
    }
    // codespan's note gutter: as wide as the last line number, then " = ".
    let gutter = (r.end_line.max(r.line)).to_string().len() + 3;
    let notes = notes
        .iter()
        .map(|n| wrap_note(n, width.saturating_sub(gutter)))
        .collect();
    Diagnostic::new(level)
        .with_code(r.term)
        .with_message(super::terminal(&r.message))
        .with_labels(vec![Label::primary((), excerpt.span()).with_message(label)])
        .with_notes(notes)
}

/// A note wrapped to `width` columns, its lines after the first indented under the text after
/// its label (`note: `, `help: `, `source term: `).
fn wrap_note(note: &str, width: usize) -> String {
    let indent = note
        .find(": ")
        .map_or(0, |i| UnicodeWidthStr::width(&note[..i + 2]));
    // Too narrow to indent usefully: wrap without.
    let indent = if width < indent + 20 { 0 } else { indent };
    let pad = " ".repeat(indent);
    let options = textwrap::Options::new(width.max(20))
        .subsequent_indent(&pad)
        .break_words(false);
    textwrap::wrap(note, options).join("\n")
}

/// Renders one diagnostic into `out`, in colour or not.
pub fn emit<'f>(
    out: &mut Vec<u8>,
    file: &'f impl Files<'f, FileId = ()>,
    d: &Diagnostic<()>,
    color: bool,
) {
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

/// `2 errors, 1 warning in 3 files; fixed 4 findings in 2 files; 3 hidden by the baseline`;
/// for a run that checked files and found nothing, `All checks passed!` (ruff's line), with
/// what was fixed or hidden after it in parentheses, unless some input could not be checked.
/// None when no file was checked.
pub fn summary_line(s: &Summary) -> Option<String> {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if s.files_with_findings > 0 {
        let mut kinds = Vec::new();
        if s.errors > 0 || (s.warnings == 0 && s.notes == 0) {
            kinds.push(count(s.errors, "error"));
        }
        if s.warnings > 0 {
            kinds.push(count(s.warnings, "warning"));
        }
        if s.notes > 0 {
            kinds.push(count(s.notes, "note"));
        }
        parts.push(format!(
            "{} in {}",
            kinds.join(", "),
            count(s.files_with_findings, "file")
        ));
    }
    let mut extra = Vec::new();
    if s.fixed > 0 {
        extra.push(format!(
            "fixed {} in {}",
            count(s.fixed, "finding"),
            count(s.fixed_files, "file")
        ));
    }
    if s.suppressed > 0 {
        extra.push(format!("{} suppressed by directives", s.suppressed));
    }
    if s.baseline_hidden > 0 {
        extra.push(format!("{} hidden by the baseline", s.baseline_hidden));
    }
    if parts.is_empty() {
        if s.files_checked == 0 {
            return (!extra.is_empty()).then(|| extra.join("; "));
        }
        if s.had_errors {
            extra.insert(
                0,
                format!(
                    "no findings in the {} checked, but not everything could be checked: see the errors above",
                    if s.files_checked == 1 {
                        "file".to_string()
                    } else {
                        format!("{} files", s.files_checked)
                    }
                ),
            );
            return Some(extra.join("; "));
        }
        if extra.is_empty() {
            return Some(ALL_PASSED.to_string());
        }
        return Some(format!("{ALL_PASSED} ({})", extra.join("; ")));
    }
    parts.extend(extra);
    Some(parts.join("; "))
}

/// What a run that found nothing prints, as ruff does.
pub const ALL_PASSED: &str = "All checks passed!";
