//! The glossary model and its loader: `glossary.toml`, schema version 1.
//!
//! Loading never guesses: unknown keys, missing fields, duplicate ids, forms listed twice and
//! deviants that are also approved renderings are all errors, each with the byte range of the
//! offending value so that the CLI can point at the line.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::Severity;
use crate::fold;

pub mod rules;

use rules::{Conflict, Forms, Listing};

/// A validated glossary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Glossary {
    pub source_language: Option<String>,
    pub target_language: Option<String>,
    pub terms: Vec<Term>,
}

/// One glossary entry: a concept, its approved renderings and the renderings to flag.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Term {
    pub id: String,
    /// Source-language terms (for example 人类命运共同体); shown in diagnostics.
    pub sources: Vec<String>,
    /// The rendering suggested for every deviant.
    pub preferred: String,
    /// Acceptable alternates: never flagged, and they hide deviants they overlap.
    pub admitted: Vec<String>,
    /// Renderings to flag.
    pub deviants: Vec<String>,
    /// For deviants that name their replacement (`{ form = "CCP", use = "CPC" }`): the
    /// deviant as written in `deviants` -> the approved form to suggest for it.
    pub deviant_use: BTreeMap<String, String>,
    /// Longer phrases containing a deviant that are never reported (a committee's name, a
    /// cited title): they hide deviants as approved forms do, but are not renderings.
    pub exceptions: Vec<String>,
    /// The approved form to suggest after a qualifier (a bilateral or regional use).
    pub qualified: Option<Qualified>,
    pub note: Option<String>,
    /// The subject field (domain) the term belongs to, as terminology databases record it.
    pub subject: Option<String>,
    pub severity: Severity,
    /// When true, an approved form written in another letter case is a finding too.
    pub case_sensitive: bool,
    /// Sample sentences `termlint glossary check` verifies: each bad one yields exactly one
    /// finding of this term, each good one none.
    pub examples: Examples,
    /// Where the term's values are in the glossary file (empty for terms built in code).
    pub spans: TermSpans,
    /// The forms above that come from a pattern (see [`crate::pattern`]): each plain form ->
    /// the pattern as written. `admitted`, `deviants` and `exceptions` hold the plain forms,
    /// so the engine never sees a pattern; `terms` and the TOML export show the pattern.
    pub patterns: BTreeMap<String, String>,
}

/// `qualified = { use = "...", words = [...] }`: after a qualifier — a hyphenated proper
/// adjective ("China-ASEAN", "Sino-African") or one of `words` ("regional", "cross-Straits") —
/// a deviant gets `use` as its suggestion instead of the preferred form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Qualified {
    /// An approved form of the term.
    #[serde(rename = "use")]
    pub use_form: String,
    /// Words that qualify the term, besides hyphenated proper adjectives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub bad: Vec<String>,
}

/// Byte ranges in the glossary file, for diagnostics about a term's values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermSpans {
    pub id: Range<usize>,
    /// The approved forms (preferred first), then the deviants, in the order of
    /// [`Term::approved`] and [`Term::deviants`].
    pub forms: Vec<Range<usize>>,
    pub good: Vec<Range<usize>>,
    pub bad: Vec<Range<usize>>,
    /// The exceptions, in the order of [`Term::exceptions`].
    pub exceptions: Vec<Range<usize>>,
}

