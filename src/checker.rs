//! The checker: a glossary compiled for matching, and the findings it reports in a text.

use std::ops::ControlFlow;

use crate::{
    BuildError, DirectiveProblem, Finding, FindingKind, Fix, Format, Glossary, Prose, Quotation,
    Severity,
};
use crate::{
    bilingual, casing, finding, fit, fix, fold, formats, ignore, inflect, inserted, matcher,
    quotes, select, suppress, titles, urls,
};
use bilingual::{Rendering, SourceIndex};
use matcher::Matcher;
use select::Verdict;

/// A glossary compiled for checking. Build it once; [`Checker::check`] takes `&self` and may
/// run on many threads at once.
#[derive(Clone, Debug)]
pub struct Checker {
    glossary: Glossary,
    matcher: Matcher,
    /// Built on the first bilingual file: most runs never need it, and for a glossary of
    /// thousands of source terms it costs tens of milliseconds of start-up.
    sources: std::sync::OnceLock<Option<SourceIndex>>,
    strict_count: bool,
    fuzzy: Option<Severity>,
    ignore: ignore::Ignore,
    /// Whether some term has a deviant or is case-sensitive: else nothing in a monolingual
    /// text can be reported (approved forms only hide deviants), and it is not scanned.
    flags_text: bool,
    /// Whether no form has sentence punctuation in it, so that none runs across a sentence's
    /// end and a long text may be cut into windows there (see [`Prose::window_ranges`]).
    sentence_cuts: bool,
}

impl Checker {
    pub fn new(glossary: Glossary) -> Result<Checker, BuildError> {
        let matcher = Matcher::new(&glossary)?;
        let flags_text = glossary
            .terms
            .iter()
            .any(|t| !t.deviants.is_empty() || t.case_sensitive);
        let sentence_cuts = !glossary.terms.iter().any(|t| {
            t.approved()
                .chain(t.deviants.iter().chain(&t.exceptions).map(String::as_str))
                .any(|f| f.contains(crate::prose::SENTENCE_ENDS))
        });
        Ok(Checker {
            flags_text,
            sentence_cuts,
            glossary,
            matcher,
            sources: std::sync::OnceLock::new(),
            strict_count: false,
            fuzzy: Some(Severity::Note),
            ignore: ignore::Ignore::default(),
        })
    }

    /// Text matching these patterns is read but never reported (see [`ignore`]).
    pub fn ignore(mut self, patterns: ignore::Ignore) -> Checker {
        self.ignore = patterns;
        self
    }

    /// In bilingual files, require one rendering per occurrence of a source term rather than
    /// one per segment.
    pub fn strict_count(mut self, on: bool) -> Checker {
        self.strict_count = on;
        self
    }

