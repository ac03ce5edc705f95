//! `termlint glossary check [FILE]`: validate a glossary without checking any draft.

use std::io::{IsTerminal, Write};
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use termlint::{Checker, glossary_check};

use crate::cli::Status;
use crate::cli::args::ColorWhen;
use crate::cli::check::use_color;
use crate::cli::report::human::emit;

pub fn check(file: Option<&Path>, color: ColorWhen) -> Status {
    let color = use_color(color, std::io::stderr().is_terminal());
    let (path, glossary) = match super::given_or_nearest(file, "check", color) {
        Ok(found) => found,
        Err(rendered) => {
            eprint!("{rendered}");
            return Status::Error;
        }
    };
    let shown = super::shown(&path);
    let checker = match Checker::new(glossary) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {shown}: {e}");
            return Status::Error;
        }
    };
    let problems = glossary_check::check(&checker);
    let terms = &checker.glossary().terms;
    let forms: usize = terms
        .iter()
        .map(|t| t.approved().count() + t.deviants.len())
        .sum();
    let examples: usize = terms
        .iter()
        .map(|t| t.examples.good.len() + t.examples.bad.len())
        .sum();
    if problems.is_empty() {
        println!(
            "{shown}: {} terms, {forms} forms, {examples} examples: no problems",
            terms.len()
        );
        return Status::Clean;
    }
    // The file loaded a moment ago; if it cannot be read again, show the messages alone.
    let text = crate::cli::input::read_settings(&path).unwrap_or_default();
    let text = text.as_str();
    let source = SimpleFile::new(shown.as_str(), text);
    let mut out = Vec::new();
    for p in &problems {
        let labels = p
            .span
            .iter()
            .filter(|s| s.end <= text.len())
            .map(|s| Label::primary((), s.clone()))
            .collect();
        let d = Diagnostic::warning()
            .with_message(&p.message)
            .with_labels(labels)
            .with_notes(p.help.iter().map(|h| format!("help: {h}")).collect());
        emit(&mut out, &source, &d, color);
    }
    let _ = std::io::stderr().write_all(&out);
    let n = terms.len();
    eprintln!(
        "{shown}: {} problem{} (the glossary has {n} term{})",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        if n == 1 { "" } else { "s" }
    );
    Status::Findings
}
