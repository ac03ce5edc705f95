//! Source-aware checks, for files that carry the source next to the translation (PO, XLIFF,
//! TMX, two-column tables): a source term whose translation lacks every approved rendering
//! (*missing term*), and one term rendered in different approved ways in one file
//! (*inconsistent rendering*).
//!
//! Source terms are found with one leftmost-longest automaton over every term's sources, as
//! substrings (Chinese has no spaces to mark words), so 人类命运共同体 wins over the shorter
//! 命运共同体 inside it. Renderings are the core matcher's selected candidates in the target,
//! so an approved form counts with the same whitespace, case and inflection rules as
//! everywhere else.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::finding::{Finding, FindingKind, Fix, Related};
use crate::glossary::Glossary;
use crate::matcher::BuildError;
use crate::{Prose, Severity};

pub use crate::prose::Segment;

/// The source terms found in a source: term -> (occurrences, the first as written).
type SourceTerms<'s> = BTreeMap<usize, (usize, &'s str)>;

/// The automaton over all source terms of a glossary.
#[derive(Clone, Debug)]
pub struct SourceIndex {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the index of its term.
    term_of: Vec<usize>,
}

impl SourceIndex {
    pub fn new(glossary: &Glossary) -> Result<SourceIndex, BuildError> {
        let mut patterns = Vec::new();
        let mut term_of = Vec::new();
        for (i, term) in glossary.terms.iter().enumerate() {
            for s in term.sources.iter().filter(|s| !s.trim().is_empty()) {
                patterns.push(s.trim().to_string());
                term_of.push(i);
            }
        }
        if patterns.is_empty() {
            return Ok(SourceIndex {
                automaton: None,
                term_of,
            });
        }
        // A DFA for any real glossary, as in the matcher: source text is mostly CJK, whose
        // lead bytes defeat the prefilter, so the automaton itself must be fast.
        let kind = (patterns.len() <= 2_000).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(BuildError::from)?;
        Ok(SourceIndex {
            automaton: Some(automaton),
            term_of,
        })
    }

    /// The terms whose sources occur in `source`, leftmost-longest, each with its count and
    /// the first source form found.
    /// A source in Latin script must stand as a whole word (`CPC` is not in `CPCs`); one in
    /// a script without spaces is matched anywhere.
    pub fn terms_in<'s>(&self, source: &'s str) -> SourceTerms<'s> {
        let mut counts = BTreeMap::new();
        let Some(ac) = &self.automaton else {
            return counts;
        };
        for m in ac.find_iter(source) {
            let hit = &source[m.range()];
            let before = source[..m.start()].chars().next_back();
            let after = source[m.end()..].chars().next();
            let wordlike = |c: char| c.is_alphanumeric() && !is_cjk(c);
            let cut_start =
                hit.chars().next().is_some_and(wordlike) && before.is_some_and(wordlike);
            let cut_end =
                hit.chars().next_back().is_some_and(wordlike) && after.is_some_and(wordlike);
            if !cut_start && !cut_end {
                counts
                    .entry(self.term_of[m.pattern().as_usize()])
                    .or_insert((0, hit))
                    .0 += 1;
            }
        }
        counts
    }
}

/// Whether `c` is in a script written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0x20000..=0x3FFFF) // supplementary ideographs
}

/// Whether `s` ends a sentence: its last character, after closing quotes and brackets, is
/// terminal punctuation (Latin or CJK).
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches([
            '"', '\'', '”', '’', '」', '』', ')', '）', ']', '】', '*', '_',
        ])
        .ends_with(['.', '!', '?', '…', '。', '！', '？', ':', ';', '：', '；'])
}

/// Whether term `other` has `source` among its sources (compared as the source automaton
/// compares: trimmed, ASCII case ignored).
fn renders_same_source(glossary: &Glossary, other: usize, source: &str) -> bool {
    glossary.terms[other]
        .sources
        .iter()
        .any(|s| s.trim().eq_ignore_ascii_case(source))
}

/// Whether `form` is an approved form of term `term` (compared as glossary forms are).
fn is_approved_form(glossary: &Glossary, term: usize, form: &str) -> bool {
    let key = crate::fold::normalize(form);
    glossary.terms[term]
        .approved()
        .any(|a| crate::fold::normalize(a) == key)
}

