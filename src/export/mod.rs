//! Writing a glossary out: as termlint's own TOML ([`toml`], what `glossary import` prints)
//! or as TBX-Basic v3 ([`tbx`]) for terminology tools.

pub mod tbx;
pub mod toml;

/// Escapes text for XML content and attributes (five entities: no crate needed); characters
/// XML 1.0 cannot carry at all become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
