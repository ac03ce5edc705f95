//! The automaton: every form of every term, found in one pass over the text.
//!
//! Forms cannot go into an Aho-Corasick automaton as they are: a space in a form matches any
//! whitespace run (and one line break), quotes and hyphens fold, the last word may be plural.
//! So each form contributes one *anchor*: its longest run of characters that appear literally
//! in any text it matches (letters, digits, most punctuation; never spaces, quotes or
//! hyphens). One automaton holds the anchors of all forms, ASCII-case-insensitive, and its
//! SIMD prefilter skips the text between them. Only at an anchor hit is the whole form
//! checked, character by character, around the hit (see [`crate::verify`]). The text is never
//! copied or normalised, and no loop over terms ever runs over the text.

use std::collections::HashMap;
use std::fmt;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::fold::{fold_form, is_word_char};
use crate::glossary::Glossary;
use crate::prose::{Gap, Prose};
use crate::verify::{Inflection, at_boundary, ending, steps};

/// Up to this many anchors, the automaton is a DFA (measured: a 400-form glossary builds in
/// about a millisecond; 200,000 forms take seconds as a DFA).
const DFA_MAX_PATTERNS: usize = 2_000;

/// Whether a form is approved or to be flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Preferred,
    Admitted,
    Deviant,
    /// A longer phrase that contains a deviant and is never reported (see `exceptions`).
    Exception,
}

impl FormKind {
    pub fn is_approved(self) -> bool {
        matches!(self, FormKind::Preferred | FormKind::Admitted)
    }

    /// Whether the form hides the deviants it contains or overlaps: approved forms and
    /// exceptions.
    pub fn hides(self) -> bool {
        self != FormKind::Deviant
    }
}

/// One glossary form, compiled.
#[derive(Clone, Debug)]
pub struct Form {
    /// Index of the term in the glossary.
    pub term: usize,
    pub kind: FormKind,
    /// The form as written in the glossary.
    pub text: String,
    /// Folded characters; `' '` stands for a whitespace run.
    chars: Vec<char>,
    inflection: Inflection,
    starts_word: bool,
    ends_word: bool,
}

/// A form anchored by an automaton pattern, with what its neighbouring words must begin or
/// end with (`'\0'`: no requirement) for a quick rejection before verification.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    form: u32,
    /// Index of the anchor in the form's chars.
    at: u32,
    /// Byte length of the anchor pattern.
    len: u32,
    /// The folded last character of the word before the anchor, if the form has one there.
    before: char,
    /// The folded first character of the word after the anchor, if the form has one there.
    after: char,
}

/// The folded character across one whitespace run, looking outward from an anchor: None if
/// there is no whitespace right there or the run is long (then nothing is filtered).
fn neighbour(mut chars: impl Iterator<Item = char>) -> Option<char> {
    let mut seen = 0;
    for c in chars.by_ref() {
        if c.is_whitespace() {
            seen += 1;
            if seen > 16 {
                return None;
            }
        } else {
            return (seen > 0).then(|| crate::fold::fold(c));
        }
    }
    None
}

/// Whether a folded form character appears literally in every text the form matches: not a
/// space (any whitespace run), quote or hyphen (each has typographic variants).
fn literal(c: char) -> bool {
    !matches!(c, ' ' | '\'' | '"' | '-')
}

/// One place where a form matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the form in [`Matcher::forms`], which is glossary order.
    pub form: usize,
    pub start: usize,
    /// End of the part that corresponds to the form (before a plural ending).
    pub stem_end: usize,
    pub end: usize,
    /// Whether the last word carries a plural ending the form does not.
    pub plural: bool,
}

/// The automaton could not be built (a glossary far beyond any real one).
#[derive(Debug)]
pub struct BuildError(aho_corasick::BuildError);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the term automaton: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

impl From<aho_corasick::BuildError> for BuildError {
    fn from(e: aho_corasick::BuildError) -> BuildError {
        BuildError(e)
    }
}

/// All forms of a glossary and the automaton over their anchors.
#[derive(Clone, Debug)]
pub struct Matcher {
    forms: Vec<Form>,
    automaton: AhoCorasick,
    /// For each automaton pattern, the `(form, index of the anchor in the form's chars)` pairs
    /// it anchors, as a range into `anchors`.
    pattern_anchors: Vec<(u32, u32)>,
    anchors: Vec<Anchor>,
    /// For each pattern: whether some form it anchors can start in the middle of a word (a
    /// form that begins with punctuation, anchored at its start).
    starts_anywhere: Vec<bool>,
}

