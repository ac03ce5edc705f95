//! Mention versus use: is a finding inside a quotation?
//!
//! A deviant that is the whole content of a quotation is a *mention* (the old rendering
//! “a community of common destiny” was dropped): it is reported as a note and never fixed. A
//! deviant inside a longer quotation is reported as usual, but not fixed: quotations keep their
//! published wording.
//!
//! Quotation marks: “ ”, « », ‘ ’ and straight ". Curly and straight double marks are one
//! kind (a straight opening mark may be closed by a curly one), and each double mark is read
//! as opening or closing by what stands around it, not only by its shape: “ after a word and
//! before a space or punctuation closes (“Jokowi“), ” between a space and a word opens, and a
//! straight " with a space or nothing on both sides, or letters on both sides, is no mark at
//! all. ‘ after a letter and ’ before a letter are apostrophes (“Xi‘s”, “China’s”), never quote
//! marks. An opening mark pairs with the first closing mark after it, unless another opening
//! mark comes first (then the first one was stray and opens nothing).
//!
//! A quotation never crosses a paragraph end: a blank line, a barrier between pieces of prose
//! (a block boundary, a table cell, a PO/XLIFF/TMX segment) or, in text whose paragraphs are
//! single long lines (word-processor exports, JSON and CSV corpora), any line break. No crate
//! does this for prose; the marks are indexed once per text with findings, so it costs
//! nothing on text without them.

use std::ops::Range;

use crate::fold::is_word_char;

/// How a span relates to the quotation around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quotation {
    /// The span is the whole quotation (give or take an article and final punctuation).
    Whole,
    /// The span is part of a longer quotation.
    Inside,
}

/// Where the quotation marks and paragraph breaks of a text are, found in one pass when the
/// first finding needs them, so each finding's question is a few binary searches (a text with
/// thousands of findings must not be rescanned around each of them).
pub struct QuoteIndex<'a> {
    text: &'a str,
    /// Offsets of double marks (“ ” and straight ") read as opening and as closing.
    double_open: Vec<(usize, usize)>,
    double_close: Vec<usize>,
    guillemet_open: Vec<(usize, usize)>,
    guillemet_close: Vec<usize>,
    single_open: Vec<(usize, usize)>,
    single_close: Vec<usize>,
    /// Offsets where paragraphs end; a quotation runs from an opening mark at or after the
    /// last one before the span to a closing mark before the next one.
    breaks: Vec<usize>,
    /// Text of long single-line paragraphs: every line break ends a paragraph too (found
    /// around each span when asked, rather than indexed: such text has few findings a line).
    every_line: bool,
}

/// Whether a mark with `prev` before it could open a quotation: nothing, whitespace or opening
/// punctuation before it.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '/' | '-' | ':' | '“' | '‘' | '«'
            )
    })
}

/// Whether a mark with `next` after it could close a quotation: nothing, whitespace,
/// punctuation or a digit (a footnote number: `confident."1`) after it.
fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|c| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || !(is_word_char(c) || matches!(c, '“' | '‘' | '«' | '('))
    })
}

