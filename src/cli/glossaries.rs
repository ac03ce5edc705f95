//! Finding, loading and caching glossaries.
//!
//! With `--glossary FILE`, every input uses that file. Otherwise each input uses the nearest
//! `glossary.toml` in its own directory or above it, stopping at the root of its git
//! repository, so a repository of drafts can hold one glossary per language pair or project.
//! Each glossary is loaded and compiled once, and each problem with one is reported once.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use termlint::{Checker, Glossary};

use super::input::describe_io;
use super::report::human::emit;

pub const FILE_NAME: &str = "glossary.toml";

pub struct Glossaries {
    explicit: Option<Arc<Checker>>,
    color: bool,
    /// Directory -> the glossary file that governs it (None: there is none).
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Glossary file -> its compiled form (None: it failed to load; already reported).
    loaded: Mutex<HashMap<PathBuf, Option<Arc<Checker>>>>,
    /// Rendered problems, each once, in a stable order.
    problems: Mutex<BTreeMap<String, String>>,
}

impl Glossaries {
    /// With an explicit glossary, loads it now; its problems are the error.
    pub fn new(explicit: Option<&Path>, color: bool) -> Result<Glossaries, String> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(load(path, color)?)),
            None => None,
        };
        Ok(Glossaries {
            explicit,
            color,
            by_dir: Mutex::default(),
            loaded: Mutex::default(),
            problems: Mutex::default(),
        })
    }

    /// The checker for a file, or None when there is no usable glossary (reported once).
    pub fn for_file(&self, file: &Path) -> Option<Arc<Checker>> {
        if let Some(c) = &self.explicit {
            return Some(c.clone());
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = abs.parent().unwrap_or(Path::new("/"));
        self.for_dir(dir)
    }

    /// The checker for a directory (used for standard input, with the current directory).
    pub fn for_dir(&self, dir: &Path) -> Option<Arc<Checker>> {
        if let Some(c) = &self.explicit {
            return Some(c.clone());
        }
        let found = {
            let mut by_dir = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
            by_dir
                .entry(dir.to_path_buf())
                .or_insert_with(|| discover(dir))
                .clone()
        };
        let Some(path) = found else {
            self.problem(
                "missing".to_string(),
                format!(
                    "error: no {FILE_NAME} found in {} or any directory above it\n  \
                     = help: create {FILE_NAME} next to your drafts, for example:\n\n        \
                     [[term]]\n        id = \"bri\"\n        source = \"一带一路\"\n        \
                     preferred = \"Belt and Road Initiative\"\n        \
                     deviants = [\"One Belt, One Road\"]\n\n    \
                     or pass --glossary FILE\n",
                    dir.display()
                ),
            );
            return None;
        };
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        loaded
            .entry(path.clone())
            .or_insert_with(|| match load(&path, self.color) {
                Ok(c) => Some(Arc::new(c)),
                Err(rendered) => {
                    self.problem(path.display().to_string(), rendered);
                    None
                }
            })
            .clone()
    }

    fn problem(&self, key: String, rendered: String) {
        let mut problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        problems.entry(key).or_insert(rendered);
    }

    /// Every problem met, rendered, in a stable order.
    pub fn into_problems(self) -> Vec<String> {
        let problems = self
            .problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        problems.into_values().collect()
    }
}

/// The nearest glossary.toml in `dir` or above, not above the root of a git repository.
fn discover(dir: &Path) -> Option<PathBuf> {
    for d in dir.ancestors() {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if d.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Reads, validates and compiles a glossary; on failure, the rendered diagnostics.
pub fn load(path: &Path, color: bool) -> Result<Checker, String> {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path)
        .display()
        .to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| format!("error: cannot read glossary {shown}: {}\n", describe_io(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "error: glossary {shown} is not valid UTF-8 at byte offset {}\n",
            e.utf8_error().valid_up_to()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let glossary = Glossary::from_toml(text).map_err(|errors| {
        let file = SimpleFile::new(shown.as_str(), text);
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
    })?;
    Checker::new(glossary).map_err(|e| format!("error: glossary {shown}: {e}\n"))
}
