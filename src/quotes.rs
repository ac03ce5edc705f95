//! Mention versus use: is a finding inside a quotation?
//!
//! A deviant that is the whole content of a quotation is a *mention* (the old rendering
//! “a community of common destiny” was dropped): it is reported as a note and never fixed. A
//! deviant inside a longer quotation is reported as usual, but not fixed: quotations keep their
//! published wording.
//!
//! Quotation marks: “ ”, « », ‘ ’ (a ’ followed by a letter is an apostrophe, not a closing
//! mark) and straight " (paired by counting from the start of the paragraph). A quotation may
//! run across a line break but not across a blank line. No crate does this for prose; the
//! marks are indexed once per text with findings, so it costs nothing on text without them.

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
    /// Offsets of “ ” « » ‘, of ’ that can close a quotation (not followed by a letter), and
    /// of straight ".
    double_open: Vec<usize>,
    double_close: Vec<usize>,
    guillemet_open: Vec<usize>,
    guillemet_close: Vec<usize>,
    single_open: Vec<usize>,
    single_close: Vec<usize>,
    straight: Vec<usize>,
    /// Offsets where a blank line begins (`\n\n` or `\n\r\n`): paragraphs end there.
    breaks: Vec<usize>,
}

impl<'a> QuoteIndex<'a> {
    /// Indexes the marks of `text` at the offsets `in_prose` accepts (a PO string's own
    /// quotes, say, are syntax, not quotation marks).
    pub fn new(text: &'a str, in_prose: impl Fn(usize) -> bool) -> QuoteIndex<'a> {
        let mut ix = QuoteIndex {
            text,
            double_open: Vec::new(),
            double_close: Vec::new(),
            guillemet_open: Vec::new(),
            guillemet_close: Vec::new(),
            single_open: Vec::new(),
            single_close: Vec::new(),
            straight: Vec::new(),
            breaks: Vec::new(),
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
            let after = || text[i + c.len_utf8()..].chars().next();
            match c {
                '"' => ix.straight.push(i),
                '“' => ix.double_open.push(i),
                '”' => ix.double_close.push(i),
                '«' => ix.guillemet_open.push(i),
                '»' => ix.guillemet_close.push(i),
                '‘' => ix.single_open.push(i),
                '’' if !after().is_some_and(is_word_char) => ix.single_close.push(i),
                _ => {}
            }
        }
        for i in memchr::memchr_iter(b'\n', bytes) {
            let rest = &bytes[i + 1..];
            if rest.first() == Some(&b'\n') || rest.starts_with(b"\r\n") {
                ix.breaks.push(i);
            }
        }
        ix
    }

    /// The quotation around `span`, if any.
    pub fn quotation(&self, span: Range<usize>) -> Option<Quotation> {
        // The paragraph: from after the last blank line before the span to the next one.
        let k = self.breaks.partition_point(|&b| b < span.start);
        let para_start = if k == 0 { 0 } else { self.breaks[k - 1] + 1 };
        let para_end = self.breaks[self.breaks.partition_point(|&b| b < span.end)..]
            .first()
            .copied()
            .unwrap_or(self.text.len());
        let last_before =
            |v: &[usize], at: usize| v[..v.partition_point(|&x| x < at)].last().copied();
        let first_after = |v: &[usize], at: usize| v.get(v.partition_point(|&x| x < at)).copied();
        // (end of the opening mark, start of the closing mark), innermost wins.
        let mut best: Option<(usize, usize)> = None;
        let mut consider = |open: Option<usize>, open_len: usize, close: Option<usize>| {
            if let (Some(o), Some(c)) = (open, close)
                && o >= para_start
                && c < para_end
                && best.is_none_or(|(bo, _)| o + open_len > bo)
            {
                best = Some((o + open_len, c));
            }
        };
        for (opens, closes, len) in [
            (&self.double_open, &self.double_close, '“'.len_utf8()),
            (&self.guillemet_open, &self.guillemet_close, '«'.len_utf8()),
        ] {
            let open = last_before(opens, span.start);
            let closed =
                last_before(closes, span.start).is_some_and(|c| open.is_none_or(|o| c > o));
            if !closed {
                consider(open, len, first_after(closes, span.end));
            }
        }
        consider(
            last_before(&self.single_open, span.start),
            '‘'.len_utf8(),
            first_after(&self.single_close, span.end),
        );
        let count = |lo: usize, hi: usize| {
            self.straight.partition_point(|&x| x < hi) - self.straight.partition_point(|&x| x < lo)
        };
        if count(para_start, span.start) % 2 == 1 {
            consider(
                last_before(&self.straight, span.start),
                1,
                first_after(&self.straight, span.end),
            );
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
}
