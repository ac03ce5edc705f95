//! Fitting a fix into its sentence.
//!
//! A suggestion replaces only the deviant words, but the words around them stay, so a fix can
//! write broken English where the sentence already says part of what the suggestion brings:
//!
//! 1. **Repeated words.** When the words right after the span are words the suggestion ends
//!    with ("One Belt, One Road *Initiative*" → "Belt and Road Initiative"), or the words right
//!    before it are words the suggestion starts with, the span takes them in, so the fix
//!    writes them once. Words are compared case-insensitively (folded as the matcher folds);
//!    the last word taken in may be the plural of the suggestion's, which then becomes plural.
//! 2. **The article.** An "a" or "an" right before the span is corrected to fit the sound of
//!    the suggestion's first word ("an OBOR project" → "a Belt and Road Initiative project"):
//!    the span takes the article in and the suggestion carries the corrected one.
//!
//! 3. **Words the sentence already has, further away.** When a word the suggestion brings in
//!    (a content word that is not among the deviant's own) already stands within a few words
//!    of the span, in the same run of words ("*mankind* is a community of common destiny" →
//!    "… community of shared future for mankind"; "precise poverty alleviation through
//!    *targeted* poverty alleviation"), the fix would say it twice: the finding is reported
//!    and the text left for a person to reword ([`repeats_nearby`]).
//! 4. **A qualifier elsewhere in the sentence.** A term with a qualified form (a bilateral or
//!    regional "community with a shared future", against the preferred "… for mankind") takes
//!    it when the qualifier stands right before the deviant. When one of the term's qualifier
//!    words stands elsewhere in the sentence ("the sense of community of common destiny take
//!    root in *neighbouring* countries"; a headline line "China to grow closer to *ASEAN*"
//!    above it; a hyphenated proper adjective counts only right before the term, as
//!    elsewhere it is as often a compound, "High-Quality") and the fix would widen what the
//!    text says (bring in more content words than it has: "… for mankind"), which form is
//!    meant is not sure: the finding is reported and the text left ([`adds_words`],
//!    [`qualifier_in_sentence`]). A fix that only rewords ("… for humanity" → "… for
//!    mankind") stays.
//!
//! All read the words next to the span through the prose cursors, so they never cross a
//! barrier (a block boundary, a table cell, a segment) or take in markup.

use std::ops::Range;

use crate::casing;
use crate::fold::{fold, is_word_char};
use crate::prose::Prose;

/// A word next to a span: its byte range and its folded text.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub(crate) span: Range<usize>,
    pub(crate) folded: String,
    /// How many line breaks the whitespace between this word and the previous one (towards
    /// the span) holds.
    pub(crate) breaks: usize,
}

/// Whether `c` may sit inside a word between two word characters (hyphens, apostrophes).
fn joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Up to `max` words right after `offset`, separated from it and from each other by
/// whitespace only (punctuation ends the run).
pub(crate) fn words_after(prose: &Prose<'_>, offset: usize, max: usize) -> Vec<Word> {
    let mut out = Vec::new();
    if max == 0 {
        return out;
    }
    let piece = match prose.piece_at(offset) {
        Some(p) => p,
        None => match offset.checked_sub(1).and_then(|o| prose.piece_at(o)) {
            Some(p) if prose.pieces()[p].end == offset => p,
            _ => return out,
        },
    };
    let mut cursor = prose.forward(piece, offset).peekable();
    loop {
        let mut breaks = 0;
        let mut spaced = false;
        while let Some(&(_, c)) = cursor.peek() {
            if !c.is_whitespace() {
                break;
            }
            breaks += usize::from(crate::fold::line_breaks(c));
            spaced = true;
            cursor.next();
        }
        if !spaced {
            return out;
        }
        let mut start = None;
        let mut end = 0;
        let mut folded = String::new();
        while let Some(&(i, c)) = cursor.peek() {
            if is_word_char(c) || (start.is_some() && joiner(c)) {
                start.get_or_insert(i);
                if is_word_char(c) {
                    end = i + c.len_utf8();
                }
                folded.push(fold(c));
                cursor.next();
            } else {
                break;
            }
        }
        let Some(start) = start else {
            return out;
        };
        // A word ends at whitespace or punctuation; a trailing joiner is not part of it.
        while folded.ends_with(['-', '\'']) {
            folded.pop();
        }
        out.push(Word {
            span: start..end,
            folded,
            breaks,
        });
        if out.len() == max {
            return out;
        }
        // Punctuation right after the word ends the run.
        if cursor.peek().is_some_and(|&(_, c)| !c.is_whitespace()) {
            return out;
        }
    }
}