impl<'a> QuoteIndex<'a> {
    /// Indexes the marks of `text` at the offsets `in_prose` accepts (a PO string's own
    /// quotes, say, are syntax, not quotation marks), with paragraph ends at blank lines (and
    /// line breaks, in text of long lines).
    pub fn new(text: &'a str, in_prose: impl Fn(usize) -> bool) -> QuoteIndex<'a> {
        QuoteIndex::with_barriers(text, in_prose, std::iter::empty())
    }

    /// [`QuoteIndex::new`] for the prose of a document: its barriers (the starts of pieces
    /// that do not continue a paragraph) end paragraphs too.
    pub fn for_prose(prose: &crate::Prose<'a>) -> QuoteIndex<'a> {
        let barriers = prose.pieces().iter().filter(|p| !p.joined).map(|p| p.start);
        QuoteIndex::with_barriers(prose.text(), |i| prose.piece_at(i).is_some(), barriers)
    }

    fn with_barriers(
        text: &'a str,
        in_prose: impl Fn(usize) -> bool,
        barriers: impl Iterator<Item = usize>,
    ) -> QuoteIndex<'a> {
        let mut ix = QuoteIndex {
            text,
            double_open: Vec::new(),
            double_close: Vec::new(),
            guillemet_open: Vec::new(),
            guillemet_close: Vec::new(),
            single_open: Vec::new(),
            single_close: Vec::new(),
            breaks: Vec::new(),
            every_line: false,
        };
        let bytes = text.as_bytes();
        // '"', and the lead bytes of “ ” ‘ ’ (E2 80 xx) and « » (C2 AB, C2 BB).
        for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                continue;
            };
            if !matches!(c, '"' | '“' | '”' | '«' | '»' | '‘' | '’') || !in_prose(i) {
                continue;
            }
            let len = c.len_utf8();
            let prev = text[..i].chars().next_back();
            let next = text[i + len..].chars().next();
            // After a space (or nothing, or opening punctuation) and before a non-space, a
            // mark opens; after a non-space and before a space, punctuation or a digit, it
            // closes.
            let after_space = opens_after(prev);
            let opening = after_space && next.is_some_and(|c| !c.is_whitespace());
            let closing = !after_space && closes_before(next);
            let word_before = prev.is_some_and(is_word_char);
            let word_after = next.is_some_and(is_word_char);
            let open = (i, i + len);
            match c {
                '“' if closing => ix.double_close.push(i),
                '“' => ix.double_open.push(open),
                '”' if opening && word_after => ix.double_open.push(open),
                '”' => ix.double_close.push(i),
                '"' if opening => ix.double_open.push(open),
                '"' if closing => ix.double_close.push(i),
                '«' => ix.guillemet_open.push(open),
                '»' => ix.guillemet_close.push(i),
                '‘' if !word_before => ix.single_open.push(open),
                '’' if !word_after => ix.single_close.push(i),
                _ => {}
            }
        }
        // Blank lines, and how much of the text is in long lines: text whose paragraphs are
        // single long lines has at least half of its bytes in lines of more than 200 bytes
        // (hard-wrapped prose keeps lines under 100).
        let mut long = 0;
        let mut line_start = 0;
        for i in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
            if i - line_start > 200 {
                long += i - line_start;
            }
            line_start = i + 1;
            let rest = bytes.get(i + 1..).unwrap_or_default();
            if rest.first() == Some(&b'\n') || rest.starts_with(b"\r\n") {
                ix.breaks.push(i);
            }
        }
        ix.every_line = long > 0 && long * 2 >= bytes.len();
        let before = ix.breaks.len();
        ix.breaks.extend(barriers.filter(|&b| b > 0));
        if ix.breaks.len() > before {
            ix.breaks.sort_unstable();
        }
        ix
    }

    /// The quotation around `span`, if any.
    pub fn quotation(&self, span: Range<usize>) -> Option<Quotation> {
        // The paragraph: from the last paragraph end at or before the span to the next one.
        let k = self.breaks.partition_point(|&b| b <= span.start);
        let mut para_start = if k == 0 { 0 } else { self.breaks[k - 1] };
        let mut para_end = self.breaks[self.breaks.partition_point(|&b| b < span.end)..]
            .first()
            .copied()
            .unwrap_or(self.text.len());
        if self.every_line {
            let bytes = self.text.as_bytes();
            if let Some(nl) = memchr::memrchr(b'\n', &bytes[para_start..span.start]) {
                para_start += nl;
            }
            if let Some(nl) = memchr::memchr(b'\n', &bytes[span.end..para_end]) {
                para_end = span.end + nl;
            }
        }
        // (end of the opening mark, start of the closing mark), innermost wins.
        let mut best: Option<(usize, usize)> = None;
        for (opens, closes) in [
            (&self.double_open, &self.double_close),
            (&self.guillemet_open, &self.guillemet_close),
            (&self.single_open, &self.single_close),
        ] {
            // The last opening mark before the span, not closed before the span starts...
            let n = opens.partition_point(|&(o, _)| o < span.start);
            let Some(&(o, o_end)) = n.checked_sub(1).map(|n| &opens[n]) else {
                continue;
            };
            let c = closes.partition_point(|&c| c < o);
            if closes.get(c).is_some_and(|&c| c < span.start) {
                continue;
            }
            // ...and the first closing mark after it, with no other opening mark first.
            let Some(&close) = closes.get(closes.partition_point(|&c| c < span.end)) else {
                continue;
            };
            if opens.get(n).is_some_and(|&(next, _)| next < close) {
                continue;
            }
            if o >= para_start && close < para_end && best.is_none_or(|(bo, _)| o_end > bo) {
                best = Some((o_end, close));
            }
        }
        let (open_end, close_start) = best?;
        let inner = trim_quoted(&self.text[open_end..close_start]);
        let inner_start =
            open_end + (inner.as_ptr() as usize - self.text[open_end..].as_ptr() as usize);
        if inner_start == span.start && inner_start + inner.len() == span.end {
            Some(Quotation::Whole)
        } else {
            Some(Quotation::Inside)
        }
    }
}

