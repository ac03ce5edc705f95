//! Format readers: from a file's text to the [`Prose`] that is checked.
//!
//! One file per format. Each reader only decides which byte ranges are prose and which of
//! them join into one paragraph; the matching itself is the same for every format.

use std::path::Path;

use crate::prose::Prose;

pub mod markdown;
pub mod plain;

/// The formats termlint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Any text file: all of it is prose.
    Plain,
    /// CommonMark with GitHub extensions: prose only, no code, HTML, URLs or front matter.
    Markdown,
}

impl Format {
    /// The format for a file name: Markdown for `.md` and `.markdown`, plain text otherwise.
    pub fn for_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Plain,
        }
    }

    /// The prose of `text` read as this format.
    pub fn prose(self, text: &str) -> Prose<'_> {
        match self {
            Format::Plain => plain::prose(text),
            Format::Markdown => markdown::prose(text),
        }
    }
}
