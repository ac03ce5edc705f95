//! Importing glossaries from other tools: TBX termbases ([`tbx`]), spreadsheets exported as
//! CSV or TSV ([`table`]) and `source|target` lexicons ([`lexicon`]). Each reader turns its file
//! into [`Concept`]s; [`build`] turns concepts into a [`Glossary`] that loads as termlint's
//! own: entries sharing a source term merged, repeated forms dropped, and every deviant that
//! another entry approves dropped with a warning, so the result never contradicts itself.

pub mod lexicon;
pub mod table;
pub mod tbx;

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::Severity;
use crate::fold;
use std::collections::BTreeMap;

use crate::glossary::rules::{self, Conflict, Forms, Listing};
use crate::glossary::{Examples, Glossary, Qualified, Term, TermSpans};
pub use crate::language::same_language;

/// The settings of a term that are termlint's own, not terminology: carried through TBX in a
/// `<?termlint {...}?>` processing instruction, which TBX tools ignore.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default, skip_serializing_if = "is_error")]
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub case_sensitive: bool,
    #[serde(default, skip_serializing_if = "no_examples")]
    pub examples: Examples,
    /// Deviants that name their replacement: deviant -> approved form.
    #[serde(default, rename = "use", skip_serializing_if = "BTreeMap::is_empty")]
    pub deviant_use: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualified: Option<Qualified>,
    /// Forms that come from a pattern: plain form -> the pattern as written (TBX lists the
    /// plain forms; this keeps the glossary's compact spelling for the way back).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub patterns: BTreeMap<String, String>,
}

fn is_error(s: &Severity) -> bool {
    *s == Severity::Error
}

fn no_examples(e: &Examples) -> bool {
    e.good.is_empty() && e.bad.is_empty()
}

/// What a termbase says of one term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// TBX `preferredTerm`: the rendering to use.
    Preferred,
    /// TBX `admittedTerm`: acceptable.
    Admitted,
    /// TBX `deprecatedTerm` or `supersededTerm`: to be flagged.
    Deviant,
    /// No status given: acceptable.
    Unspecified,
}

/// One entry of a termbase: its terms per language, with its note and subject field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Concept {
    /// The entry's own id, if it has one.
    pub id: Option<String>,
    /// `(language tag, [(term, status)])`, in file order.
    pub languages: Vec<(String, Vec<(String, Status)>)>,
    /// The entry's note.
    pub note: Option<String>,
    /// Notes on the terms of one language: `(language tag, note)`.
    pub language_notes: Vec<(String, String)>,
    /// termlint's own settings, from a termbase termlint exported.
    pub settings: Option<Settings>,
    pub subject: Option<String>,
}

impl Concept {
    fn terms_in(&self, lang: &str) -> impl Iterator<Item = &(String, Status)> {
        self.languages
            .iter()
            .filter(move |(l, _)| same_language(l, lang))
            .flat_map(|(_, t)| t)
    }
}

/// A file that cannot be imported, with where when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line and column, or 0 when the problem is not at one place.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl From<crate::formats::FormatError> for ImportError {
    fn from(e: crate::formats::FormatError) -> ImportError {
        ImportError {
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        } else {
            f.write_str(&self.message)
        }
    }
}

/// How to turn concepts into a glossary.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The source and target languages (default: the file's, when it has exactly two, with
    /// the target English if present).
    pub source_language: Option<String>,
    pub target_language: Option<String>,
    /// Read the handbook notation in renderings: `a/b` is either word, `(x)` an optional
    /// part. Each combination becomes a form, the fullest first.
    pub expand_alternatives: bool,
}

/// A built glossary and what was dropped or merged on the way, for the user to review.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    pub glossary: Glossary,
    pub warnings: Vec<String>,
}

