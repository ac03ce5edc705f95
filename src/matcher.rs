//! Finding every form of every term in one pass over the text.
//!
//! Forms cannot be searched for as they are: a space in a form matches any whitespace run (and
//! one line break), quotes and hyphens fold, the last word may be plural. So each form is
//! found through one *anchor*, a piece of it that appears literally in any text it matches,
//! and only where the anchor occurs is the whole form checked, character by character, around
//! it (see [`crate::verify`]).
//!
//! The anchor is one whole word of the form (every form has one: a glossary refuses a form
//! without a word character). Where a word of the form has the form's previous word right
//! before it, apart by a space or a hyphen, the anchor is that word *paired* with the one
//! before, and it is found only after that word in the text (see `Matcher::anchored` for
//! when the text's word before is certain); a form with such a pair prefers it to any single
//! word. Among the candidates, [`crate::rarity`] chooses. The text is split into words and
//! each is looked up in a hash table of anchor words ([`crate::words`]). The text is never
//! copied or normalised, and no loop over terms ever runs over the text.

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::fmt;
use std::ops::ControlFlow;
use std::sync::Arc;

use crate::fold::{fold, fold_form, is_word_char};
use crate::glossary::Glossary;
use crate::prose::{Gap, Prose};
use crate::verify::{Inflection, at_boundary, ending, steps};
use crate::words::{GAP, PairGap, Probe, Word, WordIndex, for_each_word, text_word_key};

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
    /// The form as written in the glossary (shared by its spellings).
    pub text: Arc<str>,
    /// Folded characters; `' '` stands for a whitespace run.
    chars: Vec<char>,
    inflection: Inflection,
    starts_word: bool,
    ends_word: bool,
    /// The other spellings of the form's first word, its inflections (see
    /// [`crate::inflect`]), each a word of lower-case ASCII letters: the form matches with any
    /// of them in the place of its first word, `chars[..first_len]` (bench/NOTES.md item 20).
    firsts: Option<Spellings>,
    /// The length of the first word in `chars`, where `firsts` stand in for it.
    first_len: u32,
    /// Whether this form is the glossary form written with hyphens for its spaces, as a
    /// modifier ("community-of-common-destiny narrative").
    pub hyphenated: bool,
}

/// A form anchored on one of its words, with what its neighbouring words must begin or
/// end with (`'\0'`: no requirement) for a quick rejection before verification.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    form: u32,
    /// Index of the anchor in the form's chars, as spelt with first word `first`.
    at: u32,
    /// Which spelling of its first word the form is anchored as: [`FIRST_AS_WRITTEN`], a
    /// number from 1 (that one of [`Form::firsts`]) or [`FIRST_ANY`] (the anchor and the
    /// word paired with it, if any, are past the first word, and any spelling is tried).
    first: u8,
    /// The folded last character of the word before the anchor, if the form has one there.
    before: char,
    /// The folded first character of the word after the anchor, if the form has one there.
    after: char,
    /// Whether the form is this one word and the text word is spelt as it is (not a plural):
    /// then a text word found strictly inside a piece is a match with no more to check.
    whole: bool,
    /// Whether the form has a hyphen right before (after) the anchor: a hyphenated modifier
    /// is verified only where the text has one there too.
    hyphen_before: bool,
    hyphen_after: bool,
    /// Whether the form only hides deviants (an approved form of a term that is not
    /// case-sensitive): in a monolingual text it matters only where a deviant is found too
    /// (see [`Matcher::reporting_candidates`]). `Matcher::hides` of the form, copied here so
    /// that the word loop reads it with the entry it already has.
    hides: bool,
}

/// Other spellings of a form's first word (see [`Form::firsts`]), shared by the forms that
/// take them all.
type Spellings = Arc<[Box<[char]>]>;

/// [`Anchor::first`]: the form's first word as written.
const FIRST_AS_WRITTEN: u8 = 0;
/// [`Anchor::first`]: any spelling of the form's first word.
const FIRST_ANY: u8 = u8::MAX;

