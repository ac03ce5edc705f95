//! The prose of a document: which bytes of the original text are checked, and how they join.
//!
//! A format reader (see [`crate::formats`]) turns a file into [`Prose`]: a sorted list of
//! [`Piece`]s, byte ranges of the original text that hold prose. Consecutive pieces of one
//! paragraph are *joined*: the bytes between them (inline markup such as `*` or `](url)`) are
//! transparent, except for their whitespace, which still separates words (see [`Gap`] for the
//! other kinds of join: nothing at all, or one character written as an escape or entity).
//! Pieces that are not joined are separated by a barrier (a block boundary, a code span, the
//! next message) that no term can cross.
//!
//! The matcher never copies or rewrites the text: it reads the original bytes through the
//! cursors below, so every position it reports is a position in the file.

use std::ops::Range;

use crate::suppress::Directive;

/// The characters that end a sentence, for cutting a long text into windows
/// ([`Prose::window_ranges`]).
pub const SENTENCE_ENDS: [char; 6] = ['.', '!', '?', '。', '！', '？'];

/// A translation unit: its source text and where its translation is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The source text as read: escapes and entities decoded, inline codes left out. Shared
    /// by the segments of one unit (a TMX or XLIFF unit with many translations holds its
    /// source once).
    pub source: std::sync::Arc<str>,
    /// Byte range of the translation in the file, from its first to its last prose byte.
    /// Empty when the unit is untranslated; such a unit is not checked.
    pub target: Range<usize>,
    /// The document the unit belongs to, when a file holds several (a table's document
    /// column, an XLIFF file's `<file>` elements): renderings are compared for consistency
    /// within one document. `None`: the file is one document.
    pub document: Option<std::sync::Arc<str>>,
}

/// A byte range of prose in the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    /// Whether this piece continues the paragraph of the piece before it.
    pub joined: bool,
    /// What the bytes between the previous piece and this one read as, when joined.
    pub gap: Gap,
}

/// What the bytes between two joined pieces read as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Gap {
    /// Inline markup (Markdown's `*`, `](url)`, `\n> `): skipped, but its whitespace still
    /// separates words.
    #[default]
    Markup,
    /// Nothing at all: a PO string continued on the next line (`"communi"\n"ty"`).
    Glue,
    /// One character written another way: an escape (`\n` in PO) or an entity (`&#160;`).
    Char(char),
}

/// The checkable prose of one text.
#[derive(Clone, Debug)]
pub struct Prose<'a> {
    text: &'a str,
    pieces: Vec<Piece>,
    /// Suppression directives found in the format's comments, in text order.
    pub directives: Vec<Directive>,
    /// Byte ranges of PO fuzzy entries, sorted: their findings get the checker's fuzzy severity
    /// (note unless set otherwise, see [`crate::Checker::fuzzy_severity`]), or are dropped.
    pub fuzzy: Vec<Range<usize>>,
    /// The translation units of a bilingual file, in text order (empty for other files).
    pub segments: Vec<Segment>,
    /// References to text declared elsewhere in the file (XML entities), checked apart.
    pub expansions: Expansions,
}

/// References whose text is declared elsewhere in the file: an XML entity (`&co;`) that the
/// DTD declares (`<!ENTITY co "Acme">`). The reference is a barrier between the prose before
/// and after it; its replacement text is checked on its own, and what is found there is
/// reported at the reference and never fixed (the words are in the declaration, which a fix
/// must not rewrite for one use).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expansions {
    /// Each distinct replacement text, as a reader sees it.
    pub texts: Vec<String>,
    /// Each reference, in text order: its bytes in the text and the index of its text.
    pub references: Vec<(Range<usize>, usize)>,
}

