//! TMX 1.4 translation memories: every `<tuv>` that is not in the source language is a
//! translation and is checked; the source `<tuv>` of its `<tu>` feeds the source-aware checks.
//! The source language is the header's `srclang` (a `<tu>`'s own `srclang` wins); with
//! `*all*` or none, the first `<tuv>` is the source. Inline codes (`bpt`, `ept`, `it`, `ph`,
//! `ut`) are read as in XLIFF: they glue their neighbours and are not text, `hi` and `sub` are.
//! Suppression directives are XML comments.

use super::FormatError;
use super::parse_xml;
use super::tree;
use super::xliff::{Reader, content, directives};
use crate::language::same_language;
use crate::prose::{Prose, Segment};

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

pub fn read(text: &str) -> Result<Prose<'_>, FormatError> {
    let doc = parse_xml(text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "tmx" {
        let pos = doc.text_pos_at(root.range().start);
        return Err(FormatError {
            line: pos.row as usize,
            column: pos.col as usize,
            message: format!(
                "expected a <tmx> document, found <{}>",
                root.tag_name().name()
            ),
        });
    }
    let header_lang = root
        .children()
        .find(|c| c.has_tag_name("header"))
        .and_then(|h| h.attribute("srclang"));
    let mut reader = Reader::new(text, &doc);
    // The units; one inside another (not TMX) is part of the outer one.
    let units = tree::find(
        doc.root(),
        |n| n.has_tag_name("tu") && !reader.made_by_entity(n),
        |n| !reader.made_by_entity(n),
    );
    let mut segments = Vec::new();
    for node in units {
        let tuvs: Vec<_> = node.children().filter(|c| c.has_tag_name("tuv")).collect();
        let src_lang = node.attribute("srclang").or(header_lang);
        let source_index = match src_lang {
            Some(l) if l != "*all*" => tuvs.iter().position(|t| same_language(lang(*t), l)),
            _ => None,
        }
        .unwrap_or(0);
        let source = tuvs
            .get(source_index)
            .and_then(|t| seg(*t))
            .map(content)
            .unwrap_or_default();
        let source: std::sync::Arc<str> = source.into();
        for (i, tuv) in tuvs.iter().enumerate() {
            if i == source_index {
                continue;
            }
            let Some(s) = seg(*tuv) else { continue };
            segments.push(Segment {
                source: source.clone(),
                target: reader.collect(s),
                document: None,
            });
        }
    }
    let mut prose = reader.finish();
    prose.directives = directives(&doc);
    prose.segments = segments;
    Ok(prose)
}

fn seg<'a, 'i>(tuv: roxmltree::Node<'a, 'i>) -> Option<roxmltree::Node<'a, 'i>> {
    tuv.children().find(|c| c.has_tag_name("seg"))
}

/// A `<tuv>`'s language: `xml:lang` (TMX 1.4) or `lang` (TMX 1.1).
fn lang<'a>(tuv: roxmltree::Node<'a, '_>) -> &'a str {
    tuv.attribute((XML_NS, "lang"))
        .or_else(|| tuv.attribute("lang"))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_the_other_languages() {
        let tmx = r#"<?xml version="1.0"?>
<tmx version="1.4"><header srclang="zh-CN"/><body>
<tu><tuv xml:lang="zh-CN"><seg>一带一路</seg></tuv><tuv xml:lang="en"><seg>One <bpt i="1">&lt;b&gt;</bpt>Belt<ept i="1">&lt;/b&gt;</ept>, <hi>One</hi> Road</seg></tuv></tu>
</body></tmx>"#;
        let p = read(tmx).unwrap();
        assert_eq!(p.segments.len(), 1);
        assert_eq!(&*p.segments[0].source, "一带一路");
        let t = p.segments[0].target.clone();
        assert!(tmx[t].starts_with("One <bpt"));
        let words: String = p.forward(0, p.pieces()[0].start).map(|(_, c)| c).collect();
        assert_eq!(words, "One Belt, One Road");
    }

    #[test]
    fn not_tmx_says_so() {
        let e = read("<xliff/>").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("<tmx>"));
    }
}
