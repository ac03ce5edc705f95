//! Finding the renderings a glossary misses, for `termlint glossary suggest`.
//!
//! A glossary lists the renderings its author foresaw; drafts hold others. This module reads
//! drafts and collects, per term, the phrases that look like a rendering of it but match none
//! of its forms:
//!
//! - **In a bilingual segment** whose source holds the term and whose translation has no
//!   rendering of it (a missing rendering), the phrase of the translation that shares most
//!   content words, in order, with one of the term's forms (approved or deviant): the words
//!   the translator chose instead.
//! - **In any text**, a phrase that overlaps no form of any term and is one word away from a
//!   form: it starts and ends with the form's first and last content words, with one word
//!   missing, added or replaced between them ("core national interests" for "core
//!   interests"); or, for a form of four content words or more, it holds all but one of them
//!   in order, with at most one other word.
//!
//! Content words are all words but function words ([`crate::inserted::FUNCTION_WORDS`]),
//! compared folded, with a plural or possessive ending read as the bare word. The engine only
//! reads: no I/O, nothing printed.

use std::collections::HashMap;
use std::ops::Range;

use crate::Checker;
use crate::fold::{fold, is_word_char};
use crate::inserted::FUNCTION_WORDS;
use crate::prose::Prose;

/// A phrase found in a draft that renders a term in words none of its forms has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Index of the term in the glossary.
    pub term: usize,
    /// The phrase as first found, whitespace collapsed.
    pub phrase: String,
    /// How many times it was found (the same words in any case count as one phrase).
    pub count: usize,
    /// Where it was first found: the document (as numbered by the caller) and the span.
    pub first: (usize, Range<usize>),
    /// Whether it was found as the translation of the term's source in a bilingual segment
    /// (stronger evidence than a look-alike phrase in running text).
    pub from_source: bool,
    /// The words around its first place, on one line, cut with "…".
    pub context: String,
}

/// Up to `reach` characters of `text` on each side of `span`, whitespace collapsed, cut at a
/// word with "…". `text` is the run of words the span is in (markup and other cells are not
/// part of it).
fn context(text: &str, span: Range<usize>, reach: usize) -> String {
    let mut start = span.start;
    for (k, (i, _)) in text[..span.start].char_indices().rev().enumerate() {
        if k >= reach {
            break;
        }
        start = i;
    }
    let mut end = span.end;
    for (k, (i, c)) in text[span.end..].char_indices().enumerate() {
        if k >= reach {
            break;
        }
        end = span.end + i + c.len_utf8();
    }
    let mut before = &text[start..span.start];
    if start > 0 {
        before = before
            .split_once(char::is_whitespace)
            .map_or("", |(_, b)| b);
    }
    let mut after = &text[span.end..end];
    if end < text.len() {
        after = after
            .rsplit_once(char::is_whitespace)
            .map_or("", |(a, _)| a);
    }
    let show = |s: &str| crate::finding::collapse_whitespace(s);
    format!(
        "{}{} {} {}{}",
        if start > 0 { "…" } else { "" },
        show(before),
        show(&text[span.clone()]),
        show(after),
        if end < text.len() { "…" } else { "" }
    )
    .trim()
    .to_string()
}

/// A word of a draft: its span and its content form (None for a function word).
#[derive(Clone, Debug)]
struct Word {
    span: Range<usize>,
    content: Option<String>,
    /// Whether a comma stands between this word and the one before.
    comma_before: bool,
}

/// Words that are never the content of a rendering: function words, and the auxiliaries,
/// pronouns and determiners a phrase may run into.
fn is_stop(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
        || [
            "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
            "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
            "it", "its", "they", "their", "them", "we", "our", "us", "you", "your", "he", "his",
            "she", "her", "this", "that", "these", "those", "which", "who", "whom", "whose",
            "what", "all", "also", "not", "no", "so", "than", "then", "there", "from", "into",
            "about", "more", "most", "such", "but", "if", "while",
        ]
        .contains(&word)
}

/// The bare form of a folded word: possessive and plural endings dropped.
fn bare(word: &str) -> String {
    let w = word.trim_end_matches('\'').trim_end_matches("'s");
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{stem}y");
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// The content words of a form, in order.
fn content_words(form: &str) -> Vec<String> {
    crate::inserted::words(form)
        .iter()
        .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty() && !is_stop(w))
        .map(|w| bare(&w))
        .collect()
}

