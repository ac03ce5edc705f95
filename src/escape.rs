//! Text as it may be shown on a terminal or in a message: control characters (ANSI escapes,
//! line breaks), bidirectional overrides and other invisible formatting characters as
//! `\u{..}` escapes, so that a draft or a file name cannot rewrite what the reader sees.

use std::borrow::Cow;

/// `s` with every character that [`needs_escape`] written as `\u{..}`.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Control characters and the invisible ones that reorder or hide text.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
        )
}
