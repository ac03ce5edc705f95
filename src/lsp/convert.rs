//! Positions and file names between termlint and the protocol: byte offsets to line and
//! character in the encoding the client negotiated (UTF-8 or UTF-16 code units; LSP counts
//! UTF-16 by default, so a term after CJK text or an emoji lands on the right characters), and
//! `file:` URIs to paths. Hand-written: the conversion is a few lines over a line index, and
//! the URI mapping only needs percent-encoding (the `percent-encoding` crate).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// How the client counts characters in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The byte offset where each line of a text starts (lines end at `\n`).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// The protocol position of a byte offset (clamped to the text, moved back to a
    /// character boundary).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, span: std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(span.start, encoding),
            self.position(span.end, encoding),
        )
    }

    /// The byte offset of a protocol position; a position past the end of its line is the
    /// end of the line (as the protocol says), one inside a character is the character's
    /// start, one past the last line is the end of the text.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > wanted {
                return start + i;
            }
        }
        end
    }
}

/// Characters escaped in a `file:` URI's path.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The path of a `file:` URI; None for another scheme (an unsaved buffer: `untitled:`).
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file:///p` or `file://localhost/p`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    decoded
        .starts_with('/')
        .then(|| PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    Uri::from_str(&format!("file://{}", utf8_percent_encode(s, PATH))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_an_emoji_as_two_and_utf8_counts_bytes() {
        let text = "一带一路 😀 One Belt\nsecond";
        let index = LineIndex::new(text);
        let at = text.find("One").unwrap();
        assert_eq!(index.position(at, Encoding::Utf16), Position::new(0, 8));
        assert_eq!(index.position(at, Encoding::Utf8), Position::new(0, 18));
        assert_eq!(index.offset(Position::new(0, 8), Encoding::Utf16), at);
        assert_eq!(index.offset(Position::new(0, 18), Encoding::Utf8), at);
        let second = text.find("second").unwrap();
        assert_eq!(
            index.position(second + 3, Encoding::Utf16),
            Position::new(1, 3)
        );
        // Past the end of a line: the end of the line; past the last line: the end.
        assert_eq!(
            index.offset(Position::new(0, 99), Encoding::Utf16),
            second - 1
        );
        assert_eq!(
            index.offset(Position::new(7, 0), Encoding::Utf16),
            text.len()
        );
        // Inside the emoji's surrogate pair: its start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(index.offset(Position::new(0, 6), Encoding::Utf16), emoji);
    }

    #[test]
    fn file_uris_round_trip_with_spaces_and_cjk() {
        let path = Path::new("/tmp/my drafts/草稿 #1.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/my%20drafts/%E8%8D%89%E7%A8%BF%20%231.md"
        );
        assert_eq!(path_of(&uri).unwrap(), path);
        assert_eq!(
            path_of(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
