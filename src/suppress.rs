//! Inline suppressions: `termlint-disable-next-line`, `termlint-disable` … `termlint-enable`
//! and `termlint-disable-file`, each optionally naming term ids.
//!
//! Format readers find the directives in their own comment syntax (an HTML comment in
//! Markdown, a line of its own in plain text) and hand them over as [`Directive`]s; this
//! module decides what each one suppresses. A directive that suppresses nothing, or names a
//! term the glossary does not have, is itself reported, so stale suppressions do not pile up.
//! Directives refer to lines, never to offsets, so they survive edits elsewhere in the file.

use std::ops::Range;

use crate::finding::Finding;
use crate::glossary::Glossary;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    DisableNextLine,
    Disable,
    Enable,
    DisableFile,
}

impl DirectiveKind {
    pub fn name(self) -> &'static str {
        match self {
            DirectiveKind::DisableNextLine => "termlint-disable-next-line",
            DirectiveKind::Disable => "termlint-disable",
            DirectiveKind::Enable => "termlint-enable",
            DirectiveKind::DisableFile => "termlint-disable-file",
        }
    }
}

/// One directive found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Term ids; empty means every term.
    pub ids: Vec<String>,
    /// The bytes of the comment that holds it.
    pub span: Range<usize>,
    /// For `termlint-disable-next-line`: what "the next line" is, where the format knows
    /// better than the line after the comment (in PO, the translation of the commented entry).
    pub target: Option<Range<usize>>,
}

/// Reads a directive from the body of a comment (`termlint-disable-next-line cpc bri`), if it
/// is one. `span` is where the comment is.
pub fn parse(body: &str, span: Range<usize>) -> Option<Directive> {
    let body = body.trim();
    let rest = body.strip_prefix("termlint-")?;
    let (name, ids) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let kind = match name {
        "disable-next-line" => DirectiveKind::DisableNextLine,
        "disable" => DirectiveKind::Disable,
        "enable" => DirectiveKind::Enable,
        "disable-file" => DirectiveKind::DisableFile,
        _ => return None,
    };
    let ids = ids
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive {
        kind,
        ids,
        span,
        target: None,
    })
}

/// A directive that did nothing, or named an unknown term: reported as a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveProblem {
    pub span: Range<usize>,
    pub message: String,
}