impl Term {
    /// The approved forms: the preferred one first, then the admitted ones.
    pub fn approved(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.preferred.as_str()).chain(self.admitted.iter().map(String::as_str))
    }

    /// The approved form to suggest for `deviant` (as written in the glossary): its own
    /// `use`, else the preferred form.
    pub fn replacement_for(&self, deviant: &str) -> &str {
        self.deviant_use
            .get(deviant)
            .map_or(self.preferred.as_str(), String::as_str)
    }

    /// `forms` (this term's `admitted`, `deviants` or `exceptions`) as a glossary writes them,
    /// each with the first plain form it stands for: the plain forms of one pattern as that
    /// pattern, once, at the place of its first form; other forms escaped where they hold a
    /// pattern character.
    pub fn written<'a>(&'a self, forms: &'a [String]) -> Vec<(std::borrow::Cow<'a, str>, &'a str)> {
        use std::borrow::Cow;
        let mut out = Vec::with_capacity(forms.len());
        let mut seen: Vec<&str> = Vec::new();
        for f in forms {
            match self.patterns.get(f) {
                Some(p) => {
                    if !seen.contains(&p.as_str()) {
                        seen.push(p);
                        out.push((Cow::Borrowed(p.as_str()), f.as_str()));
                    }
                }
                None if crate::pattern::expand(f).ok().as_deref()
                    != Some(std::slice::from_ref(f)) =>
                {
                    out.push((Cow::Owned(crate::pattern::escape(f)), f.as_str()))
                }
                None => out.push((Cow::Borrowed(f.as_str()), f.as_str())),
            }
        }
        out
    }

    /// Whether `word` (as written before a deviant) qualifies the term, so the qualified form
    /// is suggested: a hyphenated proper adjective (each part capitalised: "China-ASEAN"),
    /// or one of the `qualified` words (any letter case).
    pub fn qualifies(&self, word: &str) -> bool {
        let word = without_possessive(word);
        let parts: Vec<&str> = word.split(|c| fold::fold(c) == '-').collect();
        let proper = parts.len() >= 2
            && parts.iter().all(|p| {
                p.chars().next().is_some_and(char::is_uppercase)
                    && p.chars().all(fold::is_word_char)
            });
        (self.qualified.is_some() && proper) || self.lists_qualifier(word)
    }

    /// Whether `word` is one of the `qualified` words (any letter case, a possessive ending
    /// aside: "ASEAN's"). Away from the term, only these count: a hyphenated proper adjective
    /// elsewhere in a sentence is as often a compound ("High-Quality", "Marxism-Leninism").
    pub fn lists_qualifier(&self, word: &str) -> bool {
        let word = fold::normalize(without_possessive(word));
        self.qualified
            .as_ref()
            .is_some_and(|q| q.words.iter().any(|w| fold::normalize(w) == word))
    }
}

/// `word` without a possessive ending ("ASEAN's", "ASEAN’s").
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// One problem found while loading a glossary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlossaryError {
    pub message: String,
    /// Byte range in the glossary text of the offending value, when known.
    pub span: Option<Range<usize>>,
    /// A second place worth showing, with what it is.
    pub related: Option<(Range<usize>, String)>,
    /// How to fix it.
    pub help: Option<String>,
}

impl GlossaryError {
    fn at(span: Range<usize>, message: impl Into<String>) -> GlossaryError {
        GlossaryError {
            message: message.into(),
            span: Some(span),
            related: None,
            help: None,
        }
    }

    fn related(mut self, span: Range<usize>, what: impl Into<String>) -> GlossaryError {
        self.related = Some((span, what.into()));
        self
    }

    fn help(mut self, help: impl Into<String>) -> GlossaryError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

const TERM_KEYS: &[&str] = &[
    "id",
    "source",
    "preferred",
    "admitted",
    "deviants",
    "note",
    "subject",
    "severity",
    "case_sensitive",
    "examples",
    "exceptions",
    "qualified",
];
const TOP_KEYS: &[&str] = &["version", "source_language", "target_language", "term"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    version: Option<Spanned<i64>>,
    source_language: Option<String>,
    target_language: Option<String>,
    #[serde(default)]
    term: Vec<Spanned<RawTerm>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: Option<Spanned<String>>,
    source: Option<OneOrMany>,
    preferred: Option<Spanned<String>>,
    #[serde(default)]
    admitted: Vec<Spanned<String>>,
    #[serde(default)]
    deviants: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    qualified: Option<Spanned<Qualified>>,
    note: Option<String>,
    subject: Option<String>,
    #[serde(default)]
    severity: Severity,
    #[serde(default)]
    case_sensitive: bool,
    examples: Option<RawExamples>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    good: Vec<Spanned<String>>,
    #[serde(default)]
    bad: Vec<Spanned<String>>,
}

/// The keys before a glossary's first `[[term]]` header, when it is parsed in pieces: a
/// `term` key there (an array or a table written before the headers) is for the parse of
/// the whole text to judge.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    version: Option<Spanned<i64>>,
    source_language: Option<String>,
    target_language: Option<String>,
    term: Option<serde::de::IgnoredAny>,
}

/// A piece of a glossary that starts at a `[[term]]` header: terms and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerms {
    term: Vec<Spanned<RawTerm>>,
}

/// How many terms a piece of a large glossary holds (see [`parse_raw`]).
const TERMS_PER_PIECE: usize = 256;