/// Up to `max` words right before `offset`, nearest first; the mirror of [`words_after`].
pub(crate) fn words_before(prose: &Prose<'_>, offset: usize, max: usize) -> Vec<Word> {
    let mut out = Vec::new();
    if max == 0 {
        return out;
    }
    let piece = match prose.piece_at(offset) {
        Some(p) => p,
        None => match offset.checked_sub(1).and_then(|o| prose.piece_at(o)) {
            Some(p) => p,
            None => return out,
        },
    };
    let mut cursor = prose.backward(piece, offset).peekable();
    loop {
        let mut breaks = 0;
        let mut spaced = false;
        while let Some(&(_, c)) = cursor.peek() {
            if !c.is_whitespace() {
                break;
            }
            breaks += usize::from(crate::fold::line_breaks(c));
            spaced = true;
            cursor.next();
        }
        if !spaced {
            return out;
        }
        let mut rev: Vec<(usize, char)> = Vec::new();
        while let Some(&(i, c)) = cursor.peek() {
            if is_word_char(c) || (!rev.is_empty() && joiner(c)) {
                rev.push((i, c));
                cursor.next();
            } else {
                break;
            }
        }
        // A word starts with a word character: joiners read before it are not part of it.
        while rev.last().is_some_and(|&(_, c)| joiner(c)) {
            rev.pop();
        }
        let (Some(&(last, c)), Some(&(start, _))) = (rev.first(), rev.last()) else {
            return out;
        };
        let end = last + c.len_utf8();
        let folded: String = rev.iter().rev().map(|&(_, c)| fold(c)).collect();
        out.push(Word {
            span: start..end,
            folded,
            breaks,
        });
        if out.len() == max {
            return out;
        }
        if cursor.peek().is_some_and(|&(_, c)| !c.is_whitespace()) {
            return out;
        }
    }
}

/// The word right before `offset` (whitespace between), as written.
pub fn word_before<'a>(prose: &Prose<'a>, offset: usize) -> Option<&'a str> {
    let w = words_before(prose, offset, 1).pop()?;
    Some(&prose.text()[w.span])
}

fn folded_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.chars().map(fold).collect())
        .collect()
}

/// A span and suggestion fitted to the sentence around them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fitted {
    pub span: Range<usize>,
    pub suggestion: String,
}

/// Widens `span` over words around it that the suggestion already has at its end (after the
/// span) or start (before it), within `bounds` (the neighbouring findings). The widened span
/// must stay fixable (`plain`); it never gathers more than one line break in all.
pub fn absorb_repeats(
    prose: &Prose<'_>,
    span: Range<usize>,
    suggestion: &str,
    bounds: Range<usize>,
    plain: impl Fn(Range<usize>) -> bool,
) -> Fitted {
    let text = prose.text();
    let sugg = folded_words(suggestion);
    let mut fitted = Fitted {
        span: span.clone(),
        suggestion: suggestion.to_string(),
    };
    if sugg.len() < 2 {
        return fitted;
    }
    let mut breaks = text[span.clone()].matches('\n').count();
    // After the span: the longest run of following words equal to the suggestion's tail.
    let after = words_after(prose, span.end, sugg.len() - 1);
    for k in (1..=after.len()).rev() {
        let tail = &sugg[sugg.len() - k..];
        let last = &after[k - 1];
        let same = after[..k - 1].iter().zip(tail).all(|(w, s)| &w.folded == s);
        let exact = last.folded == tail[k - 1];
        let plural = !exact && last.folded == casing::pluralize(&tail[k - 1]);
        let new_breaks: usize = after[..k].iter().map(|w| w.breaks).sum();
        if same
            && (exact || plural)
            && last.span.end <= bounds.end
            && breaks + new_breaks <= 1
            && plain(fitted.span.start..last.span.end)
        {
            fitted.span.end = last.span.end;
            if plural {
                fitted.suggestion = casing::pluralize(&fitted.suggestion);
            }
            breaks += new_breaks;
            break;
        }
    }
    // Before the span: the longest run of preceding words equal to the suggestion's head.
    let before = words_before(prose, span.start, sugg.len() - 1);
    for k in (1..=before.len()).rev() {
        let head = &sugg[..k];
        let same = before[..k]
            .iter()
            .rev()
            .zip(head)
            .all(|(w, s)| &w.folded == s);
        let first = &before[k - 1];
        let new_breaks: usize = before[..k].iter().map(|w| w.breaks).sum();
        if same
            && first.span.start >= bounds.start
            && breaks + new_breaks <= 1
            && plain(first.span.start..fitted.span.end)
        {
            fitted.span.start = first.span.start;
            break;
        }
    }
    fitted
}

