//! Plain text: every byte is prose; a blank line ends a paragraph (the matcher's whitespace
//! rule sees to that, so no splitting is needed here).
//!
//! Suppression directives are lines of their own, optionally behind a comment marker:
//! `termlint-disable-next-line cpc`, `# termlint-disable`, `// termlint-enable`.

use crate::prose::Prose;
use crate::suppress;

pub fn prose(text: &str) -> Prose<'_> {
    let mut prose = Prose::whole(text);
    // Directives are rare: look for lines only where the marker occurs.
    for at in memchr::memmem::find_iter(text.as_bytes(), b"termlint-") {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[start..end].trim_end_matches('\r');
        let body = line.trim_start();
        let body = ["#", "//", "--", ";", "%"]
            .iter()
            .find_map(|m| body.strip_prefix(m))
            .unwrap_or(body);
        if body.trim_start().starts_with("termlint-")
            && let Some(d) = suppress::parse(body, start..start + line.len())
            && prose
                .directives
                .last()
                .is_none_or(|last| last.span != d.span)
        {
            prose.directives.push(d);
        }
    }
    prose
}
