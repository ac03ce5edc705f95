//! Character classes and folding: the single place that decides which characters are
//! whitespace, which are word characters, and which typographic variants count as equal.
//!
//! Everything the matcher compares goes through [`fold`], and every boundary it checks goes
//! through [`is_word_char`], so the glossary validator and the matcher can never disagree.

/// Folds a character for comparison: letter case, curly quotes and hyphen variants.
///
/// ’ ‘ ‛ fold to `'`, “ ” ‟ to `"`, U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN,
/// U+2012 FIGURE DASH and U+2013 EN DASH to `-`. Letters fold as Unicode simple case folding folds them (to lower
/// case, and final sigma to sigma, long s to s), so every casing of a word in any cased script
/// folds alike; full-width Latin letters and digits fold to ASCII.
#[inline]
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' => '"',
        // An en dash joins words as a hyphen does ("win–win"); between numbers it is a
        // range, which no form spells with a hyphen either way.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
        // Full-width Latin letters and digits (East Asian typesetting) read as ASCII.
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
        '\u{FF21}'..='\u{FF3A}' => char::from(b'a' + (c as u32 - 0xFF21) as u8),
        '\u{FF41}'..='\u{FF5A}' => char::from(b'a' + (c as u32 - 0xFF41) as u8),
        // The one capital whose lower case is two characters (i and a combining dot).
        '\u{130}' => 'i',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => case_variant(l),
                _ => c,
            }
        }
    }
}

/// The lower-case letters that Unicode case folding maps to another lower-case letter, so
/// that every casing of a word folds alike: "ΟΔΟΣ" (capital sigma) and "οδος" (final sigma)
/// are one word. The table is the complete list (Unicode 14 CaseFolding.txt, statuses C and
/// S, letters whose lower case folds further), short enough to keep by hand rather than pull
/// in a crate for it.
#[inline]
fn case_variant(l: char) -> char {
    match l {
        'µ' => 'μ',
        'ſ' => 's',
        '\u{345}' | '\u{1FBE}' => 'ι',
        'ς' => 'σ',
        'ϐ' => 'β',
        'ϑ' => 'θ',
        'ϕ' => 'φ',
        'ϖ' => 'π',
        'ϰ' => 'κ',
        'ϱ' => 'ρ',
        'ϵ' => 'ε',
        'ẛ' => 'ṡ',
        '\u{1C80}' => 'в',
        '\u{1C81}' => 'д',
        '\u{1C82}' => 'о',
        '\u{1C83}' => 'с',
        '\u{1C84}' | '\u{1C85}' => 'т',
        '\u{1C86}' => 'ъ',
        '\u{1C87}' => 'ѣ',
        '\u{1C88}' => 'ꙋ',
        _ => l,
    }
}

/// Whether `c` is part of a word: a letter or a digit.
///
/// Han ideographs and kana are letters to Unicode, but Chinese and Japanese are written without
/// spaces, so for the English terms termlint matches they act as boundaries: "CCP" in
/// "CCP领导" is a whole word.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() && !is_unspaced_script(c)
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{3FFFF}' // CJK Extensions B and later
    )
}

/// How many line breaks a whitespace character counts as.
///
/// `\n` is one (so CRLF is one: `\r` counts as none), U+2028 LINE SEPARATOR is one, and
/// U+2029 PARAGRAPH SEPARATOR is two, that is, a blank line.
#[inline]
pub fn line_breaks(c: char) -> u8 {
    match c {
        '\n' | '\u{2028}' | '\u{0085}' => 1,
        '\u{2029}' => 2,
        _ => 0,
    }
}

/// Folds a glossary form into the character sequence the matcher compares against:
/// each character folded, each run of whitespace one `' '`, no leading or trailing space.
pub fn fold_form(form: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(form.len());
    for c in form.trim().chars() {
        if c.is_whitespace() {
            if out.last() != Some(&' ') {
                out.push(' ');
            }
        } else {
            out.push(fold(c));
        }
    }
    out
}

/// The folded form as a string: the key two forms are compared by when a glossary is loaded.
pub fn normalize(form: &str) -> String {
    fold_form(form).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typographic_variants_and_case() {
        assert_eq!(
            normalize("China’s  “Win‑Win”\u{a0}Policy"),
            "china's \"win-win\" policy"
        );
        assert_eq!(fold('É'), 'é');
        assert_eq!(fold('–'), '-', "an en dash reads as a hyphen");
        assert_eq!(fold('—'), '—', "an em dash does not");
    }

    #[test]
    fn word_chars() {
        assert!(is_word_char('a') && is_word_char('7') && is_word_char('é'));
        assert!(!is_word_char('\'') && !is_word_char('-') && !is_word_char('中'));
    }
}