/// The words of `text[range]` in runs: a run ends at sentence punctuation, brackets, quotes,
/// or a blank line.
fn runs(text: &str, range: Range<usize>, out: &mut Vec<Vec<Word>>) {
    let mut run: Vec<Word> = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    let mut newlines = 0;
    let mut comma = false;
    let flush_word =
        |word: &mut String, start: usize, end: usize, run: &mut Vec<Word>, comma: &mut bool| {
            if word.is_empty() {
                return;
            }
            let w = std::mem::take(word);
            let content = (!is_stop(&w)).then(|| bare(&w));
            run.push(Word {
                span: start..end,
                content,
                comma_before: std::mem::take(comma),
            });
        };
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let f = fold(c);
        if is_word_char(c) || (!word.is_empty() && f == '\'') {
            if word.is_empty() {
                start = at;
            }
            word.push(f);
            newlines = 0;
            continue;
        }
        flush_word(&mut word, start, at, &mut run, &mut comma);
        if matches!(c, ',' | '，' | '、') {
            comma = true;
        }
        if c == '\n' {
            newlines += 1;
        } else if !c.is_whitespace() {
            newlines = 0;
        }
        let ends = matches!(
            f,
            '.' | '!' | '?' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '。' | '；' | '：' | '|'
        ) || newlines >= 2;
        if ends && !run.is_empty() {
            out.push(std::mem::take(&mut run));
            comma = false;
        }
    }
    flush_word(&mut word, start, range.end, &mut run, &mut comma);
    if !run.is_empty() {
        out.push(run);
    }
}

/// The length of the longest common subsequence of `a` and `b`.
fn common_in_order(a: &[&str], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if *x == y.as_str() {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = up;
        }
    }
    row[b.len()]
}

/// A term's forms as content words, for matching phrases against.
struct TermForms {
    forms: Vec<Vec<String>>,
    /// Whether each form holds a comma (a phrase with one in it can then be a variant).
    commas: Vec<bool>,
    /// The most content words any form has.
    longest: usize,
}

/// Collects suggestions over any number of documents.
pub struct Suggester {
    terms: Vec<TermForms>,
    /// For each content word, the terms whose forms hold it.
    terms_of: HashMap<String, Vec<usize>>,
    found: HashMap<(usize, String), Suggestion>,
}

/// The best phrase of `run` for `term`: (start word, end word, words in order shared with the
/// best form, that form's length). Windows start and end on a word of the term's forms; the
/// best shares most words in order with a form, then holds most words of the term's forms,
/// then is shortest.
fn best_window(
    run: &[Word],
    term: &TermForms,
    vocab: &[&String],
) -> Option<(usize, usize, usize, usize, usize)> {
    let in_vocab = |w: &Word| w.content.as_ref().is_some_and(|c| vocab.contains(&c));
    let mut best: Option<(usize, usize, usize, usize, usize)> = None;
    let mut best_key = (0, 0, 0);
    for i in 0..run.len() {
        if !in_vocab(&run[i]) {
            continue;
        }
        let reach = (i + term.longest + 3).min(run.len());
        for j in i + 1..reach {
            if !in_vocab(&run[j]) {
                continue;
            }
            let window: Vec<&str> = run[i..=j]
                .iter()
                .filter_map(|w| w.content.as_deref())
                .collect();
            let coverage = run[i..=j].iter().filter(|w| in_vocab(w)).count();
            for (f, form) in term.forms.iter().enumerate() {
                let shared = common_in_order(&window, form);
                let key = (shared, coverage, usize::MAX - (j - i));
                if shared >= 2 && key > best_key {
                    best_key = key;
                    best = Some((i, j, shared, form.len(), f));
                }
            }
        }
    }
    best
}

impl Suggester {
    /// A suggester for the glossary of `checker`; give [`Suggester::add`] the same checker.
    pub fn new(checker: &Checker) -> Suggester {
        let mut terms = Vec::new();
        let mut terms_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (t, term) in checker.glossary().terms.iter().enumerate() {
            let written: Vec<&str> = term
                .approved()
                .chain(term.deviants.iter().map(String::as_str))
                .filter(|f| content_words(f).len() >= 2)
                .collect();
            let forms: Vec<Vec<String>> = written.iter().map(|f| content_words(f)).collect();
            let commas = written.iter().map(|f| f.contains(',')).collect();
            for w in forms.iter().flatten() {
                let ts = terms_of.entry(w.clone()).or_default();
                if ts.last() != Some(&t) {
                    ts.push(t);
                }
            }
            let longest = forms.iter().map(Vec::len).max().unwrap_or(0);
            terms.push(TermForms {
                forms,
                commas,
                longest,
            });
        }
        Suggester {
            terms,
            terms_of,
            found: HashMap::new(),
        }
    }

