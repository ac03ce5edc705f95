//! URLs and e-mail addresses, which are never checked: a term inside
//! `https://example.org/one-belt-one-road` or `ccp@example.org` is not prose.

use std::ops::Range;

/// How far from a match to look for the edges of the whitespace-delimited token around it.
/// Longer URLs are rare; the bound keeps the check linear on a text without whitespace.
const MAX_SCAN: usize = 512;

/// Whether `text[start..end]` lies in a URL or an e-mail address. The token around it is
/// looked for within `within` only (the prose around the match: in Markdown, the link text
/// `[CCP](https://example.org)` is prose even though its destination is a URL).
pub fn in_url(text: &str, within: Range<usize>, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let lo = start.saturating_sub(MAX_SCAN).max(within.start);
    let hi = (end + MAX_SCAN).min(within.end).min(bytes.len());
    let token_start = bytes[lo..start]
        .iter()
        .rposition(|b| b.is_ascii_whitespace())
        .map_or(lo, |i| lo + i + 1);
    let token_end = bytes[end..hi]
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .map_or(hi, |i| end + i);
    let token = &bytes[token_start..token_end];
    if memchr::memmem::find(token, b"://").is_some() {
        return true;
    }
    let trimmed = {
        let skip = token.iter().take_while(|b| b"([<\"'*_".contains(b)).count();
        &token[skip..]
    };
    if trimmed.len() >= 4 && trimmed[..4].eq_ignore_ascii_case(b"www.") {
        return true;
    }
    if trimmed.starts_with(b"mailto:") {
        return true;
    }
    // An e-mail address: something@domain.tld.
    match memchr::memchr(b'@', token) {
        Some(at) => at > 0 && token[at + 1..].contains(&b'.'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, needle: &str) -> bool {
        let start = text.find(needle).unwrap();
        in_url(text, 0..text.len(), start, start + needle.len())
    }

    #[test]
    fn urls_and_emails() {
        assert!(check("see https://example.org/CCP/page now", "CCP"));
        assert!(check("see (www.ccp.example) now", "ccp"));
        assert!(check("mail ccp@example.org today", "ccp"));
        assert!(!check("the CCP said", "CCP"));
        assert!(!check("the CCP. Then", "CCP"));
        assert!(!check("@CCP said", "CCP"));
    }
}
