//! XLIFF 1.2 and 2.0: the translations (`<target>`) are checked, read with roxmltree at their
//! byte positions in the file. Inline codes (`g`, `x`, `bx`, `ex`, `ph`, `bpt`, `ept`, `it`,
//! `mrk`, `pc`, `sc`, `ec`, `sm`, `em`) neither break a term nor count as text, except the
//! translatable `sub` inside a code; entities (`&amp;`, `&#160;`) read as the characters they
//! stand for. Not checked: sources, `alt-trans`, units with `translate="no"`, XLIFF 2
//! `ignorable`. Suppression directives are XML comments: `<!-- termlint-disable-next-line -->`.
//!
//! Entities a DTD declares (`&co;` for `<!ENTITY co "Acme">`) are not part of the file's
//! text where they are used: a reference separates the text around it, and the text it stands
//! for is checked on its own and reported at the reference, never fixed (see
//! [`Expansions`]). Elements are walked without recursion, so any depth of nesting reads.

use std::collections::HashMap;
use std::ops::Range;

use roxmltree::{Node, NodeId};

use super::dtd::{self, Entities};
use super::tree::{self, Edge};
use super::{FormatError, parse_xml};
use crate::prose::{Expansions, Gap, Piece, Prose, Segment};
use crate::suppress;

pub fn read(text: &str) -> Result<Prose<'_>, FormatError> {
    let doc = parse_xml(text)?;
    let mut reader = Reader::new(text, &doc);
    // The targets to check; one inside another is part of the outer one's text.
    let targets = tree::find(
        doc.root(),
        |n| n.tag_name().name() == "target" && !skipped(n) && !reader.made_by_entity(n),
        |n| !skipped(n) && !reader.made_by_entity(n),
    );
    let mut segments = Vec::new();
    // Each `<file>` is a document of its own when there are several, named by its `original`.
    let files: Vec<Node<'_, '_>> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("file"))
        .collect();
    let document_of = |n: Node<'_, '_>| -> Option<std::sync::Arc<str>> {
        if files.len() < 2 {
            return None;
        }
        let file = n.ancestors().find(|a| a.has_tag_name("file"))?;
        let k = files.iter().position(|f| *f == file)?;
        Some(match file.attribute("original") {
            Some(name) => name.into(),
            None => format!("file {}", k + 1).into(),
        })
    };
    // The source text of each unit, read once however many targets it has.
    let mut sources: HashMap<NodeId, Option<std::sync::Arc<str>>> = HashMap::new();
    for target in targets {
        let span = reader.collect(target);
        let Some(unit) = target.parent() else {
            continue;
        };
        let source = sources.entry(unit.id()).or_insert_with(|| {
            unit.children()
                .find(|c| c.has_tag_name("source"))
                .map(|s| content(s).into())
        });
        if let Some(source) = source {
            segments.push(Segment {
                source: source.clone(),
                target: span,
                document: document_of(unit),
            });
        }
    }
    let mut prose = reader.finish();
    prose.directives = directives(&doc);
    prose.segments = segments;
    Ok(prose)
}

/// The suppression directives in the document's comments.
pub(super) fn directives(doc: &roxmltree::Document<'_>) -> Vec<suppress::Directive> {
    doc.descendants()
        .filter(|n| n.is_comment())
        .flat_map(|n| suppress::parse(n.text().unwrap_or(""), n.range()))
        .collect()
}

/// Not checked, with all it holds: `alt-trans`, `ignorable`, `translate="no"`.
fn skipped(element: Node<'_, '_>) -> bool {
    matches!(element.tag_name().name(), "alt-trans" | "ignorable")
        || element.attribute("translate") == Some("no")
}

/// Markup around translatable text (TMX's `hi` too): its content is text. Other elements
/// are inline codes: not text, but a translatable `sub` inside one is.
fn inline(name: &str) -> bool {
    matches!(name, "g" | "mrk" | "pc" | "sub" | "hi")
}

/// Whether an element's content is text, given whether its parent's is.
fn is_text(element: Node<'_, '_>, parent_text: bool) -> bool {
    let name = element.tag_name().name();
    if parent_text {
        inline(name)
    } else {
        name == "sub"
    }
}