/// Builds a glossary from the concepts of one or more files (in order: on conflict, the
/// first file wins).
pub fn build(concepts: &[Concept], options: &Options) -> Result<Imported, ImportError> {
    let (source_lang, target_lang) = languages(concepts, options)?;
    let mut warnings = Vec::new();
    let mut terms: Vec<Term> = Vec::new();
    // Source term -> index in `terms`.
    let mut by_source: HashMap<String, usize> = HashMap::new();
    let mut skipped = 0;
    for concept in concepts {
        let sources: Vec<String> = concept
            .terms_in(&source_lang)
            .filter(|(_, s)| *s != Status::Deviant)
            .map(|(t, _)| unquote(t.trim()).to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let targets: Vec<(String, Status)> = concept.terms_in(&target_lang).cloned().collect();
        let target_notes: Vec<&str> = concept
            .language_notes
            .iter()
            .filter(|(l, _)| same_language(l, &target_lang))
            .map(|(_, n)| n.as_str())
            .collect();
        let note = join(
            concept.note.clone(),
            (!target_notes.is_empty()).then(|| target_notes.join(" ")),
        );
        let expand = |t: &str| -> Vec<String> {
            let t = tidy(t);
            if options.expand_alternatives {
                alternatives(&t)
            } else {
                vec![t]
            }
        };
        let mut approved: Vec<String> = Vec::new();
        let mut deviants: Vec<String> = Vec::new();
        // Preferred ones first, then the rest in file order.
        for (t, _) in targets.iter().filter(|(_, s)| *s == Status::Preferred) {
            approved.extend(expand(t));
        }
        for (t, s) in &targets {
            match s {
                Status::Admitted | Status::Unspecified => approved.extend(expand(t)),
                Status::Deviant => deviants.extend(expand(t)),
                Status::Preferred => {}
            }
        }
        approved.retain(|f| !f.is_empty());
        deviants.retain(|f| !f.is_empty());
        if approved.is_empty() {
            skipped += 1;
            if !targets.is_empty() {
                warnings.push(format!(
                    "skipped an entry for {}: no approved rendering in {target_lang}",
                    label(&sources, &deviants)
                ));
            }
            continue;
        }
        let existing = sources.iter().find_map(|s| by_source.get(s).copied());
        let index = match existing {
            Some(i) => {
                let term = &mut terms[i];
                if fold::normalize(&term.preferred) != fold::normalize(&approved[0]) {
                    warnings.push(format!(
                        "{}: merged two entries that prefer \"{}\" and \"{}\"; kept the first as preferred",
                        term.sources.first().map_or("", String::as_str),
                        term.preferred,
                        approved[0]
                    ));
                }
                term.admitted.extend(approved);
                term.deviants.extend(deviants);
                for s in &sources {
                    if !term.sources.contains(s) {
                        term.sources.push(s.clone());
                    }
                }
                term.note = join(term.note.take(), note);
                if term.subject.is_none() {
                    term.subject.clone_from(&concept.subject);
                }
                i
            }
            None => {
                let mut approved = approved.into_iter();
                let settings = concept.settings.clone().unwrap_or_default();
                terms.push(Term {
                    id: concept.id.clone().unwrap_or_default(),
                    sources: sources.clone(),
                    preferred: approved.next().unwrap_or_default(),
                    admitted: approved.collect(),
                    deviants,
                    note,
                    subject: concept.subject.clone(),
                    severity: settings.severity,
                    case_sensitive: settings.case_sensitive,
                    examples: settings.examples,
                    deviant_use: settings.deviant_use,
                    exceptions: settings.exceptions,
                    qualified: settings.qualified,
                    spans: TermSpans::default(),
                    patterns: settings.patterns,
                });
                terms.len() - 1
            }
        };
        for s in sources {
            by_source.entry(s).or_insert(index);
        }
    }
    if skipped > 0 && terms.is_empty() {
        return Err(ImportError {
            line: 0,
            column: 0,
            message: format!(
                "no entry has a rendering in `{target_lang}`; choose the languages with --source-lang and --target-lang"
            ),
        });
    }
    clean_forms(&mut terms, &mut warnings);
    assign_ids(&mut terms);
    Ok(Imported {
        glossary: Glossary {
            source_language: Some(source_lang),
            target_language: Some(target_lang),
            terms,
        },
        warnings,
    })
}

/// The source and target languages: as given, else guessed from the file.
fn languages(concepts: &[Concept], options: &Options) -> Result<(String, String), ImportError> {
    let mut present: Vec<String> = Vec::new();
    for c in concepts {
        for (l, _) in &c.languages {
            if !present.iter().any(|p| same_language(p, l)) {
                present.push(l.clone());
            }
        }
    }
    let listed = || {
        present
            .iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let target = match &options.target_language {
        Some(t) => t.clone(),
        None => match present.iter().find(|l| same_language(l, "en")) {
            Some(en) => en.clone(),
            None if present.len() == 2 => present[1].clone(),
            None => {
                return Err(ImportError {
                    line: 0,
                    column: 0,
                    message: format!(
                        "which language is the target? The file has {}; pass --target-lang",
                        listed()
                    ),
                });
            }
        },
    };
    let source = match &options.source_language {
        Some(s) => s.clone(),
        None => {
            let others: Vec<&String> = present
                .iter()
                .filter(|l| !same_language(l, &target))
                .collect();
            match others[..] {
                [one] => one.clone(),
                _ => match others.iter().find(|l| same_language(l, "zh")) {
                    Some(zh) => (*zh).clone(),
                    None => {
                        return Err(ImportError {
                            line: 0,
                            column: 0,
                            message: format!(
                                "which language is the source? The file has {}; pass --source-lang",
                                listed()
                            ),
                        });
                    }
                },
            }
        }
    };
    Ok((source, target))
}

/// A rendering as a glossary form: trimmed, spacing collapsed, a closing full stop and a
/// leading lower-case article dropped ("the Belt and Road Initiative." reads "Belt and Road Initiative";
/// running text has its own articles).
fn tidy(t: &str) -> String {
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.strip_suffix('.').unwrap_or(&t);
    // Lower case only: "The Hague" keeps its article.
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = t.strip_prefix(article)
            && rest.chars().any(char::is_alphanumeric)
        {
            return rest.to_string();
        }
    }
    t.to_string()
}

/// Every reading of handbook notation: `(x)` optional, `a/b` either word. The fullest
/// reading (every option in, the first of each choice) comes first.
pub fn alternatives(t: &str) -> Vec<String> {
    // Expand the first optional part, then recurse.
    if let (Some(open), Some(close)) = (t.find('('), t.find(')'))
        && open < close
    {
        let with = format!("{}{}{}", &t[..open], &t[open + 1..close], &t[close + 1..]);
        let without = format!("{}{}", &t[..open], &t[close + 1..]);
        let mut out = alternatives(&with);
        out.extend(alternatives(&without));
        return dedup(
            out.into_iter()
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
        );
    }
    let words: Vec<&str> = t.split(' ').collect();
    if let Some(i) = words
        .iter()
        .position(|w| w.contains('/') && !w.starts_with('/') && !w.ends_with('/'))
    {
        let mut out = Vec::new();
        for choice in words[i].split('/') {
            let mut w = words.clone();
            w[i] = choice;
            out.extend(alternatives(&w.join(" ")));
        }
        return dedup(out.into_iter());
    }
    vec![t.to_string()]
}

/// A source term without the quotation marks around the whole of it (“澳人治澳” is found in
/// text with or without them); quotes inside (“一带一路”倡议) stay.
fn unquote(s: &str) -> &str {
    for (open, close) in [('“', '”'), ('"', '"'), ('「', '」'), ('《', '》')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close))
            && !inner.contains(open)
            && !inner.contains(close)
        {
            return inner;
        }
    }
    s
}

