//! Glossary files: finding the nearest one and loading one into a [`Glossary`].

use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use termlint::Glossary;

use super::input::{read_settings, snippet};
use super::report::human::emit;

pub const FILE_NAME: &str = "glossary.toml";

/// The glossary `termlint glossary <command>` works on: `file`, else the nearest
/// glossary.toml above the current directory; loaded, with its path. On failure the problem is
/// rendered.
pub fn given_or_nearest(
    file: Option<&Path>,
    command: &str,
    color: bool,
) -> Result<(PathBuf, Glossary), String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = file
        .map(Path::to_path_buf)
        .or_else(|| discover(&cwd))
        .ok_or_else(|| {
            missing_for(
                &cwd,
                &format!("or give its path: termlint glossary {command} FILE"),
            )
        })?;
    let glossary = load(&path, color)?;
    Ok((path, glossary))
}

/// The nearest glossary.toml in `dir` or above, not above the root of a git repository.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    find_upward(dir, &[FILE_NAME])
}

/// The first of `names` found in `dir` or a directory above it, stopping after the root of a
/// git repository (a directory holding `.git`), so a file outside the project never applies.
pub fn find_upward(dir: &Path, names: &[&str]) -> Option<PathBuf> {
    for d in dir.ancestors() {
        for name in names {
            let candidate = d.join(name);
            // Anything by that name is the one: a FIFO or a directory called glossary.toml is
            // reported when it is read, never passed over for a parent's file.
            if std::fs::symlink_metadata(&candidate).is_ok() {
                return Some(candidate);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
    }
    None
}

/// A path as shown in messages: relative to the current directory when it is below it.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The message for a directory without a glossary, for commands that take `--glossary`.
pub fn missing(dir: &Path) -> String {
    missing_for(dir, "or pass --glossary FILE")
}

/// The message for a directory without a glossary, ending with `other_way`: how else to name
/// one (the `glossary` subcommands take it as an argument, not as `--glossary`).
pub fn missing_for(dir: &Path, other_way: &str) -> String {
    format!(
        "error: no {FILE_NAME} found in {} or any directory above it\n  \
         = help: create {FILE_NAME} next to your drafts, for example:\n\n        \
         [[term]]\n        id = \"bri\"\n        source = \"一带一路\"\n        \
         preferred = \"Belt and Road Initiative\"\n        \
         deviants = [\"One Belt, One Road\"]\n\n    \
         {other_way}\n",
        dir.display()
    )
}

/// Reads and validates a glossary; on failure, the rendered diagnostics.
pub fn load(path: &Path, color: bool) -> Result<Glossary, String> {
    let shown = shown(path);
    let text =
        read_settings(path).map_err(|e| format!("error: cannot read glossary {shown}: {e}\n"))?;
    Glossary::from_toml(&text).map_err(|errors| {
        if let Some(rendered) = not_toml(&shown, &text, "glossary", color) {
            return rendered;
        }
        let file = SimpleFile::new(shown.as_str(), text.as_str());
        let mut out = Vec::new();
        for e in &errors {
            let mut labels = Vec::new();
            if let Some(span) = &e.span {
                labels.push(Label::primary((), span.clone()));
            }
            if let Some((span, what)) = &e.related {
                labels.push(Label::secondary((), span.clone()).with_message(what));
            }
            let mut d = Diagnostic::error()
                .with_message(format!("invalid glossary: {}", e.message))
                .with_labels(labels);
            if let Some(help) = &e.help {
                d = d.with_notes(vec![format!("help: {help}")]);
            }
            emit(&mut out, &file, &d, color);
        }
        String::from_utf8_lossy(&out).into_owned()
    })
}

/// For a file that is not TOML at all, the diagnostic: where it stops parsing and a few
/// escaped characters, never its lines (it may be any file a path points at: a key file, the
/// process environment). None when the file is TOML, whose problems are shown in context: a
/// file that parses, or one whose lines before the error parse to at least one key or table
/// (a glossary with a typo in it).
pub fn not_toml(shown: &str, text: &str, what: &str, color: bool) -> Option<String> {
    let e = text.parse::<toml::Table>().err()?;
    let offset = e.span().map_or(0, |s| s.start).min(text.len());
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    if text[..line_start]
        .parse::<toml::Table>()
        .is_ok_and(|t| !t.is_empty())
    {
        return None;
    }
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[text[..offset].rfind('\n').map_or(0, |i| i + 1)..offset]
        .chars()
        .count()
        + 1;
    let d = Diagnostic::<()>::error()
        .with_message(format!(
            "invalid {what}: not valid TOML: {}",
            e.message().trim()
        ))
        .with_notes(vec![
            format!(
                "at {shown}:{line}:{column}, near `{}`",
                snippet(text, offset)
            ),
            format!("help: a {what} file is TOML; see the README for its format"),
        ]);
    let mut out = Vec::new();
    let file = SimpleFile::new(shown, "");
    emit(&mut out, &file, &d, color);
    Some(String::from_utf8_lossy(&out).into_owned())
}
