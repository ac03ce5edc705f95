//! Findings as diagnostics, for every front end: positions resolved, the term's details
//! attached, related places, and the edits that fix a finding. The CLI's output formats and
//! the language server render these; none words a finding its own way.

use serde::Serialize;

use crate::{Checker, Finding, Linted, Locator, Quotation, Severity};

/// The pseudo term id of a suppression directive that suppressed nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// One finding as every format sees it: positions resolved, term details attached.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The path as shown; a name that is not UTF-8 shows U+FFFD for each invalid byte, and
    /// `path_base64` then holds its exact bytes (standard Base64).
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_base64: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// Exclusive.
    pub end_column: usize,
    /// Byte offsets in the file (after a UTF-8 BOM, if any); `end_offset` is exclusive.
    pub offset: usize,
    pub end_offset: usize,
    pub term: &'a str,
    /// `deviant`, `miscased`, `missing`, `inconsistent` or `unused-suppression`.
    pub kind: &'static str,
    pub severity: Severity,
    /// The text as written.
    pub matched: &'a str,
    pub suggestion: &'a str,
    /// For a missing rendering: the phrase that renders the term instead, if one was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<&'a str>,
    pub message: String,
    /// The glossary form that matched.
    pub form: &'a str,
    pub preferred: &'a str,
    pub source: &'a [String],
    pub note: Option<&'a str>,
    /// Other approved renderings.
    pub admitted: &'a [String],
    /// `whole` (a mention) or `inside` when the finding is in a quotation.
    pub quotation: Option<Quotation>,
    /// Whether `--fix` would fix it, and if not, why.
    pub fixable: bool,
    pub unfixable_reason: Option<&'static str>,
    /// Other places the finding refers to: for an inconsistent rendering, every use of each
    /// rendering.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedRecord<'a>>,
}

/// A related place, resolved to a position.
#[derive(Debug, Serialize)]
pub struct RelatedRecord<'a> {
    pub line: usize,
    pub column: usize,
    pub label: &'a str,
    /// Byte range of the place in the text.
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
}

const NONE: &[String] = &[];

/// A file's findings and directive problems as records, in position order, resolved one at
/// a time: a file with millions of findings is rendered without holding a record for each.
pub struct Records<'a> {
    path: &'a str,
    text: &'a str,
    checker: &'a Checker,
    findings: std::iter::Peekable<std::slice::Iter<'a, Finding>>,
    problems: std::iter::Peekable<std::vec::IntoIter<&'a crate::DirectiveProblem>>,
    locator: Locator<'a>,
    /// For related places, which come in any order.
    related: Locator<'a>,
}

impl<'a> Records<'a> {
    pub fn new(path: &'a str, text: &'a str, linted: &'a Linted, checker: &'a Checker) -> Self {
        let mut problems: Vec<&crate::DirectiveProblem> =
            linted.directive_problems.iter().collect();
        problems.sort_by_key(|p| (p.span.start, p.span.end));
        Records {
            path,
            text,
            checker,
            findings: linted.findings.iter().peekable(),
            problems: problems.into_iter().peekable(),
            locator: Locator::new(text),
            related: Locator::new(text),
        }
    }

    /// These records' positions counted from `offset` (at or before the first of them),
    /// which is at `position`: a window of a long text, whose lines before are not counted
    /// again.
    pub fn starting_at(mut self, offset: usize, position: crate::Position) -> Self {
        self.locator = Locator::resume(self.text, offset, position);
        self.related = Locator::resume(self.text, offset, position);
        self
    }