    /// Reads one document (numbered `doc` by the caller), read with its format's reader.
    pub fn add(&mut self, checker: &Checker, doc: usize, prose: &Prose<'_>) {
        let text = prose.text();
        // Every place a form of any term matches: no phrase there is unlisted.
        let mut covered: Vec<Range<usize>> = checker
            .matcher()
            .candidates(prose)
            .into_iter()
            .map(|c| c.start..c.end)
            .collect();
        covered.sort_by_key(|r| r.start);
        let overlaps = |span: &Range<usize>| {
            let k = covered.partition_point(|r| r.end <= span.start);
            covered.get(k).is_some_and(|r| r.start < span.end)
        };
        // What was recorded from a source: the pass over all text does not count it again.
        let mut recorded: Vec<(usize, Range<usize>)> = Vec::new();
        // Bilingual: the translation of a missing rendering.
        let mut missing_targets: Vec<(usize, Range<usize>)> = Vec::new();
        if !prose.segments.is_empty() {
            for f in checker.check(prose) {
                if f.kind != crate::FindingKind::Missing {
                    continue;
                }
                if let Some(s) = prose.segments.iter().find(|s| {
                    s.target.start <= f.span.start
                        && f.span.start < s.target.end.max(s.target.start + 1)
                }) {
                    missing_targets.push((f.term, s.target.clone()));
                }
            }
        }
        for (term, target) in missing_targets {
            let mut rs = Vec::new();
            runs(text, target, &mut rs);
            let vocab: Vec<&String> = self.terms[term].forms.iter().flatten().collect();
            if let Some((span, run)) = best_in_runs(&rs, &self.terms[term], &vocab)
                && !overlaps(&span)
            {
                recorded.push((term, span.clone()));
                self.record(term, doc, span, (text, run), true);
            }
        }
        // Any text: phrases close to a form.
        let mut rs = Vec::new();
        for p in prose.pieces() {
            runs(text, p.start..p.end, &mut rs);
        }
        for run in &rs {
            let mut candidates: Vec<usize> = run
                .iter()
                .filter_map(|w| w.content.as_ref())
                .filter_map(|c| self.terms_of.get(c))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            for term in candidates {
                let forms = &self.terms[term];
                let vocab: Vec<&String> = forms.forms.iter().flatten().collect();
                if let Some((i, j, shared, len, f)) = best_window(run, forms, &vocab) {
                    let form = &forms.forms[f];
                    let window: Vec<&str> = run[i..=j]
                        .iter()
                        .filter_map(|w| w.content.as_deref())
                        .collect();
                    let others = window.len() - shared;
                    // Anchored on the form's first and last content words, with one word
                    // missing, added or replaced between them ("core national interests");
                    // or, in a form of four or more, all but one of its words.
                    // A form of three words or fewer keeps all of its words' places: a word
                    // left out of it ("new concept") is too general to suggest.
                    let anchored = window.first().copied() == form.first().map(String::as_str)
                        && window.last().copied() == form.last().map(String::as_str)
                        && len - shared <= 1
                        && (len >= 4 || window.len() >= len);
                    let most = len >= 4 && shared + 1 >= len;
                    // A comma inside makes a list, unless the form has one; and the words
                    // shared must hold one that is not among the commonest of English.
                    let listed = run[i + 1..=j].iter().any(|w| w.comma_before) && !forms.commas[f];
                    let telling = window
                        .iter()
                        .any(|w| form.iter().any(|x| x == w) && !crate::rarity::is_common(w));
                    let close = (anchored || most) && others <= 1 && !listed && telling;
                    let span = run[i].span.start..run[j].span.end;
                    if close
                        && shared >= 2
                        && !overlaps(&span)
                        && !recorded.iter().any(|(t, r)| *t == term && *r == span)
                    {
                        let bounds = run[0].span.start..run[run.len() - 1].span.end;
                        self.record(term, doc, span, (text, bounds), false);
                    }
                }
            }
        }
    }

    /// Counts the phrase at `span`, found in the run of words at `run` of `text`.
    fn record(
        &mut self,
        term: usize,
        doc: usize,
        span: Range<usize>,
        (text, run): (&str, Range<usize>),
        from_source: bool,
    ) {
        let phrase = crate::finding::collapse_whitespace(&text[span.clone()]);
        let key: String = phrase.chars().map(fold).collect();
        let entry = self.found.entry((term, key)).or_insert_with(|| Suggestion {
            term,
            phrase,
            count: 0,
            context: context(
                &text[run.clone()],
                span.start - run.start..span.end - run.start,
                50,
            ),
            first: (doc, span),
            from_source,
        });
        entry.count += 1;
        entry.from_source |= from_source;
    }

