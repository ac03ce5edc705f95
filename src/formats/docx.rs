//! Word documents (`.docx`): the paragraphs of `word/document.xml`, one line each, so a
//! finding's position reads `file.docx:PARAGRAPH:COLUMN`. The runs of a paragraph are joined,
//! so a term split across formatting runs (`community of <b>common</b> destiny`) is found.
//! Text in tracked deletions (`w:del`, `w:moveFrom`) is not part of the document and is left
//! out; tracked insertions are in. Field codes are not text. A tab reads as a tab, a line
//! break inside a paragraph as a space (a paragraph stays one line).
//!
//! The engine only turns the archive's bytes into text; it never writes a document back, so
//! `--fix` leaves .docx files alone.

use std::fmt;
use std::io::{Cursor, Read};

use super::tree::Edge;

/// The largest `word/document.xml` read, uncompressed: far beyond any real document, and a
/// guard against a zip bomb.
const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Why a file is not a readable Word document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocxError(pub String);

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The text of a .docx file's main document: one line per paragraph, in document order.
pub fn text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        DocxError(format!(
            "not a Word document: not a zip archive ({e}); termlint reads .docx files saved by Word or LibreOffice"
        ))
    })?;
    let entry = archive.by_name("word/document.xml").map_err(|_| {
        DocxError("not a Word document: the zip archive has no word/document.xml".to_string())
    })?;
    let mut xml = String::new();
    entry
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError(format!("cannot read word/document.xml: {e}")))?;
    if xml.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DocxError(format!(
            "word/document.xml is larger than {} MiB uncompressed",
            MAX_DOCUMENT_BYTES >> 20
        )));
    }
    paragraphs(&xml)
}

/// The paragraphs of a WordprocessingML document, one per line.
pub fn paragraphs(xml: &str) -> Result<String, DocxError> {
    let doc = super::parse_xml(xml).map_err(|e| {
        DocxError(if e.line == 0 {
            format!("not checked: word/document.xml: {}", e.message)
        } else {
            format!(
                "malformed word/document.xml at line {}, column {}: {}",
                e.line, e.column, e.message
            )
        })
    })?;
    let mut out = String::new();
    let body = doc
        .root_element()
        .children()
        .find(|c| c.has_tag_name((W, "body")));
    if let Some(body) = body {
        walk(body, &mut out);
    }
    Ok(out)
}

/// How the children of an open element are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Outside a paragraph, or in a drawing inside one: only paragraphs count.
    Walk,
    /// Inside a paragraph: runs, text, tabs and breaks.
    Paragraph,
}

/// Appends the paragraphs under `body`, walked without recursion (a document may nest runs
/// a hundred thousand deep). A paragraph nested in another (a text box) comes before the
/// rest of its parent's text.
fn walk(body: roxmltree::Node<'_, '_>, out: &mut String) {
    // For each open element: how its children are read (None: not at all), and whether it
    // is a paragraph.
    let mut open: Vec<(Option<Mode>, bool)> = Vec::new();
    // The text of each open paragraph, innermost last.
    let mut lines: Vec<String> = Vec::new();
    super::tree::walk(body, |edge| {
        let node = match edge {
            Edge::Open(n) if n.is_element() => n,
            Edge::Close(n) if n.is_element() => {
                if let Some((_, true)) = open.pop() {
                    out.push_str(&lines.pop().unwrap_or_default());
                    out.push('\n');
                }
                return true;
            }
            _ => return true,
        };
        let name = node.tag_name();
        let paragraph = name.namespace() == Some(W) && name.name() == "p" && !open.is_empty();
        let mode = match open.last() {
            None => Some(Mode::Walk),
            Some((None, _)) => None,
            Some(_) if paragraph => Some(Mode::Paragraph),
            Some((Some(Mode::Walk), _)) => {
                (!deleted(node) && name.name() != "Fallback").then_some(Mode::Walk)
            }
            // Drawing and compatibility wrappers: text boxes inside hold paragraphs. Of
            // `mc:AlternateContent`, `mc:Fallback` repeats `mc:Choice` for older readers.
            Some((Some(Mode::Paragraph), _)) if name.namespace() != Some(W) => {
                (name.name() != "Fallback").then_some(Mode::Walk)
            }
            Some((Some(Mode::Paragraph), _)) => {
                let line = lines.last_mut();
                match (name.name(), line) {
                    ("t", Some(line)) => {
                        let t = node.text().unwrap_or("");
                        line.extend(
                            t.chars()
                                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                        );
                        None
                    }
                    ("tab" | "ptab", Some(line)) => {
                        line.push('\t');
                        None
                    }
                    ("br" | "cr", Some(line)) => {
                        line.push(' ');
                        None
                    }
                    ("noBreakHyphen", Some(line)) => {
                        line.push('\u{2011}');
                        None
                    }
                    // Not text: deleted runs, field instructions, properties.
                    (
                        "softHyphen" | "del" | "moveFrom" | "delText" | "instrText"
                        | "delInstrText" | "pPr" | "rPr",
                        _,
                    ) => None,
                    _ => Some(Mode::Paragraph),
                }
            }
        };
        if paragraph && mode.is_some() {
            lines.push(String::new());
        }
        open.push((mode, paragraph && mode.is_some()));
        mode.is_some()
    });
}

fn deleted(node: roxmltree::Node<'_, '_>) -> bool {
    node.has_tag_name((W, "del")) || node.has_tag_name((W, "moveFrom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn runs_join_and_deletions_are_left_out() {
        let xml = doc(concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">a community of </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>common</w:t></w:r><w:r><w:t xml:space="preserve"> destiny</w:t></w:r></w:p>"#,
            r#"<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>One Belt, One Road</w:delText></w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>Belt and Road</w:t></w:r></w:ins></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t><w:tab/><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><mc:AlternateContent xmlns:mc="urn:mc"><mc:Choice><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent><w:t>after</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            paragraphs(&xml).unwrap(),
            "a community of common destiny\nBelt and Road\ncell\tx\nbox\nafter\n"
        );
    }

    #[test]
    fn bad_input_is_a_clear_error() {
        assert!(
            text(b"plain text")
                .unwrap_err()
                .0
                .contains("not a zip archive")
        );
        let e = paragraphs("<w:document>").unwrap_err();
        assert!(
            e.0.starts_with("malformed word/document.xml at line 1"),
            "{e}"
        );
    }
}
