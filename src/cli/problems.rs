//! Problems with settings files ([`termlint::project::Problem`]) rendered for the terminal:
//! compiler-style diagnostics in the file, or one line.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use termlint::project::{ConfigMode, Options, Problem, ProblemKind, Project};

use super::args::SettingsArgs;
use super::glossary::missing;
use super::report::human::emit;

/// The project as the command line's settings options describe it; paths are shown relative
/// to the current directory.
pub fn project(args: &SettingsArgs) -> Project {
    Project::new(options(args, None, false))
}

/// The project options of the command line, with `termlint check`'s `--columns` and
/// `--strict-count`.
pub fn options(
    args: &SettingsArgs,
    columns: Option<termlint::formats::table::Columns>,
    strict_count: bool,
) -> Options {
    let cwd = std::env::current_dir().unwrap_or_default();
    Options {
        glossaries: args.glossary.iter().map(|g| cwd.join(g)).collect(),
        config: match (&args.config, args.isolated) {
            (_, true) => ConfigMode::Isolated,
            (Some(c), false) => ConfigMode::Explicit(cwd.join(c)),
            (None, false) => ConfigMode::Nearest,
        },
        columns,
        strict_count,
        base: Some(cwd),
    }
}

/// One problem as the terminal shows it.
pub fn render(p: &Problem, color: bool) -> String {
    match &p.kind {
        ProblemKind::Read | ProblemKind::Conflict | ProblemKind::Build => {
            format!("error: {}\n", p.message)
        }
        ProblemKind::MissingGlossary { dir } => missing(dir),
        ProblemKind::NotToml => {
            let mut notes = p.notes.clone();
            notes.extend(p.help.iter().map(|h| format!("help: {h}")));
            let d = Diagnostic::<()>::error()
                .with_message(p.message.clone())
                .with_notes(notes);
            let mut out = Vec::new();
            // Never the file's lines: it may be any file a path points at.
            emit(&mut out, &SimpleFile::new(p.shown.as_str(), ""), &d, color);
            String::from_utf8_lossy(&out).into_owned()
        }
        ProblemKind::Glossary | ProblemKind::Config => {
            let text = p.text.as_deref().unwrap_or("");
            let mut labels = Vec::new();
            if let Some(span) = &p.span {
                labels.push(Label::primary((), span.clone()));
            }
            if let Some((span, what)) = &p.related {
                labels.push(Label::secondary((), span.clone()).with_message(what));
            }
            let mut notes = p.notes.clone();
            notes.extend(p.help.iter().map(|h| format!("help: {h}")));
            let d = Diagnostic::error()
                .with_message(p.message.clone())
                .with_labels(labels)
                .with_notes(notes);
            let mut out = Vec::new();
            emit(
                &mut out,
                &SimpleFile::new(p.shown.as_str(), text),
                &d,
                color,
            );
            String::from_utf8_lossy(&out).into_owned()
        }
    }
}

/// Several problems, one after the other.
pub fn render_all(problems: &[Problem], color: bool) -> String {
    problems.iter().map(|p| render(p, color)).collect()
}
