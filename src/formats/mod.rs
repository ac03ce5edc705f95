//! Format readers: from a file's text to the [`Prose`] that is checked.
//!
//! One file per format. Each reader only decides which byte ranges are prose and which of
//! them join into one paragraph; the matching itself is the same for every format.

use std::path::Path;

use crate::prose::Prose;

pub mod docx;
pub(crate) mod dtd;
pub mod extensions;
pub mod markdown;
pub mod plain;
pub mod po;
pub mod table;
pub mod tmx;
pub(crate) mod tree;
pub mod xliff;

/// The formats termlint reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// Any text file: all of it is prose.
    Plain,
    /// CommonMark with GitHub extensions: prose only, no code, HTML, URLs or front matter.
    Markdown,
    /// gettext PO: the translations only.
    Po,
    /// XLIFF 1.2 and 2.0: the targets only.
    Xliff,
    /// TMX: the translations (every variant not in the source language).
    Tmx,
    /// A Word document, given as the text [`docx::text`] extracted: one line per paragraph.
    Docx,
    /// A TSV or CSV table: the translation column, with the source column beside it.
    Table(table::Table),
}

/// A file that does not parse as its format, or that termlint declines to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// 1-based line and column of the problem, or 0 when it is about the whole file (XML
    /// entities that expand too far): then the file is well-formed and not read.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "{}:{}: {}", self.line, self.column, self.message)
        }
    }
}

/// Parses XML with roxmltree, a DTD allowed; an error says where, once. roxmltree expands
/// entities and bounds their nesting; the text they expand to is bounded here first (see
/// [`dtd::check`]), an error at line 0. Deep nesting is safe: roxmltree parses it
/// without recursion, and the readers walk the tree without recursion too.
pub(crate) fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, FormatError> {
    if let Err(message) = dtd::check(text) {
        return Err(FormatError {
            line: 0,
            column: 0,
            message,
        });
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        FormatError {
            line: pos.row as usize,
            column: pos.col as usize,
            message: xml_message(&e),
        }
    })
}

/// roxmltree's message without its trailing ` at LINE:COLUMN`, which every caller reports in
/// its own words.
fn xml_message(e: &roxmltree::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at ") {
        Some(i)
            if s[i + 4..]
                .split(':')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            s[..i].to_string()
        }
        _ => s,
    }
}

impl Format {
    /// The format for a file name by the default extension table ([`extensions::Formats`]):
    /// Markdown for `.md` and `.markdown`, PO for `.po` and `.pot`, XLIFF for `.xlf` and
    /// `.xliff`, TMX for `.tmx`, Word for `.docx`, plain text otherwise.
    pub fn for_path(path: &Path) -> Format {
        extensions::Formats::default().for_path(path)
    }

    /// The format's name, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Plain => "text",
            Format::Markdown => "Markdown",
            Format::Po => "PO",
            Format::Xliff => "XLIFF",
            Format::Tmx => "TMX",
            Format::Docx => "Word",
            Format::Table(t) if t.delimiter == b',' => "CSV",
            Format::Table(_) => "TSV",
        }
    }

    /// The prose of `text` read as this format, or where it does not parse.
    pub fn read<'a>(&self, text: &'a str) -> Result<Prose<'a>, FormatError> {
        match self {
            Format::Plain | Format::Docx => Ok(plain::prose(text)),
            Format::Markdown => Ok(markdown::prose(text)),
            Format::Po => po::read(text),
            Format::Xliff => xliff::read(text),
            Format::Tmx => tmx::read(text),
            Format::Table(t) => table::read(text, t),
        }
    }

    /// The prose of `text` read as this format; a file that does not parse has none (use
    /// [`Format::read`] to learn why).
    pub fn prose<'a>(&self, text: &'a str) -> Prose<'a> {
        self.read(text)
            .unwrap_or_else(|_| Prose::from_pieces(text, []))
    }
}