/// Whether a hyphen may come next in `chars`: false only if the first character that is not
/// whitespace (a line end, indented or not, may come between a hyphen and its word), among
/// the first few, is something else. Only whitespace up to the limit or the piece's edge
/// (markup may stand there) rules nothing out.
fn hyphen_next(chars: impl Iterator<Item = char>) -> bool {
    chars
        .take(8)
        .find(|c| !c.is_whitespace())
        .is_none_or(|c| fold(c) == '-')
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
/// space (any whitespace run), quote or hyphen (each has typographic variants). The neighbour
/// filter compares only such characters.
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
    /// Whether the form's first word is one of its inflections (see [`crate::inflect`]),
    /// not as the glossary writes it.
    pub inflected: bool,
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

/// All forms of a glossary, indexed by their anchors.
#[derive(Clone, Debug)]
pub struct Matcher {
    forms: Vec<Form>,
    /// The forms by their anchor word (a form without a word character, which a glossary
    /// refuses, has none and never matches).
    words: Arc<WordIndex<Anchor>>,
    /// Per form: whether it only hides deviants (an approved form of a term that is not
    /// case-sensitive).
    hides: Vec<bool>,
}

/// What every index entry of one form shares (see [`Entries::push`]).
struct Entries {
    form: usize,
    inflection: Inflection,
    hides: bool,
}

impl Entries {
    /// The entries of the form spelt `chars`, anchored on its word `chars[start..end]` with
    /// the key of the word before it if paired: the word's own, and, for the last word, one
    /// per plural spelling, which is a word of the text too.
    fn push(
        &self,
        pairs: &mut Vec<(Word, Option<u64>, Anchor)>,
        chars: &[char],
        start: usize,
        end: usize,
        prev: Option<u64>,
        first: u8,
    ) {
        debug_assert!(words_of(chars).any(|w| w == (start, end)), "{chars:?}");
        let entry = Anchor {
            hides: self.hides,
            first,
            ..word_entry(chars, self.form, start, end)
        };
        if end == chars.len() {
            let stem = &chars[start..end];
            let spelled = |cut: usize, ending: &str| {
                Word::new(
                    stem[..stem.len() - cut]
                        .iter()
                        .copied()
                        .chain(ending.chars()),
                )
            };
            match self.inflection {
                Inflection::None => {}
                Inflection::PluralS => {
                    pairs.push((spelled(0, "s"), prev, entry));
                }
                Inflection::Plural => {
                    pairs.push((spelled(0, "s"), prev, entry));
                    pairs.push((spelled(0, "es"), prev, entry));
                }
                Inflection::PluralY => {
                    pairs.push((spelled(0, "s"), prev, entry));
                    pairs.push((spelled(1, "ies"), prev, entry));
                }
            }
        }
        let whole = start == 0 && end == chars.len();
        pairs.push((
            Word::new(chars[start..end].iter().copied()),
            prev,
            Anchor { whole, ..entry },
        ));
    }
}

impl Matcher {
    pub fn new(glossary: &Glossary) -> Result<Matcher, BuildError> {
        // The glossary's forms as written, each with one copy of its text for all its
        // spellings.
        let mut bases: Vec<Form> = Vec::with_capacity(
            glossary
                .terms
                .iter()
                .map(|t| 1 + t.admitted.len() + t.deviants.len() + t.exceptions.len())
                .sum(),
        );
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
                bases.push(Form::new(
                    term_index,
                    kind,
                    Arc::from(text),
                    fold_form(text),
                ));
            }
        }
        // Every listed form: a spelling that is listed itself is not made for another.
        let listed: FxHashSet<&[char]> = bases.iter().map(|f| &f.chars[..]).collect();
        // The forms' hyphenated spellings, as (index of the form, spelling), in order.
        let mut others: Vec<(usize, Form)> = Vec::with_capacity(bases.len() / 4);
        // The inflections of each first word, made once: the forms of a large glossary share
        // first words, and each word's spellings were made and dropped again for each form.
        let mut inflections: FxHashMap<&str, Spellings> = FxHashMap::default();
        // Per form, the spellings of its first word it takes (see `Form::firsts`).
        let mut firsts: Vec<Option<Spellings>> = Vec::with_capacity(bases.len());
        let mut spelled: Vec<char> = Vec::new();
        for (b, base) in bases.iter().enumerate() {
            let (text, term_index, kind) = (&base.text, base.term, base.kind);
            // Written as a hyphenated modifier: three words or more, nothing but words.
            let hyphenated = text.split_whitespace().nth(2).is_some()
                && text
                    .chars()
                    .all(|c| c.is_whitespace() || is_word_char(c) || matches!(fold(c), '\'' | '-'));
            if hyphenated {
                let chars: Vec<char> = base
                    .chars
                    .iter()
                    .map(|&c| if c == ' ' { '-' } else { c })
                    .collect();
                if !listed.contains(&chars[..]) {
                    let form = Form {
                        hyphenated: true,
                        ..Form::new(term_index, kind, text.clone(), chars)
                    };
                    others.push((b, form));
                }
            }
            // The first word inflected. A word that has inflections is lower-case ASCII, one
            // char per byte, folded as it is: its spellings are the form's chars with another
            // first word. One that is listed as a form itself is not taken.
            let first = text.split_whitespace().next().unwrap_or_default();
            if first.len() == text.trim().len() {
                firsts.push(None);
                continue;
            }
            let variants = inflections.entry(first).or_insert_with(|| {
                // At most FIRST_ANY - 1 of them (a handful in English), so that each has a
                // number in an `Anchor`.
                crate::inflect::variants(first)
                    .iter()
                    .take(usize::from(FIRST_ANY - 1))
                    .map(|v| v.chars().collect())
                    .collect()
            });
            if variants.is_empty() {
                firsts.push(None);
                continue;
            }
            let tail = &base.chars[first.len()..];
            let taken = |v: &[char], spelled: &mut Vec<char>| {
                spelled.clear();
                spelled.extend_from_slice(v);
                spelled.extend_from_slice(tail);
                !listed.contains(&spelled[..])
            };
            firsts.push(if variants.iter().all(|v| taken(v, &mut spelled)) {
                Some(variants.clone())
            } else {
                let some: Spellings = variants
                    .iter()
                    .filter(|v| taken(v, &mut spelled))
                    .cloned()
                    .collect();
                (!some.is_empty()).then_some(some)
            });
        }
        drop(listed);
        let mut forms = Vec::with_capacity(bases.len() + others.len());
        let mut others = others.into_iter().peekable();
        for (b, (mut base, firsts)) in bases.into_iter().zip(firsts).enumerate() {
            if firsts.is_some() {
                base.first_len = base.chars.iter().take_while(|c| **c != ' ').count() as u32;
                base.firsts = firsts;
            }
            forms.push(base);
            while let Some((_, form)) = others.next_if(|o| o.0 == b) {
                forms.push(form);
            }
        }
        // Each form's words as (start, end, key, number) (all forms' in one list, `bounds`
        // marking each form's), and how many forms contain each word: a word many forms share
        // is a costly anchor. A word is numbered by its key the first time it comes, so that
        // its count is read from a list, not looked up again in a hash table of 78,000 words
        // (a cache miss for each of the 300,000 words of 50,000 forms). A form's first word
        // is counted as written: its inflections take the anchor of the form as written
        // (below).
        let mut form_words: Vec<(u32, u32, u64, u32)> = Vec::with_capacity(forms.len() * 2);
        let mut bounds: Vec<usize> = Vec::with_capacity(forms.len() + 1);
        bounds.push(0);
        let mut numbers: FxHashMap<u64, u32> = FxHashMap::default();
        // How many forms contain each word, by its number. (Reserved at once: grown by
        // doubling, its freed copies split the allocator's free memory, and the word index's
        // lists were then placed in 22 MB of fresh pages.)
        let mut shared: Vec<u32> = Vec::with_capacity(forms.len());
        let mut seen: Vec<u32> = Vec::new();
        for f in &forms {
            let from = form_words.len();
            form_words.extend(f.words().map(|(s, e)| {
                let key = Word::new(f.chars[s..e].iter().copied()).key();
                let next = shared.len() as u32;
                let n = *numbers.entry(key).or_insert(next);
                if n == next {
                    shared.push(0);
                }
                (s as u32, e as u32, key, n)
            }));
            seen.clear();
            seen.extend(form_words[from..].iter().map(|w| w.3));
            seen.sort_unstable();
            seen.dedup();
            for &n in &seen {
                shared[n as usize] += 1;
            }
            bounds.push(form_words.len());
        }
        drop(numbers);
        let hides: Vec<bool> = forms
            .iter()
            .map(|f| f.kind.is_approved() && !glossary.terms[f.term].case_sensitive)
            .collect();
        // At most three entries per spelling (its anchor and the anchor's two plural
        // spellings), reserved at once: grown by doubling from two per form, the list (64
        // bytes an entry) was copied into fresh pages on the way, a seventh of the page faults
        // of loading 50,000 terms. Room left over is never written to, so never paged in.
        let spellings: usize = forms
            .iter()
            .map(|f| 1 + f.firsts.as_ref().map_or(0, |v| v.len()))
            .sum();
        let mut pairs = Vec::with_capacity(spellings * 3);
        let mut spelled: Vec<char> = Vec::new();
        for (i, form) in forms.iter().enumerate() {
            let words = &form_words[bounds[i]..bounds[i + 1]];
            // A word with the form's previous word right before it, apart by a space or a
            // hyphen, is anchored with that word (see `Matcher::anchored`): an anchor paired
            // so is preferred to any single word.
            let paired = |index: usize, start: usize| {
                index > 0
                    && words[index - 1].1 as usize + 1 == start
                    && matches!(form.chars[start - 1], ' ' | '-')
            };
            let best = words
                .iter()
                .enumerate()
                .max_by_key(|&(index, &(s, e, _, n))| {
                    let (s, e) = (s as usize, e as usize);
                    (
                        paired(index, s),
                        crate::rarity::anchor_key(
                            &form.chars[s..e],
                            shared[n as usize] as usize,
                            index,
                        ),
                    )
                });
            let Some((index, &(start, end, _, _))) = best else {
                continue;
            };
            let (start, end) = (start as usize, end as usize);
            let prev = paired(index, start).then(|| words[index - 1].2);
            let entries = Entries {
                form: i,
                inflection: form.inflection,
                hides: hides[i],
            };
            let Some(firsts) = &form.firsts else {
                entries.push(&mut pairs, &form.chars, start, end, prev, FIRST_AS_WRITTEN);
                continue;
            };
            if index >= 2 || (index == 1 && prev.is_none()) {
                // Past the second word, or on the second not paired with the first: the same
                // anchor, with the same word before it if paired, for every spelling of the
                // first word, which is tried when the form is verified.
                entries.push(&mut pairs, &form.chars, start, end, prev, FIRST_ANY);
                continue;
            }
            entries.push(&mut pairs, &form.chars, start, end, prev, FIRST_AS_WRITTEN);
            // The first word is the anchor, or the word before it: each spelling is anchored
            // on its own first word, or on the same word as the form with its own first word
            // before it.
            let first_len = form.first_len as usize;
            for (k, v) in firsts.iter().enumerate() {
                spelled.clear();
                spelled.extend_from_slice(v);
                spelled.extend_from_slice(&form.chars[first_len..]);
                let (start, end, prev) = if index == 0 {
                    (0, v.len(), None)
                } else {
                    let shift = |x: usize| x + v.len() - first_len;
                    let prev = prev.map(|_| Word::new(v.iter().copied()).key());
                    (shift(start), shift(end), prev)
                };
                entries.push(&mut pairs, &spelled, start, end, prev, k as u8 + 1);
            }
        }
        // Freed before the word index is built, which can then reuse their memory rather
        // than fault in fresh pages: the load's peak is there.
        drop((form_words, bounds, shared));
        Ok(Matcher {
            forms,
            words: Arc::new(WordIndex::new(pairs)),
            hides,
        })
    }

    /// The compiled forms, in glossary order (per term: preferred, admitted, deviants,
    /// exceptions; each followed by its spelling as a hyphenated modifier, if it has one). A
    /// [`Candidate`] says whether its form's first word was matched in an inflection.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// Every place where any form matches, overlapping ones included, in no particular order.
    pub fn candidates(&self, prose: &Prose<'_>) -> Vec<Candidate> {
        self.find(prose, false)
    }

    /// [`Matcher::candidates`] for a monolingual text, where an approved form of a term that
    /// is not case-sensitive matters only to hide a deviant: none at all when the text has
    /// no other candidate (its hits are noted on the way and verified only then). An
    /// approve-only lexicon's common words made millions of candidates that were thrown away.
    pub fn reporting_candidates(&self, prose: &Prose<'_>) -> Vec<Candidate> {
        self.find(prose, true)
    }

    fn find(&self, prose: &Prose<'_>, defer_hiding: bool) -> Vec<Candidate> {
        let mut out = Vec::new();
        // The words with entries that only hide, as (piece, word before, start, end).
        let mut deferred = Vec::new();
        let text = prose.text();
        for (piece, p) in prose.pieces().iter().enumerate() {
            let mut prev = None;
            let _ = for_each_word(text, p.start..p.end, |start, end| {
                let before = prev.replace((start, end));
                if self
                    .words
                    .screen(text, start, end, before.filter(|&(s, _)| s > p.start))
                    == Some(false)
                {
                    return ControlFlow::Continue(());
                }
                let Some(probe) = self.words.probe(text, start, end) else {
                    return ControlFlow::Continue(());
                };
                let (singles, paired) = self.anchored(text, p.start, before, start, &probe);
                // The edge characters of the neighbouring words, read once per word found (if
                // a form asks): most forms sharing an anchor differ there, and a form whose
                // neighbour does not match needs no verification.
                let mut edges = (None, None);
                let mut hiding = false;
                for e in singles.iter().chain(paired) {
                    if defer_hiding && e.hides {
                        hiding = true;
                        continue;
                    }
                    self.consider(prose, piece, start, end, e, &mut edges, &mut out);
                }
                if hiding {
                    deferred.push((piece, before, start, end));
                }
                ControlFlow::Continue(())
            });
        }
        // Words split by a join are read whole here, every form verified.
        self.split_words(prose, &mut out);
        if defer_hiding && out.iter().all(|c| self.hides[c.form]) {
            return Vec::new();
        }
        let pieces = prose.pieces();
        for (piece, before, start, end) in deferred {
            let mut edges = (None, None);
            let Some(probe) = self.words.probe(text, start, end) else {
                continue;
            };
            let (singles, paired) = self.anchored(text, pieces[piece].start, before, start, &probe);
            for e in singles.iter().chain(paired).filter(|e| e.hides) {
                self.consider(prose, piece, start, end, e, &mut edges, &mut out);
            }
        }
        out
    }

    /// The entries of the text word at `start` that may match there, given the word before
    /// it in its piece (`before`, if any): its single-word anchors, and of its paired ones
    /// those paired with that word. A form anchored on a pair has only a space or a hyphen
    /// between its two words, and both are whole words of any text it matches, so:
    /// - with only ASCII whitespace and hyphens between the two text words, the form's word
    ///   before is the text's (unless the text's starts its piece: it may then run on
    ///   through markup before it), and the pair is looked up;
    /// - with any other ASCII character between them, no paired form matches;
    /// - otherwise (characters beyond ASCII between them, which may be spaces or dashes, or
    ///   no word before in the piece), every paired entry is verified.
    #[inline(always)]
    fn anchored(
        &self,
        text: &str,
        piece_start: usize,
        before: Option<(usize, usize)>,
        start: usize,
        probe: &Probe,
    ) -> (&[Anchor], &[Anchor]) {
        let singles = self.words.singles(probe);
        if !probe.pairs {
            return (singles, &[]);
        }
        let Some((prev_start, prev_end)) = before.filter(|&(s, _)| s > piece_start) else {
            return (singles, self.words.all_paired(probe));
        };
        let mut beyond_ascii = false;
        for &b in &text.as_bytes()[prev_end..start] {
            match GAP[b as usize] {
                PairGap::Plain => {}
                PairGap::BeyondAscii => beyond_ascii = true,
                PairGap::Rules => return (singles, &[]),
            }
        }
        if beyond_ascii {
            return (singles, self.words.all_paired(probe));
        }
        let key = text_word_key(text, prev_start, prev_end);
        (singles, self.words.paired(probe, key))
    }

    /// Verifies anchor entry `e` for the text word `start..end` of piece `piece`, unless a
    /// cheaper test rules it out; `edges` caches the neighbouring words' edge characters.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn consider(
        &self,
        prose: &Prose<'_>,
        piece: usize,
        start: usize,
        end: usize,
        e: &Anchor,
        edges: &mut (Option<Option<char>>, Option<Option<char>>),
        out: &mut Vec<Candidate>,
    ) {
        let text = prose.text();
        let p = prose.pieces()[piece];
        // A word with text on both sides in its piece: no markup around it to read
        // through, so a form that is just this word matches as it stands (its
        // boundaries are this word's).
        let inside = start > p.start && end < p.end;
        if e.whole && inside {
            out.push(Candidate {
                form: e.form as usize,
                start,
                stem_end: end,
                end,
                plural: false,
                inflected: false,
            });
            return;
        }
        // A hyphenated form where the text has no hyphen (edges of a piece aside:
        // markup may stand there).
        if (e.hyphen_after && end < p.end && !hyphen_next(text[end..p.end].chars()))
            || (e.hyphen_before
                && start > p.start
                && !hyphen_next(text[p.start..start].chars().rev()))
        {
            return;
        }
        if e.before != '\0'
            && edges
                .0
                .get_or_insert_with(|| neighbour(text[p.start..start].chars().rev()))
                .is_some_and(|c| c != e.before)
        {
            return;
        }
        if e.after != '\0'
            && edges
                .1
                .get_or_insert_with(|| neighbour(text[end..p.end].chars()))
                .is_some_and(|c| c != e.after)
        {
            return;
        }
        self.verify_at(prose, piece, start, e, out);
    }

    /// Whether `text` may hold a match once a reader has taken its markup out, judged on the
    /// raw text (so that a Markdown file is parsed only where it may: see
    /// [`crate::Checker::read`]). Markup only joins the words on either side of it, so a match
    /// in the parsed text is a match in the raw text, or has a byte of `markup` between its
    /// first and last word there. For each raw word that anchors a form that reports (not one
    /// that only hides), the form is verified in the raw text, and the words it spans around
    /// its anchor are searched for markup. Markup inside one word (`**C**CP`) is the caller's
    /// to rule out: the raw words are then not the form's.
    pub fn may_match_through(&self, text: &str, markup: impl Fn(u8) -> bool) -> bool {
        let prose = Prose::whole(text);
        for_each_word(text, 0..text.len(), |start, end| {
            match self.words.probe(text, start, end) {
                Some(probe) => match self.words.all(&probe) {
                    [] => ControlFlow::Continue(()),
                    entries => self.may_match_at(&prose, start..end, entries, &markup),
                },
                None => ControlFlow::Continue(()),
            }
        })
        .is_break()
    }

    /// [`Matcher::may_match_through`] at one anchor word: kept out of the word loop, which
    /// runs for every word of every file and is tighter without it.
    #[inline(never)]
    fn may_match_at(
        &self,
        prose: &Prose<'_>,
        word: std::ops::Range<usize>,
        entries: &[Anchor],
        markup: &impl Fn(u8) -> bool,
    ) -> ControlFlow<()> {
        let mut edges = (None, None);
        let mut out = Vec::new();
        for e in entries.iter().filter(|e| !e.hides) {
            self.consider(prose, 0, word.start, word.end, e, &mut edges, &mut out);
            if !out.is_empty()
                || markup_within(
                    prose.text(),
                    word.clone(),
                    &self.forms[e.form as usize].spelled(e.first),
                    e.at,
                    markup,
                )
            {
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    }

    /// Verifies the form of anchor `e` whose anchor starts at byte `at`, in piece `piece`.
    #[inline]
    fn verify_at(
        &self,
        prose: &Prose<'_>,
        piece: usize,
        at: usize,
        e: &Anchor,
        out: &mut Vec<Candidate>,
    ) {
        let form_index = e.form as usize;
        if let Some(c) = self.forms[form_index].verify(prose, piece, at, e.at as usize, e.first) {
            out.push(Candidate {
                form: form_index,
                ..c
            });
        }
    }

    /// Words split by a join: `CC<g>P</g>` in XLIFF, `"communi"` `"ty"` in PO, `**C**CP` in
    /// Markdown. The scan above sees each piece's words apart, so around every join inside a
    /// word the text is read as the matcher reads it, and the word across the join is looked
    /// up; its forms are verified like any other (verification reads through joins already).
    fn split_words(&self, prose: &Prose<'_>, out: &mut Vec<Candidate>) {
        windows(prose, |window, offsets, boundary| {
            let _ = for_each_word(window, 0..window.len(), |start, end| {
                if start < boundary
                    && end > boundary
                    && let Some(piece) = prose.piece_at(offsets[start])
                {
                    let word: String = window[start..end].chars().map(fold).collect();
                    for e in self.words.lookup_folded(&word) {
                        self.verify_at(prose, piece, offsets[start], e, out);
                    }
                }
                ControlFlow::Continue(())
            });
        });
    }
}

/// Calls `f(window, offsets, boundary)` around every join between two pieces inside a word
/// (a word character on each side): `window` is the text read through the join, up to 64
/// characters either side, `offsets` the text offset of each of its bytes, and `boundary` the
/// byte where the join is.
fn windows(prose: &Prose<'_>, mut f: impl FnMut(&str, &[usize], usize)) {
    // Longer than any word worth splitting; a longer one is still found if another form of
    // the term is.
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
        if spaced || !(before.is_some_and(is_word_char) && after.is_some_and(is_word_char)) {
            continue;
        }
        window.clear();
        offsets.clear();
        let mut back: Vec<(usize, char)> = prose.backward(i - 1, prev.end).take(REACH).collect();
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
        f(&window, &offsets, boundary);
    }
}