/// Removes the suppressed findings; returns how many were suppressed and the problems.
pub fn apply(
    text: &str,
    directives: &[Directive],
    glossary: &Glossary,
    findings: &mut Vec<Finding>,
) -> (usize, Vec<DirectiveProblem>) {
    if directives.is_empty() {
        return (0, Vec::new());
    }
    let mut problems = Vec::new();
    let mut names_unknown = vec![false; directives.len()];
    for (i, d) in directives.iter().enumerate() {
        for id in &d.ids {
            if !glossary.terms.iter().any(|t| &t.id == id) {
                names_unknown[i] = true;
                problems.push(DirectiveProblem {
                    span: d.span.clone(),
                    message: format!("{} names unknown term `{id}`", d.kind.name()),
                });
            }
        }
    }
    // Each directive becomes a rule: which ids, over which byte range (by start of finding).
    struct Rule<'d> {
        index: usize,
        directive: &'d Directive,
        ids: &'d [String],
        range: Range<usize>,
        used: bool,
    }
    let mut rules: Vec<Rule<'_>> = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // indices of Disable rules not yet closed
    for (index, d) in directives.iter().enumerate() {
        match d.kind {
            DirectiveKind::DisableFile => rules.push(Rule {
                index,
                directive: d,
                ids: &d.ids,
                range: 0..text.len(),
                used: false,
            }),
            DirectiveKind::DisableNextLine => {
                // The line after the one the comment ends on, unless the format said.
                let range = d.target.clone().unwrap_or_else(|| {
                    let start = next_line_start(text, d.span.end);
                    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                    start..end.max(start)
                });
                rules.push(Rule {
                    index,
                    directive: d,
                    ids: &d.ids,
                    range,
                    used: false,
                });
            }
            DirectiveKind::Disable => {
                open.push(rules.len());
                rules.push(Rule {
                    index,
                    directive: d,
                    ids: &d.ids,
                    range: d.span.end..text.len(),
                    used: false,
                });
            }
            DirectiveKind::Enable => {
                let before = open.len();
                open.retain(|&r| {
                    let closes =
                        d.ids.is_empty() || rules[r].ids.iter().all(|id| d.ids.contains(id));
                    if closes {
                        rules[r].range.end = d.span.start;
                    }
                    !closes
                });
                if open.len() == before {
                    problems.push(DirectiveProblem {
                        span: d.span.clone(),
                        message: "termlint-enable without a termlint-disable before it".to_string(),
                    });
                }
            }
        }
    }
    let before = findings.len();
    findings.retain(|f| {
        let id = &glossary.terms[f.term].id;
        let mut suppressed = false;
        for rule in rules.iter_mut() {
            if rule.range.contains(&f.span.start) && (rule.ids.is_empty() || rule.ids.contains(id))
            {
                rule.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for rule in &rules {
        // A directive naming an unknown term is reported for that already.
        if !rule.used && !names_unknown[rule.index] {
            let what = if rule.ids.is_empty() {
                "any term".to_string()
            } else {
                rule.ids.join(", ")
            };
            let place = match rule.directive.kind {
                DirectiveKind::DisableNextLine => "on the next line",
                DirectiveKind::DisableFile => "in this file",
                _ => "before the matching termlint-enable",
            };
            problems.push(DirectiveProblem {
                span: rule.directive.span.clone(),
                message: format!(
                    "unused {}: no finding of {what} {place}",
                    rule.directive.kind.name()
                ),
            });
        }
    }
    problems.sort_by_key(|p| p.span.start);
    (before - findings.len(), problems)
}

/// The offset where the line after the one holding `offset` starts (or the text's end).
fn next_line_start(text: &str, offset: usize) -> usize {
    // `offset` is the end of the comment: the rest of its line, then the next line.
    let mut at = offset.saturating_sub(1).min(text.len());
    // The comment may end with a multi-byte character: step back to its start.
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match text[at..].find('\n') {
        Some(i) => at + i + 1,
        None => text.len(),
    }
}

/// What to insert, and where, to suppress the findings of term `id` on the line holding
/// `offset`: a `termlint-disable-next-line` directive in `format`'s comment syntax, on a line
/// of its own before that line (in PO, before the entry, whose translator comments apply to
/// it). None for a Word document, which termlint never rewrites.
pub fn disable_next_line(
    format: &crate::Format,
    text: &str,
    offset: usize,
    id: &str,
) -> Option<(usize, String)> {
    use crate::Format;
    let offset = (0..=offset.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let indent = |also: &[char]| {
        let rest = line.trim_start_matches(|c: char| c == ' ' || c == '\t' || also.contains(&c));
        line[..line.len() - rest.len()].to_string()
    };
    let directive = format!("termlint-disable-next-line {id}");
    match format {
        Format::Docx => None,
        Format::Markdown => Some((
            line_start,
            format!("{}<!-- {directive} -->\n", indent(&['>'])),
        )),
        Format::Xliff | Format::Tmx => {
            Some((line_start, format!("{}<!-- {directive} -->\n", indent(&[]))))
        }
        Format::Po => {
            // The entry starts after the last blank line above.
            let mut start = line_start;
            while start > 0 {
                let prev_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
                if text[prev_start..start - 1].trim().is_empty() {
                    break;
                }
                start = prev_start;
            }
            Some((start, format!("# {directive}\n")))
        }
        Format::Plain | Format::Table(_) => {
            Some((line_start, format!("{}# {directive}\n", indent(&[]))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_after_a_comment_ending_in_a_wide_character() {
        // Found by fuzzing: a directive whose span ends right after a CJK character.
        let text = "x termlint-disable-next-line 中\nnext";
        let end = text.find('\n').unwrap();
        assert_eq!(next_line_start(text, end), end + 1);
        assert_eq!(next_line_start(text, text.len()), text.len());
    }

    #[test]
    fn parses_directives() {
        let d = parse(" termlint-disable-next-line cpc, bri ", 0..5).unwrap();
        assert_eq!(
            (d.kind, d.ids),
            (
                DirectiveKind::DisableNextLine,
                vec!["cpc".to_string(), "bri".to_string()]
            )
        );
        assert_eq!(
            parse("termlint-disable", 0..1).unwrap().ids,
            Vec::<String>::new()
        );
        assert_eq!(parse("termlint-disabled", 0..1), None);
        assert_eq!(parse("not a directive", 0..1), None);
    }

    #[test]
    fn a_directive_in_each_formats_comment_syntax() {
        use crate::Format;
        let md = "Title\n\n  > the one belt, one road\n";
        let at = md.find("one belt").unwrap();
        assert_eq!(
            disable_next_line(&Format::Markdown, md, at, "bri"),
            Some((
                7,
                "  > <!-- termlint-disable-next-line bri -->\n".to_string()
            ))
        );
        let po =
            "msgid \"\"\nmsgstr \"\"\n\n#: a.c:1\nmsgid \"x\"\nmsgstr \"One Belt, One Road\"\n";
        let at = po.find("One Belt").unwrap();
        let (pos, line) = disable_next_line(&Format::Po, po, at, "bri").unwrap();
        assert_eq!(pos, po.find("#: a.c").unwrap());
        assert_eq!(line, "# termlint-disable-next-line bri\n");
        let plain = "first\n\tOne Belt, One Road\n";
        assert_eq!(
            disable_next_line(&Format::Plain, plain, 9, "bri"),
            Some((6, "\t# termlint-disable-next-line bri\n".to_string()))
        );
        assert_eq!(disable_next_line(&Format::Docx, plain, 9, "bri"), None);
    }
}