    /// The severity of findings in PO fuzzy entries (a draft translation); None leaves fuzzy
    /// entries unchecked. Default: note.
    pub fn fuzzy_severity(mut self, severity: Option<Severity>) -> Checker {
        self.fuzzy = severity;
        self
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Every finding in `prose`, sorted by position. Deviant and miscased findings never
    /// overlap; in a bilingual file, a missing or inconsistent rendering may overlap them.
    pub fn check(&self, prose: &Prose<'_>) -> Vec<Finding> {
        self.check_part(prose, &WholeText::default(), prose)
    }

    /// [`Checker::check`] of `part`, a window of `whole` ([`Prose::window`]). Quotations and
    /// ignored text are read in `whole`, once for all its windows, when one first needs them
    /// (a quotation's paragraph, whether the text puts a paragraph on each line, and what an
    /// `ignore` pattern matches are the whole text's).
    fn check_part<'a>(
        &self,
        part: &Prose<'a>,
        shared: &WholeText<'a>,
        whole: &Prose<'a>,
    ) -> Vec<Finding> {
        let prose = part;
        // A glossary that only approves (a lexicon of renderings) checks translations against
        // their sources; in a monolingual text it has nothing to flag.
        if !self.flags_text && prose.segments.is_empty() {
            return Vec::new();
        }
        let text = prose.text();
        let forms = self.matcher.forms();
        let bilingual = !prose.segments.is_empty();
        // In a monolingual text an approved form of a term that is not case-sensitive only
        // hides deviants: where there is no other candidate, there is nothing to report.
        let mut candidates = if bilingual || !prose.expansions.references.is_empty() {
            self.matcher.candidates(prose)
        } else {
            self.matcher.reporting_candidates(prose)
        };
        let terms = &self.glossary.terms;
        // Approved forms of terms in any letter case are only there to hide deviants: with no
        // deviant and no case-sensitive term among the candidates (and no XML entity text to
        // check apart), there is nothing to report.
        if !bilingual
            && prose.expansions.references.is_empty()
            && candidates.iter().all(|c| {
                let form = &forms[c.form];
                form.kind.is_approved() && !terms[form.term].case_sensitive
            })
        {
            return Vec::new();
        }
        let pieces = prose.pieces();
        candidates.retain(|c| {
            let first = prose.piece_at(c.start).map_or(0, |i| pieces[i].start);
            let last = prose
                .piece_at(c.end - 1)
                .map_or(text.len(), |i| pieces[i].end);
            !urls::in_url(text, first..last, c.start, c.end)
        });
        let mut selected = select::select(forms, candidates, |form| {
            bilingual || terms[form.term].case_sensitive
        });
        // A deviant inside an approved form of its term with one word inserted is no
        // deviation (see [`inserted`]).
        // The words of each term's approved forms, made for the terms with a deviant here (a
        // table for every term made a check of one line cost as much as a glossary of 50,000
        // terms, and `glossary check` checks every deviant on its own).
        let mut approved_words: rustc_hash::FxHashMap<usize, Vec<Vec<String>>> = Default::default();
        selected.retain(|(c, verdict)| {
            if *verdict != Verdict::Deviant {
                return true;
            }
            let term = forms[c.form].term;
            let approved = approved_words
                .entry(term)
                .or_insert_with(|| terms[term].approved().map(inserted::words).collect());
            !inserted::hidden(prose, c.start..c.end, approved)
        });
        let mut findings = Vec::with_capacity(selected.len());
        let mut renderings = Vec::new();
        let quotes = (!selected.is_empty()).then(|| {
            shared
                .quotes
                .get_or_init(|| quotes::QuoteIndex::for_prose(whole))
        });
        let starts: Vec<usize> = selected.iter().map(|(c, _)| c.start).collect();
        let mut prev_end = 0;
        for (k, (c, verdict)) in selected.into_iter().enumerate() {
            let form = &forms[c.form];
            // An exception is neither a finding nor a rendering of its term.
            if form.kind == matcher::FormKind::Exception {
                continue;
            }
            let term = &terms[form.term];
            let stem = &text[c.start..c.stem_end];
            let fuzzy = prose.is_fuzzy(c.start);
            if fuzzy && self.fuzzy.is_none() {
                continue;
            }
            if bilingual {
                renderings.push(Rendering {
                    term: form.term,
                    span: c.start..c.end,
                    approved: (verdict == Verdict::Approved).then_some(&*form.text),
                });
            }
            // For a form matched with an inflected first word: the suggestion carrying the
            // inflection, None if there is none that is sure to be good English.
            let mut inflected_fix: Option<String> = None;
            let kind = match verdict {
                Verdict::Deviant => FindingKind::Deviant,
                Verdict::Approved => {
                    if !term.case_sensitive {
                        continue;
                    }
                    let sentence_start = starts_sentence(prose, c.start);
                    if c.inflected {
                        // The first word is inflected: its letters are compared on their own.
                        match inflect::miscased(stem, &form.text, sentence_start) {
                            Some(s) => inflected_fix = Some(s),
                            None => continue,
                        }
                    }
                    let miscased = inflected_fix.is_some()
                        || casing::is_miscased(stem, &form.text, sentence_start)
                        || (c.plural
                            && casing::is_miscased_ending(&text[c.stem_end..c.end], &form.text)
                            && !defined_abbreviation(text, c.start..c.end));
                    if !miscased {
                        continue;
                    }
                    FindingKind::Miscased
                }
            };
            let mut may_be_qualified = false;
            let mut suggestion = match kind {
                FindingKind::Deviant => {
                    // After a qualifier ("China-ASEAN", "regional"), the qualified form; else
                    // the deviant's own `use`, else the preferred form.
                    let qualified = term.qualified.as_ref().filter(|_| {
                        fit::word_before(prose, c.start).is_some_and(|w| term.qualifies(w))
                    });
                    let base = match qualified {
                        Some(q) => q.use_form.as_str(),
                        None => term.replacement_for(&form.text),
                    };
                    // No qualifier right before: one elsewhere in the sentence may still mean
                    // the qualified form (read once the span is fitted, below).
                    may_be_qualified = qualified.is_none()
                        && term.qualified.as_ref().is_some_and(|q| q.use_form != base);
                    let recased = casing::match_case(base, stem, &form.text);
                    if c.inflected {
                        inflected_fix = inflect::carry(&recased, &form.text, stem);
                    }
                    inflected_fix.clone().unwrap_or(recased)
                }
                _ => inflected_fix
                    .clone()
                    .unwrap_or_else(|| form.text.to_string()),
            };
            // An inflection the suggestion cannot carry: reported, never fixed.
            let unsure = c.inflected && inflected_fix.is_none();
            // A hyphenated modifier gets its suggestion hyphenated the same way, when the
            // suggestion is words only ("Belt-and-Road plan"); with punctuation in it, no fix.
            let mut unhyphenable = false;
            if form.hyphenated {
                if suggestion.split_whitespace().all(|w| {
                    w.chars()
                        .all(|c| fold::is_word_char(c) || matches!(fold::fold(c), '\'' | '-'))
                }) {
                    suggestion = suggestion.split_whitespace().collect::<Vec<_>>().join("-");
                } else {
                    unhyphenable = true;
                }
            }
            // A plural the suggestion cannot carry for sure: reported, never fixed.
            let mut unsure_plural = false;
            if c.plural {
                match casing::pluralize_suggestion(&suggestion, stem, &form.text) {
                    Some(plural) => suggestion = plural,
                    None => unsure_plural = true,
                }
            }
            // The words as a reader sees them: escapes decoded, markup and syntax left out.
            let words = match prose.piece_at(c.start) {
                Some(piece) => {
                    let read: String = prose
                        .forward(piece, c.start)
                        .take_while(|(i, _)| *i < c.end)
                        .map(|(_, ch)| ch)
                        .collect();
                    finding::collapse_whitespace(&join_line_end_hyphens(&read))
                }
                None => finding::collapse_whitespace(&text[c.start..c.end]),
            };
            // The span a fix replaces, fitted to the sentence: words the suggestion repeats
            // are taken in (see [`fit`]), never past the neighbouring findings.
            let mut span = c.start..c.end;
            let next_start = starts.get(k + 1).copied().unwrap_or(text.len());
            if kind == FindingKind::Deviant {
                let fitted =
                    fit::absorb_repeats(prose, span, &suggestion, prev_end..next_start, |r| {
                        prose.is_plain(r)
                    });
                span = fitted.span;
                suggestion = fitted.suggestion;
            }
            // A fix that widens the term's scope ("community of common destiny" -> "... for
            // mankind") while a qualifier stands in the sentence is not sure (fit, rule 4).
            // (A span across markup is not fixed anyway, and its bytes are not its words.)
            let unsure_qualifier = may_be_qualified
                && prose.is_plain(span.clone())
                && fit::adds_words(&text[span.clone()], &suggestion)
                && fit::qualifier_in_sentence(prose, span.clone(), |w| term.lists_qualifier(w));
            let quotation = quotes.as_ref().and_then(|q| q.quotation(span.clone()));
            let cited = kind == FindingKind::Deviant
                && quotation.is_none()
                && titles::in_cited_title(prose, c.start..c.end);
            let fix = if quotation.is_some() {
                Fix::InQuotation
            } else if unsure {
                Fix::Inflected
            } else if unsure_plural {
                Fix::Plural
            } else if unhyphenable {
                Fix::Hyphenated
            } else if unsure_qualifier {
                Fix::Qualifier
            } else if cited {
                Fix::InTitle
            } else if !prose.is_plain(span.clone()) {
                Fix::AcrossMarkup
            } else {
                let mut unfixable = None;
                if kind == FindingKind::Deviant {
                    match self.absorb_new_deviant(
                        text,
                        span.clone(),
                        suggestion.clone(),
                        prev_end..next_start,
                        |r| prose.is_plain(r),
                    ) {
                        Ok((s, g)) => (span, suggestion) = (s, g),
                        Err(reason) => unfixable = Some(reason),
                    }
                    let fitted =
                        fit::fit_article(prose, fit::Fitted { span, suggestion }, prev_end, |r| {
                            prose.is_plain(r)
                        });
                    span = fitted.span;
                    suggestion = fitted.suggestion;
                }
                if let Some(reason) = unfixable {
                    reason
                } else if kind == FindingKind::Deviant
                    && fit::repeats_nearby(prose, span.clone(), &suggestion, prev_end..next_start)
                {
                    Fix::RepeatsNearby
                } else {
                    Fix::Replace(fix::replacement(&text[span.clone()], &suggestion))
                }
            };
            prev_end = span.end;
            let matched = &text[span.clone()];
            findings.push(Finding {
                term: form.term,
                kind,
                // A mention (the deviant is the whole quotation) is only a note.
                severity: match (quotation, fuzzy) {
                    (Some(Quotation::Whole), _) => Severity::Note,
                    _ if cited => Severity::Note,
                    (_, true) => self.fuzzy.unwrap_or(Severity::Note),
                    _ => term.severity,
                },
                span,
                matched: matched.to_string(),
                words,
                form: form.text.to_string(),
                suggestion,
                quotation,
                fix,
                related: Vec::new(),
                found: None,
            });
        }
        if !prose.expansions.references.is_empty() {
            self.expansions(prose, &mut findings, &mut renderings, bilingual);
        }
        // An automaton that cannot be built (far beyond any real glossary, whose forms the
        // matcher has already compiled) leaves the source-aware checks out.
        let sources = bilingual
            .then(|| {
                self.sources
                    .get_or_init(|| SourceIndex::new(&self.glossary).ok())
                    .as_ref()
            })
            .flatten();
        if let Some(sources) = sources {
            findings.extend(bilingual::check(
                prose,
                &self.glossary,
                sources,
                &renderings,
                self.strict_count,
                self.fuzzy,
            ));
            findings.sort_by_key(|f| (f.span.start, f.span.end));
        }
        if !self.ignore.is_empty() && !findings.is_empty() {
            let ignored = shared.ignored.get_or_init(|| self.ignore.ranges(text));
            findings.retain(|f| !ignore::covers(ignored, f.span.start));
        }
        findings
    }