impl Form {
    /// The form `text` of a glossary, matched as `chars`: its own folded characters
    /// ([`fold_form`]), or another spelling of them.
    fn new(term: usize, kind: FormKind, text: Arc<str>, chars: Vec<char>) -> Form {
        let last_word_len = chars.iter().rev().take_while(|c| is_word_char(**c)).count();
        let inflection = match chars.last() {
            Some(&c) if c.is_alphabetic() && last_word_len >= 2 => {
                let before = chars[chars.len() - 2];
                if c == 'y' {
                    Inflection::PluralY
                } else if c.is_ascii()
                    && !matches!(c, 's' | 'x' | 'z' | 'o')
                    && !(matches!(c, 'h') && matches!(before, 'c' | 's'))
                {
                    // "-es" only after a sibilant or an o ("taxes", "heroes"): "roades" is
                    // no spelling of "road", and making it doubled the entries of the
                    // forms' last words.
                    Inflection::PluralS
                } else {
                    Inflection::Plural
                }
            }
            _ => Inflection::None,
        };
        Form {
            term,
            kind,
            text,
            starts_word: chars.first().is_some_and(|c| is_word_char(*c)),
            ends_word: chars.last().is_some_and(|c| is_word_char(*c)),
            chars,
            inflection,
            firsts: None,
            first_len: 0,
            hyphenated: false,
        }
    }

