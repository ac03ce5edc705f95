//! Documents open in the editor: their text as the editor holds it (saved or not), kept in
//! step with every change the client sends (incremental or whole).

use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::convert::{Encoding, LineIndex, path_of};

/// What an open document is to termlint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A draft, checked against its glossary.
    Draft,
    /// A glossary file: its problems are its diagnostics, and its text applies to the drafts.
    Glossary,
    /// A termlint.toml.
    Config,
}

pub struct Document {
    pub uri: Uri,
    /// None for a buffer that is not a file (`untitled:`).
    pub path: Option<PathBuf>,
    pub text: String,
    pub version: Option<i32>,
    pub role: Role,
}

impl Document {
    pub fn new(uri: Uri, text: String) -> Document {
        Document {
            path: path_of(&uri),
            uri,
            text,
            version: None,
            role: Role::Draft,
        }
    }

    /// Applies one change: a range replaced, or (without a range) the whole text.
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            None => self.text = change.text,
            Some(range) => {
                let index = LineIndex::new(&self.text);
                let start = index.offset(range.start, encoding);
                let end = index.offset(range.end, encoding).max(start);
                self.text.replace_range(start..end, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    #[test]
    fn incremental_changes_after_cjk_land_where_the_client_meant() {
        let uri = Uri::from_str("file:///tmp/a.md").unwrap();
        let mut doc = Document::new(uri, "中文 One Belt\nnext".to_string());
        // Replace "One" (UTF-16 columns 3..6) with "Two".
        doc.apply(
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(0, 3), Position::new(0, 6))),
                range_length: None,
                text: "Two".to_string(),
            },
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "中文 Two Belt\nnext");
        // Insert at the start of the second line, in UTF-8 columns.
        doc.apply(
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(1, 0), Position::new(1, 0))),
                range_length: None,
                text: "the ".to_string(),
            },
            Encoding::Utf8,
        );
        assert_eq!(doc.text, "中文 Two Belt\nthe next");
        assert_eq!(doc.path, Some(PathBuf::from("/tmp/a.md")));
    }
}