    /// What the text of entity references holds (see [`prose::Expansions`]): each text is
    /// checked once, as plain text, and what it holds is reported at every reference to it,
    /// once per term and words (a reference to ten thousand deviants is one finding, not ten
    /// thousand at one place), and never fixed. In a bilingual file, the renderings there
    /// count where the reference is.
    fn expansions<'s>(
        &'s self,
        prose: &Prose<'_>,
        findings: &mut Vec<Finding>,
        renderings: &mut Vec<Rendering<'s>>,
        bilingual: bool,
    ) {
        let forms = self.matcher.forms();
        let expansions = &prose.expansions;
        // Per text: its findings, and the (term, approved form) of each rendering in it.
        type Checked<'f> = (Vec<Finding>, Vec<(usize, Option<&'f str>)>);
        let checked: Vec<Checked<'_>> = expansions
            .texts
            .iter()
            .map(|t| {
                let whole = Prose::whole(t);
                let mut used: Vec<(usize, Option<&str>)> = if bilingual {
                    select::select(forms, self.matcher.candidates(&whole), |_| true)
                        .into_iter()
                        .map(|(c, verdict)| {
                            let form = &forms[c.form];
                            (
                                form.term,
                                (verdict == Verdict::Approved).then_some(&*form.text),
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let mut seen = std::collections::HashSet::new();
                used.retain(|u| seen.insert(*u));
                let mut found = self.check(&whole);
                let mut seen = std::collections::HashSet::new();
                found.retain(|f| seen.insert((f.term, f.kind.as_str(), f.words.clone())));
                (found, used)
            })
            .collect();
        for (span, index) in &expansions.references {
            let (found, used) = &checked[*index];
            for f in found {
                findings.push(Finding {
                    span: span.clone(),
                    matched: prose.text()[span.clone()].to_string(),
                    fix: Fix::InEntity,
                    related: Vec::new(),
                    ..f.clone()
                });
            }
            renderings.extend(used.iter().map(|&(term, approved)| Rendering {
                term,
                span: span.clone(),
                approved,
            }));
        }
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        renderings.sort_by_key(|r| r.span.start);
    }

    /// If writing `suggestion` over `span` would make a deviant with the words around it
    /// ("one Belt and one Road strategy" would become "Belt and Road strategy"), the span takes
    /// in the rest of that deviant and the suggestion becomes that deviant's own, so a second
    /// run finds nothing new. The new span stays within `bounds` and must be `plain`. When
    /// that deviant's inflection or plural cannot be carried for sure, the fix would write a
    /// deviant: Err says why there is none.
    fn absorb_new_deviant(
        &self,
        text: &str,
        span: std::ops::Range<usize>,
        suggestion: String,
        bounds: std::ops::Range<usize>,
        plain: impl Fn(std::ops::Range<usize>) -> bool,
    ) -> Result<(std::ops::Range<usize>, String), Fix> {
        let lo = text.floor_char_boundary(span.start.saturating_sub(80).max(bounds.start));
        let hi = text.ceil_char_boundary((span.end + 80).min(bounds.end).max(span.end));
        let lo = lo.min(span.start);
        let snippet = format!(
            "{}{suggestion}{}",
            &text[lo..span.start],
            &text[span.end..hi]
        );
        let (rs, re) = (span.start - lo, span.start - lo + suggestion.len());
        let forms = self.matcher.forms();
        let candidates = self.matcher.candidates(&Prose::whole(&snippet));
        for (c, verdict) in select::select(forms, candidates, |_| false) {
            if verdict == Verdict::Deviant
                && c.start <= rs
                && c.end >= re
                && c.end - c.start > re - rs
            {
                let new_span = lo + c.start..span.end + (c.end - re);
                if !plain(new_span.clone()) {
                    break;
                }
                let form = &forms[c.form];
                let term = &self.glossary.terms[form.term];
                // The new deviant as it would read (suggestion and all), for its letter case.
                let stem = &snippet[c.start..c.stem_end];
                let mut new =
                    casing::match_case(term.replacement_for(&form.text), stem, &form.text);
                // The new deviant's inflection cannot be carried for sure: the fix would
                // write a deviant, so there is none.
                if c.inflected {
                    match inflect::carry(&new, &form.text, stem) {
                        Some(carried) => new = carried,
                        None => return Err(Fix::Inflected),
                    }
                }
                if c.plural {
                    match casing::pluralize_suggestion(&new, stem, &form.text) {
                        Some(plural) => new = plural,
                        None => return Err(Fix::Plural),
                    }
                }
                return Ok((new_span, new));
            }
        }
        Ok((span, suggestion))
    }

    /// Every occurrence of every form in plain `text`, overlapping ones included, before any
    /// selection: `(term index, approved, byte range)`, sorted by position.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, bool, std::ops::Range<usize>)> {
        let forms = self.matcher.forms();
        let mut out: Vec<_> = self
            .matcher
            .candidates(&Prose::whole(text))
            .into_iter()
            .filter(|c| forms[c.form].kind != matcher::FormKind::Exception)
            .map(|c| {
                (
                    forms[c.form].term,
                    forms[c.form].kind.is_approved(),
                    c.start..c.end,
                )
            })
            .collect();
        out.sort_by_key(|o| (o.2.start, std::cmp::Reverse(o.2.end)));
        out
    }

    /// The prose of `text` read as `format`, as [`Format::read`] gives it, except that a
    /// Markdown text is parsed only if its raw text could hold a match: a form that reports,
    /// found in the raw text or with markup between its words there
    /// ([`Matcher::may_match_through`]), a word that inline markup might split (`**C**CP`), or
    /// a suppression directive. Markup only hides text and joins words, so where the raw text
    /// has none of these, the prose has no match either; most files of a documentation tree
    /// have none, and parsing them was a third of the time spent on them (bench/NOTES.md).
    pub fn read<'a>(
        &self,
        format: &Format,
        text: &'a str,
    ) -> Result<Prose<'a>, formats::FormatError> {
        if *format == Format::Markdown
            && memchr::memmem::find(text.as_bytes(), b"termlint-").is_none()
            && (!self.flags_text
                || (!formats::markdown::may_split_words(text)
                    && !self
                        .matcher
                        .may_match_through(text, formats::markdown::is_markup_byte)))
        {
            return Ok(Prose::from_pieces(text, []));
        }
        format.read(text)
    }

    /// The size of the windows [`Checker::lint_windows`] checks a long text in.
    pub const WINDOW: usize = 4 << 20;

    /// [`Checker::lint`] a window at a time, for a long text: `each` receives the findings
    /// of one window after another (each sorted, all in text order), and can stop early by
    /// returning [`ControlFlow::Break`]. A text of at most [`Checker::WINDOW`] bytes, and prose
    /// with suppression directives or translation units (whose rules span the whole file),
    /// come in one call, as [`Checker::lint`] gives them. Otherwise the windows are those of
    /// [`Prose::window_ranges`], cut where no term reaches across, so that memory holds one
    /// window's findings, not the file's: five million findings took 2 GB. Quotations and
    /// `ignore` patterns are read in the whole text. One difference remains at a cut: the
    /// first paragraph of a window is read as the start of a text by the rules that look
    /// back or ahead a few words (a capital at a sentence's start, a qualifier before a term,
    /// a word the suggestion would repeat), where the whole text reads across the blank line.
    pub fn lint_windows(&self, prose: &Prose<'_>, each: impl FnMut(Linted) -> ControlFlow<()>) {
        self.lint_windows_of(prose, Self::WINDOW, each);
    }

    /// Whether [`Checker::lint_windows`] checks `prose` in more than one window.
    pub fn checks_in_windows(&self, prose: &Prose<'_>) -> bool {
        Self::windowed(prose, Self::WINDOW)
    }

    fn windowed(prose: &Prose<'_>, size: usize) -> bool {
        prose.text().len() > size && prose.segments.is_empty() && prose.directives.is_empty()
    }

    /// [`Checker::lint_windows`] with windows of `size` bytes (for tests).
    #[doc(hidden)]
    pub fn lint_windows_of(
        &self,
        prose: &Prose<'_>,
        size: usize,
        mut each: impl FnMut(Linted) -> ControlFlow<()>,
    ) {
        if !Self::windowed(prose, size) {
            let _ = each(self.lint(prose));
            return;
        }
        let shared = WholeText::default();
        for range in prose.window_ranges(size, self.sentence_cuts) {
            let linted = Linted {
                findings: self.check_part(&prose.window(range), &shared, prose),
                ..Linted::default()
            };
            if each(linted).is_break() {
                return;
            }
        }
    }

    /// [`Checker::check`], then the prose's suppression directives applied.
    pub fn lint(&self, prose: &Prose<'_>) -> Linted {
        let mut findings = self.check(prose);
        let (suppressed, directive_problems) = suppress::apply(
            prose.text(),
            &prose.directives,
            &self.glossary,
            &mut findings,
        );
        Linted {
            findings,
            suppressed,
            directive_problems,
        }
    }
}