/// Takes in an "a" or "an" right before `fitted.span` when it does not fit the sound of the
/// suggestion's first word, and puts the right one at the start of the suggestion.
pub fn fit_article(
    prose: &Prose<'_>,
    fitted: Fitted,
    bounds_start: usize,
    plain: impl Fn(Range<usize>) -> bool,
) -> Fitted {
    let text = prose.text();
    let before = words_before(prose, fitted.span.start, 1);
    let Some(article) = before.first() else {
        return fitted;
    };
    let written = &text[article.span.clone()];
    let an = match article.folded.as_str() {
        "a" => false,
        "an" => true,
        _ => return fitted,
    };
    let Some(first) = fitted.suggestion.split_whitespace().next() else {
        return fitted;
    };
    let wants_an = casing::starts_with_vowel_sound(first);
    let breaks = text[fitted.span.clone()].matches('\n').count() + article.breaks;
    if wants_an == an
        || article.span.start < bounds_start
        || breaks > 1
        || !plain(article.span.start..fitted.span.end)
    {
        return fitted;
    }
    let corrected = match (written, wants_an) {
        ("A", true) => "An",
        ("AN", false) => "A",
        ("An", false) => "A",
        (w, true) if w.chars().all(|c| c.is_uppercase()) => "AN",
        (_, true) => "an",
        (_, false) => "a",
    };
    let gap = &text[article.span.end..fitted.span.start];
    Fitted {
        span: article.span.start..fitted.span.end,
        suggestion: format!("{corrected}{gap}{}", fitted.suggestion),
    }
}

/// How far [`repeats_nearby`] looks on each side of the span, in words.
const NEARBY: usize = 8;

/// Whether a content word that `suggestion` brings into the text at `span` (one not among
/// the span's own words, nor a function word) already stands within [`NEARBY`] words before
/// or after the span, in the same run of words (punctuation ends a run) and within `bounds`
/// (the neighbouring findings, whose words their own fixes replace). Such a fix would repeat
/// the word: see the module's rule 3. Plural and singular count as the same word.
pub fn repeats_nearby(
    prose: &Prose<'_>,
    span: Range<usize>,
    suggestion: &str,
    bounds: Range<usize>,
) -> bool {
    let own = crate::inserted::words(&prose.text()[span.clone()]);
    let base = |w: &str| -> String {
        let w = w.trim_end_matches("'s");
        w.strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| w.strip_suffix('s').map(str::to_string))
            .unwrap_or_else(|| w.to_string())
    };
    let own: Vec<String> = own.iter().flat_map(|w| w.split('-')).map(base).collect();
    let added: Vec<String> = content_words(suggestion)
        .filter(|w| w.chars().count() > 1)
        .map(|w| base(&w))
        .filter(|w| !own.contains(w))
        .collect();
    if added.is_empty() {
        return false;
    }
    let before = words_before(prose, span.start, NEARBY);
    let after = words_after(prose, span.end, NEARBY);
    before
        .iter()
        .take_while(|w| w.span.start >= bounds.start)
        .chain(after.iter().take_while(|w| w.span.end <= bounds.end))
        .flat_map(|w| w.folded.split('-').map(base).collect::<Vec<_>>())
        .any(|w| added.contains(&w))
}

/// Whether `suggestion` has more content words (not function words) than `written`: a fix
/// that brings in words the text does not say ("community of common destiny" -> "community of
/// shared future for mankind"), not one that rewords what it says ("... for humanity" -> "...
/// for mankind").
pub fn adds_words(written: &str, suggestion: &str) -> bool {
    content_words(suggestion).count() > content_words(written).count()
}

/// The content words of `s`, folded: its words ([`crate::inserted::words`]) split at hyphens,
/// without function words ([`crate::inserted::FUNCTION_WORDS`]).
fn content_words(s: &str) -> impl Iterator<Item = String> {
    crate::inserted::words(s)
        .into_iter()
        .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty() && !crate::inserted::FUNCTION_WORDS.contains(&w.as_str()))
}

/// How far [`qualifier_in_sentence`] reads on each side of the span, in characters.
const SENTENCE_REACH: usize = 600;