/// The glossary's TOML, parsed. The toml crate holds a whole document's tokens and tables
/// before it hands them over: for 50,000 terms that was 160 MB, page-faulted in, for a
/// 5 MB file. A glossary with more than a piece's worth of `[[term]]` headers is parsed in
/// pieces cut before such a header at the start of a line, and the spans moved to the whole
/// text. The pieces agree with the whole text whenever every piece parses: the head holds
/// no `term`, every other piece only `[[term]]` tables and the tables under them, which
/// follow their term; a cut inside a multi-line string, array or inline table leaves the
/// piece before it unterminated. On any error in any piece the whole text is parsed again,
/// so an error is always the whole text's, with its spans (bench/NOTES.md item 16).
fn parse_raw(text: &str) -> Result<RawGlossary, toml::de::Error> {
    parse_in_pieces(text).map_or_else(|| toml::from_str(text), Ok)
}

/// [`parse_raw`] in pieces: None for a glossary of one piece or one that any piece cannot
/// judge.
fn parse_in_pieces(text: &str) -> Option<RawGlossary> {
    let at_start = text.starts_with("[[term]]").then_some(0);
    let cuts: Vec<usize> = at_start
        .into_iter()
        .chain(text.match_indices("\n[[term]]").map(|(i, _)| i + 1))
        .step_by(TERMS_PER_PIECE)
        .collect();
    if cuts.len() < 2 {
        return None;
    }
    let head: RawHead = toml::from_str(&text[..cuts[0]]).ok()?;
    if head.term.is_some() {
        return None;
    }
    // Room for every term at once (at most TERMS_PER_PIECE - 1 too many): grown by doubling,
    // the list was copied into fresh pages twice its final size, a tenth of the page faults
    // of loading 50,000 terms.
    let mut term = Vec::with_capacity(cuts.len() * TERMS_PER_PIECE);
    for (i, &from) in cuts.iter().enumerate() {
        let to = cuts.get(i + 1).copied().unwrap_or(text.len());
        let piece: RawTerms = toml::from_str(&text[from..to]).ok()?;
        term.extend(
            piece
                .term
                .into_iter()
                .map(|t| shift(t, from, RawTerm::shift)),
        );
    }
    Some(RawGlossary {
        version: head.version,
        source_language: head.source_language,
        target_language: head.target_language,
        term,
    })
}

/// `s` with its span moved `by` bytes on, and its value's spans with `inner`.
fn shift<T>(s: Spanned<T>, by: usize, inner: impl FnOnce(T, usize) -> T) -> Spanned<T> {
    let span = s.span();
    Spanned::new(span.start + by..span.end + by, inner(s.into_inner(), by))
}

/// Each of `v`'s spans moved `by` bytes on.
fn shift_all<T>(v: Vec<Spanned<T>>, by: usize) -> Vec<Spanned<T>> {
    v.into_iter().map(|s| shift(s, by, |t, _| t)).collect()
}

