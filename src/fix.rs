//! Fixes: the replacement text for a finding, and applying replacements to a text.
//!
//! Replacements are spliced by byte offset into the original text, so everything else (line
//! endings, a BOM, other formatting) stays exactly as it was.

use std::ops::Range;

/// The replacement for `matched` (a span of text) by `suggestion`. A span broken across lines
/// keeps its line break (with what follows it: indentation, Markdown's `> `), moved to the
/// space of the suggestion nearest to where it was, so hard-wrapped text stays wrapped.
pub fn replacement(matched: &str, suggestion: &str) -> String {
    let Some(nl) = matched.find('\n') else {
        return suggestion.to_string();
    };
    let run_start = matched[..nl].trim_end_matches(char::is_whitespace).len();
    let rest = &matched[nl + 1..];
    let prefix = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || c == '>')
            .len();
    let run_end = nl + 1 + prefix;
    let run = &matched[run_start..run_end];
    let ratio = matched[..run_start].chars().count() as f64 / matched.chars().count().max(1) as f64;
    let total = suggestion.chars().count().max(1) as f64;
    let space = suggestion
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .min_by(|(a, _), (b, _)| {
            let da = (suggestion[..*a].chars().count() as f64 / total - ratio).abs();
            let db = (suggestion[..*b].chars().count() as f64 / total - ratio).abs();
            da.total_cmp(&db)
        });
    match space {
        Some((i, _)) => format!("{}{run}{}", &suggestion[..i], &suggestion[i + 1..]),
        None => suggestion.to_string(),
    }
}

/// `text` with each range replaced. Edits must be sorted and must not overlap.
pub fn apply(text: &str, edits: &[(Range<usize>, &str)]) -> String {
    // Exactly the length of the result: a buffer that grew past the text's length was copied
    // into one twice the size, and a 64 MiB file was then held three times (with an
    // allocator that does not remap).
    let len = edits.iter().fold(text.len(), |len, (range, with)| {
        len - range.len() + with.len()
    });
    let mut out = String::with_capacity(len);
    let mut at = 0;
    for (range, with) in edits {
        debug_assert!(range.start >= at, "edits overlap or are unsorted");
        out.push_str(&text[at..range.start]);
        out.push_str(with);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_line_break() {
        assert_eq!(
            replacement(
                "community of\ncommon destiny",
                "community of shared future for mankind"
            ),
            "community of shared\nfuture for mankind"
        );
        assert_eq!(
            replacement("dual\r\n  cycle", "dual circulation"),
            "dual\r\n  circulation"
        );
        assert_eq!(
            replacement("CCP", "Communist Party of China"),
            "Communist Party of China"
        );
        assert_eq!(replacement("One\nBelt", "BRI"), "BRI");
        assert_eq!(
            replacement("great changes\n> unseen", "profound changes unseen"),
            "profound changes\n> unseen"
        );
    }

    #[test]
    fn applies_sorted_edits() {
        assert_eq!(
            apply("a CCP b CCP", &[(2..5, "CPC"), (8..11, "CPC")]),
            "a CPC b CPC"
        );
    }
}
