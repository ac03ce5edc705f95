//! Mention versus use: is a finding inside a quotation?
//!
//! A deviant that is the whole content of a quotation is a *mention* (the old rendering
//! “a community of common destiny” was dropped): it is reported as a note and never fixed. A
//! deviant inside a longer quotation is reported as usual, but not fixed: quotations keep their
//! published wording.
//!
//! Quotation marks: “ ”, « », ‘ ’ (a ’ followed by a letter is an apostrophe, not a closing
//! mark) and straight " (paired by counting from the start of the paragraph). A quotation may
//! run across a line break but not across a blank line. No crate does this for prose; it is a
//! small scan around each finding, so it costs nothing on text without findings.

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

/// How far to look for quotation marks on either side of a finding.
const MAX_SCAN: usize = 4096;

/// The quotation around `span` in `text`, if any.
pub fn quotation(text: &str, span: Range<usize>) -> Option<Quotation> {
    let para = paragraph(text, span.clone());
    let before = &text[para.start..span.start];
    let after = &text[span.end..para.end];
    let mut best: Option<(usize, usize)> = None; // (open end, close start), innermost wins
    let mut consider = |open_end: Option<usize>, close_start: Option<usize>| {
        if let (Some(o), Some(c)) = (open_end, close_start)
            && best.is_none_or(|(bo, _)| o > bo)
        {
            best = Some((o, c));
        }
    };
    for (open, close) in [('“', '”'), ('«', '»')] {
        consider(
            open_before(before, open, close).map(|i| para.start + i),
            after.find(close).map(|i| span.end + i),
        );
    }
    consider(
        open_before(before, '‘', '\u{0}').map(|i| para.start + i),
        single_close_after(after).map(|i| span.end + i),
    );
    if before.matches('"').count() % 2 == 1 {
        consider(
            before.rfind('"').map(|i| para.start + i + 1),
            after.find('"').map(|i| span.end + i),
        );
    }
    let (open_end, close_start) = best?;
    let inner = trim_quoted(&text[open_end..close_start]);
    let inner_start = open_end + (inner.as_ptr() as usize - text[open_end..].as_ptr() as usize);
    if inner_start == span.start && inner_start + inner.len() == span.end {
        Some(Quotation::Whole)
    } else {
        Some(Quotation::Inside)
    }
}

/// The end of the nearest unclosed `open` mark before the end of `before`.
fn open_before(before: &str, open: char, close: char) -> Option<usize> {
    for (i, c) in before.char_indices().rev() {
        if c == close {
            return None;
        }
        if c == open {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// The first ’ in `after` that closes a quotation (not followed by a letter or digit).
fn single_close_after(after: &str) -> Option<usize> {
    let mut chars = after.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '’' && !chars.peek().is_some_and(|&(_, n)| is_word_char(n)) {
            return Some(i);
        }
    }
    None
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

/// The paragraph around `span`: up to a blank line on either side, at most MAX_SCAN bytes away.
fn paragraph(text: &str, span: Range<usize>) -> Range<usize> {
    let mut lo = span.start.saturating_sub(MAX_SCAN);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (span.end + MAX_SCAN).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let start = text[lo..span.start]
        .rfind("\n\n")
        .or_else(|| text[lo..span.start].rfind("\n\r\n"))
        .map_or(lo, |i| lo + i + 2);
    let end = text[span.end..hi]
        .find("\n\n")
        .or_else(|| text[span.end..hi].find("\r\n\r\n"))
        .map_or(hi, |i| span.end + i);
    start..end
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
}
