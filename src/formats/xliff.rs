//! XLIFF 1.2 and 2.0: the translations (`<target>`) are checked, read with roxmltree at their
//! byte positions in the file. Inline codes (`g`, `x`, `bx`, `ex`, `ph`, `bpt`, `ept`, `it`,
//! `mrk`, `pc`, `sc`, `ec`, `sm`, `em`) neither break a term nor count as text, except the
//! translatable `sub` inside a code; entities (`&amp;`, `&#160;`) read as the characters they
//! stand for. Not checked: sources, `alt-trans`, units with `translate="no"`, XLIFF 2
//! `ignorable`. Suppression directives are XML comments: `<!-- termlint-disable-next-line -->`.

use std::ops::Range;

use super::{FormatError, parse_xml};
use crate::prose::{Gap, Piece, Prose, Segment};
use crate::suppress;

pub fn read(text: &str) -> Result<Prose<'_>, FormatError> {
    let doc = parse_xml(text)?;
    let mut pieces = Vec::new();
    let mut directives = Vec::new();
    let mut segments = Vec::new();
    for node in doc.descendants() {
        if node.is_comment() {
            directives.extend(suppress::parse(node.text().unwrap_or(""), node.range()));
        } else if node.is_element() && node.tag_name().name() == "target" && translatable(node) {
            let mut started = false;
            let first = pieces.len();
            collect(text, node, &mut pieces, &mut started);
            let source = node
                .parent()
                .and_then(|unit| unit.children().find(|c| c.has_tag_name("source")));
            if let Some(source) = source {
                let target = span(&pieces[first..]);
                let mut words = String::new();
                content(source, &mut words);
                segments.push(Segment {
                    source: words,
                    target,
                });
            }
        }
    }
    let mut prose = Prose::from_pieces(text, pieces);
    prose.directives = directives;
    prose.segments = segments;
    Ok(prose)
}

/// The range from the first non-empty piece to the end of the last (empty if there is none).
pub(super) fn span(pieces: &[Piece]) -> Range<usize> {
    match (pieces.iter().find(|p| p.start < p.end), pieces.last()) {
        (Some(f), Some(l)) => f.start..l.end,
        _ => 0..0,
    }
}

/// The text of an element as [`collect`] reads it, decoded: for a source.
pub(super) fn content(node: roxmltree::Node<'_, '_>, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            match child.tag_name().name() {
                "g" | "mrk" | "pc" | "sub" | "hi" => content(child, out),
                _ => {
                    for sub in child.descendants().filter(|d| d.has_tag_name("sub")) {
                        content(sub, out);
                    }
                }
            }
        }
    }
}

/// Not in an `alt-trans` or an `ignorable`, and no enclosing element says `translate="no"`.
fn translatable(target: roxmltree::Node<'_, '_>) -> bool {
    target.ancestors().all(|a| {
        !matches!(a.tag_name().name(), "alt-trans" | "ignorable")
            && a.attribute("translate") != Some("no")
    })
}

/// The text of `node`'s content, in document order; inline codes glue their neighbours.
pub(super) fn collect(
    text: &str,
    node: roxmltree::Node<'_, '_>,
    out: &mut Vec<Piece>,
    started: &mut bool,
) {
    for child in node.children() {
        if child.is_text() {
            text_pieces(text, child.range(), out, started);
        } else if child.is_element() {
            match child.tag_name().name() {
                // Markup around translatable text (TMX's `hi` too): its content is text.
                "g" | "mrk" | "pc" | "sub" | "hi" => collect(text, child, out, started),
                // Codes: not text, but a translatable `sub` inside one is.
                _ => {
                    for sub in child.descendants().filter(|d| d.has_tag_name("sub")) {
                        collect(text, sub, out, started);
                    }
                }
            }
        }
    }
}

/// The pieces of one text node's raw bytes: runs between entity references, each reference a
/// one-character gap; CDATA sections read as their content.
fn text_pieces(text: &str, range: Range<usize>, out: &mut Vec<Piece>, started: &mut bool) {
    let raw = &text[range.clone()];
    if let Some(inner) = raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
    {
        let start = range.start + 9;
        push(out, start..start + inner.len(), Gap::Glue, started);
        return;
    }
    let mut gap = Gap::Glue;
    let mut run = range.start;
    let mut i = 0;
    while let Some(amp) = raw[i..].find('&') {
        let at = i + amp;
        let Some(semi) = raw[at..].find(';') else {
            break;
        };
        let name = &raw[at + 1..at + semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        if let Some(c) = decoded {
            push(out, run..range.start + at, gap, started);
            gap = Gap::Char(c);
            run = range.start + at + semi + 1;
        }
        i = at + semi + 1;
    }
    push(out, run..range.end, gap, started);
}

/// Adds a piece; the first of a target starts a new segment, the others join it.
fn push(out: &mut Vec<Piece>, range: Range<usize>, gap: Gap, started: &mut bool) {
    out.push(Piece {
        start: range.start,
        end: range.end,
        joined: *started,
        gap,
    });
    *started = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each segment, as the matcher reads it.
    fn words(xml: &str) -> Vec<String> {
        let p = read(xml).unwrap();
        let pieces = p.pieces();
        (0..pieces.len())
            .filter(|&i| !pieces[i].joined)
            .map(|i| p.forward(i, pieces[i].start).map(|(_, c)| c).collect())
            .collect()
    }

    #[test]
    fn targets_only_with_codes_and_entities() {
        let xml = r#"<?xml version="1.0"?>
<xliff version="1.2"><file><body>
<trans-unit id="1"><source>CCP</source><target>the CC<g id="1">P</g> and &amp; the&#160;CPC<x id="2"/>.</target></trans-unit>
<trans-unit id="2" translate="no"><target>skip me</target></trans-unit>
<trans-unit id="3"><target>a <ph id="1">code<sub>sub text</sub></ph> b</target>
<alt-trans><target>old</target></alt-trans></trans-unit>
</body></file></xliff>"#;
        assert_eq!(words(xml), ["the CCP and & the\u{a0}CPC.", "a sub text b"]);
    }

    #[test]
    fn malformed_xml_says_where() {
        let e = read("<xliff>\n<target>open</xliff>").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("expected 'target' tag, not 'xliff'"),
            "{}",
            e.message
        );
    }
}
