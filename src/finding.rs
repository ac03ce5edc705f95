//! Findings: what the engine reports, with byte spans into the checked text.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use crate::quotes::Quotation;

/// How serious a finding is. Ordered: `Note < Warning < Error`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    #[default]
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of problem a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A deviant rendering of a term.
    Deviant,
    /// An approved rendering of a case-sensitive term, written in another letter case.
    Miscased,
    /// A source term whose translation has none of its renderings (bilingual files).
    Missing,
    /// A source term rendered in different approved ways in one file (bilingual files).
    Inconsistent,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Deviant => "deviant",
            FindingKind::Miscased => "miscased",
            FindingKind::Missing => "missing",
            FindingKind::Inconsistent => "inconsistent",
        }
    }
}

/// Another place a finding refers to, with what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Range<usize>,
    pub label: String,
}

/// One problem in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Index of the term in the glossary.
    pub term: usize,
    pub kind: FindingKind,
    pub severity: Severity,
    /// Byte range of the offending words in the text, plural ending included.
    pub span: Range<usize>,
    /// The text as written (it may span a line break, markup or, in PO, string syntax).
    pub matched: String,
    /// The words as a reader sees them: whitespace collapsed, markup and escapes resolved.
    pub words: String,
    /// The glossary form that matched.
    pub form: String,
    /// The approved rendering to use instead, in the writer's letter case and number.
    pub suggestion: String,
    /// Whether the finding is inside a quotation (a whole quotation is a mention: a note).
    pub quotation: Option<Quotation>,
    /// What `--fix` does with it.
    pub fix: Fix,
    /// Other places that belong to the finding (where each rendering of an inconsistent term
    /// is used).
    pub related: Vec<Related>,
    /// For a missing rendering: the phrase of the translation that renders the term instead,
    /// when one shares enough words with the term's forms ("community with shared future").
    pub found: Option<String>,
}

/// What an automatic fix does with a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Replace the span with this text: the suggestion, keeping a line break the span had.
    Replace(String),
    /// Not fixed: quotations keep their published wording.
    InQuotation,
    /// Not fixed: the words are inside a cited title (a Markdown emphasis or link text longer
    /// than them, or 《 》), which keeps its published wording; a note.
    InTitle,
    /// Not fixed: the span crosses markup (`community of *common destiny*`), which a
    /// replacement would break.
    AcrossMarkup,
    /// Not fixed: there are no words to replace (a missing or inconsistent rendering needs a
    /// translator's decision).
    NotReplaceable,
    /// Not fixed: the file is a Word document, which termlint reads but never rewrites.
    ReadOnlyFormat,
    /// Not fixed: the words are the text of an XML entity, reported where it is used; they
    /// are written in the entity's declaration, which may serve other uses too.
    InEntity,
    /// Not fixed: the text inflects the term's first word ("communities of …", "telling …")
    /// and the suggestion starts with another word, whose inflection termlint cannot be sure
    /// of.
    Inflected,
    /// Not fixed: the text makes the form's last word plural ("communities of common
    /// destinies") and the suggestion, a phrase, ends in another word, so which of its words
    /// should be plural is not sure ("… for mankinds" is not English).
    Plural,
    /// Not fixed: the words are a hyphenated modifier ("one-belt-one-road plan") and the
    /// suggestion has punctuation, so it cannot be hyphenated the same way.
    Hyphenated,
    /// Not fixed: the suggestion brings in a word that already stands a few words away
    /// ("mankind is a community of common destiny"), so the fix would say it twice.
    RepeatsNearby,
    /// Not fixed: a qualifier stands elsewhere in the sentence ("… take root in neighbouring
    /// countries"), so whether the term's qualified form is meant is not sure.
    Qualifier,
}

impl Fix {
    /// Why there is no fix, in words; None if there is one.
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            Fix::Replace(_) => None,
            Fix::InQuotation => Some("inside a quotation, which keeps its published wording"),
            Fix::InTitle => Some("inside a cited title, which keeps its published wording"),
            Fix::AcrossMarkup => Some("the words are split by markup"),
            Fix::NotReplaceable => Some("it needs a translator's decision"),
            Fix::ReadOnlyFormat => {
                Some("termlint does not rewrite Word documents; edit it in Word")
            }
            Fix::Inflected => Some(
                "the text inflects the term's first word and the suggestion starts with another word; inflect it by hand",
            ),
            Fix::Plural => Some(
                "the text makes the last word plural and the suggestion ends in another word; make the right word plural by hand",
            ),
            Fix::Hyphenated => Some(
                "the words are a hyphenated modifier and the suggestion has punctuation; rephrase it by hand",
            ),
            Fix::InEntity => Some(
                "the words come from an XML entity; change its declaration in the DTD, or write the text out here",
            ),
            Fix::Qualifier => Some(
                "a word in the sentence may make this a bilateral or regional use, which takes the term's qualified form; choose the form by hand",
            ),
            Fix::RepeatsNearby => Some(
                "the suggestion would repeat a word that stands next to it; reword the sentence by hand",
            ),
        }
    }
}

impl Finding {
    /// The headline: `deviant rendering "community of common destiny"`.
    pub fn message(&self) -> String {
        let shown = &self.words;
        match self.kind {
            FindingKind::Deviant => format!("deviant rendering \"{shown}\""),
            FindingKind::Miscased => format!("\"{shown}\" is written in the wrong letter case"),
            FindingKind::Missing => format!("missing rendering of {shown}"),
            FindingKind::Inconsistent => shown.clone(),
        }
    }
}

/// Each run of whitespace as one space, so a wrapped term reads as one line.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