/// The text of an element as [`Reader::collect`] reads it, decoded (entities expanded): for
/// a source.
pub(super) fn content(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    // Whether the content of each open element is text.
    let mut open: Vec<bool> = Vec::new();
    tree::walk(node, |edge| {
        match edge {
            Edge::Open(n) if n.is_element() => {
                let text = open.last().is_none_or(|&parent| is_text(n, parent));
                open.push(text);
            }
            Edge::Open(n) if n.is_text() && open.last() == Some(&true) => {
                out.push_str(n.text().unwrap_or(""));
            }
            Edge::Close(n) if n.is_element() => {
                open.pop();
            }
            _ => {}
        }
        true
    });
    out
}

/// Reads the text of elements (targets, TMX segments) into pieces at their bytes in the file.
///
/// roxmltree's text nodes cannot give those bytes once an entity is involved: the text of a
/// node that starts with a reference has the range of the entity's value in the DTD, and the
/// text after a reference joins it. So the text is read from the file itself: the bytes
/// between an element's tags and its children's tags.
pub(super) struct Reader<'t> {
    text: &'t str,
    /// Where the root element starts. A node that starts before it comes from an entity's
    /// replacement text: its range points into the DTD.
    body: usize,
    entities: Entities<'t>,
    pieces: Vec<Piece>,
    expansions: Expansions,
    /// For each entity name met, the index of its text in `expansions` (None: undeclared).
    by_name: HashMap<&'t str, Option<usize>>,
    /// Whether the current element has a piece yet: the next one joins it.
    started: bool,
    /// Whether an entity reference came since the last piece: the next one does not join.
    barrier: bool,
    /// The start of the first non-empty piece or reference of the current element, and the
    /// end of its last piece or reference.
    first: Option<usize>,
    last: usize,
}

/// An element whose content is being read.
struct Open {
    /// Whether its content is text (else an inline code's: only its `sub`s are read).
    text: bool,
    /// Where its next run of text starts: after its start tag or its last child.
    cursor: usize,
    /// Where its content ends: its end tag.
    end: usize,
}

