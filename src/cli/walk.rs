//! Turning the paths on the command line into files to check, in parallel.
//!
//! Directories are walked with the `ignore` crate, as ripgrep does: .gitignore, .ignore and
//! hidden files are honoured, symbolic links are not followed. Files named on the command
//! line are always checked. While walking, glossaries and configuration files are skipped
//! here by name (they list deviants by design); the checker then keeps only the formats it
//! reads ([`termlint::project::Settings::walks`]).

use std::path::{Path, PathBuf};

use ignore::{WalkBuilder, WalkState};

/// A file to check.
pub struct Target {
    pub path: PathBuf,
    /// The path as shown in output: as given, or as walked below a given directory.
    pub display: String,
    /// Named on the command line (a binary file is then an error, not skipped).
    pub explicit: bool,
}

pub enum Visit {
    File(Target),
    /// A directory or file the walk could not read.
    Error {
        display: String,
        message: String,
    },
}

/// Walks `roots` on `threads` threads, calling `visit` for each file (from many threads).
/// `implicit` means the root is the default `.`, whose `./` prefix is not shown.
pub fn walk(roots: &[PathBuf], threads: usize, implicit: bool, visit: &(dyn Fn(Visit) + Sync)) {
    let Some((first, rest)) = roots.split_first() else {
        return;
    };
    let mut builder = WalkBuilder::new(first);
    for r in rest {
        builder.add(r);
    }
    builder.threads(threads).require_git(false);
    builder.build_parallel().run(|| {
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    let explicit = entry.depth() == 0;
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let named_file = explicit && !entry.path().is_dir();
                    if !(is_file || named_file) {
                        return WalkState::Continue;
                    }
                    if !explicit && is_settings_file(entry.path()) {
                        return WalkState::Continue;
                    }
                    visit(Visit::File(Target {
                        display: display(entry.path(), implicit),
                        path: entry.into_path(),
                        explicit,
                    }));
                }
                Err(err) => visit(Visit::Error {
                    display: error_path(&err).map_or_else(String::new, |p| display(&p, implicit)),
                    message: walk_error_message(&err),
                }),
            }
            WalkState::Continue
        })
    });
}

/// A glossary or configuration file by its name: `glossary.toml`, `termlint.toml`,
/// `.termlint.toml`, or a termbase (`.tbx`).
fn is_settings_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(name, "glossary.toml" | "termlint.toml" | ".termlint.toml")
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tbx"))
}

fn display(path: &Path, implicit: bool) -> String {
    let path = if implicit {
        path.strip_prefix(".").unwrap_or(path)
    } else {
        path
    };
    path.display().to_string()
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        ignore::Error::Io(e) => super::input::describe_io(e),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        other => other.to_string(),
    }
}
