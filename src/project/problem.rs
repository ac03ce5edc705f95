//! Problems with a project's settings: a configuration or glossary file that cannot be read,
//! does not parse or is invalid, a missing glossary, glossaries that conflict. Each is data
//! (which file, which bytes, what is wrong, how to fix it); each front end renders it its own
//! way: the CLI as a compiler-style diagnostic, the language server as a diagnostic in that
//! file.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// What a problem is about, so that a front end can word or place it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file cannot be read (missing, not a regular file, not UTF-8 text, too large).
    Read,
    /// The file is not TOML at all; `span` is where parsing stopped, and its lines are never
    /// shown (it may be any file a path points at).
    NotToml,
    /// An invalid glossary (its own problems, at their place).
    Glossary,
    /// An invalid configuration file (at its place).
    Config,
    /// No glossary in `dir` or any directory above it.
    MissingGlossary { dir: PathBuf },
    /// Two glossaries merged for one file contradict each other.
    Conflict,
    /// A glossary that loads but cannot be compiled.
    Build,
}

/// One problem.
#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The file at fault (None for a missing glossary, or glossaries that conflict).
    pub path: Option<PathBuf>,
    /// The path as shown in messages.
    pub shown: String,
    /// The text of the file, when the problem points into it.
    pub text: Option<Arc<str>>,
    /// Bytes of `text` the problem is about.
    pub span: Option<Range<usize>>,
    /// The headline, without a severity: `invalid glossary: duplicate term id "cpc"`.
    pub message: String,
    /// Another place in the same file, and what is there.
    pub related: Option<(Range<usize>, String)>,
    /// Further lines (`at glossary.toml:3:1, near ...`).
    pub notes: Vec<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Problem {
    /// A problem with `message` and nothing else.
    pub fn new(kind: ProblemKind, shown: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            kind,
            path: None,
            shown: shown.into(),
            text: None,
            span: None,
            message: message.into(),
            related: None,
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, path: PathBuf, text: Option<Arc<str>>, span: Option<Range<usize>>) -> Self {
        self.path = Some(path);
        self.text = text;
        self.span = span;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The 0-based line of the problem in its file's text (0 without a place).
    pub fn line(&self) -> usize {
        match (&self.text, &self.span) {
            (Some(text), Some(span)) => {
                let at = span.start.min(text.len());
                memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count()
            }
            _ => 0,
        }
    }
}