impl RawTerm {
    /// The term with every span moved `by` bytes on (a term parsed in a piece of the text).
    fn shift(self, by: usize) -> RawTerm {
        let same = |s: Spanned<String>| shift(s, by, |t, _| t);
        RawTerm {
            id: self.id.map(same),
            preferred: self.preferred.map(same),
            admitted: shift_all(self.admitted, by),
            deviants: shift_all(self.deviants, by),
            exceptions: shift_all(self.exceptions, by),
            qualified: self.qualified.map(|q| shift(q, by, |t, _| t)),
            examples: self.examples.map(|e| RawExamples {
                good: shift_all(e.good, by),
                bad: shift_all(e.bad, by),
            }),
            ..self
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged, expecting = "a string or an array of strings")]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl Glossary {
    /// Parses and validates a glossary. On failure, returns every problem found, in file order.
    pub fn from_toml(text: &str) -> Result<Glossary, Vec<GlossaryError>> {
        let raw = parse_raw(text).map_err(|e| vec![toml_error(&e)])?;
        let mut errors = Vec::new();
        if let Some(v) = &raw.version
            && *v.get_ref() != 1
        {
            errors.push(
                GlossaryError::at(
                    v.span(),
                    format!("unsupported glossary version {}", v.get_ref()),
                )
                .help("this termlint reads version 1; set `version = 1` or remove the key"),
            );
        }
        let mut terms: Vec<Term> = Vec::with_capacity(raw.term.len());
        let mut ids: rustc_hash::FxHashMap<&str, Range<usize>> = Default::default();
        // Every form listed so far, at its span (the rules shared with merging and import).
        // (Named by span and term index: a term's id is looked up only for a conflict.)
        let mut forms: Forms<(Range<usize>, usize)> = Forms::with_capacity(raw.term.len() * 2);
        ids.reserve(raw.term.len());
        for spanned in &raw.term {
            let table_span = spanned.span();
            let t = spanned.get_ref();
            let index = terms.len();
            let Some(id) = &t.id else {
                errors.push(
                    GlossaryError::at(table_span.clone(), "term has no `id`").help(format!(
                        "add `id = \"some-term\"`: {}",
                        rules::ID_CHARACTERS
                    )),
                );
                continue;
            };
            let id_text = id.get_ref().clone();
            if !rules::is_valid_id(&id_text) {
                errors.push(
                    GlossaryError::at(id.span(), format!("invalid term id \"{id_text}\""))
                        .help(format!("ids use only {}", rules::ID_CHARACTERS)),
                );
            }
            if let Some(first) = ids.get(id_text.as_str()) {
                errors.push(
                    GlossaryError::at(id.span(), format!("duplicate term id \"{id_text}\""))
                        .related(first.clone(), "first used here")
                        .help("every term needs its own id"),
                );
            } else {
                ids.insert(id.get_ref(), id.span());
            }
            let Some(preferred) = &t.preferred else {
                errors.push(
                    GlossaryError::at(
                        table_span.clone(),
                        format!("term \"{id_text}\" has no `preferred` rendering"),
                    )
                    .help("add `preferred = \"...\"`: the rendering termlint suggests"),
                );
                continue;
            };
            // Deviants: strings, or tables `{ form = "...", use = "..." }`.
            let mut deviants: Vec<Spanned<String>> = Vec::with_capacity(t.deviants.len());
            let mut uses: Vec<(Range<usize>, String, String)> = Vec::new();
            for item in &t.deviants {
                let span = item.span();
                match item.get_ref() {
                    toml::Value::String(f) => deviants.push(Spanned::new(span, f.clone())),
                    toml::Value::Table(table) => {
                        let form = table.get("form").and_then(toml::Value::as_str);
                        let use_form = table.get("use").and_then(toml::Value::as_str);
                        let unknown = table.keys().find(|k| !matches!(k.as_str(), "form" | "use"));
                        match (form, use_form, unknown) {
                            (_, _, Some(k)) => errors.push(
                                GlossaryError::at(span, format!("unknown key `{k}` in a deviant of term \"{id_text}\""))
                                    .help("a deviant table has `form` and `use`: { form = \"CCP\", use = \"CPC\" }"),
                            ),
                            (Some(f), Some(u), None) => {
                                deviants.push(Spanned::new(span.clone(), f.to_string()));
                                uses.push((span, f.trim().to_string(), u.trim().to_string()));
                            }
                            _ => errors.push(
                                GlossaryError::at(span, format!("a deviant table of term \"{id_text}\" needs `form` and `use`, both strings"))
                                    .help("write { form = \"CCP\", use = \"CPC\" }, or just the string \"CCP\""),
                            ),
                        }
                    }
                    _ => errors.push(
                        GlossaryError::at(
                            span,
                            format!("a deviant of term \"{id_text}\" must be a string or a table"),
                        )
                        .help("write \"CCP\" or { form = \"CCP\", use = \"CPC\" }"),
                    ),
                }
            }
            if preferred
                .get_ref()
                .chars()
                .any(|c| matches!(c, '|' | '[' | ']'))
            {
                errors.push(
                    GlossaryError::at(preferred.span(), format!("the preferred form of term \"{id_text}\" is a pattern"))
                        .help("`preferred` is the one rendering termlint suggests, written out; put the family in `admitted` or `deviants`"),
                );
            }
            // Patterns expanded into the plain forms they stand for, each with the span of
            // its pattern (see [`crate::pattern`]).
            let mut patterns: BTreeMap<String, String> = BTreeMap::new();
            let mut expand = |form: &Spanned<String>,
                              what: &str,
                              errors: &mut Vec<GlossaryError>| {
                let value = form.get_ref().trim();
                if !crate::pattern::is_pattern(value) && !value.contains('\\') {
                    return vec![Spanned::new(form.span(), value.to_string())];
                }
                match crate::pattern::expand(value) {
                    Ok(list) => {
                        // A pattern that stands for itself alone (parentheses without
                        // alternatives) is a plain form.
                        let plain = list.len() == 1 && list[0] == value;
                        list.into_iter()
                            .map(|e| {
                                if !plain && crate::pattern::is_pattern(value) {
                                    patterns.insert(e.clone(), value.to_string());
                                }
                                Spanned::new(form.span(), e)
                            })
                            .collect()
                    }
                    Err(e) => {
                        errors.push(
                            GlossaryError::at(
                                form.span(),
                                format!("{what} \"{value}\" of term \"{id_text}\": {}", e.message),
                            )
                            .help(e.help),
                        );
                        Vec::new()
                    }
                }
            };
            let admitted: Vec<Spanned<String>> = t
                .admitted
                .iter()
                .flat_map(|f| expand(f, "admitted form", &mut errors))
                .collect();
            let mut plain_deviants = Vec::with_capacity(deviants.len());
            for d in &deviants {
                let list = expand(d, "deviant", &mut errors);
                if let Some(k) = uses.iter().position(|(span, _, _)| *span == d.span()) {
                    let (span, _, use_form) = uses.remove(k);
                    for e in &list {
                        uses.push((span.clone(), e.get_ref().clone(), use_form.clone()));
                    }
                }
                plain_deviants.extend(list);
            }
            let deviants = plain_deviants;
            let exceptions: Vec<Spanned<String>> = t
                .exceptions
                .iter()
                .flat_map(|f| expand(f, "exception", &mut errors))
                .collect();
            // A plain form as messages name it: with its pattern, if it comes from one.
            let shown = |v: &str| match patterns.get(v) {
                Some(p) => format!("\"{v}\" (from the pattern \"{p}\")"),
                None => format!("\"{v}\""),
            };
            // Made only for a term with a `use` to check.
            let approved_keys: Vec<String> = if uses.is_empty() && t.qualified.is_none() {
                Vec::new()
            } else {
                std::iter::once(preferred)
                    .chain(&admitted)
                    .map(|f| fold::normalize(f.get_ref()))
                    .collect()
            };
            let approved_list = || {
                std::iter::once(preferred)
                    .chain(&admitted)
                    .map(|f| format!("\"{}\"", f.get_ref().trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            for (span, form, use_form) in &uses {
                if !approved_keys.contains(&fold::normalize(use_form)) {
                    errors.push(
                        GlossaryError::at(span.clone(), format!("`use = \"{use_form}\"` for deviant \"{form}\" is not an approved form of term \"{id_text}\""))
                            .help(format!("`use` must be the preferred or an admitted form: {}", approved_list())),
                    );
                }
            }
            if let Some(q) = &t.qualified
                && !approved_keys.contains(&fold::normalize(&q.get_ref().use_form))
            {
                errors.push(
                    GlossaryError::at(q.span(), format!("`qualified.use = \"{}\"` is not an approved form of term \"{id_text}\"", q.get_ref().use_form))
                        .help(format!("`use` must be the preferred or an admitted form: {}", approved_list())),
                );
            }
            for (form, approved) in std::iter::once((preferred, true))
                .chain(admitted.iter().map(|f| (f, true)))
                .chain(deviants.iter().map(|f| (f, false)))
            {
                let what = if approved { "approved" } else { "deviant" };
                let value = form.get_ref().trim();
                if value.is_empty() {
                    errors.push(GlossaryError::at(
                        form.span(),
                        format!("empty {what} form in term \"{id_text}\""),
                    ));
                    continue;
                }
                if !value.chars().any(fold::is_word_char) {
                    errors.push(
                        GlossaryError::at(
                            form.span(),
                            format!(
                                "{what} form {} has no letter or digit, so it can never match",
                                shown(value)
                            ),
                        )
                        .help("a form must contain at least one word"),
                    );
                    continue;
                }
                let listing = Listing {
                    term: index,
                    approved,
                    written: value.to_string(),
                    case_sensitive: t.case_sensitive,
                    at: (form.span(), index),
                };
                for conflict in forms.add(listing) {
                    let id_of = |l: &Listing<(Range<usize>, usize)>| match terms.get(l.at.1) {
                        Some(t) => t.id.clone(),
                        None => id_text.clone(),
                    };
                    errors.push(match conflict {
                        Conflict::Miscased { first, again } => {
                            let sensitive = if again.case_sensitive { id_text.clone() } else { id_of(&first) };
                            GlossaryError::at(again.at.0, format!("approved form {} of term \"{id_text}\" differs only in letter case from \"{}\" of term \"{}\"", shown(value), first.written, id_of(&first)))
                                .related(first.at.0, "approved here")
                                .help(format!("term \"{sensitive}\" is case-sensitive, so it would flag the other spelling; approve one spelling, or make both terms case-insensitive"))
                        }
                        // One listing approves what the other flags, in one term or in two.
                        Conflict::ApprovedAndDeviant { approved, deviant } => {
                            GlossaryError::at(deviant.at.0, format!("deviant {} is an approved rendering of term \"{}\"", shown(value), id_of(&approved)))
                                .related(approved.at.0, "approved here")
                                .help("termlint would flag the approved rendering; remove the deviant")
                        }
                        Conflict::Repeated { first, again } => {
                            GlossaryError::at(again.at.0, format!("{} is listed twice in term \"{id_text}\"", shown(value)))
                                .related(first.at.0, "first listed here")
                                .help("remove the repeated form (forms are compared ignoring case, curly quotes and spacing)")
                        }
                        Conflict::DeviantOfTwoTerms { first, again } => {
                            GlossaryError::at(again.at.0, format!("deviant {} is listed under two terms, \"{}\" and \"{id_text}\"", shown(value), id_of(&first)))
                                .related(first.at.0, "first listed here")
                                .help("a deviant can suggest only one rendering; keep it under one term")
                        }
                    });
                }
            }
            let mut exception_keys: HashMap<String, Range<usize>> = HashMap::new();
            for e in &exceptions {
                let value = e.get_ref().trim();
                if !value.chars().any(fold::is_word_char) {
                    errors.push(
                        GlossaryError::at(e.span(), format!("exception {} of term \"{id_text}\" has no letter or digit", shown(value)))
                            .help("an exception is a longer phrase containing a deviant, such as a committee's name"),
                    );
                    continue;
                }
                let key = fold::normalize(value);
                if let Some(first) = forms.listed(value) {
                    errors.push(
                        GlossaryError::at(e.span(), format!("exception {} of term \"{id_text}\" is also listed as a form", shown(value)))
                            .related(first.at.0.clone(), "listed here")
                            .help("an exception is a longer phrase that contains a deviant; remove one of the two"),
                    );
                } else if let Some(first) = exception_keys.get(&key) {
                    errors.push(
                        GlossaryError::at(
                            e.span(),
                            format!(
                                "exception {} is listed twice in term \"{id_text}\"",
                                shown(value)
                            ),
                        )
                        .related(first.clone(), "first listed here"),
                    );
                } else {
                    exception_keys.insert(key, e.span());
                }
            }
            terms.push(Term {
                id: id_text,
                sources: match &t.source {
                    None => Vec::new(),
                    Some(OneOrMany::One(s)) => vec![s.clone()],
                    Some(OneOrMany::Many(v)) => v.clone(),
                },
                preferred: preferred.get_ref().trim().to_string(),
                admitted: admitted
                    .iter()
                    .map(|f| f.get_ref().trim().to_string())
                    .collect(),
                deviants: deviants
                    .iter()
                    .map(|f| f.get_ref().trim().to_string())
                    .collect(),
                deviant_use: uses.into_iter().map(|(_, f, u)| (f, u)).collect(),
                exceptions: exceptions
                    .iter()
                    .map(|e| e.get_ref().trim().to_string())
                    .collect(),
                qualified: t.qualified.as_ref().map(|q| {
                    let q = q.get_ref();
                    Qualified {
                        use_form: q.use_form.trim().to_string(),
                        words: q.words.clone(),
                    }
                }),
                note: t.note.clone(),
                subject: t.subject.clone(),
                severity: t.severity,
                case_sensitive: t.case_sensitive,
                examples: Examples {
                    good: t
                        .examples
                        .iter()
                        .flat_map(|e| &e.good)
                        .map(|g| g.get_ref().clone())
                        .collect(),
                    bad: t
                        .examples
                        .iter()
                        .flat_map(|e| &e.bad)
                        .map(|b| b.get_ref().clone())
                        .collect(),
                },
                spans: TermSpans {
                    id: id.span(),
                    forms: std::iter::once(preferred)
                        .chain(&admitted)
                        .chain(&deviants)
                        .map(|f| f.span())
                        .collect(),
                    exceptions: exceptions.iter().map(|e| e.span()).collect(),
                    good: t
                        .examples
                        .iter()
                        .flat_map(|e| &e.good)
                        .map(|g| g.span())
                        .collect(),
                    bad: t
                        .examples
                        .iter()
                        .flat_map(|e| &e.bad)
                        .map(|b| b.span())
                        .collect(),
                },
                patterns,
            });
        }
        if errors.is_empty() {
            Ok(Glossary {
                source_language: raw.source_language,
                target_language: raw.target_language,
                terms,
            })
        } else {
            errors.sort_by_key(|e| e.span.as_ref().map_or(0, |s| s.start));
            Err(errors)
        }
    }
}

impl Glossary {
    /// Merges glossaries loaded from several files (`(name, glossary)`, in order). Conflicts
    /// are errors naming both files: the same term id twice, a deviant of one that is an
    /// approved form in another, the same deviant in both, or one source term with two
    /// different preferred renderings.
    pub fn merge(parts: Vec<(String, Glossary)>) -> Result<Glossary, Vec<String>> {
        let mut errors = Vec::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        // Every form listed so far, with its (file, term id): the rules loading applies.
        let mut forms: Forms<(String, String)> = Forms::default();
        // Source term -> (file, term id, preferred rendering).
        let mut sources: HashMap<String, (String, String, String)> = HashMap::new();
        let mut merged = Glossary::default();
        for (name, g) in parts {
            merged.source_language = merged.source_language.or(g.source_language);
            merged.target_language = merged.target_language.or(g.target_language);
            for t in g.terms {
                if let Some(first) = ids.get(&t.id) {
                    errors.push(format!(
                        "term id \"{}\" is defined in both {first} and {name}",
                        t.id
                    ));
                    continue;
                }
                ids.insert(t.id.clone(), name.clone());
                for source in &t.sources {
                    let key = source.trim().to_lowercase();
                    match sources.get(&key) {
                        Some((file, id, preferred))
                            if file != &name
                                && fold::normalize(preferred) != fold::normalize(&t.preferred) =>
                        {
                            errors.push(format!(
                                "source term \"{}\" has two preferred renderings: \"{preferred}\" (term \"{id}\" in {file}) and \"{}\" (term \"{}\" in {name})",
                                source.trim(),
                                t.preferred,
                                t.id
                            ));
                        }
                        Some(_) => {}
                        None => {
                            sources.insert(key, (name.clone(), t.id.clone(), t.preferred.clone()));
                        }
                    }
                }
                let listed = t
                    .approved()
                    .map(|f| (f.to_string(), true))
                    .chain(t.deviants.iter().map(|d| (d.clone(), false)));
                for (form, approved) in listed.collect::<Vec<_>>() {
                    let listing = Listing {
                        term: merged.terms.len(),
                        approved,
                        written: form.clone(),
                        case_sensitive: t.case_sensitive,
                        at: (name.clone(), t.id.clone()),
                    };
                    for conflict in forms.add(listing) {
                        // Each file loaded without conflicts: one here is between two files.
                        let (first, again) = match conflict {
                            Conflict::ApprovedAndDeviant { approved, deviant } => {
                                if approved.term < deviant.term {
                                    (approved, deviant)
                                } else {
                                    (deviant, approved)
                                }
                            }
                            Conflict::DeviantOfTwoTerms { first, again }
                            | Conflict::Repeated { first, again }
                            | Conflict::Miscased { first, again } => (first, again),
                        };
                        let ((file, id), (_, again_id)) = (&first.at, &again.at);
                        if file == &name {
                            continue;
                        }
                        errors.push(if first.approved != again.approved {
                            format!(
                                "\"{form}\" is approved in one glossary and deviant in the other: term \"{id}\" in {file}, term \"{again_id}\" in {name}"
                            )
                        } else if approved {
                            format!(
                                "approved forms differ only in letter case and a term is case-sensitive: \"{}\" (term \"{id}\" in {file}) and \"{form}\" (term \"{again_id}\" in {name})",
                                first.written
                            )
                        } else {
                            format!(
                                "deviant \"{form}\" is listed in both {file} (term \"{id}\") and {name} (term \"{again_id}\")"
                            )
                        });
                    }
                }
                merged.terms.push(t);
            }
        }
        if errors.is_empty() {
            Ok(merged)
        } else {
            Err(errors)
        }
    }
}

/// Turns a TOML or schema error into a [`GlossaryError`], adding a "did you mean" for typos.
fn toml_error(e: &toml::de::Error) -> GlossaryError {
    let message = e.message().trim().to_string();
    let mut err = GlossaryError {
        message: message.clone(),
        span: e.span(),
        related: None,
        help: None,
    };
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some(field) = rest.split('`').next()
    {
        let known = if rest.contains("`id`") {
            TERM_KEYS
        } else {
            TOP_KEYS
        };
        err.message = format!("unknown key `{field}`");
        err.help = Some(match closest(field, known) {
            Some(k) => format!("did you mean `{k}`? known keys: {}", known.join(", ")),
            None => format!("known keys: {}", known.join(", ")),
        });
    }
    err
}

/// The known key nearest to `word` by edit distance, if it is near enough to be a typo.
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glossary of `n` terms using every kind of spanned value; `header` is each term's
    /// `[[term]]` line.
    fn glossary(n: usize, header: &str, broken: Option<usize>) -> String {
        let mut text = String::from("version = 1\nsource_language = \"zh\"\n\n");
        for i in 0..n {
            let preferred = if broken == Some(i) {
                "5".to_string()
            } else {
                format!("\"approved {i}\"")
            };
            text.push_str(&format!(
                "{header}\nid = \"t{i}\"\npreferred = {preferred}\nadmitted = [\"allowed {i}\"]\n\
                 deviants = [\"deviant {i}\", {{ form = \"other {i}\", use = \"allowed {i}\" }}]\n\
                 exceptions = [\"deviant {i} act\"]\n\
                 qualified = {{ use = \"allowed {i}\", words = [\"regional\"] }}\n\
                 note = \"\"\"\nnot a header: [[term]] {i}\n\"\"\"\n\
                 [term.examples]\ngood = [\"the approved {i} here\"]\nbad = [\"the deviant {i} here\"]\n\n"
            ));
        }
        text
    }

    /// The same glossary cut into pieces (a `[[term]]` header at the start of a line) and
    /// parsed whole (the header indented, so no cut): the headers have the same length, so
    /// every span must agree, and so must every error.
    #[test]
    fn a_glossary_parsed_in_pieces_equals_the_whole_parse() {
        let n = TERMS_PER_PIECE * 3 + 7;
        let pieces = glossary(n, "[[term]] ", None);
        let whole = glossary(n, " [[term]]", None);
        assert_eq!(pieces.len(), whole.len());
        let cut = Glossary::from_toml(&pieces).expect("valid glossary");
        assert_eq!(Some(cut.clone()), Glossary::from_toml(&whole).ok());
        assert_eq!(cut.terms.len(), n);
        let last = &cut.terms[n - 1];
        assert_eq!(&pieces[last.spans.id.clone()], format!("\"t{}\"", n - 1));
        assert_eq!(
            &pieces[last.spans.forms[1].clone()],
            format!("\"allowed {}\"", n - 1)
        );
        assert_eq!(
            &pieces[last.spans.bad[0].clone()],
            format!("\"the deviant {} here\"", n - 1)
        );
        assert_eq!(
            last.note.as_deref(),
            Some(format!("not a header: [[term]] {}\n", n - 1).as_str())
        );
        assert!(parse_in_pieces(&pieces).is_some() && parse_in_pieces(&whole).is_none());
        // An error in a later piece: the whole text's error, at its place in the whole text.
        let broken = TERMS_PER_PIECE * 2 + 3;
        let errors = Glossary::from_toml(&glossary(n, "[[term]] ", Some(broken))).unwrap_err();
        assert_eq!(
            errors,
            Glossary::from_toml(&glossary(n, " [[term]]", Some(broken))).unwrap_err()
        );
        let text = glossary(n, "[[term]] ", Some(broken));
        let span = errors[0].span.clone().expect("a span");
        assert_eq!(&text[span], "5", "{errors:?}");
    }

    /// What only the whole text can judge: a `term` key before the headers, a table that is
    /// not a term's after them, a cut inside a multi-line string.
    #[test]
    fn a_glossary_the_pieces_cannot_judge_is_parsed_whole() {
        let n = TERMS_PER_PIECE * 2 + 1;
        let terms = glossary(n, "[[term]]", None);
        // `term` as an array, then headers that would extend it: an error in TOML.
        let head = format!("term = []\n{terms}");
        let errors = Glossary::from_toml(&head).unwrap_err();
        assert_eq!(errors[0].message, "duplicate key");
        assert_eq!(&head[errors[0].span.clone().expect("a span")], "term");
        // A table after the terms that is not a term's: unknown, as in the whole parse.
        let tail = format!("{terms}[extra]\nkey = 1\n");
        let errors = Glossary::from_toml(&tail).unwrap_err();
        assert!(errors[0].message.contains("extra"), "{errors:?}");
        assert_eq!(&tail[errors[0].span.clone().expect("a span")], "extra");
        // A string that holds header lines where pieces would be cut.
        let lines = "[[term]]\n".repeat(TERMS_PER_PIECE * 2);
        let inside = format!(
            "{terms}[[term]]\nid = \"s\"\npreferred = \"p\"\nnote = \"\"\"\n{lines}\"\"\"\n"
        );
        assert!(parse_in_pieces(&head).is_none() && parse_in_pieces(&tail).is_none());
        assert!(parse_in_pieces(&inside).is_none());
        let g = Glossary::from_toml(&inside).expect("valid glossary");
        assert_eq!(g.terms.len(), n + 1);
        assert_eq!(g.terms[n].note.as_deref(), Some(lines.as_str()));
    }
}
