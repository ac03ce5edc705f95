//! `termlint glossary`: check.rs (validate), import.rs (termbases to glossary.toml),
//! export.rs (glossary.toml to TOML or TBX); and the glossary file they work on, the one named
//! or the nearest, loaded, with problems rendered for the terminal.

pub mod check;
pub mod export;
pub mod import;
pub mod suggest;

use std::path::{Path, PathBuf};

use termlint::Glossary;
use termlint::project::discovery::{self, FILE_NAME};
use termlint::project::{Options, Project};

use crate::cli::problems::render_all;

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
        .or_else(|| discovery::discover(&cwd))
        .ok_or_else(|| {
            missing_for(
                &cwd,
                &format!("or give its path: termlint glossary {command} FILE"),
            )
        })?;
    let glossary = load(&path, color)?;
    Ok((path, glossary))
}

/// A path as shown in messages: relative to the current directory when it is below it.
pub fn shown(path: &Path) -> String {
    discovery::shown_from(std::env::current_dir().ok().as_deref(), path)
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
    let project = Project::new(Options {
        base: std::env::current_dir().ok(),
        ..Options::default()
    });
    project
        .load_glossary(path)
        .map_err(|problems| render_all(&problems, color))
}