/// Whether a word in the same sentence as `span`, outside it, `qualifies` the term (the word
/// is given folded: lower case, straight apostrophes). The sentence ends at a sentence-ending
/// character ([`crate::prose::SENTENCE_ENDS`]), a blank line or a barrier, and at most
/// [`SENTENCE_REACH`] characters away on each side; a line break alone does not end it
/// (hard-wrapped text, a headline line over its standfirst). A period inside an abbreviation
/// ("U.S.") ends the reading early, which can only miss a qualifier, never invent one. See
/// the module's rule 4.
pub fn qualifier_in_sentence(
    prose: &Prose<'_>,
    span: Range<usize>,
    qualifies: impl Fn(&str) -> bool,
) -> bool {
    // Reads one side's characters, nearest first, up to the sentence's end.
    fn side(chars: impl Iterator<Item = (usize, char)>) -> Vec<char> {
        let mut out = Vec::new();
        let mut breaks = 0;
        for (_, c) in chars.take(SENTENCE_REACH) {
            if crate::prose::SENTENCE_ENDS.contains(&c) {
                break;
            }
            if c.is_whitespace() {
                breaks += crate::fold::line_breaks(c);
                if breaks >= 2 {
                    break;
                }
            } else {
                breaks = 0;
            }
            out.push(c);
        }
        out
    }
    // The words of a run of characters in reading order, folded, hyphens and apostrophes
    // inside them ("cross-straits", "asean's").
    fn any_word(chars: &[char], qualifies: &impl Fn(&str) -> bool) -> bool {
        let text: String = chars.iter().collect();
        crate::inserted::words(&text).iter().any(|w| qualifies(w))
    }
    let before = match prose.piece_at(span.start) {
        Some(piece) => {
            let mut chars = side(prose.backward(piece, span.start));
            chars.reverse();
            chars
        }
        None => Vec::new(),
    };
    let after = match span
        .end
        .checked_sub(1)
        .and_then(|o| prose.piece_at(o))
        .filter(|_| span.end > span.start)
    {
        Some(piece) => side(prose.forward(piece, span.end)),
        None => Vec::new(),
    };
    any_word(&before, &qualifies) || any_word(&after, &qualifies)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn absorb(text: &str, needle: &str, suggestion: &str) -> (String, String) {
        let prose = Prose::whole(text);
        let s = text.find(needle).unwrap();
        let f = absorb_repeats(
            &prose,
            s..s + needle.len(),
            suggestion,
            0..text.len(),
            |_| true,
        );
        let f = fit_article(&prose, f, 0, |_| true);
        (text[f.span].to_string(), f.suggestion)
    }

    #[test]
    fn repeated_tail_and_head() {
        assert_eq!(
            absorb(
                "The One Belt, One Road Initiative began.",
                "One Belt, One Road",
                "Belt and Road Initiative"
            ),
            (
                "One Belt, One Road Initiative".into(),
                "Belt and Road Initiative".into()
            )
        );
        assert_eq!(
            absorb(
                "a community of common destiny For Mankind.",
                "community of common destiny",
                "community of shared future for mankind"
            ),
            (
                "community of common destiny For Mankind".into(),
                "community of shared future for mankind".into()
            )
        );
        assert_eq!(
            absorb(
                "OBOR initiatives abound",
                "OBOR",
                "Belt and Road Initiative"
            ),
            (
                "OBOR initiatives".into(),
                "Belt and Road Initiatives".into()
            )
        );
        // Punctuation ends the run: "Initiative" after a comma is another phrase.
        assert_eq!(
            absorb("OBOR, Initiative", "OBOR", "Belt and Road Initiative"),
            ("OBOR".into(), "Belt and Road Initiative".into())
        );
        assert_eq!(
            absorb(
                "the Communist Party Chinese Communist Party",
                "Chinese Communist Party",
                "Communist Party of China"
            ),
            (
                "Communist Party Chinese Communist Party".into(),
                "Communist Party of China".into()
            )
        );
    }

    #[test]
    fn articles() {
        assert_eq!(
            absorb("an OBOR project", "OBOR", "Belt and Road Initiative"),
            ("an OBOR".into(), "a Belt and Road Initiative".into())
        );
        assert_eq!(
            absorb(
                "A green civilization",
                "green civilization",
                "ecological civilization"
            ),
            (
                "A green civilization".into(),
                "An ecological civilization".into()
            )
        );
        assert_eq!(
            absorb("a CCP member", "CCP", "CPC"),
            ("CCP".into(), "CPC".into())
        );
        assert_eq!(
            absorb("a CCP member", "CCP", "FTA"),
            ("a CCP".into(), "an FTA".into())
        );
    }
}
