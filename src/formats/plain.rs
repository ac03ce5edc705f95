//! Plain text: every byte is prose; a blank line ends a paragraph (the matcher's whitespace
//! rule sees to that, so no splitting is needed here).

use crate::prose::Prose;

pub fn prose(text: &str) -> Prose<'_> {
    Prose::whole(text)
}