/// A rendering found in a translation: the term, where, and the glossary form (None for a
/// deviant, which the core check reports on its own).
pub struct Rendering<'f> {
    pub term: usize,
    pub span: Range<usize>,
    pub approved: Option<&'f str>,
}

/// Words that carry no content of a term: a rendering is recognised by the others.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "with", "by", "as", "at", "from",
    "its", "their", "our", "all", "this", "that",
];

/// A word reduced for comparison: folded, a plural ending taken off ("futures", "stories").
fn stem(word: &str) -> String {
    let w: String = word.chars().map(crate::fold::fold).collect();
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{s}y");
    }
    match w.strip_suffix('s') {
        Some(s) if s.len() >= 3 && !s.ends_with('s') => s.to_string(),
        _ => w,
    }
}

/// The phrase of the translation `text[target]` that renders term `t` in other words: the
/// run of words, beginning and ending with a content word of one of the term's forms
/// (approved or deviant), that shares the most content words with that form, at least two
/// and at least half of them; the shortest and then the first of equals. None if no run
/// shares that much.
fn rendered_as(text: &str, target: Range<usize>, t: &crate::Term) -> Option<String> {
    let mut words: Vec<(Range<usize>, String)> = Vec::new();
    let _ = crate::words::for_each_word(text, target, |s, e| {
        words.push((s..e, stem(&text[s..e])));
        std::ops::ControlFlow::Continue(())
    });
    let mut best: Option<(usize, usize, usize, Range<usize>)> = None;
    for form in t.approved().chain(t.deviants.iter().map(String::as_str)) {
        let mut content: Vec<String> = Vec::new();
        let mut n_words = 0;
        let _ = crate::words::for_each_word(form, 0..form.len(), |s, e| {
            n_words += 1;
            let w = stem(&form[s..e]);
            if !FUNCTION_WORDS.contains(&w.as_str()) && !content.contains(&w) {
                content.push(w);
            }
            std::ops::ControlFlow::Continue(())
        });
        if content.len() < 2 {
            continue;
        }
        let reach = n_words + 3;
        for i in 0..words.len() {
            if !content.contains(&words[i].1) {
                continue;
            }
            let mut seen: Vec<&str> = Vec::new();
            for j in i..words.len().min(i + reach) {
                let w = words[j].1.as_str();
                if !content.iter().any(|c| c == w) {
                    continue;
                }
                if !seen.contains(&w) {
                    seen.push(w);
                }
                let shared = seen.len();
                if shared < 2 || shared * 2 < content.len() {
                    continue;
                }
                let span = words[i].0.start..words[j].0.end;
                let len = span.len();
                // More shared words, then a larger share of the form, then shorter, then first.
                let key = (shared, shared * 1000 / content.len(), usize::MAX - len);
                if best
                    .as_ref()
                    .is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2))
                {
                    best = Some((key.0, key.1, key.2, span));
                }
            }
        }
    }
    best.map(|(_, _, _, span)| crate::finding::collapse_whitespace(&text[span]))
}

/// The approved forms used for a term, in order of first use, each with where it is used.
type Uses<'f> = Vec<(&'f str, Vec<Range<usize>>)>;

