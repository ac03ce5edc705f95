//! Verifying one glossary form at one place in the text, character by character.
//!
//! The automaton (see [`crate::matcher`]) only finds *anchors*, literal pieces of a form; this
//! module checks the whole form around an anchor under the matching contract: folded
//! characters, a space matching any whitespace run with at most one line break, the plural of
//! the last word, and word boundaries at both ends. It walks the original text through the
//! cursors of [`crate::prose`], so the offsets it returns are offsets in the file.

use crate::fold::{fold, is_word_char, line_breaks};
use crate::prose::{Backward, Forward};

/// A cursor in either direction.
pub(crate) trait Cursor: Clone + Iterator<Item = (usize, char)> {
    fn peek(&self) -> Option<char>;
}

impl Cursor for Forward<'_> {
    fn peek(&self) -> Option<char> {
        Forward::peek(self)
    }
}

impl Cursor for Backward<'_> {
    fn peek(&self) -> Option<char> {
        Backward::peek(self)
    }
}

/// Consumes the text for one folded form character. A `' '` in a form consumes a run of at
/// least one whitespace character holding at most one line break; a `'-'` consumes a hyphen
/// and a line break right after it (or, read backwards, before it), unless the form's next
/// character in the cursor's direction is a `' '` (`then_space`: that space is the line
/// break, as it is read the other way: "short- and" matches "short-⏎and" either way); any
/// other character must fold to itself.
#[inline]
pub(crate) fn step(cur: &mut impl Cursor, fc: char, then_space: bool) -> Option<()> {
    if fc == ' ' {
        let mut seen = false;
        let mut breaks = 0u8;
        while let Some(c) = cur.peek() {
            if !c.is_whitespace() {
                break;
            }
            breaks += line_breaks(c);
            if breaks > 1 {
                return None;
            }
            cur.next();
            seen = true;
        }
        seen.then_some(())
    } else if fc == '-' {
        // A hyphen at a line end joins the halves of a compound ("Chinese-⏎style"): the line
        // break is read past on either side of the hyphen, whichever the cursor meets first.
        if cur.peek().is_some_and(char::is_whitespace) {
            line_end(cur)?;
            let (_, c) = cur.next()?;
            (fold(c) == '-').then_some(())
        } else {
            let (_, c) = cur.next()?;
            if fold(c) != '-' {
                return None;
            }
            let mut after = cur.clone();
            if !then_space && line_end(&mut after).is_some() {
                *cur = after;
            }
            Some(())
        }
    } else {
        let (_, c) = cur.next()?;
        (fold(c) == fc).then_some(())
    }
}

/// Consumes a run of whitespace holding exactly one line break.
fn line_end(cur: &mut impl Cursor) -> Option<()> {
    let mut breaks = 0u8;
    while let Some(c) = cur.peek() {
        if !c.is_whitespace() {
            break;
        }
        breaks += line_breaks(c);
        cur.next();
    }
    (breaks == 1).then_some(())
}

/// Consumes `chars` (a folded form, or part of one) in the cursor's direction.
#[inline]
pub(crate) fn steps(cur: &mut impl Cursor, chars: impl Iterator<Item = char>) -> Option<()> {
    let mut chars = chars.peekable();
    while let Some(fc) = chars.next() {
        step(cur, fc, chars.peek() == Some(&' '))?;
    }
    Some(())
}

/// How the last word of a form may end in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Inflection {
    /// Only as written.
    None,
    /// As written, or with -s.
    PluralS,
    /// The form ends in s, x, z, ch, sh or o, or in a letter beyond ASCII: as written, or
    /// with -s or -es.
    Plural,
    /// The form ends in "y": as written, with -s, or with -ies in place of the y.
    PluralY,
}

/// Where a forward match ended.
pub(crate) struct End {
    /// End of the match, after any plural ending.
    pub end: usize,
    /// End of the part that corresponds to the form itself (before -s, -es or -ies).
    pub stem_end: usize,
    /// Whether a plural ending was matched.
    pub plural: bool,
}

/// Matches the ending of a form at the cursor (whose last character has just been consumed,
/// or, for [`Inflection::PluralY`], everything but the final "y"), then the end boundary.
pub(crate) fn ending(cur: &Forward<'_>, inflection: Inflection, ends_word: bool) -> Option<End> {
    // (ending text, how many of its characters belong to the stem)
    const AS_IS: &[(&str, usize)] = &[("", 0)];
    const PLURAL_S: &[(&str, usize)] = &[("s", 0), ("", 0)];
    const PLURAL: &[(&str, usize)] = &[("es", 0), ("s", 0), ("", 0)];
    const PLURAL_Y: &[(&str, usize)] = &[("ies", 0), ("ys", 1), ("y", 1)];
    let endings = match inflection {
        Inflection::None => AS_IS,
        Inflection::PluralS => PLURAL_S,
        Inflection::Plural => PLURAL,
        Inflection::PluralY => PLURAL_Y,
    };
    'endings: for &(text, stem_chars) in endings {
        let mut c = cur.clone();
        let mut stem_end = c.pos();
        for (i, want) in text.chars().enumerate() {
            match c.next() {
                Some((_, got)) if fold(got) == want => {}
                _ => continue 'endings,
            }
            if i + 1 == stem_chars {
                stem_end = c.pos();
            }
        }
        if ends_word && c.peek().is_some_and(is_word_char) {
            continue;
        }
        return Some(End {
            end: c.pos(),
            stem_end,
            plural: text.len() > stem_chars,
        });
    }
    None
}

/// Whether the cursor stands at a word boundary on its side: nothing, or a non-word character.
#[inline]
pub(crate) fn at_boundary(cur: &impl Cursor) -> bool {
    !cur.peek().is_some_and(is_word_char)
}