    /// The runs of word characters, as `(start, end)` indices into `chars`.
    fn words(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        words_of(&self.chars)
    }

    /// The form spelt with first word `first` (see [`Anchor::first`]): as written for
    /// [`FIRST_AS_WRITTEN`] and [`FIRST_ANY`].
    fn spelled(&self, first: u8) -> Cow<'_, [char]> {
        match (first, &self.firsts) {
            (FIRST_AS_WRITTEN | FIRST_ANY, _) | (_, None) => Cow::Borrowed(&self.chars),
            (k, Some(firsts)) => Cow::Owned(
                firsts[usize::from(k) - 1]
                    .iter()
                    .chain(&self.chars[self.first_len as usize..])
                    .copied()
                    .collect(),
            ),
        }
    }

    /// Checks this form around an anchor hit at byte `at` (the text of the form's chars from
    /// `anchor` on starts there), spelt with first word `first` (see [`Anchor::first`]).
    /// Returns the match with `form` left at 0 for the caller to fill in.
    fn verify(
        &self,
        prose: &Prose<'_>,
        piece: usize,
        at: usize,
        anchor: usize,
        first: u8,
    ) -> Option<Candidate> {
        let first_len = self.first_len as usize;
        match (first, &self.firsts) {
            (FIRST_AS_WRITTEN, _) | (_, None) => {
                self.verify_spelled(prose, piece, at, &[], &self.chars, anchor)
            }
            (FIRST_ANY, Some(firsts)) => {
                // Anchored past the first word and not paired with it: which spelling of the
                // first word the text has is read on the way back.
                let (head, tail) = self.chars.split_at(first_len);
                let anchor = anchor - first_len;
                std::iter::once(head)
                    .chain(firsts.iter().map(|v| &v[..]))
                    .enumerate()
                    .find_map(|(k, head)| {
                        let c =
                            self.verify_spelled(prose, piece, at, head, tail, head.len() + anchor);
                        c.map(|c| Candidate {
                            inflected: k > 0,
                            ..c
                        })
                    })
            }
            (k, Some(firsts)) => {
                let head = &firsts[usize::from(k) - 1];
                let tail = &self.chars[first_len..];
                let c = self.verify_spelled(prose, piece, at, head, tail, anchor);
                c.map(|c| Candidate {
                    inflected: true,
                    ..c
                })
            }
        }
    }

    /// [`Form::verify`] of the form spelt `head` then `tail` (its chars but for the first
    /// word, or all of them), anchored at char `anchor` of that spelling.
    fn verify_spelled(
        &self,
        prose: &Prose<'_>,
        piece: usize,
        at: usize,
        head: &[char],
        tail: &[char],
        anchor: usize,
    ) -> Option<Candidate> {
        let h = head.len();
        let mut back = prose.backward(piece, at);
        if anchor <= h {
            steps(&mut back, head[..anchor].iter().rev().copied())?;
        } else {
            let before = tail[..anchor - h].iter().rev().chain(head.iter().rev());
            steps(&mut back, before.copied())?;
        }
        if self.starts_word && !at_boundary(&back) {
            return None;
        }
        let len = h + tail.len();
        let body = match self.inflection {
            Inflection::PluralY => len - 1,
            _ => len,
        };
        let mut fwd = prose.forward(piece, at);
        if anchor < h {
            steps(
                &mut fwd,
                head[anchor..].iter().chain(&tail[..body - h]).copied(),
            )?;
        } else {
            steps(&mut fwd, tail[anchor - h..body - h].iter().copied())?;
        }
        let end = ending(&fwd, self.inflection, self.ends_word)?;
        Some(Candidate {
            form: 0,
            start: back.pos(),
            stem_end: end.stem_end,
            end: end.end,
            plural: end.plural,
            inflected: false,
        })
    }
}

