//! A glossary as `glossary.toml` text (schema version 1), written with the `toml` crate so
//! that every string is quoted and escaped correctly.

use std::borrow::Cow;

use serde::Serialize;

use crate::Severity;
use crate::glossary::Glossary;

#[derive(Serialize)]
struct Out<'a> {
    version: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_language: Option<&'a str>,
    term: Vec<OutTerm<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Source<'a> {
    One(&'a str),
    Many(Vec<&'a str>),
}

#[derive(Serialize)]
struct OutTerm<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Source<'a>>,
    preferred: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    admitted: Vec<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deviants: Vec<Deviant<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exceptions: Vec<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualified: Option<&'a crate::glossary::Qualified>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "is_error")]
    severity: Severity,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    case_sensitive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    examples: Option<Examples<'a>>,
}

/// A deviant: a string, or `{ form, use }` when it names its replacement.
#[derive(Serialize)]
#[serde(untagged)]
enum Deviant<'a> {
    Form(Cow<'a, str>),
    Use {
        form: Cow<'a, str>,
        #[serde(rename = "use")]
        use_form: &'a str,
    },
}

#[derive(Serialize)]
struct Examples<'a> {
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    good: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    bad: &'a [String],
}

fn is_error(s: &Severity) -> bool {
    *s == Severity::Error
}

/// The glossary as TOML; loading it with [`Glossary::from_toml`] gives the same terms. Forms
/// that came from a pattern are written as the pattern; plain forms holding a pattern
/// character are escaped (`\(`), so they read back as written.
pub fn write(glossary: &Glossary) -> String {
    let out = Out {
        version: 1,
        source_language: glossary.source_language.as_deref(),
        target_language: glossary.target_language.as_deref(),
        term: glossary
            .terms
            .iter()
            .map(|t| OutTerm {
                id: &t.id,
                source: match &t.sources[..] {
                    [] => None,
                    [one] => Some(Source::One(one)),
                    many => Some(Source::Many(many.iter().map(String::as_str).collect())),
                },
                preferred: &t.preferred,
                admitted: t.written(&t.admitted).into_iter().map(|w| w.0).collect(),
                // A pattern's forms share one `use`: that of its first form.
                deviants: t
                    .written(&t.deviants)
                    .into_iter()
                    .map(|(form, first)| match t.deviant_use.get(first) {
                        Some(u) => Deviant::Use { form, use_form: u },
                        None => Deviant::Form(form),
                    })
                    .collect(),
                exceptions: t.written(&t.exceptions).into_iter().map(|w| w.0).collect(),
                qualified: t.qualified.as_ref(),
                note: t.note.as_deref(),
                subject: t.subject.as_deref(),
                severity: t.severity,
                case_sensitive: t.case_sensitive,
                examples: (!t.examples.good.is_empty() || !t.examples.bad.is_empty()).then_some(
                    Examples {
                        good: &t.examples.good,
                        bad: &t.examples.bad,
                    },
                ),
            })
            .collect(),
    };
    // Serialising plain strings, numbers and booleans cannot fail.
    toml::to_string(&out).unwrap_or_default()
}