    /// Up to `n` more records.
    pub fn batch(&mut self, n: usize) -> Vec<Record<'a>> {
        self.by_ref().take(n).collect()
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let finding_first = match (self.findings.peek(), self.problems.peek()) {
            (None, None) => return None,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(f), Some(p)) => (f.span.start, f.span.end) <= (p.span.start, p.span.end),
        };
        let (finding, problem) = if finding_first {
            (self.findings.next(), None)
        } else {
            (None, self.problems.next())
        };
        let (start, end) = match (finding, problem) {
            (Some(f), _) => (f.span.start, f.span.end),
            (_, Some(p)) => (p.span.start, p.span.end),
            (None, None) => return None,
        };
        let text = self.text;
        let s = self.locator.locate(start);
        let e = self.locator.locate(end);
        let mut r = Record {
            path: self.path,
            path_base64: None,
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            offset: start,
            end_offset: end,
            term: UNUSED_SUPPRESSION,
            kind: UNUSED_SUPPRESSION,
            severity: Severity::Warning,
            matched: text[start..end].trim_end(),
            suggestion: "",
            found: None,
            message: String::new(),
            form: "",
            preferred: "",
            source: NONE,
            note: None,
            admitted: NONE,
            quotation: None,
            fixable: false,
            unfixable_reason: None,
            related: Vec::new(),
        };
        if let Some(f) = finding {
            let term = &self.checker.glossary().terms[f.term];
            r.term = &term.id;
            r.kind = f.kind.as_str();
            r.severity = f.severity;
            r.matched = &f.matched;
            r.suggestion = &f.suggestion;
            r.found = f.found.as_deref();
            r.message = f.message();
            r.form = &f.form;
            r.preferred = &term.preferred;
            r.source = &term.sources;
            r.note = term.note.as_deref();
            r.admitted = &term.admitted;
            r.quotation = f.quotation;
            r.fixable = f.fix.reason().is_none();
            r.unfixable_reason = f.fix.reason();
            r.related = f
                .related
                .iter()
                .map(|rel| {
                    let p = self.related.locate(rel.span.start);
                    RelatedRecord {
                        line: p.line,
                        column: p.column,
                        label: &rel.label,
                        span: rel.span.clone(),
                    }
                })
                .collect();
        } else if let Some(p) = problem {
            r.message = p.message.clone();
        }
        Some(r)
    }
}

/// An edit that fixes a finding: replace the finding's span with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuickFix {
    /// What the fix does, for a menu: `Use "Belt and Road Initiative"`.
    pub title: String,
    pub span: std::ops::Range<usize>,
    pub text: String,
    /// Whether this is the preferred rendering (the first fix).
    pub preferred: bool,
}

/// The fixes of a finding: one per approved rendering of its term, the suggestion (the
/// preferred rendering, fitted to the text) first, each in the writer's letter case. None for
/// a finding that `--fix` would not fix (in a quotation, across markup, a missing rendering).
pub fn quick_fixes(finding: &Finding, checker: &Checker) -> Vec<QuickFix> {
    let crate::Fix::Replace(first) = &finding.fix else {
        return Vec::new();
    };
    let mut fixes = vec![QuickFix {
        title: format!("Use \"{}\"", finding.suggestion),
        span: finding.span.clone(),
        text: first.clone(),
        preferred: true,
    }];
    if finding.kind != crate::FindingKind::Deviant {
        return fixes;
    }
    let term = &checker.glossary().terms[finding.term];
    for approved in term.approved() {
        let suggestion = crate::casing::match_case(approved, &finding.matched, &finding.form);
        if suggestion.eq_ignore_ascii_case(&finding.suggestion)
            || fixes
                .iter()
                .any(|f| f.title.contains(&format!("\"{suggestion}\"")))
        {
            continue;
        }
        fixes.push(QuickFix {
            title: format!("Use \"{suggestion}\""),
            span: finding.span.clone(),
            text: crate::fix::replacement(&finding.matched, &suggestion),
            preferred: false,
        });
    }
    fixes
}

/// A term's card in Markdown, as a term base shows it: source terms, the preferred, admitted
/// and flagged renderings, and the note.
pub fn term_card(term: &crate::Term) -> String {
    let mut card = format!("**{}**", term.id);
    if !term.sources.is_empty() {
        card.push_str(&format!(" — {}", term.sources.join(", ")));
    }
    if let Some(subject) = &term.subject {
        card.push_str(&format!(" [{subject}]"));
    }
    card.push_str(&format!("\n\n- use: **{}**", term.preferred));
    if !term.admitted.is_empty() {
        card.push_str(&format!("\n- also: {}", term.admitted.join("; ")));
    }
    if !term.deviants.is_empty() {
        card.push_str(&format!("\n- not: {}", term.deviants.join("; ")));
    }
    card.push_str(&format!("\n- severity: {}", term.severity));
    if let Some(note) = &term.note {
        card.push_str(&format!("\n\n{note}"));
    }
    card
}

/// `message (use "suggestion")`: the one-line form used by concise, GitHub and JUnit output
/// and by the language server.
pub fn one_line(r: &Record<'_>) -> String {
    match (r.kind, r.suggestion) {
        (_, "") => r.message.clone(),
        ("miscased", s) => format!("{}: write \"{s}\"", r.message),
        (_, s) => format!("{}: use \"{s}\"", r.message),
    }
}