/// The source-aware findings of `prose`, given the renderings the core check selected (in
/// position order). With `strict_count`, each occurrence of a source term needs its own
/// rendering; otherwise one rendering per segment is enough.
pub fn check(
    prose: &Prose<'_>,
    glossary: &Glossary,
    index: &SourceIndex,
    renderings: &[Rendering<'_>],
    strict_count: bool,
    fuzzy: Option<Severity>,
) -> Vec<Finding> {
    let text = prose.text();
    let mut findings = Vec::new();
    // For each document and term: the approved forms used for it, in order of first use, with
    // their places.
    let mut used: BTreeMap<(Option<&str>, usize), Uses<'_>> = BTreeMap::new();
    // The source terms of the last source read: the segments of one unit share their source,
    // which is then read once, however many translations it has.
    let mut read: Option<(&std::sync::Arc<str>, SourceTerms<'_>)> = None;
    for segment in &prose.segments {
        let in_fuzzy = prose.is_fuzzy(segment.target.start);
        if segment.target.is_empty() || (in_fuzzy && fuzzy.is_none()) {
            continue;
        }
        let target = segment.target.clone();
        let first = renderings.partition_point(|r| r.span.start < target.start);
        let last = renderings.partition_point(|r| r.span.start < target.end);
        let here = &renderings[first..last];
        // A translation cut off mid-sentence (its source ends a sentence, it does not) is
        // misaligned or unfinished: what it lacks may be in the next cell, so no missing
        // rendering is reported for it.
        let truncated = ends_sentence(&segment.source) && !ends_sentence(&text[target.clone()]);
        let terms = match &read {
            Some((s, terms)) if std::sync::Arc::ptr_eq(s, &segment.source) => terms.clone(),
            _ => {
                let terms = index.terms_in(&segment.source);
                read = Some((&segment.source, terms.clone()));
                terms
            }
        };
        for (term, (wanted, source)) in terms {
            // Any rendering of a term with this source, and any approved form of this term
            // credited to another term (two glossaries may share one), renders it.
            let mut found = here
                .iter()
                .filter(|r| {
                    r.term == term
                        || renders_same_source(glossary, r.term, source)
                        || r.approved
                            .is_some_and(|f| is_approved_form(glossary, term, f))
                })
                .count();
            let required = if strict_count { wanted } else { 1 };
            for r in here.iter().filter(|r| r.term == term) {
                let Some(form) = r.approved else { continue };
                let forms = used.entry((segment.document.as_deref(), term)).or_default();
                match forms.iter_mut().find(|(f, _)| *f == form) {
                    Some((_, places)) => places.push(r.span.clone()),
                    None => forms.push((form, vec![r.span.clone()])),
                }
            }
            if found >= required || truncated {
                continue;
            }
            // An approved form written loosely (split by commas, a word inserted) renders it.
            if found == 0 && loosely_rendered(glossary, term, source, &text[target.clone()]) {
                found = 1;
                if found >= required {
                    continue;
                }
            }
            let t = &glossary.terms[term];
            // Underline the translation's first line: enough to find it, not a whole page.
            let line_end = text[target.clone()]
                .find('\n')
                .map_or(target.end, |n| target.start + n);
            let span = target.start..line_end.max(target.start + 1).min(target.end);
            let words = if strict_count && wanted > 1 {
                format!("{source} ({wanted} in the source, {found} rendered)")
            } else {
                source.to_string()
            };
            findings.push(Finding {
                term,
                kind: FindingKind::Missing,
                // In a PO fuzzy entry, the fuzzy severity, like its other findings.
                severity: match fuzzy {
                    Some(s) if in_fuzzy => s,
                    _ => t.severity,
                },
                span: span.clone(),
                matched: text[span].to_string(),
                words,
                form: source.to_string(),
                suggestion: t.preferred.clone(),
                quotation: None,
                fix: Fix::NotReplaceable,
                related: Vec::new(),
                found: rendered_as(text, target.clone(), t),
            });
        }
    }
    for ((document, term), forms) in used {
        let ways = group_renderings(&forms);
        if ways.len() < 2 {
            continue;
        }
        let t = &glossary.terms[term];
        let source = t.sources.first().map_or("", String::as_str);
        // Reported where the second way first appears; every use is listed.
        let second = &forms[ways[1][0]];
        let span = second.1[0].clone();
        let related = forms
            .iter()
            .flat_map(|(form, places)| {
                places.iter().map(move |p| Related {
                    span: p.clone(),
                    label: format!("\"{form}\""),
                })
            })
            .collect();
        let summary: Vec<String> = ways
            .iter()
            .map(|way| {
                let names: Vec<String> =
                    way.iter().map(|&i| format!("\"{}\"", forms[i].0)).collect();
                let n: usize = way.iter().map(|&i| forms[i].1.len()).sum();
                format!(
                    "{} ({n} time{})",
                    names.join(" / "),
                    if n == 1 { "" } else { "s" }
                )
            })
            .collect();
        let scope = match document {
            Some(d) => format!("in document `{d}`"),
            None => "in this file".to_string(),
        };
        // The preferred rendering if the file uses it, else the first form of the way used most.
        let uses = |way: &Vec<usize>| way.iter().map(|&i| forms[i].1.len()).sum::<usize>();
        let suggestion = if forms.iter().any(|(f, _)| *f == t.preferred) {
            t.preferred.as_str()
        } else {
            ways.iter()
                .max_by_key(|way| uses(way))
                .map_or(t.preferred.as_str(), |way| forms[way[0]].0)
        };
        findings.push(Finding {
            term,
            kind: FindingKind::Inconsistent,
            severity: Severity::Warning,
            span: span.clone(),
            matched: text[span].to_string(),
            words: format!(
                "{source} is rendered {} ways {scope}: {}",
                ways.len(),
                summary.join(", ")
            ),
            form: second.0.to_string(),
            suggestion: suggestion.to_string(),
            quotation: None,
            fix: Fix::NotReplaceable,
            related,
            found: None,
        });
    }
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    findings
}

/// Whether an approved form of `term`, or of any term with the same `source`, stands loosely
/// in `translation` (see [`crate::inserted::loosely_rendered`]).
fn loosely_rendered(glossary: &Glossary, term: usize, source: &str, translation: &str) -> bool {
    glossary
        .terms
        .iter()
        .enumerate()
        .filter(|&(i, _)| i == term || renders_same_source(glossary, i, source))
        .flat_map(|(_, t)| t.approved())
        .any(|form| crate::inserted::loosely_rendered(translation, &crate::inserted::words(form)))
}

/// The forms used for one term, grouped into ways of rendering it, in order of first use
/// (each way lists indexes into `forms`). Forms are one way when one is the other shortened:
/// its words a run of the other's ("Belt and Road" in "Belt and Road Initiative"), its
/// acronym ("BRI"), or the same words hyphenated differently ("opening-up", "opening up").
/// A full name on first mention and its short form after it is a style, not an inconsistency.
fn group_renderings(forms: &Uses<'_>) -> Vec<Vec<usize>> {
    let mut way_of: Vec<usize> = (0..forms.len()).collect();
    fn root(way_of: &mut [usize], mut i: usize) -> usize {
        while way_of[i] != i {
            way_of[i] = way_of[way_of[i]];
            i = way_of[i];
        }
        i
    }
    for a in 0..forms.len() {
        for b in a + 1..forms.len() {
            if one_rendering(forms[a].0, forms[b].0) {
                let (ra, rb) = (root(&mut way_of, a), root(&mut way_of, b));
                way_of[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut ways: Vec<Vec<usize>> = Vec::new();
    let mut index_of: BTreeMap<usize, usize> = BTreeMap::new();
    for i in 0..forms.len() {
        let r = root(&mut way_of, i);
        let w = *index_of.entry(r).or_insert_with(|| {
            ways.push(Vec::new());
            ways.len() - 1
        });
        ways[w].push(i);
    }
    ways
}

/// Whether forms `a` and `b` are one rendering: see [`group_renderings`].
fn one_rendering(a: &str, b: &str) -> bool {
    let split = |f: &str| -> Vec<String> {
        crate::inserted::words(f)
            .iter()
            .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (wa, wb) = (split(a), split(b));
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if short.is_empty() {
        return false;
    }
    if long.windows(short.len()).any(|w| w == short.as_slice()) {
        return true;
    }
    let acronym = |short: &str, long: &[String]| {
        let letters: String = long
            .iter()
            .filter(|w| !crate::inserted::FUNCTION_WORDS.contains(&w.as_str()))
            .filter_map(|w| w.chars().next())
            .collect();
        let all: String = long.iter().filter_map(|w| w.chars().next()).collect();
        short.chars().count() >= 2 && (short == letters || short == all)
    };
    let is_acronym = |f: &str| {
        f.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && f.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    (is_acronym(a) && wa.len() == 1 && acronym(&wa[0], &wb))
        || (is_acronym(b) && wb.len() == 1 && acronym(&wb[0], &wa))
}
