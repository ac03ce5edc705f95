//! Glossary files: finding the nearest one and loading one into a [`Glossary`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::problem::{Problem, ProblemKind};
use super::read::snippet;
use crate::Glossary;

pub const FILE_NAME: &str = "glossary.toml";

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

/// A path as shown in messages: relative to `base` when it is below it.
pub fn shown_from(base: Option<&Path>, path: &Path) -> String {
    base.and_then(|b| path.strip_prefix(b).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The problem of a directory without a glossary.
pub fn missing(dir: &Path) -> Problem {
    Problem::new(
        ProblemKind::MissingGlossary {
            dir: dir.to_path_buf(),
        },
        dir.display().to_string(),
        format!(
            "no {FILE_NAME} found in {} or any directory above it",
            dir.display()
        ),
    )
    .with_help(format!(
        "create {FILE_NAME} next to your drafts, or pass --glossary FILE"
    ))
}

/// Parses and validates a glossary's text; on failure, its problems.
pub fn load(path: &Path, shown: &str, text: &str) -> Result<Glossary, Vec<Problem>> {
    Glossary::from_toml(text).map_err(|errors| {
        if let Some(p) = not_toml(path, shown, text, "glossary") {
            return vec![p];
        }
        let shared: Arc<str> = Arc::from(text);
        errors
            .into_iter()
            .map(|e| {
                let mut p = Problem::new(
                    ProblemKind::Glossary,
                    shown,
                    format!("invalid glossary: {}", e.message),
                )
                .at(path.to_path_buf(), Some(shared.clone()), e.span);
                p.related = e.related;
                p.help = e.help;
                p
            })
            .collect()
    })
}

/// For a file that is not TOML at all, the problem: where it stops parsing and a few escaped
/// characters, never its lines (it may be any file a path points at: a key file, the process
/// environment). None when the file is TOML, whose problems are shown in context: a file that
/// parses, or one whose lines before the error parse to at least one key or table (a glossary
/// with a typo in it).
pub fn not_toml(path: &Path, shown: &str, text: &str, what: &str) -> Option<Problem> {
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
    Some(
        Problem::new(
            ProblemKind::NotToml,
            shown,
            format!("invalid {what}: not valid TOML: {}", e.message().trim()),
        )
        // The text is kept only to place the problem at its line; it is never shown.
        .at(
            path.to_path_buf(),
            Some(Arc::from(text)),
            Some(offset..offset),
        )
        .with_note(format!(
            "at {shown}:{line}:{column}, near `{}`",
            snippet(text, offset)
        ))
        .with_help(format!(
            "a {what} file is TOML; see the README for its format"
        )),
    )
}