impl<'a> Prose<'a> {
    /// All of `text` is prose (plain text files).
    pub fn whole(text: &'a str) -> Prose<'a> {
        Prose {
            text,
            pieces: vec![Piece {
                start: 0,
                end: text.len(),
                ..Piece::default()
            }],
            directives: Vec::new(),
            fuzzy: Vec::new(),
            segments: Vec::new(),
            expansions: Expansions::default(),
        }
    }

    /// Prose made of the given pieces, which must be sorted, non-overlapping and on char
    /// boundaries of `text`. Empty pieces are dropped; contiguous joined pieces are merged.
    pub fn from_pieces(text: &'a str, pieces: impl IntoIterator<Item = Piece>) -> Prose<'a> {
        let mut out: Vec<Piece> = Vec::new();
        let mut pending_break = false;
        for p in pieces {
            debug_assert!(p.start <= p.end && p.end <= text.len());
            debug_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            if p.start == p.end {
                pending_break |= !p.joined;
                continue;
            }
            let joined = p.joined && !pending_break && !out.is_empty();
            pending_break = false;
            match out.last_mut() {
                Some(last) if joined && last.end == p.start => last.end = p.end,
                _ => out.push(Piece { joined, ..p }),
            }
        }
        Prose {
            text,
            pieces: out,
            directives: Vec::new(),
            fuzzy: Vec::new(),
            segments: Vec::new(),
            expansions: Expansions::default(),
        }
    }

    /// Whether byte `offset` is in a PO fuzzy entry.
    pub fn is_fuzzy(&self, offset: usize) -> bool {
        let i = self.fuzzy.partition_point(|r| r.start <= offset);
        i > 0 && self.fuzzy[i - 1].contains(&offset)
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The index of the piece holding byte `offset`, if that byte is prose.
    pub fn piece_at(&self, offset: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.start <= offset);
        let i = i.checked_sub(1)?;
        (offset < self.pieces[i].end).then_some(i)
    }

    /// A cursor reading forward from `offset`, which must lie in piece `piece`.
    pub fn forward(&self, piece: usize, offset: usize) -> Forward<'_> {
        Forward {
            text: self.text,
            pieces: &self.pieces,
            piece,
            pos: offset,
        }
    }

    /// A cursor reading backward from `offset`, which must lie in piece `piece` (or at its end).
    pub fn backward(&self, piece: usize, offset: usize) -> Backward<'_> {
        Backward {
            text: self.text,
            pieces: &self.pieces,
            piece,
            pos: offset,
        }
    }

    /// Whether `range` holds prose only: no markup between pieces other than whitespace and
    /// the block-quote markers that continue a paragraph on its next line (`\n> `), which a
    /// fix keeps (see [`crate::fix::replacement`]). Other markup would be deleted by a fix.
    pub fn is_plain(&self, range: Range<usize>) -> bool {
        let Some(mut i) = self.piece_at(range.start) else {
            return false;
        };
        while self.pieces[i].end < range.end {
            let Some(next) = self.pieces.get(i + 1) else {
                return false;
            };
            let gap = &self.text[self.pieces[i].end..next.start.min(range.end)];
            if next.gap != Gap::Markup {
                return false;
            }
            let line_prefix =
                gap.contains('\n') && gap.chars().all(|c| c.is_whitespace() || c == '>');
            if !next.joined || !(gap.chars().all(char::is_whitespace) || line_prefix) {
                return false;
            }
            i += 1;
        }
        true
    }

    /// Where to cut this prose into windows of about `size` bytes, to check a long text a
    /// part at a time ([`crate::Checker::lint_windows`]): ranges that cover the text, in order.
    /// A cut is made only where no term can cross it and no rule reads across it: between two
    /// pieces that are not joined, or after a blank line. With `sentence_cuts` (no form of
    /// the glossary has sentence punctuation in it, so none runs across a sentence's end), a
    /// text with neither for `size` bytes is cut after a line break that follows the end of a
    /// sentence (`.`, `!`, `?`, `。`, `！`, `？`); a quotation running across it is then read
    /// as two. A text with none of these is not cut.
    pub fn window_ranges(&self, size: usize, sentence_cuts: bool) -> Vec<Range<usize>> {
        let len = self.text.len();
        let size = size.max(1);
        let mut out = Vec::new();
        let mut from = 0;
        while len - from > size {
            let at = from + size;
            let sentence = |until| {
                sentence_cuts
                    .then(|| self.sentence_line_end_from(at, until))
                    .flatten()
            };
            let cut = self
                .barrier_from(at, at + size)
                .or_else(|| sentence(at + size))
                .or_else(|| {
                    // Nothing within `size`: the nearest of either further on.
                    match (self.barrier_from(at, len), sentence(len)) {
                        (Some(b), Some(e)) => Some(b.min(e)),
                        (b, e) => b.or(e),
                    }
                });
            match cut {
                Some(c) if c > from && c < len => {
                    out.push(from..c);
                    from = c;
                }
                _ => break,
            }
        }
        out.push(from..len);
        out
    }