    /// The places where suggestions were first found in document `doc` (to locate them while
    /// its text is at hand).
    pub fn first_in(&self, doc: usize) -> Vec<Range<usize>> {
        self.found
            .values()
            .filter(|s| s.first.0 == doc)
            .map(|s| s.first.1.clone())
            .collect()
    }

    /// The suggestions found, by term (glossary order), then evidence from a source first,
    /// then most found, then alphabetically.
    pub fn finish(self) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = self.found.into_values().collect();
        out.sort_by(|a, b| {
            (
                a.term,
                !a.from_source,
                std::cmp::Reverse(a.count),
                &a.phrase,
            )
                .cmp(&(
                    b.term,
                    !b.from_source,
                    std::cmp::Reverse(b.count),
                    &b.phrase,
                ))
        });
        out
    }
}

/// The best window of any run (see [`best_window`]), as a byte range, with its run's range.
fn best_in_runs(
    runs: &[Vec<Word>],
    term: &TermForms,
    vocab: &[&String],
) -> Option<(Range<usize>, Range<usize>)> {
    runs.iter()
        .filter_map(|run| {
            let (i, j, shared, _, _) = best_window(run, term, vocab)?;
            let coverage = run[i..=j]
                .iter()
                .filter(|w| w.content.as_ref().is_some_and(|c| vocab.contains(&c)))
                .count();
            let bounds = run[0].span.start..run[run.len() - 1].span.end;
            Some((
                (shared, coverage, usize::MAX - (j - i)),
                run[i].span.start..run[j].span.end,
                bounds,
            ))
        })
        .max_by_key(|(key, _, _)| *key)
        .map(|(_, span, bounds)| (span, bounds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Glossary};

    const GLOSSARY: &str = r#"
[[term]]
id = "shared-future"
source = "人类命运共同体"
preferred = "community of shared future for mankind"
deviants = ["community of common destiny"]

[[term]]
id = "ndp"
source = "新发展理念"
preferred = "new development philosophy"
deviants = ["new development concept"]
"#;

    fn suggest(docs: &[(Format, &str)]) -> Vec<(String, String, usize, bool)> {
        let checker = Checker::new(Glossary::from_toml(GLOSSARY).unwrap()).unwrap();
        let ids: Vec<String> = checker
            .glossary()
            .terms
            .iter()
            .map(|t| t.id.clone())
            .collect();
        let mut s = Suggester::new(&checker);
        for (k, (format, text)) in docs.iter().enumerate() {
            s.add(&checker, k, &format.read(text).unwrap());
        }
        s.finish()
            .into_iter()
            .map(|x| (ids[x.term].clone(), x.phrase, x.count, x.from_source))
            .collect()
    }

    /// A form with a word inserted, and its frame with the term's own words changed, are
    /// suggested; a form's words with one left out ("new development idea" keeps "new
    /// development" only) are too general.
    #[test]
    fn unlisted_phrases_in_running_text() {
        let got = suggest(&[
            (
                Format::Plain,
                "We build a community with shared future for mankind. A Community with shared\nfuture for mankind, again. The community of common destiny is listed.",
            ),
            (
                Format::Plain,
                "A new development idea; a new green development philosophy; a new development philosophy.",
            ),
        ]);
        assert_eq!(
            got,
            [
                (
                    "shared-future".into(),
                    "community with shared future for mankind".into(),
                    2,
                    false
                ),
                (
                    "ndp".into(),
                    "new green development philosophy".into(),
                    1,
                    false
                ),
            ]
        );
    }

    #[test]
    fn a_phrase_too_far_from_every_form_is_no_suggestion() {
        // Two of three content words, with nothing in place of the third; words out of order.
        let got = suggest(&[(
            Format::Plain,
            "new development. Future shared by mankind's community.",
        )]);
        assert_eq!(got, []);
    }

    #[test]
    fn the_translation_of_a_missing_rendering() {
        let tsv = "zh\ten\n人类命运共同体\tWe build a shared future community for all.\n";
        let format = Format::Table(crate::formats::table::Table {
            delimiter: b'\t',
            columns: crate::formats::table::Columns::parse("zh,en").unwrap(),
        });
        let got = suggest(&[(format, tsv)]);
        assert_eq!(
            got,
            [(
                "shared-future".into(),
                "shared future community".into(),
                1,
                true
            )]
        );
    }
}