impl Matcher {
    pub fn new(glossary: &Glossary) -> Result<Matcher, BuildError> {
        let mut forms = Vec::new();
        for (term_index, term) in glossary.terms.iter().enumerate() {
            let kinds = std::iter::once((term.preferred.as_str(), FormKind::Preferred))
                .chain(
                    term.admitted
                        .iter()
                        .map(|f| (f.as_str(), FormKind::Admitted)),
                )
                .chain(
                    term.deviants
                        .iter()
                        .map(|f| (f.as_str(), FormKind::Deviant)),
                )
                .chain(
                    term.exceptions
                        .iter()
                        .map(|f| (f.as_str(), FormKind::Exception)),
                );
            for (text, kind) in kinds {
                forms.push(Form::new(term_index, kind, text));
            }
        }
        // Anchor text -> the forms it anchors.
        let mut by_pattern: HashMap<String, Vec<Anchor>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (i, form) in forms.iter().enumerate() {
            let Some((at, anchor)) = form.anchor() else {
                continue;
            };
            for variant in case_variants(&anchor) {
                let len = variant.len();
                let entry = by_pattern.entry(variant.clone()).or_insert_with(|| {
                    order.push(variant);
                    Vec::new()
                });
                entry.push(form.anchor_entry(i, at, len));
            }
        }
        // The search reports the longest anchor at each position, so a hit of "roads" must also
        // stand for every anchor that is a prefix of it ("road"): give it their forms too.
        // Anchors starting later inside a hit are found because the search resumes one byte
        // after each hit's start.
        // Patterns by their ASCII-lower-case spelling (non-ASCII variants differ).
        let mut by_lower: HashMap<String, Vec<&str>> = HashMap::new();
        for p in &order {
            by_lower.entry(p.to_ascii_lowercase()).or_default().push(p);
        }
        let mut pattern_anchors = Vec::with_capacity(order.len());
        let mut anchors = Vec::new();
        for p in &order {
            let start = anchors.len();
            anchors.extend_from_slice(&by_pattern[p]);
            let lower = p.to_ascii_lowercase();
            for i in (1..lower.len()).filter(|&i| lower.is_char_boundary(i)) {
                for q in by_lower.get(&lower[..i]).into_iter().flatten() {
                    if p.as_bytes()[..i].eq_ignore_ascii_case(q.as_bytes()) {
                        anchors.extend_from_slice(&by_pattern[*q]);
                    }
                }
            }
            pattern_anchors.push((start as u32, (anchors.len() - start) as u32));
        }
        // A DFA is the fastest search but its size grows with the patterns: for large
        // glossaries, let aho-corasick pick (a contiguous NFA).
        let kind = (order.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(&order)
            .map_err(BuildError)?;
        let starts_anywhere = pattern_anchors
            .iter()
            .map(|&(first, len)| {
                anchors[first as usize..(first + len) as usize]
                    .iter()
                    .any(|e| e.at == 0 && !forms[e.form as usize].starts_word)
            })
            .collect();
        Ok(Matcher {
            forms,
            automaton,
            pattern_anchors,
            anchors,
            starts_anywhere,
        })
    }

    /// The compiled forms, in glossary order (per term: preferred, admitted, deviants).
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// Every place where any form matches, overlapping ones included, in no particular order.
    pub fn candidates(&self, prose: &Prose<'_>) -> Vec<Candidate> {
        let mut out = Vec::new();
        let pieces = prose.pieces();
        let mut piece = 0;
        let text = prose.text();
        let mut from = 0;
        while let Some(m) = self.automaton.find(Input::new(text).span(from..text.len())) {
            let at = m.start();
            from = at + 1;
            // Hits arrive in order of their end, so the piece is almost always the last one.
            if !(pieces
                .get(piece)
                .is_some_and(|p| p.start <= at && at < p.end))
            {
                match prose.piece_at(at) {
                    Some(p) => piece = p,
                    None => continue,
                }
            }
            if m.end() > pieces[piece].end {
                continue;
            }
            // Most hits inside a word ("ment" in "government") end here, before any form is
            // looked at: an anchor is always preceded, in its form, by a space, a quote, a
            // hyphen or a word boundary, none of which a word character can be.
            let pattern = m.pattern().as_usize();
            if at > pieces[piece].start
                && !self.starts_anywhere[pattern]
                && text[..at].chars().next_back().is_some_and(is_word_char)
            {
                continue;
            }
            let (first, len) = self.pattern_anchors[pattern];
            // The edge characters of the neighbouring words, read once per hit: most forms
            // sharing an anchor differ there, and a form whose neighbour does not match needs
            // no verification.
            let p = pieces[piece];
            let before = neighbour(text[p.start..at].chars().rev());
            let after = neighbour(text[m.end()..p.end].chars());
            for e in &self.anchors[first as usize..(first + len) as usize] {
                if (e.before != '\0' && before.is_some_and(|c| c != e.before))
                    || (e.after != '\0'
                        && e.len as usize == m.len()
                        && after.is_some_and(|c| c != e.after))
                {
                    continue;
                }
                let form_index = e.form as usize;
                if let Some(c) = self.forms[form_index].verify(prose, piece, at, e.at as usize) {
                    out.push(Candidate {
                        form: form_index,
                        ..c
                    });
                }
            }
        }
        self.split_words(prose, &mut out);
        out
    }

    /// Anchors split by a join inside a word: `CC<g>P</g>` in XLIFF, `"communi"` `"ty"` in PO,
    /// `**C**CP` in Markdown. The scan above sees each piece's bytes apart, so around every
    /// join with a literal character on both sides, the text is read as the matcher reads it
    /// into a short window, and the automaton runs over that; hits that cross the join are
    /// verified like any other (verification reads through joins already).
    fn split_words(&self, prose: &Prose<'_>, out: &mut Vec<Candidate>) {
        // Longer than any anchor worth splitting; a longer one is still found if another
        // form of the term is.
        const REACH: usize = 64;
        let pieces = prose.pieces();
        let text = prose.text();
        let mut window = String::new();
        let mut offsets: Vec<usize> = Vec::new();
        for (i, p) in pieces.iter().enumerate().skip(1) {
            let prev = pieces[i - 1];
            if !p.joined {
                continue;
            }
            let before = text[prev.start..prev.end].chars().next_back();
            let after = match p.gap {
                Gap::Char(c) => Some(c),
                _ => text[p.start..p.end].chars().next(),
            };
            // Markup whose whitespace separates the words (a soft line break) splits nothing.
            let spaced =
                p.gap == Gap::Markup && text[prev.end..p.start].chars().any(char::is_whitespace);
            if spaced || !(before.is_some_and(literal_text) && after.is_some_and(literal_text)) {
                continue;
            }
            window.clear();
            offsets.clear();
            let mut back: Vec<(usize, char)> =
                prose.backward(i - 1, prev.end).take(REACH).collect();
            back.reverse();
            let split = back.len();
            for (at, c) in back
                .into_iter()
                .chain(prose.forward(i - 1, prev.end).take(REACH))
            {
                for _ in 0..c.len_utf8() {
                    offsets.push(at);
                }
                window.push(c);
            }
            let boundary: usize = window.chars().take(split).map(char::len_utf8).sum();
            // Every hit starting before the join, as in the main scan: resume one byte on.
            let mut from = 0;
            while let Some(m) = self
                .automaton
                .find(Input::new(&window).span(from..window.len()))
            {
                from = m.start() + 1;
                if m.start() >= boundary {
                    break;
                }
                if m.end() <= boundary {
                    continue;
                }
                let at = offsets[m.start()];
                let Some(piece) = prose.piece_at(at) else {
                    continue;
                };
                let (first, len) = self.pattern_anchors[m.pattern().as_usize()];
                for e in &self.anchors[first as usize..(first + len) as usize] {
                    let form_index = e.form as usize;
                    if let Some(c) = self.forms[form_index].verify(prose, piece, at, e.at as usize)
                    {
                        out.push(Candidate {
                            form: form_index,
                            ..c
                        });
                    }
                }
            }
        }
    }
}

/// A text character that can be inside an anchor: not whitespace, a quote or a hyphen.
fn literal_text(c: char) -> bool {
    !c.is_whitespace() && literal(crate::fold::fold(c))
}

impl Form {
    fn new(term: usize, kind: FormKind, text: &str) -> Form {
        let chars = fold_form(text);
        let last_word_len = chars.iter().rev().take_while(|c| is_word_char(**c)).count();
        let inflection = match chars.last() {
            Some(&c) if c.is_alphabetic() && last_word_len >= 2 => {
                if c == 'y' {
                    Inflection::PluralY
                } else {
                    Inflection::Plural
                }
            }
            _ => Inflection::None,
        };
        Form {
            term,
            kind,
            text: text.to_string(),
            starts_word: chars.first().is_some_and(|c| is_word_char(*c)),
            ends_word: chars.last().is_some_and(|c| is_word_char(*c)),
            chars,
            inflection,
        }
    }

