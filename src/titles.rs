//! Cited titles: a deviant inside the title of a cited work is a mention.
//!
//! A report, article or book cited by its title keeps the title as published ("*Power Plan:
//! Addressing China's Belt and Road Strategy*", 《…》). A deviant inside such a title is
//! reported as a note and never fixed. A cited title is recognised by its marks, never by its
//! words: the whole text of a Markdown emphasis or link (`*…*`, `_…_`, `**…**`, `[…](…)`),
//! longer than the deviant, or the text inside 《 》 in the same paragraph.

use std::ops::Range;

use crate::prose::Prose;

/// The longest stretch, in bytes, looked at on either side of a deviant for a title's marks.
const TITLE_MAX: usize = 512;

/// Whether `span` lies inside a cited title.
pub fn in_cited_title(prose: &Prose<'_>, span: Range<usize>) -> bool {
    let text = prose.text();
    let Some(i) = prose.piece_at(span.start) else {
        return false;
    };
    let piece = prose.pieces()[i];
    if span.end > piece.end {
        return false;
    }
    // Markdown emphasis or link text: the piece is exactly the marked text (its neighbours
    // are the marks), and it holds more than the deviant.
    let before = text[..piece.start].chars().next_back();
    let after = text[piece.end..].chars().next();
    let marked = matches!(
        (before, after),
        (Some('*'), Some('*')) | (Some('_'), Some('_')) | (Some('['), Some(']'))
    );
    let longer = text[piece.start..span.start]
        .trim()
        .chars()
        .any(char::is_alphanumeric)
        || text[span.end..piece.end]
            .trim()
            .chars()
            .any(char::is_alphanumeric);
    if marked && longer {
        return true;
    }
    // 《 》 around the span, within its paragraph and a title's length (a paragraph may be a
    // whole file: never scan it all for each finding).
    let para = prose.paragraph(i);
    let lo = text.floor_char_boundary(span.start.saturating_sub(TITLE_MAX).max(para.start));
    let hi = text.ceil_char_boundary((span.end + TITLE_MAX).min(para.end));
    let open = text[lo..span.start].rfind('《');
    let closed_before = open.is_some_and(|o| text[lo + o..span.start].contains('》'));
    open.is_some() && !closed_before && text[span.end..hi].contains('》')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn titled(format: &Format, text: &str, needle: &str) -> bool {
        let s = text.find(needle).unwrap();
        in_cited_title(&format.prose(text), s..s + needle.len())
    }

    #[test]
    fn emphasis_links_and_book_marks() {
        let md = &Format::Markdown;
        assert!(titled(
            md,
            "See *Addressing the CCP Threat* (2018).\n",
            "CCP"
        ));
        assert!(titled(
            md,
            "See [Reports on the CCP](https://x.example).\n",
            "CCP"
        ));
        assert!(
            !titled(md, "The *CCP* met.\n", "CCP"),
            "the whole emphasis is the deviant"
        );
        assert!(!titled(md, "The CCP met.\n", "CCP"));
        assert!(titled(
            &Format::Plain,
            "他引用了《CCP Reports》一书。",
            "CCP"
        ));
        assert!(!titled(&Format::Plain, "《Reports》 and the CCP", "CCP"));
    }
}