    /// The first place in `at..until` where a new paragraph starts: the start of a piece not
    /// joined to the one before, or the start of the line after a blank line.
    fn barrier_from(&self, at: usize, until: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let until = until.min(bytes.len());
        let i = self.pieces.partition_point(|p| p.start < at);
        let unjoined = self.pieces[i..]
            .iter()
            .take_while(|p| p.start < until)
            .find(|p| !p.joined)
            .map(|p| p.start);
        let limit = unjoined.unwrap_or(until);
        let mut blank = None;
        for nl in memchr::memchr_iter(b'\n', &bytes[at.min(limit)..limit]) {
            let line = at.min(limit) + nl + 1;
            // The line after this break is blank: the paragraph ends; the cut goes after it.
            let rest = &bytes[line..limit];
            let width = rest
                .iter()
                .position(|&b| !matches!(b, b' ' | b'\t' | b'\r'))
                .unwrap_or(rest.len());
            if rest.get(width) == Some(&b'\n') {
                blank = Some(line + width + 1);
                break;
            }
        }
        blank.or(unjoined).filter(|&c| c < bytes.len())
    }

    /// The first line start in `at..until` whose line break follows the end of a sentence.
    fn sentence_line_end_from(&self, at: usize, until: usize) -> Option<usize> {
        let until = until.min(self.text.len());
        let bytes = self.text.as_bytes();
        memchr::memchr_iter(b'\n', &bytes[at.min(until)..until])
            .map(|nl| at + nl)
            .find(|&nl| {
                // Up to 64 bytes back: a long run of spaces before a line break is no
                // sentence's end (and reading back through it at every line would be
                // quadratic).
                let from = self.text.floor_char_boundary(nl.saturating_sub(64));
                let before = self.text[from..nl].trim_end();
                before.ends_with(SENTENCE_ENDS)
            })
            .map(|nl| nl + 1)
    }

    /// The prose of `range` alone, as [`Prose::window_ranges`] gives it: the pieces in it, cut
    /// to it; its PO fuzzy entries and entity references. It has no suppression directives
    /// and no translation units (prose with either is checked whole).
    pub fn window(&self, range: Range<usize>) -> Prose<'a> {
        let first = self.pieces.partition_point(|p| p.end <= range.start);
        let mut pieces: Vec<Piece> = self.pieces[first..]
            .iter()
            .take_while(|p| p.start < range.end)
            .map(|p| Piece {
                start: p.start.max(range.start),
                end: p.end.min(range.end),
                ..*p
            })
            .filter(|p| p.start < p.end)
            .collect();
        if let Some(p) = pieces.first_mut() {
            p.joined = false;
        }
        let inside = |r: &Range<usize>| r.start < range.end && range.start < r.end;
        Prose {
            text: self.text,
            pieces,
            directives: Vec::new(),
            fuzzy: self.fuzzy.iter().filter(|r| inside(r)).cloned().collect(),
            segments: Vec::new(),
            expansions: Expansions {
                texts: self.expansions.texts.clone(),
                references: self
                    .expansions
                    .references
                    .iter()
                    .filter(|(r, _)| range.contains(&r.start))
                    .cloned()
                    .collect(),
            },
        }
    }

    /// The range of the paragraph (run of joined pieces) around piece `piece`.
    pub fn paragraph(&self, piece: usize) -> Range<usize> {
        let mut first = piece;
        while first > 0 && self.pieces[first].joined {
            first -= 1;
        }
        let mut last = piece;
        while last + 1 < self.pieces.len() && self.pieces[last + 1].joined {
            last += 1;
        }
        self.pieces[first].start..self.pieces[last].end
    }
}

/// Reads the characters of a paragraph forward, skipping markup between joined pieces
/// but keeping its whitespace. Yields `(byte offset, char)`.
#[derive(Clone)]
pub struct Forward<'p> {
    text: &'p str,
    pieces: &'p [Piece],
    piece: usize,
    pos: usize,
}

impl Forward<'_> {
    /// The byte offset the next character would be read from.
    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn peek(&self) -> Option<char> {
        self.clone().next().map(|(_, c)| c)
    }
}

impl Iterator for Forward<'_> {
    type Item = (usize, char);

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let piece = self.pieces[self.piece];
            if self.pos < piece.end {
                let c = self.text[self.pos..].chars().next()?;
                let at = self.pos;
                self.pos += c.len_utf8();
                return Some((at, c));
            }
            let next = *self.pieces.get(self.piece + 1)?;
            if !next.joined {
                return None;
            }
            match next.gap {
                Gap::Markup => {}
                Gap::Glue => {
                    self.piece += 1;
                    self.pos = next.start;
                    continue;
                }
                Gap::Char(c) => {
                    let at = self.pos;
                    self.piece += 1;
                    self.pos = next.start;
                    return Some((at, c));
                }
            }
            if self.pos < next.start {
                let c = self.text[self.pos..].chars().next()?;
                let at = self.pos;
                self.pos += c.len_utf8();
                if c.is_whitespace() {
                    return Some((at, c));
                }
            } else {
                self.piece += 1;
            }
        }
    }
}