fn dedup(forms: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    forms.filter(|f| seen.insert(f.clone())).collect()
}

fn join(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    }
}

fn label(sources: &[String], deviants: &[String]) -> String {
    sources
        .first()
        .or(deviants.first())
        .map_or("(no term)".to_string(), |s| format!("\"{s}\""))
}

/// Makes the forms load as a termlint glossary, by the rules loading applies
/// ([`glossary::rules`]): each form once per term, forms without a word dropped, and a deviant
/// that any term approves, or that an earlier term already flags, dropped with a warning; so is
/// an admitted form that a case-sensitive term approves in another letter case. A preferred
/// rendering stays: a warning says why the glossary will not load.
fn clean_forms(terms: &mut [Term], warnings: &mut Vec<String>) {
    let wordy = |f: &String| f.chars().any(fold::is_word_char);
    let mut forms: Forms<()> = Forms::default();
    let listing = |term: usize, approved: bool, written: &str, t: &Term| Listing {
        term,
        approved,
        written: written.to_string(),
        case_sensitive: t.case_sensitive,
        at: (),
    };
    // Every approved form first, the preferred ones before the admitted ones: a deviant that
    // any term approves, before or after it, goes, and so does an admitted spelling that
    // clashes with a preferred one, wherever the terms stand.
    for i in 0..terms.len() {
        let t = &terms[i];
        for conflict in forms.add(listing(i, true, &t.preferred, t)) {
            if let Conflict::Miscased { first, .. } = conflict {
                warnings.push(format!(
                    "{} differs only in letter case from \"{}\" of {}, and one of the terms is case-sensitive: the glossary will not load until one spelling is chosen",
                    name(t),
                    first.written,
                    name(&terms[first.term])
                ));
            }
        }
    }
    for i in 0..terms.len() {
        let mut kept = Vec::new();
        for f in std::mem::take(&mut terms[i].admitted) {
            if !wordy(&f) {
                continue;
            }
            let conflicts = forms.add(listing(i, true, &f, &terms[i]));
            match conflicts.first() {
                None => kept.push(f),
                Some(Conflict::Miscased { first, .. }) => warnings.push(format!(
                    "dropped admitted form \"{f}\" of {}: it differs only in letter case from \"{}\" of {}, and one of the terms is case-sensitive",
                    name(&terms[i]),
                    first.written,
                    name(&terms[first.term])
                )),
                // Listed twice in the term.
                Some(_) => {}
            }
        }
        terms[i].admitted = kept;
    }
    for i in 0..terms.len() {
        let mut kept = Vec::new();
        for d in std::mem::take(&mut terms[i].deviants) {
            if !wordy(&d) {
                continue;
            }
            match forms.add(listing(i, false, &d, &terms[i])).first() {
                None => kept.push(d),
                Some(Conflict::ApprovedAndDeviant { approved, .. }) => warnings.push(format!(
                    "dropped deviant \"{d}\" of {}: it is an approved rendering of {}",
                    name(&terms[i]),
                    name(&terms[approved.term])
                )),
                Some(Conflict::DeviantOfTwoTerms { first, .. }) => warnings.push(format!(
                    "dropped deviant \"{d}\" of {}: it is already a deviant of {}",
                    name(&terms[i]),
                    name(&terms[first.term])
                )),
                // Listed twice in the term (or a letter-case clash, which only approved forms
                // have).
                Some(_) => {}
            }
        }
        terms[i].deviants = kept;
    }
}