/// The quotation around `span` in `text`, if any (for one question; see [`QuoteIndex`]).
pub fn quotation(text: &str, span: Range<usize>) -> Option<Quotation> {
    QuoteIndex::new(text, |_| true).quotation(span)
}

/// The quoted text without surrounding whitespace, a leading article or final punctuation.
fn trim_quoted(s: &str) -> &str {
    let mut s = s.trim();
    for article in ["a ", "an ", "the "] {
        if s.len() > article.len()
            && s.as_bytes()[..article.len()].eq_ignore_ascii_case(article.as_bytes())
        {
            // The article is ASCII, so the byte after it starts a character.
            s = s[article.len()..].trim_start();
            break;
        }
    }
    s.trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, needle: &str) -> Option<Quotation> {
        let s = text.find(needle).unwrap();
        quotation(text, s..s + needle.len())
    }

    #[test]
    fn mentions_and_uses() {
        let d = "community of common destiny";
        assert_eq!(
            q(
                "the old rendering “a community of common destiny” was dropped",
                d
            ),
            Some(Quotation::Whole)
        );
        assert_eq!(
            q(
                "the rendering \"community of common destiny.\" was dropped",
                d
            ),
            Some(Quotation::Whole)
        );
        assert_eq!(
            q(
                "she said, “we build a community of common destiny today.”",
                d
            ),
            Some(Quotation::Inside)
        );
        assert_eq!(
            q(
                "he said ‘a community of\ncommon destiny’ twice",
                "community of\ncommon destiny"
            ),
            Some(Quotation::Whole)
        );
        assert_eq!(q("we build a community of common destiny.", d), None);
        assert_eq!(
            q("“Old.” Then a community of common destiny “new”", d),
            None
        );
        assert_eq!(
            q("“Quoted\n\nthen a community of common destiny”", d),
            None,
            "not across a blank line"
        );
        assert_eq!(
            q("China’s community of common destiny’s goals", d),
            None,
            "apostrophes are not quotes"
        );
        assert_eq!(
            q("«community of common destiny»", d),
            Some(Quotation::Whole)
        );
    }

    #[test]
    fn stray_and_mismatched_marks() {
        let d = "community of common destiny";
        // A wrong-way apostrophe between letters is no opening mark.
        assert_eq!(
            q(
                "Mr Xi‘s plan for a community of common destiny’ was set out",
                d
            ),
            None
        );
        // A “ written after a word closes; it opens nothing.
        assert_eq!(
            q(
                "met Jokowi“ on Monday. The community of common destiny was “discussed”",
                d
            ),
            None
        );
        // A straight opening mark closed by a curly one.
        assert_eq!(
            q("the phrase \"community of common destiny” was dropped", d),
            Some(Quotation::Whole)
        );
        // A stray opening mark: the next closing mark belongs to a later quotation.
        assert_eq!(
            q(
                "“ a stray mark; the community of common destiny, and “another” one",
                d
            ),
            None
        );
        // Straight marks between letters or between spaces are no quotation marks.
        assert_eq!(
            q("a 5\" pipe and a community of common destiny \" here\"", d),
            None
        );
    }

    #[test]
    fn long_lines_end_quotations_at_line_breaks() {
        let d = "community of common destiny";
        let para = "word ".repeat(60);
        let text = format!("“{para}\nthe community of common destiny was {para}”\n");
        assert_eq!(
            q(&text, d),
            None,
            "long lines: a line break ends a paragraph"
        );
        let text = "“Short hard-wrapped\nlines: the community of common destiny”\n";
        assert_eq!(q(text, d), Some(Quotation::Inside));
    }
}