/// What the windows of one text read in the whole text, built when first needed.
#[derive(Default)]
struct WholeText<'a> {
    quotes: std::cell::OnceCell<quotes::QuoteIndex<'a>>,
    ignored: std::cell::OnceCell<Vec<std::ops::Range<usize>>>,
}

/// The result of [`Checker::lint`].
#[derive(Clone, Debug, Default)]
pub struct Linted {
    /// Findings not suppressed, sorted by position.
    pub findings: Vec<Finding>,
    /// How many findings directives suppressed.
    pub suppressed: usize,
    /// Directives that suppressed nothing or named unknown terms.
    pub directive_problems: Vec<DirectiveProblem>,
}

/// Whether `span` is a word standing alone in parentheses, "(BRIS)": an abbreviation being
/// defined (a name or a ticker), not the plural of an acronym.
fn defined_abbreviation(text: &str, span: std::ops::Range<usize>) -> bool {
    text[..span.start].ends_with('(') && text[span.end..].starts_with(')')
}

/// `s` with each hyphen at a line end joined to the next line ("Chinese-⏎style" reads
/// "Chinese-style").
fn join_line_end_hyphens(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("-\n") && !s.contains("-\r\n") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if fold::fold(c) == '-' && chars.peek().is_some_and(|c| *c == '\n' || *c == '\r') {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `offset` starts a sentence: nothing but opening punctuation between it and the start
/// of its paragraph or the end of the previous sentence.
fn starts_sentence(prose: &Prose<'_>, offset: usize) -> bool {
    let Some(piece) = prose.piece_at(offset) else {
        return true;
    };
    for (_, c) in prose.backward(piece, offset) {
        if c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '*' | '_')
        {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | '…' | ':' | '#');
    }
    true
}