    /// The anchor: the longest run of characters that any matching text contains literally,
    /// preferring all-ASCII runs (which the automaton matches in any letter case). Returns its
    /// start index in `chars` and its text. A final "y" is left out, since "-ies" replaces it.
    fn anchor(&self) -> Option<(usize, String)> {
        let mut best: Option<(bool, usize, usize)> = None; // (ascii, len, start)
        let mut i = 0;
        while i < self.chars.len() {
            if !literal(self.chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < self.chars.len() && literal(self.chars[i]) {
                i += 1;
            }
            let mut end = i;
            if end == self.chars.len() && self.inflection == Inflection::PluralY {
                end -= 1;
            }
            if end == start {
                continue;
            }
            let run = &self.chars[start..end];
            let key = (
                run.iter().all(char::is_ascii),
                end - start,
                usize::MAX - start,
            );
            if best.is_none_or(|(a, l, s)| key > (a, l, usize::MAX - s)) {
                best = Some((key.0, key.1, start));
            }
        }
        let (_, len, start) = best?;
        Some((start, self.chars[start..start + len].iter().collect()))
    }

    /// The automaton entry for this form's anchor at `at` (chars), `len` bytes long.
    fn anchor_entry(&self, form: usize, at: usize, len: usize) -> Anchor {
        let anchor_chars = self.chars[at..].iter().take_while(|c| literal(**c)).count();
        let end = at + anchor_chars;
        let before = match (
            at.checked_sub(1).map(|i| self.chars[i]),
            at.checked_sub(2).map(|i| self.chars[i]),
        ) {
            (Some(' '), Some(c)) if literal(c) => c,
            _ => '\0',
        };
        let after = match (self.chars.get(end), self.chars.get(end + 1)) {
            (Some(' '), Some(&c)) if literal(c) => c,
            _ => '\0',
        };
        Anchor {
            form: form as u32,
            at: at as u32,
            len: len as u32,
            before,
            after,
        }
    }

    /// Checks this form around an anchor hit at byte `at` (the text of `chars[anchor..]`
    /// starts there). Returns the match with `form` left at 0 for the caller to fill in.
    fn verify(
        &self,
        prose: &Prose<'_>,
        piece: usize,
        at: usize,
        anchor: usize,
    ) -> Option<Candidate> {
        let mut back = prose.backward(piece, at);
        steps(&mut back, self.chars[..anchor].iter().rev().copied())?;
        if self.starts_word && !at_boundary(&back) {
            return None;
        }
        let body = match self.inflection {
            Inflection::PluralY => self.chars.len() - 1,
            _ => self.chars.len(),
        };
        let mut fwd = prose.forward(piece, at);
        steps(&mut fwd, self.chars[anchor..body].iter().copied())?;
        let end = ending(&fwd, self.inflection, self.ends_word)?;
        Some(Candidate {
            form: 0,
            start: back.pos(),
            stem_end: end.stem_end,
            end: end.end,
            plural: end.plural,
        })
    }
}

/// The patterns the automaton needs for one anchor. ASCII letters are matched in any case by
/// the automaton itself; other letters need their upper- and lower-case spellings listed.
fn case_variants(anchor: &str) -> Vec<String> {
    let cased: Vec<usize> = anchor
        .char_indices()
        .filter(|(_, c)| !c.is_ascii() && c.is_lowercase())
        .map(|(i, _)| i)
        .collect();
    let upper = |c: char| {
        let mut u = c.to_uppercase();
        match (u.next(), u.next()) {
            (Some(u), None) => u,
            _ => c,
        }
    };
    if cased.is_empty() {
        return vec![anchor.to_string()];
    }
    if cased.len() > 4 {
        return vec![anchor.to_string(), anchor.chars().map(upper).collect()];
    }
    (0..1u32 << cased.len())
        .map(|mask| {
            anchor
                .char_indices()
                .map(|(i, c)| match cased.iter().position(|&k| k == i) {
                    Some(bit) if mask & (1 << bit) != 0 => upper(c),
                    _ => c,
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_prefer_long_ascii_literal_runs() {
        let f = Form::new(0, FormKind::Deviant, "community of common destiny");
        assert_eq!(f.anchor(), Some((0, "community".to_string())));
        let f = Form::new(0, FormKind::Deviant, "win‑win cooperation");
        assert_eq!(f.anchor(), Some((8, "cooperation".to_string())));
        let f = Form::new(0, FormKind::Deviant, "key policy");
        assert_eq!(
            f.anchor(),
            Some((4, "polic".to_string())),
            "-ies replaces the final y"
        );
        let f = Form::new(0, FormKind::Deviant, "One Belt, One Road");
        assert_eq!(f.anchor(), Some((4, "belt,".to_string())));
    }

    #[test]
    fn non_ascii_anchors_list_their_cases() {
        let mut v = case_variants("café");
        v.sort();
        assert_eq!(v, ["cafÉ", "café"]);
    }
}