impl<'t> Reader<'t> {
    pub(super) fn new(text: &'t str, doc: &roxmltree::Document<'_>) -> Reader<'t> {
        Reader {
            text,
            body: doc.root_element().range().start,
            entities: Entities::declared(text),
            pieces: Vec::new(),
            expansions: Expansions::default(),
            by_name: HashMap::new(),
            started: false,
            barrier: false,
            first: None,
            last: 0,
        }
    }

    /// Whether `node` was made by expanding an entity (its range is in the DTD).
    pub(super) fn made_by_entity(&self, node: Node<'_, '_>) -> bool {
        node.range().start < self.body
    }

    /// Reads the text of `node`'s content, in document order: inline markup's content is
    /// text, inline codes glue their neighbours, entities stand apart. Returns the range from
    /// the first piece (or reference) to the end of the last (empty if there is none).
    pub(super) fn collect(&mut self, node: Node<'_, '_>) -> Range<usize> {
        self.started = false;
        self.barrier = false;
        self.first = None;
        let mut open: Vec<Open> = Vec::new();
        tree::walk(node, |edge| {
            match edge {
                // Text nodes are read from the bytes around the other nodes. A node made by
                // an entity is read with the reference.
                Edge::Open(n) | Edge::Close(n) if n.is_text() || self.made_by_entity(n) => false,
                Edge::Open(n) => {
                    if let Some(parent) = open.last().filter(|p| p.text) {
                        self.gap(parent.cursor..n.range().start);
                    }
                    if n.is_element() {
                        let text = open.last().is_none_or(|p| is_text(n, p.text));
                        let (cursor, end) = if text {
                            inside(self.text, n.range())
                        } else {
                            (0, 0)
                        };
                        open.push(Open { text, cursor, end });
                    }
                    true
                }
                Edge::Close(n) => {
                    if n.is_element()
                        && let Some(element) = open.pop()
                        && element.text
                    {
                        self.gap(element.cursor..element.end);
                    }
                    if let Some(parent) = open.last_mut() {
                        parent.cursor = n.range().end;
                    }
                    true
                }
            }
        });
        match self.first {
            Some(first) => first..self.last,
            None => 0..0,
        }
    }

    /// The prose read so far.
    pub(super) fn finish(self) -> Prose<'t> {
        let mut prose = Prose::from_pieces(self.text, self.pieces);
        prose.expansions = self.expansions;
        prose
    }

    /// Reads a run of text between tags: runs between references, a character reference
    /// a one-character gap, a CDATA section its content, an entity a barrier.
    fn gap(&mut self, range: Range<usize>) {
        let text = self.text;
        let raw = &text[range.clone()];
        let at = |i: usize| range.start + i;
        let mut gap = Gap::Glue;
        let mut run = range.start;
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'&', b'<', &raw.as_bytes()[i..]) {
            let mark = i + k;
            if raw.as_bytes()[mark] == b'<' {
                self.push(run..at(mark), gap);
                gap = Gap::Glue;
                if let Some(cdata) = raw[mark..].strip_prefix("<![CDATA[") {
                    let len = cdata.find("]]>").unwrap_or(cdata.len());
                    self.push(at(mark + 9)..at(mark + 9 + len), Gap::Glue);
                    i = (mark + 9 + len + 3).min(raw.len());
                } else {
                    // The tags of an element an entity opened and the file closes: markup.
                    let close = if raw[mark..].starts_with("<!--") {
                        "-->"
                    } else {
                        ">"
                    };
                    i = raw[mark..]
                        .find(close)
                        .map_or(raw.len(), |e| mark + e + close.len());
                }
                run = at(i);
                continue;
            }
            let Some(semi) = raw[mark..].find(';') else {
                break;
            };
            let name = &raw[mark + 1..mark + semi];
            let after = mark + semi + 1;
            if let Some(c) = dtd::character(name) {
                self.push(run..at(mark), gap);
                gap = Gap::Char(c);
                run = at(after);
            } else if let Some(index) = self.expansion(&text[at(mark + 1)..at(mark + semi)]) {
                self.push(run..at(mark), gap);
                self.reference(at(mark)..at(after), index);
                gap = Gap::Glue;
                run = at(after);
            }
            i = after;
        }
        self.push(run..range.end, gap);
    }

    /// The index of the text entity `name` stands for, read once per name.
    fn expansion(&mut self, name: &'t str) -> Option<usize> {
        if let Some(&index) = self.by_name.get(name) {
            return index;
        }
        let index = self.entities.replacement(name).map(|t| {
            self.expansions.texts.push(t);
            self.expansions.texts.len() - 1
        });
        self.by_name.insert(name, index);
        index
    }

    fn reference(&mut self, range: Range<usize>, index: usize) {
        self.first.get_or_insert(range.start);
        self.last = range.end;
        self.expansions.references.push((range, index));
        self.barrier = true;
    }

    /// Adds a piece: the first of an element starts a paragraph, the others join it unless
    /// an entity reference came between.
    fn push(&mut self, range: Range<usize>, gap: Gap) {
        if range.start < range.end {
            self.first.get_or_insert(range.start);
        }
        if self.first.is_some() {
            self.last = range.end;
        }
        self.pieces.push(Piece {
            start: range.start,
            end: range.end,
            joined: self.started && !self.barrier,
            gap,
        });
        self.started = true;
        self.barrier = false;
    }
}

/// The content of an element at `range`: from after its start tag to its end tag (empty for
/// `<x/>`). The document has parsed, so an attribute value holds no `<`: the last `<` starts
/// the end tag, if there is one.
fn inside(text: &str, range: Range<usize>) -> (usize, usize) {
    let raw = &text.as_bytes()[range.clone()];
    let end = match memchr::memrchr(b'<', raw) {
        Some(end) if end > 0 && raw.get(end + 1) == Some(&b'/') => end,
        _ => return (range.end, range.end),
    };
    let mut quote = None;
    for (i, &b) in raw[..end].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return (range.start + i + 1, range.start + end),
            _ => {}
        }
    }
    (range.end, range.end)
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