/// Reads the characters of a paragraph backward; the mirror of [`Forward`].
#[derive(Clone)]
pub struct Backward<'p> {
    text: &'p str,
    pieces: &'p [Piece],
    piece: usize,
    pos: usize,
}

impl Backward<'_> {
    /// The byte offset just after the next character that would be read.
    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn peek(&self) -> Option<char> {
        self.clone().next().map(|(_, c)| c)
    }
}

impl Iterator for Backward<'_> {
    type Item = (usize, char);

    #[inline]
    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let piece = self.pieces[self.piece];
            if self.pos > piece.start {
                let c = self.text[..self.pos].chars().next_back()?;
                self.pos -= c.len_utf8();
                return Some((self.pos, c));
            }
            if !piece.joined || self.piece == 0 {
                return None;
            }
            let prev = self.pieces[self.piece - 1];
            match piece.gap {
                Gap::Markup => {}
                Gap::Glue => {
                    self.piece -= 1;
                    self.pos = prev.end;
                    continue;
                }
                Gap::Char(c) => {
                    self.piece -= 1;
                    self.pos = prev.end;
                    return Some((prev.end, c));
                }
            }
            if self.pos > prev.end {
                let c = self.text[..self.pos].chars().next_back()?;
                self.pos -= c.len_utf8();
                if c.is_whitespace() {
                    return Some((self.pos, c));
                }
            } else {
                self.piece -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Prose<'a> {
        Prose::from_pieces(
            text,
            ranges.iter().map(|&(start, end)| Piece {
                start,
                end,
                joined: true,
                gap: Gap::Markup,
            }),
        )
    }

    #[test]
    fn cursors_skip_markup_but_keep_its_whitespace() {
        // "ab *cd*\n> ef": pieces "ab ", "cd", "ef"; gaps "*", "*\n> ".
        let text = "ab *cd*\n> ef";
        let prose = joined(text, &[(0, 3), (4, 6), (10, 12)]);
        let fwd: String = prose.forward(0, 0).map(|(_, c)| c).collect();
        assert_eq!(fwd, "ab cd\n ef");
        let back: String = prose.backward(2, 12).map(|(_, c)| c).collect();
        assert_eq!(back, "fe \ndc ba");
    }

    #[test]
    fn glue_and_escaped_characters() {
        // A PO message: "commu" "nity of\ncommon" split over two strings and an escape.
        let text = "\"commu\"\n\"nity of\\ncommon\"";
        let a = text.find("commu").unwrap();
        let b = text.find("nity").unwrap();
        let e = text.find("\\n").unwrap();
        let prose = Prose::from_pieces(
            text,
            [
                Piece {
                    start: a,
                    end: a + 5,
                    ..Piece::default()
                },
                Piece {
                    start: b,
                    end: e,
                    joined: true,
                    gap: Gap::Glue,
                },
                Piece {
                    start: e + 2,
                    end: text.len() - 1,
                    joined: true,
                    gap: Gap::Char('\n'),
                },
            ],
        );
        let fwd: Vec<(usize, char)> = prose.forward(0, a).collect();
        assert_eq!(
            fwd.iter().map(|(_, c)| c).collect::<String>(),
            "community of\ncommon"
        );
        assert_eq!(
            fwd[12],
            (e, '\n'),
            "the escape reads as one line break at its place"
        );
        let back: String = prose.backward(2, text.len() - 1).map(|(_, c)| c).collect();
        assert_eq!(back, "nommoc\nfo ytinummoc");
        assert!(
            !prose.is_plain(a..text.len() - 1),
            "a fix across strings is not offered"
        );
    }

    #[test]
    fn barriers_stop_cursors() {
        let text = "one `x` two";
        let prose = Prose::from_pieces(
            text,
            [
                Piece {
                    start: 0,
                    end: 4,
                    ..Piece::default()
                },
                Piece {
                    start: 7,
                    end: 11,
                    ..Piece::default()
                },
            ],
        );
        assert_eq!(prose.forward(0, 0).count(), 4);
        assert_eq!(prose.backward(1, 11).count(), 4);
        assert_eq!(prose.piece_at(5), None);
        assert_eq!(prose.piece_at(8), Some(1));
    }
}