/// The runs of word characters in `chars`, as `(start, end)` indices.
fn words_of(chars: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < chars.len() && !is_word_char(chars[i]) {
            i += 1;
        }
        let start = i;
        while i < chars.len() && is_word_char(chars[i]) {
            i += 1;
        }
        (i > start).then_some((start, i))
    })
}

/// The word index entry for form number `form`, spelt `chars`, anchored on its word
/// `chars[start..end]`.
fn word_entry(chars: &[char], form: usize, start: usize, end: usize) -> Anchor {
    let before = match (
        start.checked_sub(1).map(|i| chars[i]),
        start.checked_sub(2).map(|i| chars[i]),
    ) {
        (Some(' '), Some(c)) if literal(c) => c,
        _ => '\0',
    };
    let after = match (chars.get(end), chars.get(end + 1)) {
        (Some(' '), Some(&c)) if literal(c) => c,
        _ => '\0',
    };
    Anchor {
        form: form as u32,
        at: start as u32,
        first: FIRST_AS_WRITTEN,
        before,
        after,
        whole: false,
        hyphen_before: start > 0 && chars[start - 1] == '-',
        hyphen_after: chars.get(end) == Some(&'-'),
        hides: false,
    }
}

/// Whether a byte `markup` holds stands where `form`, anchored at its char `at` on the text
/// word `word`, would lie in the raw text: between the word and the form's first word before
/// it and last word after it, counted as the form counts them, and, where the form starts
/// (ends) with punctuation, in the run of non-whitespace right before (after) that word.
/// Reading backward, a link's destination and title come before its text: they end in `)`,
/// which `markup` must hold so that their words are never counted as the form's.
fn markup_within(
    text: &str,
    word: std::ops::Range<usize>,
    chars: &[char],
    at: u32,
    markup: &impl Fn(u8) -> bool,
) -> bool {
    // Reads `chars` over `n` words, then, if `edge`, over the non-whitespace after them:
    // whether markup comes first.
    fn side(
        chars: impl Iterator<Item = char>,
        n: usize,
        edge: bool,
        markup: &impl Fn(u8) -> bool,
    ) -> bool {
        let mut words = 0;
        let mut in_word = false;
        for c in chars {
            let w = is_word_char(c);
            if w && !in_word {
                if words == n {
                    // A word beyond the form's.
                    return false;
                }
                words += 1;
            }
            in_word = w;
            // Past the form's last word on this side (with n == 0, right by the anchor): only
            // the form's edge punctuation is left to read.
            if words == n && !w && (!edge || c.is_whitespace()) {
                return false;
            }
            if c.is_ascii() && markup(c as u8) {
                return true;
            }
        }
        false
    }
    let at = at as usize;
    let before = words_of(chars).take_while(|&(_, e)| e <= at).count();
    let after = words_of(chars).filter(|&(s, _)| s > at).count();
    let lead = chars.first().is_some_and(|c| !is_word_char(*c));
    let trail = chars.last().is_some_and(|c| !is_word_char(*c));
    side(text[..word.start].chars().rev(), before, lead, markup)
        || side(text[word.end..].chars(), after, trail, markup)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matcher of the glossary `toml`.
    fn matcher(toml: &str) -> Matcher {
        Matcher::new(&Glossary::from_toml(toml).unwrap()).unwrap()
    }

    #[test]
    fn forms_are_anchored_on_their_rarest_word() {
        let m = matcher(
            "[[term]]\nid = \"a\"\npreferred = \"have fun\"\ndeviants = [\"One Belt, One Road\", \"key policy\"]\n",
        );
        // (form as spelled, index of the anchor in it), sorted
        let anchored = |word: &str| -> Vec<(String, u32)> {
            let mut v: Vec<(String, u32)> = m
                .words
                .lookup_folded(word)
                .iter()
                .map(|e| {
                    (
                        m.forms[e.form as usize].spelled(e.first).iter().collect(),
                        e.at,
                    )
                })
                .collect();
            v.sort();
            v
        };
        let at = |form: &str, i: u32| (form.to_string(), i);
        assert_eq!(
            anchored("fun"),
            [
                at("had fun", 4),
                at("have fun", 5),
                at("haves fun", 6),
                at("having fun", 7)
            ],
            "not on the common word \"have\"; the first word inflected too, and \"haves fun\" \
             on \"fun\" paired with \"haves\", not on the rare \"haves\" alone"
        );
        // Each paired with the word before it.
        let text = "haves fun";
        let probe = m.words.probe(text, 6, 9).unwrap();
        assert!(m.words.singles(&probe).is_empty());
        let paired = |before: &str| -> Vec<String> {
            m.words
                .paired(&probe, crate::words::word_key(before))
                .iter()
                .map(|e| m.forms[e.form as usize].spelled(e.first).iter().collect())
                .collect()
        };
        assert_eq!(paired("haves"), ["haves fun"]);
        assert_eq!(paired("having"), ["having fun"]);
        assert_eq!(paired("fun"), Vec::<String>::new());
        assert_eq!(anchored("have"), []);
        assert_eq!(
            anchored("belt"),
            [at("one belt, one road", 4)],
            "the earlier of two rare words"
        );
        assert_eq!(anchored("belts"), [], "plurals only for the last word");
        assert_eq!(
            anchored("policies"),
            [
                at("key policy", 4),
                at("keyed policy", 6),
                at("keying policy", 7),
                at("keys policy", 5)
            ],
            "-ies for a final y"
        );
        assert_eq!(anchored("key"), [], "common words are no anchors");
    }

    /// A form's first word is matched in any of its inflections, each a spelling of the one
    /// form: anchored on the first word itself, on the word after it (paired with each
    /// spelling), or past the first word and not paired with it (one entry, the spellings
    /// tried when verified). A spelling listed as a form of its own is that form's.
    #[test]
    fn a_first_word_is_matched_in_its_inflections_wherever_the_anchor_is() {
        let m = matcher(
            "[[term]]\nid = \"a\"\npreferred = \"x\"\n\
             deviants = [\"negotiate 'now'\", \"have fun\", \"have common destiny\", \"having fun\", \n\
             \"have 'chance'\", \"achieve shared future\", \"achieved shared future\"]\n",
        );
        let forms: Vec<String> = m.forms.iter().map(|f| f.chars.iter().collect()).collect();
        assert_eq!(
            forms,
            [
                "x",
                "negotiate 'now'",
                "have fun",
                "have common destiny",
                "have-common-destiny",
                "having fun",
                "have 'chance'",
                "achieve shared future",
                "achieve-shared-future",
                "achieved shared future",
                "achieved-shared-future"
            ],
            "one form each (and a hyphenated modifier), no form per inflection"
        );
        // (spelling, how the first word is taken), sorted
        let entries = |word: &str| -> Vec<(String, &str)> {
            let mut v: Vec<(String, &str)> = m
                .words
                .lookup_folded(word)
                .iter()
                .map(|e| {
                    let first = match e.first {
                        FIRST_AS_WRITTEN => "as written",
                        FIRST_ANY => "any",
                        _ => "inflected",
                    };
                    let form = &m.forms[e.form as usize];
                    (form.spelled(e.first).iter().collect(), first)
                })
                .collect();
            v.sort();
            v
        };
        let entry = |spelled: &str, first| (spelled.to_string(), first);
        // On the second word, not paired with the first: one entry.
        assert_eq!(entries("chance"), [entry("have 'chance'", "any")]);
        // On the first word: an entry per spelling, under its own word.
        assert_eq!(
            entries("negotiated"),
            [entry("negotiated 'now'", "inflected")]
        );
        assert_eq!(
            entries("negotiate"),
            [entry("negotiate 'now'", "as written")]
        );
        // On the second word: paired with each spelling of the first.
        assert_eq!(
            entries("fun"),
            [
                entry("had fun", "inflected"),
                entry("have fun", "as written"),
                entry("haves fun", "inflected"),
                entry("having fun", "as written"),
                entry("havings fun", "inflected")
            ]
        );
        // Past the second word: one entry for every spelling.
        assert_eq!(
            entries("destiny"),
            [
                entry("have common destiny", "any"),
                entry("have-common-destiny", "as written")
            ]
        );
        let found = |text: &str| -> Vec<(usize, usize, String, bool)> {
            let prose = Prose::whole(text);
            let mut v: Vec<_> = m
                .candidates(&prose)
                .into_iter()
                .map(|c| (c.start, c.end, forms[c.form].clone(), c.inflected))
                .collect();
            v.sort();
            v
        };
        let at =
            |s: usize, e: usize, form: &str, inflected: bool| (s, e, form.to_string(), inflected);
        let cases = [
            (
                "We negotiated 'now'. They negotiate 'now'.",
                vec![
                    at(3, 19, "negotiate 'now'", true),
                    at(26, 41, "negotiate 'now'", false),
                ],
            ),
            (
                "having fun, had fun, haves fun, have fun",
                vec![
                    at(0, 10, "having fun", false),
                    at(12, 19, "have fun", true),
                    at(21, 30, "have fun", true),
                    at(32, 40, "have fun", false),
                ],
            ),
            (
                "they had common destiny; having common destinies; have common destiny",
                vec![
                    at(5, 23, "have common destiny", true),
                    at(25, 48, "have common destiny", true),
                    at(50, 69, "have common destiny", false),
                ],
            ),
            ("We had 'chance'.", vec![at(3, 15, "have 'chance'", true)]),
            // "achieved shared future" is listed: it is that form's, not an inflection of
            // "achieve shared future", whose other spellings stay its own.
            (
                "achieved shared future, achieving shared future",
                vec![
                    at(0, 22, "achieved shared future", false),
                    at(24, 47, "achieve shared future", true),
                ],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), expected, "{text}");
        }
        // Not a spelling: a longer word, or one with more before it.
        assert_eq!(found("behave common destiny, unhad fun, havingfun"), []);
    }

    #[test]
    fn a_word_after_a_quote_or_a_comma_is_anchored_alone() {
        let m = matcher(
            "[[term]]\nid = \"a\"\npreferred = \"the 'future'\"\ndeviants = [\"war, destiny\"]\n",
        );
        for (text, word) in [("the 'future'", "future"), ("war, destiny", "destiny")] {
            let start = text.find(word).unwrap();
            let probe = m.words.probe(text, start, start + word.len()).unwrap();
            assert!(!probe.pairs, "{text}");
            assert_eq!(m.words.singles(&probe).len(), 1, "{text}");
        }
    }

    #[test]
    fn a_long_form_is_anchored_on_its_one_word() {
        // A form of 10,000 letters once took seconds to load (every prefix of every anchor
        // was hashed); its one word is now its anchor, hashed once.
        let long = "a".repeat(10_000);
        let m = matcher(&format!(
            "[[term]]\nid = \"a\"\npreferred = \"{long}\"\ndeviants = [\"b\"]\n"
        ));
        assert_eq!(m.words.lookup_folded(&long).len(), 1);
        assert_eq!(m.words.lookup_folded(&format!("{long}s")).len(), 1);
        assert_eq!(m.words.lookup_folded(&format!("{long}es")).len(), 0);
        assert_eq!(m.words.len(), 3, "the word, its plural, and the deviant");
    }

    /// The word loop's quick test ([`WordIndex::screen`]) never turns away a word that has
    /// entries to consider, whatever stands between it and the word before (a space, a line
    /// end, a hyphen, a dash, punctuation, a word beyond ASCII or a long one).
    #[test]
    fn the_screen_keeps_every_word_with_entries() {
        use proptest::prelude::*;
        let m = matcher(
            "[[term]]\nid = \"a\"\npreferred = \"community of shared future\"\n\
             deviants = [\"community of common destiny\", \"destiny\", \"common-destiny talk\"]\n\
             [[term]]\nid = \"b\"\npreferred = \"Belt and Road\"\ndeviants = [\"one belt, one road\", \"road map\"]\n\
             [[term]]\nid = \"c\"\npreferred = \"café policy\"\ndeviants = [\"internationalization policy\"]\n",
        );
        let words = [
            "community",
            "of",
            "common",
            "destiny",
            "destinies",
            "shared",
            "future",
            "one",
            "belt",
            "road",
            "roads",
            "map",
            "maps",
            "talk",
            "café",
            "policy",
            "policies",
            "internationalization",
            "Common",
            "DESTINY",
            "x",
        ];
        let gaps = [
            " ", "  ", "\n", "-", " - ", ", ", "—", " — ", "\u{a0}", "’", "(", "\t",
        ];
        let text = proptest::collection::vec((0..words.len(), 0..gaps.len()), 1..12).prop_map(
            move |parts| {
                parts
                    .into_iter()
                    .map(|(w, g)| format!("{}{}", words[w], gaps[g]))
                    .collect::<String>()
            },
        );
        let kept_away = std::cell::Cell::new(0);
        proptest!(ProptestConfig::with_cases(2000), |(text in text)| {
            let prose = Prose::whole(&text);
            let p = prose.pieces()[0];
            let mut prev = None;
            let _ = for_each_word(&text, p.start..p.end, |start, end| {
                let before = prev.replace((start, end));
                let screened = m.words.screen(&text, start, end, before.filter(|&(s, _)| s > p.start));
                let entries = m.words.probe(&text, start, end).map(|probe| {
                    let (singles, paired) = m.anchored(&text, p.start, before, start, &probe);
                    singles.len() + paired.len()
                });
                assert!(
                    screened != Some(false) || entries.unwrap_or(0) == 0,
                    "{:?} in {text:?} has entries but was screened out", &text[start..end]
                );
                kept_away.set(kept_away.get() + usize::from(screened == Some(false)));
                ControlFlow::Continue(())
            });
        });
        assert!(kept_away.get() > 0, "the screen turned no word away");
    }

    /// Words whose pair no form has are turned away by the screen without a look at the
    /// word table: after a comma, or after a word that does not come before them in a form.
    #[test]
    fn the_screen_turns_away_pairs_no_form_has() {
        let m = matcher(
            "[[term]]\nid = \"a\"\npreferred = \"shared future\"\ndeviants = [\"common destiny\"]\n",
        );
        let screen = |text: &str, before: Option<(usize, usize)>| {
            let start = text.rfind("destiny").unwrap();
            m.words.screen(text, start, start + 7, before)
        };
        assert_eq!(screen("common destiny", Some((0, 6))), Some(true));
        assert_eq!(screen("common-destiny", Some((0, 6))), Some(true));
        assert_eq!(screen("common, destiny", Some((0, 6))), Some(false));
        assert_eq!(screen("manifest destiny", Some((0, 8))), Some(false));
        assert_eq!(
            screen("common — destiny", Some((0, 6))),
            Some(true),
            "left to the probe"
        );
        assert_eq!(
            screen("destiny", None),
            Some(true),
            "no word before: every pair"
        );
        assert_eq!(
            m.words
                .screen("Schicksalsgemeinschaftsgedanke", 0, 30, None),
            None
        );
    }
}