fn name(t: &Term) -> String {
    match t.sources.first() {
        Some(s) => format!("{s} (\"{}\")", t.preferred),
        None => format!("\"{}\"", t.preferred),
    }
}

/// Gives every term a unique valid id ([`rules::is_valid_id`]): its own if it has a valid one,
/// else one made from its preferred rendering ([`rules::id_from`]), numbered when taken.
fn assign_ids(terms: &mut [Term]) {
    let mut taken = HashSet::new();
    for t in terms.iter_mut() {
        let base = if rules::is_valid_id(&t.id) {
            t.id.clone()
        } else {
            rules::id_from(&t.preferred)
        };
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        t.id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handbook_notation_expands_fullest_first() {
        assert_eq!(
            alternatives("Chinese (path to) modernization"),
            ["Chinese path to modernization", "Chinese modernization"]
        );
        assert_eq!(
            alternatives("build/foster a new development paradigm"),
            [
                "build a new development paradigm",
                "foster a new development paradigm"
            ]
        );
        assert_eq!(alternatives("plain term"), ["plain term"]);
    }

    fn term(sources: &[&str], preferred: &str, admitted: &[&str], deviants: &[&str]) -> Term {
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Term {
            sources: strings(sources),
            preferred: preferred.to_string(),
            admitted: strings(admitted),
            deviants: strings(deviants),
            ..Term::default()
        }
    }

    /// What import keeps loads: the conflicts loading refuses are dropped, each with a warning.
    #[test]
    fn cleaned_forms_load_under_the_rules_loading_applies() {
        let mut terms = vec![
            term(
                &["一带一路"],
                "Belt and Road Initiative",
                &["Belt and Road"],
                &["OBOR", "B&R"],
            ),
            term(
                &["“一带一路”倡议"],
                "BRI",
                &["belt and road initiative", "BRI", "B&R"],
                &["Belt and Road", "obor", "..."],
            ),
            term(&["中共"], "the party", &["cpc"], &[]),
            // Case-sensitive, after the term that admits its preferred form in another case.
            term(
                &["中国共产党"],
                "CPC",
                &["Communist Party of China"],
                &["CCP"],
            ),
        ];
        terms[3].case_sensitive = true;
        let mut warnings = Vec::new();
        clean_forms(&mut terms, &mut warnings);
        assign_ids(&mut terms);
        assert_eq!(
            warnings,
            [
                r#"dropped admitted form "cpc" of 中共 ("the party"): it differs only in letter case from "CPC" of 中国共产党 ("CPC"), and one of the terms is case-sensitive"#,
                r#"dropped deviant "B&R" of 一带一路 ("Belt and Road Initiative"): it is an approved rendering of “一带一路”倡议 ("BRI")"#,
                r#"dropped deviant "Belt and Road" of “一带一路”倡议 ("BRI"): it is an approved rendering of 一带一路 ("Belt and Road Initiative")"#,
                r#"dropped deviant "obor" of “一带一路”倡议 ("BRI"): it is already a deviant of 一带一路 ("Belt and Road Initiative")"#,
            ]
        );
        let kept: Vec<(&str, &[String], &[String])> = terms
            .iter()
            .map(|t| (t.id.as_str(), &t.admitted[..], &t.deviants[..]))
            .collect();
        assert_eq!(
            kept,
            [
                (
                    "belt-and-road-initiative",
                    &["Belt and Road".to_string()][..],
                    &["OBOR".to_string()][..]
                ),
                (
                    "bri",
                    &["belt and road initiative".to_string(), "B&R".to_string()][..],
                    &[][..]
                ),
                ("the-party", &[][..], &[][..]),
                (
                    "cpc",
                    &["Communist Party of China".to_string()][..],
                    &["CCP".to_string()][..]
                ),
            ]
        );
        let glossary = Glossary {
            terms,
            ..Glossary::default()
        };
        let toml = crate::export::toml::write(&glossary);
        assert!(Glossary::from_toml(&toml).is_ok(), "{toml}");
    }

    #[test]
    fn tidy_drops_articles_and_full_stops() {
        assert_eq!(
            tidy("  the Belt and Road  Initiative."),
            "Belt and Road Initiative"
        );
        assert_eq!(tidy("A"), "A");
    }
}
