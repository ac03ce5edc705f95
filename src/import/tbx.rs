//! TBX termbases: TBX v2 (`martif`, `termEntry`/`langSet`/`tig`/`ntig`) and TBX v3 (`tbx`,
//! `conceptEntry`/`langSec`/`termSec`), in DCA style (`<termNote type="administrativeStatus">`)
//! and DCT style (`<min:administrativeStatus>`). Elements are recognised by local name, so
//! any namespace or prefix works; a DTD is allowed and a byte order mark accepted.
//!
//! Status mapping: preferred and standardized terms are preferred; admitted, legal and
//! regulated terms admitted; deprecated and superseded terms deviants; a term without status
//! is admitted. Notes of the entry and of its target-language terms are kept, as is the
//! subject field.

use roxmltree::Node;

use super::{Concept, ImportError, Status};

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The entries of a TBX document.
pub fn parse(text: &str) -> Result<Vec<Concept>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = crate::formats::parse_xml(text).map_err(|e| ImportError {
        message: if e.line == 0 {
            e.message.clone()
        } else {
            format!("malformed TBX: {}", e.message)
        },
        ..ImportError::from(e)
    })?;
    let root = doc.root_element();
    let root_name = root.tag_name().name();
    if root_name != "martif" && root_name != "tbx" {
        let pos = doc.text_pos_at(root.range().start);
        return Err(ImportError {
            line: pos.row as usize,
            column: pos.col as usize,
            message: format!(
                "not a TBX file: the root element is <{root_name}>, not <tbx> (TBX v3) or <martif> (TBX v2)"
            ),
        });
    }
    let default_lang = root.attribute((XML_NS, "lang"));
    // The outermost entries: one inside another (not TBX) is part of it, so that a file of
    // entries nested a hundred thousand deep is read once, not once per level.
    let entries = crate::formats::tree::find(
        root,
        |n| is(&n, "termEntry") || is(&n, "conceptEntry"),
        |_| true,
    );
    Ok(entries
        .into_iter()
        .map(|entry| concept(entry, default_lang))
        .collect())
}

fn is(n: &Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local
}

fn concept(entry: Node<'_, '_>, default_lang: Option<&str>) -> Concept {
    let mut c = Concept {
        id: entry.attribute("id").map(str::to_string),
        ..Concept::default()
    };
    let mut notes = Vec::new();
    for pi in entry.children().filter_map(|n| n.pi()) {
        if pi.target == "termlint" {
            c.settings = pi.value.and_then(|v| serde_json::from_str(v).ok());
        }
    }
    for child in entry.children().filter(Node::is_element) {
        if is(&child, "note") {
            notes.extend(text_of(child));
        } else if is(&child, "langSet") || is(&child, "langSec") {
            let lang = child
                .attribute((XML_NS, "lang"))
                .or(default_lang)
                .unwrap_or("")
                .to_string();
            let mut terms = Vec::new();
            let mut lang_notes = Vec::new();
            for sec in child.children().filter(Node::is_element) {
                if is(&sec, "note") {
                    lang_notes.extend(text_of(sec));
                } else if is(&sec, "tig") || is(&sec, "ntig") || is(&sec, "termSec") {
                    let Some(term) = sec.descendants().find(|n| is(n, "term")) else {
                        continue;
                    };
                    let Some(t) = text_of(term) else { continue };
                    terms.push((t, status(sec)));
                    lang_notes.extend(
                        sec.descendants()
                            .filter(|n| is(n, "note"))
                            .filter_map(text_of),
                    );
                }
            }
            for n in lang_notes {
                c.language_notes.push((lang.clone(), n));
            }
            c.languages.push((lang, terms));
        }
    }
    c.subject = entry
        .descendants()
        .find(|n| {
            is(n, "subjectField")
                || (is(n, "descrip") && n.attribute("type") == Some("subjectField"))
        })
        .and_then(text_of);
    if !notes.is_empty() {
        c.note = Some(notes.join(" "));
    }
    c
}

/// The status of a term section, from `termNote type="administrativeStatus"` (DCA) or an
/// `administrativeStatus` element (DCT), or the same for `normativeAuthorization`.
fn status(sec: Node<'_, '_>) -> Status {
    let value = sec.descendants().find_map(|n| {
        let named = is(&n, "administrativeStatus") || is(&n, "normativeAuthorization");
        let typed = is(&n, "termNote")
            && matches!(
                n.attribute("type"),
                Some("administrativeStatus" | "normativeAuthorization")
            );
        (named || typed).then(|| text_of(n)).flatten()
    });
    match value.as_deref().map(|v| v.split('-').next().unwrap_or(v)) {
        Some("preferredTerm" | "standardizedTerm") => Status::Preferred,
        Some("admittedTerm" | "legalTerm" | "regulatedTerm") => Status::Admitted,
        Some("deprecatedTerm" | "supersededTerm") => Status::Deviant,
        _ => Status::Unspecified,
    }
}

/// The text content of an element, whitespace collapsed; None if empty.
fn text_of(n: Node<'_, '_>) -> Option<String> {
    let t: String = n
        .descendants()
        .filter(Node::is_text)
        .filter_map(|d| d.text())
        .collect();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}
